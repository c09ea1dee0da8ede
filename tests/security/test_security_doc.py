"""docs/security.md: every BAD_INPUTS case has a row, and every test a row names exists.

(That each named test passes is the job of the suite itself.)
"""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = ROOT / "docs" / "security.md"


def rows() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(\d+(?:[–.]\d+)?)\s*\|", line)
        if m:
            out[m.group(1)] = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", line)
    return out


def test_every_case_has_a_row_with_a_test() -> None:
    table = rows()
    for case in range(1, 43):
        assert table.get(str(case)), f"case {case} has no row or no test in docs/security.md"


def test_every_hardening_case_has_a_row_with_a_test() -> None:
    """Issue 14's cases (14.1–14.7) each name the tests that reproduce them."""
    table = rows()
    for case in range(1, 8):
        assert table.get(f"14.{case}"), f"hardening case 14.{case} has no row or no test in docs/security.md"


def test_every_named_test_exists() -> None:
    for case, tests in rows().items():
        for path, name in tests:
            source = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^\s*def {name}\(", source, re.M), f"case {case}: {path}::{name} does not exist"
