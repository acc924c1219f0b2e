"""The synthetic corpus: valid truth, PDFs as described, enough scanned pages, reproducible."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pypdfium2 as pdfium
import pytest

from benchmarks.corpus import generate, plan_pages, plan_truths
from vocabulary import contract
from vocabulary.treatments import procedure_names

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = contract.schema()
SMALL = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("corpus")
    manifest = generate(out, patients=SMALL, seed=7, workers=1)
    return out, manifest


def truths(out: Path) -> dict[str, dict[str, Any]]:
    return {
        p.name: json.loads((p / "truth.json").read_text())
        for p in sorted(out.iterdir())
        if p.is_dir()
    }


def keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_truth_validates_against_the_contract_schema(corpus: tuple[Path, dict]) -> None:
    out, manifest = corpus
    found = truths(out)
    assert sorted(found) == [p["id"] for p in manifest["patients"]]
    assert len(found) == SMALL
    for truth in found.values():
        jsonschema.validate(truth, SCHEMA)
        assert "evidence" not in keys(truth)
        assert 2 <= len(truth["documents"]) <= 5


def test_each_pdf_opens_with_the_stated_pages_and_hash(corpus: tuple[Path, dict]) -> None:
    out, manifest = corpus
    scanned_by_file = {
        (p["id"], f["file"]): f["scanned_pages"] for p in manifest["patients"] for f in p["files"]
    }
    for pid, truth in truths(out).items():
        for doc in truth["documents"]:
            path = out / pid / doc["file"]
            assert hashlib.sha256(path.read_bytes()).hexdigest() == doc["sha256"]
            pdf = pdfium.PdfDocument(path)
            try:
                assert len(pdf) == doc["pages"]
                scanned = scanned_by_file[(pid, doc["file"])]
                assert len(scanned) == doc["ocr_pages"]
                for index in range(len(pdf)):
                    page = pdf[index]
                    text = page.get_textpage().get_text_range().strip()
                    if index + 1 in scanned:
                        assert text == "", f"{path.name} p{index + 1} should be image-only"
                    else:
                        assert len(text) > 40, f"{path.name} p{index + 1} should have text"
            finally:
                pdf.close()


def test_manifest_totals_add_up(corpus: tuple[Path, dict]) -> None:
    out, manifest = corpus
    files = [f for p in manifest["patients"] for f in p["files"]]
    assert manifest["totals"]["pages"] == sum(f["pages"] for f in files)
    assert manifest["totals"]["scanned_pages"] == sum(len(f["scanned_pages"]) for f in files)
    assert json.loads((out / "manifest.json").read_text()) == manifest


def test_default_corpus_is_at_least_15_percent_scanned() -> None:
    counts = plan_pages(48, 7)
    assert counts["pages"] > 150
    assert counts["scanned_pages"] / counts["pages"] >= 0.15


def test_same_seed_gives_the_same_corpus(corpus: tuple[Path, dict], tmp_path: Path) -> None:
    out, _ = corpus
    again = generate(tmp_path, patients=SMALL, seed=7, workers=1)
    assert truths(tmp_path) == truths(out)
    assert again == json.loads((out / "manifest.json").read_text())


def test_a_different_seed_gives_a_different_corpus() -> None:
    first = plan_truths(SMALL, 7)
    second = plan_truths(SMALL, 8)
    assert [t["diagnosis"] for t in first] != [t["diagnosis"] for t in second]


def test_truth_without_rendering_matches_the_written_truth(corpus: tuple[Path, dict]) -> None:
    out, _ = corpus
    written = truths(out)
    for planned in plan_truths(SMALL, 7):
        planned.pop("scenario")
        pid = next(
            p
            for p, t in written.items()
            if [d["file"] for d in t["documents"]] == [d["file"] for d in planned["documents"]]
        )
        expected = written[pid]
        for doc in expected["documents"]:
            doc["sha256"] = ""
        assert planned == expected


def test_truth_follows_the_vocabulary_rules() -> None:
    for truth in plan_truths(48, 7):
        for marker in truth["biomarkers"]:
            if marker["name"] in ("ER", "PR") and marker["percent"] is not None:
                pct = marker["percent"]
                expected = "positive" if pct >= 10 else "low" if pct >= 1 else "negative"
                assert marker["status"] == expected, marker
            if marker["name"] == "HER2":
                ihc, ish, status = marker["ihc"], marker["ish"], marker["status"]
                if ish == "amplified" or ihc == "3+":
                    assert status == "positive"
                elif ihc == "2+":
                    assert status == ("low" if ish == "not amplified" else "equivocal")
                elif ihc == "1+":
                    assert status == "low"
                elif ihc == "0":
                    assert status in ("zero", "ultralow")
        stage = truth["stage"]
        said_m1 = "M1" in (stage["M"] or "") or (stage["group"] or "").startswith("IV")
        if said_m1 or stage["metastatic_sites"]:
            assert stage["metastatic"] is True
        for conflict in truth["conflicts"]:
            assert conflict["field"] in ("ER.status", "PR.status", "HER2.status")
            assert len(conflict["values"]) == 2 and conflict["values"][0] != conflict["values"][1]
        names = [t["name"] for t in truth["treatments"]]
        assert len(names) == len(set(names))
        for treatment in truth["treatments"]:
            if treatment["category"] == "surgery":  # the contract's names (r2), as it spells them
                assert treatment["name"] in procedure_names(), treatment
            else:
                assert treatment["name"] == treatment["name"].lower()


def test_default_corpus_covers_the_situations_that_matter() -> None:
    all_truths = plan_truths(48, 7)
    sites = {t["diagnosis"]["primary_site"] for t in all_truths}
    assert {"breast", "lung", "ovary", "skin", "pancreas", "prostate"} <= sites
    assert sites & {"colon", "rectum"}
    her2 = {m["status"] for t in all_truths for m in t["biomarkers"] if m["name"] == "HER2"}
    assert {"positive", "equivocal", "low", "ultralow", "zero"} <= her2
    er = {m["status"] for t in all_truths for m in t["biomarkers"] if m["name"] == "ER"}
    assert {"positive", "low", "negative"} <= er
    germline = {
        m["name"]
        for t in all_truths
        for m in t["biomarkers"]
        if m.get("origin") == "germline" and m["status"] == "pathogenic"
    }
    assert {"BRCA1", "BRCA2"} <= germline
    met_sites = {s for t in all_truths for s in t["stage"]["metastatic_sites"]}
    assert {"bone", "liver", "brain"} <= met_sites
    assert any(t["stage"]["T"] == "ypT0" for t in all_truths)
    assert any(
        t["diagnosis"]["histology"] and t["diagnosis"]["histology"]["code"] == "8500/2"
        for t in all_truths
    )
    assert any(t["conflicts"] for t in all_truths)
    kinds = {d["kind"] for t in all_truths for d in t["documents"]}
    assert {"pathology", "consult", "molecular", "imaging", "discharge"} <= kinds
