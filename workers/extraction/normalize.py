"""The contract's vocabulary rules as small pure functions (ASCO/CAP categories and friends)."""

from __future__ import annotations

ROMAN = {"0": "0", "1": "I", "2": "II", "3": "III", "4": "IV"}


def receptor_status(
    word: str | None, percent: float | None, allred: int | None = None
) -> str | None:
    """ER/PR status: positive (>10 %), low (1-10 %), negative (<1 %), per ASCO/CAP 2020.

    A percentage decides when there is one (``percent`` is the upper bound the report gives);
    otherwise the written word, then the Allred score (0-2 negative, 3-8 positive). Exactly
    10 % is "low": ASCO/CAP's ER-low band is 1-10 % inclusive.
    """
    if percent is not None:
        if percent < 1:
            return "negative"
        if percent <= 10:
            return "low"
        return "positive"
    if word in {"positive", "negative", "low"}:
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
        return word if word in {"low", "ultralow", "zero"} else "negative"
    if word in {"positive", "negative", "low", "ultralow", "zero", "equivocal"}:
        return word
    if ish == "equivocal":
        return "equivocal"
    return None


def stage_group(text: str) -> str | None:
    """AJCC stage group written as Roman numerals with its letter ("2b" -> "IIB")."""
    text = text.strip().upper().replace(" ", "")
    if not text:
        return None
    head, tail = text, ""
    while head and head[-1] in "ABC":
        head, tail = head[:-1], head[-1] + tail
    head = ROMAN.get(head, head)
    if head not in {"0", "I", "II", "III", "IV"} or len(tail) > 1:
        return None
    if head == "0" and tail:
        return None
    return head + tail


def grade_from_nottingham(score: int) -> int | None:
    """Nottingham total 3-5 is grade 1, 6-7 grade 2, 8-9 grade 3."""
    if 3 <= score <= 5:
        return 1
    if score in (6, 7):
        return 2
    if score in (8, 9):
        return 3
    return None
