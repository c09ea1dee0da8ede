"""Typst escaping: any user text becomes a string literal that denotes exactly that text.

Checked through the real Typst compiler: the literal's value read back with ``typst.query`` is the
input (exactly, after the documented control-character clean-up), and markup made with
:func:`markup` compiles to a PDF whose text (pdftotext) is the input, whatever Typst syntax it holds.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
import typst  # the dev install includes the Typst engine (pyproject: dev extra)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cvgen.backends.typst_escape import escape_string, literal, markup
from tests.conftest import require_program

HOSTILE = [
    '#read("/etc/passwd")',
    '#import "@preview/cetz:0.2.0"',
    '#include "/etc/passwd"',
    '#eval("1 + 1")',
    '#eval("#read(\\"/etc/hostname\\")", mode: "markup")',
    "$x^2$ and $$",
    "@ref <label> <x>",
    "// not a comment",
    "/* not a comment */",
    "]",
    "[",
    "\\",
    "\\\\",
    '"',
    '\\"',
    '")#read("/etc/passwd")//',
    "`raw` ```py x```",
    "*bold* _emph_ ~ --- -- ...",
    "= Heading",
    "- list\n+ enum\n/ term: x",
    "#let x = 1; #x",
    "#{ panic() }",
    "#set page(width: 1pt)",
    "#show: x => []",
    "\\u{41} \\n \\t",
    "line\nbreak\r\nand\ttab\u2028sep\u2029par",
    "ctrl\x00\x07\x1b\x7f\x85\x9f chars",
    "Nguyễn Văn Đức · Ελληνικά · Кириллица · 刘思佳 · 한국어 · ひらがな",
]



def query_values(strings: list[str]) -> list[str]:
    """The values Typst gives the literals of ``strings`` (one compile for all of them)."""
    array = "(" + "".join(f"{literal(s)}, " for s in strings) + ")"
    # No fonts needed to evaluate a literal: skipping the system font scan keeps this fast.
    out = typst.query(f"#metadata({array}) <v>".encode(), "<v>", field="value", one=True, ignore_system_fonts=True)
    return json.loads(out)


def cleaned(s: str) -> str:
    """What the escaper promises to keep: line breaks and tabs as spaces (a run of them one space,
    even with invisible control characters between them: the rule of cvgen.chars.one_line), control
    characters dropped."""
    controls = "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
    breaks = "[\t\n\x0b\x0c\r\x85\u2028\u2029]"
    s = re.sub(f"{breaks}(?:{controls}*{breaks})*", " ", s)
    return re.sub(controls, "", s)


def pdf_text(body: str) -> str:
    """Compile ``body`` (Typst markup) in a sealed temporary root and read the PDF's text back."""
    exe = require_program("pdftotext")
    source = '#set page(width: auto, height: auto, margin: 5mm)\n#set text(font: ("DejaVu Sans", "Noto Sans CJK SC"), cjk-latin-spacing: none)\n' + body
    with tempfile.TemporaryDirectory() as tmp:
        main = Path(tmp) / "t.typ"
        main.write_text(source, encoding="utf-8")
        pdf = typst.compile(str(main), root=tmp, format="pdf")
        (Path(tmp) / "t.pdf").write_bytes(pdf)
        out = subprocess.run([exe, "-enc", "UTF-8", "-raw", str(Path(tmp) / "t.pdf"), "-"],
                             capture_output=True, text=True, check=True, timeout=60).stdout
    return out


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def test_escape_only_doubles_backslashes_and_escapes_quotes() -> None:
    assert escape_string('a\\b"c') == 'a\\\\b\\"c'
    assert literal("x") == '"x"'
    assert markup("x") == '#"x";'
    assert markup("") == ""
    for s in HOSTILE:
        inner = escape_string(s)
        # Every quote inside is escaped: the literal cannot end early.
        assert re.search(r'(?<!\\)(?:\\\\)*"', inner) is None


def test_hostile_literals_have_exactly_their_value() -> None:
    values = query_values(HOSTILE)
    assert values == [cleaned(s) for s in HOSTILE]
    assert values[HOSTILE.index("line\nbreak\r\nand\ttab\u2028sep\u2029par")] == "line break and tab sep par"
    assert values[HOSTILE.index("ctrl\x00\x07\x1b\x7f\x85\x9f chars")] == "ctrl  chars"


def test_hostile_markup_prints_literally() -> None:
    marker = "ENDMARK"
    body = "\n\n".join(f"{markup(s)}{marker}" for s in HOSTILE)
    text = pdf_text(body)
    for s in HOSTILE:
        expected = squash(cleaned(s))
        assert f"{expected}{marker}" in squash(text).replace(f"{marker} ", f"{marker}"), s
    assert "root:" not in text  # nothing of /etc/passwd was read


def test_markup_ends_the_expression_whatever_follows() -> None:
    # A method call, a call and a content argument right after the text stay text.
    text = pdf_text(f'{markup("ab")}.len() {markup("cd")}("x") {markup("ef")}[gh]')
    assert squash(text) == 'ab.len() cd(“x”) ef[gh]' or squash(text) == 'ab.len() cd("x") ef[gh]'


_SPECIALS = "#$@<>[]{}()\\\"'`*_=-+/~.;:,^&%!?|"
_UNICODE = "éèçñßøÅĐđễệờạ€–—“”‘’…·αβΓΩжЩя漢字刘思佳한"
TEXT = st.text(alphabet=st.sampled_from(list(_SPECIALS + _UNICODE + "abcXYZ019 \n\t\x00\x1b")), max_size=40)
WORDS = st.sampled_from(['#read("/etc/passwd")', "#import", "#include", '#eval("1")', "<label>", "//", "/*", "*/", "]", "\\", "$"])
HOSTILE_TEXT = st.lists(st.one_of(TEXT, WORDS), max_size=6).map("".join)
EXAMPLES = int(os.environ.get("CVGEN_HYPOTHESIS_EXAMPLES", "40"))


@settings(max_examples=EXAMPLES * 5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=8))
@example(["\n\x00\n"])  # found by a run: the reference had counted two spaces
def test_any_text_round_trips_through_a_literal(strings: list[str]) -> None:
    assert query_values(strings) == [cleaned(s) for s in strings]


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT.filter(lambda s: s.strip()))
def test_any_text_compiles_and_prints_exactly(s: str) -> None:
    text = pdf_text(markup(s))
    assert squash(text) == squash(cleaned(s))
