"""The strict event-based YAML reader: plain strings, positions for every path, problems collected."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvgen.loader import strict_yaml
from cvgen.loader.strict_yaml import MAX_DEPTH, MAX_NODES, path_str, read
from tests.loader.cases import billion_laughs


def test_scalars_stay_strings_and_nulls_become_none() -> None:
    doc = read("a: NO\nb: 3.10\nc: 2024-01-02\nd: ~\ne:\nf: ''\ng: 'null'\nh: true\n")
    assert doc.problems == []
    assert doc.value == {"a": "NO", "b": "3.10", "c": "2024-01-02", "d": None, "e": None, "f": "", "g": "null", "h": "true"}


def test_positions_are_recorded_for_every_path() -> None:
    doc = read("person:\n  name: Ada\nlist:\n  - x\n  - {k: v}\n")
    assert doc.positions[("person",)] == (2, 3)
    assert doc.positions[("person", "name")] == (2, 9)
    assert doc.positions[("list", 0)] == (4, 5)
    assert doc.positions[("list", 1, "k")] == (5, 9)
    assert doc.key_positions[("person", "name")] == (2, 3)


def test_block_scalars_keep_their_text() -> None:
    doc = read("a: |\n  one\n  two\nb: >-\n  folded\n  line\n")
    assert doc.value == {"a": "one\ntwo\n", "b": "folded line"}


def test_duplicate_keys_are_all_reported_and_first_value_kept() -> None:
    doc = read("a: 1\nb: 2\na: 3\na: 4\n")
    assert [p[:2] for p in doc.problems] == [(3, 1), (4, 1)]
    assert all("first defined at line 1" in p[3] for p in doc.problems)
    assert doc.value == {"a": "1", "b": "2"}


def test_null_and_tilde_keys_are_the_same_duplicate() -> None:
    doc = read("~: 1\nnull: 2\n")
    assert len(doc.problems) == 1 and "duplicate key 'null'" in doc.problems[0][3]


def test_alias_bomb_stops_at_the_node_budget() -> None:
    doc = read(billion_laughs())
    assert doc.value is None
    assert len(doc.problems) == 1 and f"more than {MAX_NODES:,}" in doc.problems[0][3]


def test_wide_but_legal_document_is_read() -> None:
    items = "\n".join(f"  - item {i}" for i in range(5000))
    doc = read("xs:\n" + items + "\n")
    assert doc.problems == [] and len(doc.value["xs"]) == 5000


def test_depth_limit_is_exact() -> None:
    ok = read("[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))
    assert ok.problems == []
    too_deep = read("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert len(too_deep.problems) == 1 and "too deeply nested" in too_deep.problems[0][3]


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "a: &x {b: *x}\n", "a: &x [1, [2, *x]]\n"])
def test_recursive_aliases_are_refused(text: str) -> None:
    doc = read(text)
    assert doc.value is None and "recursive alias" in doc.problems[0][3]


def test_unknown_alias_is_a_problem_not_an_exception() -> None:
    doc = read("a: *nope\n")
    assert doc.problems and doc.problems[0][0] == 1


def test_alias_used_as_key_is_refused() -> None:
    doc = read("a: &k x\n*k : y\n")
    assert any("alias cannot be used as a mapping key" in p[3] for p in doc.problems)


@pytest.mark.parametrize("text", ["[]: r\n", "{a: b}: r\n", "? [1, 2]\n: r\n"])
def test_collection_keys_are_refused(text: str) -> None:
    doc = read(text)
    assert any("mapping key must be plain text" in p[3] for p in doc.problems)


def test_syntax_error_is_located() -> None:
    doc = read("a: [1, 2\nb: c\n")
    assert len(doc.problems) == 1
    line, col, _path, message = doc.problems[0]
    assert message.startswith("YAML syntax error") and line is not None and col is not None


def test_tab_indentation_is_a_syntax_error() -> None:
    doc = read("a:\n\tb: c\n")
    assert doc.problems and doc.problems[0][3].startswith("YAML syntax error")
    assert doc.problems[0][0] == 2


def test_second_document_is_refused() -> None:
    doc = read("a: 1\n---\nb: 2\n")
    assert any("second YAML document" in p[3] for p in doc.problems)


def test_explicit_document_markers_alone_are_fine() -> None:
    doc = read("---\na: 1\n...\n")
    assert doc.problems == [] and doc.value == {"a": "1"}


def test_path_str() -> None:
    assert path_str(()) == ""
    assert path_str(("publications", 3, "authors", 0)) == "publications[3].authors[0]"


# --- the C parser (libyaml) and the Python one read alike ------------------------------------------

_REAL_FILES = sorted(
    p for pattern in ("examples/**/*.yaml", "tests/fixtures/**/*.yaml", "tests/fixtures/**/*.yml")
    for p in Path(__file__).resolve().parents[2].glob(pattern)
)


@pytest.mark.skipif(strict_yaml._FAST_LOADER is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", _REAL_FILES, ids=lambda p: p.name)
def test_fast_parser_reads_every_real_file_like_the_python_one(path: Path) -> None:
    """Same values, positions and problems: libyaml only makes reading faster."""
    text = path.read_text(encoding="utf-8")
    assert strict_yaml.read(text) == strict_yaml._read(text)


@pytest.mark.parametrize("text", ["a: [1, 2\nb: 3\n", "a: b: c\n", "a:\n\t- x\n", "a: 'x\n"])
def test_a_document_libyaml_refuses_gets_pyyaml_s_message(text: str) -> None:
    doc = strict_yaml.read(text)
    assert doc.problems and doc.problems == strict_yaml._read(text).problems


def test_a_byte_order_mark_inside_a_value_is_kept_as_before() -> None:
    text = "k: v\ufeffw\n"  # PyYAML keeps it; so must the fast path
    assert strict_yaml.read(text).value == {"k": "v\ufeffw"} and not strict_yaml.read(text).problems


def test_the_message_is_pyyaml_s_wording() -> None:
    # PyYAML: "mapping values are not allowed here"; libyaml would say "... in this context".
    (line, col, _, message), = strict_yaml.read("a: b: c\n").problems
    assert (line, col) == (1, 5) and message == "YAML syntax error: mapping values are not allowed here"
