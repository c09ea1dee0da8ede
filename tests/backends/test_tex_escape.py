"""The one LaTeX escaping module: every user string prints literally and can run nothing.

Besides examples, a property test decodes the escaped text with a reader that understands only the
harmless constructs :func:`escape` may emit; anything else (a stray backslash, brace, ``^``, ``%``…)
fails the decode, and the decoded text must equal the input.
"""

from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import unquote

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cvgen.backends.tex_escape import SAFE_MACROS, escape, escape_url

EXAMPLES = int(os.environ.get("CVGEN_HYPOTHESIS_EXAMPLES", "200"))

# What each safe command prints; control symbols print their character.
PRINTS = {
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textless": "<", "textgreater": ">",
    "textbar": "|", "textquotedbl": '"', "textasciigrave": "`", "allowbreak": "", "cvfffd": "\ufffd",
    "cvopen": "(", "cvclose": ")",  # parentheses of right-to-left text, mirrored by the preamble for XeTeX
}
CONTROL_SYMBOLS = set("{}$&%#_,")
THIN_SPACE = "\u2009"
"""``\\,`` prints a thin space: the escaper's form of U+2009 and U+202F (the fonts lack both)."""
# Characters that must never appear bare in escaped text (TeX syntax or T1/TeX-ligature surprises).
NEVER_BARE = set("\\{}$&%#_~^<>|\"`\n\r\t")


class Unsafe(AssertionError):
    pass


def decode(tex: str) -> str:  # noqa: C901 - one branch per escape form, read in one place
    """Read escaped text back, accepting only what escape() is allowed to produce."""
    out: list[str] = []
    groups: list[str] = []
    i = 0
    while i < len(tex):
        ch = tex[i]
        if ch == "\\":
            m = re.match(r"\\([A-Za-z]+)", tex[i:])
            if m:
                name = m.group(1)
                if name not in SAFE_MACROS:
                    raise Unsafe(f"command \\{name} at {i}")
                i += m.end()
                if name in ("cvcjk", "cvalt", "cvfb", "cvarab", "cvhebr", "cvdeva", "cvltr"):
                    if tex[i : i + 1] != "{":
                        raise Unsafe(f"\\{name} without argument")
                    groups.append(name)
                    i += 1
                else:
                    if tex[i : i + 2] != "{}":
                        raise Unsafe(f"\\{name} not closed by {{}}")
                    out.append(PRINTS[name])
                    i += 2
                continue
            sym = tex[i + 1 : i + 2]
            if sym not in CONTROL_SYMBOLS:
                raise Unsafe(f"control symbol \\{sym!r}")
            out.append(THIN_SPACE if sym == "," else sym)
            i += 2
        elif tex.startswith(("{[}", "{]}"), i):
            out.append(tex[i + 1])
            i += 3
        elif tex.startswith("{}", i):
            i += 2
        elif ch == "}":
            if not groups:
                raise Unsafe(f"unbalanced }} at {i}")
            groups.pop()
            i += 1
        elif ch in NEVER_BARE:
            raise Unsafe(f"bare {ch!r} at {i}")
        else:
            out.append(ch)
            i += 1
    if groups:
        raise Unsafe("unclosed group")
    text = "".join(out)
    for lig in ("--", ",,", "''", "<<", ">>", "!`", "?`"):
        if lig in tex.replace("{}", "\0"):
            raise Unsafe(f"TeX ligature {lig!r} left in {tex!r}")
    return text


def expected(s: str) -> str:
    """What the reader should see: NFC, control characters dropped, any run of line breaks a space.

    NEL (U+0085) is a C1 control but also a line break (Unicode line-break class NL), so it
    separates words like a newline does.
    """
    s = unicodedata.normalize("NFC", s)
    s = re.sub("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff\u200e\u200f\u061c]", "", s)
    return re.sub("[\t\n\x0b\x0c\r\x85\u2028\u2029]+", " ", s).replace("\u202f", THIN_SPACE)


@pytest.mark.parametrize(
    ("text", "tex"),
    [
        ("a & b", r"a \& b"),
        ("100%", r"100\%"),
        ("$5 #1 snake_case", r"\$5 \#1 snake\_case"),
        ("{x}", r"\{x\}"),
        ("~^\\", r"\textasciitilde{}\textasciicircum{}\textbackslash{}"),
        ("<a|b>", r"\textless{}a\textbar{}b\textgreater{}"),
        ('say "hi"', r"say \textquotedbl{}hi\textquotedbl{}"),
        ("Xi'an", "Xi'an"),
        ("it''s", "it'{}'s"),
        ("1--2---3", "1-{}-2-{}-{}-3"),
        (",,x", ",{},x"),
        ("```", r"\textasciigrave{}\textasciigrave{}\textasciigrave{}"),
        ("[opt]", "{[}opt{]}"),
        ("*nix", "{}*nix"),
        ("2*3*4", "2*3*4"),
        ("one\n\ntwo", "one two"),
        ("tab\there", "tab here"),
        ("bell\x07", "bell"),
        ("刘思佳", r"\cvcjk{刘思佳}"),
        ("Nguyễn 山田 太郎 Jr", r"Nguyễn \cvcjk{山田 太郎 }Jr"),
        ("Αθήνα", r"\cvalt{Αθήνα}"),
        ("e\u0301", "é"),
    ],
)
def test_examples(text: str, tex: str) -> None:
    assert escape(text) == tex
    assert decode(tex) == expected(text)


@pytest.mark.parametrize(
    "attack",
    [r"\input{/etc/hostname}", r"\write18{id}", "^^5cinput^^7b/etc/hostname^^7d", r"\def\x{\x}\x", r"\begin{input}",
     r"\csname input\endcsname", "\\\n\ninput", r"\catcode`\^=7", "%\n\\input x"],
)
def test_commands_become_text(attack: str) -> None:
    out = escape(attack)
    assert "^^" not in out and "^" not in out.replace(r"\textasciicircum{}", "")
    assert not re.search(r"\\(input|write|def|begin|csname|catcode)", out)
    assert decode(out) == expected(attack)


SPECIALS = list("\\{}$&%#_~^<>|\"'`-,[]*!? \n\t") + ["--", "---", "^^", "\\input", "''", "\x00", "\u2028", "刘", "Ж", "ễ", "α"]


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SPECIALS), st.characters(exclude_categories=("Cs",))), max_size=40).map("".join))
@example("a\x85b")  # NEL: a line break, so a space (found by this test)
@example("\n\x1f\r")  # line breaks around an invisible control: one space (found by this test)
def test_any_text_decodes_to_itself_through_safe_constructs_only(text: str) -> None:
    out = escape(text)
    assert decode(out) == expected(text)
    assert "\n" not in out and "^^" not in out


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc/:?=&#%_~{}\\^$ \"<>|`'[];é刘")), max_size=30))
def test_url_escaping_keeps_the_target_and_leaves_no_tex_syntax(tail: str) -> None:
    url = "https://example.org/" + tail
    out = escape_url(url)
    # Only hyperref's own escapes remain; no braces, spaces or other backslashes.
    assert not re.search(r"\\[^%#&_~]", out) and not out.endswith("\\")
    assert not set(out) & set("{} \n^$\"<>|`")
    assert all(out[i - 1] == "\\" for i, c in enumerate(out) if c == "%")
    plain = re.sub(r"\\([%#&_~])", r"\1", out)
    assert unquote(plain) == unquote(url)


def test_long_words_get_break_chances_and_short_ones_none() -> None:
    word = "ACGT" * 30
    out = escape(f"gene {word} end")
    assert out.count(r"\allowbreak{}") == 14 and out.startswith("gene ACGTACGT") and out.endswith(" end")
    assert decode(out) == f"gene {word} end"
    assert "allowbreak" not in escape("Zeroth-Order Optimization of Deep Models, 2024")


def test_a_long_word_mixing_scripts_gets_break_chances_outside_the_script_macros() -> None:
    """Found by the property tests: Latin, Greek and Cyrillic alternating every few letters made
    short \\cvalt runs, none long enough to get a break chance, so the word ran off the page."""
    word = "abcαβγабв" * 10  # 90 characters, a script change every three
    out = escape(f"x {word} y")
    assert out.count(r"\allowbreak{}") == 90 // 8  # one every 8 characters, as for a one-script word
    assert decode(out) == f"x {word} y"
    depth = 0
    for token in re.split(r"(\\allowbreak\{\}|[{}])", out):
        depth += {"{": 1, "}": -1}.get(token, 0)
        assert token != r"\allowbreak{}" or depth == 0  # never inside a \cvalt{…} group


def test_url_keeps_hyperref_specials_readable() -> None:
    assert escape_url("https://doi.org/10.1000/a_b%20c?x=1&y=2#f~u") == r"https://doi.org/10.1000/a\_b\%20c?x=1\&y=2\#f\~u"


@pytest.mark.parametrize(
    ("text", "tex"),
    [
        ("Sijia Liu שלום नमस्ते", "Sijia Liu \\cvhebr{שלום }\\cvdeva{नमस्ते}"),
        ("2021\u2009–\u2009present", "2021\\,–\\,present"),
    ],
)
def test_scripts_and_thin_spaces(text: str, tex: str) -> None:
    assert escape(text) == tex
    assert decode(tex) == expected(text)


@pytest.mark.parametrize(
    ("text", "tex"),
    [
        # A Latin run of several words inside Arabic keeps its order under XeTeX: wrapped in \cvltr.
        ("جامعة القاهرة، P5. Deep Learning 2019 – الحاضر",
         "\\cvarab{جامعة القاهرة، }\\cvltr{P5. Deep Learning 2019} – \\cvarab{الحاضر}"),
        ("المشرفون: Pramod Varshney وMakan Fardad",
         "\\cvarab{المشرفون}: \\cvltr{Pramod Varshney} \\cvarab{و}\\cvltr{Makan Fardad}"),
        ("a4paper", "a4paper"),  # one word orders itself: nothing to wrap
        ("2021 – 2022", "2021 – 2022"),
        ("الهاتف (جوال)", "\\cvarab{الهاتف }\\cvopen{}\\cvarab{جوال}\\cvclose{}"),
    ],
)
def test_right_to_left_wraps_runs_of_left_to_right_words(text: str, tex: str) -> None:
    assert escape(text, rtl=True) == tex
    assert decode(tex) == expected(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cd-ش ق،.()1 2"), max_size=40))
def test_right_to_left_escape_decodes_to_itself(text: str) -> None:
    assert decode(escape(text, rtl=True)) == expected(text)


def test_the_latin_fast_path_splits_text_as_the_full_scan_does() -> None:
    """Text with no character outside Latin and general punctuation skips the per-character split:
    that is only right if every such character belongs to no script run."""
    from cvgen.backends.tex_escape import _OTHER_SCRIPT, _runs, _script

    plain = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and not _OTHER_SCRIPT.match(chr(cp))]
    assert len(plain) == 0x370 + 0x100
    assert {_script(ch) for ch in plain} == {""}
    assert _runs("Nguyen – “quoted” 2019–2021") == [("", "Nguyen – “quoted” 2019–2021")]
    assert _runs("Zoë 刘思佳") == [("", "Zoë "), ("cjk", "刘思佳")]
    assert _runs("") == []
