"""Rows every funder's biographical sketch shares: who, professional preparation, appointments.

One place decides which positions are training (a postdoc belongs under preparation, not
appointments), the order of each list and how its dates read, so the NSF and NIH layouts cannot
drift apart. Dates are MM/YYYY throughout, as the Common Form asks for professional preparation.
"""

from __future__ import annotations

from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.dates import PRESENT, PartialDate
from cvgen.model.entries import Education, Position
from cvgen.model.loaded import Origin
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.person import Affiliation
from cvgen.view.document import Item
from cvgen.view.inline import join

TRAINING_WORDS = ("postdoc", "post-doc", "postdoctoral")
LATER_KINDS = ("affiliated", "visiting", "other")
"""Ongoing positions of these kinds come after the primary appointment."""


def is_training(p: Position) -> bool:
    """A postdoctoral position: professional preparation, not an appointment (NSF and NIH alike)."""
    title = plain(p.title).casefold()
    return any(word in title for word in TRAINING_WORDS)


def primary_affiliation(cv: CV) -> Affiliation | None:
    affs = cv.person.affiliations
    return next((a for a in affs if a.kind == "primary"), affs[0] if affs else None)


def orcid(cv: CV) -> str | None:
    """The ORCID iD from ``person.links`` (kind ``orcid``): its address, else its label."""
    link = next((lnk for lnk in cv.person.links if lnk.kind == "orcid"), None)
    if link is None:
        return None
    return link.url or link.label


def identifying(cv: CV, loc: Locale) -> tuple[Inline, ...]:
    """Name, persistent identifier, position title, organization and location: the forms' first lines."""
    p = cv.person
    lines: list[Inline] = [(Text(loc.fill("biosketch.name", name=p.name)),)]
    pid = orcid(cv)
    if pid:
        lines.append((Text(f"ORCID iD: {pid}"),))
    primary = primary_affiliation(cv)
    if primary is not None:
        if primary.title:
            lines.append((Text(loc.fill("biosketch.position_title", title=primary.title)),))
        org = ", ".join(x for x in (primary.department, primary.institution, primary.location) if x)
        if org:
            lines.append((Text(loc.fill("biosketch.organization", organization=org)),))
    return tuple(lines)


def _begins(e: Education | Position) -> tuple[int, int, int]:
    """When a row starts, for reverse chronological order: its start, else its end (a graduation)."""
    start = e.start
    if start is None and isinstance(e.end, PartialDate):
        start = e.end
    return start.sort_key if start is not None else (0, 0, 0)


def preparation(cv: CV, loc: Locale) -> list[Item]:
    """Degrees and postdoctoral training, newest start first: organization and location, degree, field; date.

    A postdoc's row names the position where the degree goes and its own ``field`` (never its
    supervisors) where the field of study goes; its date is the period, a degree's the receipt date.
    """
    rows: list[tuple[tuple[int, int, int], Item]] = []
    for e in cv.education:
        main = join([join([e.institution, e.location], ", "), e.degree, e.field], " — ")
        date = loc.date(e.end, "numeric") if isinstance(e.end, PartialDate) else loc.date_range(e.start, e.end, "numeric")
        rows.append((_begins(e), Item(main=main, kind="education", date=date)))
    for p in cv.positions:
        if is_training(p):
            main = join([join([p.organization, p.location], ", "), p.title, p.field], " — ")
            rows.append((_begins(p), Item(main=main, kind="education", date=loc.date_range(p.start, p.end, "numeric"))))
    rows.sort(key=lambda row: row[0], reverse=True)  # stable: equal dates keep the order written
    return [item for _, item in rows]


def _is_primary(p: Position, primary: Affiliation | None) -> bool:
    """The current position that is the person's primary affiliation (same title at the same institution)."""
    if p.end != PRESENT or primary is None or p.kind in LATER_KINDS:
        return False
    same_title = primary.title is None or plain(p.title).casefold() == primary.title.casefold()
    place = plain(p.organization).casefold()
    same_place = primary.institution is None or primary.institution.casefold() in place
    return same_title and same_place


def appointments(cv: CV, loc: Locale) -> list[Item]:
    """Appointments, beginning with the current primary one, then reverse chronological by start date.

    Dates are MM/YYYY like professional preparation's. Ongoing affiliated or visiting posts follow
    the primary appointment even when they began later (the Common Form begins with the current
    appointment).
    """
    primary = primary_affiliation(cv)
    rows = [p for p in cv.positions if not is_training(p)]
    rows.sort(key=lambda p: p.start.sort_key, reverse=True)
    rows.sort(key=lambda p: not _is_primary(p, primary))  # stable: the primary first, the rest by date
    return [
        Item(main=join([p.title, p.unit, p.organization, p.location], ", "), kind="position",
             date=loc.date_range(p.start, p.end, "numeric"))
        for p in rows
    ]


class Located:
    """Warnings each located at the value they are about: `file:line:col: grants[2].share: …`."""

    def __init__(self, origin: Origin) -> None:
        self.origin = origin
        self.found: list[str] = []

    def warn(self, path: tuple[object, ...], message: str) -> None:
        line, col = self.origin.position(*path)
        where = f"{self.origin.filename}:{line}:{col}: " if line is not None else f"{self.origin.filename}: "
        field = path[0] + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:])  # type: ignore[operator]
        self.found.append(f"{where}{field}: {message}")
