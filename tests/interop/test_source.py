"""publications_from: a CV reading its publications from a .bib in its folder, with overrides."""

from __future__ import annotations

import shutil

import pytest

from cvgen.errors import InputError
from cvgen.loader import load_file
from cvgen.model.markup import plain
from tests.interop.conftest import FIXTURES


@pytest.fixture
def folder(tmp_path):
    shutil.copy(FIXTURES / "messy.bib", tmp_path / "refs.bib")
    return tmp_path


def write(folder, text):
    path = folder / "cv.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bib_publications_merged_with_overrides(folder):
    cv = load_file(write(folder, """person: {name: Sijia Liu}
publications:
  - {title: Written by hand, authors: [Sijia Liu], venue: X, date: 2024}
publications_from:
  bibtex: refs.bib
  overrides:
    kopfli2021:
      notes: [Spotlight]
      selected: true
      author_roles: {"1": [student], "Michal Rolínek": [equal]}
    thesis2016: {omit: true}
"""))
    keys = [p.key for p in cv.publications]
    assert keys[0] is None and "thesis2016" not in keys and len(keys) == 1 + 6
    k = next(p for p in cv.publications if p.key == "kopfli2021")
    assert [plain(n) for n in k.notes] == ["Spotlight"] and k.selected
    assert k.authors[0].student and k.authors[1].equal
    assert "publications_from" not in cv.model_dump()


def test_unknown_key_and_author_are_located(folder):
    with pytest.raises(InputError) as err:
        load_file(write(folder, """person: {name: Sijia Liu}
publications_from:
  bibtex: refs.bib
  overrides:
    kopfli2012: {selected: true}
    marks2020:
      author_roles: {Nobody: [student]}
"""))
    text = str(err.value)
    assert "cv.yaml:5:" in text and "did you mean 'kopfli2021'" in text
    assert "cv.yaml:7:" in text and "'Nobody' is neither an author of marks2020" in text


def test_bad_override_value_points_at_its_line(folder):
    with pytest.raises(InputError) as err:
        load_file(write(folder, """person: {name: Sijia Liu}
publications_from:
  bibtex: refs.bib
  overrides:
    kopfli2021:
      doi: not-a-doi
"""))
    assert "cv.yaml:6:" in str(err.value)


@pytest.mark.parametrize("name", ["../refs.bib", "/etc/hosts", "missing.bib"])
def test_bib_must_be_inside_the_folder(folder, name):
    with pytest.raises(InputError) as err:
        load_file(write(folder, f"person: {{name: X}}\npublications_from: {{bibtex: '{name}'}}\n"))
    assert "cv.yaml:2:" in str(err.value)
