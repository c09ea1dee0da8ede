"""What ``cvgen update`` remembers between two runs, so a deleted work stays deleted.

A work the services list and the CV does not hold is either new or one the user deleted. The
two are told apart by ``seen``: every work the services listed at the last update. A work seen
then and missing now was deleted by hand; its ids go to ``ignored`` and it is never added again.
Ids are written ``service:id`` ("openalex:W2741809807", "orcid:1001").
"""

from __future__ import annotations

from pydantic import Field

from cvgen.model.base import Model
from cvgen.model.dates import Date
from cvgen.model.text import PlainText


class Sync(Model):
    """Written by ``cvgen update``: where the CV is kept current from, and which works to leave out."""

    source: PlainText = Field(pattern=r"^(orcid|openalex|dblp):\S+$")
    """The profile the CV is updated from, e.g. "openalex:A5023888391"."""
    synced: Date
    """When ``cvgen update`` last ran."""
    seen: tuple[PlainText, ...] = ()
    """Every work the services listed at the last update, as ``service:id``."""
    ignored: tuple[PlainText, ...] = ()
    """Works you deleted from the CV, as ``service:id``; ``cvgen update`` never adds them again.
    Remove an id from this list to have the work added at the next update."""
