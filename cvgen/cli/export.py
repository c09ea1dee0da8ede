"""``cvgen export``: the CV's publications as BibTeX or CSL-JSON, or the whole CV as a JSON Resume."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cvgen.cli.common import handles_errors

EPILOG = """\b
Examples:
  cvgen export bibtex cv.yaml -o publications.bib
  cvgen export csl-json cv.yaml -o publications.json
  cvgen export jsonresume cv.yaml -o resume.json
"""


@click.group("export", epilog=EPILOG)
def command() -> None:
    """Write the CV (or its publications) in another format."""


def _load(cv_file: str, output: str | None) -> Any:
    """The CV, after checking that ``-o`` is not one of the files it is read from (the CV, its .bib)."""
    from cvgen.loader import load_cv
    from cvgen.output import refuse_inputs
    from cvgen.pipeline import input_files

    loaded = load_cv(cv_file)
    if output and output != "-":
        refuse_inputs(Path(output), input_files(loaded))
    return loaded.cv


def _write(text: str, output: str | None) -> None:
    """Text to ``-o FILE`` (its folder made if missing) or to standard output (no -o, or ``-o -``)."""
    from cvgen.output import write_atomic

    if output and output != "-":
        from cvgen.output import make_folder

        make_folder(Path(output))  # -o newdir/file makes the folder, as -o newdir/ does
        write_atomic(Path(output), text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)



def _options(fn):  # noqa: ANN001, ANN202 - click decorators
    fn = click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                      help="File to write (default, or -: stdout).")(fn)
    return click.argument("cv_file", type=click.Path(exists=True, dir_okay=False))(fn)


@command.command("bibtex", epilog="\b\nExample:\n  cvgen export bibtex cv.yaml -o publications.bib")
@_options
@handles_errors
def bibtex(cv_file: str, output: str | None) -> None:
    """Publications as BibTeX (roles as biblatex author+an annotations)."""
    from cvgen.interop.export import to_bibtex

    _write(to_bibtex(_load(cv_file, output)), output)


@command.command("csl-json", epilog="\b\nExample:\n  cvgen export csl-json cv.yaml -o publications.json")
@_options
@handles_errors
def csl_json(cv_file: str, output: str | None) -> None:
    """Publications as CSL-JSON (Zotero, pandoc, citeproc)."""
    import json

    from cvgen.interop.export import to_csl

    _write(json.dumps(to_csl(_load(cv_file, output)), ensure_ascii=False, indent=2) + "\n", output)


@command.command("jsonresume", epilog="\b\nExample:\n  cvgen export jsonresume cv.yaml -o resume.json")
@_options
@handles_errors
def jsonresume(cv_file: str, output: str | None) -> None:
    """The whole CV as a JSON Resume v1.0.0 (academic fields as extra properties)."""
    import json

    from cvgen.errors import RenderError
    from cvgen.interop.jsonresume import to_jsonresume
    from cvgen.interop.jsonresume_schema import SCHEMA_VERSION, schema_problems

    document = to_jsonresume(_load(cv_file, output))
    problems = schema_problems(document)
    if problems:  # a cvgen bug: never write a resume.json other tools would refuse
        raise RenderError(f"the JSON Resume for {cv_file} breaks the official schema ({SCHEMA_VERSION}); nothing was "
                          "written; please report this: " + "; ".join(problems[:5]))
    _write(json.dumps(document, ensure_ascii=False, indent=2) + "\n", output)
