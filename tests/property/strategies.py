r"""Hypothesis strategies for random *valid* CVs whose text the installed fonts can draw.

Text mixes Latin with Vietnamese diacritics, Greek, Cyrillic and CJK with the special characters of
BAD_INPUTS 17 and the markup-like words of case 21, so every example is also a small attack on
each backend's escaping. ``[`` is left out of random text: ``[x](y)`` would be a link, and a link
with a random target is (rightly) refused by the loader, which the loader's own tests cover.

Emoji and pictographs are those a font the setup installs can draw in every engine (DejaVu Sans,
which XeLaTeX's ``\cvfb`` fallback and Typst reach too): 😀 and friends, not 🎓 (no installed
font shared by all engines has it, and cvgen rightly refuses to compile empty boxes). Long words
(41 to 300 characters, no space: a gene, a URL-like token, BAD_INPUTS 37) must wrap inside the page.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éèüöäßçñøåÆŒ"
VIETNAMESE = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ"
GREEK = "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΘΛΞΠΣΦΨΩάέήίόύώ"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЖЗИЙКЛМНПРСТФЦЧШЩЭЮЯё"
CJK = "刘思佳山田太郎김민준中文字研究学习東京大学数据机器"
SPECIAL = "&%$#_{}~^\\<>|\"'-`*/.,;:!?()=+@"
WORDS = ["C++ and C#", "*nix", "snake_case_name", "2*3*4", "--", "```", "<script>alert(1)</script>",
         "\\input{/etc/hostname}", "^^5c", "</style>", "&amp;", "{{ x }}", "{% x %}", "$x$", "~user"]

EMOJI = "😀😂😇😊😍😎🙃🐱🐵🌕☀☕☺★♥♻⚡✈✉✌"
"""Pictographs every PDF engine draws with the installed fonts (DejaVu Sans has them all)."""

_char = st.sampled_from(LATIN + VIETNAMESE + GREEK + CYRILLIC + CJK + SPECIAL + EMOJI + "  ")
_long_word = st.one_of(
    st.text(st.sampled_from(LATIN + VIETNAMESE + GREEK + CYRILLIC), min_size=41, max_size=300),
    st.integers(11, 75).map(lambda n: "ACGT" * n),
)
"""Longer than cvgen.chars.LONG_WORD (40): the width where each engine must wrap a word it cannot break."""
_short_word = st.one_of(st.text(_char, min_size=1, max_size=12), st.sampled_from(WORDS))
_word = st.integers(0, 9).flatmap(lambda n: _long_word if n == 9 else _short_word)
"""About one word in ten is long (a shrunk example keeps short words: integers shrink to 0)."""


@st.composite
def phrase(draw: st.DrawFn, max_words: int = 6) -> str:
    """Words joined by single spaces, never empty after stripping."""
    words = draw(st.lists(_word, min_size=1, max_size=max_words))
    text = " ".join(words).strip()
    return text if text else "x"


_letters = st.sampled_from(LATIN[:52] + VIETNAMESE + GREEK + CYRILLIC + CJK)


@st.composite
def person_name(draw: st.DrawFn) -> str:
    """A name of two or three parts: letters only, so no author marker (†, *) is read from it."""
    parts = draw(st.lists(st.text(_letters, min_size=1, max_size=8), min_size=2, max_size=3))
    return " ".join(parts)


@st.composite
def cvs(draw: st.DrawFn) -> dict[str, Any]:
    """A valid CV as plain data: header, summary, publications, honours, talks and a custom section."""
    owner = draw(person_name())
    pubs = [
        {"title": draw(phrase()), "authors": [owner, *draw(st.lists(person_name(), max_size=3))],
         "venue": draw(phrase(4)), "date": draw(st.integers(1990, 2030))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    data: dict[str, Any] = {
        "person": {"name": owner, "affiliations": [{"title": draw(phrase(3)), "institution": draw(phrase(3))}]},
        "publications": pubs,
        "honors": [{"title": draw(phrase()), "date": draw(st.integers(1990, 2030)), "description": draw(phrase())}
                   for _ in range(draw(st.integers(0, 2)))],
        "talks": [{"title": draw(phrase()), "event": draw(phrase(3)), "date": draw(st.integers(1990, 2030))}
                  for _ in range(draw(st.integers(0, 2)))],
    }
    if draw(st.booleans()):
        data["summary"] = draw(phrase(10))
    if draw(st.booleans()):
        data["custom_sections"] = [{"key": "extra", "title": "Extra", "entries": [
            {"title": draw(phrase()), "details": [draw(phrase())]}]}]
    return data
