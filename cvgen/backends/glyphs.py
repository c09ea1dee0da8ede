"""Characters no installed font can draw, so a PDF fails loudly instead of printing empty boxes.

WeasyPrint (through Pango) falls back from the theme's fonts to any installed font that has a
character; when none has it, it draws a box ("tofu") and says nothing. The union of every installed
font's coverage, read once from fontconfig, tells beforehand which characters would come out as
boxes. (Compiled LaTeX does the same from the engine's own "Missing character" log lines.)
"""

from __future__ import annotations

import bisect
import functools
import shutil
import subprocess
import unicodedata

from cvgen.errors import RenderError

_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}


@functools.lru_cache(maxsize=1)
def installed_coverage() -> tuple[list[int], list[int]] | None:
    """(starts, ends) of the code point ranges some installed font covers; None without fontconfig."""
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--format", "%{charset}\n"], capture_output=True, text=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    ranges = []
    for token in out.stdout.split():
        low, _, high = token.partition("-")
        try:
            ranges.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue
    merged: list[list[int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [r[0] for r in merged], [r[1] for r in merged]


def _ignorable(ch: str) -> bool:
    code = ord(ch)
    return code < 0x7F or unicodedata.category(ch) in _INVISIBLE or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def missing_glyphs(text: str) -> list[str]:
    """The distinct visible characters of ``text`` that no installed font covers, in code point order."""
    coverage = installed_coverage()
    if coverage is None:
        return []
    starts, ends = coverage
    out = []
    for ch in sorted(set(text)):
        if _ignorable(ch):
            continue
        i = bisect.bisect_right(starts, ord(ch)) - 1
        if i < 0 or ord(ch) > ends[i]:
            out.append(ch)
    return out


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
