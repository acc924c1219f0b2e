"""The spaCy pipeline: blank English plus Navis's registered components, built once per process.

No model is downloaded: the tokenizer is spaCy's rule-based English one and every component is
rules (``rules/*.json``) and code in this package.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing the modules registers their factories with spaCy.
from workers.extraction.components import context, findings, sections, sentences  # noqa: F401

COMPONENTS = ["navis_sentences", "navis_sections", "navis_findings", "navis_context"]


@cache
def pipeline() -> Language:
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
