"""The one BibTeX writer: nothing a CV holds can inject into a bibliography, and hostile text round-trips.

The parts a name must split into come from btxdoc ("Designing BibTeX styles", Patashnik), §4; the
injection string is the one reported against the export (a DOI that passes the DOI check).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cvgen.interop.bibtex import import_bibtex
from cvgen.interop.bibtex_writer import BibEntry, bib_key, bib_name, bib_text, bib_verbatim, write_bibtex
from cvgen.interop.export import to_bibtex
from cvgen.loader import load

INJECTION = r"10.1000/x},note={\input{/etc/hostname}},zz={"


def _cv(**pub: object) -> object:
    entry = {"title": "T", "authors": ["A. Person"], "venue": "J", "date": "2020", **pub}
    return load({"person": {"name": "A. Person"}, "publications": [entry]})


def _fields_of(bib: str) -> list[str]:
    from bibtexparser import parse_string

    entries = parse_string(bib).entries
    assert len(entries) == 1
    return sorted(f.key for f in entries[0].fields)


def test_a_doi_that_closes_its_field_adds_no_field_and_reads_back_as_one_doi() -> None:
    bib = to_bibtex(_cv(doi=INJECTION))
    assert "\\input" not in bib and "note" not in _fields_of(bib)
    assert "doi" in _fields_of(bib) and len(_fields_of(bib)) == 6  # title author author+an venue year doi
    pubs, _ = import_bibtex(bib)
    assert len(pubs) == 1 and "note" not in pubs[0] and pubs[0]["doi"].startswith("10.1000/x")


def test_a_link_address_cannot_close_the_entry_or_add_a_preamble() -> None:
    url = "https://example.org/a}}\n@preamble{\\input{/etc/passwd}}@misc{x,"
    bib = to_bibtex(_cv(links=[{"label": "PDF", "url": "https://example.org/a%7D%7D"}], key="k}@x"))
    from bibtexparser import parse_string

    lib = parse_string(bib)
    assert len(lib.entries) == 1 and not lib.preambles and not lib.failed_blocks
    assert bib_verbatim(url).count("{") == 0 and "\n" not in bib_verbatim(url) and "\\" not in bib_verbatim(url)


@pytest.mark.parametrize("key", ["k}@x", "a b", "x,note={y}", "Müller2020", "}"])
def test_keys_hold_only_the_characters_bibtex_accepts(key: str) -> None:
    assert re.fullmatch(r"[A-Za-z0-9_:./+-]+", bib_key(key))


def test_the_writer_refuses_an_unescaped_value() -> None:
    with pytest.raises(ValueError, match="unsafe value"):
        write_bibtex([BibEntry("misc", "k", [("note", "x},evil={")])])
    with pytest.raises(ValueError, match="field name"):
        write_bibtex([BibEntry("misc", "k", [("no te", "x")])])


HOSTILE_TITLES = [
    "Pages 10--20 and ``quoted'' text",
    "Dashes --- and -- and a lone - hyphen; ?` and !` and << >> and ,,",
    "Braces {unbalanced and } closed} O}Neil",
    "Costs & 50% of $x_1$ in C# ~tilde^ back\\slash",
    "@preamble{\\input{/etc/hostname}} and \\def\\x{y}",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_come_back_as_typed(title: str) -> None:
    pubs, warnings = import_bibtex(to_bibtex(_cv(title=title)))
    assert warnings == []
    assert pubs[0]["title"] == title


HOSTILE_NAMES = [
    "Tom and Jerry",  # one name: " and " must not split it
    "Mary O}Neil",
    "Ann {Brace",
    "B. \\relax Smith",
    "Anna Smith-Jones",
    "Zoë Ångström",
    "Jean de La Fontaine",
    "Martin Luther King Jr",
    "Henry Ford Jr.",
    "John von Neumann III",
    "Per Brinch\u00a0Hansen",  # a no-break space joins a two-word surname
]


def test_hostile_names_come_back_as_typed_each_as_one_author() -> None:
    cv = _cv(authors=HOSTILE_NAMES)
    pubs, warnings = import_bibtex(to_bibtex(cv))
    assert warnings == []
    assert pubs[0]["authors"] == HOSTILE_NAMES


@pytest.mark.parametrize(("name", "parts"), [
    # btxdoc §4's examples, written in reading order: (First, von, Last, Jr)
    ("Per Brinch\u00a0Hansen", ("Per", "", "Brinch Hansen", "")),
    ("Henry Ford Jr.", ("Henry", "", "Ford", "Jr.")),
    ("Martin Luther King, Jr", ("Martin Luther", "", "King", "Jr")),
    ("John von Neumann III", ("John", "von", "Neumann", "III")),
    ("Charles Louis Xavier Joseph de la Vallée Poussin", ("Charles Louis Xavier Joseph", "de la", "Vallée Poussin", "")),
    ("Ludwig van Beethoven", ("Ludwig", "van", "Beethoven", "")),
])
def test_names_are_written_so_bibtex_finds_their_parts(name: str, parts: tuple[str, str, str, str]) -> None:
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    split = parse_single_name_into_parts(bib_name(name))
    assert (" ".join(split.first), " ".join(split.von), " ".join(split.last), " ".join(split.jr)) == parts


def test_text_breaks_ligatures_and_escapes_braces() -> None:
    assert bib_text("a--b ``c''") == "a-{}-b `{}`c'{}'"
    assert bib_text("O}Neil") == r"O\textbraceright{}Neil"


@pytest.mark.skipif(shutil.which("bibtex") is None, reason="needs BibTeX (TeX Live)")
def test_real_bibtex_prints_the_doi_as_one_value_and_runs_nothing(tmp_path: Path) -> None:
    """BibTeX itself with plainnat (which prints the doi field) sees one DOI and no \\input."""
    (tmp_path / "refs.bib").write_text(to_bibtex(_cv(doi=INJECTION, key="k")), encoding="utf-8")
    (tmp_path / "main.aux").write_text("\\citation{*}\n\\bibdata{refs}\n\\bibstyle{plainnat}\n", encoding="utf-8")
    subprocess.run(["bibtex", "main"], cwd=tmp_path, capture_output=True, timeout=60, check=False)
    bbl = (tmp_path / "main.bbl").read_text(encoding="utf-8")
    assert "10.1000/x%7D,note=%7B%5Cinput" in bbl
    assert "\\input{" not in bbl and "\\bibitem" in bbl
