"""The typed CV model (pydantic v2): strict, immutable, inline markup parsed at load time."""

from cvgen.model.authors import Author
from cvgen.model.cv import CV
from cvgen.model.dates import PartialDate
from cvgen.model.entries import (
    Amount,
    CustomSection,
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
from cvgen.model.person import Affiliation, LabelledLink, Person, Phone
from cvgen.model.publications import ExtraMetric, Metrics, Publication
from cvgen.model.settings import Legend, Markers, Numbering, Profile, PublicationSettings, Settings, Topic

__all__ = [
    "CV", "Affiliation", "Amount", "Author", "CustomSection", "Education", "Entry", "ExtraMetric", "Grant",
    "Honor", "LabelledLink", "Legend", "Markers", "Mentee", "Metrics", "Numbering", "PartialDate", "Person",
    "Phone", "Position", "Profile", "Publication", "PublicationSettings", "ResearchArea", "Service",
    "Settings", "Talk", "Teaching", "Topic",
]
