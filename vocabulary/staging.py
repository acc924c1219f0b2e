"""Stage as the contract writes it: TNM prefixes, AJCC/FIGO groups, distant sites."""

from __future__ import annotations

import re

# TNM prefixes, most specific first: yp (after neoadjuvant therapy, pathologic), yc, r (recurrence),
# p (pathologic), c (clinical).
STAGE_PREFIXES = ("ryp", "rp", "yp", "yc", "r", "p", "c")
ROMAN_NUMERALS = ("0", "I", "II", "III", "IV")
ARABIC_TO_ROMAN = {"0": "0", "1": "I", "2": "II", "3": "III", "4": "IV"}
GROUP_LETTERS = "ABC"
EARLY_NUMERALS = ("0", "I", "II", "III")  # groups that say there is no distant spread
# Groups treated to cure without doubt: stage III may be locally advanced (inoperable).
OPERABLE_NUMERALS = ("0", "I", "II")
METASTATIC_NUMERAL = "IV"
# The contract's words for where distant disease is, in the order the profile lists them.
METASTATIC_SITES = (
    "bone",
    "liver",
    "lung",
    "brain",
    "distant lymph node",
    "pleura",
    "peritoneum",
    "skin",
    "other",
)
# The numerals as a regular-expression alternation, longest first, for the finders.
NUMERAL_PATTERN = "|".join(sorted(ROMAN_NUMERALS, key=len, reverse=True))
GROUP = re.compile(rf"^({NUMERAL_PATTERN})([A-C]?)", re.IGNORECASE)


def stage_group(text: str) -> str | None:
    """AJCC stage group written as Roman numerals with its letter ("2b" -> "IIB")."""
    text = text.strip().upper().replace(" ", "")
    if not text:
        return None
    head, tail = text, ""
    while head and head[-1] in GROUP_LETTERS:
        head, tail = head[:-1], head[-1] + tail
    head = ARABIC_TO_ROMAN.get(head, head)
    if head not in ROMAN_NUMERALS or len(tail) > 1:
        return None
    if head == "0" and tail:
        return None
    return head + tail


def numeral(group: str | None) -> str | None:
    """The Roman numeral of a stage group ("IIIB" -> "III"), or None when it is not one."""
    match = GROUP.match((group or "").strip())
    return match[1].upper() if match else None


def group_within(group: str, wanted: tuple[str, ...] | list[str]) -> bool:
    """Whether ``group`` is one of ``wanted``: "IIB" is within "II" and "IIB", not "IIA"."""
    have = GROUP.match(group.strip())
    if not have:
        return False
    for item in wanted:
        want = GROUP.match(item.strip())
        same_number = bool(want) and want[1].upper() == have[1].upper()
        if same_number and (not want[2] or want[2].upper() == have[2].upper()):
            return True
    return False


def says_distant(group: str | None) -> bool | None:
    """Stage IV means distant spread, 0-III none; None when the group is not known."""
    number = numeral(group)
    if number is None:
        return None
    return number == METASTATIC_NUMERAL


def prefix(category: str | None) -> str:
    """The prefix of a T, N or M category as reported ("ypT1c" -> "yp"; "T2" -> "")."""
    match = re.match(r"([a-z]*)(?=[TNM])", category or "")
    return match[1] if match and match[1] in STAGE_PREFIXES else ""
