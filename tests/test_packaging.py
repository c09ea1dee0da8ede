"""The built wheel works on its own: templates, schema, starter and py.typed ship; the command runs from it.

A fresh venv gets the wheel (no dependencies); the project venv's site-packages is appended to its
path by a .pth file so dependencies resolve offline, while ``cvgen`` itself must come from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from cvgen.themes import builtin_themes

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sijia_liu.yaml"


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT, cwd=out)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (found,) = out.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    target = home / "venv"
    proc = _run(sys.executable, "-m", "venv", "--without-pip", target, cwd=home)
    assert proc.returncode == 0, proc.stderr
    python = target / "bin" / "python"
    proc = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=home).stdout.strip())
    # Dependencies from the project venv, searched after the wheel's own files (.pth lines are appended).
    (site / "zz_cvgen_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return target


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CVGEN_DEBUG", "VIRTUAL_ENV")}
    return env


def test_wheel_contents(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for theme in builtin_themes():
        files = [n for n in names if n.startswith(f"cvgen/templates/{theme}/")]
        assert files, f"theme {theme} is missing from the wheel"
        assert f"cvgen/templates/{theme}/cv.html.j2" in names
    for required in ("cvgen/py.typed", "cvgen/cvgen.schema.json", "cvgen/starter.yaml", "cvgen/__init__.py",
                     "cvgen/cli/__init__.py", "cvgen/loader/strict_yaml.py"):
        assert required in names, required
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")]
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "cvgen = cvgen.cli:main" in entry_points
    assert "[cvgen.backends]" in entry_points and "html = cvgen.backends.html:HtmlBackend" in entry_points


def test_installed_package_comes_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    code = (
        "import cvgen, cvgen.themes, json\n"
        "print(json.dumps([cvgen.__file__, str(cvgen.themes.builtin_dir()), cvgen.themes.builtin_themes()]))\n"
    )
    proc = _run(venv / "bin" / "python", "-c", code, cwd=tmp_path, env=_env())
    assert proc.returncode == 0, proc.stderr
    import json

    module_file, templates, themes = json.loads(proc.stdout)
    assert Path(module_file).is_relative_to(venv), module_file
    assert Path(templates).is_relative_to(venv), templates
    assert {"classic", "modern"} <= set(themes)


def test_installed_command_validates_and_renders(venv: Path, tmp_path: Path) -> None:
    cvgen = venv / "bin" / "cvgen"
    proc = _run(cvgen, "validate", EXAMPLE, cwd=tmp_path, env=_env())
    assert proc.returncode == 0, proc.stderr
    assert "ok (10 publications, 7 talks)" in proc.stdout

    out = tmp_path / "cv.html"
    proc = _run(cvgen, "render", EXAMPLE, "--format", "html", "-o", out, cwd=tmp_path, env=_env())
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "Sijia Liu" in html and "Five Representative Publications in" in html

    bad = tmp_path / "bad.yaml"
    bad.write_text("person:\n  name: A\npublicatons: []\n", encoding="utf-8")
    proc = _run(cvgen, "validate", bad, cwd=tmp_path, env=_env())
    assert proc.returncode == 2
    assert f"{bad}:3:1: publicatons: unknown field 'publicatons'; did you mean 'publications'?" in proc.stderr


def test_installed_new_writes_the_packaged_starter_and_schema(venv: Path, tmp_path: Path) -> None:
    proc = _run(venv / "bin" / "cvgen", "new", tmp_path / "cv.yaml", cwd=tmp_path, env=_env())
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "cv.yaml").read_text(encoding="utf-8") == (ROOT / "cvgen" / "starter.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "cvgen.schema.json").read_text(encoding="utf-8") == (
        ROOT / "cvgen" / "cvgen.schema.json").read_text(encoding="utf-8")
