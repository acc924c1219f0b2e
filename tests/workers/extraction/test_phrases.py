"""A short phrase read by the record finders: what trial criteria and titles are read with."""

import pytest

from vocabulary.biomarkers import her2_status
from workers.extraction.finders.diagnosis import find_sites
from workers.extraction.finders.genes import find_genes, gene_names
from workers.extraction.finders.her2 import find_her2
from workers.extraction.phrases import phrase_view, read_phrase


def test_a_phrase_is_a_page_of_its_own_folded_text_and_sentences_without_sections():
    view = phrase_view("HER2 \u2013 negative. ER positive.")
    assert view.text == "HER2 - negative. ER positive."  # folded, same length
    assert view.sentence_starts == [0, 17]
    assert view.sections == []


def test_findings_of_several_finders_come_in_the_order_of_the_text():
    found = read_phrase("Breast cancer with a BRCA2 pathogenic variant", [find_genes, find_sites])
    assert [(f.kind, f.name) for f in found] == [("site", ""), ("biomarker", "BRCA2")]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("HER2 3+ by IHC", "positive"),
        ("HER2 IHC 2+ and ISH amplified", "positive"),
        ("HER2 IHC 2+, FISH not amplified", "low"),
        ("c-erbB-2 positive", "positive"),
        ("HER2 (4B5): 0", "zero"),
        ("HER2-ultralow", "ultralow"),
        ("HER2 negative", "negative"),
    ],
)
def test_the_her2_finder_reads_a_criterion_phrase_as_it_reads_a_record(text, status):
    [finding] = read_phrase(text, [find_her2])
    value = finding.value
    category = her2_status(
        value.get("ihc"),
        value.get("ish"),
        word=value.get("word"),
        ultralow=bool(value.get("ultralow")),
    )
    assert category == status


@pytest.mark.parametrize(
    ("text", "genes"),
    [
        ("NTRK1 fusion", [("NTRK1",)]),
        ("RET rearrangement", [("RET",)]),
        ("activating ERBB2 mutation", [("ERBB2",)]),
        ("BRCA1/2 carriers", [("BRCA1", "BRCA2")]),
        ("RAS wild-type", [("KRAS", "NRAS")]),
        ("ERBB2 (HER2) status", []),  # the receptor test, not the gene
        ("ret and met in prose", []),  # lexicon names are capitals
    ],
)
def test_gene_names_are_the_lexicons_whatever_is_written_with_them(text, genes):
    assert [names for _, _, names in gene_names(text)] == genes
