"""Reconciliation: per figure and proposition, the findings and the estimate, with their reasons.

The rules, stated so a sceptical reader can disagree with them (see
``docs/reconciliation.md``):

- A claim's *voice* is its claimant's top-level actor: a ministry and its
  government are one voice, and relays or repeats of a statement add no
  voice. Only a claimant's standing claims count: one it revised
  (``supersedes``) or one that repeats another (``same-as``) is set aside.
- Two claims are *comparable* when they can be about the same moment: on a
  figure that is not a running total, any two claims whose periods overlap
  (the figure fixes the period unless a claim's ``as-of`` narrows it), and,
  on a running total, claims whose as-of dates overlap at the precision
  they were given (a larger total a month later is progress).
- Two comparable claims *contradict* when their intervals share no count
  and their voices differ. One finding is made per pair of voices, naming
  the pair of claims furthest apart, so a figure with thousands of claims
  gives at most one finding per pair of claimants, not per pair of claims.
  Nor are all pairs compared to find them: voices are ranked by their
  highest floor, and each ceiling walks down the ranking only while it
  contradicts, so the work grows with the contradictions there are. Past
  :data:`PAIRED_VOICES` voices on a figure, only the pairs in which one of
  its extreme voices takes part are listed (``crowded-figure`` says so).
"""

from .contradictions import PAIRED_VOICES
from .core import reconcile
from .results import FigureResult, PartisanPattern, PropositionResult, Reconciliation

__all__ = [
    "PAIRED_VOICES",
    "FigureResult",
    "PartisanPattern",
    "PropositionResult",
    "Reconciliation",
    "reconcile",
]
