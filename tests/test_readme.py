"""The README's Python examples run as written (in a scratch folder holding a copy of examples/)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_python_examples() -> None:
    assert BLOCKS, "the README shows the Python API"


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_python_block_runs(index: int, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        namespace: dict[str, object] = {}
        exec(compile(BLOCKS[index], f"README.md[python block {index}]", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)
    written = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    if "render_to_file" in BLOCKS[index]:
        assert "sijia_liu.docx" in written
        assert (tmp_path / "sijia_liu.docx").read_bytes()[:2] == b"PK"
    if "render(cv" in BLOCKS[index]:
        assert "pdf" in namespace and bytes(namespace["pdf"]).startswith(b"%PDF")  # type: ignore[arg-type]
