"""Every code example in docs/ runs: Python blocks execute, `cvgen …` shell lines succeed.

Each page runs in a fresh scratch folder holding a copy of examples/, in a subprocess so that a
page registering a backend or changing folder cannot affect another. YAML blocks that are CV
fragments (top-level keys of the CV) are loaded too, so no example teaches a key that does not exist.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.docs.snippets import PYTHON, ROOT, SHELL, Block, blocks, pages

RUNNER = Path(__file__).with_name("run_page.py")


def _runnable(block: Block) -> bool:
    if "skip-test" in block.directives:
        return False
    if "write" in block.directives:
        return True
    return block.lang in PYTHON or (block.lang in SHELL and bool(block.commands()))


def _pages_with_examples() -> list[Path]:
    return [p for p in pages() if any(_runnable(b) for b in blocks(p))]


@pytest.mark.parametrize("page", _pages_with_examples(), ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("out", "__pycache__"))
    spec = {"blocks": [
        {"where": b.where, "lang": b.lang, "code": b.code, "directives": b.directives,
         "kind": "python" if b.lang in PYTHON else "shell", "commands": b.commands()}
        for b in blocks(page) if _runnable(b)
    ]}
    spec_file = tmp_path / ".blocks.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    result = subprocess.run([sys.executable, str(RUNNER), str(spec_file)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-6000:] + "\n" + result.stdout[-2000:]


def test_skipped_examples_are_rare_and_explained() -> None:
    skipped = [b for p in pages() for b in blocks(p) if "skip-test" in b.directives]
    total = [b for p in pages() for b in blocks(p) if b.lang in PYTHON | SHELL]
    assert all(b.directives["skip-test"].strip() for b in skipped), "say why a block is skipped"
    assert len(skipped) * 5 <= len(total), [b.where for b in skipped]


def _cv_fragments() -> list[Block]:
    import cvgen

    keys = set(cvgen.CV.model_fields)
    out = []
    for page in pages():
        if page.name == "reference.md":
            continue  # generated; cvgen.docs_reference validates each example against its own model
        for b in blocks(page):
            if b.lang not in ("yaml", "yml") or "skip-test" in b.directives:
                continue
            data = yaml.safe_load(b.code)
            if isinstance(data, dict) and data and set(data) <= keys:
                out.append(b)
    return out


@pytest.mark.parametrize("block", _cv_fragments(), ids=lambda b: b.where)
def test_yaml_examples_are_valid_cv_fragments(block: Block) -> None:
    import cvgen

    data = yaml.safe_load(block.code)
    data.setdefault("person", {"name": "Ada Lovelace"})
    cvgen.load(data)
