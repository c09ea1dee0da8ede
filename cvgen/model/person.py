"""Who the CV is about: name, name variants, affiliations and ways to reach them."""

from __future__ import annotations

from typing import Literal

from cvgen.model.base import Model
from cvgen.model.links import Email, Url
from cvgen.model.text import PlainText

LinkKind = Literal[
    "website", "lab", "scholar", "orcid", "github", "dblp", "linkedin", "twitter", "mastodon", "bluesky", "other"
]


class LabelledLink(Model):
    """A link with a label. The address may be left out when only the label is known."""

    label: PlainText
    """Text shown for the link, e.g. "Google Scholar"."""
    url: Url | None = None
    """The address (http, https, mailto, tel, ftp or doi)."""
    kind: LinkKind = "other"
    """What the link points to; themes may show an icon for it."""


class Affiliation(Model):
    """One appointment shown in the header: a rank line and where it is held."""

    title: PlainText | None = None
    """Rank or role line, e.g. "Assistant Professor"."""
    department: PlainText | None = None
    """Department, school or lab."""
    institution: PlainText | None = None
    """University or organisation."""
    location: PlainText | None = None
    """City and country."""
    kind: Literal["primary", "affiliated", "joint", "adjunct", "visiting", "emeritus"] = "primary"
    """Kind of appointment."""


class Phone(Model):
    number: PlainText
    """The number as it should be printed, e.g. "+1 517 555 0100"."""
    label: PlainText | None = None
    """E.g. "Mobile", "Office"."""


class Person(Model):
    """The CV's owner."""

    name: PlainText
    """Full name as it heads the CV; also how the owner is recognised in author lists."""
    name_variants: tuple[PlainText, ...] = ()
    """Other spellings used in author lists ("S. Liu", "Liu, S."); initials forms are also recognised."""
    pronouns: PlainText | None = None
    """E.g. "she/her"."""
    affiliations: tuple[Affiliation, ...] = ()
    """Appointments shown in the header, the primary one first."""
    emails: tuple[Email, ...] = ()
    """Email addresses, one address each (``name@example.org``)."""
    phones: tuple[Phone, ...] = ()
    """Telephone numbers."""
    address: tuple[PlainText, ...] = ()
    """Postal address, one line per item."""
    links: tuple[LabelledLink, ...] = ()
    """Website, lab page, Google Scholar, ORCID, GitHub, …"""
    photo: PlainText | None = None
    """Path of a photo, relative to the CV file and inside its folder."""
