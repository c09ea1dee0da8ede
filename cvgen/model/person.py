"""Who the CV is about: name, name variants, affiliations and ways to reach them."""

from __future__ import annotations

from typing import Literal

from cvgen.model.base import Model
from cvgen.model.links import Url
from cvgen.model.text import PlainText

LinkKind = Literal[
    "website", "lab", "scholar", "orcid", "github", "dblp", "linkedin", "twitter", "mastodon", "bluesky", "other"
]


class LabelledLink(Model):
    """A link with a label. The address may be left out when only the label is known."""

    label: PlainText
    url: Url | None = None
    kind: LinkKind = "other"


class Affiliation(Model):
    """One appointment shown in the header: a rank line and where it is held."""

    title: PlainText | None = None
    """Rank or role line, e.g. "Assistant Professor"."""
    department: PlainText | None = None
    institution: PlainText | None = None
    location: PlainText | None = None
    kind: Literal["primary", "affiliated", "joint", "adjunct", "visiting", "emeritus"] = "primary"


class Phone(Model):
    number: PlainText
    label: PlainText | None = None
    """E.g. "Mobile", "Office"."""


class Person(Model):
    """The CV's owner."""

    name: PlainText
    name_variants: tuple[PlainText, ...] = ()
    """Other spellings used in author lists ("S. Liu", "Liu, S."); initials forms are also recognised."""
    pronouns: PlainText | None = None
    affiliations: tuple[Affiliation, ...] = ()
    emails: tuple[PlainText, ...] = ()
    phones: tuple[Phone, ...] = ()
    address: tuple[PlainText, ...] = ()
    """Postal address, one line per item."""
    links: tuple[LabelledLink, ...] = ()
    photo: PlainText | None = None
    """Path of a photo, relative to the CV file and inside its folder."""
