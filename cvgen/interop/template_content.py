"""Unedited al-folio sample content (the "Albert Einstein" CV) left in a user's files.

al-folio ships ``_data/cv.yml`` and ``assets/json/resume.json`` filled with a sample CV of Albert
Einstein. Many public sites keep parts of it: the name changed, the rest still Einstein's (the
Zurich PhD of 1905, "Description 1.", a Twitter profile ``AlbertEinstein``). An import copies it
faithfully, so the importer warns, naming each sample value and its line, instead of letting it
reach a CV unnoticed. The values are those of al-folio's own template files (MIT licence).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# Values that only the sample CV holds (generic words such as "PhD" are left out on purpose).
SAMPLE_VALUES = frozenset({
    # _data/cv.yml
    "Albert Einstein", "14th March 1879", "University of Zurich, Zurich, Switzerland",
    "Eidgenössische Technische Hochschule, Zurich, Switzerland", "Description 1.", "Description 2.",
    "Description 3.", "Sub-description 1.", "Sub-description 2.", "Topic 1.", "Topic 2.",
    "California Institute of Technology, Pasadena, California, US", "Kaiser Wilhelm Institute for Physics, Berlin, Germany.",
    "Karl-Ferdinand University, Prague, Czechoslovakia", "Institute for Advanced Study, Princeton University", "<u>Hobbies:</u> Hobby 1, Hobby 2, etc.",
    "A beautiful, simple, clean, and responsive Jekyll theme for academics.",
    # assets/json/resume.json
    "albert@einstein.de", "(912) 123-4567", "2712 Broadway St", "AlbertEinstein", "https://twitter.com/AlbertEinstein",
    "People's Climate March", "Professor John Doe", "Zur Elektrody/namik bewegter Körper",
    "https://alshedivat.github.io/al-folio/", "Men of the year 2014 by Time magazine",
})
SAMPLE_PREFIXES = (
    "Lorem ipsum dolor sit amet",
    "A German-born theoretical physicist, widely ranked among",
    "Teaching at Palmer Physical Laboratory",
    "Lead organizer for the New York City branch of the People's Climate March",
)


def _walk(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))
    elif isinstance(value, str):
        yield path, value


def is_sample(value: str) -> bool:
    """True for a value of al-folio's sample CV."""
    text = " ".join(value.split())
    return text in SAMPLE_VALUES or text.startswith(SAMPLE_PREFIXES)


def sample_content(document: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(path, value) of every sample value in a parsed cv.yml or resume.json, in document order."""
    return [(path, text) for path, text in _walk(document) if is_sample(text)]


def sample_warning(found: list[tuple[tuple[Any, ...], str]], where: Any) -> str | None:
    """One warning naming the sample values and where they are (``where(path)`` → "file:line")."""
    if not found:
        return None
    shown = "; ".join(f"{where(path)} {text[:40]!r}" for path, text in found[:6])
    more = f" and {len(found) - 6} more" if len(found) > 6 else ""
    return (f"{len(found)} value(s) are al-folio's unedited sample CV (Albert Einstein), imported as written: "
            f"{shown}{more}. Replace or delete them.")
