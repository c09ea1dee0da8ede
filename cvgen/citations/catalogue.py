"""Which CSL file a style name means: the built-in short names, or a ``.csl`` file next to the CV.

The built-in files are copied unchanged from the official CSL repository (see ``styles/SOURCES.md``
for the commit, dates and licence). Where the CSL project renamed a style, the short name follows
its ``renamed-styles.json`` ("vancouver" → ``nlm-citation-sequence``, "chicago-note-bibliography" →
``chicago-shortened-notes-bibliography``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cvgen.errors import UsageError
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


@dataclass(frozen=True)
class StyleSource:
    """A CSL style to load: its display name and file."""

    name: str
    path: Path
    builtin: bool


def resolve_style(spec: str, base_dir: Path | None = None) -> StyleSource | None:
    """The CSL file for ``spec``; ``None`` for cvgen's own layout.

    ``spec`` is ``cvgen``, a built-in short name, or the path of a ``.csl`` file (relative paths
    are read from ``base_dir``, the CV's folder).
    """
    if spec == CVGEN_STYLE:
        return None
    if spec in BUILTIN_STYLES:
        stem = BUILTIN_STYLES[spec][0]
        return StyleSource(spec, STYLES_DIR / f"{stem}.csl", builtin=True)
    if not spec.endswith(".csl"):
        known = ", ".join([CVGEN_STYLE, *BUILTIN_STYLES])
        raise UsageError(f"unknown citation style {spec!r} (built-in: {known}; or the path of a .csl file)")
    path = Path(spec)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.is_file():
        raise UsageError(f"citation style file {spec!r} not found (looked for {path})")
    return StyleSource(spec, path, builtin=False)
