"""Compare source text with typeset output (issue 21): the view curls quotes, sets en dashes in
ranges, ellipses and no-break spaces, so a test that looks for the source's words in the output
folds both sides to the same plain form first."""

from __future__ import annotations

# Every quotation mark and apostrophe folds to one mark: a quote nested in cvgen's own quotes
# alternates (“a ‘b’ c”), so the source's " may be typeset as ‘ or ’.
_FOLD = str.maketrans({
    "'": '"', "\u2018": '"', "\u2019": '"', "\u201a": '"', "\u201b": '"', "\u2039": '"', "\u203a": '"',
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u202f": " ", "\u2060": None,
})


def folded(text: str) -> str:
    """``text`` with typographic quotes, dashes, ellipses and tied spaces as ASCII, whitespace collapsed."""
    return " ".join(text.translate(_FOLD).replace("\u2026", "...").replace("---", "-").replace("--", "-").split())
