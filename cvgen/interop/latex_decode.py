"""LaTeX → Unicode in time linear in the text, with a budget per file.

pylatexenc gathers each run of ordinary characters by appending one character at a time to a
string attribute, which copies the run each time: its cost grows with the square of the longest
run (640,000 letters took 29 s). Before decoding, each run of ordinary characters (two or more,
spaces included) is replaced by one private-use character, decoded, and put back afterwards, so
pylatexenc only ever sees the LaTeX: its work is proportional to the markup, not to the text.

A run never starts right after a control sequence (``\\'ecole``, ``\\v c``, ``\\'{cd}``): the
character or short group that may be the macro's argument stays in place, so accents land on the
letters they belong to.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cvgen.interop import bibtex_limits

_FIRST, _LAST = 0xF0000, 0xFFFFD  # Supplementary Private Use Area-A: never in a real .bib
_LATEX = re.compile(r"[\\{}$%~^_&#]|--|``|''|[!?]`")
"""What makes pylatexenc change text: its special characters and TeX's input ligatures."""
_PRIVATE = re.compile("[\U000f0000-\U000ffffd]")
# A control sequence with the white space and one character after it (kept), or a run of ordinary text.
_TOKENS = re.compile(r"(\\(?:[^\W\d_]+|.)\s*(?:\{[^{}\\]{0,64}\}|[^\\])?)|([^\\{}$%~^_&#\[\]`'\-!?<>,]{2,})", re.S)


class DecodeBudgetExceeded(Exception):  # noqa: N818 - reads as what happened
    """More LaTeX than :data:`~cvgen.interop.bibtex_limits.MAX_DECODE_CHARS` in one file."""


class LinearDecoder:
    """Wraps a ``latex_to_text`` function; counts what it is given against one budget."""

    def __init__(self, latex_to_text: Callable[[str], str], budget: int | None = None) -> None:
        self.latex_to_text = latex_to_text
        self.limit = budget if budget is not None else bibtex_limits.MAX_DECODE_CHARS
        self.budget = self.limit

    def __call__(self, value: str) -> str:
        if not _LATEX.search(value):
            return value  # most fields hold no LaTeX at all: nothing for pylatexenc to do
        if _PRIVATE.search(value):
            return self._decode(value)  # cannot set text aside safely; still within the budget
        runs: list[str] = []

        def aside(m: re.Match[str]) -> str:
            if m.group(1) is not None or _FIRST + len(runs) > _LAST:
                return m.group(0)
            runs.append(m.group(2))
            return chr(_FIRST + len(runs) - 1)

        masked = _TOKENS.sub(aside, value)
        if not runs:
            return self._decode(masked)
        out = self._decode(masked)
        return _PRIVATE.sub(lambda m: runs[ord(m.group(0)) - _FIRST], out)

    def _decode(self, text: str) -> str:
        self.budget -= len(text)
        if self.budget < 0:
            raise DecodeBudgetExceeded
        return self.latex_to_text(text)
