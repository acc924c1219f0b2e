"""Reading files for the command line: one file's failure never costs the others."""

import logging

from tests import documents as docs
from workers.extraction import files


def test_an_extractor_bug_on_one_file_names_it_and_reads_the_others(tmp_path, monkeypatch, caplog):
    good = docs.text_pdf(tmp_path)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(good.read_bytes())
    real = files.extract_document

    def extract_with_a_bug(file, pages, **kwargs):  # a fault injected for one file only
        if file.endswith("bad.pdf"):
            raise KeyError("ER 95% positive")
        return real(file, pages, **kwargs)

    monkeypatch.setattr(files, "extract_document", extract_with_a_bug)
    with caplog.at_level(logging.ERROR):
        read, unreadable = files.read_files([good, bad])
    assert [r.facts.file for r in read] == [str(good)]
    assert [(u.file, u.reason) for u in unreadable] == [(str(bad), files.UNEXPECTED)]
    assert "KeyError" in caplog.text
    assert "95%" not in caplog.text  # the error's message may quote the record


def test_a_missing_file_is_named_with_its_reason(tmp_path):
    read, unreadable = files.read_files([tmp_path / "missing.pdf"])
    assert read == []
    assert [u.reason for u in unreadable] == ["No such file."]
