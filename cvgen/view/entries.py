"""Turn each non-publication entry kind into a generic :class:`Item` (main line, date, details)."""

from __future__ import annotations

from cvgen.locale import Locale
from cvgen.model.dates import DateStyle
from cvgen.model.entries import (
    Education,
    Entry,
    Grant,
    Honor,
    Mentee,
    Position,
    ResearchArea,
    Service,
    Talk,
    Teaching,
)
from cvgen.model.markup import Inline, Text
from cvgen.view.document import Item, LinkRef
from cvgen.view.inline import join, link, merge, quoted_title, strong
from cvgen.view.words import and_list, words


def _level(level: str, loc: Locale) -> str | None:
    """A mentee's level in words ("Ph.D. student", "Doktorand/in"); none for "other"."""
    key = f"levels.{level}"
    return loc.text(key) if key in loc.strings else None


def research_area(area: ResearchArea) -> Item:
    return Item(main=join([strong(f"{area.label}:"), join(area.topics, ", ")], " "), kind="research-area")


def education(e: Education, style: DateStyle, loc: Locale) -> Item:
    main = join([strong(e.degree), e.field, e.institution, e.location], ", ")
    details: list[Inline] = []
    advisors = None
    if e.advisors:
        key = "entries.advisors" if len(e.advisors) > 1 else "entries.advisor"
        advisors = words(loc, key, names=and_list(e.advisors, loc))
    first = join([join([strong(d) for d in e.distinctions], "; "), advisors], "; ")
    if first:
        details.append(first)
    if e.thesis:
        details.append(words(loc, "entries.thesis", title=quoted_title(e.thesis)))
    details.extend(e.notes)
    return Item(main=main, kind="education", date=loc.date_range(e.start, e.end, style), details=tuple(details))


def position(p: Position, style: DateStyle, loc: Locale) -> Item:
    title = merge((*p.title, Text(" ("), *p.field, Text(")"))) if p.field else p.title  # no word to translate
    main = join([title, p.unit, p.organization, p.location], ", ")
    details: list[Inline] = []
    if p.supervisors:
        key = "entries.supervisors" if len(p.supervisors) > 1 else "entries.supervisor"
        details.append(words(loc, key, names=and_list(p.supervisors, loc)))
    details.extend(p.notes)
    return Item(main=main, kind="position", date=loc.date_range(p.start, p.end, style), details=tuple(details))


def honor(h: Honor, style: DateStyle, loc: Locale) -> Item:
    title = strong(h.title, "award") if h.prominent else h.title
    main = join([title, words(loc, "entries.at_event", event=h.event) if h.event else None], " ")
    main = join([main, h.awarder], ", ")
    details = (h.description,) if h.description else ()
    return Item(
        main=main, kind="honor", date=loc.date(h.date, style), details=details, prominent=h.prominent,
        detail_style="description",
    )


def talk(t: Talk, style: DateStyle, loc: Locale) -> Item:
    title = link(t.url, quoted_title(t.title))
    main = join([title, join([t.event, t.location], ", ")], " ")
    links = tuple(LinkRef(lnk.label, lnk.url) for lnk in t.links if lnk.url)
    return Item(main=main, kind="talk", date=loc.date(t.date, style), links=links)


def grant(g: Grant, style: DateStyle, loc: Locale) -> Item:
    main = join([quoted_title(g.title), g.sponsor], " ")
    facts: list[Inline | str | None] = [loc.fill("entries.role", role=g.role) if g.role else None]
    if g.amount:
        facts.append(loc.fill("entries.amount", amount=loc.money(g.amount.value, g.amount.currency)))
    if g.share:
        facts.append(loc.fill("entries.share", amount=loc.money(g.share.value, g.share.currency)))
    if g.number:
        facts.append(loc.fill("entries.award_no", number=g.number))
    facts.extend(_support_facts(g))
    details = [d for d in (join(facts, "; "),) if d]
    details.extend(merge((Text(label), *text)) for label, text in (("Objectives: ", g.objectives),
                                                                     ("Overlap: ", g.overlap)) if text)
    details.extend(g.notes)
    return Item(main=main, kind="grant", date=loc.date_range(g.start, g.end, style), details=tuple(details))


def _support_facts(g: Grant) -> list[str]:
    """What the Current and Pending (Other) Support form adds to a grant, shown in the CV too.

    The words are English, like the US form they come from; they are not in the string catalogue yet.
    """
    facts = [f"Status: {g.status}" if g.status else "", "In-kind contribution" if g.kind == "in-kind" else "",
             f"Place of performance: {g.location}" if g.location else ""]
    if g.person_months:
        facts.append("Person-months: " + ", ".join(f"{pm.year}: {pm.months:g}" for pm in g.person_months))
    return [f for f in facts if f]


def teaching(t: Teaching, style: DateStyle, loc: Locale) -> Item:
    course = join([t.code, t.course], ": ") if t.code else t.course
    main = join([course, t.institution, t.role], ", ")
    details: list[Inline] = []
    facts = join(
        [", ".join(t.terms) if t.terms else None,
         loc.fill("entries.enrollment", count=t.enrollment) if t.enrollment is not None else None,
         loc.fill("entries.evaluation", score=t.evaluation) if t.evaluation else None],
        "; ",
    )
    if facts:
        details.append(facts)
    details.extend(t.notes)
    return Item(main=main, kind="teaching", date=loc.date_range(t.start, t.end, style), details=tuple(details))


def service(s: Service, style: DateStyle, loc: Locale) -> Item:
    main = join([s.role, s.organization], ", ")
    date = loc.date_range(s.start, s.end, style) or ", ".join(s.years)
    return Item(main=main, kind="service", date=date, details=tuple(s.notes))


def mentee(m: Mentee, style: DateStyle, loc: Locale) -> Item:
    main = join([strong(m.name), _level(m.level, loc)], ", ")
    details: list[Inline] = []
    if m.thesis:
        details.append(words(loc, "entries.thesis", title=quoted_title(m.thesis)))
    if m.co_advisor:
        details.append(words(loc, "entries.co_advised", name=m.co_advisor))
    if m.placement:
        details.append(words(loc, "entries.placement", place=m.placement))
    details.extend(m.notes)
    return Item(main=main, kind="mentee", date=loc.date_range(m.start, m.end, style), details=tuple(details))


def entry(e: Entry, style: DateStyle, loc: Locale) -> Item:
    main = join([link(e.url, e.title), e.subtitle, e.location], ", ")
    date = loc.date(e.date, style) if e.date else loc.date_range(e.start, e.end, style)
    return Item(main=main, kind="entry", date=date, details=tuple(e.details))
