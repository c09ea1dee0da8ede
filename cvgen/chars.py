"""Character tables every layer agrees on: what YAML, XML and the typesetters cannot hold.

One place, so the loader's refusals and each writer's last line of defence cannot drift apart.
The model already refuses control characters in text (:func:`cvgen.model.text.clean_text`); the
writers still clean what they are given, because a CV built in Python skips no check twice.
"""

from __future__ import annotations

import re

YAML_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters YAML forbids in a stream (PyYAML's reader would refuse them without a line): all but
tab, LF, CR, printable ASCII, NEL, U+00A0–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF (YAML 1.1,
c-printable). Written as the short list it is, not as the complement of that one: the negated
class took Python a few milliseconds to compile on every start."""

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold."""

_BREAK = "[\t\n\x0b\x0c\r\x85\u2028\u2029]"
_INVISIBLE = "[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"

LINE_BREAKS = re.compile(f"{_BREAK}+")
"""Runs of whitespace that break a line (NEL and the Unicode line/paragraph separators included)."""

INVISIBLE = re.compile(_INVISIBLE)
"""C0/C1 controls (but the whitespace above), DEL, BOM, noncharacters and lone surrogates."""


def one_line(text: str, joiner: str = " ") -> str:
    """``text`` on one line: each run of line breaks becomes ``joiner``, invisible characters go.

    Line breaks are replaced first (a run with invisible characters inside is still one run), so a NEL (U+0085, a C1 control that is also a line break)
    separates words like a newline instead of gluing them together.
    """
    return INVISIBLE.sub("", _BREAK_RUN.sub(joiner, text))


_BREAK_RUN = re.compile(f"{_BREAK}(?:{_INVISIBLE}*{_BREAK})*")
"""A run of line breaks with invisible characters between them: still one break."""


TEX_SPECIALS: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
"""The characters with a meaning to TeX (and so to BibTeX), each as a command that prints it.

The LaTeX backend (:mod:`cvgen.backends.tex_escape`) adds the characters fonts would change; the
BibTeX export (:mod:`cvgen.interop.export`) uses these alone, as other tools read its output.
"""
_TEX_SPECIAL = re.compile("|".join(re.escape(c) for c in TEX_SPECIALS))


def escape_tex_specials(text: str) -> str:
    """``text`` with TeX's special characters escaped, so LaTeX and BibTeX show it literally."""
    return _TEX_SPECIAL.sub(lambda m: TEX_SPECIALS[m.group(0)], text)


LONG_WORD = 40
"""A word longer than this (a URL, a gene or a formula name in running text) gets a line-break chance
every :data:`BREAK_EVERY` characters in every format that lays out lines (HTML ``<wbr>``, Typst boxes,
LaTeX ``\\allowbreak``): no engine may run it off the page, and all of them wrap it alike."""
BREAK_EVERY = 8
LONG_WORD_RE = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def word_pieces(word: str) -> list[str]:
    """A long word cut into :data:`BREAK_EVERY`-character pieces (a break chance between each two)."""
    return [word[i : i + BREAK_EVERY] for i in range(0, len(word), BREAK_EVERY)]


def break_chances(text: str) -> list[str]:
    """``text`` cut at the break chances inside each word longer than :data:`LONG_WORD` (joining the
    parts gives ``text`` back; ``[text]`` when it has no long word)."""
    cuts = [cut for m in LONG_WORD_RE.finditer(text) for cut in range(m.start() + BREAK_EVERY, m.end(), BREAK_EVERY)]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
