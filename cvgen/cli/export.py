"""``cvgen export``: the CV's publications as BibTeX or CSL-JSON, or the whole CV as a JSON Resume."""

from __future__ import annotations

from pathlib import Path

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


def _write(text: str, output: str | None) -> None:
    from cvgen.output import write_atomic

    if output:
        write_atomic(Path(output), text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _options(fn):  # noqa: ANN001, ANN202 - click decorators
    fn = click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")(fn)
    return click.argument("cv_file", type=click.Path(exists=True, dir_okay=False))(fn)


@command.command("bibtex", epilog="\b\nExample:\n  cvgen export bibtex cv.yaml -o publications.bib")
@_options
@handles_errors
def bibtex(cv_file: str, output: str | None) -> None:
    """Publications as BibTeX (roles as biblatex author+an annotations)."""
    from cvgen.interop.export import to_bibtex
    from cvgen.loader import load_file

    _write(to_bibtex(load_file(cv_file)), output)


@command.command("csl-json", epilog="\b\nExample:\n  cvgen export csl-json cv.yaml -o publications.json")
@_options
@handles_errors
def csl_json(cv_file: str, output: str | None) -> None:
    """Publications as CSL-JSON (Zotero, pandoc, citeproc)."""
    import json

    from cvgen.interop.export import to_csl
    from cvgen.loader import load_file

    _write(json.dumps(to_csl(load_file(cv_file)), ensure_ascii=False, indent=2) + "\n", output)


@command.command("jsonresume", epilog="\b\nExample:\n  cvgen export jsonresume cv.yaml -o resume.json")
@_options
@handles_errors
def jsonresume(cv_file: str, output: str | None) -> None:
    """The whole CV as a JSON Resume v1.0.0 (academic fields as extra properties)."""
    import json

    from cvgen.errors import RenderError
    from cvgen.interop.jsonresume import to_jsonresume
    from cvgen.interop.jsonresume_schema import SCHEMA_VERSION, schema_problems
    from cvgen.loader import load_file

    document = to_jsonresume(load_file(cv_file))
    problems = schema_problems(document)
    if problems:  # a cvgen bug: never write a resume.json other tools would refuse
        raise RenderError(f"the JSON Resume for {cv_file} breaks the official schema ({SCHEMA_VERSION}); nothing was "
                          "written; please report this: " + "; ".join(problems[:5]))
    _write(json.dumps(document, ensure_ascii=False, indent=2) + "\n", output)
