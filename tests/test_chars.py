"""The shared character tables: one clean-up rule for every typesetting format."""

from __future__ import annotations

from cvgen.backends.tex_escape import escape
from cvgen.backends.typst_escape import escape_string
from cvgen.chars import XML_FORBIDDEN, YAML_NON_PRINTABLE, escape_tex_specials, one_line


def test_line_breaks_become_one_space_and_controls_vanish() -> None:
    # Unicode lists NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks (UAX #14 BK/NL).
    assert one_line("a\r\n\tb\x85c\u2028d\u2029e") == "a b c d e"
    assert one_line("a\x00b\x7fc\ufeffd") == "abcd"
    assert one_line("x y\nz", "") == "x yz"


def test_latex_and_typst_clean_text_the_same_way() -> None:
    text = "Liu\x85Chen\x01 Wang"
    assert escape(text) == "Liu Chen Wang"
    assert escape_string(text) == "Liu Chen Wang"


def test_xml_and_yaml_tables_match_their_specs() -> None:
    # XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    assert [c for c in "\x08\x09\x0a\x0b\x0d\ufffe" if XML_FORBIDDEN.search(c)] == ["\x08", "\x0b", "\ufffe"]
    # YAML 1.2 §5.1 c-printable allows NEL and everything from U+00A0 but not the other C1 controls.
    assert [c for c in "\x85\x86\xa0\x7f" if YAML_NON_PRINTABLE.search(c)] == ["\x86", "\x7f"]


def test_the_yaml_table_is_exactly_the_complement_of_c_printable() -> None:
    """Every code point: refused exactly when YAML's c-printable does not allow it (x9, xA, xD,
    x20-x7E, x85, xA0-xD7FF, xE000-xFFFD, x10000-x10FFFF)."""
    allowed = [(0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x7E), (0x85, 0x85), (0xA0, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF)]
    refused = {cp for cp in range(0x110000) if YAML_NON_PRINTABLE.match(chr(cp))}
    assert refused == {cp for cp in range(0x110000) if not any(lo <= cp <= hi for lo, hi in allowed)}


def test_bibtex_and_latex_escape_the_special_characters_alike() -> None:
    assert escape_tex_specials(r"50% & $5 #1 a_b {x} ~^\\") == (
        r"50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{}\textasciicircum{}\textbackslash{}\textbackslash{}"
    )
    assert escape("50% & $5") == r"50\% \& \$5"


def test_line_breaks_around_an_invisible_character_are_one_break() -> None:
    """'\\n\\x1f\\r' is one line break with an invisible control inside: one space, not two.

    Found by the LaTeX escaper's property test after the writers' tables were merged.
    """
    assert one_line("a\n\x1f\rb") == "a b"
    assert one_line("a\r\n\ufeff\nb") == "a b"
