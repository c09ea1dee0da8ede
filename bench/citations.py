"""How citation styles scale: APA for 250 … 2,000 publications, the figure docs/publications.md quotes.

    .venv/bin/python bench/citations.py              # 250, 500, 1000, 2000 publications in APA
    .venv/bin/python bench/citations.py --quick      # 50 and 100: a smoke run
    .venv/bin/python bench/citations.py --style ieee

The CVs are bench/generate.py's made-up careers (3 to 8 authors a paper, the owner among them).
Each size is formatted in a fresh process: the style is loaded once, then every publication is
formatted once (the engine's work for one render). Time per publication staying flat as the list
grows is what "linear" means here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = r"""
import json, sys, time
sys.path.insert(0, {here!r})
from generate import make_data, to_cvgen
from cvgen.loader import load
from cvgen.citations import AuthorNote, resolve_style
from cvgen.citations.formatter import CitationEntry, CitationFormatter
from cvgen.view.names import NameMatcher

data = make_data(pubs={n}, seed=1)
cv = load(to_cvgen(data))
owner = NameMatcher([cv.person.name, *cv.person.name_variants])
entries = [
    CitationEntry(p, tuple(a.name for a in p.authors),
                  tuple(AuthorNote("owner" if owner.matches(a.name) else None) for a in p.authors))
    for p in cv.publications
]
t0 = time.perf_counter()
formatter = CitationFormatter(resolve_style({style!r}), "en")
t1 = time.perf_counter()
for e in entries:
    formatter.format(e)
t2 = time.perf_counter()
print(json.dumps({{"pubs": len(entries), "load": t1 - t0, "format": t2 - t1}}))
"""


def measure(n: int, style: str) -> dict[str, float]:
    code = _CHILD.format(here=str(HERE), n=n, style=style)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict[str, float]], style: str) -> str:
    lines = [
        f"| publications ({style}) | style load (s) | formatting (s) | per publication (ms) |",
        "|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['pubs']:,} | {r['load']:.2f} | {r['format']:.1f} | {1000 * r['format'] / r['pubs']:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", default="apa")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    sizes = (50, 100) if args.quick else (250, 500, 1000, 2000)
    rows = [measure(n, args.style) for n in sizes]
    print(table(rows, args.style))


if __name__ == "__main__":
    main()
