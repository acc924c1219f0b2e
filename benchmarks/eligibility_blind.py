"""Blind round: eligibility text read on criteria written by someone who never saw the rules.

``benchmarks/blind/eligibility_round1.jsonl`` holds 120 criteria in registry style, each with a
writer's label of what it is about (HER2 categories, genes, primary sites, metastatic extent,
MSI/MMR). Each criterion goes through ``guidance.trials.eligibility.parse_item`` and what the
parser asks for is compared with the label, field by field. The first score of each round is
kept in ``benchmarks/README.md``; a fix must be general, never fitted to a line of this file.

    .venv/bin/python -m benchmarks.eligibility_blind [--show] [--file PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from guidance.trials.eligibility import parse_item
from vocabulary.biomarkers import HER2_NEGATIVE, HER2_STATUSES, is_gene

ROUND_1 = Path(__file__).resolve().parent / "blind" / "eligibility_round1.jsonl"
FIELDS = ("her2", "genes", "sites", "metastatic", "msi")
GROUP_NAMES = {"BRCA": ("BRCA1", "BRCA2"), "BRCA1/2": ("BRCA1", "BRCA2")}
NOT_GENES = {"HR", "TNBC", "germline", "PD-L1", "MMR"}


def expected(label: dict[str, Any]) -> dict[str, Any]:
    """The label in the parser's terms: what a profile would be checked for."""
    her2 = label.get("her2") or []
    if set(her2) >= set(HER2_STATUSES):
        her2 = []  # "regardless of HER2 status" asks for nothing
    # one "negated" flag per line: it is HER2's only when no gene is labelled beside it
    if label.get("negated") and her2 == ["positive"] and not label.get("genes"):
        her2 = sorted(HER2_NEGATIVE)  # "not HER2-positive": HER2-negative, IHC 0 to 2+/ISH-
    msi = None
    if label.get("msi") == "high" or label.get("mmr") == "deficient":
        msi = "high"
    elif label.get("msi") == "stable" or label.get("mmr") == "proficient":
        msi = "stable"
    return {
        "her2": sorted(set(her2)),
        "genes": sorted(set(label.get("genes") or [])),
        "sites": sorted(set(label.get("sites") or [])),
        "metastatic": label.get("metastatic"),
        "msi": msi,
    }


def read(text: str, inclusion: bool) -> dict[str, Any]:
    """What the parser asks of a profile for one criterion, in the label's terms."""
    her2: set[str] = set()
    genes: set[str] = set()
    sites: set[str] = set()
    metastatic: bool | None = None
    msi = None
    for criterion in parse_item(text, inclusion):
        detail = criterion.detail
        if criterion.kind == "site":
            sites |= set(detail.get("sites") or [])
        if criterion.kind == "stage":
            metastatic = stage_extent(detail, metastatic)
        if criterion.kind != "biomarker":
            continue
        name = detail.get("name") or ""
        if name == "HER2":
            her2 |= set(detail.get("statuses") or [])
        elif name.upper() in ("TNBC", "TRIPLE NEGATIVE", "TRIPLE-NEGATIVE"):
            her2 |= set(HER2_NEGATIVE)
        elif name == "MSI":
            statuses = detail.get("statuses") or []
            msi = "high" if "high" in statuses else ("stable" if statuses else None)
        elif name not in NOT_GENES and name not in ("ER", "PR"):
            members = detail.get("genes") or GROUP_NAMES.get(name) or [name]
            genes |= {g for g in members if is_gene(g)}
    return {
        "her2": sorted(her2),
        "genes": sorted(genes),
        "sites": sorted(sites),
        "metastatic": metastatic,
        "msi": msi,
    }


def stage_extent(detail: dict[str, Any], before: bool | None) -> bool | None:
    if "metastatic" in detail:
        return bool(detail["metastatic"])
    groups = detail.get("groups") or []
    if groups:
        return "IV" in groups
    return before


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    results: dict[str, Any] = {
        f: {"agree": 0, "all": 0, "decided": 0, "agree_decided": 0} for f in FIELDS
    }
    misses = []
    exact = 0
    for row in rows:
        want = expected(row["label"])
        got = read(row["text"], row["section"] == "inclusion")
        same_row = True
        for name in FIELDS:
            counts = results[name]
            counts["all"] += 1
            agree = want[name] == got[name]
            decided = want[name] not in (None, []) or got[name] not in (None, [])
            counts["agree"] += agree
            if decided:
                counts["decided"] += 1
                counts["agree_decided"] += agree
            if not agree:
                same_row = False
                misses.append((row["id"], name, want[name], got[name], row["text"]))
        exact += same_row
    return {"fields": results, "exact": exact, "rows": len(rows), "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=ROUND_1)
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line]
    result = score(rows)
    print(f"{args.file.name}: {result['rows']} criteria, all fields right: {result['exact']}")
    print(f"{'field':<12}{'all':>14}{'decided':>16}")
    for name, c in result["fields"].items():
        decided = (
            f"{c['agree_decided'] / c['decided']:.3f} ({c['agree_decided']}/{c['decided']})"
            if c["decided"]
            else "-"
        )
        print(f"{name:<12}{c['agree'] / c['all']:>8.3f} ({c['agree']}){decided:>16}")
    if args.show:
        for rid, name, want, got, text in result["misses"]:
            print(f"  {rid} {name}: label {want} | ours {got} | {text[:110]}")


if __name__ == "__main__":
    main()
