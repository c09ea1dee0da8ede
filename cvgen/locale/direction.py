"""Which way a piece of text runs, by the Unicode bidirectional class of its first strong letter.

A right-to-left CV holds left-to-right lines too (a paper's English title, a co-author's name).
The view marks such a line once, and every format keeps it in order: HTML with ``dir="ltr"``,
LaTeX by wrapping it, Typst with ``text(dir: ltr)``. Unicode's rule P2 decides: the first
character that is strongly left-to-right (L) or right-to-left (R, AL) sets the direction.
"""

from __future__ import annotations

import unicodedata

_RTL = {"R", "AL"}


def first_strong(text: str) -> str | None:
    """"ltr" or "rtl" after the first strong character of ``text``; None when it has none (digits, symbols)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in _RTL:
            return "rtl"
    return None


def runs_against(text: str, direction: str) -> bool:
    """Does ``text`` start in the other direction than the document's (an English title in an Arabic CV)?"""
    found = first_strong(text)
    return found is not None and found != direction
