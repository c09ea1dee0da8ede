"""Where an imported record came from, and what it said when it was last synced.

``cvgen import orcid|openalex|dblp|doi|arxiv`` writes a ``provenance`` block on each publication
and on the metrics line. ``cvgen update`` compares a field's current value with the value
recorded here: equal means the field is still the service's (it may be refreshed), different means
the user edited it by hand (it is kept). Values are recorded as text, the way the strict loader
reads every scalar; long texts (abstracts) are recorded as a digest, see :func:`recorded`.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import Field

from cvgen.model.base import Model
from cvgen.model.dates import Date
from cvgen.model.text import PlainText

Service = Literal["orcid", "openalex", "crossref", "dblp", "arxiv"]
"""The scholarly services cvgen reads."""

DIGEST_ABOVE = 200
"""Recorded values longer than this many characters are stored as ``sha256:<16 hex digits>``."""

RecordedValue = PlainText | tuple[PlainText, ...]


class SourceRef(Model):
    """One service's identifier for the record."""

    service: Service
    """Which service, e.g. "openalex"."""
    id: PlainText
    """The record's id there: an OpenAlex W/A id, an ORCID put-code, a DOI, a DBLP key, an arXiv id."""


class Provenance(Model):
    """The services a record was read from, when, and the values they gave."""

    sources: tuple[SourceRef, ...] = Field(min_length=1)
    """Every service the record was found at (merged records have several)."""
    synced: Date
    """When the values below were read."""
    values: dict[PlainText, RecordedValue] = {}
    """Field name → value as synced (text; lists as lists; long texts as a sha256 digest)."""


def recorded(value: Any) -> RecordedValue:
    """The form in which ``value`` is kept in ``Provenance.values``.

    Numbers and dates become their text; sequences become tuples of text; a text longer than
    :data:`DIGEST_ABOVE` becomes a short digest, so a recorded abstract does not double the file.
    """
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    text = str(value)
    if len(text) > DIGEST_ABOVE:
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return text


def unchanged_since_sync(current: Any, recorded_value: RecordedValue | None) -> bool:
    """True when ``current`` is still what the service gave at the last sync (no hand edit)."""
    if recorded_value is None:
        return False
    return recorded(current) == (tuple(recorded_value) if isinstance(recorded_value, (list, tuple)) else recorded_value)
