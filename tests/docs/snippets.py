"""Finding the code examples in the documentation, as the reader sees them.

A fenced block may be preceded (on the line just before it) by one HTML comment, invisible on the
site, that tells the test how to treat it:

* ``<!-- skip-test: why -->`` — not run (a command that runs until Ctrl+C); keep these rare;
* ``<!-- run-in: examples/onboarding -->`` — run in that folder of the test's copy;
* ``<!-- write: path -->`` — the block is a file: write it there before the blocks after it run;
* ``<!-- expect-exit: 2 -->`` — shell commands in the block must exit with this status.

A Python example whose own ``import`` of a third-party tool fails because the tool is not installed
here makes its page's test a pytest skip, like ``pytest.importorskip``; any other failure fails. (The
Dask and Celery recipes of docs/benchmarks.md are run by test_scale_recipes.py, with those tools
installed by the dev extra.)

``--8<-- "path"`` lines (pymdownx.snippets) are replaced by the file they include, so an example
included from ``examples/`` is run exactly as the site shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
_DIRECTIVE = re.compile(r"^\s*<!--\s*(?P<key>[\w-]+)\s*(?::\s*(?P<value>.*?))?\s*-->\s*$")
_SNIPPET = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+)"\s*$')

PYTHON = {"python", "py"}
SHELL = {"bash", "sh", "shell", "console"}


@dataclass
class Block:
    page: str
    line: int
    lang: str
    code: str
    directives: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    def commands(self) -> list[str]:
        """The cvgen commands of a shell block (a leading "$ " prompt is allowed)."""
        out = []
        for raw in self.code.splitlines():
            line = raw.strip()
            if line.startswith("$ "):
                line = line[2:].strip()
            if line.startswith("cvgen ") or line == "cvgen":
                out.append(line)
        return out


def _include(line: str) -> str | None:
    m = _SNIPPET.match(line)
    if not m:
        return None
    return (ROOT / m.group("path")).read_text(encoding="utf-8")


def blocks(page: Path) -> list[Block]:
    """Every fenced code block of a Markdown page, in order, with its directives."""
    lines = page.read_text(encoding="utf-8").splitlines()
    rel = str(page.relative_to(ROOT))
    found: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.group("indent"), m.group("fence"), m.group("lang").lower()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            text = lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip()
            included = _include(text)
            body.append(included.rstrip("\n") if included is not None else text)
            i += 1
        i += 1
        directives: dict[str, str] = {}
        j = start - 1
        while j >= 0 and _DIRECTIVE.match(lines[j]):
            d = _DIRECTIVE.match(lines[j])
            assert d is not None
            directives[d.group("key")] = d.group("value") or ""
            j -= 1
        found.append(Block(rel, start + 1, lang, "\n".join(body) + "\n", directives))
    return found


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))
