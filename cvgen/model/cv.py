"""The root of the model: one academic's CV."""

from __future__ import annotations

from pydantic import Field

from cvgen.model.base import Model
from cvgen.model.entries import (
    CustomSection,
    Education,
    Grant,
    Honor,
    Mentee,
    Position,
    ResearchArea,
    Service,
    Talk,
    Teaching,
)
from cvgen.model.markup import RichText
from cvgen.model.person import Person
from cvgen.model.publications import Metrics, Publication
from cvgen.model.settings import Settings
from cvgen.model.sources import PublicationsFrom
from cvgen.model.sync import Sync


class CV(Model):
    """Everything about one person's academic career, as loaded from one YAML file."""

    person: Person
    """Who the CV is about: name, affiliations, contact details."""
    summary: RichText | None = None
    """A short paragraph about the person's research, shown under its own heading."""
    research_areas: tuple[ResearchArea, ...] = ()
    """Labelled groups of research topics."""
    education: tuple[Education, ...] = ()
    """Degrees, newest first as written."""
    positions: tuple[Position, ...] = ()
    """Appointments in academia and industry."""
    honors: tuple[Honor, ...] = ()
    """Awards, prizes and fellowships."""
    grants: tuple[Grant, ...] = ()
    """Funding received, with role and amount."""
    publications: tuple[Publication, ...] = ()
    """Papers, books, preprints and patents, with their authors."""
    publications_from: PublicationsFrom | None = Field(default=None, exclude=True)
    """Input only: publications read from a .bib beside the CV (see cvgen.loader.sources); the loader
    has already merged them into ``publications``, and dumps leave this out."""
    extends: str | None = Field(default=None, exclude=True)
    """Input only: a base YAML file (the institution's theme, section order, titles, …) this file
    overrides; it must sit in the CV's folder or a folder named with ``--base``. The loader has
    already merged it, and dumps leave this out."""
    metrics: Metrics | None = None
    """Citation metrics shown above the publication list."""
    talks: tuple[Talk, ...] = ()
    """Keynotes, invited talks, tutorials and seminars."""
    teaching: tuple[Teaching, ...] = ()
    """Courses taught."""
    mentoring: tuple[Mentee, ...] = ()
    """Students and postdocs supervised."""
    service: tuple[Service, ...] = ()
    """Editorial, committee, reviewing and institutional service."""
    custom_sections: tuple[CustomSection, ...] = ()
    """Sections of your own, made of generic entries."""
    settings: Settings = Settings()
    """How the CV looks and what it contains: theme, section order, numbering, profiles."""
    sync: Sync | None = None
    """Written by ``cvgen update``: the profile the CV is kept current from and the works you
    deleted (never added again). Never shown."""
