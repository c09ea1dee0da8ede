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


class _LazyGroup(click.Group):
    """Every module of this package that defines ``command`` is a subcommand, imported only when it runs.

    ``cvgen render`` then never imports the import/export/watch code (a tenth of its start-up); the
    module ``import_`` is the command ``import``. ``cvgen --help`` imports them all to list them.
    """

    def _modules(self) -> dict[str, str]:
        import pkgutil

        return {info.name.rstrip("_"): info.name for info in pkgutil.iter_modules(__path__) if info.name != "common"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._modules()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        module_name = self._modules().get(cmd_name) if found is None else None
        if module_name is not None:
            import importlib

            found = getattr(importlib.import_module(f"{__name__}.{module_name}"), "command", None)
            if found is not None and found.name == cmd_name:
                self.add_command(found)
            else:
                found = None
        return found


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="cvgen")
def cli() -> None:
    """Turn one YAML file describing an academic career into PDF, Word, LaTeX and HTML CVs."""


def main() -> None:
    from cvgen.isolation import own_process

    own_process()  # this process is cvgen's: built-in renders run under the resource limits
    cli(prog_name="cvgen")
