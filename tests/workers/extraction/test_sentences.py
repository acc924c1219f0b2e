"""Sentence boundaries: a wrapped line stays in its sentence, a listed fact gets its own."""

import pytest

from workers.extraction.components.sentences import sentence_starts


def sentences(text: str) -> list[str]:
    starts = sentence_starts(text)
    ends = [*starts[1:], len(text)]
    return [text[a:b].strip() for a, b in zip(starts, ends, strict=True)]


@pytest.mark.parametrize(
    "text",
    [
        "She received AC x 4 from 8\nMay 2023 to 10 July 2023.",
        "Paclitaxel weekly from 31\nJuly 2023 to 16 October 2023.",
        "She was started on\nletrozole in 2021.",
        "treated with\nHerceptin every 3 weeks.",
        "was reported as ER positive, PR positive,\n\nHER2 IHC 0.",
    ],
)
def test_a_wrapped_line_stays_in_its_sentence(text: str) -> None:
    assert len(sentences(text)) == 1


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("ER: positive\nPR: negative", 2),
        ("- Core biopsy 3/2/2023\n- Lumpectomy 4/5/2023", 2),
        ("FINAL DIAGNOSIS\nInvasive ductal carcinoma.", 2),
        ("Grade 2. Margins negative.", 2),
        ("Invasive carcinoma\n\nMargins negative", 2),
    ],
)
def test_a_listed_fact_gets_its_own_sentence(text: str, count: int) -> None:
    assert len(sentences(text)) == count
