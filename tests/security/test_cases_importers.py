"""Hardening II: importers never crash on wrong shapes, .bib work is bounded (issue 15, items 3 and 4).

Each case goes through the real command line (``cvgen import …``, ``cvgen validate``): the answer
must be located lines naming the file, exit status 2, no traceback, no "internal error", and no
file written. Inputs are only just past each cap, so CI never builds anything huge.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.errors import InputError
from cvgen.interop.bibtex import import_bibtex
from cvgen.interop.bibtex_limits import MAX_BIB_CHARS, MAX_BIB_ENTRIES, MAX_BIB_FIELD_CHARS
from cvgen.interop.json_reader import MAX_NUMBER_CHARS
from cvgen.loader import load
from cvgen.loader.limits import MAX_AUTHORS, MAX_LIST_ITEMS, MAX_TOTAL_AUTHORS


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("CVGEN_DEBUG", raising=False)
    return CliRunner()


def _refused(runner: CliRunner, tmp_path: Path, kind: str, name: str, text: str) -> str:
    """Run ``cvgen import KIND`` on ``text``; assert a located refusal and return stderr."""
    src, out = tmp_path / name, tmp_path / "out.yaml"
    src.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["import", kind, str(src), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr and "Traceback" not in result.output
    assert str(src) in result.stderr and str(out) not in result.stderr
    assert not out.exists()
    return result.stderr


# ---------------------------------------------------------------- JSON Resume: shapes and JSON itself


@pytest.mark.parametrize(("doc", "where"), [
    ('{"basics": "Jane"}', ":1:12: basics: expected a mapping of fields (got 'Jane')"),
    ('{"basics": {"profiles": "github"}}', ":1:25: basics.profiles: expected a list (got 'github')"),
    ('{"basics": {"profiles": ["x", {"network": "GitHub"}]}}', ":1:26: basics.profiles[0]: expected a mapping"),
    ('{"skills": [{"name": "Python", "keywords": 5}]}', ":1:44: skills[0].keywords: expected a list (got 5)"),
    ('{"work": [{"name": "X", "highlights": [1, [2]]}]}', ":1:43: work[0].highlights[1]: expected text or a number"),
    ('[1, 2]', ":1:1: expected a mapping at the top of the file, got a list"),
])
def test_json_resume_of_the_wrong_shape_is_a_located_error(runner, tmp_path, doc: str, where: str) -> None:
    assert f"resume.json{where}" in _refused(runner, tmp_path, "jsonresume", "resume.json", doc)


@pytest.mark.parametrize(("doc", "message"), [
    ('{"basics": {"name": "A"}, "basics": {"name": "B"}}', ":1:37: duplicate key 'basics'"),
    ('{"awards": [{"title": "x", "date": NaN}]}', "NaN is not a JSON value"),
    ('{"meta": {"x": Infinity}}', "Infinity is not a JSON value"),
    ('{"meta": {"x": 1e999}}', "too large to be finite"),
    ('{"meta": {"x": ' + "9" * 5000 + "}}", f"a number of 5,000 characters; the limit is {MAX_NUMBER_CHARS}"),
    ('{"meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "too deeply nested (more than 64 levels)"),
    ('{"basics": ', "JSON syntax error"),
])
def test_json_itself_is_read_strictly(runner, tmp_path, doc: str, message: str) -> None:
    assert message in _refused(runner, tmp_path, "jsonresume", "resume.json", doc)


def test_a_value_cvgen_refuses_after_conversion_is_reported_against_the_source(runner, tmp_path) -> None:
    doc = {"basics": {"name": "Jane"}, "publications": [
        {"name": "T", "releaseDate": "2020", "authors": ["Jane"], "kind": "blogpost"}]}
    stderr = _refused(runner, tmp_path, "jsonresume", "resume.json", json.dumps(doc))
    assert "resume.json: publications[0].kind: expected one of" in stderr and "cvgen could not carry this over" in stderr


# ---------------------------------------------------------------- RenderCV shapes


@pytest.mark.parametrize(("sections", "where"), [
    ("    education: just text\n", ":4:16: cv.sections.education: expected a list (got 'just text')"),
    ("    - education\n", ":4:5: cv.sections: expected a mapping"),
    ("    experience:\n      - company: X\n        position: Y\n        start_date: 2020-01\n        highlights: abc\n",
     ":8:21: cv.sections.experience[0].highlights: expected a list (got 'abc')"),
])
def test_rendercv_sections_of_the_wrong_shape_are_located_errors(runner, tmp_path, sections: str, where: str) -> None:
    text = "cv:\n  name: Jane Doe\n  sections:\n" + sections
    assert f"cv.yaml{where}" in _refused(runner, tmp_path, "rendercv", "cv.yaml", text)


# ---------------------------------------------------------------- publications_from overrides and macros


def _bib_cv(tmp_path: Path, bib: str, overrides: str = "") -> Path:
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    cv = tmp_path / "cv.yaml"
    cv.write_text("person:\n  name: Ada Lovelace\npublications_from:\n  bibtex: refs.bib\n" + overrides, encoding="utf-8")
    return cv


@pytest.mark.parametrize("key", ["²", "①", "٣"])
def test_an_override_position_in_non_ascii_digits_is_a_located_error(runner, tmp_path, key: str) -> None:
    cv = _bib_cv(tmp_path, "@article{k, title={T}, author={A. Lovelace and B. Babbage}, journal={J}, year=2020}",
                 f"  overrides:\n    k:\n      author_roles:\n        '{key}': [student]\n")
    result = runner.invoke(cli, ["validate", str(cv)])
    assert result.exit_code == 2 and "internal error" not in result.stderr
    assert f"cv.yaml:8:14: publications_from.overrides.k.author_roles.{key}: '{key}' is neither an author" in result.stderr


def test_nested_string_macros_and_concatenation_are_expanded() -> None:
    bib = ('@string{s0 = {ab}}\n@string{s1 = s0 # s0}\n@string{S2 = s1 # "-" # s1}\n@string{jn = "Phys. Rev."}\n'
           "@article{k, title = s2, journal = jn # { Letters}, author = {A. B}, year = 2020}\n")
    pubs, _ = import_bibtex(bib)
    assert pubs[0]["title"] == "abab-abab" and pubs[0]["venue"] == "Phys. Rev. Letters"


def test_doubling_string_macros_are_refused_before_they_are_built() -> None:
    bib = "@string{s0 = {xxxxxxxxxx}}\n" + "".join(f"@string{{s{i} = s{i - 1} # s{i - 1}}}\n" for i in range(1, 60))
    start = time.perf_counter()
    with pytest.raises(InputError, match=f"expands to more than {MAX_BIB_FIELD_CHARS:,} characters"):
        import_bibtex(bib + "@article{k, title = s59, year = 2020}\n", "refs.bib")
    assert time.perf_counter() - start < 10


# ---------------------------------------------------------------- .bib caps and linear decoding


def test_a_bib_just_over_the_size_cap_is_refused_before_parsing(runner, tmp_path) -> None:
    text = "% padding\n" * (MAX_BIB_CHARS // 10 + 1)
    assert f"limit of {MAX_BIB_CHARS:,} characters" in _refused(runner, tmp_path, "bibtex", "refs.bib", text)


def test_a_bib_with_one_entry_too_many_is_refused(runner, tmp_path) -> None:
    text = "".join(f"@misc{{k{i},}}\n" for i in range(MAX_BIB_ENTRIES + 1))
    assert f"{MAX_BIB_ENTRIES + 1:,} entries; the limit is {MAX_BIB_ENTRIES:,}" in _refused(
        runner, tmp_path, "bibtex", "refs.bib", text)


def test_a_field_just_over_the_cap_is_refused_before_decoding(runner, tmp_path) -> None:
    text = "@article{k, title={" + "\\'e" * (MAX_BIB_FIELD_CHARS // 3 + 1) + "}, year=2020}\n"
    stderr = _refused(runner, tmp_path, "bibtex", "refs.bib", text)
    assert "refs.bib:1:1: k: field 'title' is 50,001 characters long; the limit is 50,000" in stderr


def test_decoding_past_its_budget_is_refused(runner, tmp_path, monkeypatch) -> None:
    """The budget is per file, over many fields each under the field cap (lowered here so the input stays small)."""
    from cvgen.interop import bibtex_limits

    monkeypatch.setattr(bibtex_limits, "MAX_DECODE_CHARS", 5_000)
    text = "".join(f"@article{{k{i}, title={{" + "\\'e " * 100 + "}, year=2020}\n" for i in range(30))
    assert "refs.bib: more than 5,000 characters of LaTeX to decode" in _refused(runner, tmp_path, "bibtex", "refs.bib", text)


def test_decoding_is_linear_in_a_long_run_of_text() -> None:
    """A 40,000-letter word (just under the field cap) costs no more than 40 short ones: the decoder
    once copied the run once per character (quadratic); a generous bound, for two loaded cores."""
    word = "x" * 40_000 + " \\'e"
    start = time.perf_counter()
    pubs, _ = import_bibtex(f"@article{{k, title={{{word}}}, author={{A. B}}, year=2020}}")
    assert time.perf_counter() - start < 5
    assert pubs[0]["title"] == "x" * 40_000 + " é"


def test_decoding_keeps_accents_on_their_letters() -> None:
    pubs, _ = import_bibtex(r"@article{k, title={\'ecole \v c {\"o}l \c{c}a \'{e}t\'e \LaTeX{} is --- nice}, "
                            r"author={Dvo\v{r}\'ak, Anton\'in}, year=2020}")
    assert pubs[0]["title"] == "école č öl ça été is — nice"
    assert pubs[0]["authors"] == ["Antonín Dvořák"]


# ---------------------------------------------------------------- CV caps and linear name matching


def test_one_publication_too_many_is_refused_before_validation(runner, tmp_path) -> None:
    pubs = "".join(f"  - {{title: T{i}, authors: [A. B], date: 2020}}\n" for i in range(MAX_LIST_ITEMS + 1))
    cv = tmp_path / "cv.yaml"
    cv.write_text(f"person:\n  name: A. B\npublications:\n{pubs}", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(cv)])
    assert result.exit_code == 2
    assert f"cv.yaml:4:3: publications: {MAX_LIST_ITEMS + 1:,} items; the limit is {MAX_LIST_ITEMS:,} per list" in result.stderr


def test_author_lists_past_the_caps_are_refused() -> None:
    one = {"title": "T", "venue": "J", "date": "2020", "authors": [f"A{i} B" for i in range(MAX_AUTHORS + 1)]}
    with pytest.raises(InputError, match=f"publications\\[0\\].authors: {MAX_AUTHORS + 1:,} authors; the limit"):
        load({"person": {"name": "A. B"}, "publications": [one]})
    many = [{"title": "T", "venue": "J", "date": "2020", "authors": [f"A{i} B" for i in range(MAX_AUTHORS)]}
            for _ in range(MAX_TOTAL_AUTHORS // MAX_AUTHORS + 1)]
    with pytest.raises(InputError, match=f"authors in all; the limit is {MAX_TOTAL_AUTHORS:,} per CV"):
        load({"person": {"name": "A. B"}, "publications": many})


def test_owner_and_member_recognition_is_linear_in_the_author_list() -> None:
    """2,000 authors against 50 group members: every name is normalised once (it took 7.5 s)."""
    from cvgen.model.people import fold, name_key
    from cvgen.view import prepare

    fold.cache_clear()
    name_key.cache_clear()
    cv = load({"person": {"name": "Sijia Liu"}, "settings": {"group_members": [f"M. Member{i}" for i in range(50)]},
               "publications": [{"title": "T", "venue": "J", "date": "2020",
                                 "authors": [f"A{i}. Author{i}" for i in range(2000)] + ["S. Liu", "M. Member3"]}]})
    prepare(cv)
    # each distinct name folded a bounded number of times: the calls grow with authors + members, not their product
    assert fold.cache_info().misses < 3 * (2002 + 51)
    assert name_key.cache_info().misses < 3 * (2002 + 51)
