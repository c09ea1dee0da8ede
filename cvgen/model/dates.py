"""Dates as academics write them: a year, a month, a day, or "present", and ranges of those.

A CV date is often only a year ("2024") or a month ("Mar. 2016"), so :class:`PartialDate` keeps
exactly the precision that was written. Display styles live in :func:`format_date` so every
backend prints the same string.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

ACCEPTED_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, 'Mar 2016', 'March 2016', 'Mar 27, 2022', or 'present'"

MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
"""English month names by number (fixed, not the process locale's: output must not vary by machine)."""
MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES) if name}
MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES) if name})
MONTHS["sept"] = 9
"""Month number by lower-case name or abbreviation ("january", "jan", "sept"): the one month table."""

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_WORDY = re.compile(r"^([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$")

DateStyle = Literal["abbr", "long", "numeric", "iso", "year"]

# The seed CV's abbreviations: short months spelled out, others abbreviated with a period.
_ABBR = ["", "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."]


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


PRESENT = "present"


def parse_date(value: object) -> PartialDate:
    """Parse a written date; raise ValueError listing the accepted forms."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date ({ACCEPTED_FORMS})")
    raw = value.strip()
    year = month = day = None
    m = _ISO.match(raw)
    if m:
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
    else:
        w = _WORDY.match(raw)
        if w and w.group(1).lower() in MONTHS:
            month = MONTHS[w.group(1).lower()]
            day = int(w.group(2)) if w.group(2) else None
            year = int(w.group(3))
    if year is None:
        raise ValueError(f"{raw!r} is not a date; accepted forms: {ACCEPTED_FORMS}")
    if not 1000 <= year <= 2999:
        raise ValueError(f"year {year} is out of range in {raw!r}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1–12 in {raw!r}; accepted forms: {ACCEPTED_FORMS}")
    if day is not None:
        try:
            _dt.date(year, month or 1, day)
        except ValueError:
            raise ValueError(f"day {day} does not exist in {raw!r}") from None
    return PartialDate(year, month, day)


def parse_end(value: object) -> PartialDate | Literal["present"]:
    """An end date may also be "present" (also "now", "current", "ongoing")."""
    if isinstance(value, str) and value.strip().lower() in ("present", "now", "current", "ongoing"):
        return PRESENT
    return parse_date(value)


def format_date(d: PartialDate | Literal["present"] | None, style: DateStyle = "abbr") -> str:
    """Render a date in one of the display styles (the seed uses "abbr" and "numeric")."""
    if d is None:
        return ""
    if d == PRESENT:
        return "present"
    assert isinstance(d, PartialDate)
    if style == "year" or d.month is None:
        return str(d.year)
    if style == "iso":
        return str(d)
    if style == "numeric":
        return f"{d.month:02d}/{d.year}"
    month = _ABBR[d.month] if style == "abbr" else MONTH_NAMES[d.month]
    if d.day is not None and style == "long":
        return f"{month} {d.day}, {d.year}"
    return f"{month} {d.year}"


def format_range(
    start: PartialDate | None,
    end: PartialDate | Literal["present"] | None,
    style: DateStyle = "abbr",
    dash: str = " – ",
) -> str:
    """"Jan. 2021 – present", "2018 – 2020", or a single date when start and end agree."""
    if start is None:
        return format_date(end, style)
    if end is None or end == start:
        return format_date(start, style)
    return f"{format_date(start, style)}{dash}{format_date(end, style)}"


Date = Annotated[
    PartialDate,
    BeforeValidator(parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                {"type": "string", "pattern": r"^[A-Za-z]+\.?\s+(\d{1,2},?\s+)?\d{4}$"},
                {"type": "integer"},
            ],
            "description": f"A date: {ACCEPTED_FORMS}",
        }
    ),
]
EndDate = Annotated[
    PartialDate | Literal["present"],
    BeforeValidator(parse_end),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                {"type": "string", "pattern": r"^[A-Za-z]+\.?\s+(\d{1,2},?\s+)?\d{4}$"},
                {"type": "string", "enum": ["present", "now", "current", "ongoing"]},
                {"type": "integer"},
            ],
            "description": f"An end date: {ACCEPTED_FORMS}",
        }
    ),
]
