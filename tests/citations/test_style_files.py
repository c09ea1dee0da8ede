"""Style files and languages: user .csl files, broken ones, CSL locales, the lazy engine import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cvgen.citations import BUILTIN_STYLES, builtin_style, read_style
from cvgen.citations.catalogue import STYLES_DIR
from cvgen.citations.formatter import CitationFormatter
from cvgen.errors import InputError
from tests.citations.helpers import pub, text

RISK = pub(
    title="Fiber-optic frequency shifter using a surface acoustic wave incident at an oblique angle",
    authors=["W. P. Risk", "G. S. Kino", "H. J. Shaw"], kind="journal", venue="Opt. Lett.",
    volume="11", issue="2", pages="115-117", date="1986-02",
)

# A minimal CSL 1.0 style written for this test: "Family, Initials: Title (Year)."
MINIMAL_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test style</title><id>test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <names variable="author"><name name-as-sort-order="all" initialize-with="." delimiter="; "/></names>
      <text variable="title" prefix=": "/>
      <date variable="issued" prefix=" (" suffix=")"><date-part name="year"/></date>
    </layout>
  </bibliography>
</style>
"""


WHERE = ("cv.yaml", 4, 12, "settings.publications.style")


def test_builtin_files_are_the_vendored_official_styles():
    for name, (stem, _) in BUILTIN_STYLES.items():
        source = builtin_style(name)
        assert source.path == str(STYLES_DIR / f"{stem}.csl")
        assert f"<id>http://www.zotero.org/styles/{stem}</id>".encode() in source.xml
        assert read_style(name, None, WHERE) == source
    assert read_style("cvgen", None, WHERE) is None


def test_a_users_csl_file_next_to_the_cv(tmp_path: Path):
    (tmp_path / "mine.csl").write_text(MINIMAL_CSL, encoding="utf-8")
    source = read_style("mine.csl", tmp_path, WHERE)
    assert source is not None and source.path == str(tmp_path / "mine.csl")
    formatter = CitationFormatter(source, "en")
    from cvgen.citations import AuthorNote
    from cvgen.citations.formatter import CitationEntry

    entry = CitationEntry(RISK, tuple(a.name for a in RISK.authors), (AuthorNote(),) * 2 + (AuthorNote("owner"),))
    from cvgen.model.markup import Strong, plain

    nodes = formatter.format(entry)
    assert plain(nodes) == (
        "Risk, W.P.; Kino, G.S.; Shaw, H.J.: Fiber-optic frequency shifter using a surface acoustic wave "
        "incident at an oblique angle (1986)."
    )
    assert [plain(n.children) for n in nodes if isinstance(n, Strong)] == ["Shaw, H.J."]


def test_a_broken_csl_file_is_a_located_error(tmp_path: Path):
    broken = MINIMAL_CSL.replace("</bibliography>", "</bibliograpy>")
    (tmp_path / "broken.csl").write_text(broken, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        CitationFormatter(read_style("broken.csl", tmp_path, WHERE), "en")
    (problem,) = caught.value.problems
    assert problem.file.endswith("broken.csl") and problem.line == 11
    assert "settings.publications.style" in str(problem) and "not a valid CSL file" in str(problem)


def test_a_csl_file_without_a_bibliography_is_refused(tmp_path: Path):
    (tmp_path / "nobib.csl").write_text(MINIMAL_CSL.split("<bibliography>")[0] + "</style>\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no <bibliography>"):
        CitationFormatter(read_style("nobib.csl", tmp_path, WHERE), "en")


def test_unknown_names_and_missing_files_are_located(tmp_path: Path):
    with pytest.raises(InputError, match="cv.yaml:4:12: settings.publications.style: unknown citation style 'harvard1'"):
        read_style("harvard1", None, WHERE)
    with pytest.raises(InputError, match="cv.yaml:4:12: settings.publications.style: citation style file 'missing.csl' "
                                         "not found"):
        read_style("missing.csl", tmp_path, WHERE)


def test_terms_and_dates_follow_the_cv_language():
    # de-DE CSL locale: volume "Bd.", issue "Nr.", page "S.".
    assert "Opt. Lett., Bd. 11, Nr. 2, S. 115–117, Feb. 1986." in text("ieee", RISK, language="de")
    assert "vol. 11, no. 2, pp. 115–117, Feb. 1986." in text("ieee", RISK, language="en")


def test_the_engine_loads_only_when_a_style_is_used():
    code = (
        "import sys, cvgen.citations, cvgen.citations.formatter;"
        "import cvgen.view;"
        "assert not {'citeproc', 'lxml', 'bibtexparser'} & set(sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_misspelt_style_in_the_cv_is_a_located_error(tmp_path: Path):
    from cvgen.loader import load_text

    with pytest.raises(InputError) as caught:
        load_text("person: {name: A B}\nsettings:\n  publications:\n    style: harvard1\n", "cv.yaml", tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (4, "settings.publications.style")
    assert "unknown citation style 'harvard1'" in problem.message
