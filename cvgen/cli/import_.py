"""``cvgen import``: BibTeX, JSON Resume and RenderCV files to cvgen YAML, with every loss reported."""

from __future__ import annotations

from pathlib import Path

import click

from cvgen.cli.common import handles_errors

EPILOG = """\b
Examples:
  cvgen import bibtex refs.bib -o cv.yaml --owner "Jane Smith"
  cvgen import bibtex refs.bib --publications-only -o publications.yaml
  cvgen import jsonresume resume.json -o cv.yaml
  cvgen import rendercv John_Doe_CV.yaml -o cv.yaml
Warnings (what could not be carried over) go to stderr; the YAML goes to -o or stdout.
"""


@click.group("import", epilog=EPILOG)
def command() -> None:
    """Convert another format into a cvgen YAML file."""


def _emit(text: str, output: str | None, warnings: list[str], what: str) -> None:
    from cvgen.output import write_atomic

    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    if output and output != "-":
        from cvgen.output import make_folder

        make_folder(Path(output))  # -o newdir/file makes the folder, as -o newdir/ does
        write_atomic(Path(output), text)
        click.echo(f"wrote {output} ({what}; {len(warnings)} warning{'s' if len(warnings) != 1 else ''})", err=True)
    else:
        click.echo(text, nl=False)


def _not_the_source(file: str, output: str | None) -> None:
    """``-o`` naming the file being imported would replace it with its conversion: refused."""
    from cvgen.output import refuse_inputs

    if output and output != "-":
        refuse_inputs(Path(output), [Path(file)])


def _read(path: str) -> str:
    from cvgen.errors import InputError, Problem
    from cvgen.loader.load import MAX_FILE_BYTES

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError([Problem(path, None, None, "", f"file is over the limit of {MAX_FILE_BYTES:,} bytes")])
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(path, None, None, "", f"not valid UTF-8 ({exc.reason}); save the file as UTF-8")]) from None
    except OSError as exc:
        raise InputError([Problem(path, None, None, "", f"cannot read: {exc.strerror or exc}")]) from None


def _check(text: str, source: str) -> None:
    """The written YAML must load: a value the source gave that cvgen refuses is reported against the
    source file (the output is never written), naming the field of the converted CV."""
    from cvgen.errors import InputError, Problem
    from cvgen.loader import load_text

    try:
        load_text(text, source, base_dir=Path.cwd())
    except InputError as exc:
        raise InputError([Problem(source, None, None, p.path, f"{p.message} (in the converted CV)")
                          for p in exc.problems]) from None


@command.command("bibtex", epilog="\b\nExample:\n  cvgen import bibtex refs.bib -o publications.yaml --owner \"Sijia Liu\"")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="YAML file to write (default, or -: stdout).")
@click.option("--owner", help="The CV owner's name (default: the most frequent author).")
@click.option("--publications-only", is_flag=True, help="Write only the publications: list, to paste into a CV.")
@handles_errors
def bibtex(file: str, output: str | None, owner: str | None, publications_only: bool) -> None:
    """Import a .bib file: LaTeX decoded, names split, roles and DOIs recovered."""
    _not_the_source(file, output)
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
        _check(text, file)
    _emit(text, output, result.warnings, f"{len(result.data)} publications of {result.entries} entries")


@command.command("jsonresume", epilog="\b\nExample:\n  cvgen import jsonresume resume.json -o cv.yaml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="YAML file to write (default, or -: stdout).")
@handles_errors
def jsonresume(file: str, output: str | None) -> None:
    """Import a JSON Resume (resume.json)."""
    _not_the_source(file, output)
    from cvgen.interop.jsonresume import read_jsonresume
    from cvgen.interop.yaml_out import dump_yaml

    result = read_jsonresume(_read(file), file)
    text = dump_yaml(result.data, f"Imported from {Path(file).name} (JSON Resume) by cvgen.")
    _check(text, file)
    _emit(text, output, result.warnings, "JSON Resume")


@command.command("rendercv", epilog="\b\nExample:\n  cvgen import rendercv John_Doe_CV.yaml -o cv.yaml")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="YAML file to write (default, or -: stdout).")
@handles_errors
def rendercv(file: str, output: str | None) -> None:
    """Import a RenderCV YAML file (cv: and its sections; design settings are reported, not copied)."""
    _not_the_source(file, output)
    from cvgen.interop.rendercv import import_rendercv
    from cvgen.interop.yaml_out import dump_yaml

    result = import_rendercv(_read(file), file)
    text = dump_yaml(result.data, f"Imported from {Path(file).name} (RenderCV) by cvgen.")
    _check(text, file)
    _emit(text, output, result.warnings, "RenderCV")
