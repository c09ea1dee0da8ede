"""docs/security.md, hardening II block: every row I1… names tests, and every named test exists."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "security.md"


def io_rows() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(I\d+)\s*\|", line)
        if m:
            out[m.group(1)] = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", line)
    return out


def test_every_row_names_a_test_and_each_exists() -> None:
    rows = io_rows()
    assert sorted(rows, key=lambda r: int(r[1:])) == [f"I{i}" for i in range(1, 19)]
    for row, tests in rows.items():
        assert tests, f"row {row} names no test"
        for path, name in tests:
            source = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^\s*def {name}\(", source, re.M), f"row {row}: {path}::{name} does not exist"


def test_every_limit_in_the_table_is_the_value_in_the_code() -> None:
    from cvgen.interop import bibtex_limits, json_reader
    from cvgen.loader import limits, strict_yaml
    from cvgen.model import markup

    text = DOC.read_text(encoding="utf-8")
    for value in (strict_yaml.MAX_DEPTH, strict_yaml.MAX_NODES, json_reader.MAX_NUMBER_CHARS, bibtex_limits.MAX_BIB_CHARS,
                  bibtex_limits.MAX_BIB_ENTRIES, bibtex_limits.MAX_BIB_FIELD_CHARS, bibtex_limits.MAX_DECODE_CHARS,
                  limits.MAX_LIST_ITEMS, limits.MAX_AUTHORS, limits.MAX_TOTAL_AUTHORS, markup.MAX_MARKUP_DEPTH):
        assert f"{value:,}" in text, value
