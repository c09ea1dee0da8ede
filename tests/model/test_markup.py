"""Inline markup: **bold**, *italic* and [links](https://…) parse; everything else stays literal (BAD_INPUTS 21)."""

from __future__ import annotations

import pytest

from cvgen.model.markup import Emph, Link, Strong, Text, parse_markup, plain, text, to_markdown


def test_bold_italic_and_link_parse() -> None:
    assert parse_markup("**bold**") == (Strong((Text("bold"),)),)
    assert parse_markup("*it*") == (Emph((Text("it"),)),)
    assert parse_markup("_it_") == (Emph((Text("it"),)),)
    assert parse_markup("[l](https://x)") == (Link("https://x", (Text("l"),)),)


def test_mixed_markup_keeps_the_surrounding_text() -> None:
    nodes = parse_markup("Five papers in *Trustworthy ML*, see [my site](https://example.org/a_b?x=1&y=2).")
    assert nodes == (
        Text("Five papers in "),
        Emph((Text("Trustworthy ML"),)),
        Text(", see "),
        Link("https://example.org/a_b?x=1&y=2", (Text("my site"),)),
        Text("."),
    )
    assert plain(nodes) == "Five papers in Trustworthy ML, see my site."


def test_nested_markup() -> None:
    assert parse_markup("**bold *and it***") == (Strong((Text("bold "), Emph((Text("and it"),)))),)
    assert parse_markup("[**b**](https://x)") == (Link("https://x", (Strong((Text("b"),)),)),)


LITERAL = [
    "C++ and C#", "*nix", "snake_case_name", "2*3*4", "<script>alert(1)</script>", "\\input{x}", "\\\\",
    "\\write18{id}", "^^5cinput", "a * b * c", "x ** y", "$x$", "&amp; &lt;b&gt;", "`code`", "# heading",
    "> quote", "- item", "1. item", "<https://x>", "[x]", "see [1]", "__init__", "a __b__ c", "x___y",
    "***", "*a*b", "% # _ & ~ ^ { } | \" ' --", "100%", "`` ``` ``", "\\*not markup\\*", "[x] (https://x)",
    "![alt](https://x/y.png", "C:\\Users\\me", "~/.bashrc", "<!-- -->", "&#x41;", "&nbsp;",
]


@pytest.mark.parametrize("source", LITERAL)
def test_non_markup_stays_literal_text(source: str) -> None:
    nodes = parse_markup(source)
    assert all(isinstance(n, Text) for n in nodes), nodes
    assert plain(nodes) == source


def test_blank_lines_become_spaces() -> None:
    assert parse_markup("a title\n\nwith a blank line") == (Text("a title with a blank line"),)
    assert parse_markup("**a**\n\nb") == (Strong((Text("a"),)), Text(" b"))


def test_underscores_inside_link_text_and_urls_survive() -> None:
    nodes = parse_markup("[a_b__c](https://x.org/a__b_c)")
    assert nodes == (Link("https://x.org/a__b_c", (Text("a_b__c"),)),)


def test_urls_keep_special_characters_unencoded() -> None:
    url = "https://doi.org/10.1000/a%20b#c_d~e;f&g"
    assert parse_markup(f"[doi]({url})") == (Link(url, (Text("doi"),)),)


def test_wikipedia_style_parentheses_in_urls() -> None:
    url = "https://en.wikipedia.org/wiki/Foo_(bar)"
    assert parse_markup(f"[x]({url})") == (Link(url, (Text("x"),)),)


@pytest.mark.parametrize(
    "source",
    ["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](<javascript:alert(1)>)", "[x](vbscript:x)",
     "[x](data:text/html,hi)", "[x](file:///etc/passwd)", "[x](relative/path)", "[x](#fragment)"],
)
def test_bad_inline_links_raise(source: str) -> None:
    with pytest.raises(ValueError):
        parse_markup(source)


@pytest.mark.parametrize(
    "source",
    ["**bold** and *it*", "[a](https://x) and [b](mailto:y@z.org)", "C++ and *C#*", "2*3*4 and **x**",
     "snake_case_name *in italics*", "\\input{x} **bold**", "__init__ and **bold**"],
)
def test_markdown_round_trip(source: str) -> None:
    nodes = parse_markup(source)
    assert parse_markup(to_markdown(nodes)) == nodes


def test_text_helper_and_plain() -> None:
    assert text("") == ()
    assert text("**not parsed**") == (Text("**not parsed**"),)
    assert plain((Strong((Text("a"),), role="owner"), Text(" b"))) == "a b"


# The shortcut for plain *x* / **x x** spans (cvgen.model.markup._simple_emphasis) must give exactly
# what markdown-it gives; markdown-it's own parse of the protected text is the independent reference.
def _by_markdown_it(source: str):
    from cvgen.model.markup import _convert, _merge, _parser, _protect

    out: list = []
    for i, tok in enumerate(t for t in _parser().parse(_protect(source)) if t.type == "inline"):
        out += ([Text(" ")] if i else []) + _convert(tok.children or [])
    return _merge(tuple(out))


SHORTCUT_CASES = [
    "**CSRanking** score", "Five Representative Publications in *Trustworthy ML*", "Authors in **bold** are group members",
    "{marker} denotes student authors **under my supervision**", "{source} ({citations} as of {as_of}).",
    "*a*", "**a**", "*a* and **b c**.", "(*a*)", "x *a*, y **b**; z *c*: w", "***a***", "**a*", "*a**", "a*b*c",
    "2*3*4", "*a *b* c*", "* a*", "*a *", "** a**", "*a*b", "a*b* c", "*a*.x", "__init__", "_a_", "a_b_c", "*a_b*",
    "*a\u00a0b*", " *a*", "*a* ", "*a*\tb", "*é*", "*1*", "(**x**)", "**a** **b**", "***", "*", "**",
]


@pytest.mark.parametrize("source", SHORTCUT_CASES)
def test_emphasis_shortcut_equals_markdown_it(source: str) -> None:
    from cvgen.model.markup import _simple_emphasis

    shortcut = _simple_emphasis(source)
    assert shortcut is None or shortcut == _by_markdown_it(source)
    assert parse_markup(source) == _by_markdown_it(source)


def test_emphasis_shortcut_takes_the_common_cases() -> None:
    """Not vacuous: the spans the example and the legend defaults use go through the shortcut."""
    from cvgen.model.markup import _simple_emphasis

    assert _simple_emphasis("**CSRanking** score") == (Strong((Text("CSRanking"),)), Text(" score"))
    assert _simple_emphasis("in *Trustworthy ML*") == (Text("in "), Emph((Text("Trustworthy ML"),)))
    assert _simple_emphasis("***a***") is None and _simple_emphasis("[l](https://x)") is None


def test_emphasis_shortcut_equals_markdown_it_on_generated_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cvgen.model.markup import _simple_emphasis

    pieces = st.sampled_from(["*", "**", "***", "_", "a", "B", "7", " ", "  ", ".", ",", ";", ":", "(", ")", "!",
                              "é", "\u00a0", "\t", "-", "x y", "&", "<b>", "`", "{k}", "'", '"', "\\"])
    # Sentences made of words and well-formed spans, so the shortcut's own cases are generated often too.
    words = st.sampled_from(["Ada", "ML", "2024", "a_b", "*Trust ML*", "**bold**", "(*x*)", "*y*,", "**z 1**.", "*", "é"])
    sentences = st.lists(words, min_size=1, max_size=6).map(" ".join)
    taken = []

    @settings(max_examples=3000, deadline=None, database=None, derandomize=True)
    @given(st.one_of(st.lists(pieces, min_size=1, max_size=12).map("".join), sentences))
    def check(source: str) -> None:
        shortcut = _simple_emphasis(source)
        if shortcut is not None:
            taken.append(source)
            assert shortcut == _by_markdown_it(source), source

    check()
    assert len(taken) > 100  # the generator does reach the shortcut
    assert sum("*" in source for source in taken) > 100  # and with emphasis spans, not only plain text
