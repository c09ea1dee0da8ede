"""``cvgen theme new`` / ``cvgen theme list``: a copied theme, edited, really changes the output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cvgen
from cvgen.cli import cli
from cvgen.cli.theme_scaffold import manifest_text, new_theme
from cvgen.themes import Manifest, builtin_dir, builtin_themes, read_manifest, resolve_theme
from tests.conftest import THEMES, require_program

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sijia_liu.yaml"
NEW_ACCENT = "#8b1f3f"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cvgen", *args], capture_output=True, text=True, timeout=300)


def test_new_copies_every_file_with_a_comment_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["theme", "new", "dept", "--from", "modern", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "dept"
    from cvgen.themes import builtin_dir

    assert {p.name for p in (builtin_dir() / "modern").iterdir()} <= {p.name for p in folder.iterdir()}
    assert (folder / "style.css").read_text().startswith("/* style.css (copied from cvgen's 'modern' theme) controls")
    assert (folder / "cv.tex.j2").read_text().startswith("((= cv.tex.j2")
    assert "reference.docx" in (folder / "README.md").read_text()
    manifest = (folder / "theme.toml").read_text()
    assert manifest.count("\n#") >= 6 and 'accent = "#1f5f8b"' in manifest  # commented, with modern's accent
    # the originals are untouched
    assert (builtin_dir() / "modern" / "style.css").read_text().startswith('/* cvgen "modern" theme')

    before = (folder / "style.css").read_bytes()
    again = runner.invoke(cli, ["theme", "new", "dept", "--dir", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert (folder / "style.css").read_bytes() == before


@pytest.mark.parametrize("name", ["../up", "a/b", "", ".hidden", "classic", "x" * 65, "sp ace"])
def test_new_refuses_unsafe_or_ambiguous_names(tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(cli, ["theme", "new", name, "--dir", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert list(tmp_path.iterdir()) == []  # nothing half-made, not even the staging folder


def test_list_shows_builtin_and_local_themes(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["theme", "new", "dept", "--dir", str(tmp_path)]).exit_code == 0
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "cv.html.j2").write_text("<p></p>")
    (tmp_path / "not-a-theme").mkdir()
    out = runner.invoke(cli, ["theme", "list", str(tmp_path)]).output
    names = re.findall(r"^(\S+)\s", out, flags=re.M)
    assert names == [*builtin_themes(), "bare", "dept"]
    assert "Times-like serif" in out and "formats: html, pdf, pdf-typst, docx" in out
    assert "not declared" in out  # bare has no manifest


def test_a_copy_keeps_every_manifest_value_of_its_theme(tmp_path: Path) -> None:
    """The commented theme.toml a copy gets reads back as its original's manifest, key for key."""
    for source in THEMES:
        folder = new_theme(f"copy-{source}", tmp_path, source)
        assert read_manifest(folder) == read_manifest(builtin_dir() / source), source


def test_a_copied_manifest_keeps_fallbacks_and_explains_them(tmp_path: Path) -> None:
    """[fallbacks] (none built in yet): each sentence survives, quotes and backslashes included."""
    original = Manifest("Two columns.", "#112233", ("html", "pdf", "docx"), "inline",
                        (("docx", 'one column: the "sidebar" comes first \\ under the name'), ("pdf-typst", "the same")))
    folder = tmp_path / "sidebar-copy"
    folder.mkdir()
    text = manifest_text(original, "sidebar-copy", "sidebar")
    (folder / "theme.toml").write_text(text, encoding="utf-8")
    assert read_manifest(folder) == original
    assert "\n[fallbacks]\n" in text and "# Where a format cannot do this theme's layout" in text
    plain = manifest_text(Manifest(), "x", "classic")
    assert "\n# [fallbacks]\n" in plain  # offered, commented out, when the original has none


NEW_FONT = "DejaVu Sans Mono"
"""Installed with the system fonts and in no built-in theme's font list (checked: absent before the edit)."""
NEW_RGB = (0x8B, 0x1F, 0x3F)


def _after_last_set_text(source: str, line: str) -> str:
    """``line`` inserted after the template's last top-level one-line ``#set text(…)`` (and after the
    ``((* endif *))`` closing a block it is in): where a user overrides the font, a later rule winning."""
    lines = source.splitlines(keepends=True)
    spots = [i for i, text in enumerate(lines) if text.startswith("#set text(") and text.count("(") == text.count(")")]
    assert spots, "cv.typ.j2 has no one-line top-level #set text(...): say in docs/themes.md where its font is set"
    at = spots[-1] + 1
    while at < len(lines) and lines[at].startswith("((* end"):
        at += 1
    lines.insert(at, line + "\n")
    return "".join(lines)


def edit_colour_and_font(folder: Path, source: str) -> bool:
    """Edit a copy as its theme.toml tells a user to; True when the colour went in as the accent.

    The colour: the accent in theme.toml, or, for a theme drawn in black (no accent declared), the
    text colour in style.css and cv.typ.j2. The font: style.css and cv.typ.j2 (through fonts(…),
    the template's own way of naming families).
    """
    coloured = resolve_theme(source).manifest.accent is not None
    if coloured:
        manifest = folder / "theme.toml"
        text = manifest.read_text(encoding="utf-8")
        edited = re.sub(r'(?m)^accent = "#[0-9a-fA-F]{6}"', f'accent = "{NEW_ACCENT}"', text)
        assert edited != text
        manifest.write_text(edited, encoding="utf-8")
    css = folder / "style.css"
    colour = "" if coloured else f" color: {NEW_ACCENT};"
    css.write_text(css.read_text(encoding="utf-8") + f'\nhtml, body {{ font-family: "{NEW_FONT}", monospace;{colour} }}\n',
                   encoding="utf-8")
    typ = folder / "cv.typ.j2"
    fill = "" if coloured else f', fill: rgb("{NEW_ACCENT}")'
    typ.write_text(_after_last_set_text(typ.read_text(encoding="utf-8"), f'#set text(font: ((( fonts("{NEW_FONT}") ))){fill})'),
                   encoding="utf-8")
    return coloured


def font_names(pdf: Path) -> set[str]:
    """pdffonts' font names without the subset prefix, letters and digits only, lower case."""
    out = subprocess.run([require_program("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return {re.sub(r"[^a-z0-9]", "", name.split("+")[-1].lower()) for name in names}


def page_one_colours(pdf: Path, folder: Path) -> dict[tuple[int, int, int], int]:
    """Pixel count of each colour on page 1, drawn by Poppler (not the PDFium of -f png) at 100 DPI."""
    from PIL import Image

    prefix = folder / f"{pdf.stem}-page"
    subprocess.run([require_program("pdftoppm"), "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(prefix)], check=True, timeout=60)
    with Image.open(f"{prefix}.png") as img:
        return {rgb: n for n, rgb in img.convert("RGB").getcolors(1 << 22)}


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ["pdf", "pdf-typst"])
@pytest.mark.parametrize("source", THEMES)
def test_a_copied_theme_edited_renders_its_new_colour_and_font(tmp_path: Path, source: str, engine: str) -> None:
    """`cvgen theme new --from SOURCE`, a colour and a font edited, rendered by the CLI: both PDF
    engines draw the new colour and embed the new font, which the original theme's PDF has not."""
    assert run("theme", "new", "dept", "--from", source, "--dir", str(tmp_path)).returncode == 0
    folder = tmp_path / "dept"
    coloured = edit_colour_and_font(folder, source)
    cv = tmp_path / "cv.yaml"  # the example without its own accent, so the theme's default applies
    cv.write_text(re.sub(r"(?m)^\s*accent_colour:.*\n", "", EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    for theme, out in ((source, before), (str(folder), after)):
        done = run("render", str(cv), "--theme", theme, "--format", engine, "-o", str(out))
        assert done.returncode == 0, done.stderr

    font = re.sub(r"[^a-z0-9]", "", NEW_FONT.lower())
    assert font not in font_names(before), "pick a NEW_FONT the built-in theme does not use"
    assert font in font_names(after), font_names(after)
    old, new = page_one_colours(before, tmp_path), page_one_colours(after, tmp_path)
    assert NEW_RGB not in old and new.get(NEW_RGB, 0) > 50, new.get(NEW_RGB)  # solid pixels, not a stray one
    if coloured:  # the old accent is gone with it
        accent = resolve_theme(source).accent
        old_rgb = tuple(int(accent[i : i + 2], 16) for i in (1, 3, 5))
        assert old_rgb in old and old_rgb not in new


@pytest.mark.parametrize("source", THEMES)
def test_a_copied_theme_edited_shows_its_new_colour_and_font_in_html(tmp_path: Path, source: str) -> None:
    assert run("theme", "new", "dept", "--from", source, "--dir", str(tmp_path)).returncode == 0
    folder = tmp_path / "dept"
    edit_colour_and_font(folder, source)
    html = cvgen.render(re.sub(r"(?m)^\s*accent_colour:.*\n", "", EXAMPLE.read_text(encoding="utf-8")), "html",
                        theme=folder).decode("utf-8")
    assert NEW_ACCENT in html and f'"{NEW_FONT}"' in html
