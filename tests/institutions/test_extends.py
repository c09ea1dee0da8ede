"""extends: a person's file over an institution's base: overrides win, errors name the file that is
wrong, and a base is only ever read from the CV's folder or a folder the caller named."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cvgen
from cvgen.cli import cli
from cvgen.errors import InputError

BASE = """\
settings:
  theme: modern
  page_size: a4
  titles: {positions: Appointments, education: Degrees}
  legend:
    student: "{marker} advisee"
person:
  affiliations:
    - {institution: Example University}
"""

PERSON = """\
extends: base.yaml
person:
  name: Ada Lovelace
settings:
  titles: {positions: Employment}
positions:
  - {title: Analyst, organization: Engine Works, start: 1842}
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_person_overrides_the_base_key_by_key(tmp_path: Path) -> None:
    _write(tmp_path, "base.yaml", BASE)
    cv = cvgen.load_cv(_write(tmp_path, "ada.yaml", PERSON)).cv
    assert cv.settings.theme == "modern" and cv.settings.page_size == "a4"  # from the base
    assert cv.settings.titles == {"positions": "Employment", "education": "Degrees"}  # mappings merge key by key
    assert cv.person.name == "Ada Lovelace"
    assert cv.person.affiliations[0].institution == "Example University"
    text = cvgen.render(tmp_path / "ada.yaml", "text").decode()
    assert "EMPLOYMENT" in text and "Example University" in text and "advisee" not in text  # no students marked


def test_lists_from_the_person_replace_the_base(tmp_path: Path) -> None:
    _write(tmp_path, "base.yaml", BASE)
    person = PERSON.replace("person:\n  name: Ada Lovelace\n",
                            "person:\n  name: Ada Lovelace\n  affiliations: [{institution: Analytical Society}]\n")
    cv = cvgen.load_cv(_write(tmp_path, "ada.yaml", person)).cv
    assert [a.institution for a in cv.person.affiliations] == ["Analytical Society"]


def test_errors_point_at_the_file_that_is_wrong(tmp_path: Path) -> None:
    _write(tmp_path, "base.yaml", BASE.replace("page_size: a4", "page_size: b5").replace("{institution: Example University}", "{institution: X, colour: red}"))
    ada = _write(tmp_path, "ada.yaml", PERSON.replace("start: 1842", "start: 18x2"))
    with pytest.raises(InputError) as caught:
        cvgen.load_cv(ada)
    found = {(Path(p.file).name, p.line, p.path) for p in caught.value.problems}
    assert found == {
        ("base.yaml", 3, "settings.page_size"),
        ("base.yaml", 9, "person.affiliations[0].colour"),
        ("ada.yaml", 7, "positions[0].start"),
    }


def test_a_base_outside_the_cv_folder_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "inst", "base.yaml", BASE)
    ada = _write(tmp_path / "cvs", "ada.yaml", PERSON.replace("extends: base.yaml", "extends: ../inst/base.yaml"))
    with pytest.raises(InputError) as caught:
        cvgen.load_cv(ada)
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.line, problem.path) == ("ada.yaml", 1, "extends")
    assert "--base" in problem.message
    # Naming the institution's folder allows it (the same as `cvgen render --base inst/`).
    assert cvgen.load_cv(ada, allow=(tmp_path / "inst",)).cv.settings.theme == "modern"


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "elsewhere", "base.yaml", BASE)
    (tmp_path / "cvs").mkdir()
    (tmp_path / "cvs" / "base.yaml").symlink_to(tmp_path / "elsewhere" / "base.yaml")
    ada = _write(tmp_path / "cvs", "ada.yaml", PERSON)
    with pytest.raises(InputError, match="not a file inside"):
        cvgen.load_cv(ada)


def test_a_base_may_not_extend_another(tmp_path: Path) -> None:
    _write(tmp_path, "base.yaml", "extends: other.yaml\n" + BASE)
    with pytest.raises(InputError) as caught:
        cvgen.load_cv(_write(tmp_path, "ada.yaml", PERSON))
    assert [(Path(p.file).name, p.line) for p in caught.value.problems] == [("base.yaml", 1)]


def test_a_dict_with_extends_needs_a_named_folder(tmp_path: Path) -> None:
    _write(tmp_path, "base.yaml", BASE)
    data = {"extends": "base.yaml", "person": {"name": "Ada"}}
    with pytest.raises(InputError, match="needs a folder"):
        cvgen.load_cv(data)
    assert cvgen.load_cv(data, allow=(tmp_path,)).cv.settings.page_size == "a4"


def test_cli_base_folder(tmp_path: Path) -> None:
    _write(tmp_path / "inst", "base.yaml", BASE)
    _write(tmp_path / "cvs", "ada.yaml", PERSON)
    runner = CliRunner()
    refused = runner.invoke(cli, ["render", str(tmp_path / "cvs" / "ada.yaml"), "-f", "markdown", "-o", str(tmp_path / "a.md")])
    assert refused.exit_code == 2 and "extends" in refused.output
    assert not (tmp_path / "a.md").exists()
    ok = runner.invoke(cli, ["render", str(tmp_path / "cvs" / "ada.yaml"), "-f", "markdown", "-o", str(tmp_path / "a.md"),
                             "--base", str(tmp_path / "inst")])
    assert ok.exit_code == 0, ok.output
    assert "Example University" in (tmp_path / "a.md").read_text()
