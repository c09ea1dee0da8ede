"""Which rows a view shows: the profile (named in the CV, overridden from the command line),
its date window, its caps and its section order. Shared by every layout.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from cvgen.errors import UsageError
from cvgen.model.cv import CV
from cvgen.model.dates import PRESENT, PartialDate, parse_date
from cvgen.model.publications import Publication
from cvgen.model.settings import BUILTIN_SECTIONS, Profile, SectionSpec

T = TypeVar("T")


@dataclass(frozen=True)
class ViewOptions:
    """What to show: a named profile from the CV plus command-line overrides."""

    profile: str | None = None
    selected_only: bool | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    page_size: str | None = None
    max_items: int | None = None
    include_tags: tuple[str, ...] | None = None
    exclude_tags: tuple[str, ...] | None = None
    """Tags given on the command line replace the profile's own lists."""
    style: str | None = None
    """A citation style overriding ``settings.publications.style`` (``--style``); its file is read by
    :func:`cvgen.loader.load_cv`, which must be given the same name."""

    @classmethod
    def make(cls, **kwargs: Any) -> ViewOptions:
        """Build options, parsing ``since``/``until`` given as text or numbers."""
        for key in ("since", "until"):
            if kwargs.get(key) is not None:
                kwargs[key] = parse_date(kwargs[key])
        for key in ("include_tags", "exclude_tags"):
            if isinstance(kwargs.get(key), str):  # "a,b" from the command line
                kwargs[key] = tuple(t.strip() for t in kwargs[key].split(",") if t.strip())
        return cls(**{k: v for k, v in kwargs.items() if v is not None})


def profile_for(cv: CV, options: ViewOptions) -> Profile:
    name = options.profile
    if name is None or name == "full" and "full" not in cv.settings.profiles:
        # The defaults as declared: constructing them through validation would build the Profile
        # validator for this alone (a few ms of every run), and declared defaults are valid.
        base = Profile.model_construct()
    elif name in cv.settings.profiles:
        base = cv.settings.profiles[name]
    else:
        known = ", ".join(sorted(cv.settings.profiles)) or "none are defined in settings.profiles"
        raise UsageError(f"unknown profile {name!r} (known: {known})")
    changes: dict[str, Any] = {}
    for key in ("selected_only", "since", "until", "max_items", "include_tags", "exclude_tags"):
        value = getattr(options, key)
        if value is not None:
            changes[key] = value
    return base.model_copy(update=changes) if changes else base


Bound = tuple[int, int, int]


def _first_day(d: PartialDate) -> Bound:
    return (d.year, d.month or 1, d.day or 1)


def _last_day(d: PartialDate) -> Bound:
    return (d.year, d.month or 12, d.day or 31)


def _span(start: PartialDate | None, end: Any) -> tuple[Bound | None, Bound | None] | None:
    """The days an item covers, as (first, last); None for unbounded ends, None overall if undated.

    A single date covers its whole precision: "2019" is Jan 1 – Dec 31, 2019. An end of "present"
    is open-ended; an item with only an end ("graduated 2016-03") is that month.
    """
    end_date = end if isinstance(end, PartialDate) else None
    if start is None and end_date is None:
        return None if end != PRESENT else (None, None)
    lo = _first_day(start) if start is not None else (_first_day(end_date) if end_date else None)
    if end == PRESENT:
        hi = None
    else:
        hi = _last_day(end_date if end_date is not None else start)  # type: ignore[arg-type]
    return lo, hi


def in_window(profile: Profile, start: PartialDate | None, end: Any = None) -> bool:
    """Does an item dated ``start``–``end`` overlap the profile's since/until window?

    Overlap, not containment: a position from 2018 to present is shown with ``since: 2021``; a
    2019 paper is not. ``since`` counts from the first day it names, ``until`` to the last
    (``until: 2023`` includes December 2023). Undated items are always kept: nothing is lost for
    want of a date.
    """
    if profile.since is None and profile.until is None:
        return True
    span = _span(start, end)
    if span is None:
        return True
    lo, hi = span
    if profile.since is not None and hi is not None and hi < _first_day(profile.since):
        return False
    if profile.until is not None and lo is not None and lo > _last_day(profile.until):
        return False
    return True


def years_span(years: Sequence[str]) -> tuple[PartialDate | None, PartialDate | None]:
    """Service written as years ("2022", "2023–2024") → (first year, last year)."""
    found = [int(y) for text in years for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
    if not found:
        return None, None
    return PartialDate(min(found)), PartialDate(max(found))


def window(items: Sequence[T], profile: Profile, dates: Callable[[T], tuple[Any, Any]]) -> list[T]:
    return [x for x in items if in_window(profile, *dates(x))]


def cap(items: list[T], profile: Profile) -> list[T]:
    return items[: profile.max_items] if profile.max_items else items


def section_order(cv: CV, profile: Profile) -> list[tuple[str, str | None]]:
    specs = profile.sections if profile.sections is not None else cv.settings.sections
    custom = [c.key for c in cv.custom_sections]
    if specs is None:
        return [(k, None) for k in (*BUILTIN_SECTIONS, *custom)]
    out: list[tuple[str, str | None]] = []
    for spec in specs:
        key, title = (spec.key, spec.title) if isinstance(spec, SectionSpec) else (spec, None)
        if key not in BUILTIN_SECTIONS and key not in custom:
            known = ", ".join((*BUILTIN_SECTIONS, *custom))
            raise UsageError(f"settings.sections names an unknown section {key!r} (known: {known})")
        out.append((key, title))
    return out


def select_publications(cv: CV, profile: Profile) -> list[Publication]:
    """The publications a profile shows: selected ones only if asked, inside the date window."""
    pubs = [p for p in cv.publications if p.selected or not profile.selected_only]
    return window(pubs, profile, lambda p: (p.date, None))




__all__ = ["ViewOptions", "cap", "profile_for", "section_order", "select_publications", "window"]
