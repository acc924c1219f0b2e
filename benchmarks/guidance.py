"""Trial-matching benchmark: our matcher's criterion statuses against hand-written judgments.

    .venv/bin/python -m benchmarks.guidance [--cases FILE] [--json OUT] [--all]

The judgments (``benchmarks/guidance_cases.json``) were written by hand from each catalog
trial's original criterion text and one test profile (``tests/guidance/profiles.py``), before
the matcher was run on them, as a careful oncologist would read the profile alone: ``met``,
``not met`` or ``unknown``. For an exclusion criterion ``met`` means the patient is not
excluded by it. Issue 4 is judged the same way on a hidden set ("criterion-level agreement,
goal >= 95 %"), so this gives the team a figure of its own before that.

Each case is one (profile, trial) pair and lists every criterion text of the trial once per
(text, inclusion) pair, as the matcher groups them. Printed: agreement overall, on the
decidable criteria (the label or ours is not ``unknown``, the part that is not free), by
criterion kind (the catalog's kind for that text), a confusion table (ours x label) and every
disagreement (``--all`` prints all of them, otherwise the first 60).

A labelled text that the parser now reads under the other heading than the case file says (a
heading it once missed) is paired by its text; the count of these is printed, and a text it now
reads under both headings keeps the one label it was given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

CASES = Path(__file__).with_name("guidance_cases.json")
LABELS = ("met", "not met", "unknown")


class CaseError(ValueError):
    """The case file does not fit the catalog or the profiles it names."""


@dataclass(frozen=True)
class Row:
    """One criterion judged twice: by the hand label and by our matcher."""

    profile: str
    trial: str
    text: str
    inclusion: bool
    kind: str
    label: str
    ours: str
    reread: bool = False  # the catalog now reads it under the other heading than the case file


def load_cases(path: Path = CASES) -> list[dict]:
    """The (profile, trial) cases with their labelled criteria."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["cases"]


def _profiles() -> dict[str, dict]:
    # The test profiles live with the tests; the repository root is on sys.path under -m.
    from tests.guidance.profiles import PROFILES

    return PROFILES


def _catalog() -> dict:
    from guidance.trials.catalog import load_catalog

    return {trial.nct_id: trial for trial in load_catalog()}


def _groups(trial) -> dict[tuple[str, bool], str]:
    """(text, inclusion) -> kind, in trial order; a text parsed into several kinds joins them."""
    kinds: dict[tuple[str, bool], set[str]] = {}
    for criterion in trial.criteria:
        kinds.setdefault((criterion.text, criterion.inclusion), set()).add(criterion.kind)
    return {key: "+".join(sorted(found)) for key, found in kinds.items()}


def _key(criterion: dict, groups: dict, keys: list[tuple[str, bool]]) -> tuple[str, bool]:
    """The catalog's (text, inclusion) for a labelled criterion. When the parser now reads the
    list a text sits in the other way (a heading it did not recognise before), the text is the
    same criterion under the catalog's flag; the label is not touched."""
    key = (criterion["text"], criterion["inclusion"])
    flipped = (criterion["text"], not criterion["inclusion"])
    if key not in groups and flipped in groups and flipped not in keys:
        return flipped
    return key


def check_cases(cases: list[dict], catalog: dict, profiles: dict) -> None:
    """Raise CaseError when a case names an unknown trial, profile, criterion or label."""
    seen = set()
    for case in cases:
        where = f"{case.get('profile')} x {case.get('trial')}"
        if case.get("trial") not in catalog:
            raise CaseError(f"{where}: trial not in the catalog")
        if case.get("profile") not in profiles:
            raise CaseError(f"{where}: unknown profile")
        if (case["profile"], case["trial"]) in seen:
            raise CaseError(f"{where}: case listed twice")
        seen.add((case["profile"], case["trial"]))
        groups = _groups(catalog[case["trial"]])
        written = [(c["text"], c["inclusion"]) for c in case["criteria"]]
        keys = [_key(c, groups, written) for c in case["criteria"]]
        for criterion, key in zip(case["criteria"], keys, strict=True):
            if key not in groups:
                raise CaseError(f"{where}: criterion not in the trial: {key[0][:80]!r}")
            if criterion["label"] not in LABELS:
                raise CaseError(f"{where}: label {criterion['label']!r} not in {LABELS}")
            if criterion["label"] != "unknown" and not criterion.get("why"):
                raise CaseError(f"{where}: {key[0][:60]!r} is {criterion['label']} without a why")
        # a text the parser now reads under both headings is labelled once, as it was
        unlisted = [k for k in groups if k not in keys and (k[0], not k[1]) not in keys]
        if len(set(keys)) != len(keys) or unlisted:
            raise CaseError(f"{where}: criteria missing or repeated")


def judge(
    cases: list[dict], catalog: dict | None = None, profiles: dict | None = None
) -> list[Row]:
    """Run ``match_trial`` for every case and pair its statuses with the labels."""
    from guidance.matching import match_trial

    catalog = catalog if catalog is not None else _catalog()
    profiles = profiles if profiles is not None else _profiles()
    check_cases(cases, catalog, profiles)
    rows = []
    for case in cases:
        trial = catalog[case["trial"]]
        groups = _groups(trial)
        result = match_trial(trial, profiles[case["profile"]])
        # The matcher's output has no inclusion flag: pair by text, in order.
        ours: dict[str, list[str]] = defaultdict(list)
        for criterion in result["criteria"]:
            ours[criterion["text"]].append(criterion["status"])
        written = [(c["text"], c["inclusion"]) for c in case["criteria"]]
        for criterion in case["criteria"]:
            statuses = ours.get(criterion["text"]) or ["(missing)"]
            status = statuses.pop(0) if len(statuses) > 1 else statuses[0]
            key = _key(criterion, groups, written)
            rows.append(
                Row(
                    case["profile"],
                    case["trial"],
                    criterion["text"],
                    key[1],
                    groups[key],
                    criterion["label"],
                    status,
                    key[1] != criterion["inclusion"],
                )
            )
    return rows


def _share(rows: list[Row]) -> str:
    if not rows:
        return "-"
    agree = sum(row.ours == row.label for row in rows)
    return f"{agree / len(rows):.3f} ({agree}/{len(rows)})"


def report(rows: list[Row], limit: int | None = 60) -> str:
    """The printed figures: agreement, by kind, confusion table, disagreements."""
    decidable = [r for r in rows if r.label != "unknown" or r.ours != "unknown"]
    lines = [
        f"cases: {len({(r.profile, r.trial) for r in rows})}, criteria: {len(rows)}",
        f"agreement, all criteria:       {_share(rows)}",
        f"agreement, decidable criteria: {_share(decidable)}  (label or ours is not unknown)",
        f"read under the other heading than the case file: {sum(r.reread for r in rows)}",
        "",
        "by kind (all / decidable):",
    ]
    for kind in sorted({r.kind for r in rows}):
        mine = [r for r in rows if r.kind == kind]
        sure = [r for r in decidable if r.kind == kind]
        lines.append(f"  {kind:28} {_share(mine):20} {_share(sure)}")
    counts = Counter((r.ours, r.label) for r in rows)
    ours_values = sorted({r.ours for r in rows}, key=lambda v: (v not in LABELS, v))
    lines += [
        "",
        "confusion (rows: ours, columns: label):",
        " " * 12 + "".join(f"{v:>10}" for v in LABELS),
    ]
    for value in ours_values:
        lines.append(f"{value:>12}" + "".join(f"{counts[(value, label)]:>10}" for label in LABELS))
    wrong = [r for r in rows if r.ours != r.label]
    lines += ["", f"disagreements: {len(wrong)}"]
    for r in wrong[:limit] if limit else wrong:
        flag = "incl" if r.inclusion else "excl"
        lines.append(
            f"  {r.profile} | {r.trial} | {flag} {r.kind} | ours {r.ours} | label {r.label} | "
            f"{r.text[:110]}"
        )
    if limit and len(wrong) > limit:
        lines.append(f"  ... {len(wrong) - limit} more (--all)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--json", type=Path, help="write every judged row here")
    parser.add_argument("--all", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    try:
        rows = judge(load_cases(args.cases))
    except CaseError as exc:
        print(f"bad case file {args.cases}: {exc}", file=sys.stderr)
        return 2
    print(report(rows, limit=None if args.all else 60))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
