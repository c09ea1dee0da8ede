"""The preparation step: CV model + options → :class:`Document`, computed once for every format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from cvgen.errors import UsageError
from cvgen.loader.load import base_dir_of, photo_origin
from cvgen.model.cv import CV
from cvgen.model.dates import PRESENT, PartialDate, parse_date
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.publications import Publication
from cvgen.model.settings import BUILTIN_SECTIONS, DEFAULT_TITLES, Numbering, Profile, SectionSpec
from cvgen.view import entries as fmt
from cvgen.view.chart import citation_chart
from cvgen.view.document import Contact, Document, Group, Header, Item, Meta, Section
from cvgen.view.inline import join
from cvgen.view.photo import load_photo
from cvgen.view.publications import (
    People,
    group_publications,
    legend,
    metrics_line,
    number_groups,
    publication_item,
)

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

    @classmethod
    def make(cls, **kwargs: Any) -> ViewOptions:
        """Build options, parsing ``since``/``until`` given as text or numbers."""
        for key in ("since", "until"):
            if kwargs.get(key) is not None:
                kwargs[key] = parse_date(kwargs[key])
        return cls(**{k: v for k, v in kwargs.items() if v is not None})


def _profile(cv: CV, options: ViewOptions) -> Profile:
    name = options.profile
    if name is None or name == "full" and "full" not in cv.settings.profiles:
        base = Profile()
    elif name in cv.settings.profiles:
        base = cv.settings.profiles[name]
    else:
        known = ", ".join(sorted(cv.settings.profiles)) or "none are defined in settings.profiles"
        raise UsageError(f"unknown profile {name!r} (known: {known})")
    changes: dict[str, Any] = {}
    for key in ("selected_only", "since", "until", "max_items"):
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


def _in_window(profile: Profile, start: PartialDate | None, end: Any = None) -> bool:
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


def _years_span(years: Sequence[str]) -> tuple[PartialDate | None, PartialDate | None]:
    """Service written as years ("2022", "2023–2024") → (first year, last year)."""
    import re

    found = [int(y) for text in years for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
    if not found:
        return None, None
    return PartialDate(min(found)), PartialDate(max(found))


def _window(items: Sequence[T], profile: Profile, dates: Callable[[T], tuple[Any, Any]]) -> list[T]:
    return [x for x in items if _in_window(profile, *dates(x))]


def _cap(items: list[T], profile: Profile) -> list[T]:
    return items[: profile.max_items] if profile.max_items else items


def _order(cv: CV, profile: Profile) -> list[tuple[str, str | None]]:
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


def _header(cv: CV) -> Header:
    p = cv.person
    blocks: list[tuple[Inline, ...]] = []
    for a in p.affiliations:
        lines: list[Inline] = []
        if a.title:
            lines.append((Text(a.title),))
        if a.department:
            lines.append((Text(a.department),))
        place = join([a.institution, a.location], ", ")
        if place:
            lines.append(place)
        if lines:
            blocks.append(tuple(lines))
    contacts: list[Contact] = []
    if p.pronouns:
        contacts.append(Contact("pronouns", "Pronouns", p.pronouns))
    contacts.extend(Contact("email", "Email", e, f"mailto:{e}") for e in p.emails)
    for ph in p.phones:
        text = ph.number + (f" ({ph.label})" if ph.label else "")
        digits = "".join(ch for ch in ph.number if ch.isdigit() or ch == "+")
        contacts.append(Contact("phone", "Tel", text, f"tel:{digits}" if digits else None))
    if p.address:
        contacts.append(Contact("address", "Address", ", ".join(p.address)))
    contacts.extend(Contact("link", lnk.label, lnk.label, lnk.url) for lnk in p.links)
    photo = load_photo(base_dir_of(cv), p.photo, *photo_origin(cv)) if p.photo else None
    return Header(name=p.name, affiliations=tuple(blocks), contacts=tuple(contacts), photo=photo)


@dataclass(frozen=True)
class _ListSection:
    """A dated list section: where its rows are, how each is dated and formatted, whether caps apply."""

    rows: Callable[[CV, Profile], Sequence[Any]]
    dates: Callable[[Any], tuple[Any, Any]]
    item: Callable[[Any, Any], Item]
    capped: bool = False


_LISTS: dict[str, _ListSection] = {
    "education": _ListSection(lambda cv, p: cv.education, lambda e: (e.start, e.end), fmt.education),
    "positions": _ListSection(lambda cv, p: cv.positions, lambda x: (x.start, x.end), fmt.position),
    "honors": _ListSection(lambda cv, p: cv.honors, lambda h: (h.date, None), fmt.honor, capped=True),
    "grants": _ListSection(lambda cv, p: cv.grants, lambda g: (g.start, g.end), fmt.grant),
    "talks": _ListSection(
        lambda cv, p: [t for t in cv.talks if t.selected or not p.selected_only], lambda t: (t.date, None), fmt.talk,
        capped=True,
    ),
    "teaching": _ListSection(lambda cv, p: cv.teaching, lambda t: (t.start, t.end), fmt.teaching),
    "mentoring": _ListSection(lambda cv, p: cv.mentoring, lambda m: (m.start, m.end), fmt.mentee),
    "service": _ListSection(
        lambda cv, p: cv.service, lambda s: (s.start, s.end) if s.start or s.end else _years_span(s.years), fmt.service
    ),
}
"""Every built-in section but summary, research areas and publications, in one place."""


def prepare(cv: CV, options: ViewOptions | None = None) -> Document:
    """Decide everything the reader will see, once, for every backend."""
    options = options or ViewOptions()
    profile = _profile(cv, options)
    if profile.layout == "biosketch":
        from cvgen.view.biosketch import prepare_biosketch

        return prepare_biosketch(cv, profile, _meta(cv, options, profile), _header(cv))
    settings = cv.settings
    people = People.of(cv)
    sections: list[Section] = []
    warnings: list[str] = []

    def style(key: str) -> Any:
        return settings.date_styles.get(key, settings.date_style)

    def title_of(key: str, override: str | None) -> str:
        if override:
            return override
        if key in settings.titles:
            return settings.titles[key]
        for c in cv.custom_sections:
            if c.key == key:
                return c.title
        return DEFAULT_TITLES[key]

    for key, override in _order(cv, profile):
        title = title_of(key, override)
        section: Section | None = None
        if key == "summary" and cv.summary:
            section = Section(key, title, intro=(cv.summary,), layout="text")
        elif key == "research_areas" and cv.research_areas:
            items = [fmt.research_area(a) for a in cv.research_areas]
            section = Section(key, title, groups=(Group(None, tuple(items)),), layout="areas")
        elif key == "publications":
            section = _publications(cv, profile, people, title, warnings)
        elif key in _LISTS:
            spec = _LISTS[key]
            rows = _window(spec.rows(cv, profile), profile, spec.dates)
            if spec.capped:
                rows = _cap(rows, profile)
            items = [spec.item(row, style(key)) for row in rows]
            if key == "talks" and items:
                ids = [[t.id for t in rows]]
                section = Section(key, title, groups=number_groups([(None, items)], settings.talks_numbering, ids))
            else:
                section = _entries(key, title, items)
        else:
            custom = next((c for c in cv.custom_sections if c.key == key), None)
            if custom is not None:
                rows = _window(custom.entries, profile, lambda e: (e.date or e.start, e.end))
                items = [fmt.entry(e, style(key)) for e in rows]
                if items and custom.numbered:
                    groups = number_groups([(None, items)], Numbering(style="ascending"))
                    section = Section(key, title, groups=groups)
                else:
                    section = _entries(key, title, items)
        if section is not None:
            sections.append(section)

    meta = _meta(cv, options, profile)
    return Document(meta=meta, header=_header(cv), sections=tuple(sections), warnings=tuple(warnings))


def _entries(key: str, title: str, items: list[Item]) -> Section | None:
    if not items:
        return None
    return Section(key, title, groups=(Group(None, tuple(items)),))


def select_publications(cv: CV, profile: Profile) -> list[Publication]:
    """The publications a profile shows: selected ones only if asked, inside the date window."""
    pubs = [p for p in cv.publications if p.selected or not profile.selected_only]
    return _window(pubs, profile, lambda p: (p.date, None))


def _publications(cv: CV, profile: Profile, people: People, title: str, warnings: list[str]) -> Section | None:
    ps = cv.settings.publications
    pubs = select_publications(cv, profile)
    if not pubs:
        return None
    show_abstracts = profile.show_abstracts if profile.show_abstracts is not None else ps.show_abstracts
    grouped = [replace(g, pubs=_cap(g.pubs, profile)) for g in group_publications(pubs, ps)]
    shown = [p for g in grouped for p in g.pubs]
    item_groups = [(g.title, [publication_item(p, cv, people, ps, show_abstracts) for p in g.pubs]) for g in grouped]
    groups = number_groups(
        item_groups, ps.numbering, [[p.id for p in g.pubs] for g in grouped], [g.key for g in grouped]
    )
    intro = tuple(x for x in (metrics_line(cv, warnings), legend(shown, cv, people)) if x)
    return Section("publications", title, intro=intro, groups=groups, chart=citation_chart(cv))


def _meta(cv: CV, options: ViewOptions, profile: Profile) -> Meta:
    p = cv.person
    keywords: list[str] = []
    for area in cv.research_areas:
        keywords.append(area.label)
        keywords.extend(plain(t) for t in area.topics)
    primary = next((a for a in p.affiliations if a.kind == "primary"), p.affiliations[0] if p.affiliations else None)
    desc_parts = [p.name]
    if primary is not None:
        desc_parts.extend(x for x in (primary.title, primary.institution) if x)
    return Meta(
        title=f"{p.name} — Curriculum Vitae",
        author=p.name,
        subject="Curriculum Vitae",
        keywords=tuple(keywords),
        description=", ".join(desc_parts) + ": curriculum vitae",
        language=cv.settings.language,
        page_size=options.page_size or cv.settings.page_size,
        accent_colour=cv.settings.accent_colour,
        layout=profile.layout,
    )


__all__ = ["ViewOptions", "prepare", "select_publications"]
