"""The hostile loading inputs of ../shared/BAD_INPUTS.md (cases 1–16 and 22), shared by the API and CLI tests.

Each :class:`Case` is a file's bytes plus what the one problem it must produce looks like: its line,
its field path and a fragment of its message. The API tests (tests/loader/test_load.py) and the CLI
tests (tests/cli/test_validate.py) run every case, so both entry points are held to the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON = "person:\n  name: Ada Lovelace\n"


@dataclass(frozen=True)
class Case:
    id: str
    data: bytes
    message: str
    """A fragment the problem's message must contain (case-sensitive)."""
    line: int | None = None
    """Line of the problem (None: the problem concerns the whole file)."""
    path: str | None = None
    """Field path of the problem ("" for file-level problems; None: not checked)."""


def _case(id: str, text: str | bytes, message: str, line: int | None = None, path: str | None = None) -> Case:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return Case(id, data, message, line, path)


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """The classic alias bomb: 9 levels of 9 aliases each expand to 9**9 (387 million) strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for i in range(1, levels):
        prev, cur = names[i - 1], names[i]
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines) + "\n"


def deep_nesting(levels: int = 1000) -> str:
    return PERSON + "summary: " + "[" * levels + "]" * levels + "\n"


def deep_block_nesting(levels: int = 1000) -> str:
    """Nesting written as indented mappings, the way a generator run amok would write it."""
    out = [PERSON.rstrip("\n"), "custom_sections:"]
    for i in range(levels):
        out.append("  " * (i + 1) + "k:")
    return "\n".join(out) + " x\n"


CASES: list[Case] = [
    # 1. Duplicate key: at the second occurrence, naming the first line.
    _case("01-duplicate-key", "person:\n  name: A\n  pronouns: she/her\n  name: B\n",
          "duplicate key 'name' (first defined at line 2)", 4, "person.name"),
    _case("01-duplicate-top-key", PERSON + "summary: a\nsummary: b\n",
          "duplicate key 'summary' (first defined at line 3)", 4, "summary"),
    # 2. Alias bomb.
    _case("02-billion-laughs", PERSON + billion_laughs(), "alias bomb"),
    # 3. Recursive aliases.
    _case("03-recursive-alias-list", PERSON + "summary: &x [*x]\n", "recursive alias", 3),
    _case("03-recursive-alias-mapping", PERSON + "settings: &s {theme: *s}\n", "recursive alias", 3),
    # 4. Nesting 1,000 levels deep, in flow and block style.
    _case("04-deep-flow", deep_nesting(), "too deeply nested", 3),
    _case("04-deep-block", deep_block_nesting(), "too deeply nested"),
    # 5. Tags: nothing constructed, nothing executed.
    _case("05-python-apply", "person: !!python/object/apply:os.system ['touch PWNED']\n",
          "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed", 1, "person"),
    _case("05-python-name", PERSON + "summary: !!python/name:os.system ''\n", "is not allowed", 3, "summary"),
    _case("05-include", PERSON + "publications: !include publications.yaml\n",
          "YAML tag '!include' is not allowed", 3, "publications"),
    _case("05-str-tag", "person:\n  name: !!str 12\n", "YAML tag", 2, "person.name"),
    _case("05-local-tag-on-mapping", PERSON + "settings: !theme {theme: classic}\n", "YAML tag '!theme'", 3),
    # 7. Invalid dates list the accepted forms.
    _case("07-month-13", PERSON + "honors:\n  - title: Prize\n    date: 2024-13-01\n",
          "accepted forms: YYYY, YYYY-MM, YYYY-MM-DD", 5, "honors[0].date"),
    _case("07-slashes", PERSON + "honors:\n  - title: Prize\n    date: 01/02/2024\n",
          "accepted forms: YYYY, YYYY-MM, YYYY-MM-DD", 5, "honors[0].date"),
    _case("07-febtember", PERSON + "talks:\n  - {title: T, event: E, date: Febtember 2020}\n",
          "accepted forms: YYYY, YYYY-MM, YYYY-MM-DD", 4, "talks[0].date"),
    _case("07-bad-end", PERSON + "positions:\n  - title: P\n    organization: O\n    start: 2020\n    end: someday\n",
          "accepted forms", 7, "positions[0].end"),
    # 8. Wrong shapes; required fields empty or missing.
    _case("08-list-for-text", "person:\n  name: [Ada, Lovelace]\n", "expected text (got a list)", 2, "person.name"),
    _case("08-mapping-for-text", PERSON + "publications:\n  - title: {a: b}\n    authors: [A]\n    date: 2020\n",
          "got a mapping", 4, "publications[0].title"),
    _case("08-empty-name", "person:\n  name: ''\n", "must not be empty", 2, "person.name"),
    _case("08-blank-name", "person:\n  name: '   '\n", "must not be empty", 2, "person.name"),
    _case("08-null-name", "person:\n  name:\n  pronouns: she\n", "got nothing", 2, "person.name"),
    _case("08-missing-name", "person:\n  pronouns: she/her\n", "required field is missing", 2, "person.name"),
    _case("08-missing-person", "summary: hello\n", "required field is missing", 1, "person"),
    _case("08-missing-title", PERSON + "publications:\n  - authors: [A]\n    date: 2020\n",
          "required field is missing", 4, "publications[0].title"),
    _case("08-no-authors", PERSON + "publications:\n  - title: T\n    authors: []\n    date: 2020\n",
          "needs at least 1 item", 5, "publications[0].authors"),
    _case("08-scalar-for-list", PERSON + "publications: none yet\n", "expected a list (got 'none yet')", 3, "publications"),
    # 9. Misspelt keys.
    _case("09-publicatons", PERSON + "publicatons: []\n",
          "unknown field 'publicatons'; did you mean 'publications'?", 3, "publicatons"),
    _case("09-titel", PERSON + "publications:\n  - titel: T\n    title: T\n    authors: [A]\n    date: 2020\n",
          "unknown field 'titel'; did you mean 'title'?", 4, "publications[0].titel"),
    _case("09-nested-settings", PERSON + "settings:\n  publications:\n    grup_by: topic\n",
          "did you mean 'group_by'?", 5, "settings.publications.grup_by"),
    # 10. Collections as keys.
    _case("10-list-key", "[]: r\n", "a mapping key must be plain text", 1),
    _case("10-mapping-key", PERSON + "? {a: b}\n: r\n", "a mapping key must be plain text", 3),
    # 11. Encodings.
    _case("11-latin1", "person:\n  name: José Martí\n".encode("latin-1"), "not valid UTF-8 at line 2", 2, ""),
    _case("11-utf16", PERSON.encode("utf-16"), "not valid UTF-8 at line 1", 1, ""),
    _case("11-utf16-no-bom", PERSON.encode("utf-16-le"), "not valid UTF-8 at line 1", 1, ""),
    # 12. Raw control bytes.
    _case("12-raw-vt", b"person:\n  name: Ada\x0bLovelace\n", "control character U+000B", 2, ""),
    _case("12-raw-nul", PERSON.encode() + b"summary: a\x00b\n", "control character U+0000", 3, ""),
    _case("12-raw-esc", PERSON.encode() + b"summary: a\x1b[31mb\n", "control character U+001B", 3, ""),
    # 13. Escaped control characters in quoted strings.
    _case("13-escaped-vt", 'person:\n  name: "Ada\\vLovelace"\n', "control character U+000B", 2, "person.name"),
    _case("13-escaped-nul", PERSON + 'summary: "a\\x00b"\n', "control character U+0000", 3, "summary"),
    _case("13-escaped-uffff", PERSON + 'publications:\n  - {title: "T\\uFFFF", authors: [A], date: 2020}\n',
          "non-character U+FFFF", 4, "publications[0].title"),
    _case("13-lone-surrogate", 'person:\n  name: "Ada"\n  pronouns: "\\ud800"\n', "lone surrogate U+D800", 3,
          "person.pronouns"),
    _case("13-escaped-c1", PERSON + 'summary: "a\\x85b"\n', "control character U+0085", 3, "summary"),
    _case("13-escaped-nul-in-setting", PERSON + 'settings:\n  legend: {separator: "\\x00"}\n',
          "control character U+0000", 4, "settings.legend.separator"),
    # 14. Bidi overrides are refused, with the reason.
    _case("14-bidi-override", 'person:\n  name: "Ada \u202eecalevoL"\n',
          "bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed", 2, "person.name"),
    _case("14-bidi-isolate", PERSON + "publications:\n  - {title: \"T\u2067x\u2069\", authors: [A], date: 2020}\n",
          "bidirectional control U+2067", 4, "publications[0].title"),
    # 15. Not one mapping.
    _case("15-empty-file", "", "expected one mapping"),
    _case("15-only-comments", "# nothing here yet\n\n", "expected one mapping"),
    _case("15-top-level-list", "- person: {name: A}\n", "expected one mapping", 1),
    _case("15-top-level-scalar", "Ada Lovelace\n", "expected one mapping", 1),
    _case("15-two-documents", PERSON + "---\n" + PERSON, "expected one mapping", 3),
    # 22 (at the loading level). Links that run code or read files.
    _case("22-javascript-url", PERSON + "  links:\n    - {label: Home, url: 'javascript:alert(1)'}\n",
          "link scheme javascript: is not allowed", 4, "person.links[0].url"),
    _case("22-vbscript-url", PERSON + "talks:\n  - {title: T, event: E, date: 2020, url: 'VBScript:msgbox(1)'}\n",
          "link scheme vbscript: is not allowed", 4, "talks[0].url"),
    _case("22-data-url", PERSON + "metrics:\n  url: 'data:text/html,<script>alert(1)</script>'\n",
          "link scheme data: is not allowed", 4, "metrics.url"),
    _case("22-file-url", PERSON + "publications:\n  - title: T\n    authors: [A]\n    date: 2020\n"
          "    links: [{label: PDF, url: 'file:///etc/passwd'}]\n",
          "link scheme file: is not allowed", 7, "publications[0].links[0].url"),
    _case("22-inline-javascript", PERSON + "summary: 'See [my site](JaVaScRiPt:alert(1)).'\n",
          "link scheme javascript: is not allowed", 3, "summary"),
    _case("22-inline-data", PERSON + "honors:\n  - {title: 'A [prize](data:text/html,x)', date: 2020}\n",
          "link scheme data: is not allowed", 4, "honors[0].title"),
    _case("22-inline-file-in-topic", PERSON + "research_areas:\n  - label: ML\n    topics: ['[x](file:///etc/passwd)']\n",
          "link scheme file: is not allowed", 5, "research_areas[0].topics[0]"),
]

# Values YAML 1.1 would turn into booleans, floats, integers or sexagesimal numbers (case 6).
TRICKY_SCALARS = ["NO", "off", "3.10", "01234", "1:30", "1e3", "yes", "On", "0x1F", "0o17", ".inf", "~x", "+1", "1_000"]
