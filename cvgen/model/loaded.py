"""What the loader hands on: the CV together with where it came from and what it read beside it.

The model itself stays a pure description of the input; everything that depends on the file the
CV was read from (its folder, the positions of its values, the photo next to it, the publications
merged from a .bib) travels beside it in :class:`Loaded`, so the view never touches a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cvgen.model.cv import CV

Position = tuple[int, int]
"""(line, column), both 1-based."""


@dataclass(frozen=True)
class Photo:
    """A photo checked and re-encoded by :mod:`cvgen.loader.photo` (PNG or JPEG bytes, no metadata)."""

    data: bytes
    media_type: str
    width: int
    height: int


@dataclass(frozen=True)
class Origin:
    """Where a CV came from: its folder (None for text, dicts and objects), file name and positions."""

    base_dir: Path | None = None
    filename: str = "<cv>"
    positions: dict[tuple[object, ...], Position] = field(default_factory=dict, compare=False)
    """Where each value was written, by its path in the data (``("person", "photo")``)."""
    roots: tuple[Path, ...] = ()
    """The folders files it names may be read from: its own folder and those the user allowed
    (see :mod:`cvgen.containment`); empty for text, dicts and objects without a folder."""

    def position(self, *path: object) -> tuple[int | None, int | None]:
        return self.positions.get(tuple(path), (None, None))


@dataclass(frozen=True)
class StyleFile:
    """A CSL citation style read for this CV (see :mod:`cvgen.citations`): the XML and where it came from."""

    name: str
    """As asked for: a built-in name ("apa") or the path written in the CV or on the command line."""
    path: str
    """The file read, for messages."""
    xml: bytes


@dataclass(frozen=True)
class Loaded:
    """A validated CV plus its origin and the resources resolved while loading it."""

    cv: CV
    origin: Origin = Origin()
    photo: Photo | None = None
    """``person.photo`` read from the CV's folder and re-encoded; None when the CV has none."""
    bibtex_keys: tuple[str, ...] = ()
    """Citation keys of the publications merged from ``publications_from`` (in file order)."""
    citation_style: StyleFile | None = None
    """The CSL style ``settings.publications.style`` (or ``--style``) names; None for cvgen's layout."""
