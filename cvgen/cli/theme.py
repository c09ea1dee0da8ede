"""``cvgen theme``: make a theme of your own from a built-in one, and list the themes available."""

from __future__ import annotations

from pathlib import Path

import click

from cvgen.cli.common import handles_errors


@click.group("theme", epilog="\b\nExamples:\n  cvgen theme new mytheme --from modern   # ./mytheme, ready to edit\n"
             "  cvgen theme list                        # built-in themes and theme folders here")
def command() -> None:
    """Create and list themes (the look of the CV in every format)."""


@command.command("new", epilog="\b\nExamples:\n  cvgen theme new mytheme                 # a copy of classic in ./mytheme\n"
                 "  cvgen theme new dept --from modern --dir themes/")
@click.argument("name")
@click.option("--from", "source", default="classic", show_default=True, help="The built-in theme to copy.")
@click.option("-d", "--dir", "parent", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              help="Where to create the theme folder (default: the current directory).")
@handles_errors
def new(name: str, source: str, parent: Path) -> None:
    """Copy a built-in theme into the folder NAME, with comments on what each file controls."""
    from cvgen.cli.theme_scaffold import new_theme

    folder = new_theme(name, parent, source)
    click.echo(f"created {folder} from {source}; render with: cvgen render cv.yaml --theme ./{folder.as_posix()}")


@command.command("list", epilog="\b\nExamples:\n  cvgen theme list            # built-in themes and theme folders here\n"
                 "  cvgen theme list themes/    # and those in themes/")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@handles_errors
def list_(directory: Path) -> None:
    """Show the built-in themes and the theme folders in DIRECTORY (default: here)."""
    from cvgen.cli.theme_scaffold import list_themes

    for entry in list_themes(directory):
        click.echo(f"{entry.name:<14} {entry.where}")
        click.echo(f"  {entry.manifest.description or '(no description)'}")
        formats = ", ".join(entry.manifest.formats or ()) or "not declared (each format needs its file)"
        click.echo(f"  formats: {formats}")
        for fmt, instead in entry.manifest.fallbacks:
            pages = " (its pages break differently from the PDF's)" if fmt in entry.manifest.own_pages else ""
            click.echo(f"  {fmt}: {instead}{pages}")
