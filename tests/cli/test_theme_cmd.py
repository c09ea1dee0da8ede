"""``cvgen theme new`` / ``cvgen theme list``: a copied theme, edited, really changes the output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.themes import builtin_dir, builtin_themes, read_manifest
from tests.conftest import require_program

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sijia_liu.yaml"
NEW_ACCENT = "#8b1f3f"
NEW_FONT = "DejaVu Serif"  # ships with the system fonts; modern's own font is Noto Sans


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


ACCENTED = {name: read_manifest(builtin_dir() / name).accent for name in builtin_themes()}
ACCENTED = {name: accent for name, accent in ACCENTED.items() if accent}
"""The built-in themes with an accent of their own, and that accent."""


@pytest.mark.e2e
@pytest.mark.parametrize("source", sorted(ACCENTED))
def test_edited_theme_changes_colour_and_font_in_html_and_pdf(tmp_path: Path, source: str) -> None:
    old = ACCENTED[source]
    assert run("theme", "new", "dept", "--from", source, "--dir", str(tmp_path)).returncode == 0
    folder = tmp_path / "dept"
    manifest = folder / "theme.toml"
    assert f'accent = "{old}"' in manifest.read_text()
    manifest.write_text(manifest.read_text().replace(f'accent = "{old}"', f'accent = "{NEW_ACCENT}"'))
    css = folder / "style.css"
    css.write_text(css.read_text() + f'\nbody, html {{ font-family: "{NEW_FONT}", serif; }}\n')
    cv = tmp_path / "cv.yaml"  # the example without its own accent, so the theme's default applies
    cv.write_text(re.sub(r"(?m)^\s*accent_colour:.*\n", "", EXAMPLE.read_text()))

    html, pdf = tmp_path / "cv.html", tmp_path / "cv.pdf"
    for fmt, out in (("html", html), ("pdf", pdf)):
        done = run("render", str(cv), "--theme", str(folder), "--format", fmt, "-o", str(out))
        assert done.returncode == 0, done.stderr
    page = html.read_text()
    assert NEW_ACCENT in page and NEW_FONT in page and old not in page.split("</style>")[-1]

    fonts = subprocess.run([require_program("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "+DejaVu-Serif " in fonts, fonts
    # the accent is drawn: the name, headings and the rule carry exactly #8b1f3f pixels
    prefix = tmp_path / "page"
    subprocess.run([require_program("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(prefix)],
                   check=True, timeout=60)
    from PIL import Image

    with Image.open(tmp_path / "page-1.png") as img:
        colours = {rgb for _, rgb in img.convert("RGB").getcolors(1 << 20)}
    assert (0x8B, 0x1F, 0x3F) in colours
    assert tuple(bytes.fromhex(old[1:])) not in colours  # the old accent is gone
