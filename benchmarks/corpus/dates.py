"""Dates as records write them, and as the truth stores them (ISO, as precise as written)."""

from __future__ import annotations

import datetime as dt
import random

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# styles for a full date; an institution keeps one style per document
DAY_STYLES = ("us", "us_nopad", "long", "iso", "dmy", "dmonth", "long_abbr")


def fmt(day: dt.date, style: str) -> str:
    """A full date in one of the styles records use."""
    if style == "us":
        return day.strftime("%m/%d/%Y")
    if style == "us_nopad":
        return f"{day.month}/{day.day}/{day.year}"
    if style == "long":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == "long_abbr":
        return f"{MONTHS[day.month - 1][:3]} {day.day}, {day.year}"
    if style == "iso":
        return day.isoformat()
    if style == "dmy":
        return f"{day.day:02d}-{MONTHS[day.month - 1][:3]}-{day.year}"
    if style == "dmonth":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    raise ValueError(style)


def fmt_month(day: dt.date, style: str) -> str:
    """Month precision ("March 2025", "03/2025", "Mar 2025", "2025-03")."""
    if style in ("us", "us_nopad"):
        return f"{day.month:02d}/{day.year}"
    if style == "iso":
        return f"{day.year}-{day.month:02d}"
    if style in ("dmy", "long_abbr"):
        return f"{MONTHS[day.month - 1][:3]} {day.year}"
    return f"{MONTHS[day.month - 1]} {day.year}"


def truth(day: dt.date | None, precision: str = "day") -> str | None:
    """The contract's date string at the precision the record gives."""
    if day is None:
        return None
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    if precision == "year":
        return str(day.year)
    raise ValueError(precision)


def say(day: dt.date, style: str, precision: str = "day") -> str:
    if precision == "day":
        return fmt(day, style)
    if precision == "month":
        return fmt_month(day, style)
    return str(day.year)


def plus(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def between(rng: random.Random, start: dt.date, low: int, high: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(low, high))


def weekday_after(day: dt.date) -> dt.date:
    """Clinics do not run on weekends: move a Saturday/Sunday to Monday."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def age_on(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def more_precise(a: str | None, b: str | None) -> str | None:
    """Of two renderings of the same date, the more precise one."""
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a) >= len(b) else b
