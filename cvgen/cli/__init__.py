"""The ``cvgen`` command. Subcommands live in their own modules and import engines lazily."""

from __future__ import annotations

import click

from cvgen.version import __version__

EPILOG = """\b
Examples:
  cvgen render cv.yaml --format pdf          # cv.pdf next to cv.yaml
  cvgen render cv.yaml --format all -o out/  # PDF, DOCX, LaTeX and HTML in out/
  cvgen validate cv.yaml                     # check without rendering
  cvgen new my_cv.yaml                       # a starter file to edit
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}, epilog=EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="cvgen")
def cli() -> None:
    """Turn one YAML file describing an academic career into PDF, Word, LaTeX and HTML CVs."""


def _add_commands() -> None:
    """Every module of this package that defines ``command`` is a subcommand (keep them light)."""
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "command"):
            cli.add_command(module.command)


_add_commands()


def main() -> None:
    from cvgen.isolation import own_process

    own_process()  # this process is cvgen's: built-in renders run under the resource limits
    cli(prog_name="cvgen")
