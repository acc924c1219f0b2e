"""One page of text in, the patient's facts and profile out: the extraction's test helpers."""

import pytest

from workers.extraction import build_profile, extract_document
from workers.pipeline.types import PageText, Source


def page(text: str, number: int = 1) -> PageText:
    return PageText(number, text, Source.TEXT, None, 612, 792, [])


def read(*texts: str, name: str = "record.pdf"):
    """Each text is one document of one page; returns the profile."""
    documents = [
        extract_document(f"{index}-{name}", [page(text)], sha256="0" * 64)
        for index, text in enumerate(texts)
    ]
    return build_profile(documents)


@pytest.fixture
def profile_of():
    return read


def biomarker(profile: dict, name: str) -> dict | None:
    return next((b for b in profile["biomarkers"] if b["name"] == name), None)


def treatment_names(profile: dict) -> set[str]:
    return {t["name"] for t in profile["treatments"]}
