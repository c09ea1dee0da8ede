"""The preparation step: a loaded CV + options → :class:`Document`, computed once for every format.

Pure: everything read from files (the photo) comes in the :class:`~cvgen.model.loaded.Loaded`;
nothing here opens a file. The profile picks the layout; the layout picks the sections.
"""

from __future__ import annotations

from dataclasses import replace

from cvgen.citations.catalogue import CVGEN_STYLE
from cvgen.locale import Locale
from cvgen.locale.direction import runs_against
from cvgen.model.cv import CV
from cvgen.model.loaded import Loaded
from cvgen.model.markup import plain
from cvgen.model.settings import Profile
from cvgen.view.document import Document, Header, Item, Meta
from cvgen.view.header import header, meta
from cvgen.view.layouts.cv import cv_sections
from cvgen.view.selection import ViewOptions, profile_for, select_publications
from cvgen.view.sidebar import sidebar_keys
from cvgen.view.tailor import tailor
from cvgen.view.typography import typeset_document
from cvgen.view.words import locale_of


def prepare(source: Loaded | CV, options: ViewOptions | None = None) -> Document:
    """Decide everything the reader will see, once, for every backend.

    A bare :class:`CV` has no folder, so one with a photo is refused: pass what
    :func:`cvgen.loader.load_cv` returns to have the photo.
    """
    loaded = source if isinstance(source, Loaded) else Loaded(source)
    options = options or ViewOptions()
    profile = profile_for(loaded.cv, options)
    cv, photo = tailor(loaded.cv, loaded.photo, profile)
    loc = locale_of(cv)
    top = header(cv, photo, loc)
    doc_meta = meta(cv, options, profile, loc)
    if profile.layout != "cv":
        return _finish(_funder_document(loaded, profile, doc_meta, top, loc), loc)
    warnings: list[str] = []
    spec = options.style or cv.settings.publications.style
    cited = None
    if spec != CVGEN_STYLE:
        from cvgen.view.cited import CitationStyle  # the CSL engine loads only for a citation style

        cited = CitationStyle.of(loaded, spec)
    sections = cv_sections(cv, profile, warnings, loc, cited)
    doc = Document(meta=doc_meta, header=top, sections=sections,
                   sidebar_keys=sidebar_keys(sections, top.contacts, photo=top.photo is not None))
    return _finish(replace(doc, warnings=tuple(warnings)), loc)


def _funder_document(loaded: Loaded, profile: Profile, doc_meta: Meta, top: Header, loc: Locale) -> Document:
    """A funder's document (docs/grants.md): the NSF biosketch or Synergistic Activities, Current and
    Pending (Other) Support, the NIH biosketch."""
    # Imported here: only a funder's profile needs these layouts.
    from cvgen.view.layouts.biosketch import prepare_biosketch, prepare_synergistic
    from cvgen.view.layouts.current_pending import prepare_current_pending
    from cvgen.view.layouts.nih import prepare_nih

    cv = loaded.cv
    if profile.layout == "biosketch":
        return prepare_biosketch(cv, profile, doc_meta, top, loc)
    if profile.layout == "synergistic":
        return prepare_synergistic(cv, profile, doc_meta, top, loc)
    if profile.layout == "current-pending":
        return prepare_current_pending(cv, profile, doc_meta, top, loaded.origin, loc)
    return prepare_nih(cv, profile, doc_meta, top, loaded.origin, loc)


def _finish(doc: Document, loc: Locale) -> Document:
    """The locale's warnings first, each entry whose main line runs against the page's direction marked,
    and the text typeset."""
    sections = tuple(
        replace(s, groups=tuple(replace(g, items=tuple(_with_direction(i, loc.direction) for i in g.items))
                                for g in s.groups))
        for s in doc.sections
    )
    # Typography last, once, in the document's language (issue 21): quotes, dashes, tied spaces.
    return typeset_document(replace(doc, sections=sections, warnings=(*loc.warnings, *doc.warnings)))


def _with_direction(item: Item, direction: str) -> Item:
    """An English title in an Arabic CV (or an Arabic one in an English CV) keeps its own order."""
    if not runs_against(plain(item.main), direction):
        return item
    return replace(item, direction="rtl" if direction == "ltr" else "ltr")


__all__ = ["ViewOptions", "prepare", "select_publications"]
