"""Records poured into a map: values land in the right fields, and every mistake is located in the
data file (line and column number of the cell) or in the map (its line), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cvgen
from cvgen.errors import InputError
from cvgen.loader.mapping import load_map
from cvgen.loader.record_source import sources
from cvgen.loader.records import read_table, table_of
from cvgen.model.markup import plain


def _load_all(dept: Path) -> list[cvgen.Loaded]:
    table = read_table(dept / "faculty.csv")
    return [s.load() for s in sources(table, load_map(dept / "map.yaml"))]


def test_columns_feed_fields_and_lists_split(dept: Path) -> None:
    grace, emmy = _load_all(dept)
    assert grace.cv.person.name == "Grace Hopper"
    assert grace.cv.person.emails == ("gh@example.edu", "grace@example.org")  # split on ";"
    assert grace.cv.person.phones[0].number == "+1 517 555 0100"
    assert str(grace.cv.positions[0].start) == "2020-08"
    assert emmy.cv.person.phones == ()  # an empty cell leaves the whole phone entry out


def test_bad_cell_is_located_at_its_line_and_column(dept: Path) -> None:
    csv = (dept / "faculty.csv").read_text().replace("Lecturer,2021", "Lecturer,2021-13")
    (dept / "faculty.csv").write_text(csv)
    table = read_table(dept / "faculty.csv")
    good, bad = sources(table, load_map(dept / "map.yaml"))
    good.load()
    with pytest.raises(InputError) as caught:
        bad.load()
    [problem] = caught.value.problems
    # Line 3 of the file holds Emmy Noether's row; "start" is its 6th column.
    assert (problem.file, problem.line, problem.col) == (str(dept / "faculty.csv"), 3, 6)
    assert problem.path == "positions[0].start"
    assert "column 'start'" in problem.message and "month 13" in problem.message


def test_empty_required_cell_is_located_at_the_cell(dept: Path) -> None:
    (dept / "faculty.csv").write_text("netid,name,email,phone,title,start\nx1,,x@example.edu,,Prof,2020\n")
    [only] = sources(read_table(dept / "faculty.csv"), load_map(dept / "map.yaml"))
    with pytest.raises(InputError) as caught:
        only.load()
    [problem] = caught.value.problems
    assert (problem.line, problem.col, problem.path) == (2, 2, "person.name")
    assert "required field is missing" in problem.message


def test_unknown_column_is_located_in_the_map(dept: Path) -> None:
    text = (dept / "map.yaml").read_text().replace('"{title}"', '"{titel}"')
    (dept / "map.yaml").write_text(text)
    with pytest.raises(InputError) as caught:
        sources(read_table(dept / "faculty.csv"), load_map(dept / "map.yaml"))
    [problem] = caught.value.problems
    assert problem.file == str(dept / "map.yaml")
    assert problem.line == 9  # the line of `- title: "{titel}"`
    assert "'titel' is not in" in problem.message and "did you mean 'title'" in problem.message


def test_map_structure_errors_are_located(dept: Path) -> None:
    (dept / "map.yaml").write_text("outptu: x\ncv: [1]\n")
    with pytest.raises(InputError) as caught:
        load_map(dept / "map.yaml")
    found = {(p.line, p.path): p.message for p in caught.value.problems}
    assert "did you mean 'output'" in found[(1, "outptu")]
    assert "expected cv: a mapping" in found[(2, "cv")]


def test_literal_value_from_the_map_is_located_in_the_map(dept: Path) -> None:
    text = (dept / "map.yaml").read_text().replace("      start:", "      kind: tenured\n      start:")
    (dept / "map.yaml").write_text(text)
    with pytest.raises(InputError) as caught:
        _load_all(dept)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.path) == (str(dept / "map.yaml"), 11, "positions[0].kind")


def test_json_records_are_located_by_line(dept: Path) -> None:
    records = [
        {"netid": "a", "name": "Ada", "email": "a@x.org", "phone": "", "title": "Prof", "start": "2020"},
        {"netid": "b", "name": "Bob", "email": ["b@x.org", "bob@x.org"], "phone": "", "title": "Prof", "start": "20x0"},
    ]
    (dept / "faculty.json").write_text(json.dumps(records, indent=1))
    table = read_table(dept / "faculty.json")
    a, b = sources(table, load_map(dept / "map.yaml"))
    assert a.load().cv.person.name == "Ada"
    with pytest.raises(InputError) as caught:
        b.load()
    [problem] = caught.value.problems
    lines = (dept / "faculty.json").read_text().splitlines()
    assert '"start": "20x0"' in lines[problem.line - 1]
    assert problem.path == "positions[0].start"


def test_render_many_takes_records_from_python(dept: Path) -> None:
    rows = [{"netid": "zz", "name": "Zhu Zhu", "email": "z@x.org", "phone": "", "title": "Prof", "start": "2019"}]
    [result] = cvgen.render_many(rows, ["markdown"], dept / "out", mapping=dept / "map.yaml")
    assert result.ok, result.error
    assert result.outputs == (dept / "out" / "zz.md",)
    assert "Zhu Zhu" in (dept / "out" / "zz.md").read_text()


def test_python_records_are_named_by_index(dept: Path) -> None:
    rows = [{"netid": "a", "name": "A", "email": "", "phone": "", "title": "P", "start": "bad"}]
    [source] = sources(table_of(rows), load_map(dept / "map.yaml"))
    with pytest.raises(InputError) as caught:
        source.load()
    assert str(source) == "records[0]"
    assert caught.value.problems[0].path == "positions[0].start"


def test_per_person_publication_files(dept: Path) -> None:
    (dept / "pubs").mkdir()
    (dept / "pubs" / "gh1.yaml").write_text(
        "- title: Compiling Routines\n  authors: [G. Hopper]\n  venue: ACM\n  date: 1952\n"
        "- title: Bad one\n  authors: [G. Hopper]\n  date: 19x2\n"
    )
    (dept / "pubs" / "en2.bib").write_text("@article{n1921,\n  title = {Idealtheorie in Ringbereichen},\n"
                                            "  author = {Noether, Emmy},\n  journal = {Math. Ann.},\n  year = {1921}\n}\n")
    text = (dept / "map.yaml").read_text()
    (dept / "map.yaml").write_text(text.replace('output: "{netid}"\n', 'output: "{netid}"\npublications: "pubs/{netid}.{ext}"\n'))
    csv = (dept / "faculty.csv").read_text().splitlines()
    csv = [csv[0] + ",ext", csv[1] + ",yaml", csv[2] + ",bib"]
    (dept / "faculty.csv").write_text("\n".join(csv) + "\n")
    grace, emmy = sources(read_table(dept / "faculty.csv"), load_map(dept / "map.yaml"))
    with pytest.raises(InputError) as caught:
        grace.load()
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.path) == (str(dept / "pubs" / "gh1.yaml"), 7, "publications[1].date")
    assert plain(emmy.load().cv.publications[0].title) == "Idealtheorie in Ringbereichen"


def test_validate_checks_every_record_without_rendering(dept: Path) -> None:
    from click.testing import CliRunner

    from cvgen.cli import cli

    csv = (dept / "faculty.csv").read_text().replace("Lecturer,2021", "Lecturer,2021-13")
    (dept / "faculty.csv").write_text(csv)
    result = CliRunner().invoke(cli, ["validate", "--data", str(dept / "faculty.csv"), "--map", str(dept / "map.yaml")])
    assert result.exit_code == 2
    assert "faculty.csv:2 (Grace Hopper): ok" in result.output
    assert f"{dept / 'faculty.csv'}:3:6: positions[0].start: month 13" in result.output
    assert not list(dept.glob("*.txt")) and not list(dept.glob("*.pdf"))


def test_placeholder_syntax_is_checked(dept: Path) -> None:
    text = (dept / "map.yaml").read_text().replace('"{name}"', '"{name!r}"')
    (dept / "map.yaml").write_text(text)
    with pytest.raises(InputError) as caught:
        sources(read_table(dept / "faculty.csv"), load_map(dept / "map.yaml"))
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (4, "cv.person.name") and "{name}" in problem.message


def test_a_row_with_too_many_cells_fails_alone(dept: Path) -> None:
    csv = (dept / "faculty.csv").read_text().replace("Lecturer,2021", "Lecturer,2021,extra")
    (dept / "faculty.csv").write_text(csv)
    results = cvgen.render_many(dept / "faculty.csv", ["text"], dept / "out", mapping=dept / "map.yaml")
    assert [r.status for r in results] == ["rendered", "failed"]
    assert results[1].error == f"{dept / 'faculty.csv'}:3:7: this row has 7 cells; the header names 6 columns " \
                               "(a comma inside a cell needs quotes)"
