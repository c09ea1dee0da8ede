"""Loading hostile files through the Python API: every case of BAD_INPUTS 1–16 (and 22) gives located problems."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

import cvgen
from cvgen.errors import InputError, Problem
from cvgen.loader import load, load_file, load_text, validate
from cvgen.loader.load import MAX_FILE_BYTES, decode
from cvgen.model.cv import CV
from tests.conftest import FIXTURES
from tests.loader.cases import CASES, PERSON, TRICKY_SCALARS, Case


def _matches(problem: Problem, case: Case) -> bool:
    return (
        case.message in problem.message
        and (case.line is None or problem.line == case.line)
        and (case.path is None or problem.path == case.path)
    )


def _problems_of(call, *args) -> tuple[list[Problem], float]:
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        call(*args)
    return info.value.problems, time.perf_counter() - start


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_file_gives_located_problem(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(case.data)
    for call in (load_file, cvgen.load):
        problems, elapsed = _problems_of(call, path)
        assert elapsed < 2, f"{case.id} took {elapsed:.2f} s"
        assert any(_matches(p, case) for p in problems), "\n".join(map(str, problems))
        assert all(p.file == str(path) for p in problems)
        # Every line the user sees is FILE:LINE:COL: path: message (or FILE: message for whole-file problems).
        for p in problems:
            if p.line is not None:
                assert str(p).startswith(f"{path}:{p.line}:{p.col}: ")
                assert p.col is not None and p.col >= 1


@pytest.mark.parametrize("case", [c for c in CASES if c.id[:2] not in ("11", "12")], ids=lambda c: c.id)
def test_bad_text_gives_the_same_problem(case: Case) -> None:
    """YAML given as text (cvgen.load(str), load_text) is held to the same rules as a file."""
    text = case.data.decode("utf-8")
    if "\n" not in text:  # a one-line string is taken as a file name by cvgen.load
        text += "\n"
    problems, _ = _problems_of(load_text, text, "cv.yaml")
    assert any(_matches(p, case) for p in problems), "\n".join(map(str, problems))
    problems, _ = _problems_of(cvgen.load, text)
    assert any(case.message in p.message for p in problems)


def test_raw_control_characters_in_text_are_refused_with_their_line() -> None:
    with pytest.raises(InputError) as info:
        load_text(PERSON + "summary: a\x0bb\n", "cv.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.message) == (3, "control character U+000B is not allowed in a YAML file")


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "02-billion-laughs")
    start = time.perf_counter()
    with pytest.raises(InputError, match="alias bomb"):
        load_text(case.data.decode())
    assert time.perf_counter() - start < 2


def test_aliases_that_stay_small_are_fine() -> None:
    cv = load_text(PERSON + "research_areas:\n  - label: A\n    topics: &t [x, y]\n  - label: B\n    topics: *t\n")
    assert [a.topics for a in cv.research_areas][0] == cv.research_areas[1].topics


def test_python_tag_executes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "PWNED"
    text = f"person: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(InputError, match="is not allowed"):
        load_text(text)
    assert not marker.exists()


def test_rendercv_include_tags_are_refused() -> None:
    """A real RenderCV file that splits itself with ``!include`` (BAD_INPUTS 5)."""
    path = FIXTURES / "real" / "rendercv" / "Marine_Denolle_CV_include_tags.yaml"
    with pytest.raises(InputError) as info:
        load_file(path)
    messages = [p.message for p in info.value.problems]
    assert any("YAML tag '!include' is not allowed" in m for m in messages)


@pytest.mark.parametrize("value", TRICKY_SCALARS)
def test_yaml_1_1_lookalikes_stay_text(value: str) -> None:
    """BAD_INPUTS 6: country NO, version 3.10, zip 01234, time 1:30, 1e3 are kept exactly as written."""
    text = (
        "person:\n"
        "  name: Ada Lovelace\n"
        f"  pronouns: {value}\n"
        f"  address: [{value}, {value}]\n"
        f"  affiliations: [{{location: {value}, department: {value}}}]\n"
        f"  phones: [{{number: {value}}}]\n"
        "publications:\n"
        f"  - {{title: T, authors: [A], date: 2020, volume: {value}, issue: {value}, pages: {value}}}\n"
        "talks:\n"
        f"  - {{title: T, event: E, date: 2020, location: {value}}}\n"
        "metrics:\n"
        f"  extra: [{{label: Score, value: {value}}}]\n"
        "teaching:\n"
        f"  - {{course: C, code: {value}, terms: [{value}]}}\n"
    )
    cv = load_text(text)
    person, pub = cv.person, cv.publications[0]
    seen = [
        person.pronouns, *person.address, person.affiliations[0].location, person.affiliations[0].department,
        person.phones[0].number, pub.volume, pub.issue, pub.pages, cv.talks[0].location,
        cv.metrics.extra[0].value, cv.teaching[0].code, *cv.teaching[0].terms,
    ]
    assert seen == [value] * len(seen)


def test_dates_and_numbers_written_as_yaml_scalars_are_typed_by_the_model() -> None:
    cv = load_text(PERSON + "metrics: {citations: 8509, as_of: 2024-07-16}\nsettings: {publications: {max_authors: 3}}\n")
    assert cv.metrics.citations == 8509
    assert str(cv.metrics.as_of) == "2024-07-16"
    assert cv.settings.publications.max_authors == 3


def test_null_spellings_leave_optional_fields_out() -> None:
    cv = load_text("person:\n  name: A\n  pronouns: ~\n  photo: null\nsummary:\n")
    assert cv.person.pronouns is None and cv.person.photo is None and cv.summary is None


def test_quoted_null_is_text() -> None:
    cv = load_text("person:\n  name: A\n  pronouns: 'null'\n")
    assert cv.person.pronouns == "null"


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = (
        "person:\n"
        "  name: ''\n"  # 2: empty
        "publicatons: []\n"  # 3: misspelt
        "honors:\n"
        "  - {title: Prize, date: 2024-13}\n"  # 5: bad date
    )
    with pytest.raises(InputError) as info:
        load_text(text, "cv.yaml")
    lines = str(info.value).splitlines()
    assert len(lines) == 3
    assert [p.line for p in info.value.problems] == [2, 3, 5]
    assert [p.path for p in info.value.problems] == ["person.name", "publicatons", "honors[0].date"]


def test_yaml_problems_and_model_problems_come_together() -> None:
    """A duplicate key does not hide the other mistakes in the file."""
    text = "person:\n  name: A\n  name: B\npublicatons: []\n"
    with pytest.raises(InputError) as info:
        load_text(text, "cv.yaml")
    assert [(p.line, p.path) for p in info.value.problems] == [(3, "person.name"), (4, "publicatons")]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + "person:\n  name: José Martí\n".encode())
    assert load_file(path).person.name == "José Martí"


def test_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"person:\r\n  name: Ada\r\nsummary: |\r\n  one\r\n  two\r\n")
    cv = load_file(path)
    assert cv.person.name == "Ada"
    from cvgen.model.markup import plain

    assert plain(cv.summary) == "one two"


def test_nfd_text_is_normalised_to_nfc() -> None:
    nfc = "Nguyễn Văn Ánh"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    a = load_text(f"person:\n  name: {nfc}\n  address: [{nfd}]\n")
    b = load_text(f"person:\n  name: {nfd}\n  address: [{nfc}]\n")
    assert a.person.name == b.person.name == nfc
    assert a.person.address == b.person.address == (nfc,)
    assert a == b


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    """BAD_INPUTS 16: a 50 MB file."""
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.write(PERSON.encode() + b"summary: ")
        f.write(b"x" * (50 * 1024 * 1024))
        f.write(b"\n")
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        load_file(path)
    assert time.perf_counter() - start < 1
    (problem,) = info.value.problems
    assert problem.file == str(path)
    assert "the limit is" in problem.message and "bytes" in problem.message


def test_ten_million_character_field_is_refused_before_parsing() -> None:
    """BAD_INPUTS 16: a 10-million-character field given as text is refused without parsing it."""
    text = PERSON + "summary: " + "x" * 10_000_000 + "\n"
    start = time.perf_counter()
    with pytest.raises(InputError, match="characters long; the limit is"):
        load_text(text)
    assert time.perf_counter() - start < 1


def test_long_field_under_the_file_limit_is_refused_by_the_field_limit() -> None:
    text = PERSON + "summary: " + "x" * 100_000 + "\n"
    with pytest.raises(InputError) as info:
        load_text(text, "cv.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.path) == (3, "summary")
    assert "100,000 characters long; the limit is 20,000" in problem.message
    assert len(str(problem)) < 300  # the offending value is shortened, not echoed


def test_decode_rejects_oversized_bytes() -> None:
    with pytest.raises(InputError, match="the limit is"):
        decode(b"x" * (MAX_FILE_BYTES + 1), "cv.yaml")


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_file(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_file(tmp_path)


def test_load_accepts_path_text_dict_and_cv(example_path: Path) -> None:
    from_path = load(example_path)
    assert load(str(example_path)) == from_path
    assert load(example_path.read_text(encoding="utf-8")) == from_path
    assert load(from_path) is from_path
    from_dict = load({"person": {"name": "Ada"}})
    assert isinstance(from_dict, CV) and from_dict.person.name == "Ada"
    with pytest.raises(TypeError, match="takes a path"):
        load(42)  # type: ignore[arg-type]


def test_dict_input_gets_path_but_no_line() -> None:
    with pytest.raises(InputError) as info:
        validate({"person": {"name": "Ada", "pronoun": "x"}})
    (problem,) = info.value.problems
    assert problem.line is None and problem.path == "person.pronoun"
    assert str(problem) == "<data>: person.pronoun: unknown field 'pronoun'; did you mean 'pronouns'?"


def test_load_cv_keeps_where_the_cv_came_from(tmp_path: Path) -> None:
    """The folder, file name and positions travel beside the CV (the model itself holds no hidden state)."""
    from cvgen.loader import load_cv

    path = tmp_path / "cv.yaml"
    path.write_text(PERSON, encoding="utf-8")
    loaded = load_cv(path)
    assert loaded.origin.base_dir == tmp_path.resolve() and loaded.origin.filename == str(path)
    assert loaded.origin.position("person", "name") == (2, 9)
    assert load_cv(PERSON).origin.base_dir is None
    assert not hasattr(loaded.cv, "__cvgen_base_dir__")
