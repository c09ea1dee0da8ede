"""The example plugin in examples/plugin/ really works as a separately installed package.

It is pip-installed (no dependencies, no network) into a fresh virtual environment that
sees this project's packages through a ``.pth`` file, then used through the CLI and the Python API
exactly as docs/plugins.md shows. Nothing is registered by hand: cvgen must find the backend through
its ``cvgen.backends`` entry point.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "examples" / "plugin" / "cvgen-annual-report"
EXAMPLE = ROOT / "examples" / "sijia_liu.yaml"


def _run(*cmd: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=120)
    assert result.returncode == 0, f"{cmd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def plugin_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interpreter of a fresh venv with the example plugin installed into it."""
    tmp = tmp_path_factory.mktemp("plugin")
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    target_site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    # The project's own site-packages, processed as a site dir so its editable-install .pth files work.
    project_site = sysconfig.get_paths()["purelib"]
    (target_site / "_cvgen_project.pth").write_text(f"import site; site.addsitedir({project_site!r})\n")
    package = tmp / "cvgen-annual-report"
    shutil.copytree(PLUGIN, package, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__", "build", "dist"))
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--no-build-isolation", "--no-index", package)
    return python


def test_installed_plugin_is_listed(plugin_python: Path) -> None:
    out = _run(plugin_python, "-m", "cvgen", "formats").stdout
    line = next((x for x in out.splitlines() if x.startswith("annual-report")), "")
    assert ".txt" in line and "ok" in line, out
    assert "broken plugin" not in out


def test_installed_plugin_renders_from_the_cli(plugin_python: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    _run(plugin_python, "-m", "cvgen", "render", EXAMPLE, "--format", "annual-report",
         "--since", "2024-01", "--until", "2024-12", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Annual activity report: Sijia Liu\n")
    assert "National Science Foundation (NSF) CAREER Award (2024)" in text
    assert "SalUn: Empowering Machine Unlearning" in text  # a 2024 publication
    assert "Best Student Paper Award at 42nd ICASSP" not in text  # 2017: outside the period
    assert "Totals" in text


def test_installed_plugin_renders_from_python(plugin_python: Path) -> None:
    script = (
        "import cvgen\n"
        f"text = cvgen.render({str(EXAMPLE)!r}, 'annual').decode()\n"  # the alias works too
        "print(text)\n"
    )
    text = _run(plugin_python, "-c", script).stdout
    assert "Best Student Paper Award at 42nd ICASSP (2017)" in text
    counted = {line.split(":")[0].strip(): int(line.split(":")[1]) for line in text.split("Totals\n")[1].splitlines() if ":" in line}
    listed = sum(1 for line in text.split("Totals\n")[0].splitlines() if line.startswith("  - "))
    assert sum(counted.values()) == listed > 20


def test_plugin_absent_from_the_project_env() -> None:
    """The test above proves discovery: the plugin is not simply importable from here."""
    out = _run(sys.executable, "-m", "cvgen", "formats").stdout
    assert "annual-report" not in out
