"""``cvgen formats``: the installed output formats and whether each works here."""

from __future__ import annotations

import click

from cvgen.cli.common import handles_errors

PDF_ENGINES_NOTE = (
    "\nTwo PDF engines: WeasyPrint (pdf, the default) lays the theme's HTML/CSS out, so user CSS themes\n"
    "work; Typst (pdf-typst) is several times faster and tags every PDF: choose it for batches and previews\n"
    "with --pdf-engine typst, or settings.pdf_engine: typst in the CV."
)


@click.command("formats", epilog="\b\nExamples:\n  cvgen formats    # which of pdf, docx, latex, html, markdown, text work here\n"
               "  cvgen formats --theme ./my-theme   # and which of them a theme has layouts for")
@click.option("-t", "--theme", help="Also say which formats this theme (name or folder) supports, from its theme.toml.")
@handles_errors
def command(theme: str | None) -> None:
    """List installed output formats and whether each is usable on this machine."""
    from cvgen.backends import registry

    broken = registry.broken()  # imports every plugin once, so names() below lists only the working ones
    for name in registry.names():
        backend = registry.get(name)
        problem = backend.check()
        status = "ok" if problem is None else f"unavailable: {problem}"
        if name == "latex" and problem is None:
            from cvgen.backends.base import RenderOptions
            from cvgen.backends.tex_compile import ENGINES

            usable = [e for e in ENGINES if backend.check(RenderOptions(compile=True, engine=e)) is None]
            status += f"; --compile with: {', '.join(usable)}" if usable else "; --compile unavailable (no TeX engine)"
        aliases = f" (aliases: {', '.join(backend.aliases)})" if backend.aliases else ""
        click.echo(f"{name:<10} {backend.suffix:<6} {status}{aliases}")
        if backend.description:
            click.echo(f"{'':<17} {backend.description}")
    for name, why in broken.items():
        click.echo(f"{name:<10} {'?':<6} broken plugin: {why}")
    click.echo(PDF_ENGINES_NOTE)
    if theme is not None:
        _describe_theme(theme)


def _describe_theme(name: str) -> None:
    from cvgen.themes import resolve_theme

    chosen = resolve_theme(name)
    supports = chosen.supports() or "not declared (no formats list in its theme.toml); each format needs its own file"
    click.echo(f"theme {chosen.name}: {chosen.manifest.description or '(no description)'}")
    click.echo(f"  formats: {supports}")
    click.echo(f"  accent: {chosen.accent}")
    for fmt, instead in chosen.manifest.fallbacks:
        pages = " (its pages break differently from the PDF's)" if fmt in chosen.manifest.own_pages else ""
        click.echo(f"  {fmt}: {instead}{pages}")
