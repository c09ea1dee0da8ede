"""The CV's sections other than publications: each entry kind is a small typed record."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cvgen.model.base import Model
from cvgen.model.dates import Date, EndDate
from cvgen.model.links import Url
from cvgen.model.markup import RichText
from cvgen.model.person import LabelledLink
from cvgen.model.text import PlainText


class ResearchArea(Model):
    """A labelled group of topics ("Trustworthy ML: adversarial ML, …")."""

    label: PlainText
    topics: tuple[RichText, ...] = ()


class Education(Model):
    degree: RichText
    field: RichText | None = None
    institution: RichText
    location: PlainText | None = None
    start: Date | None = None
    end: EndDate | None = None
    """Graduation date (or "present")."""
    distinctions: tuple[RichText, ...] = ()
    """E.g. a doctoral prize; shown in bold."""
    advisors: tuple[PlainText, ...] = ()
    thesis: RichText | None = None
    notes: tuple[RichText, ...] = ()


class Position(Model):
    title: RichText
    organization: RichText
    unit: RichText | None = None
    """Department or lab within the organisation."""
    location: PlainText | None = None
    start: Date
    end: EndDate | None = None
    """Leave out for a single date; "present" for an ongoing position."""
    kind: Literal["academic", "industry", "affiliated", "visiting", "other"] = "academic"
    supervisors: tuple[RichText, ...] = ()
    notes: tuple[RichText, ...] = ()


class Honor(Model):
    title: RichText
    event: RichText | None = None
    """Where it was given, printed after "at"."""
    awarder: RichText | None = None
    """Awarding body, printed after the title."""
    date: Date
    description: RichText | None = None
    """E.g. 'For the project titled "…"'."""
    prominent: bool = False
    """Set the title in bold, as the seed does for its most important awards."""


class Talk(Model):
    title: RichText
    event: RichText
    kind: Literal["tutorial", "keynote", "invited", "contributed", "panel", "seminar", "other"] = "invited"
    location: PlainText | None = None
    date: Date
    url: Url | None = None
    links: tuple[LabelledLink, ...] = ()
    selected: bool = False
    id: PlainText | None = None
    """A permanent number ("T12") shown instead of the positional one when numbering asks for it."""


class Amount(Model):
    value: float = Field(ge=0)
    currency: PlainText = "USD"


class Grant(Model):
    title: RichText
    sponsor: RichText
    role: PlainText | None = None
    """"PI", "co-PI", "senior personnel", …"""
    amount: Amount | None = None
    share: Amount | None = None
    """The owner's share, when it differs from the total."""
    start: Date | None = None
    end: EndDate | None = None
    number: PlainText | None = None
    """Award number."""
    notes: tuple[RichText, ...] = ()


class Teaching(Model):
    course: RichText
    code: PlainText | None = None
    institution: RichText | None = None
    role: PlainText | None = None
    terms: tuple[PlainText, ...] = ()
    """"Fall 2023", "Spring 2024", …"""
    start: Date | None = None
    end: EndDate | None = None
    enrollment: int | None = Field(default=None, ge=0)
    evaluation: PlainText | None = None
    notes: tuple[RichText, ...] = ()


class Service(Model):
    role: RichText
    organization: RichText | None = None
    kind: Literal["editorial", "program-committee", "reviewing", "panel", "organizing", "department", "university", "professional", "outreach", "other"] = "other"
    start: Date | None = None
    end: EndDate | None = None
    years: tuple[PlainText, ...] = ()
    """For recurring service written as years ("2022, 2023")."""
    notes: tuple[RichText, ...] = ()


class Mentee(Model):
    name: PlainText
    level: Literal["postdoc", "phd", "ms", "undergraduate", "visiting", "high-school", "other"] = "phd"
    start: Date | None = None
    end: EndDate | None = None
    thesis: RichText | None = None
    co_advisor: PlainText | None = None
    placement: RichText | None = None
    """Where the student went next."""
    notes: tuple[RichText, ...] = ()


class Entry(Model):
    """A generic entry for custom sections, so nothing is forced into the wrong kind."""

    title: RichText
    subtitle: RichText | None = None
    location: PlainText | None = None
    date: Date | None = None
    start: Date | None = None
    end: EndDate | None = None
    details: tuple[RichText, ...] = ()
    url: Url | None = None


class CustomSection(Model):
    key: PlainText = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    """Identifier used in the section order (lowercase letters, digits, - and _)."""
    title: PlainText
    numbered: bool = False
    entries: tuple[Entry, ...] = ()
