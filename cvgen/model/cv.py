"""The root of the model: one academic's CV."""

from __future__ import annotations

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


class CV(Model):
    """Everything about one person's academic career, as loaded from one YAML file."""

    person: Person
    summary: RichText | None = None
    research_areas: tuple[ResearchArea, ...] = ()
    education: tuple[Education, ...] = ()
    positions: tuple[Position, ...] = ()
    honors: tuple[Honor, ...] = ()
    grants: tuple[Grant, ...] = ()
    publications: tuple[Publication, ...] = ()
    metrics: Metrics | None = None
    talks: tuple[Talk, ...] = ()
    teaching: tuple[Teaching, ...] = ()
    mentoring: tuple[Mentee, ...] = ()
    service: tuple[Service, ...] = ()
    custom_sections: tuple[CustomSection, ...] = ()
    settings: Settings = Settings()
