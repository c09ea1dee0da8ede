"""Run ``cvgen import`` on every interop fixture and held-out file, for byte-for-byte comparisons.

The importers' output must not change when their code is reorganised; this records what
``cvgen import bibtex|jsonresume|rendercv`` writes (YAML, warnings and exit status) so that
two runs can be compared, like ``scripts/render_snapshot.py`` does for renders::

    python scripts/import_snapshot.py /tmp/before      # on the old commit
    python scripts/import_snapshot.py /tmp/after       # on the new one
    python scripts/import_snapshot.py --compare /tmp/before /tmp/after

Inputs are ``tests/fixtures/interop/`` and, when present, ``shared/heldout/`` beside the clone (``bib/``,
``rendercv/``, ``jsonresume/``). BibTeX files are imported twice: as a whole CV and with
``--publications-only``. Each run is stored as ``<folder>/<file>.<variant>.yaml`` (stdout),
``.stderr`` (warnings and messages) and ``.status`` (exit code).
"""

from __future__ import annotations

import sys
from pathlib import Path

from render_snapshot import cli

ROOT = Path(__file__).resolve().parent.parent


def _heldout() -> Path | None:
    """``shared/heldout`` beside the clone (or beside its parent, for a git worktree)."""
    for candidate in (ROOT.parent / "shared" / "heldout", ROOT.parent.parent / "shared" / "heldout"):
        if candidate.is_dir():
            return candidate
    return None


def _kind(path: Path) -> str | None:
    """Which importer reads ``path``: by extension, and YAML files are RenderCV input."""
    return {".bib": "bibtex", ".json": "jsonresume", ".yaml": "rendercv", ".yml": "rendercv"}.get(path.suffix)


def runs() -> list[tuple[str, Path, list[str]]]:
    """(snapshot name, input file, CLI arguments after ``import``) for every recorded run."""
    folders = [("fixtures", ROOT / "tests" / "fixtures" / "interop")]
    heldout = _heldout()
    if heldout:
        folders += [(f"heldout-{sub}", heldout / sub) for sub in ("bib", "rendercv", "jsonresume")]
    out = []
    for label, folder in folders:
        for path in sorted(folder.iterdir()):
            kind = _kind(path)
            if kind is None:
                continue
            out.append((f"{label}/{path.name}.default", path, [kind, str(path)]))
            if kind == "bibtex":
                out.append((f"{label}/{path.name}.pubs-only", path, [kind, str(path), "--publications-only"]))
    return out


def snapshot(out: Path) -> int:
    from click.testing import CliRunner

    from cvgen.cli import cli

    runner = CliRunner()
    for name, _path, args in runs():
        result = runner.invoke(cli, ["import", *args], catch_exceptions=False)
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_suffix(target.suffix + ".yaml").write_bytes(result.stdout_bytes)
        target.with_suffix(target.suffix + ".stderr").write_bytes(result.stderr_bytes)
        target.with_suffix(target.suffix + ".status").write_text(f"{result.exit_code}\n")
    return len(runs())


def main() -> int:
    return cli(__doc__, snapshot, "imports")


if __name__ == "__main__":
    sys.exit(main())
