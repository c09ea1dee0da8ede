"""The CV's language in LaTeX: babel set up from its CLDR-based locale files, and what pdfLaTeX cannot set.

babel's ``\\babelprovide[import=<tag>]`` reads the language's .ini (line breaking for Chinese and
Japanese, direction for Arabic, Hebrew and Persian, hyphenation patterns when installed) and works
the same under xelatex and lualatex. Right-to-left languages also get babel's bidi option:
``basic`` under LuaTeX (the full Unicode bidi algorithm), ``default`` under XeTeX, where the
escaper wraps each left-to-right run in ``\\cvltr`` because XeTeX orders only whole runs.
pdfLaTeX sets only the Latin-script languages its T1 fonts cover; others are refused before TeX runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvgen.locale.tables import table_name

BABEL_NAMES = {
    "en": "english", "de": "ngerman", "fr": "french", "es": "spanish", "pt": "portuguese", "it": "italian",
    "nl": "dutch", "pl": "polish", "tr": "turkish", "ru": "russian", "uk": "ukrainian",
    "zh-Hans": "chinese-simplified", "zh-Hant": "chinese-traditional", "ja": "japanese", "ko": "korean",
    "ar": "arabic", "he": "hebrew", "fa": "persian", "hi": "hindi", "vi": "vietnamese", "id": "indonesian",
}
"""babel's name (``name.babel`` in its .ini) for each language cvgen has a table for."""

PDFLATEX_LANGUAGES = frozenset({"en", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "id"})
"""Languages whose letters pdfLaTeX sets with T1 fonts; the rest need T2A, T5 or OpenType fonts."""

SCRIPT_NAMES = {
    "ru": "Cyrillic", "uk": "Cyrillic", "zh-Hans": "Chinese", "zh-Hant": "Chinese", "ja": "Japanese",
    "ko": "Korean", "ar": "Arabic", "he": "Hebrew", "fa": "Arabic (Persian)", "hi": "Devanagari",
    "vi": "Vietnamese (Latin with stacked accents)",
}


@dataclass(frozen=True)
class TexLanguage:
    """What the LaTeX template needs to know about the CV's language."""

    tag: str
    babel: str | None
    """babel's language name, or None for a language cvgen has no table for (left to TeX's defaults)."""
    rtl: bool

    @property
    def pdflatex_ok(self) -> bool:
        return self.babel is None or table_name(self.tag) in PDFLATEX_LANGUAGES

    def preamble(self) -> str:
        """The babel lines for the preamble; empty for English, so English sources stay as they were."""
        if self.babel is None or self.babel == "english":
            return ""
        table = table_name(self.tag)
        bidi = "\\ifLuaTeX\\usepackage[bidi=basic]{babel}\\else\\usepackage[bidi=default]{babel}\\fi\n"
        lines = [
            f"% The CV's language ({self.tag}): babel reads its locale file (line breaking, direction).",
            bidi.rstrip("\n") if self.rtl else "\\usepackage{babel}",
            f"\\babelprovide[import={table}, main]{{{self.babel}}}",
        ]
        if self.rtl:
            lines += [
                "\\newcommand{\\cvltr}[1]{\\babelsublr{#1}}% a left-to-right run kept in order",
                "% Parentheses in right-to-left text: LuaTeX mirrors them, XeTeX sets them as they are.",
                "\\ifLuaTeX\\newcommand{\\cvopen}{(}\\newcommand{\\cvclose}{)}"
                "\\else\\newcommand{\\cvopen}{)}\\newcommand{\\cvclose}{(}\\fi",
            ]
        return "\n".join(lines) + "\n"

    def pdflatex_problem(self) -> str | None:
        """Why pdfLaTeX cannot set this CV, before TeX runs; None when it can."""
        if self.pdflatex_ok:
            return None
        table = table_name(self.tag) or self.tag
        script = SCRIPT_NAMES.get(table, "this script")
        return (
            f"settings.language is {self.tag!r}: pdflatex cannot set {script} text with its T1 fonts; "
            "compile with xelatex or lualatex (--engine xelatex)"
        )


def tex_language(tag: str, direction: str = "ltr") -> TexLanguage:
    table = table_name(tag)
    return TexLanguage(tag, BABEL_NAMES.get(table) if table else None, direction == "rtl")
