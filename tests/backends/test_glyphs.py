"""Which characters no installed font has: looked up only for the characters a CV uses."""

from __future__ import annotations

import subprocess

import pytest

from cvgen.backends import glyphs


def _fc_list_has(code: int) -> bool:
    """fontconfig's own answer, independent of cvgen's parsing: is there a font with this character?"""
    out = subprocess.run(["fc-list", f":charset={code:x}", "family"], capture_output=True, text=True, check=True)
    return bool(out.stdout.strip())


def test_the_answer_matches_fontconfig_s_own_query() -> None:
    text = "Zoë – Łódź ✉ † 刘思佳 \U0001f9ec \u0c85"
    expected = [ch for ch in sorted(set(text)) if ord(ch) > 0x7F and ch != " " and not _fc_list_has(ord(ch))]
    assert glyphs.missing_glyphs(text) == expected


def test_ascii_text_asks_fontconfig_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fontconfig() -> None:
        raise AssertionError("fc-list was consulted")

    monkeypatch.setattr(glyphs, "_charsets", no_fontconfig)
    assert glyphs.missing_glyphs("Plain ASCII CV, 2024 - (c) Ada\n\t") == []


def test_found_characters_are_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    assert glyphs.missing_glyphs("é") == []  # found once …
    monkeypatch.setattr(glyphs, "_charsets", lambda: [])  # … then no font list is needed for it
    assert glyphs.missing_glyphs("é") == []
