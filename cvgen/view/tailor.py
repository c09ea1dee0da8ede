"""Tailoring: the CV a profile shows, before any section is laid out.

Two decisions made once, for every layout and every format: which tagged things a variant keeps
(``include_tags``/``exclude_tags`` on entries, talks, bullets and publications), and which personal
details it leaves out (``hide: [phone, address, photo]`` for a public CV). The rest of the view then
works on the tailored CV as on any other, so no backend can show what a profile removed.
"""

from __future__ import annotations

from typing import Any

from cvgen.model.cv import CV
from cvgen.model.loaded import Photo
from cvgen.model.settings import Profile
from cvgen.model.tags import keeps, tags_of

_LISTS = ("education", "positions", "honors", "grants", "publications", "talks", "teaching", "mentoring", "service")
_BULLETS = ("notes", "details")

_HIDDEN: dict[str, tuple[str, Any]] = {
    "phone": ("phones", ()),
    "address": ("address", ()),
    "photo": ("photo", None),
    "email": ("emails", ()),
    "links": ("links", ()),
    "pronouns": ("pronouns", None),
}
"""A ``hide`` word → the person's field it empties and its empty value."""


def tailor(cv: CV, photo: Photo | None, profile: Profile) -> tuple[CV, Photo | None]:
    """The CV and photo this profile shows; the same objects when it neither filters tags nor hides."""
    if profile.include_tags or profile.exclude_tags:
        cv = _by_tags(cv, profile.include_tags, profile.exclude_tags)
    if profile.hide:
        cv = cv.model_copy(update={"person": _redacted(cv, profile.hide)})
        if "photo" in profile.hide:
            photo = None
    return cv, photo


def _redacted(cv: CV, hide: tuple[str, ...]) -> Any:
    return cv.person.model_copy(update=dict(_HIDDEN[word] for word in hide))


def _by_tags(cv: CV, include: tuple[str, ...], exclude: tuple[str, ...]) -> CV:
    def kept(rows: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(_trim(row, include, exclude) for row in rows if keeps(tags_of(row), include, exclude))

    update: dict[str, Any] = {key: kept(getattr(cv, key)) for key in _LISTS}
    update["custom_sections"] = tuple(
        section.model_copy(update={"entries": kept(section.entries)}) for section in cv.custom_sections
    )
    return cv.model_copy(update=update)


def _trim(row: Any, include: tuple[str, ...], exclude: tuple[str, ...]) -> Any:
    """The row without the bullets the tags leave out (rows without bullets come back as they are)."""
    update = {
        name: tuple(line for line in getattr(row, name) if keeps(tags_of(line), include, exclude))
        for name in _BULLETS
        if name in type(row).model_fields
    }
    return row.model_copy(update=update) if update else row
