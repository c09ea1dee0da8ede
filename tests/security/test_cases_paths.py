"""Hardening I, items 1 and 5: nothing a theme or a CV names is read from outside an allowed folder.

The rule (cvgen/containment.py): a path written in a file is resolved from that file's folder, its
symlinks followed, and must land inside the CV's folder, the theme folder or a folder the user
named (``--theme DIR``, ``--allow DIR``). Each attack is run through the command line or the API.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cvgen
from cvgen.errors import InputError, RenderError, UsageError
from cvgen.themes import builtin_dir
from tests.security.test_cases_resources import png_bytes

SECRET = "SECRET-0f3c-CONTENT"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cvgen", *args], capture_output=True, text=True, timeout=180, cwd=cwd)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside every allowed folder (stands in for /etc/passwd or an SSH key)."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    path = outside / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def user_theme(folder: Path) -> Path:
    """A copy of the built-in classic theme: a user theme folder an attacker may have edited."""
    shutil.copytree(builtin_dir() / "classic", folder)
    return folder


def write_cv(folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cv.yaml"
    path.write_text("person:\n  name: Ada Lovelace\n" + extra, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- 1: theme symlinks


def test_stylesheet_linked_outside_the_theme_is_refused(tmp_path: Path, secret: Path) -> None:
    theme = user_theme(tmp_path / "theme")
    (theme / "style.css").unlink()
    (theme / "style.css").symlink_to(secret)
    cv = write_cv(tmp_path / "cv")
    out = tmp_path / "out.html"
    proc = cli("render", str(cv), "-f", "html", "--theme", str(theme), "-o", str(out))
    assert proc.returncode != 0 and not out.exists()
    assert "style.css" in proc.stderr and "leads outside the allowed folders" in proc.stderr
    assert SECRET not in proc.stderr + proc.stdout


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_template_include_linked_outside_the_theme_is_refused(tmp_path: Path, secret: Path, fmt: str) -> None:
    theme = user_theme(tmp_path / "theme")
    (theme / "leak").symlink_to(secret)
    page = (theme / "cv.html.j2").read_text(encoding="utf-8")
    (theme / "cv.html.j2").write_text(page.replace("</body>", '{% include "leak" %}</body>'), encoding="utf-8")
    cv = write_cv(tmp_path / "cv")
    out = tmp_path / f"out.{fmt}"
    proc = cli("render", str(cv), "-f", fmt, "--theme", str(theme), "-o", str(out))
    assert proc.returncode == 1 and not out.exists()
    assert "cv.html.j2" in proc.stderr or "leak" in proc.stderr
    assert "security error" in proc.stderr and "leads outside the allowed folders" in proc.stderr
    assert SECRET not in proc.stderr + proc.stdout


def test_template_linked_to_a_file_inside_the_theme_still_works(tmp_path: Path) -> None:
    """Containment is about where a link lands, not links as such: one inside the folder is fine."""
    theme = user_theme(tmp_path / "theme")
    (theme / "part.txt").write_text("INSIDE-PART", encoding="utf-8")
    (theme / "link").symlink_to(theme / "part.txt")
    page = (theme / "cv.html.j2").read_text(encoding="utf-8")
    (theme / "cv.html.j2").write_text(page.replace("</body>", '{% include "link" %}</body>'), encoding="utf-8")
    html = cvgen.render({"person": {"name": "Ada"}}, "html", theme=theme).decode()
    assert "INSIDE-PART" in html


def test_reference_docx_linked_outside_the_theme_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(builtin_dir() / "classic" / "reference.docx", elsewhere / "reference.docx")
    theme = user_theme(tmp_path / "theme")
    (theme / "reference.docx").unlink()
    (theme / "reference.docx").symlink_to(elsewhere / "reference.docx")
    with pytest.raises(UsageError, match="reference.docx.*leads outside the allowed folders"):
        cvgen.render({"person": {"name": "Ada"}}, "docx", theme=theme)


# ----------------------------------------------------------------------------- 5: settings.theme


def test_relative_settings_theme_is_found_from_the_cv_folder_not_the_cwd(tmp_path: Path) -> None:
    theme = user_theme(tmp_path / "cv" / "mytheme")
    (theme / "style.css").write_text((theme / "style.css").read_text() + "\n/* MYTHEME-MARK */\n")
    cv = write_cv(tmp_path / "cv", "settings:\n  theme: mytheme\n")
    elsewhere = tmp_path / "run-from-here"
    elsewhere.mkdir()
    out = tmp_path / "out.html"
    proc = cli("render", str(cv), "-f", "html", "-o", str(out), cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert "MYTHEME-MARK" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["absolute", "parent"])
def test_settings_theme_outside_the_cv_folder_is_refused_with_its_location(tmp_path: Path, where: str) -> None:
    planted = user_theme(tmp_path / "tmp-of-another-user" / "theme")
    named = str(planted) if where == "absolute" else "../tmp-of-another-user/theme"
    cv = write_cv(tmp_path / "cv", f"settings:\n  theme: {named}\n")
    out = tmp_path / "out.html"
    proc = cli("render", str(cv), "-f", "html", "-o", str(out))
    assert proc.returncode == 2 and not out.exists()
    assert f"{cv}:4:10: settings.theme:" in proc.stderr
    assert "leads outside the allowed folders" in proc.stderr and "--allow DIR" in proc.stderr
    # The user can still allow it, explicitly.
    proc = cli("render", str(cv), "-f", "html", "-o", str(out), "--allow", str(planted.parent))
    assert proc.returncode == 0, proc.stderr


def test_settings_theme_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    planted = user_theme(tmp_path / "elsewhere" / "theme")
    folder = tmp_path / "cv"
    cv = write_cv(folder, "settings:\n  theme: ./mytheme\n")
    (folder / "mytheme").symlink_to(planted)
    with pytest.raises(InputError) as caught:
        cvgen.render(cv, "html")
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (4, "settings.theme") and "leads outside" in problem.message


def test_missing_settings_theme_names_the_built_in_ones(tmp_path: Path) -> None:
    cv = write_cv(tmp_path / "cv", "settings:\n  theme: ./nope\n")
    with pytest.raises(InputError, match="neither a built-in theme"):
        cvgen.render(cv, "html")


def test_built_in_theme_names_still_work_from_yaml(tmp_path: Path) -> None:
    cv = write_cv(tmp_path / "cv", "settings:\n  theme: modern\n")
    assert cvgen.render(cv, "html") == cvgen.render(cv, "html", theme="modern")


# ----------------------------------------------------------------------------- photos and .bib


def test_photo_outside_is_refused_unless_its_folder_is_allowed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "me.png").write_bytes(png_bytes())
    cv = write_cv(tmp_path / "cv", "  photo: ../shared/me.png\n")
    with pytest.raises(InputError, match="--allow DIR"):
        cvgen.load_cv(cv)
    assert cvgen.load_cv(cv, allow=(shared,)).photo is not None
    out = tmp_path / "out.html"
    proc = cli("render", str(cv), "-f", "html", "-o", str(out), "--allow", str(shared))
    assert proc.returncode == 0, proc.stderr and out.exists()


def test_bib_outside_or_linked_out_is_refused_with_its_location(tmp_path: Path) -> None:
    bib = tmp_path / "elsewhere" / "refs.bib"
    bib.parent.mkdir()
    bib.write_text("@article{k, title={T}, author={Lovelace, Ada}, journal={J}, year={2020}}\n")
    folder = tmp_path / "cv"
    cv = write_cv(folder, "publications_from:\n  bibtex: refs.bib\n")
    (folder / "refs.bib").symlink_to(bib)
    proc = cli("validate", str(cv))
    assert proc.returncode == 2
    assert f"{cv}:4:11: publications_from.bibtex:" in proc.stderr and "leads outside" in proc.stderr
    proc = cli("validate", str(cv), "--allow", str(bib.parent))
    assert proc.returncode == 0, proc.stderr


def test_theme_named_on_the_command_line_is_an_allowed_root(tmp_path: Path) -> None:
    """--theme DIR is the user's own choice: a photo kept in that folder may be used."""
    theme = user_theme(tmp_path / "theme")
    (theme / "me.png").write_bytes(png_bytes())
    cv = write_cv(tmp_path / "cv", f"  photo: {theme / 'me.png'}\n")
    out = tmp_path / "out.html"
    proc = cli("render", str(cv), "-f", "html", "-o", str(out), "--theme", str(theme))
    assert proc.returncode == 0, proc.stderr
    with pytest.raises(InputError, match="leads outside"):
        cvgen.render(cv, "html")


def test_template_name_cannot_climb_out(tmp_path: Path, secret: Path) -> None:
    """``{% include "../elsewhere/secret.txt" %}``: Jinja's own check, kept by the contained loader."""
    theme = user_theme(tmp_path / "theme")
    page = (theme / "cv.html.j2").read_text(encoding="utf-8")
    (theme / "cv.html.j2").write_text(page.replace("</body>", '{% include "../elsewhere/secret.txt" %}</body>'))
    with pytest.raises(RenderError) as caught:
        cvgen.render({"person": {"name": "Ada"}}, "html", theme=theme)
    assert SECRET not in str(caught.value)


def test_manifest_linked_outside_the_theme_is_refused(tmp_path: Path, secret: Path) -> None:
    theme = user_theme(tmp_path / "theme")
    (theme / "theme.toml").unlink()
    (theme / "theme.toml").symlink_to(secret)
    with pytest.raises(UsageError, match="theme.toml.*leads outside"):
        cvgen.render({"person": {"name": "Ada"}}, "html", theme=theme)


@pytest.mark.parametrize("name", ["/etc/hostname", "sub/../../elsewhere/secret.txt", "..\\elsewhere\\secret.txt"])
def test_include_of_an_absolute_or_climbing_name_reads_nothing_outside(tmp_path: Path, secret: Path, name: str) -> None:
    theme = user_theme(tmp_path / "theme")
    page = (theme / "cv.html.j2").read_text(encoding="utf-8")
    (theme / "cv.html.j2").write_text(page.replace("</body>", '{% include "' + name + '" %}</body>'))
    with pytest.raises(RenderError) as caught:
        cvgen.render({"person": {"name": "Ada"}}, "html", theme=theme)
    assert SECRET not in str(caught.value)


def test_pdf_theme_resource_linked_outside_is_refused(tmp_path: Path, secret: Path) -> None:
    """The PDF fetcher goes through the same containment: a linked image in the theme is refused."""
    theme = user_theme(tmp_path / "theme")
    (theme / "logo.png").symlink_to(secret)
    (theme / "style.css").write_text((theme / "style.css").read_text() + '\nbody { background: url("logo.png") }\n')
    with pytest.raises(RenderError, match="logo.png"):
        cvgen.render({"person": {"name": "Ada"}}, "pdf", theme=theme)


@pytest.mark.parametrize("where", ["absolute", "parent", "symlink"])
def test_citation_style_outside_the_cv_folder_is_refused_with_its_location(tmp_path: Path, where: str) -> None:
    """A .csl named in settings.publications.style obeys the same rule (--style FILE is the user's own)."""
    csl = tmp_path / "elsewhere" / "style.csl"
    csl.parent.mkdir()
    csl.write_text("<style/>", encoding="utf-8")
    folder = tmp_path / "cv"
    named = {"absolute": str(csl), "parent": "../elsewhere/style.csl", "symlink": "mine.csl"}[where]
    cv = write_cv(folder, f"settings:\n  publications:\n    style: {named}\n")
    if where == "symlink":
        (folder / "mine.csl").symlink_to(csl)
    proc = cli("validate", str(cv))
    assert proc.returncode == 2
    assert f"{cv}:5:12: settings.publications.style:" in proc.stderr and "leads outside" in proc.stderr


@pytest.mark.parametrize("reference", ["file://{secret}", "http://127.0.0.1:9/x.png", "{secret}"])
def test_theme_svg_in_a_pdf_cannot_pull_a_file_or_url(tmp_path: Path, secret: Path, reference: str) -> None:
    """An SVG image of the theme is laid out through the same fetcher: its own references are refused."""
    theme = user_theme(tmp_path / "theme")
    target = reference.replace("{secret}", str(secret))
    (theme / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                                    f'<image href="{target}" width="10" height="10"/></svg>', encoding="utf-8")
    (theme / "style.css").write_text((theme / "style.css").read_text() + '\nbody { background: url("logo.svg") }\n')
    with pytest.raises(RenderError) as caught:
        cvgen.render({"person": {"name": "Ada"}}, "pdf", theme=theme)
    assert SECRET not in str(caught.value)
