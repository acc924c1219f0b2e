"""Extraction benchmark: accuracy, hallucinations, evidence, schema, speed, TCGA, mtsamples.

    .venv/bin/python -m benchmarks.extraction [--corpus DIR | --generate N]
        [--shared ../shared/data] [--json OUT] [--no-baselines]

- Corpus (``DIR/<patient>/*.pdf`` + ``truth.json``): every patient's PDFs through
  ``read_files`` + ``build_profile``, scored field by field against the truth
  (``benchmarks.scoring``), evidence checked against the page texts the pipeline read, every
  profile validated against ``vocabulary/contract/profile.schema.json``, and the pipeline timed
  against bare pdfplumber / tesseract (``benchmarks.speed``). Without ``--corpus`` a fresh corpus
  of ``--generate N`` patients (default 48; 0 skips the corpus) is written to a temporary
  directory by ``python -m benchmarks.corpus`` and removed afterwards.
- TCGA (``<shared>/tcga-brca-dev``): agreement with TCGA's labels on the fields each report
  states (``benchmarks.tcga``).
- mtsamples (``<shared>/mtsamples-oncology``): robustness; nothing may crash or break the schema.

It measures; it does not judge: the exit status is 0 even when targets are missed (2 only for
bad arguments). The last block prints each target with PASS, MISS or N/A (not measured).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "vocabulary" / "contract" / "profile.schema.json"
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_PATIENTS = 48
LIST_LIMIT = 40  # rows of a printed list; --json has them all

TARGETS = (
    # key, label, comparison, threshold
    ("micro_f1", "corpus micro-F1", ">=", 0.97),
    ("hallucinations", "corpus hallucinated values", "==", 0),
    ("evidence_validity", "evidence validity (all runs)", ">=", 1.0),
    ("tcga_agreement", "TCGA agreement", ">=", 0.95),
    ("text_ratio", "text pages: pipeline / pdfplumber", "<=", 1.0),
    ("scanned_ratio", "scanned pages: pipeline / tesseract", "<=", 1.2),
)


# --------------------------------------------------------------------------- formatting


def fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[fmt(cell) for cell in row] for row in rows]
    widths = [
        max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(str(h))
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    return "\n".join(lines)


def limited(lines: Sequence[str], limit: int | None = LIST_LIMIT) -> str:
    """Indented lines, cut at ``limit`` (None: all of them: hallucinations, bad evidence)."""
    shown = list(lines[:limit])
    if limit is not None and len(lines) > limit:
        shown.append(f"... {len(lines) - limit} more (all in --json)")
    return "\n".join(f"  {line}" for line in shown) if shown else "  (none)"


def heading(title: str) -> None:
    print(f"\n=== {title} " + "=" * max(0, 72 - len(title)))


def short(value: Any, width: int = 70) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 3] + "..."


# --------------------------------------------------------------------------- printing


def print_corpus(data: dict[str, Any]) -> None:
    heading(f"Corpus: {data['patients']} patients, {data['files']} files ({data['directory']})")
    rows = [
        (name, c["tp"], c["fp"], c["fn"], c["precision"], c["recall"], c["f1"])
        for name, c in data["groups"].items()
    ]
    micro = data["micro"]
    rows.append(
        (
            "MICRO (all fields)",
            micro["tp"],
            micro["fp"],
            micro["fn"],
            micro["precision"],
            micro["recall"],
            micro["f1"],
        )
    )
    print(table(("field group", "TP", "FP", "FN", "P", "R", "F1"), rows))

    print(
        f"\nHallucinated values (a value where the truth has none at that path): "
        f"{len(data['hallucinations'])}\n"
        "(the words may still be in the records, e.g. a superseded stage or a treatment only\n"
        "discussed, which the contract excludes; invented words show as invalid evidence)"
    )
    print(
        limited(
            [f"{h['patient']}  {h['path']} = {short(h['value'])}" for h in data["hallucinations"]],
            None,
        )
    )
    wrong = [
        f"{i['patient']}  {i['path']} = {short(i['value'])}"
        + (f"  (truth: {', '.join(short(v, 30) for v in i['truth'])})" if i["truth"] else "")
        for i in data["false_positives"]
    ]
    print(f"\nFalse positives (wrong or extra values, hallucinations included): {len(wrong)}")
    print(limited(wrong))
    missed = [f"{i['patient']}  {i['path']} = {short(i['value'])}" for i in data["false_negatives"]]
    print(f"\nFalse negatives (true values not returned): {len(missed)}")
    print(limited(missed))

    print_evidence(data["evidence"], "patient")
    errors = data["schema_errors"]
    print(
        f"\nSchema errors: {len(errors)} "
        f"(in {len({e['patient'] for e in errors})} of {data['patients']} profiles)"
    )
    print(limited([f"{e['patient']}  {e['error']}" for e in errors]))
    if data["unreadable"]:
        print(f"\nUnreadable files: {len(data['unreadable'])}")
        print(limited([f"{u['patient']}/{u['file']}: {u['reason']}" for u in data["unreadable"]]))
    print_crashes(data["crashes"], "patient")
    print_speed(data["speed"])


def print_evidence(evidence: dict[str, Any], key: str) -> None:
    print(
        f"\nEvidence validity: {evidence['valid']} of {evidence['checked']} valid "
        f"({pct(evidence['share_valid'])}; items checked = evidence items + reported values "
        "that need evidence and have none)"
    )
    print(
        limited(
            [
                f"{p[key]}  {p['where']}: {p['reason']}  {describe_evidence(p['evidence'])}"
                for p in evidence["problems"]
            ],
            None,
        )
    )


def describe_evidence(evidence: Any) -> str:
    """``file p.N: "text"`` for an evidence item, whatever shape it came in."""
    if not evidence:
        return ""
    if isinstance(evidence, dict):
        file, page, text = evidence.get("file"), evidence.get("page"), evidence.get("text")
        return f"[{Path(str(file)).name} p.{page}: {short(repr(text), 60)}]"
    return f"[{short(repr(evidence), 60)}]"


def print_crashes(crashes: Sequence[dict[str, str]], key: str) -> None:
    print(f"\nCrashes: {len(crashes)}")
    if crashes:
        print(limited([f"{c[key]} {c.get('file', '')}: {c['error']}" for c in crashes], None))


def print_speed(speed: dict[str, Any]) -> None:
    heading("Speed")
    print(
        "Method: each file timed alone through read_files([file]) (pipeline reading + OCR +"
        "\nextract_document) plus its share of the patient's build_profile (by pages). Files"
        "\nwhose pages all came from the text layer (PageText.source) are the text bucket;"
        "\nfiles with any OCR'd page the scanned bucket. Baselines on the same files: bare"
        "\npdfplumber extract_text() on text-layer pages; pypdfium2 render at the pipeline's"
        "\nocr_dpi in greyscale + pytesseract.image_to_string (--psm 3, OMP_THREAD_LIMIT=1,"
        "\nBMP hand-off like the pipeline; PNG, pytesseract's default, adds ~0.6 s/page) on"
        "\nOCR'd pages. extract_document is re-run alone on the same pages to split its share."
    )
    if not speed["baselines_measured"]:
        print("(baselines skipped: --no-baselines)")
    rows = []
    for name in ("text", "scanned"):
        b = speed[name]
        rows.append(
            (
                name,
                b["files"],
                b["pages"],
                b["ocr_pages"],
                b["pipeline_seconds"],
                b["pipeline_pages_per_second"],
                b["baseline_seconds"],
                b["baseline_pages_per_second"],
                b["ratio"],
            )
        )
    print(
        table(
            (
                "bucket",
                "files",
                "pages",
                "ocr pages",
                "pipeline s",
                "pages/s",
                "baseline s",
                "pages/s",
                "ratio",
            ),
            rows,
        )
    )
    parts = []
    for name in ("text", "scanned"):
        b = speed[name]
        parts.append((name, b["reading_seconds"], b["extract_seconds"], b["build_seconds"]))
    print("\nWhere the pipeline time goes (seconds):")
    print(table(("bucket", "reading+OCR", "extract_document", "build_profile"), parts))
    pages = speed["text"]["pages"] + speed["scanned"]["pages"]
    extract = speed["text"]["extract_seconds"] + speed["scanned"]["extract_seconds"]
    plumber, tess = speed["pdfplumber"], speed["tesseract"]
    print(
        f"\nextract_document: {fmt(rate(pages, extract), 1)} pages/s over {pages} pages;"
        f" build_profile: {fmt(speed['build_profile_seconds'])} s in all"
    )
    print(
        f"bare pdfplumber: {fmt(rate(plumber['pages'], plumber['seconds']), 1)} pages/s "
        f"({plumber['pages']} pages); bare tesseract: "
        f"{fmt(rate(tess['pages'], tess['seconds']), 2)} pages/s ({tess['pages']} pages)"
    )


def rate(count: float, seconds: float) -> float | None:
    return count / seconds if seconds else None


def print_tcga(data: dict[str, Any]) -> None:
    heading(f"TCGA-BRCA: {data['count']} reports ({data['directory']})")
    print(
        "Scored = labelled in labels.csv AND stated in the report text (receptors:"
        "\ntext_mentions_*; others: benchmarks.tcga.stated). Agreement = matches / scored"
        "\n(no value counts as disagreement); coverage = returned / scored; accuracy ="
        "\nmatches / returned."
    )
    rows = []
    for name, f in data["fields"].items():
        skip = data["not_scored"][name]
        rows.append(
            (
                name,
                f["scored"],
                f["predicted"],
                f["matches"],
                pct(f["agreement"]),
                pct(f["coverage"]),
                pct(f["accuracy_on_predicted"]),
                skip["unlabelled"],
                skip["not_stated"],
            )
        )
    o = data["overall"]
    rows.append(
        (
            "OVERALL",
            o["scored"],
            o["predicted"],
            o["matches"],
            pct(o["agreement"]),
            pct(o["coverage"]),
            pct(o["accuracy_on_predicted"]),
            "",
            "",
        )
    )
    print(
        table(
            (
                "field",
                "scored",
                "returned",
                "match",
                "agreement",
                "coverage",
                "accuracy",
                "unlabelled",
                "not stated",
            ),
            rows,
        )
    )
    wrong = [d for d in data["disagreements"] if d["ours"] is not None]
    print(f"\nDisagreements with a value returned: {len(wrong)}")
    print(
        limited(
            [
                f"{d['barcode']}  {d['field']}: label {d['label']!r} "
                f"(= {short(d['expected'], 40)}), ours {d['ours']!r}  "
                f"evidence: {short(d['evidence'] or '-', 60)}"
                for d in wrong
            ],
            200,
        )
    )
    blank: dict[str, list[str]] = defaultdict(list)
    for d in data["disagreements"]:
        if d["ours"] is None:
            blank[d["field"]].append(d["barcode"])
    print(f"\nStated and labelled, but no value returned: {sum(len(v) for v in blank.values())}")
    for name, barcodes in blank.items():
        print(f"  {name} ({len(barcodes)}): {', '.join(barcodes)}")
    print_evidence(data["evidence"], "file")
    print(f"\nSchema errors: {len(data['schema_errors'])}; time {fmt(data['seconds'])} s")
    print(limited([f"{e['file']}  {e['error']}" for e in data["schema_errors"]]))
    print_crashes(data["crashes"], "file")


def print_mtsamples(data: dict[str, Any]) -> None:
    heading(f"mtsamples-oncology: {data['count']} notes ({data['directory']})")
    s = data["summary"]
    print(
        f"time {fmt(data['seconds'])} s ({fmt(rate(data['count'], data['seconds']), 1)} "
        f"notes/s); crashes {len(data['crashes'])}; schema errors "
        f"{len(data['schema_errors'])}"
    )
    print(
        f"profiles with a biomarker {s['with_biomarker']}, a treatment {s['with_treatment']}, "
        f"a stage {s['with_stage']}, a primary site {s['with_primary_site']} "
        f"(of {s['profiles']})"
    )
    print(f"biomarkers: {s['biomarkers'] or '{}'}")
    print(f"treatments: {s['treatments']} {s['treatment_categories'] or ''}")
    print(f"primary sites: {s['primary_sites'] or '{}'}")
    print_crashes(data["crashes"], "file")
    print(f"\nSchema errors: {len(data['schema_errors'])}")
    print(limited([f"{e['file']}  {e['error']}" for e in data["schema_errors"]]))
    print_evidence(data["evidence"], "file")


# --------------------------------------------------------------------------- targets


def target_values(results: dict[str, Any]) -> dict[str, Any]:
    corpus, tcga_data = results.get("corpus"), results.get("tcga")
    checked = valid = 0
    for name in ("corpus", "tcga", "mtsamples"):
        if results.get(name):
            checked += results[name]["evidence"]["checked"]
            valid += results[name]["evidence"]["valid"]
    return {
        "micro_f1": corpus["micro"]["f1"] if corpus else None,
        "hallucinations": len(corpus["hallucinations"]) if corpus else None,
        # No invalid item among those checked; vacuously true when nothing carried evidence.
        "evidence_validity": (valid / checked if checked else 1.0)
        if any(results.get(n) for n in ("corpus", "tcga", "mtsamples"))
        else None,
        "evidence_checked": checked,
        "tcga_agreement": tcga_data["overall"]["agreement"] if tcga_data else None,
        "text_ratio": corpus["speed"]["text"]["ratio"] if corpus else None,
        "scanned_ratio": corpus["speed"]["scanned"]["ratio"] if corpus else None,
    }


def judge(value: Any, op: str, threshold: float) -> str:
    if value is None:
        return "N/A"
    ok = {">=": value >= threshold, "<=": value <= threshold, "==": value == threshold}[op]
    return "PASS" if ok else "MISS"


def print_targets(values: dict[str, Any]) -> dict[str, str]:
    heading("Targets")
    verdicts = {}
    rows = []
    for key, label, op, threshold in TARGETS:
        verdicts[key] = judge(values[key], op, threshold)
        shown = values[key]
        if key == "evidence_validity" and shown is not None:
            shown = f"{pct(shown)} of {values['evidence_checked']} items"
        rows.append((label, f"{op} {threshold}", shown, verdicts[key]))
    print(table(("target", "goal", "measured", "verdict"), rows))
    if values["evidence_checked"] == 0 and values["evidence_validity"] is not None:
        print("(evidence validity is vacuous: no evidence item was returned to check)")
    return verdicts


# --------------------------------------------------------------------------- main


def generate_corpus(directory: Path, patients: int) -> None:
    command = [
        sys.executable,
        "-m",
        "benchmarks.corpus",
        str(directory),
        "--patients",
        str(patients),
    ]
    print(f"generating corpus: {' '.join(command)}", file=sys.stderr, flush=True)
    subprocess.run(command, cwd=REPO, check=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--corpus", type=Path, help="an existing corpus directory")
    parser.add_argument(
        "--generate",
        type=int,
        metavar="N",
        help=f"generate N patients when --corpus is not given "
        f"(default {DEFAULT_PATIENTS}; 0 skips the corpus)",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="the shared data folder (default: ../shared/data from the repo)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure as JSON")
    parser.add_argument(
        "--no-baselines", action="store_true", help="skip the bare pdfplumber/tesseract timings"
    )
    args = parser.parse_args(argv)
    if args.corpus and args.generate is not None:
        print("--corpus given: --generate is ignored", file=sys.stderr)
    if args.corpus and not args.corpus.is_dir():
        parser.error(f"no such corpus directory: {args.corpus}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # Same OCR threading as the pipeline for both the pipeline and the bare tesseract.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from jsonschema import Draft202012Validator

    from benchmarks import runs

    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    started = time.perf_counter()
    results: dict[str, Any] = {"warm_up_seconds": runs.warm_up()}

    with tempfile.TemporaryDirectory(prefix="navis-corpus-") as scratch:
        corpus = args.corpus
        patients = DEFAULT_PATIENTS if args.generate is None else args.generate
        if corpus is None and patients > 0:
            corpus = Path(scratch) / "corpus"
            try:
                generate_corpus(corpus, patients)
                results["generated_patients"] = patients
            except (OSError, subprocess.CalledProcessError) as error:
                results["corpus_error"] = f"generation failed: {error}"
                print(f"\n(corpus skipped: {results['corpus_error']})")
                corpus = None
        if corpus is not None:
            run = runs.run_corpus(corpus, validator, baselines=not args.no_baselines)
            results["corpus"] = run.as_dict()
            print_corpus(results["corpus"])

    tcga_dir, mts_dir = args.shared / "tcga-brca-dev", args.shared / "mtsamples-oncology"
    if (tcga_dir / "labels.csv").is_file():
        results["tcga"] = runs.run_tcga(tcga_dir, validator)
        print_tcga(results["tcga"])
    else:
        print(f"\n(TCGA skipped: no {tcga_dir}/labels.csv)")
    if mts_dir.is_dir():
        results["mtsamples"] = runs.run_mtsamples(mts_dir, validator)
        print_mtsamples(results["mtsamples"])
    else:
        print(f"\n(mtsamples skipped: no {mts_dir})")

    values = target_values(results)
    results["targets"] = {"values": values, "verdicts": print_targets(values)}
    results["total_seconds"] = time.perf_counter() - started
    print(
        f"\nwall time {fmt(results['total_seconds'], 1)} s "
        f"(extractor warm-up {fmt(results['warm_up_seconds'], 2)} s, untimed)"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
