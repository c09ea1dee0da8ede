"""Turn each non-publication entry kind into a generic :class:`Item` (main line, date, details)."""

from __future__ import annotations

from cvgen.model.dates import DateStyle, format_date, format_range
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

LEVELS = {
    "postdoc": "Postdoctoral researcher",
    "phd": "Ph.D. student",
    "ms": "M.S. student",
    "undergraduate": "Undergraduate student",
    "visiting": "Visiting student",
    "high-school": "High-school student",
    "other": "",
}


def _and(names: tuple[str, ...] | tuple[Inline, ...]) -> Inline:
    parts = [(Text(n),) if isinstance(n, str) else n for n in names]
    if len(parts) <= 2:
        return join(parts, " and ")
    return join([join(parts[:-1], ", "), parts[-1]], ", and ")


def research_area(area: ResearchArea) -> Item:
    return Item(main=join([strong(f"{area.label}:"), join(area.topics, ", ")], " "), kind="research-area")


def education(e: Education, style: DateStyle) -> Item:
    main = join([strong(e.degree), e.field, e.institution, e.location], ", ")
    details: list[Inline] = []
    advisors = None
    if e.advisors:
        advisors = merge((Text("Advisors: " if len(e.advisors) > 1 else "Advisor: "), *_and(e.advisors)))
    first = join([join([strong(d) for d in e.distinctions], "; "), advisors], "; ")
    if first:
        details.append(first)
    if e.thesis:
        details.append(merge((Text("Thesis: "), *quoted_title(e.thesis))))
    details.extend(e.notes)
    return Item(main=main, kind="education", date=format_range(e.start, e.end, style), details=tuple(details))


def position(p: Position, style: DateStyle) -> Item:
    main = join([p.title, p.unit, p.organization, p.location], ", ")
    details: list[Inline] = []
    if p.supervisors:
        label = "Supervisors: " if len(p.supervisors) > 1 else "Supervisor: "
        details.append(merge((Text(label), *_and(p.supervisors))))
    if p.field:
        details.append(merge((Text("Field: "), *p.field)))
    details.extend(p.notes)
    end = p.end
    return Item(main=main, kind="position", date=format_range(p.start, end, style), details=tuple(details))


def honor(h: Honor, style: DateStyle) -> Item:
    title = strong(h.title, "award") if h.prominent else h.title
    main = join([title, merge((Text("at "), *h.event)) if h.event else None], " ")
    main = join([main, h.awarder], ", ")
    details = (h.description,) if h.description else ()
    return Item(
        main=main, kind="honor", date=format_date(h.date, style), details=details, prominent=h.prominent,
        detail_style="description",
    )


def talk(t: Talk, style: DateStyle) -> Item:
    title = link(t.url, quoted_title(t.title))
    main = join([title, join([t.event, t.location], ", ")], " ")
    links = tuple(LinkRef(lnk.label, lnk.url) for lnk in t.links if lnk.url)
    return Item(main=main, kind="talk", date=format_date(t.date, style), links=links)


def money(value: float, currency: str) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥"}.get(currency.upper())
    amount = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def grant(g: Grant, style: DateStyle) -> Item:
    main = join([quoted_title(g.title), g.sponsor], " ")
    facts: list[Inline | str | None] = [f"Role: {g.role}" if g.role else None]
    if g.amount:
        facts.append(f"Amount: {money(g.amount.value, g.amount.currency)}")
    if g.share:
        facts.append(f"My share: {money(g.share.value, g.share.currency)}")
    if g.number:
        facts.append(f"Award no. {g.number}")
    facts.append(f"Status: {g.status}" if g.status else None)
    facts.append("In-kind contribution" if g.kind == "in-kind" else None)
    facts.append(f"Place of performance: {g.location}" if g.location else None)
    if g.person_months:
        facts.append("Person-months: " + ", ".join(f"{pm.year}: {pm.months:g}" for pm in g.person_months))
    details = [d for d in (join(facts, "; "),) if d]
    details.extend(merge((Text(label), *text)) for label, text in (("Objectives: ", g.objectives), ("Overlap: ", g.overlap))
                   if text)
    details.extend(g.notes)
    return Item(main=main, kind="grant", date=format_range(g.start, g.end, style), details=tuple(details))


def teaching(t: Teaching, style: DateStyle) -> Item:
    course = join([t.code, t.course], ": ") if t.code else t.course
    main = join([course, t.institution, t.role], ", ")
    details: list[Inline] = []
    facts = join(
        [", ".join(t.terms) if t.terms else None, f"enrollment {t.enrollment}" if t.enrollment is not None else None,
         f"evaluation {t.evaluation}" if t.evaluation else None],
        "; ",
    )
    if facts:
        details.append(facts)
    details.extend(t.notes)
    return Item(main=main, kind="teaching", date=format_range(t.start, t.end, style), details=tuple(details))


def service(s: Service, style: DateStyle) -> Item:
    main = join([s.role, s.organization], ", ")
    date = format_range(s.start, s.end, style) or ", ".join(s.years)
    return Item(main=main, kind="service", date=date, details=tuple(s.notes))


def mentee(m: Mentee, style: DateStyle) -> Item:
    main = join([strong(m.name), LEVELS[m.level] or None], ", ")
    details: list[Inline] = []
    if m.thesis:
        details.append(merge((Text("Thesis: "), *quoted_title(m.thesis))))
    if m.co_advisor:
        details.append((Text(f"Co-advised with {m.co_advisor}"),))
    if m.placement:
        details.append(merge((Text("Placement: "), *m.placement)))
    details.extend(m.notes)
    return Item(main=main, kind="mentee", date=format_range(m.start, m.end, style), details=tuple(details))


def entry(e: Entry, style: DateStyle) -> Item:
    main = join([link(e.url, e.title), e.subtitle, e.location], ", ")
    date = format_date(e.date, style) if e.date else format_range(e.start, e.end, style)
    return Item(main=main, kind="entry", date=date, details=tuple(e.details))
