"""The preparation step: a loaded CV + options → :class:`Document`, computed once for every format.

Pure: everything read from files (the photo) comes in the :class:`~cvgen.model.loaded.Loaded`;
nothing here opens a file. The profile picks the layout; the layout picks the sections.
"""

from __future__ import annotations

from dataclasses import replace

from cvgen.citations.catalogue import CVGEN_STYLE
from cvgen.model.cv import CV
from cvgen.model.loaded import Loaded
from cvgen.view.document import Document
from cvgen.view.header import header, meta
from cvgen.view.layouts.biosketch import prepare_biosketch, prepare_synergistic
from cvgen.view.layouts.current_pending import prepare_current_pending
from cvgen.view.layouts.cv import cv_sections
from cvgen.view.layouts.nih import prepare_nih
from cvgen.view.selection import ViewOptions, profile_for, select_publications


def prepare(source: Loaded | CV, options: ViewOptions | None = None) -> Document:
    """Decide everything the reader will see, once, for every backend.

    A bare :class:`CV` has no folder, so one with a photo is refused: pass what
    :func:`cvgen.loader.load_cv` returns to have the photo.
    """
    loaded = source if isinstance(source, Loaded) else Loaded(source)
    cv = loaded.cv
    options = options or ViewOptions()
    profile = profile_for(cv, options)
    top = header(cv, loaded.photo)
    doc_meta = meta(cv, options, profile)
    if profile.layout == "biosketch":
        return prepare_biosketch(cv, profile, doc_meta, top)
    if profile.layout == "synergistic":
        return prepare_synergistic(cv, profile, doc_meta, top)
    if profile.layout == "current-pending":
        return prepare_current_pending(cv, profile, doc_meta, top, loaded.origin)
    if profile.layout == "nih-biosketch":
        return prepare_nih(cv, profile, doc_meta, top, loaded.origin)
    warnings: list[str] = []
    spec = options.style or cv.settings.publications.style
    cited = None
    if spec != CVGEN_STYLE:
        from cvgen.view.cited import CitationStyle  # the CSL engine loads only for a citation style

        cited = CitationStyle.of(loaded, spec)
    sections = cv_sections(cv, profile, warnings, cited)
    return replace(Document(meta=doc_meta, header=top, sections=sections), warnings=tuple(warnings))


__all__ = ["ViewOptions", "prepare", "select_publications"]
