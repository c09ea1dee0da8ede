"""Which CSL file a style name means, read when the CV is loaded: a built-in short name, or a
``.csl`` file next to the CV.

The built-in files are copied unchanged from the official CSL repository (see ``styles/SOURCES.md``
for the commit, dates and licence). Where the CSL project renamed a style, the short name follows
its ``renamed-styles.json`` ("vancouver" → ``nlm-citation-sequence``, "chicago-note-bibliography" →
``chicago-shortened-notes-bibliography``).

This module reads files, so it sits beside the loader; the view gets the XML in
:class:`~cvgen.model.loaded.StyleFile` and never opens a file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cvgen.errors import InputError, Problem
from cvgen.model.loaded import StyleFile
from cvgen.model.settings import CITATION_STYLES

STYLES_DIR = Path(__file__).with_name("styles")

# Short name → (CSL file stem, what it is). The stems are the official CSL style ids.
BUILTIN_STYLES: dict[str, tuple[str, str]] = {
    "apa": ("apa", "APA 7th edition (psychology, education, social sciences)"),
    "ieee": ("ieee", "IEEE reference guide (engineering, computer science)"),
    "chicago-author-date": ("chicago-author-date", "Chicago Manual of Style 18th ed., author-date"),
    "chicago-note-bibliography": (
        "chicago-shortened-notes-bibliography",
        "Chicago Manual of Style 18th ed., notes and bibliography (bibliography entries)",
    ),
    "vancouver": ("nlm-citation-sequence", "Vancouver / NLM citation-sequence (medicine)"),
    "nature": ("nature", "Nature (natural sciences)"),
    "acm": ("association-for-computing-machinery", "ACM reference format (computing)"),
    "harvard": ("harvard-cite-them-right", "Harvard, Cite Them Right 12th ed."),
    "mla": ("modern-language-association", "MLA Handbook 9th edition (humanities)"),
    "ama": ("american-medical-association", "AMA Manual of Style 11th edition (medicine)"),
}
CVGEN_STYLE = "cvgen"
assert set(CITATION_STYLES) == {CVGEN_STYLE, *BUILTIN_STYLES}, "the model's style names and these files differ"


@cache
def builtin_style(name: str) -> StyleFile:
    """A built-in style's file (package data, read once per process)."""
    path = STYLES_DIR / f"{BUILTIN_STYLES[name][0]}.csl"
    return StyleFile(name, str(path), path.read_bytes())


def read_style(
    spec: str, base_dir: Path | None, where: tuple[str, int | None, int | None, str]
) -> StyleFile | None:
    """The style ``spec`` names, read now; None for cvgen's own layout.

    ``spec`` is ``cvgen``, a built-in short name, or the path of a ``.csl`` file: relative paths
    are read from ``base_dir`` (the CV's folder), else from the current folder. ``where`` (file,
    line, column, field) locates the setting or option for messages.
    """
    if spec == CVGEN_STYLE:
        return None
    if spec in BUILTIN_STYLES:
        return builtin_style(spec)
    file, line, col, field = where
    if not spec.lower().endswith(".csl"):
        known = ", ".join(CITATION_STYLES)
        raise InputError([Problem(file, line, col, field, f"unknown citation style {spec!r}: use one of {known}, "
                                                         "or a .csl file")])
    path = Path(spec).expanduser()
    candidates = [path] if path.is_absolute() else [p for p in (base_dir and base_dir / path, path) if p]
    for candidate in candidates:
        if candidate.is_file():
            try:
                return StyleFile(spec, str(candidate), candidate.read_bytes())
            except OSError as exc:
                raise InputError([Problem(file, line, col, field, f"cannot read {spec!r}: {exc.strerror}")]) from None
    looked = " or ".join(str(c) for c in candidates)
    raise InputError([Problem(file, line, col, field, f"citation style file {spec!r} not found (looked for {looked})")])
