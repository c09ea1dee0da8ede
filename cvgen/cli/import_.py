"""``cvgen import``: BibTeX, JSON Resume and RenderCV files to cvgen YAML, with every loss reported."""

from __future__ import annotations

from pathlib import Path

import click

from cvgen.cli.common import handles_errors
from cvgen.cli.import_output import check_loads as _check
from cvgen.cli.import_output import emit as _emit

EPILOG = """\b
Examples:
  cvgen import bibtex refs.bib -o cv.yaml --owner "Jane Smith"
  cvgen import bibtex refs.bib --publications-only -o publications.yaml
  cvgen import jsonresume resume.json -o cv.yaml
  cvgen import rendercv John_Doe_CV.yaml -o cv.yaml
  cvgen import openalex A5023888391 --with arxiv -o cv.yaml
  cvgen import orcid 0000-0002-1825-0097 --with openalex
Warnings (what could not be carried over) go to stderr; the YAML goes to -o or stdout.
"""


@click.group("import", epilog=EPILOG)
def command() -> None:
    """Convert another format into a cvgen YAML file."""


def _read(path: str) -> str:
    from cvgen.errors import InputError, Problem

    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(path, None, None, "", f"not valid UTF-8 ({exc.reason}); save the file as UTF-8")]) from None
    except OSError as exc:
        raise InputError([Problem(path, None, None, "", f"cannot read: {exc.strerror or exc}")]) from None


@command.command("bibtex", epilog="\b\nExample:\n  cvgen import bibtex refs.bib -o publications.yaml --owner \"Sijia Liu\"")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="YAML file to write (default: stdout).")
@click.option("--owner", help="The CV owner's name (default: the most frequent author).")
@click.option("--publications-only", is_flag=True, help="Write only the publications: list, to paste into a CV.")
@handles_errors
def bibtex(file: str, output: str | None, owner: str | None, publications_only: bool) -> None:
    """Import a .bib file: LaTeX decoded, names split, roles and DOIs recovered."""
    from cvgen.interop.bibtex import guess_owner, import_bibtex_file, skeleton
    from cvgen.interop.yaml_out import dump_yaml

    result = import_bibtex_file(file)
    guessed, variants = guess_owner(result.data, result.highlighted)
    name = owner or guessed
    if owner:
        from cvgen.model.people import NameMatcher

        matcher = NameMatcher([owner])
        variants = sorted({h for h in result.highlighted if not matcher.matches(h)})
    comment = f"Imported from {Path(file).name} by cvgen: {len(result.data)} of {result.entries} entries."
    if publications_only:
        text = dump_yaml({"publications": result.data}, comment)
    else:
        text = dump_yaml(skeleton(result.data, name, variants), comment)
        _check(text, output or "<output>")
    _emit(text, output, result.warnings, f"{len(result.data)} publications of {result.entries} entries")


@command.command("jsonresume", epilog="\b\nExample:\n  cvgen import jsonresume resume.json -o cv.yaml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="YAML file to write (default: stdout).")
@handles_errors
def jsonresume(file: str, output: str | None) -> None:
    """Import a JSON Resume (resume.json)."""
    import json

    from cvgen.errors import InputError, Problem
    from cvgen.interop.jsonresume import import_jsonresume
    from cvgen.interop.yaml_out import dump_yaml

    try:
        doc = json.loads(_read(file))
    except json.JSONDecodeError as exc:
        raise InputError([Problem(file, exc.lineno, exc.colno, "", f"not JSON: {exc.msg}")]) from None
    try:
        result = import_jsonresume(doc, file)
    except ValueError as exc:
        raise InputError([Problem(file, None, None, "", str(exc))]) from None
    text = dump_yaml(result.data, f"Imported from {Path(file).name} (JSON Resume) by cvgen.")
    _check(text, output or "<output>")
    _emit(text, output, result.warnings, "JSON Resume")


@command.command("rendercv", epilog="\b\nExample:\n  cvgen import rendercv John_Doe_CV.yaml -o cv.yaml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="YAML file to write (default: stdout).")
@handles_errors
def rendercv(file: str, output: str | None) -> None:
    """Import a RenderCV YAML file (cv: and its sections; design settings are reported, not copied)."""
    from cvgen.interop.rendercv import import_rendercv
    from cvgen.interop.yaml_out import dump_yaml

    result = import_rendercv(_read(file), file)
    text = dump_yaml(result.data, f"Imported from {Path(file).name} (RenderCV) by cvgen.")
    _check(text, output or "<output>")
    _emit(text, output, result.warnings, "RenderCV")


def _add_scholarly() -> None:
    """orcid, openalex, dblp, doi and arxiv live in their own module (cvgen.cli.import_scholarly)."""
    from cvgen.cli.import_scholarly import COMMANDS

    for cmd in COMMANDS:
        command.add_command(cmd)


_add_scholarly()
