"""Guidance services that need the database; the rest of ``guidance`` is plain Python."""

from __future__ import annotations

from guidance.trials.catalog import load_catalog
from guidance.trials.model import Trial


def load_trials() -> list[Trial]:
    """Imported trials when any were imported (an operator's fresher data), else the catalog."""
    from guidance.models import Trial as TrialRow

    rows = list(TrialRow.objects.order_by("nct_id").values_list("data", flat=True))
    if rows:
        return [Trial.from_dict(data) for data in rows]
    return list(load_catalog())
