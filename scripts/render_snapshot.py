"""Render every example, profile, theme and format into a folder, for byte-for-byte comparisons.

A refactoring that must not change output is checked by rendering before and after and
comparing the two folders::

    python scripts/render_snapshot.py /tmp/before      # on the old commit
    python scripts/render_snapshot.py /tmp/after       # on the new one
    python scripts/render_snapshot.py --compare /tmp/before /tmp/after

Every example in ``examples/`` and the interop fixtures that load as CVs are rendered with each
built-in theme, each of their profiles (plus the default) and each built-in format; each file
is named ``<example>/<theme>/<profile>.<format>``. A render that fails is recorded as a
``.error`` file holding the message, so a changed error shows up in the comparison too.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("html", "pdf", "pdf-typst", "docx", "latex", "markdown", "text")


def sources() -> list[Path]:
    return sorted(ROOT.glob("examples/*.yaml"))


def snapshot(out: Path) -> int:
    import cvgen
    from cvgen.errors import CVError
    from cvgen.themes import builtin_themes

    count = 0
    for src in sources():
        cv = cvgen.load(src)
        profiles = [None, *sorted(cv.settings.profiles)]
        for theme in builtin_themes():
            for profile in profiles:
                for fmt in FORMATS:
                    target = out / src.stem / theme / f"{profile or 'default'}.{fmt}"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        data = cvgen.render(src, fmt, theme=theme, profile=profile)
                    except CVError as exc:
                        target = target.with_suffix(target.suffix + ".error")
                        data = str(exc).encode()
                    target.write_bytes(data)
                    count += 1
    return count


def compare(a: Path, b: Path) -> int:
    """Print every file that differs or exists on one side only; exit 1 if any."""
    left = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    problems = [f"only in {a}: {p}" for p in sorted(left - right)]
    problems += [f"only in {b}: {p}" for p in sorted(right - left)]
    problems += [f"differs: {p}" for p in sorted(left & right) if not filecmp.cmp(a / p, b / p, shallow=False)]
    print("\n".join(problems) if problems else f"identical: {len(left)} files")
    return 1 if problems else 0


def cli(doc: str, take: Callable[[Path], int], noun: str) -> int:
    """The command line shared by the snapshot scripts: take a snapshot, or ``--compare`` two."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--compare", action="store_true", help="compare two snapshot folders")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.folders[:2])
    n = take(args.folders[0])
    print(f"wrote {n} {noun} to {args.folders[0]}")
    return 0


def main() -> int:
    return cli(__doc__, snapshot, "renders")


if __name__ == "__main__":
    sys.exit(main())
