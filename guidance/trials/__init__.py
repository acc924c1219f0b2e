"""Clinical trial catalog: ClinicalTrials.gov import, eligibility parsing, the shipped catalog."""

from guidance.trials.model import CRITERION_KINDS, Criterion, Trial

__all__ = ["CRITERION_KINDS", "Criterion", "Trial"]
