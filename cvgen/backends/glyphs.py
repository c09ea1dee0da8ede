"""Characters no installed font can draw, so a PDF fails loudly instead of printing empty boxes.

WeasyPrint (through Pango) falls back from the theme's fonts to any installed font that has a
character; when none has it, it draws a box ("tofu") and says nothing. The union of every installed
font's coverage, read once from fontconfig, tells beforehand which characters would come out as
boxes. (Compiled LaTeX does the same from the engine's own "Missing character" log lines.)

fontconfig lists every font's coverage (megabytes of text on a desktop system); parsing all of it
cost a WeasyPrint render about a sixth of its time. Only the characters a CV uses are looked for, font
by font, stopping when each is found, and the ones found are remembered for the next CV of a batch.
An ASCII-only CV asks fontconfig nothing.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata

from cvgen.errors import RenderError

_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}


@functools.lru_cache(maxsize=1)
def _charsets() -> list[bytes] | None:
    """Each installed font's coverage as fontconfig writes it ("20-7e a0-17f …"); None without fontconfig."""
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--format", "%{charset}\n"], capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.split(b"\n")


_covered: set[int] = set()
"""Code points already found in some installed font (this process)."""


def _ranges(charset: bytes) -> list[tuple[int, int]]:
    out = []
    for token in charset.split():
        low, _, high = token.partition(b"-")
        try:
            out.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue
    return out


def _uncovered(codes: set[int]) -> set[int] | None:
    """The code points of ``codes`` no installed font has (None: fontconfig cannot tell)."""
    charsets = _charsets()
    if charsets is None:
        return None
    todo = set(codes)
    for charset in charsets:
        if not todo:
            break
        for low, high in _ranges(charset):
            found = {c for c in todo if low <= c <= high}
            if found:
                todo -= found
                _covered.update(found)
    return todo


def _ignorable(ch: str) -> bool:
    code = ord(ch)
    return code < 0x7F or unicodedata.category(ch) in _INVISIBLE or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def missing_glyphs(text: str) -> list[str]:
    """The distinct visible characters of ``text`` that no installed font covers, in code point order."""
    codes = {ord(ch) for ch in set(text) if not _ignorable(ch)} - _covered
    missing = _uncovered(codes) if codes else set()
    return [chr(c) for c in sorted(missing or ())]


def require_glyphs(text: str, what: str) -> None:
    """Raise a RenderError naming every character of ``text`` no installed font can draw."""
    missing = missing_glyphs(text)
    if missing:
        named = ", ".join(f"{ch} (U+{ord(ch):04X} {unicodedata.name(ch, '')})".replace(" )", ")") for ch in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise RenderError(
            f"{what}: no font for {named}{more}; the output would show empty boxes. "
            "Install a font that has these characters (e.g. fonts-noto-color-emoji for emoji) or remove them."
        )
