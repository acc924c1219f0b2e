"""Small questions asked of a profile, answered once for every reader.

Each takes the contract's plain dict. Answers are three-valued where the records may be
silent: ``True``, ``False`` or ``None`` (not known; never read as a negative).
"""

from __future__ import annotations

from typing import Any

from vocabulary.biomarkers import HER2_NEGATIVE
from vocabulary.staging import says_distant

Profile = dict[str, Any]


def biomarker(profile: Profile, name: str) -> dict[str, Any] | None:
    """The profile's entry for one biomarker, or None when the records do not report it."""
    return next((b for b in profile.get("biomarkers") or [] if b.get("name") == name), None)


def has_conflict(profile: Profile, field: str) -> bool:
    """Whether the records disagree about ``field`` ("HER2.status", "stage.group")."""
    return any(c.get("field") == field for c in profile.get("conflicts") or [])


def status(profile: Profile, name: str) -> str | None:
    """A biomarker's status, or None when it is not reported or the records disagree on it."""
    entry = biomarker(profile, name)
    if entry is None or has_conflict(profile, f"{name}.status"):
        return None
    return entry.get("status")


def her2_negative(profile: Profile) -> bool | None:
    """HER2-negative in the binary sense (IHC 0, 1+ or 2+/ISH not amplified, or "negative")."""
    her2 = status(profile, "HER2")
    if her2 is None or her2 == "equivocal":
        return None
    return her2 in HER2_NEGATIVE


def hormone_receptor_positive(profile: Profile) -> bool | None:
    """ER or PR positive. ER-low / PR-low (1-10 %) is not decided here: None.

    Positive when either receptor is positive; negative when both are negative; otherwise
    (a low result, a missing or disputed one) not known.
    """
    statuses = [status(profile, name) for name in ("ER", "PR")]
    if "positive" in statuses:
        return True
    if statuses == ["negative", "negative"]:
        return False
    return None


def triple_negative(profile: Profile) -> bool | None:
    """ER, PR and HER2 all negative: decided once, for guidance and for trial matching.

    ER-low or PR-low (1-10 %) is neither: some trials and guidelines count it as triple
    negative and others do not, so the answer is None and the oncologist decides.
    """
    er, pr = status(profile, "ER"), status(profile, "PR")
    her2 = her2_negative(profile)
    if er == "positive" or pr == "positive" or her2 is False:
        return False
    if er == "negative" and pr == "negative" and her2 is True:
        return True
    return None


def metastatic(profile: Profile) -> bool | None:
    """Distant spread documented (True), ruled out by the stage (False), or not known."""
    stage = profile.get("stage") or {}
    if has_conflict(profile, "stage.metastatic"):
        return None
    if stage.get("metastatic") is not None:
        return bool(stage["metastatic"])
    return says_distant(stage.get("group"))


def primary_site(profile: Profile) -> str | None:
    return (profile.get("diagnosis") or {}).get("primary_site")
