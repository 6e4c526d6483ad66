"""The columnar core: claims as arrays, the contradiction rules over them, and the claim-by-claim oracle.

:func:`claimcheck.reconcile` finds contradicting pairs over columns (``claimcheck.columns``,
``claimcheck.reconcile.kernels``); ``_reconcile_objects`` is the same reconciliation claim by claim.
The two must agree finding for finding and estimate for estimate.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import from_data, load, reconcile
from claimcheck.columns import EXACT_LIMIT, FIRST_DAY, LAST_DAY, ClaimColumns
from claimcheck.model import Corpus
from claimcheck.reconcile.agreements import _stable_order
from claimcheck.reconcile.core import _reconcile_objects
from claimcheck.reconcile.kernels import contradicting_pairs
from claimcheck.reconcile.voices import _agreement
from claimcheck.values import Reading

from .strategies import claim_files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import Spec, build_corpus  # noqa: E402


def _columns(corpus: Corpus) -> ClaimColumns:
    """The columns reconciliation builds for ``corpus`` (its views by figure, each sorted by id)."""
    result = _reconcile_objects(corpus)
    views = {f.figure.id: f.claims for f in result.figures}
    claims = {f.id: {c.id: c for c in corpus.claims if c.figure == f.id} for f in corpus.figures}
    return ClaimColumns.from_views(corpus.figures, views, claims)


def _same(corpus: Corpus, **options: Any) -> None:
    expected, actual = _reconcile_objects(corpus, **options), reconcile(corpus, **options)
    # Figure by figure first, so a failure names the figure rather than the whole reconciliation.
    for want, got in zip(expected.figures, actual.figures, strict=True):
        assert want.findings == got.findings
        assert want.estimate == got.estimate
    assert expected == actual


@given(claim_files())
def test_columns_agree_with_the_oracle(data: dict[str, Any]) -> None:
    """On any claim file, the columnar reconciliation equals the claim-by-claim one, findings and estimates."""
    _same(from_data(data))


@given(claim_files(max_claims=24), st.sampled_from([None, Reading(tolerance=0.3)]))
def test_columns_agree_with_the_oracle_on_crowded_files(data: dict[str, Any], reading: Reading | None) -> None:
    """With many claims on few figures, and under another reading of the values, the two still agree."""
    _same(from_data(data), reading=reading)


def test_columns_agree_with_the_oracle_on_the_bundled_corpus() -> None:
    """The bundled corpus reconciles to the same result over columns as claim by claim."""
    _same(load(ROOT / "claims"))


def test_columns_agree_with_the_oracle_on_a_synthetic_corpus() -> None:
    """A generated corpus (running totals, periods, revisions, headline figures) gives the same result both ways."""
    corpus = build_corpus(Spec(claims=3_000, seed=7))
    _same(corpus)
    assert 0 < len(reconcile(corpus).select("contradiction"))


def test_crowded_figures_that_are_not_running_totals_go_over_columns() -> None:
    """A figure of 1,000 claims from a few voices pairs only its voices' envelopes, so the arrays take it unless it
    is a running total (every claim against every claim), and the result equals the oracle's."""
    corpus = build_corpus(Spec(claims=8_000, figures=10, actors=30, seed=11))
    cols = _columns(corpus)
    found = contradicting_pairs(cols, 0, len(cols.figures))
    served = {cols.figures[i].id for i in found}
    crowded = {f.id for f in corpus.figures if int(np.sum(cols.figure == cols.figures.index(f))) > 500}
    running = {f for f in crowded if corpus.figure(f).cumulative}
    assert running  # both kinds are exercised
    assert crowded - running
    assert crowded - running <= served
    assert not running & served
    _same(corpus)


def _agreements_equal_the_oracle(corpus: Corpus) -> list[str]:
    """Each figure's agreement over columns, checked against :func:`_agreement` on its standing views; the codes."""
    cols = _columns(corpus)
    codes = []
    for index, found in contradicting_pairs(cols, 0, len(cols.figures)).items():
        current = [v for v in cols.views[cols.starts[index] : cols.starts[index + 1]] if v.current]
        expected = _agreement(current) if len({v.voice for v in current}) >= 2 else None
        assert found.agreement == expected, cols.figures[index].id
        codes.append("none" if expected is None else expected[0])
    return codes


@given(claim_files(max_claims=24))
def test_agreements_over_columns_are_the_claim_by_claim_agreements(data: dict[str, Any]) -> None:
    """The sweep over arrays finds, figure by figure, the agreement the claim-by-claim sweep finds: the same kind,
    count and claims."""
    _agreements_equal_the_oracle(from_data(data))


def test_every_kind_of_agreement_is_found_over_columns() -> None:
    """On a generated corpus the arrays decide corroborations, consistencies, allied agreements and figures whose
    voices do not agree, each as the claim-by-claim rule does."""
    codes = _agreements_equal_the_oracle(build_corpus(Spec(claims=3_000, seed=7)))
    assert {"corroboration", "consistency", "allied-agreement", "none"} <= set(codes)


@given(
    st.lists(st.tuples(st.integers(0, 600), st.integers(-(2**54), 2**54)), max_size=40),
)
def test_the_stable_order_is_the_order_of_the_two_keys(keys: list[tuple[int, int]]) -> None:
    """Ordering rows by a figure and a count, in one sort of a combined key or in two, is a stable lexicographic
    order, whatever the span of the counts."""
    major = np.array([k[0] for k in keys], np.int64)
    minor = np.array([k[1] for k in keys], np.int64)
    order = _stable_order(major, minor).tolist()
    assert order == sorted(range(len(keys)), key=lambda i: (keys[i], i))


def test_chunks_cut_at_figure_boundaries() -> None:
    """Chunks cover every figure once, in order, and hold at most the rows asked for unless one figure is larger."""
    cols = _columns(build_corpus(Spec(claims=2_000, seed=3)))
    chunks = list(cols.chunks(rows=50))
    assert [first for first, _ in chunks[1:]] == [end for _, end in chunks[:-1]]
    assert (0, len(cols.figures)) == (chunks[0][0], chunks[-1][1])
    sizes = [int(cols.starts[end] - cols.starts[first]) for first, end in chunks]
    assert all(size <= 50 or end - first == 1 for size, (first, end) in zip(sizes, chunks, strict=True))


def test_pairs_do_not_depend_on_the_chunk_size() -> None:
    """Cutting the rows into small chunks finds the same pairs as one chunk over all figures."""
    cols = _columns(build_corpus(Spec(claims=2_000, seed=5)))
    whole = contradicting_pairs(cols, 0, len(cols.figures))
    pieces: dict[int, Any] = {}
    for first, end in cols.chunks(rows=37):
        pieces.update(contradicting_pairs(cols, first, end))
    assert whole == pieces
    assert any(found.worst for found in whole.values())


def test_columns_hold_the_views_sorted_by_figure() -> None:
    """Rows follow the figures, open ends are coded, and every view keeps its voice, bounds and dates."""
    corpus = load(ROOT / "claims")
    cols = _columns(corpus)
    assert np.all(np.diff(cols.figure) >= 0)
    for row, view in enumerate(cols.views):
        claim = corpus.claim(view.id)
        assert (view.low, view.high) == (int(cols.low[row]), int(cols.high[row]) if cols.bounded[row] else None)
        assert view.voice == cols.voices[cols.voice[row]]
        assert view.current == bool(cols.current[row])
        assert claim.figure == cols.figures[cols.figure[row]].id
        first, last = claim.covers.earliest, claim.covers.latest
        assert (FIRST_DAY if first is None else first.toordinal()) == int(cols.covers_first[row])
        assert (LAST_DAY if last is None else last.toordinal()) == int(cols.covers_last[row])
        assert (claim.as_of is not None) == bool(cols.dated[row])
    assert FIRST_DAY in cols.covers_first.tolist()  # the bundled corpus has dates open at the start


def test_counts_beyond_exact_floats_are_reconciled_claim_by_claim() -> None:
    """A count too large for exact float arithmetic makes the whole corpus go claim by claim, with the same result."""
    corpus = build_corpus(Spec(claims=400, seed=2))
    claim = next(c for c in corpus.claims if c.value is not None and c.value.high is not None)
    big = attrs.evolve(claim.value, low=EXACT_LIMIT, high=EXACT_LIMIT + 10)
    claims = tuple(attrs.evolve(c, value=big) if c is claim else c for c in corpus.claims)
    huge = attrs.evolve(corpus, claims=claims)
    _same(huge)
    assert EXACT_LIMIT == next(v.low for f in reconcile(huge).figures for v in f.claims if v.id == claim.id)


def test_numpy_is_imported_only_to_reconcile() -> None:
    """Importing claimcheck does not import numpy (commands that do not reconcile start faster); reconciling does."""
    script = "import sys, claimcheck; a = 'numpy' in sys.modules; claimcheck.reconcile(claimcheck.load('claims'));"
    script += " print(a, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "False True" == out.stdout.strip()
