"""The shapes the importers read, checked before any of them looks inside a value.

JSON Resume and RenderCV files are plain data another tool wrote; each importer reads them with
``.get()`` and loops that assume a mapping is a mapping and a list is a list. A ``basics`` given as
text, ``keywords: 5`` or a section given as text once crashed them with "internal error". These
typed structures (pydantic models that allow the extra keys both formats allow) state what each
importer relies on; :func:`check_shape` validates a document against one and reports every
mismatch as the YAML loader does, ``file:line:col: path: message``, before the importer runs.

Only the *shape* is checked here (mapping, list, scalar); what the values mean (a date, a web
address) stays the importers' business, where an unusable value becomes a warning.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Tag, ValidationError

from cvgen.errors import InputError, Problem
from cvgen.loader.errors import problems_from_validation
from cvgen.loader.strict_yaml import Located


def _scalar(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        raise ValueError("expected text or a number")
    return value


Scalar = Annotated[Any, AfterValidator(_scalar)]
"""Text, a number, true/false or nothing: never a list or a mapping."""
Scalars = list[Scalar] | None


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- JSON Resume (v1.0.0 schema, plus the extra properties cvgen's export writes) --------------


class _Location(_Shape):
    address: Scalar = None
    postalCode: Scalar = None  # noqa: N815 - JSON Resume's spelling
    city: Scalar = None
    countryCode: Scalar = None  # noqa: N815
    region: Scalar = None


class _Profile(_Shape):
    network: Scalar = None
    username: Scalar = None
    url: Scalar = None


class _Basics(_Shape):
    name: Scalar = None
    label: Scalar = None
    image: Scalar = None
    email: Scalar = None
    phone: Scalar = None
    url: Scalar = None
    summary: Scalar = None
    location: _Location | None = None
    profiles: list[_Profile] | None = None
    emails: Scalars = None
    affiliations: list[dict[str, Any]] | None = None


class _Item(_Shape):
    """Any JSON Resume list item: every field the importer reads as text is a scalar."""

    name: Scalar = None
    position: Scalar = None
    company: Scalar = None
    organization: Scalar = None
    institution: Scalar = None
    title: Scalar = None
    url: Scalar = None
    startDate: Scalar = None  # noqa: N815
    endDate: Scalar = None  # noqa: N815
    date: Scalar = None
    releaseDate: Scalar = None  # noqa: N815
    summary: Scalar = None
    description: Scalar = None
    location: Scalar = None
    kind: Scalar = None
    highlights: Scalars = None
    keywords: Scalars = None
    roles: Scalars = None
    courses: Scalars = None
    notes: Scalars = None
    awards: Scalars = None
    authors: Scalars = None
    supervisors: Scalars = None
    distinctions: Scalars = None
    advisors: Scalars = None
    years: Scalars = None
    links: list[_Profile] | None = None


class JsonResumeShape(_Shape):
    basics: _Basics | None = None
    work: list[_Item] | None = None
    volunteer: list[_Item] | None = None
    education: list[_Item] | None = None
    awards: list[_Item] | None = None
    certificates: list[_Item] | None = None
    publications: list[_Item] | None = None
    skills: list[_Item] | None = None
    languages: list[_Item] | None = None
    interests: list[_Item] | None = None
    references: list[_Item] | None = None
    projects: list[_Item] | None = None
    meta: dict[str, Any] | None = None
    talks: list[dict[str, Any]] | None = None
    grants: list[dict[str, Any]] | None = None
    teaching: list[dict[str, Any]] | None = None
    mentoring: list[dict[str, Any]] | None = None
    sections: list[dict[str, Any]] | None = None


# --- RenderCV (the cv: part; design and locale are reported, not read) --------------------------


class _SocialNetwork(_Shape):
    network: Scalar = None
    username: Scalar = None


class _Entry(_Shape):
    """A RenderCV entry: every field is a scalar except the lists RenderCV defines."""

    highlights: Scalars = None
    authors: Scalars = None


def _entry_text(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        raise ValueError("expected an entry (a mapping of fields, or text)")
    return value


_EntryOrText = Annotated[
    Annotated[_Entry, Tag("entry")] | Annotated[Any, AfterValidator(_entry_text), Tag("text")],
    Discriminator(lambda value: "entry" if isinstance(value, dict) else "text"),
]
"""A RenderCV section lists entries (mappings) and text entries; only the matching form is checked."""


class _RenderCV(_Shape):
    name: Scalar = None
    headline: Scalar = None
    label: Scalar = None
    location: Scalar = None
    website: Scalar = None
    photo: Scalar = None
    email: Scalar | Scalars = None
    phone: Scalar | Scalars = None
    social_networks: list[_SocialNetwork] | None = None
    custom_connections: list[dict[str, Any]] | None = None
    sections: dict[str, list[_EntryOrText] | None] | None = None


class RenderCVShape(_Shape):
    cv: _RenderCV


def check_shape(shape: type[BaseModel], doc: Any, filename: str, located: Located | None = None) -> None:
    """Raise :class:`InputError` listing every place ``doc`` does not have ``shape``."""
    if not isinstance(doc, dict):
        got = "a list" if isinstance(doc, list) else "a single value"
        raise InputError([Problem(filename, 1, 1, "", f"expected a mapping at the top of the file, got {got}")])
    try:
        shape.model_validate(doc)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, doc, located, filename, shape)) from None
