"""Dates as records write them, read into the contract's ``YYYY[-MM[-DD]]`` form."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)(?:-(?P<id>[0-3]?\d))?)"
    r"|(?P<us>(?P<um>[01]?\d)[/.-](?P<ud>[0-3]?\d)[/.-](?P<uy>(?:19|20)?\d\d))"
    r"|(?P<my>(?P<mym>[01]?\d)/(?P<myy>(?:19|20)\d\d))"
    r"|(?P<dmy>(?P<dd>[0-3]?\d)[ \n-]"  # a line may break between day and month
    + _MONTH.replace("mon", "dmon")
    + r"[\s,-]*(?P<dy>(?:19|20)\d\d))"
    r"|(?P<mdy>" + _MONTH + r"\s+(?:(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<mdyy>(?:19|20)\d\d))"
    r")(?![\w/-])",
    re.IGNORECASE,
)
YEAR_RE = re.compile(
    r"(?<![\w/.-])(?:in|since|of|during)\s+(?P<year>(?:19|20)\d\d)(?![\w/-])", re.I
)


@dataclass(frozen=True)
class FoundDate:
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    start: int
    end: int


def _full_year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year < 70 else 1900
    return year


def _format(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _value(match: re.Match[str]) -> str | None:
    group = match.groupdict()
    if group["iso"]:
        day = int(group["id"]) if group["id"] else None
        return _format(int(group["iy"]), int(group["im"]), day)
    if group["us"]:
        return _format(_full_year(group["uy"]), int(group["um"]), int(group["ud"]))
    if group["my"]:
        return _format(int(group["myy"]), int(group["mym"]))
    if group["dmy"]:
        return _format(
            int(group["dy"]), MONTHS[group["dmon"].lower().rstrip(".")], int(group["dd"])
        )
    if group["mdy"]:
        day = int(group["md"]) if group["md"] else None
        return _format(int(group["mdyy"]), MONTHS[group["mon"].lower().rstrip(".")], day)
    return None


def find_dates(text: str, *, years: bool = False) -> list[FoundDate]:
    """Every date in ``text`` in order; bare years only after in/since/of when ``years``."""
    found = []
    for match in DATE_RE.finditer(text):
        value = _value(match)
        if value:
            found.append(FoundDate(value, match.start(), match.end()))
    if years:
        taken = [(d.start, d.end) for d in found]
        for match in YEAR_RE.finditer(text):
            start, end = match.span("year")
            if not any(s <= start < e for s, e in taken):
                found.append(FoundDate(match.group("year"), start, end))
        found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str) -> str | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0].value if dates else None


def sort_key(value: str | None) -> str:
    """Dates sort as strings; an unknown date sorts first (oldest)."""
    return value or ""
