"""The end of every ``cvgen import``: files beside the CV, a checked YAML, one honest report.

An importer returns plain cvgen data. Before anything is written, this module

1. copies the files that data refers to (a photo, al-folio's ``papers.bib``) beside the output, so
   the YAML names them by a bare file name and never points outside the CV's folder;
2. checks the YAML as ``cvgen validate`` would (load and prepare, photo decoded) against those
   copies in a staging folder: a conversion that would not validate exits 2 naming the source
   file, and nothing is written;
3. prints the report (what was found, what went where, what was not carried over with its line)
   and only then writes the copies and the YAML, never overwriting a different file.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from cvgen.errors import InputError, Problem


@dataclass
class Asset:
    """A file the imported CV refers to, by the (dotted) field that names it."""

    field: str
    """``person.photo`` or ``publications_from.bibtex``."""
    source: Path
    """The file as the source format found it."""
    fallback: Callable[[dict[str, Any]], str] | None = None
    """What to do when it cannot sit beside the output (stdout): change the data, return a note."""


@dataclass
class Converted:
    """One import's result, before it is checked and written."""

    source: str
    found: str
    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    extra: Counter[str] = field(default_factory=Counter)
    summary: str = ""
    """Short text for the final "wrote …" line (e.g. "7 publications of 7 entries")."""
    check_as_cv: bool = True
    """False for a publications-only file, which is checked inside a minimal CV."""


def _set(data: dict[str, Any], dotted: str, value: str | None) -> None:
    *parents, last = dotted.split(".")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    if value is None:
        node.pop(last, None)
        if not node and parents:
            data.pop(parents[0], None)
    else:
        node[last] = value


def _free_name(folder: Path, source: Path, taken: set[str]) -> str:
    """A name in ``folder`` for a copy of ``source``: its own name, unless a different file has it."""
    stem, suffix, n = source.stem, source.suffix, 1
    name = source.name
    while name in taken or ((folder / name).exists() and not _same(folder / name, source)):
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name)
    return name


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.is_file() and a.read_bytes() == b.read_bytes())
    except OSError:
        return False


def stage_assets(conv: Converted, stage: Path, out_dir: Path | None) -> list[tuple[Path, Path]]:
    """Copy each asset into ``stage`` under the name it will have beside the output; rewrite the data.

    Returns (staged copy, final path) pairs. Without an output folder (YAML on stdout) an asset
    inside the current folder is referred to by its relative path, and any other asset takes its
    fallback (or is left out with a warning): nothing may point outside the CV's folder.
    """
    moves: list[tuple[Path, Path]] = []
    taken: set[str] = set()
    for asset in conv.assets:
        if not asset.source.is_file():
            conv.warnings.append(f"{conv.source}: {asset.field}: {asset.source} does not exist; not carried over")
            _set(conv.data, asset.field, None)
            continue
        if out_dir is None:
            here = Path.cwd().resolve()
            real = asset.source.resolve()
            if real.is_relative_to(here):
                rel = real.relative_to(here)
                (stage / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(real, stage / rel)
                _set(conv.data, asset.field, rel.as_posix())
            elif asset.fallback is not None:
                conv.warnings.append(f"{conv.source}: {asset.field}: {asset.fallback(conv.data)}")
            else:
                conv.warnings.append(f"{conv.source}: {asset.field}: {asset.source} is outside this folder; not "
                                     "carried over (write the CV with -o to have it copied beside it)")
                _set(conv.data, asset.field, None)
            continue
        name = _free_name(out_dir, asset.source, taken)
        shutil.copyfile(asset.source, stage / name)
        _set(conv.data, asset.field, name)
        moves.append((stage / name, out_dir / name))
    return moves


def check(text: str, conv: Converted, stage: Path) -> None:
    """Load and prepare the YAML as ``cvgen validate`` does; a failure names the source file."""
    from cvgen.loader import load_cv
    from cvgen.view import ViewOptions, prepare

    if not conv.check_as_cv:
        from cvgen.interop.yaml_out import dump_yaml

        text = dump_yaml({"person": {"name": "Check"}, **_loaded_yaml(text)})
    staged = stage / "imported.yaml"
    staged.write_text(text, encoding="utf-8")
    quiet = logging.getLogger("cvgen.interop")  # the .bib's warnings are in the report already
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    notes = _Notes()  # what the view says about the photo belongs in the report, about the source
    logging.getLogger("cvgen.photo").addHandler(notes)
    logging.getLogger("cvgen.photo").propagate = False
    try:
        prepare(load_cv(staged), ViewOptions())
        conv.warnings += [f"{conv.source}: {m.split(': ', 1)[-1]}" for m in notes.messages]
    except InputError as exc:
        raise InputError([
            Problem(conv.source, None, None, p.path, f"{p.message} (cvgen could not carry this over as {p.path or 'it'}; "
                                                      "nothing was written)") for p in exc.problems
        ]) from None
    finally:
        quiet.setLevel(level)
        logging.getLogger("cvgen.photo").removeHandler(notes)
        logging.getLogger("cvgen.photo").propagate = True


class _Notes(logging.Handler):
    """Collects log messages instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _loaded_yaml(text: str) -> dict[str, Any]:
    from cvgen.loader.strict_yaml import read

    value = read(text).value
    return value if isinstance(value, dict) else {}


def finish(conv: Converted, output: str | None, comment: str) -> None:
    """Stage, check, report and write one import (see the module docstring)."""
    from cvgen.interop.report import Report
    from cvgen.interop.yaml_out import dump_yaml
    from cvgen.output import make_folder, refuse_inputs, write_atomic

    output = None if output == "-" else output  # -o - is standard output, as no -o
    if output is not None:  # never replace what is being imported (the source, its photo or .bib)
        refuse_inputs(Path(output), [Path(conv.source.split(" (+")[0]), *(a.source for a in conv.assets)])
    out_dir = Path(output).resolve().parent if output else None
    with tempfile.TemporaryDirectory(prefix="cvgen-import-") as tmp:
        stage = Path(tmp)
        moves = stage_assets(conv, stage, out_dir)
        if "publications_from" not in conv.data:
            conv.extra.clear()  # the publications were written into the YAML, where they are counted
        text = dump_yaml(conv.data, comment)
        check(text, conv, stage)
        report = Report(conv.source, conv.found, conv.data, conv.mapped, conv.warnings, conv.extra)
        for line in report.lines():
            click.echo(line, err=True)
        if output is None:
            click.echo(text, nl=False)
            return
        make_folder(Path(output))
        for staged, final in moves:
            if not final.exists():
                write_atomic(final, staged.read_bytes())
                click.echo(f"copied {final.name} beside the CV", err=True)
        write_atomic(Path(output), text)
    n = len(conv.warnings)
    click.echo(f"wrote {output} ({conv.summary or conv.found}; {n} warning{'s' if n != 1 else ''})", err=True)
