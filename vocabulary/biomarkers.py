"""Biomarker names and results as the contract defines them, and the ASCO/CAP rules.

ER/PR follow ASCO/CAP 2020 (ER-low 1-10 % inclusive); HER2 follows ASCO/CAP 2018 with the
2023 HER2-low/ultralow update, and (r2) ``negative`` when a record says only "HER2 negative".
"""

from __future__ import annotations

RECEPTORS = ("ER", "PR")
HORMONE_RECEPTORS = ("ER", "PR", "AR")  # reported as status + percent of stained cells
RECEPTOR_STATUSES = ("positive", "low", "negative")
RECEPTOR_LOW_MIN, RECEPTOR_LOW_MAX = 1, 10  # percent of cells, inclusive: ER-low / PR-low
# ER/PR-positive in the binary sense (ASCO/CAP: >= 1 % of cells), which ER-low is part of.
RECEPTOR_POSITIVE = ("positive", "low")

HER2 = "HER2"
HER2_STATUSES = ("positive", "equivocal", "low", "ultralow", "zero", "negative")
# Every status that is HER2-negative in the older binary sense (ASCO/CAP: IHC 0, 1+, 2+/ISH-).
HER2_NEGATIVE = frozenset({"negative", "low", "ultralow", "zero"})
# The finer categories a bare "HER2 negative" cannot tell apart.
HER2_NEGATIVE_SUBTYPES = frozenset({"low", "ultralow", "zero"})
# Together every HER2-negative result: IHC 1+ or 2+/ISH- (low) and IHC 0 (zero; ultralow is an
# IHC 0 with faint staining). A criterion admitting both admits a bare "HER2 negative".
HER2_NEGATIVE_COVER = frozenset({"low", "zero"})
IHC_SCORES = ("0", "1+", "2+", "3+")
ISH_RESULTS = ("amplified", "not amplified", "equivocal")

GENE_STATUSES = ("pathogenic", "vus", "negative")
ORIGINS = ("germline", "somatic")
MSI_STATUSES = ("high", "low", "stable")
MMR = "MMR"
MMR_STATUSES = ("deficient", "proficient")
MMR_PROTEINS = ("MLH1", "PMS2", "MSH2", "MSH6")
PDL1_UNITS = ("TPS", "CPS", "IC")
TMB_UNIT = "mut/Mb"
TMB_STATUSES = ("high", "low")
# Biomarkers that are not gene symbols; every other name is an HGNC symbol.
NAMED_MARKERS = ("ER", "PR", "HER2", "Ki-67", "AR", "PD-L1", "MSI", "TMB", "MMR")
# The statuses each non-gene biomarker may take (genes take GENE_STATUSES).
STATUSES = {
    "ER": RECEPTOR_STATUSES,
    "PR": RECEPTOR_STATUSES,
    "AR": RECEPTOR_STATUSES,
    "HER2": HER2_STATUSES,
    "MSI": MSI_STATUSES,
    "MMR": MMR_STATUSES,
    "TMB": TMB_STATUSES,
    "PD-L1": ("positive", "negative"),
    "Ki-67": (),
}


def statuses_of(name: str) -> tuple[str, ...]:
    """The statuses the contract allows for biomarker ``name``."""
    return STATUSES.get(name, GENE_STATUSES)


def is_gene(name: str) -> bool:
    return name not in NAMED_MARKERS


def receptor_status(
    word: str | None, percent: float | None, allred: int | None = None
) -> str | None:
    """ER/PR status: positive (>10 %), low (1-10 %), negative (<1 %), per ASCO/CAP 2020.

    A percentage decides when there is one (``percent`` is the upper bound the report gives);
    otherwise the written word, then the Allred score (0-2 negative, 3-8 positive). Exactly
    10 % is "low": ASCO/CAP's ER-low band is 1-10 % inclusive.
    """
    if percent is not None:
        if percent < RECEPTOR_LOW_MIN:
            return "negative"
        if percent <= RECEPTOR_LOW_MAX:
            return "low"
        return "positive"
    if word in RECEPTOR_STATUSES:
        return word
    if allred is not None:
        return "positive" if allred >= 3 else "negative"
    return None


def ish_from_numbers(ratio: float | None, copies: float | None, ihc: str | None) -> str | None:
    """ISH result from HER2/CEP17 ratio and average HER2 copy number (ASCO/CAP 2018 groups).

    Group 1 (ratio >= 2, copies >= 4) is amplified, group 5 (< 2, < 4) is not. Groups 2-4 are
    decided with the IHC result: group 3 (< 2, >= 6) counts as amplified with IHC 2+ or 3+;
    groups 2 and 4 count as not amplified unless IHC is 3+ (which makes HER2 positive anyway).
    """
    group = ish_group(ratio, copies)
    if group is None:
        if ratio is None:
            return None
        return "amplified" if ratio >= 2.0 else "not amplified"
    if group == 1:
        return "amplified"
    if group == 3 and ihc in {"2+", "3+"}:
        return "amplified"
    return "not amplified"


def ish_group(ratio: float | None, copies: float | None) -> int | None:
    if ratio is None or copies is None:
        return None
    if ratio >= 2.0:
        return 1 if copies >= 4.0 else 2
    if copies >= 6.0:
        return 3
    if copies >= 4.0:
        return 4
    return 5


def her2_status(
    ihc: str | None,
    ish: str | None,
    *,
    word: str | None = None,
    ultralow: bool = False,
) -> str | None:
    """HER2 category per ASCO/CAP 2018 with the 2023 HER2-low/ultralow update.

    positive: IHC 3+, or ISH amplified; equivocal: IHC 2+ with ISH pending or not done;
    low: IHC 1+, or 2+ with ISH not amplified; ultralow: IHC 0 with faint staining in <= 10 %;
    zero: IHC 0. Without a score, the written category is kept ("negative" when a report says
    only HER2-negative: low, ultralow and zero cannot be told apart without the IHC score).
    """
    if ihc == "3+" or ish == "amplified":
        return "positive"
    if ihc == "2+":
        return "low" if ish == "not amplified" else "equivocal"
    if ihc == "1+":
        return "low"
    if ihc == "0":
        return "ultralow" if ultralow or word == "ultralow" else "zero"
    if ultralow:
        return "ultralow"
    if ish == "not amplified":
        return word if word in HER2_NEGATIVE_SUBTYPES else "negative"
    if word in HER2_STATUSES:
        return word
    if ish == "equivocal":
        return "equivocal"
    return None
