"""The one place where user text becomes LaTeX source.

Everything a CV owner writes reaches a .tex file through :func:`escape` (running text) or
:func:`escape_url` (the first argument of ``\\href``). Both are total: whatever the input, the
output contains no TeX command except the fixed, harmless ones listed in :data:`SAFE_MACROS`,
no unbalanced brace, no ``^^`` sequence, no comment character and no blank line, so nothing a
user writes can run a command, read a file or end a paragraph inside a macro argument.

Scripts the main fonts lack are wrapped at render time: CJK runs in ``\\cvcjk{…}``, other
scripts (Greek, Cyrillic) in ``\\cvalt{…}``, Arabic (and Persian) in ``\\cvarab{…}``, Hebrew in
``\\cvhebr{…}`` and Devanagari in ``\\cvdeva{…}``; each theme defines these macros with fallback
fonts. In a right-to-left CV (``escape(s, rtl=True)``) each left-to-right run is also wrapped, in
``\\cvltr{…}``: XeTeX orders runs, not characters, so "Deep Learning" would otherwise come out as
"Learning Deep". Doing it here keeps the .tex identical for xelatex and lualatex and readable in an editor.

Symbols a text font may lack (from Letterlike Symbols on: ``∼``, ``─``, arrows, math operators,
emoji) are wrapped one by one in ``\\cvfb{…}``, which each engine resolves with its own mechanism:
XeLaTeX switches font for that character when the current font has no glyph for it
(``\\iffontchar``), LuaLaTeX leaves it to luaotfload's fallback font list. U+FFFD, which LuaTeX
refuses as input, is written ``\\cvfffd{}``.
"""

from __future__ import annotations

import re
import unicodedata

from cvgen.chars import TEX_SPECIALS, break_chances, one_line

# Characters with a meaning to TeX, or that a T1/TU font turns into something else
# (`` → “, << → «, straight quotes → curly ones), mapped to commands that print them literally.
_CHARS: dict[str, str] = {
    **TEX_SPECIALS,
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "`": r"\textasciigrave{}",
    # An optional argument or starred form after \item, \\ or a macro must never be opened by text.
    "[": "{[}",
    "]": "{]}",
    # Thin spaces (CLDR puts them around the dash of a date range, and in "2021 г."): TeX's own thin
    # space, which every font can set; the text fonts have no glyph for these code points.
    "\u2009": "\\,",
    "\u202f": "\\,",
}

SAFE_MACROS = frozenset(
    {
        "textbackslash", "textasciitilde", "textasciicircum", "textless", "textgreater", "textbar",
        "textquotedbl", "textasciigrave", "allowbreak", "cvcjk", "cvalt", "cvfb", "cvfffd",
        "cvarab", "cvhebr", "cvdeva", "cvltr", "cvopen", "cvclose",
    }
)
"""Control words :func:`escape` may emit (besides the control symbols ``\\{ \\} \\$ \\& \\% \\# \\_``)."""

_DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c]")
"""The invisible direction marks CLDR puts into Arabic dates and amounts (user text cannot hold them):
TeX fonts have no glyph for them, and babel orders the runs itself."""

# TeX ligatures that would change what was written: -- and --- into dashes, ,, into „, '' into ”.
# A single ' stays: fonts show it as the typographic apostrophe (Xi’an), keeping the source readable.
_LIGATURE = re.compile(r"([-,'])(?=[-,'])")


def _is_cjk(cp: int) -> bool:
    """Han, kana, hangul and CJK punctuation: typeset with the theme's CJK font."""
    return (
        0x1100 <= cp <= 0x11FF  # Hangul Jamo
        or 0x2E80 <= cp <= 0x2FDF  # CJK radicals
        or 0x3000 <= cp <= 0x30FF  # CJK symbols and punctuation, Hiragana, Katakana
        or 0x3100 <= cp <= 0x31FF  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
        or 0x3200 <= cp <= 0x9FFF  # enclosed CJK, CJK unified ideographs (+ extension A)
        or 0xA960 <= cp <= 0xA97F
        or 0xAC00 <= cp <= 0xD7FF  # Hangul syllables
        or 0xF900 <= cp <= 0xFAFF  # CJK compatibility ideographs
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x20000 <= cp <= 0x3FFFF  # supplementary ideographs
    )


def _is_alt(cp: int) -> bool:
    """Greek and Cyrillic: Noto Serif/Sans cover them fully (TeX Gyre lacks accented Greek, Cyrillic)."""
    return 0x0370 <= cp <= 0x052F or 0x1F00 <= cp <= 0x1FFF or 0x1C80 <= cp <= 0x1C8F or 0x2DE0 <= cp <= 0x2DFF or 0xA640 <= cp <= 0xA69F


def _is_symbol(cp: int) -> bool:
    """Letterlike symbols, arrows, math, box drawing, dingbats, emoji…: drawn by a fallback font if need be."""
    return cp >= 0x2100 and not (0xE000 <= cp <= 0xF8FF or 0xFE00 <= cp <= 0xFE0F or 0xE0000 <= cp)


_SCRIPT_BLOCKS = (
    ("arab", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("hebr", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))),
    ("deva", ((0x0900, 0x097F), (0xA8E0, 0xA8FF))),
)
"""Right-to-left scripts and Devanagari: each set in its own font (Noto Naskh Arabic, …) by the theme."""


def _script(ch: str) -> str:
    cp = ord(ch)
    if _is_cjk(cp):
        return "cjk"
    if _is_alt(cp):
        return "alt"
    if cp >= 0x0590:
        for name, blocks in _SCRIPT_BLOCKS:
            if any(low <= cp <= high for low, high in blocks):
                return name
    if _is_symbol(cp):
        return "fb"
    return ""


def _symbol(ch: str) -> str:
    return "\\cvfffd{}" if ch == "\ufffd" else f"\\cvfb{{{ch}}}"


_CHAR_TABLE = str.maketrans(_CHARS)
""":data:`_CHARS` as a ``str.translate`` table: the same mapping, done in C (it was a per-character loop)."""


def _escape_chars(s: str) -> str:
    return _LIGATURE.sub(r"\1{}", s.translate(_CHAR_TABLE))


_OTHER_SCRIPT = re.compile("[^\u0000-\u036f\u2000-\u20ff]")
"""A character outside Latin and general punctuation (where :func:`_script` is always ""): only text
holding one needs the character-by-character split, which was most of a LaTeX render's time."""


def _runs(s: str) -> list[tuple[str, str]]:
    """Split text into (script, run) pairs; a space stays with the run before it."""
    if not _OTHER_SCRIPT.search(s):
        return [("", s)] if s else []
    runs: list[tuple[str, str]] = []
    kind, buf = "", ""
    for ch in s:
        k = kind if ch == " " else _script(ch)
        if k != kind and buf:
            runs.append((kind, buf))
            buf = ""
        kind = k
        buf += ch
    if buf:
        runs.append((kind, buf))
    return runs


def _escape_scripts(s: str) -> str:
    """Each script run in its macro; a long word's break chances are placed before the split into
    runs, so a word mixing scripts (Latin, Greek, Cyrillic every few letters) still wraps."""
    return "\\allowbreak{}".join(
        "".join(
            "".join(_symbol(ch) if ch != " " else " " for ch in run) if kind == "fb"
            else f"\\cv{kind}{{{_escape_chars(run)}}}" if kind else _escape_chars(run)
            for kind, run in _runs(segment)
        )
        for segment in break_chances(s)
    )


def _ltr_spans(s: str) -> list[tuple[bool, str]]:
    """Split text into (left-to-right?, run) pairs for a right-to-left paragraph.

    A left-to-right run goes from a strong left-to-right character to the last one (or a digit after
    it) before the next right-to-left letter; the spaces and punctuation around it stay outside and
    take the paragraph's direction, as Unicode's bidirectional algorithm would have them.
    """
    out: list[tuple[bool, str]] = []
    pos, i, n = 0, 0, len(s)
    while i < n:
        if unicodedata.bidirectional(s[i]) != "L":
            i += 1
            continue
        last = j = i
        while j < n and unicodedata.bidirectional(s[j]) not in _RTL_CLASSES:
            if unicodedata.bidirectional(s[j]) in ("L", "EN"):
                last = j
            j += 1
        if i > pos:
            out.append((False, s[pos:i]))
        out.append((True, s[i : last + 1]))
        pos = i = last + 1
    if pos < n:
        out.append((False, s[pos:]))
    return out


_RTL_CLASSES = {"R", "AL"}
_MIRROR = {"(": "\\cvopen{}", ")": "\\cvclose{}"}
"""Parentheses in right-to-left text: LuaTeX mirrors them itself, XeTeX does not; the preamble of a
right-to-left CV defines these two macros for each engine (see tex_language)."""


def _touches_rtl(s: str, i: int) -> bool:
    """Is the parenthesis at ``i`` next to a right-to-left letter (spaces aside), as in "(جوال)"?"""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(s) and s[j] == " ":
            j += step
        if 0 <= j < len(s) and unicodedata.bidirectional(s[j]) in _RTL_CLASSES:
            return True
    return False


def _escape_rtl_run(s: str) -> str:
    """A right-to-left stretch: scripts wrapped, and its parentheses mirrored where they hold RTL text."""
    out, pos = [], 0
    for i, ch in enumerate(s):
        if ch in _MIRROR and _touches_rtl(s, i):
            out.append(_escape_scripts(s[pos:i]) + _MIRROR[ch])
            pos = i + 1
    out.append(_escape_scripts(s[pos:]))
    return "".join(out)


def escape(s: str, rtl: bool = False) -> str:
    """User text → LaTeX that prints exactly that text, whatever it contains.

    With ``rtl`` (a right-to-left CV) each left-to-right run is wrapped in ``\\cvltr{…}``.
    """
    s = unicodedata.normalize("NFC", s)
    s = _DIRECTION_MARKS.sub("", one_line(s))  # TeX would read a line break as syntax; controls are invisible trouble
    if rtl:  # one word keeps its order by itself; only runs of several words need the wrapper
        text = "".join(
            f"\\cvltr{{{_escape_scripts(run)}}}" if ltr and " " in run else _escape_rtl_run(run)
            for ltr, run in _ltr_spans(s)
        )
    else:
        text = _escape_scripts(s)
    if text.startswith("*"):
        text = "{}" + text  # never the star of a preceding \\ or \section
    return text


# In \href's URL argument (even inside another macro's argument) hyperref turns \# \% \& \_ \~
# back into the plain characters; everything else with a TeX meaning is percent-encoded, written
# \%XX because a bare % would start a comment. Checked against the link targets in real PDFs.
_URL_CHARS: dict[str, str] = {
    "%": r"\%",
    "#": r"\#",
    "&": r"\&",
    "_": r"\_",
    "~": r"\~",
}


def escape_url(url: str) -> str:
    """A checked URL → the first argument of ``\\href``: same target, no TeX syntax left."""
    url = one_line(url, "")
    out = []
    for ch in url:
        if ch in _URL_CHARS:
            out.append(_URL_CHARS[ch])
        elif ch.isascii() and (ch.isalnum() or ch in "-./:;?=@!*+,'()[]"):
            out.append(ch)
        else:  # \ { } ^ $ space " < > | ` and every non-ASCII character
            out.append("".join(f"\\%{b:02X}" for b in ch.encode("utf-8")))
    return "".join(out)
