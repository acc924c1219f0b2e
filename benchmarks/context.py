"""Context benchmark: our ConText component against negspacy and medspaCy's ConText.

    .venv/bin/python -m benchmarks.context [--engine NAME ...] [--cases FILE] [--json OUT]
        [--errors] [--repeat N] [--tag TEXT]
    .venv/bin/python -m benchmarks.context --table RESULT.json ...

The labelled cases (``benchmarks/context_cases.jsonl``, written for this benchmark, one JSON
object a line) are sentences in the style of pathology reports, oncology notes, radiology and
genomic reports. Each names target words (``span``, the ``nth`` occurrence, 0-based), their
``kind`` and the context ``labels`` they must get: ``negated``, ``hypothetical`` (conditional,
possible, suspected, to be ruled out, pending), ``family`` (a relative's), ``historical`` (the
patient's, in the past, said so by a cue) and ``planned`` (a treatment recommended, offered,
discussed, scheduled or declined, not given). ``optional`` labels are neither required nor
counted against an engine (a declined drug is planned; calling it negated is not wrong). A
result whose value is negative ("ER negative", "no BRCA1 variant detected") is the patient's
result: the target is the test, the negative is its value, so it expects no label.

Engines (each given the same target spans):

- ``ours``: the text's page view (our sentences and sections, ``components.findings.page_view``,
  no finders); each target is then judged as a finding of its kind by
  ``components.context.judge`` on that page (kind ``finding``, a pathology finding no finder of
  ours reads, is judged as ``histology``). The like-for-like mode.
- ``ours-findings``: the whole page reading (sentences, sections, finders, context); only the
  targets one of our finders found (overlapping span, same kind first), with the context
  ``judge`` gave that finding, which is what ``extract.py`` filters on. Its coverage is printed;
  its speed includes the finders.
- ``negspacy``: blank ``en`` + spaCy's ``sentencizer`` + an ``entity_ruler`` over the targets'
  words + ``negex`` (default ``en_clinical`` termset). Negation only.
- ``medspacy``: blank ``en`` + spaCy's ``sentencizer`` (not PyRuSH, for speed) + an
  ``entity_ruler`` + ``medspacy_context`` with medspaCy's default rules and spaCy's tokenizer
  (not medspaCy's). Labels: is_negated -> negated, is_uncertain or is_hypothetical ->
  hypothetical, is_family -> family, is_historical -> historical; it has no planned category.

When the ruler misses a target (the words overlap a longer target), the target's span is put
into ``doc.ents`` before the context component runs; the count is printed as ``forced``.

Scores: per label precision, recall and F1 over the targets (labels an engine cannot produce
are ``-``); "not the patient's" is the binary that matters to Navis (any of negated,
hypothetical, family or planned), scored as P/R/F1 with "not the patient's" as the positive
class; "exact" is the share of targets whose labels are exactly right (ignoring ``optional``
and labels the engine lacks). Speed is sentences (cases) per CPU second, best of ``--repeat``
passes, after the pipeline is built. Nothing is downloaded: blank ``en`` plus rules.

negspacy and medspaCy do not live in the project's environment (medspaCy 1.3 pins spaCy < 3.8);
run them from a throwaway one (from the repository root):

    UV_PYTHON_DOWNLOADS=never uv run --isolated --no-project --with negspacy \\
        --with 'spacy>=3.8,<3.9' python -m benchmarks.context --engine negspacy --json /tmp/n.json
    UV_PYTHON_DOWNLOADS=never uv run --isolated --no-project --with 'medspacy==1.3.*' \\
        --with 'numpy<2' python -m benchmarks.context --engine medspacy --json /tmp/m.json

(``numpy<2``: the spaCy 3.7 wheels medspaCy brings are built against numpy 1.) Then
``--table`` prints one Markdown table from the saved results. The exit status is 0 whatever the
scores (2 for bad arguments or a malformed case file).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CASES = Path(__file__).with_name("context_cases.jsonl")
LABELS = ("negated", "hypothetical", "family", "historical", "planned")
CANCELLING = frozenset({"negated", "hypothetical", "family", "planned"})
KINDS = frozenset(
    {"histology", "metastasis", "site", "treatment", "biomarker", "stage", "grade", "finding"}
)
ENGINES = ("ours", "ours-findings", "negspacy", "medspacy")
SPACY_ENGINES = frozenset({"negspacy", "medspacy"})
SPLITS = ("dev", "heldout", "blind")
HOW_TO_RUN = {
    "negspacy": "UV_PYTHON_DOWNLOADS=never uv run --isolated --no-project --with negspacy "
    "--with 'spacy>=3.8,<3.9' python -m benchmarks.context --engine negspacy",
    "medspacy": "UV_PYTHON_DOWNLOADS=never uv run --isolated --no-project "
    "--with 'medspacy==1.3.*' --with 'numpy<2' python -m benchmarks.context --engine medspacy",
    "ours": ".venv/bin/python -m benchmarks.context --engine ours",
    "ours-findings": ".venv/bin/python -m benchmarks.context --engine ours-findings",
}


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Target:
    span: str
    kind: str
    labels: frozenset[str]
    optional: frozenset[str]
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    id: str
    split: str
    group: str
    source: str
    text: str
    targets: tuple[Target, ...]


class CaseError(ValueError):
    """A line of the case file that does not say what it means."""


def load_cases(path: Path = CASES) -> list[Case]:
    """The labelled cases, each target located in its text; malformed lines raise CaseError."""
    cases: list[Case] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                case = _case(json.loads(line))
            except (KeyError, TypeError, ValueError) as error:
                raise CaseError(f"{path}:{number}: {error}") from error
            if case.id in seen:
                raise CaseError(f"{path}:{number}: duplicate id {case.id!r}")
            seen.add(case.id)
            cases.append(case)
    return cases


def _case(raw: dict[str, Any]) -> Case:
    text = raw["text"]
    targets = []
    for item in raw["targets"]:
        labels = frozenset(item["labels"])
        optional = frozenset(item.get("optional", []))
        unknown = (labels | optional) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown labels {sorted(unknown)}")
        if labels & optional:
            raise ValueError(f"labels both required and optional: {sorted(labels & optional)}")
        if item["kind"] not in KINDS:
            raise ValueError(f"unknown kind {item['kind']!r}")
        span, nth = item["span"], item.get("nth", 0)
        start = -1
        for _ in range(nth + 1):
            start = text.find(span, start + 1)
            if start < 0:
                raise ValueError(f"{span!r} (occurrence {nth}) is not in the text")
        targets.append(Target(span, item["kind"], labels, optional, start, start + len(span)))
    if not targets:
        raise ValueError("a case needs at least one target")
    if raw["split"] not in SPLITS:
        raise ValueError(f"unknown split {raw['split']!r}")
    return Case(raw["id"], raw["split"], raw["group"], raw["source"], text, tuple(targets))


# --------------------------------------------------------------------------- engines

Prediction = frozenset[str] | None  # None: the engine has nothing for this target


@dataclass
class Engine:
    name: str
    labels: frozenset[str]  # the labels it can produce
    predict: Callable[[Case], list[Prediction]]
    notes: list[str] = field(default_factory=list)
    forced: int = 0


def available(name: str) -> bool:
    """Whether the engine's packages import in this environment."""
    if name in {"ours", "ours-findings"}:
        return _ours_importable()
    return importlib.util.find_spec(name) is not None


def _ours_importable() -> bool:
    try:
        import workers.extraction.components.findings  # noqa: F401
    except ImportError:
        return False
    return True


def build(name: str, cases: Sequence[Case]) -> Engine:
    """The engine ``name``, its pipeline built (and its ruler taught the cases' targets)."""
    if name == "ours":
        return _ours()
    if name == "ours-findings":
        return _ours_findings()
    if name == "negspacy":
        return _negspacy(cases)
    if name == "medspacy":
        return _medspacy(cases)
    raise ValueError(f"unknown engine {name!r}")


# Our finders' kinds; a generic pathology finding is judged as a histology finding.
OUR_KIND = {"finding": "histology"}


def _ours() -> Engine:
    from workers.extraction.components import context
    from workers.extraction.components.findings import page_view
    from workers.extraction.facts import Field
    from workers.extraction.finders.base import Finding

    judge = context.judge

    def predict(case: Case) -> list[Prediction]:
        if hasattr(context, "_scan"):
            context._scan.cache_clear()  # each timing pass scans its sentences afresh
        # like the others: sentences (and our sections), context; no finders
        page = page_view(case.text)
        found = []
        for target in case.targets:
            kind = OUR_KIND.get(target.kind, target.kind)
            finding = Finding(kind, Field.HISTOLOGY, "", {}, target.start, target.end)
            found.append(frozenset(judge(finding, page)))
        return found

    return Engine(
        "ours",
        frozenset(LABELS),
        predict,
        ["our sentences + sections, then components.context.judge on each target span"],
    )


def _ours_findings() -> Engine:
    from workers.extraction.components import context
    from workers.extraction.components.findings import find_all, page_view

    def predict(case: Case) -> list[Prediction]:
        if hasattr(context, "_scan"):
            context._scan.cache_clear()
        page = page_view(case.text)
        judged = [(finding, context.judge(finding, page)) for finding in find_all(page)]
        return [_finding_context(judged, target) for target in case.targets]

    return Engine(
        "ours-findings",
        frozenset(LABELS),
        predict,
        ["the whole page reading; only the targets a finder found"],
    )


def _finding_context(judged: list[tuple[Any, set[str]]], target: Target) -> Prediction:
    """The context of the finding that best covers the target: same kind, then most overlap."""
    best: tuple[int, int] | None = None
    chosen = None
    for finding, categories in judged:
        overlap = min(finding.end, target.end) - max(finding.start, target.start)
        if overlap <= 0:
            continue
        rank = (int(finding.kind == OUR_KIND.get(target.kind, target.kind)), overlap)
        if best is None or rank > best:
            best, chosen = rank, categories
    return None if chosen is None else frozenset(chosen)


def _ruler_pipeline(cases: Sequence[Case], modifier: str, config: dict[str, Any]) -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    phrases = sorted({target.span for case in cases for target in case.targets})
    ruler.add_patterns([{"label": "TARGET", "pattern": phrase} for phrase in phrases])
    nlp.add_pipe(modifier, config=config)
    return nlp


def _run_with_targets(nlp: Any, engine: Engine, case: Case, modifier: str) -> list[Any]:
    """Run the pipeline; before ``modifier``, make sure every target is an entity."""
    from spacy.util import filter_spans

    doc = nlp.make_doc(case.text)
    for name, component in nlp.pipeline:
        if name == modifier:
            forced = []
            for target in case.targets:
                if not any(_overlaps(ent, target) for ent in doc.ents):
                    span = doc.char_span(
                        target.start, target.end, label="TARGET", alignment_mode="expand"
                    )
                    if span is not None:
                        forced.append(span)
            if forced:
                engine.forced += len(forced)
                kept = [e for e in doc.ents if not any(_span_overlap(e, f) for f in forced)]
                doc.ents = filter_spans(kept + forced)
        doc = component(doc)
    return [
        next((ent for ent in doc.ents if _overlaps(ent, target)), None) for target in case.targets
    ]


def _overlaps(ent: Any, target: Target) -> bool:
    return ent.start_char < target.end and target.start < ent.end_char


def _span_overlap(a: Any, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def _negspacy(cases: Sequence[Case]) -> Engine:
    import negspacy.negation  # noqa: F401  (registers the "negex" factory)

    nlp = _ruler_pipeline(cases, "negex", {})
    engine = Engine(
        "negspacy",
        frozenset({"negated"}),
        lambda case: [],
        ["sentencizer + entity_ruler + negex (en_clinical termset)"],
    )

    def predict(case: Case) -> list[Prediction]:
        ents = _run_with_targets(nlp, engine, case, "negex")
        return [
            None if ent is None else frozenset({"negated"} if ent._.negex else set())
            for ent in ents
        ]

    engine.predict = predict
    return engine


MEDSPACY_LABELS = {
    "is_negated": "negated",
    "is_uncertain": "hypothetical",
    "is_hypothetical": "hypothetical",
    "is_family": "family",
    "is_historical": "historical",
}


def _medspacy(cases: Sequence[Case]) -> Engine:
    import medspacy  # noqa: F401  (registers the "medspacy_context" factory)

    nlp = _ruler_pipeline(cases, "medspacy_context", {})
    engine = Engine(
        "medspacy",
        frozenset({"negated", "hypothetical", "family", "historical"}),
        lambda case: [],
        [
            "sentencizer (not PyRuSH) + entity_ruler + medspacy_context (default rules), "
            "spaCy's tokenizer"
        ],
    )

    def predict(case: Case) -> list[Prediction]:
        ents = _run_with_targets(nlp, engine, case, "medspacy_context")
        return [
            None
            if ent is None
            else frozenset(label for attr, label in MEDSPACY_LABELS.items() if getattr(ent._, attr))
            for ent in ents
        ]

    engine.predict = predict
    return engine


# --------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | None]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision is not None and recall is not None and precision + recall
            else (0.0 if precision is not None or recall is not None else None)
        )
        return {"p": precision, "r": recall, "f1": f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Miss:
    case: str
    span: str
    expected: frozenset[str]
    got: frozenset[str]
    text: str


def score(
    cases: Sequence[Case], predictions: Sequence[Sequence[Prediction]], labels: frozenset[str]
) -> dict[str, Any]:
    """Per-label and "not the patient's" scores of one engine's predictions, with its misses."""
    per_label = {label: Tally() for label in LABELS if label in labels}
    cancelling = Tally()
    exact = judged = skipped = 0
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[Miss] = []
    for case, predicted in zip(cases, predictions, strict=True):
        for target, got in zip(case.targets, predicted, strict=True):
            if got is None:
                skipped += 1
                continue
            judged += 1
            expected = target.labels & labels
            got = (got - target.optional) & labels
            for label, tally in per_label.items():
                tally.tp += label in expected and label in got
                tally.fp += label in got and label not in expected
                tally.fn += label in expected and label not in got
            want, said = bool(target.labels & CANCELLING), bool(got & CANCELLING)
            cancelling.tp += want and said
            cancelling.fp += said and not want
            cancelling.fn += want and not said
            groups[case.group]["n"] += 1
            groups[case.group]["right"] += want == said
            if got == expected:
                exact += 1
            else:
                misses.append(Miss(case.id, target.span, expected, got, case.text))
    return {
        "labels": {label: tally.scores() for label, tally in per_label.items()},
        "not_patients": cancelling.scores(),
        "exact": exact / judged if judged else None,
        "targets": judged,
        "no_finding": skipped,
        "groups": {g: c["right"] / c["n"] for g, c in sorted(groups.items())},
        "misses": misses,
    }


def timed(engine: Engine, cases: Sequence[Case], repeat: int) -> tuple[list[Any], float]:
    """The predictions and the best sentences-per-second over ``repeat`` passes."""
    best = float("inf")
    predictions: list[Any] = []
    for _ in range(max(repeat, 1)):
        engine.forced = 0
        started = time.process_time()  # CPU time: other work on the machine does not count
        predictions = [engine.predict(case) for case in cases]
        best = min(best, time.process_time() - started)
    return predictions, len(cases) / best if best else float("inf")


# --------------------------------------------------------------------------- report


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def result(engine: Engine, cases: Sequence[Case], repeat: int) -> dict[str, Any]:
    predictions, speed = timed(engine, cases, repeat)
    scores = score(cases, predictions, engine.labels)
    by_split = {}
    for split in SPLITS:
        chosen = [i for i, case in enumerate(cases) if case.split == split]
        if chosen:
            part = score(
                [cases[i] for i in chosen], [predictions[i] for i in chosen], engine.labels
            )
            part.pop("misses")
            by_split[split] = part
    scores["misses"] = [
        {
            "case": m.case,
            "span": m.span,
            "expected": sorted(m.expected),
            "got": sorted(m.got),
            "text": m.text,
        }
        for m in scores["misses"]
    ]
    return {
        "engine": engine.name,
        "notes": engine.notes,
        "forced": engine.forced,
        "sentences_per_second": speed,
        "cases": len(cases),
        "python": sys.version.split()[0],
        # ours reads plain text; only negspacy and medspaCy run on spaCy
        "spacy": _version("spacy") if engine.name in SPACY_ENGINES else None,
        "package": _version(engine.name) if engine.name in SPACY_ENGINES else None,
        **scores,
        "by_split": by_split,
    }


def _version(package: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(package)
    except Exception:
        return None


def table(results: Sequence[dict[str, Any]], split: str | None = None) -> str:
    """One Markdown table: per-label P/R/F1, "not the patient's", exact match and speed.

    With ``split``, the scores of that split's cases only (speed is the whole run's).
    """
    head = ["engine", *LABELS, "not the patient's", "exact", "targets", "sent/s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for whole in results:
        res = {**whole, **whole["by_split"][split]} if split else whole
        cells = [res["engine"] + (f" ({res['package']})" if res.get("package") else "")]
        for label in LABELS:
            tally = res["labels"].get(label)
            cells.append("-" if tally is None else _prf(tally))
        cells.append(_prf(res["not_patients"]))
        cells.append(fmt(res["exact"]))
        covered = res["targets"]
        cells.append(
            f"{covered}/{covered + res['no_finding']}" if res["no_finding"] else str(covered)
        )
        cells.append(f"{res['sentences_per_second']:.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def group_table(results: Sequence[dict[str, Any]]) -> str:
    """Share of targets whose "is it the patient's" is right, per group of cases."""
    groups = sorted({g for res in results for g in res["groups"]})
    lines = [
        "| engine | " + " | ".join(groups) + " |",
        "|---|" + "---|" * len(groups),
    ]
    for res in results:
        cells = [fmt(res["groups"].get(g)) for g in groups]
        lines.append(f"| {res['engine']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def print_tables(results: Sequence[dict[str, Any]]) -> None:
    print("All cases. P/R/F1 per label; 'not the patient's' = negated, hypothetical, family or")
    print("planned; exact = every label right")
    print(table(results))
    for split in SPLITS:
        if all(split in res["by_split"] for res in results):
            print(f"\nOnly the {split} cases")
            print(table(results, split))
    print("\nRight about 'is it the patient's', by group of cases (all cases)")
    print(group_table(results))


def _prf(tally: dict[str, Any]) -> str:
    return f"{fmt(tally['p'])}/{fmt(tally['r'])}/{fmt(tally['f1'])}"


def print_misses(res: dict[str, Any], limit: int) -> None:
    print(f"\n{res['engine']}: {len(res['misses'])} targets not exactly right")
    for miss in res["misses"][:limit]:
        text = miss["text"].replace("\n", " / ")
        print(f"  {miss['case']:16} {miss['span']!r}: want {miss['expected']} got {miss['got']}")
        print(f"      {text}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.context",
        description="Context (negation, hypothetical, family, historical, planned): "
        "ours vs negspacy vs medspaCy.",
    )
    parser.add_argument(
        "--engine",
        action="append",
        choices=ENGINES,
        help="engine to run (repeatable); default: every one that imports here",
    )
    parser.add_argument("--cases", type=Path, default=CASES, help="labelled cases (JSONL)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the results as JSON")
    parser.add_argument("--errors", action="store_true", help="print each engine's misses")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes (best is kept)")
    parser.add_argument("--tag", default="", help="appended to the engine names in the results")
    parser.add_argument(
        "--table", type=Path, nargs="+", metavar="RESULT", help="print a table from saved JSON"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.table:
        results = []
        for path in args.table:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            results.extend(loaded if isinstance(loaded, list) else [loaded])
        print_tables(results)
        return 0
    try:
        cases = load_cases(args.cases)
    except (OSError, CaseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    wanted = args.engine or list(ENGINES)
    print(
        f"{len(cases)} cases, {sum(len(c.targets) for c in cases)} targets from {args.cases.name}"
    )
    results = []
    for name in wanted:
        if not available(name):
            print(f"skipped {name}: not importable here; run it with:\n    {HOW_TO_RUN[name]}")
            continue
        engine = build(name, cases)
        res = result(engine, cases, args.repeat)
        res["engine"] += f" {args.tag}" if args.tag else ""
        results.append(res)
        notes = "; ".join(engine.notes)
        spacy = f"spaCy {res['spacy']}; " if res["spacy"] else ""
        print(
            f"ran {name}: {notes}; forced targets {res['forced']}; "
            f"{spacy}{res['sentences_per_second']:.0f} sentences/s"
        )
    if not results:
        return 0
    print()
    print_tables(results)
    if args.errors:
        for res in results:
            print_misses(res, limit=400)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
