"""Paths of the interop fixtures: small written cases and real files from other tools (see tests/fixtures/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.conftest import ROOT

FIXTURES = ALL_FIXTURES / "interop"
REAL = ALL_FIXTURES / "real"
UNLICENSED = Path(os.environ.get("CVGEN_HELDOUT") or ROOT.parent / "shared" / "heldout")


def real(*parts: str) -> Path:
    """A real file written by another tool, kept in tests/fixtures/real."""
    return REAL.joinpath(*parts)


def unlicensed(*parts: str) -> Path:
    """A real file whose repository states no licence, so it is not in the repository (fixtures README).

    The test reading it is skipped, with the reason, unless CVGEN_HELDOUT (or ../shared/heldout) holds it.
    """
    path = UNLICENSED.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} is not redistributable (no licence), so it is not in tests/fixtures; set CVGEN_HELDOUT")
    return path


# The three name forms of BibTeX (Patashnik, "BibTeXing" (btxdoc), 1988, §4 "Helpful hints", the
# item on names; the same text is Appendix B of the LaTeX manual): "First von Last", "von Last, First"
# and "von Last, Jr, First". A name has four parts, First, von, Last and Jr; the von part is the run of
# tokens that start in lower case; Jr exists only in the third form; a Last of several tokens with no von
# needs a comma ("Brinch Hansen, Per"). The expected parts below follow those rules by hand; cvgen writes
# them back in reading order, First von Last Jr (the order of plain.bst's "{ff~}{vv~}{ll}{, jj}", without
# the comma before Jr, since in a cvgen name a comma means "Surname, Given").
SPEC_NAMES = [
    # (as written in the .bib, First, von, Last, Jr)
    ("Ludwig van Beethoven", "Ludwig", "van", "Beethoven", ""),
    ("von Beethoven, Ludwig", "Ludwig", "von", "Beethoven", ""),  # btxdoc's own pair of examples
    ("Jean de La Fontaine", "Jean", "de", "La Fontaine", ""),  # von is "de" only: "La" starts in upper case
    ("van der Waals, Johannes Diderik", "Johannes Diderik", "van der", "Waals", ""),
    ("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",  # btxdoc's example: 4 First, 2 von, 2 Last tokens
     "Charles Louis Xavier Joseph", "de la", "Vallée Poussin", ""),
    ("Brinch Hansen, Per", "Per", "", "Brinch Hansen", ""),  # btxdoc's example of a two-token Last
    ("Ford, Jr., Henry", "Henry", "", "Ford", "Jr."),
    ("King, Jr, Martin Luther", "Martin Luther", "", "King", "Jr"),
    ("von Neumann, III, John", "John", "von", "Neumann", "III"),
]


def reading_order(first: str, von: str, last: str, jr: str) -> str:
    """A name's BibTeX parts as cvgen writes the name: "First von Last Jr".

    A Last of several words with no von ("Brinch Hansen") is joined by a no-break space: the one
    sign a reading-order name has that those words are one surname (BibTeX would otherwise read
    "Per Brinch Hansen" as First "Per Brinch", Last "Hansen").
    """
    if not von and first and " " in last:
        last = last.replace(" ", "\u00a0")
    return " ".join(part for part in (first, von, last, jr) if part)
