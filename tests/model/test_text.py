"""Plain-text checks every field passes: NFC, control characters, bidi controls, length."""

from __future__ import annotations

import unicodedata

import pytest

from cvgen.model.text import MAX_FIELD_CHARS, clean_text


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters_are_refused(ch: str) -> None:
    with pytest.raises(ValueError, match=f"control character U\\+{ord(ch):04X}"):
        clean_text(f"a{ch}b")


def test_tab_and_newline_are_allowed() -> None:
    assert clean_text("a\tb\nc") == "a\tb\nc"


@pytest.mark.parametrize("ch", ["\ud800", "\udfff"])
def test_lone_surrogates_are_refused(ch: str) -> None:
    with pytest.raises(ValueError, match="lone surrogate"):
        clean_text(f"a{ch}")


@pytest.mark.parametrize("ch", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff"])
def test_non_characters_are_refused(ch: str) -> None:
    with pytest.raises(ValueError, match="non-character"):
        clean_text(f"a{ch}")


@pytest.mark.parametrize("ch", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"])
def test_bidi_controls_are_refused(ch: str) -> None:
    with pytest.raises(ValueError, match="bidirectional control"):
        clean_text(f"Ada{ch}Lovelace")


@pytest.mark.parametrize(
    "value",
    ["李华", "山田太郎", "김민준", "محمد عبد الله", "Nguyễn Văn Ánh", "Zoë Ωmega", "🎓 Ada", "x\u200dy", "a\u00a0b"],
)
def test_real_world_text_is_kept(value: str) -> None:
    assert clean_text(value) == unicodedata.normalize("NFC", value)


def test_nfd_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "José Müller")
    assert clean_text(nfd) == "José Müller"
    assert len(clean_text(nfd)) < len(nfd)


def test_length_limit() -> None:
    assert clean_text("x" * MAX_FIELD_CHARS) == "x" * MAX_FIELD_CHARS
    with pytest.raises(ValueError, match="the limit is"):
        clean_text("x" * (MAX_FIELD_CHARS + 1))


def test_the_one_search_finds_exactly_the_characters_text_may_not_hold() -> None:
    """clean_text searches for any refused character at once; the set is Unicode's own definitions:
    C0 controls but tab and line feed, DEL and C1, surrogates, the 66 noncharacters and the bidi
    controls (embeddings, overrides, isolates, marks)."""
    from cvgen.model.text import _REFUSED

    controls = {*range(0x00, 0x20), *range(0x7F, 0xA0)} - {0x09, 0x0A}
    surrogates = set(range(0xD800, 0xE000))
    noncharacters = {*range(0xFDD0, 0xFDF0), *(p << 16 | low for p in range(17) for low in (0xFFFE, 0xFFFF))}
    bidi = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C}
    assert len(noncharacters) == 66
    refused = {cp for cp in range(0x110000) if _REFUSED.match(chr(cp))}
    assert refused == controls | surrogates | noncharacters | bidi
