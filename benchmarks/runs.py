"""The three measured runs: synthetic corpus (with speed), TCGA reports, mtsamples notes.

Each run uses only the extractor's public API (``read_files``, ``extract_document``,
``build_profile``) and returns plain data; ``benchmarks.extraction`` prints and saves it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import traceback
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import scoring, tcga
from benchmarks.speed import FileTiming, SpeedReport, pdfplumber_seconds, tesseract_seconds
from workers.extraction import build_profile, extract_document
from workers.extraction.files import ReadFile, read_files
from workers.pipeline.types import Limits, PageText, Source

LETTER_POINTS = (612, 792)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def crash_summary(error: BaseException) -> str:
    """The exception and the innermost frames, on one short block."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{type(error).__name__}: {error} [{where}]"


def text_page(text: str) -> PageText:
    """One page of plain text (a .txt report) as the pipeline would hand it over after OCR."""
    width, height = LETTER_POINTS
    return PageText(
        number=1,
        text=text,
        source=Source.OCR,
        ocr_confidence=None,
        width=width,
        height=height,
        words=[],
    )


def warm_up() -> float:
    """Run the extractor once untimed, so model loading is not charged to the first file."""
    start = time.perf_counter()
    page = PageText(
        number=1,
        text="Invasive ductal carcinoma. ER positive (95%). HER2 1+.",
        source=Source.TEXT,
        ocr_confidence=None,
        width=612,
        height=792,
        words=[],
    )
    facts = extract_document("warm-up.pdf", [page], sha256="0" * 64, page_count=1)
    build_profile([facts])
    return time.perf_counter() - start


def page_texts(read: ReadFile) -> list[str]:
    """Page texts by number (index 0 = page 1) as the pipeline read them."""
    count = max([read.result.page_count, *(page.number for page in read.result.pages)], default=0)
    texts = [""] * count
    for page in read.result.pages:
        texts[page.number - 1] = page.text
    return texts


def evidence_pages(reads: Sequence[tuple[Path, ReadFile]]) -> dict[str, list[str]]:
    """Accepted evidence ``file`` values: the label the file was read under, and its name
    when no other file of the patient has the same name."""
    pages: dict[str, list[str]] = {}
    names = Counter(path.name for path, _ in reads)
    for path, read in reads:
        texts = page_texts(read)
        for key in {read.facts.file, str(path)}:
            pages[key] = texts
        if names[path.name] == 1:
            pages.setdefault(path.name, texts)
    return pages


def jsonable(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value, key=str)
    return value


# --------------------------------------------------------------------------- corpus


@dataclass
class CorpusRun:
    directory: str
    patients: int = 0
    files: int = 0
    unreadable: list[dict[str, str]] = field(default_factory=list)
    crashes: list[dict[str, str]] = field(default_factory=list)
    comparisons: list[tuple[str, scoring.Comparison]] = field(default_factory=list)
    evidence: scoring.EvidenceReport = field(default_factory=scoring.EvidenceReport)
    evidence_problems: list[tuple[str, scoring.EvidenceProblem]] = field(default_factory=list)
    schema_errors: list[tuple[str, str]] = field(default_factory=list)
    timings: list[FileTiming] = field(default_factory=list)
    build_seconds: float = 0.0
    baselines: bool = True

    @property
    def total(self) -> scoring.Comparison:
        return scoring.merge(comparison for _, comparison in self.comparisons)

    def tagged(self, attribute: str) -> list[tuple[str, scoring.Item]]:
        return [
            (patient, item)
            for patient, comparison in self.comparisons
            for item in getattr(comparison, attribute)
        ]

    def as_dict(self) -> dict[str, Any]:
        total = self.total
        speed = SpeedReport.from_timings(self.timings)

        missed: dict[tuple[str, str], list[Any]] = {}
        for patient, item in self.tagged("false_negatives"):
            missed.setdefault((patient, item.path), []).append(jsonable(item.value))

        def items(attribute: str) -> list[dict[str, Any]]:
            out = []
            for patient, item in self.tagged(attribute):
                entry = {"patient": patient, "path": item.path, "value": jsonable(item.value)}
                if attribute == "false_positives":
                    # the true values this one should have been (empty: an extra value)
                    entry["truth"] = missed.get((patient, item.path), [])
                out.append(entry)
            return out

        return {
            "directory": self.directory,
            "patients": self.patients,
            "files": self.files,
            "unreadable": self.unreadable,
            "crashes": self.crashes,
            "groups": {name: counts.as_dict() for name, counts in sorted(total.groups.items())},
            "micro": total.micro.as_dict(),
            "hallucinations": items("hallucinations"),
            "false_positives": items("false_positives"),
            "false_negatives": items("false_negatives"),
            "evidence": {
                "checked": self.evidence.checked,
                "valid": self.evidence.valid,
                "share_valid": self.evidence.share_valid,
                "problems": [
                    {
                        "patient": patient,
                        "where": problem.where,
                        "reason": problem.reason,
                        "evidence": problem.evidence,
                    }
                    for patient, problem in self.evidence_problems
                ],
            },
            "schema_errors": [{"patient": p, "error": e} for p, e in self.schema_errors],
            "speed": {
                "baselines_measured": self.baselines,
                "text": speed.text.as_dict(),
                "scanned": speed.scanned.as_dict(),
                "pdfplumber": {
                    "pages": speed.pdfplumber_pages,
                    "seconds": speed.pdfplumber_seconds,
                },
                "tesseract": {"pages": speed.tesseract_pages, "seconds": speed.tesseract_seconds},
                "build_profile_seconds": self.build_seconds,
                "files": [timing.__dict__ for timing in self.timings],
            },
        }


def patient_dirs(corpus: Path) -> list[Path]:
    return sorted(path.parent for path in corpus.glob("*/truth.json"))


def run_corpus(
    corpus: Path, validator: Any, *, baselines: bool = True, dpi: int | None = None
) -> CorpusRun:
    """Read, build, score and time every patient of a generated corpus."""
    dpi = dpi or Limits().ocr_dpi
    run = CorpusRun(str(corpus), baselines=baselines)
    patients = patient_dirs(corpus)
    for index, patient_dir in enumerate(patients, start=1):
        patient = patient_dir.name
        run.patients += 1
        truth = json.loads((patient_dir / "truth.json").read_text(encoding="utf-8"))
        reads: list[tuple[Path, ReadFile]] = []
        timings: list[FileTiming] = []
        for pdf in sorted(patient_dir.glob("*.pdf")):
            run.files += 1
            try:
                start = time.perf_counter()
                read, unreadable = read_files([pdf])
                seconds = time.perf_counter() - start
            except Exception as error:  # a crash is a finding, not the end of the run
                run.crashes.append(
                    {"patient": patient, "file": pdf.name, "error": crash_summary(error)}
                )
                continue
            run.unreadable.extend(
                {"patient": patient, "file": Path(u.file).name, "reason": u.reason}
                for u in unreadable
            )
            for one in read:
                reads.append((pdf, one))
                timings.append(time_file(patient, pdf, one, seconds, baselines, dpi))
        try:
            start = time.perf_counter()
            profile = build_profile([read.facts for _, read in reads])
            build = time.perf_counter() - start
        except Exception as error:
            run.crashes.append(
                {"patient": patient, "file": "(build_profile)", "error": crash_summary(error)}
            )
            # Scored as an empty profile: every true value of this patient is missed.
            run.comparisons.append((patient, scoring.compare([], scoring.flatten(truth))))
            continue
        run.build_seconds += build
        share_build(timings, build)
        run.timings.extend(timings)
        # a truth that does not speak of a section (an r1 corpus of patient/events, a blind
        # writer's of conflicts/missing) scores nothing there
        spoken = {key: value for key, value in profile.items() if key in truth}
        run.comparisons.append(
            (patient, scoring.compare(scoring.flatten(spoken), scoring.flatten(truth)))
        )
        report = scoring.check_evidence(profile, evidence_pages(reads))
        run.evidence.add(report)
        run.evidence_problems.extend((patient, problem) for problem in report.problems)
        run.schema_errors.extend(
            (patient, error) for error in scoring.schema_errors(profile, validator)
        )
        log(f"  corpus {index}/{len(patients)} {patient}: {len(reads)} files")
    return run


def time_file(
    patient: str, pdf: Path, read: ReadFile, seconds: float, baselines: bool, dpi: int
) -> FileTiming:
    """The file's pipeline time, extract_document alone, and the bare baselines."""
    pages = read.result.pages
    text_numbers = [page.number for page in pages if page.source == Source.TEXT]
    ocr_numbers = [page.number for page in pages if page.source == Source.OCR]
    start = time.perf_counter()
    extract_document(
        read.facts.file, pages, sha256=read.facts.sha256, page_count=read.result.page_count
    )
    extract = time.perf_counter() - start
    timing = FileTiming(
        patient,
        pdf.name,
        read.result.page_count,
        len(text_numbers),
        len(ocr_numbers),
        seconds,
        extract_seconds=extract,
    )
    if baselines and read.result.media_type == "application/pdf":
        timing.pdfplumber_seconds = pdfplumber_seconds(pdf, text_numbers)
        timing.tesseract_seconds = tesseract_seconds(pdf, ocr_numbers, dpi)
    return timing


def share_build(timings: Sequence[FileTiming], seconds: float) -> None:
    """Charge a patient's build_profile time to its files by page count."""
    pages = sum(timing.pages for timing in timings)
    for timing in timings:
        timing.build_share = seconds * (timing.pages / pages if pages else 1 / len(timings))


# --------------------------------------------------------------------------- text notes


@dataclass
class NoteRun:
    """One .txt note through extract_document + build_profile."""

    name: str
    profile: dict[str, Any] | None = None
    seconds: float = 0.0
    crash: str | None = None
    schema_errors: list[str] = field(default_factory=list)
    evidence: scoring.EvidenceReport = field(default_factory=scoring.EvidenceReport)


def run_note(name: str, text: str, validator: Any) -> NoteRun:
    run = NoteRun(name)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        start = time.perf_counter()
        facts = extract_document(name, [text_page(text)], sha256=sha, page_count=1)
        run.profile = build_profile([facts])
        run.seconds = time.perf_counter() - start
    except Exception as error:
        run.crash = crash_summary(error)
        return run
    run.schema_errors = scoring.schema_errors(run.profile, validator)
    run.evidence = scoring.check_evidence(run.profile, {name: [text]})
    return run


def run_notes(files: Sequence[Path], validator: Any, label: str) -> list[tuple[Path, str, NoteRun]]:
    out = []
    for index, path in enumerate(files, start=1):
        text = path.read_text(encoding="utf-8", errors="replace")
        out.append((path, text, run_note(path.name, text, validator)))
        if index % 10 == 0 or index == len(files):
            log(f"  {label} {index}/{len(files)}")
    return out


def notes_common(runs: Sequence[NoteRun]) -> dict[str, Any]:
    evidence = scoring.EvidenceReport()
    for run in runs:
        evidence.add(run.evidence)
    return {
        "count": len(runs),
        "seconds": sum(run.seconds for run in runs),
        "crashes": [{"file": run.name, "error": run.crash} for run in runs if run.crash],
        "schema_errors": [
            {"file": run.name, "error": error} for run in runs for error in run.schema_errors
        ],
        "evidence": {
            "checked": evidence.checked,
            "valid": evidence.valid,
            "share_valid": evidence.share_valid,
            "problems": [
                {"file": run.name, "where": p.where, "reason": p.reason, "evidence": p.evidence}
                for run in runs
                for p in run.evidence.problems
            ],
        },
    }


def run_tcga(directory: Path, validator: Any) -> dict[str, Any]:
    """Every labelled report through the extractor, scored against labels.csv."""
    labels = tcga.read_labels(directory / "labels.csv")
    files = [directory / "reports" / f"{barcode}.txt" for barcode in sorted(labels)]
    missing = [path.name for path in files if not path.is_file()]
    runs = run_notes([path for path in files if path.is_file()], validator, "tcga")
    scores = [
        tcga.score_report(path.stem, labels[path.stem], text, run.profile)
        for path, text, run in runs
        if run.profile is not None
    ]
    per_field, overall = tcga.summarise(scores)
    results = [result for score in scores for result in score.results]
    out = notes_common([run for _, _, run in runs])
    out.update(
        {
            "directory": str(directory),
            "missing_reports": missing,
            "fields": {name: summary.as_dict() for name, summary in per_field.items()},
            "overall": overall.as_dict(),
            "not_scored": {
                name: {
                    "unlabelled": sum(name in s.unlabelled for s in scores),
                    "not_stated": sum(name in s.unstated for s in scores),
                }
                for name in tcga.FIELDS
            },
            "disagreements": [
                {
                    "barcode": r.barcode,
                    "field": r.field,
                    "label": r.label,
                    "expected": jsonable(r.expected),
                    "ours": r.ours,
                    "evidence": r.evidence,
                }
                for r in results
                if not r.agrees
            ],
        }
    )
    return out


def run_mtsamples(directory: Path, validator: Any) -> dict[str, Any]:
    """Every note through the extractor: nothing may crash, every profile must validate."""
    runs = [run for _, _, run in run_notes(sorted(directory.glob("*.txt")), validator, "mtsamples")]
    out = notes_common(runs)
    out["directory"] = str(directory)
    out["summary"] = summarise_profiles([run.profile for run in runs if run.profile])
    return out


def summarise_profiles(profiles: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What a set of profiles found, in counts."""
    biomarkers: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    sites: Counter[str] = Counter()
    for profile in profiles:
        biomarkers.update(marker.get("name", "?") for marker in profile.get("biomarkers") or [])
        categories.update(t.get("category") or "?" for t in profile.get("treatments") or [])
        site = (profile.get("diagnosis") or {}).get("primary_site")
        if site:
            sites[site] += 1
    return {
        "profiles": len(profiles),
        "with_biomarker": sum(bool(p.get("biomarkers")) for p in profiles),
        "with_treatment": sum(bool(p.get("treatments")) for p in profiles),
        "with_stage": sum(scoring.stage_has_value(p.get("stage")) for p in profiles),
        "with_primary_site": sum(sites.values()),
        "biomarkers": dict(biomarkers.most_common()),
        "treatments": sum(categories.values()),
        "treatment_categories": dict(categories.most_common()),
        "primary_sites": dict(sites.most_common()),
    }
