"""Every code example in docs/ runs: Python blocks execute, `cvgen …` shell lines succeed.

Each page runs in a fresh scratch folder holding a copy of examples/, in a subprocess so that a
page registering a backend or changing folder cannot affect another. YAML blocks that are CV
fragments (top-level keys of the CV) are loaded too, in the same folder and order, so no example
teaches a key that does not exist. The directives a page can use are listed in snippets.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.docs.run_page import SKIPPED
from tests.docs.snippets import PYTHON, ROOT, SHELL, Block, blocks, pages

RUNNER = Path(__file__).with_name("run_page.py")


def _is_cv_fragment(block: Block) -> bool:
    """A YAML block whose top-level keys are all keys of a CV file (``person`` may be left out)."""
    import cvgen

    if block.lang not in ("yaml", "yml") or block.page.endswith("reference.md"):
        return False  # reference.md is generated; scripts/docs_reference.py checks each example against its model
    try:
        data = yaml.safe_load(block.code)
    except yaml.YAMLError:
        return True  # broken YAML in the docs: let the runner report it
    return isinstance(data, dict) and bool(data) and set(data) <= set(cvgen.CV.model_fields)


def _kind(block: Block) -> str:
    if block.lang in PYTHON:
        return "python"
    return "yaml-cv" if _is_cv_fragment(block) else "shell"


def _runnable(block: Block) -> bool:
    if "skip-test" in block.directives:
        return False
    if "write" in block.directives or _is_cv_fragment(block):
        return True
    return block.lang in PYTHON or (block.lang in SHELL and bool(block.commands()))


def _pages_with_examples() -> list[Path]:
    return [p for p in pages() if any(_runnable(b) for b in blocks(p))]


@pytest.mark.parametrize("page", _pages_with_examples(), ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("out", "__pycache__"))
    spec = {"blocks": [
        {"where": b.where, "lang": b.lang, "code": b.code, "directives": b.directives,
         "kind": _kind(b), "commands": b.commands()}
        for b in blocks(page) if _runnable(b)
    ]}
    spec_file = tmp_path / ".blocks.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    result = subprocess.run([sys.executable, str(RUNNER), str(spec_file)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    if result.returncode == SKIPPED:
        pytest.skip(result.stderr.strip().splitlines()[-1])
    assert result.returncode == 0, result.stderr[-6000:] + "\n" + result.stdout[-2000:]


def test_skipped_examples_are_rare_and_explained() -> None:
    skipped = [b for p in pages() for b in blocks(p) if "skip-test" in b.directives]
    total = [b for p in pages() for b in blocks(p) if b.lang in PYTHON | SHELL]
    assert all(b.directives["skip-test"].strip() for b in skipped), "say why a block is skipped"
    assert len(skipped) * 5 <= len(total), [b.where for b in skipped]
