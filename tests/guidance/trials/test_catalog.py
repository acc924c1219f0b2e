"""The shipped catalog: every cell-therapy solid-tumour study and at least 60 breast studies."""

from guidance.trials.catalog import load_catalog
from guidance.trials.model import CRITERION_KINDS, Trial

CELL = {"CAR-T", "TCR-T", "TIL", "NK"}


def test_catalog_loads_and_round_trips():
    trials = load_catalog()
    assert trials and all(isinstance(t, Trial) for t in trials)
    assert all(Trial.from_dict(t.to_dict()) == t for t in trials)


def test_catalog_holds_cell_therapy_and_breast_studies():
    trials = load_catalog()
    assert sum(1 for t in trials if t.modality in CELL) >= 70
    breast = [t for t in trials if "breast" in t.sites]
    assert len(breast) >= 60
    assert sum(1 for t in breast if t.open and any(c.kind == "biomarker" for c in t.criteria)) >= 20


def test_every_criterion_keeps_its_text_and_a_known_kind():
    for trial in load_catalog():
        assert len({t.nct_id for t in load_catalog()}) == len(load_catalog())
        for c in trial.criteria:
            assert c.text.strip() and c.kind in CRITERION_KINDS


def test_open_means_recruiting_or_not_yet_recruiting():
    for trial in load_catalog():
        assert trial.open == (trial.status in {"Recruiting", "Not yet recruiting"})
