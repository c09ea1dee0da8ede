"""The CV's sections other than publications: each entry kind is a small typed record."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cvgen.model.base import Model
from cvgen.model.dates import Date, EndDate
from cvgen.model.links import Url
from cvgen.model.markup import RichText
from cvgen.model.person import LabelledLink
from cvgen.model.tags import Bullet, Tags
from cvgen.model.text import PlainText


class ResearchArea(Model):
    """A labelled group of topics ("Trustworthy ML: adversarial ML, …")."""

    label: PlainText
    """Name of the area, e.g. "Trustworthy ML"."""
    topics: tuple[RichText, ...] = ()
    """Topics within the area."""


class Education(Model):
    degree: RichText
    """E.g. "Ph.D.", "M.Sc."."""
    field: RichText | None = None
    """Field of study."""
    institution: RichText
    """University that awarded the degree."""
    location: PlainText | None = None
    """City and country."""
    start: Date | None = None
    """When the studies began."""
    end: EndDate | None = None
    """Graduation date (or "present")."""
    distinctions: tuple[RichText, ...] = ()
    """E.g. a doctoral prize; shown in bold."""
    advisors: tuple[PlainText, ...] = ()
    """Doctoral or master's advisors."""
    thesis: RichText | None = None
    """Thesis title."""
    notes: tuple[Bullet, ...] = ()
    """Further lines shown under the entry; a line may be ``{text, tags}``."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the entry by them."""


class Position(Model):
    title: RichText
    """Rank or role, e.g. "Assistant Professor"."""
    organization: RichText
    """University or company."""
    unit: RichText | None = None
    """Department or lab within the organisation."""
    location: PlainText | None = None
    """City and country."""
    start: Date
    """When the position began."""
    end: EndDate | None = None
    """Leave out for a single date; "present" for an ongoing position."""
    kind: Literal["academic", "industry", "affiliated", "visiting", "other"] = "academic"
    """Kind of position."""
    supervisors: tuple[RichText, ...] = ()
    """Hosts or supervisors (for postdocs and internships)."""
    notes: tuple[Bullet, ...] = ()
    """Further lines shown under the entry; a line may be ``{text, tags}``."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the entry by them."""


class Honor(Model):
    title: RichText
    """Name of the award."""
    event: RichText | None = None
    """Where it was given, printed after "at"."""
    awarder: RichText | None = None
    """Awarding body, printed after the title."""
    date: Date
    """When it was received."""
    description: RichText | None = None
    """E.g. 'For the project titled "…"'."""
    prominent: bool = False
    """Set the title in bold, as the seed does for its most important awards."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the honor by them."""


class Talk(Model):
    title: RichText
    """Title of the talk."""
    event: RichText
    """Where it was given (conference, seminar series, institution)."""
    kind: Literal["tutorial", "keynote", "invited", "contributed", "panel", "seminar", "other"] = "invited"
    """Kind of talk."""
    location: PlainText | None = None
    """City and country."""
    date: Date
    """When it was given."""
    url: Url | None = None
    """Slides or recording."""
    links: tuple[LabelledLink, ...] = ()
    """Further labelled links."""
    selected: bool = False
    """Include in selected-only profiles."""
    id: PlainText | None = None
    """A permanent number ("T12") shown instead of the positional one when numbering asks for it."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the talk by them."""


class Amount(Model):
    value: float = Field(ge=0, allow_inf_nan=False)
    """The sum, without thousands separators."""
    currency: PlainText = "USD"
    """ISO 4217 currency code, e.g. USD, EUR, GBP."""


class Grant(Model):
    title: RichText
    """Project title."""
    sponsor: RichText
    """Funding agency or company."""
    role: PlainText | None = None
    """"PI", "co-PI", "senior personnel", …"""
    amount: Amount | None = None
    """Total award."""
    share: Amount | None = None
    """The owner's share, when it differs from the total."""
    start: Date | None = None
    """Start of the award period."""
    end: EndDate | None = None
    """End of the award period."""
    number: PlainText | None = None
    """Award number."""
    notes: tuple[Bullet, ...] = ()
    """Further lines shown under the entry; a line may be ``{text, tags}``."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the entry by them."""


class Teaching(Model):
    course: RichText
    """Course title."""
    code: PlainText | None = None
    """Course code, e.g. "CSE 847"."""
    institution: RichText | None = None
    """Where it was taught."""
    role: PlainText | None = None
    """E.g. "Instructor", "Teaching assistant"."""
    terms: tuple[PlainText, ...] = ()
    """"Fall 2023", "Spring 2024", …"""
    start: Date | None = None
    """First time taught."""
    end: EndDate | None = None
    """Last time taught, or "present"."""
    enrollment: int | None = Field(default=None, ge=0)
    """Number of students."""
    evaluation: PlainText | None = None
    """Teaching evaluation score, as text."""
    notes: tuple[Bullet, ...] = ()
    """Further lines shown under the entry; a line may be ``{text, tags}``."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the entry by them."""


class Service(Model):
    role: RichText
    """E.g. "Associate Editor", "Area Chair"."""
    organization: RichText | None = None
    """Journal, conference or body served."""
    kind: Literal["editorial", "program-committee", "reviewing", "panel", "organizing", "department", "university", "professional", "outreach", "other"] = "other"
    """Kind of service; used for grouping."""
    start: Date | None = None
    """Start of the service."""
    end: EndDate | None = None
    """End of the service, or "present"."""
    years: tuple[PlainText, ...] = ()
    """For recurring service written as years ("2022, 2023")."""
    notes: tuple[Bullet, ...] = ()
    """Further lines shown under the entry; a line may be ``{text, tags}``."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the entry by them."""


class Mentee(Model):
    name: PlainText
    """The student's or postdoc's name."""
    level: Literal["postdoc", "phd", "ms", "undergraduate", "visiting", "high-school", "other"] = "phd"
    """Level of study."""
    start: Date | None = None
    """Start of the supervision."""
    end: EndDate | None = None
    """End of the supervision, or "present"."""
    thesis: RichText | None = None
    """Thesis title."""
    co_advisor: PlainText | None = None
    """Co-advisor's name."""
    placement: RichText | None = None
    """Where the student went next."""
    notes: tuple[Bullet, ...] = ()
    """Further lines shown under the entry; a line may be ``{text, tags}``."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the entry by them."""


class Entry(Model):
    """A generic entry for custom sections, so nothing is forced into the wrong kind."""

    title: RichText
    """Main line of the entry."""
    subtitle: RichText | None = None
    """Second part of the main line (an organisation, a venue)."""
    location: PlainText | None = None
    """City and country."""
    date: Date | None = None
    """A single date."""
    start: Date | None = None
    """Start of a period (use with ``end``)."""
    end: EndDate | None = None
    """End of a period, or "present"."""
    details: tuple[Bullet, ...] = ()
    """Further lines shown under the entry; a line may be ``{text, tags}``."""
    url: Url | None = None
    """A link for the entry."""
    tags: Tags = ()
    """Free-form tags: profiles and ``--include-tags``/``--exclude-tags`` keep or drop the entry by them."""


class CustomSection(Model):
    key: PlainText = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    """Identifier used in the section order (lowercase letters, digits, - and _)."""
    title: PlainText
    """Heading of the section."""
    numbered: bool = False
    """Number the entries (1, 2, 3…)."""
    entries: tuple[Entry, ...] = ()
    """The section's entries."""
