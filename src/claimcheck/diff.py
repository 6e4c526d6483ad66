"""What changed between two versions of a corpus: findings, estimates and claims.

Each side is a JSON report (``claimcheck report -f json``), a folder of claim
files, or a git revision of one (``REV:PATH``, or ``REV`` for ``claims/`` at
that revision), read from the git repository of the current folder. Sides
that are claim files are reconciled with the same policy. Findings are
matched by what they are about (figure or proposition), their code and the
claims they cite: one that cites other claims is a new finding.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import frozen

from .errors import DiffError
from .estimate import EstimatePolicy
from .findings import Finding, severity_rank
from .text import plain

__all__ = [
    "DiffError",
    "FindingKey",
    "ReportDiff",
    "diff_json",
    "diff_markdown",
    "diff_reports",
    "finding_key",
    "read_side",
    "report_finding_keys",
]

#: A finding's identity across versions: subject (figure or proposition id), code, cited claims.
FindingKey = tuple[str, str, tuple[str, ...]]


def finding_key(finding: Finding) -> FindingKey:
    """What identifies a finding across two versions of a corpus."""
    return (finding.subject, finding.code, finding.claims)


def _report_findings(report: dict[str, Any]) -> Iterator[tuple[FindingKey, dict[str, Any]]]:
    for kind in ("figures", "propositions"):
        for item in report.get(kind, []):
            for f in item.get("findings", []):
                yield (item["id"], f["code"], tuple(f["claims"])), f


def report_finding_keys(report: dict[str, Any]) -> dict[FindingKey, int]:
    """The findings of a JSON report, as keys with their severity rank (what ``report --baseline`` compares)."""
    ranks: dict[FindingKey, int] = {}
    for key, f in _report_findings(report):
        ranks[key] = max(ranks.get(key, 0), severity_rank(f["severity"]))
    return ranks


def _load_json_report(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DiffError(f"{path}: not a JSON report ({exc})") from None
    if not isinstance(data, dict) or not str(data.get("format", "")).startswith("claimcheck-report/"):
        raise DiffError(f'{path}: not a claimcheck JSON report (no "format": "claimcheck-report/...")')
    return data


def _reconciled(folder: Path | str, policy: EstimatePolicy | None) -> dict[str, Any]:
    from .load import load
    from .reconcile import reconcile
    from .render.json import report_data

    corpus = load(folder)
    return report_data(reconcile(corpus, policy=policy), corpus)


def _git_folder(spec: str, into: Path) -> Path:
    """The claim files of ``REV:PATH`` (or ``REV``, meaning ``claims``) extracted into ``into``."""
    import subprocess
    import tarfile

    rev, _, inside = spec.partition(":")
    inside = inside or "claims"
    if not rev or rev.startswith("-") or inside.startswith("-"):
        raise DiffError(f"{spec}: not a file, a folder or a git revision")
    run = subprocess.run(
        ["git", "archive", "--format=tar", rev, "--", inside],
        capture_output=True,
        check=False,
    )
    if run.returncode != 0:
        reason = plain(run.stderr.decode("utf-8", "replace"))
        raise DiffError(f"{spec}: not a file, a folder or a git revision with that path ({reason})")
    tar = into / "archive.tar"
    tar.write_bytes(run.stdout)
    root = into / "tree"
    with tarfile.open(tar) as archive:
        for member in archive.getmembers():
            # Only plain files and folders, inside the target: git archive makes nothing else from claim files.
            target = os.path.normpath(root / member.name)
            if not target.startswith(str(root) + os.sep) or not (member.isfile() or member.isdir()):
                continue
            if member.isdir():
                os.makedirs(target, exist_ok=True)
                continue
            source = archive.extractfile(member)
            if source is not None:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                Path(target).write_bytes(source.read())
    return root / inside


def read_side(spec: str, policy: EstimatePolicy | None = None) -> dict[str, Any]:
    """One side of a diff as JSON report data: a JSON report, a claim folder or file, or a git revision."""
    path = Path(spec)
    if path.is_file() and path.suffix == ".json":
        return _load_json_report(path)
    if path.exists():
        return _reconciled(path, policy)
    with tempfile.TemporaryDirectory(prefix="claimcheck-diff-") as tmp:
        return _reconciled(_git_folder(spec, Path(tmp)), policy)


@frozen(kw_only=True)
class ReportDiff:
    """What changed from one report to the next; every list is sorted, so output is deterministic."""

    old: str
    new: str
    findings_added: tuple[dict[str, Any], ...]
    findings_removed: tuple[dict[str, Any], ...]
    #: (before, after) pairs of the same finding whose severity or message changed.
    findings_changed: tuple[tuple[dict[str, Any], dict[str, Any]], ...]
    #: (figure id, estimate before, estimate after); an estimate is None where there was none.
    estimates_moved: tuple[tuple[str, dict[str, Any] | None, dict[str, Any] | None], ...]
    claims_added: tuple[str, ...]
    claims_removed: tuple[str, ...]
    #: (claim id, the fields that differ).
    claims_edited: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (
            self.findings_added
            or self.findings_removed
            or self.findings_changed
            or self.estimates_moved
            or self.claims_added
            or self.claims_removed
            or self.claims_edited
        )


def _with_subject(items: Iterable[tuple[FindingKey, dict[str, Any]]]) -> dict[FindingKey, dict[str, Any]]:
    return {key: {"subject": key[0], **f} for key, f in items}


def _order(f: dict[str, Any]) -> tuple[int, str, str, tuple[str, ...]]:
    return (-severity_rank(f["severity"]), f["subject"], f["code"], tuple(f["claims"]))


def _claims(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    claims: dict[str, dict[str, Any]] = {}
    for figure in report.get("figures", []):
        for claim in figure.get("claims", []):
            claims[claim["id"]] = {"figure": figure["id"], **claim}
    for prop in report.get("propositions", []):
        for claim_id in prop.get("claims", []):
            claims.setdefault(claim_id, {"proposition": prop["id"]})
    return claims


def _estimates(report: dict[str, Any]) -> dict[str, Any]:
    return {figure["id"]: figure.get("estimate") for figure in report.get("figures", [])}


def _bounds(estimate: dict[str, Any] | None) -> tuple[Any, ...] | None:
    return None if estimate is None else (estimate.get("low"), estimate.get("best"), estimate.get("high"))


def diff_reports(
    old: dict[str, Any], new: dict[str, Any], *, old_name: str = "old", new_name: str = "new"
) -> ReportDiff:
    """Compare two JSON reports (as data): findings, estimates and claims."""
    before, after = _with_subject(_report_findings(old)), _with_subject(_report_findings(new))
    changed = [
        (before[k], after[k])
        for k in sorted(before.keys() & after.keys())
        if (before[k]["severity"], before[k]["message"]) != (after[k]["severity"], after[k]["message"])
    ]
    old_est, new_est = _estimates(old), _estimates(new)
    moved = [
        (fig, old_est.get(fig), new_est.get(fig))
        for fig in sorted(old_est.keys() | new_est.keys())
        if _bounds(old_est.get(fig)) != _bounds(new_est.get(fig))
    ]
    old_claims, new_claims = _claims(old), _claims(new)
    edited = []
    for claim_id in sorted(old_claims.keys() & new_claims.keys()):
        a, b = old_claims[claim_id], new_claims[claim_id]
        fields = tuple(sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)))
        if fields:
            edited.append((claim_id, fields))
    return ReportDiff(
        old=old_name,
        new=new_name,
        findings_added=tuple(sorted((after[k] for k in after.keys() - before.keys()), key=_order)),
        findings_removed=tuple(sorted((before[k] for k in before.keys() - after.keys()), key=_order)),
        findings_changed=tuple(sorted(changed, key=lambda pair: _order(pair[1]))),
        estimates_moved=tuple(moved),
        claims_added=tuple(sorted(new_claims.keys() - old_claims.keys())),
        claims_removed=tuple(sorted(old_claims.keys() - new_claims.keys())),
        claims_edited=tuple(edited),
    )


def _md(text: object) -> str:
    from .render.markdown import cell

    return cell(str(text))


def _finding_md(f: dict[str, Any]) -> str:
    cited = ", ".join(f"`{c}`" for c in f["claims"])
    return f"- **{f['severity']}** `{f['code']}` on `{f['subject']}`: {_md(f['message'])} ({cited})"


def _estimate_md(estimate: dict[str, Any] | None) -> str:
    if estimate is None:
        return "none"
    parts = [estimate.get("low"), estimate.get("best"), estimate.get("high")]
    return (
        " / ".join("–" if v is None else f"{v:,}" for v in parts[:2])
        + " / "
        + ("unbounded" if parts[2] is None else f"{parts[2]:,}")
    )


def diff_markdown(diff: ReportDiff) -> str:
    """The diff as Markdown: counts first, then each kind of change."""
    out = [
        f"# Changes from {_md(diff.old)} to {_md(diff.new)}",
        "",
        f"Findings: {len(diff.findings_added)} added, {len(diff.findings_removed)} removed, "
        f"{len(diff.findings_changed)} changed · estimates moved: {len(diff.estimates_moved)} · claims: "
        f"{len(diff.claims_added)} added, {len(diff.claims_removed)} removed, {len(diff.claims_edited)} edited",
        "",
    ]
    if diff.empty:
        out += ["No changes.", ""]
    if diff.findings_added:
        out += ["## Findings added", "", *map(_finding_md, diff.findings_added), ""]
    if diff.findings_removed:
        out += ["## Findings removed", "", *map(_finding_md, diff.findings_removed), ""]
    if diff.findings_changed:
        out += ["## Findings changed", ""]
        for a, b in diff.findings_changed:
            out.append(f"{_finding_md(b)} (was **{a['severity']}**: {_md(a['message'])})")
        out.append("")
    if diff.estimates_moved:
        out += ["## Estimates moved", "", "| figure | before (low / best / high) | after |", "|---|---|---|"]
        out += [f"| `{fig}` | {_estimate_md(a)} | {_estimate_md(b)} |" for fig, a, b in diff.estimates_moved]
        out.append("")
    if diff.claims_added or diff.claims_removed or diff.claims_edited:
        out += ["## Claims", ""]
        out += [f"- added `{c}`" for c in diff.claims_added]
        out += [f"- removed `{c}`" for c in diff.claims_removed]
        out += [f"- edited `{c}`: {', '.join(fields)}" for c, fields in diff.claims_edited]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def diff_json(diff: ReportDiff) -> str:
    """The diff as JSON (sorted keys, two-space indent)."""
    data = {
        "format": "claimcheck-diff/1",
        "old": diff.old,
        "new": diff.new,
        "findings": {
            "added": list(diff.findings_added),
            "removed": list(diff.findings_removed),
            "changed": [{"before": a, "after": b} for a, b in diff.findings_changed],
        },
        "estimates": [{"figure": fig, "before": a, "after": b} for fig, a, b in diff.estimates_moved],
        "claims": {
            "added": list(diff.claims_added),
            "removed": list(diff.claims_removed),
            "edited": [{"id": c, "fields": list(fields)} for c, fields in diff.claims_edited],
        },
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
