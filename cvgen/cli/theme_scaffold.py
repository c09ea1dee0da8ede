"""Making and finding user themes: ``cvgen theme new`` copies a built-in theme with explanations.

A copied theme is meant to be edited by someone who has never seen cvgen's internals, so every
text file gets a comment at its top saying what it controls (the built-in originals stay as they
are), ``theme.toml`` is rewritten as a commented manifest, and a ``README.md`` covers the one file
that cannot hold a comment (``reference.docx``). The copy is made in a temporary sibling folder
and renamed into place, so an interrupted copy never leaves a half-made theme behind.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cvgen.errors import UsageError
from cvgen.themes import MANIFEST, Manifest, builtin_dir, builtin_themes, read_manifest

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""A theme folder name: letters, digits, '-' and '_' (no dots, slashes or spaces)."""

WHAT_IT_CONTROLS: dict[str, str] = {
    "cv.html.j2": "the HTML page's structure (also laid out by WeasyPrint for --format pdf). Jinja.",
    "style.css": "fonts, sizes, colours, spacing, and the @page size and margins of HTML and the WeasyPrint PDF.",
    "screen.css": "browsers only (added after style.css): small screens and dark mode. WeasyPrint ignores it.",
    "languages.css": "added only for CVs not in English: fonts for other scripts, right-to-left layout.",
    "cv.tex.j2": "the LaTeX source (--format latex). Values print with ((( x ))), blocks are ((* ... *)).",
    "cv.typ.j2": "the Typst PDF (--format pdf-typst). Values print with ((( x ))), blocks are ((* ... *)).",
    "reference.docx": "Word output (--format docx): edit its named styles in Word or LibreOffice (Format > Styles).",
    MANIFEST: "the theme's defaults: description, accent colour, supported formats, and what a format does where it cannot do the layout.",
}

_COMMENT = {".css": ("/* ", " */\n"), ".html.j2": ("{#- ", " -#}\n"), ".tex.j2": ("((= ", " =))\n"), ".typ.j2": ("((= ", " =))\n")}


def check_name(name: str) -> None:
    """Refuse a folder name that is not plain, or one that a built-in theme already uses."""
    if not SAFE_NAME.fullmatch(name):
        raise UsageError(f"theme name {name!r} must be letters, digits, '-' or '_' (up to 64, no dots or slashes)")
    if name in builtin_themes():
        raise UsageError(f"{name!r} is a built-in theme's name; choose another so --theme is not ambiguous")


def new_theme(name: str, parent: Path, source: str = "classic") -> Path:
    """Copy the built-in theme ``source`` to ``parent/name`` with explanatory comments; return the folder."""
    check_name(name)
    if source not in builtin_themes():
        raise UsageError(f"unknown theme {source!r} to copy; built-in themes: {', '.join(builtin_themes())}")
    target = parent / name
    if target.exists():
        raise UsageError(f"{target} already exists; cvgen never overwrites it (choose another name or remove it)")
    if not parent.is_dir():
        raise UsageError(f"folder {parent} does not exist")
    original = builtin_dir() / source
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=parent))
    try:
        for path in sorted(original.iterdir()):
            if path.is_file():
                _copy_explained(path, staging / path.name, source)
        (staging / MANIFEST).write_text(manifest_text(read_manifest(original), name, source), encoding="utf-8")
        (staging / "README.md").write_text(readme_text(name, source, staging), encoding="utf-8")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _copy_explained(src: Path, dst: Path, source: str) -> None:
    """Copy one file, with a first comment saying what it controls when the format allows one."""
    comment = next((c for suffix, c in _COMMENT.items() if src.name.endswith(suffix)), None)
    what = WHAT_IT_CONTROLS.get(src.name)
    if comment is None or what is None:
        shutil.copyfile(src, dst)
        return
    opening, closing = comment
    note = f"{src.name} (copied from cvgen's {source!r} theme) controls {what} See docs/themes.md."
    dst.write_text(opening + note + closing + src.read_text(encoding="utf-8"), encoding="utf-8")


def manifest_text(manifest: Manifest, name: str, source: str) -> str:
    """A ``theme.toml`` with the copied values and a comment on each key."""
    accent = f'accent = "{manifest.accent}"' if manifest.accent else '# accent = "#1f5f8b"'
    formats = ", ".join(f'"{f}"' for f in manifest.formats or ())
    description = (manifest.description or f"A copy of {source}.").replace("\\", "\\\\").replace('"', '\\"')
    return f"""# The manifest of the theme {name!r} (copied from cvgen's {source!r}), read once per render.
# Every key is optional; an unknown key is an error so that a typo is never silently ignored.

# One line shown by `cvgen theme list` and `cvgen formats --theme ./{name}`.
description = "{description}"

# The accent colour, written #rrggbb. Used for the name, headings, rules and links by the HTML/PDF
# page (as the CSS variable --accent), Typst and LaTeX, whenever the CV itself sets no
# settings.accent_colour. Without this key the accent is #1f5f8b.{_monochrome_note(manifest, source)}
{accent}

# The formats this theme has layouts for; asking for another one says which are supported.
# Remove a format here if you delete its file (e.g. cv.tex.j2 for "latex").
formats = [{formats}]

# How Word lays out the header, like the theme's PDF: "columns" (affiliations left, contacts right)
# or "inline" (each affiliation on one line joined by " · ", the contacts in one run).
docx_header = "{manifest.docx_header}"

# Formats listed in [fallbacks] below whose layout breaks pages differently from the PDFs on
# purpose (a one-column DOCX of a two-column theme); the others keep the PDFs' page breaks.
{own_pages_text(manifest)}

{fallbacks_text(manifest)}"""


def own_pages_text(manifest: Manifest) -> str:
    """The ``own_pages`` line: the copied theme's list, or an example commented out."""
    if not manifest.own_pages:
        return '# own_pages = ["docx"]'
    return "own_pages = [" + ", ".join(f'"{f}"' for f in manifest.own_pages) + "]"


def _monochrome_note(manifest: Manifest, source: str) -> str:
    """For a copy of a theme that declares no accent: its templates draw in black, so say where colour goes."""
    if manifest.accent:
        return ""
    return f"""
# {source!r} declares no accent: it is drawn in black and its templates do not use one, so this
# key alone changes nothing. To add colour, set it in style.css (HTML and the WeasyPrint PDF) and
# cv.typ.j2 (the Typst PDF), e.g. by using var(--accent) and accent there as the modern theme does."""


def fallbacks_text(manifest: Manifest) -> str:
    """The ``[fallbacks]`` table, commented, with the copied theme's entries (or an example, commented out)."""
    import json

    intro = """# Where a format cannot do this theme's layout, one sentence per format saying what it does
# instead; shown by `cvgen formats --theme` and `cvgen theme list` (docs/themes.md, "What a theme
# is"). For example:
#   docx = "one column: the sidebar's contacts and skills come first, under the name"
"""
    if not manifest.fallbacks:
        return intro + "# [fallbacks]\n"
    rows = "".join(f"{_toml_key(fmt)} = {json.dumps(sentence, ensure_ascii=False)}\n" for fmt, sentence in manifest.fallbacks)
    return intro + "[fallbacks]\n" + rows


def readme_text(name: str, source: str, folder: Path) -> str:
    """The folder's guide: which file controls what, and how to render with it."""
    rows = "\n".join(f"| `{f}` | {WHAT_IT_CONTROLS[f]} |" for f in WHAT_IT_CONTROLS if (folder / f).exists() or f == MANIFEST)
    return f"""# Theme `{name}`

Copied from cvgen's built-in `{source}` theme by `cvgen theme new`. Use it with a path:

    cvgen render cv.yaml --theme ./{name} --format pdf
    cvgen watch cv.yaml --theme ./{name}

| File | What it controls |
| --- | --- |
{rows}

Templates receive data already ordered, numbered and escaped by cvgen; they only lay it out.
User themes run in Jinja's sandbox. See cvgen's docs/themes.md for every name a template receives.
"""


@dataclass(frozen=True)
class ThemeEntry:
    """One line of ``cvgen theme list``."""

    name: str
    where: str
    """"built-in" or the folder's path."""
    manifest: Manifest


def list_themes(directory: Path) -> list[ThemeEntry]:
    """The built-in themes, then the theme folders directly inside ``directory``."""
    entries = [ThemeEntry(n, "built-in", read_manifest(builtin_dir() / n)) for n in builtin_themes()]
    if directory.is_dir():
        for folder in sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if (folder / MANIFEST).is_file() or (folder / "cv.html.j2").is_file():
                entries.append(ThemeEntry(folder.name, str(folder), _manifest_or_note(folder)))
    return entries


def _manifest_or_note(folder: Path) -> Manifest:
    """A local theme's manifest; a broken one is listed with its problem instead of stopping the list."""
    try:
        return read_manifest(folder)
    except UsageError as exc:
        return Manifest(description=f"(broken manifest: {exc})")


def _toml_key(key: str) -> str:
    """A bare TOML key when it may be one (``pdf-typst``), else a quoted one."""
    import json

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)
