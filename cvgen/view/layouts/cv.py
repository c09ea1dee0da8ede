"""The CV layout: every section the profile asks for, in its order, each a dated list or text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.people import People
from cvgen.model.settings import Numbering, Profile
from cvgen.view import entries as fmt
from cvgen.view.chart import citation_chart
from cvgen.view.document import Group, Item, Section
from cvgen.view.group_titles import counted_titles
from cvgen.view.publications import group_publications, legend, metrics_line, number_groups, publication_item
from cvgen.view.selection import cap, section_order, select_publications, window, years_span
from cvgen.view.words import section_title

if TYPE_CHECKING:
    from cvgen.view.cited import CitationStyle


@dataclass(frozen=True)
class _ListSection:
    """A dated list section: where its rows are, how each is dated and formatted, whether caps apply."""

    rows: Callable[[CV, Profile], Sequence[Any]]
    dates: Callable[[Any], tuple[Any, Any]]
    item: Callable[[Any, Any, Locale], Item]
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
        lambda cv, p: cv.service, lambda s: (s.start, s.end) if s.start or s.end else years_span(s.years), fmt.service
    ),
}
"""Every built-in section but summary, research areas and publications, in one place."""


def title_of(cv: CV, key: str, override: str | None, loc: Locale) -> str:
    """A section's heading: the profile's, else settings.titles, else the custom section's, else the language's."""
    if override:
        return override
    if key in cv.settings.titles:
        return cv.settings.titles[key]
    for c in cv.custom_sections:
        if c.key == key:
            return c.title
    return section_title(key, loc)


def _style(cv: CV, key: str) -> Any:
    return cv.settings.date_styles.get(key, cv.settings.date_style)


def _listed(cv: CV, profile: Profile, key: str, title: str, loc: Locale) -> Section | None:
    spec = _LISTS[key]
    rows = window(spec.rows(cv, profile), profile, spec.dates)
    if spec.capped:
        rows = cap(rows, profile)
    items = [spec.item(row, _style(cv, key), loc) for row in rows]
    if key == "talks" and items:
        ids = [[t.id for t in rows]]
        return Section(key, title, groups=number_groups([(None, items)], cv.settings.talks_numbering, ids))
    return _entries(key, title, items)


def _custom(cv: CV, profile: Profile, key: str, title: str, loc: Locale) -> Section | None:
    custom = next((c for c in cv.custom_sections if c.key == key), None)
    if custom is None:
        return None
    rows = window(custom.entries, profile, lambda e: (e.date or e.start, e.end))
    items = [fmt.entry(e, _style(cv, key), loc) for e in rows]
    if items and custom.numbered:
        return Section(key, title, groups=number_groups([(None, items)], Numbering(style="ascending")))
    return _entries(key, title, items)


def _section(
    cv: CV, profile: Profile, people: People, key: str, title: str, warnings: list[str], loc: Locale,
    cited: CitationStyle | None,
) -> Section | None:
    if key == "summary":
        return Section(key, title, intro=(cv.summary,), layout="text") if cv.summary else None
    if key == "research_areas":
        if not cv.research_areas:
            return None
        items = [fmt.research_area(a) for a in cv.research_areas]
        return Section(key, title, groups=(Group(None, tuple(items)),), layout="areas")
    if key == "publications":
        return _publications(cv, profile, people, title, warnings, loc, cited)
    if key in _LISTS:
        return _listed(cv, profile, key, title, loc)
    return _custom(cv, profile, key, title, loc)


def cv_sections(
    cv: CV, profile: Profile, warnings: list[str], loc: Locale, cited: CitationStyle | None = None
) -> tuple[Section, ...]:
    """The sections of the CV layout, in the profile's order, empty ones left out.

    ``cited`` formats publications in a CSL citation style instead of cvgen's layout.
    """
    people = People.of(cv)
    found = (_section(cv, profile, people, key, title_of(cv, key, override, loc), warnings, loc, cited)
             for key, override in section_order(cv, profile))
    return tuple(section for section in found if section is not None)


def _entries(key: str, title: str, items: list[Item]) -> Section | None:
    if not items:
        return None
    return Section(key, title, groups=(Group(None, tuple(items)),))


def _publications(
    cv: CV, profile: Profile, people: People, title: str, warnings: list[str], loc: Locale,
    cited: CitationStyle | None,
) -> Section | None:
    ps = cv.settings.publications
    pubs = select_publications(cv, profile)
    if not pubs:
        return None
    show_abstracts = profile.show_abstracts if profile.show_abstracts is not None else ps.show_abstracts
    grouped = [replace(g, pubs=cap(g.pubs, profile)) for g in group_publications(pubs, ps, loc)]
    grouped = counted_titles(grouped, group_publications(cv.publications, ps, loc), warnings)
    shown = [p for g in grouped for p in g.pubs]
    if cited is None:
        item_groups = [
            (g.title, [publication_item(p, cv, people, ps, show_abstracts, loc=loc) for p in g.pubs])
            for g in grouped
        ]
    else:  # the style's entry replaces cvgen's layout; grouping, numbering and the rest stay
        if ps.layout != "citation":
            warnings.append(f"settings.publications.layout: {ps.layout} applies to the cvgen style only; "
                            f"the {cited.name} style formats each publication")
        base = ps.model_copy(update={"layout": "citation"})
        item_groups = [
            (g.title, [cited.item(p, cv, people, publication_item(p, cv, people, base, show_abstracts, loc=loc))
                       for p in g.pubs])
            for g in grouped
        ]
    groups = number_groups(
        item_groups, ps.numbering, [[p.id for p in g.pubs] for g in grouped], [g.key for g in grouped]
    )
    visible = cited.visible if cited is not None else None
    intro = tuple(x for x in (metrics_line(cv, loc, warnings), legend(shown, cv, loc, people, visible)) if x)
    return Section("publications", title, intro=intro, groups=groups, chart=citation_chart(cv, loc))
