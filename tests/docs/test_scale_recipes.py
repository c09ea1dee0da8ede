"""The "Past one machine" recipes of docs/benchmarks.md run for real: the Dask bag on a local Dask
cluster, the Celery task through a real Celery worker.

Only the data of each recipe is changed (which CV files, which output folder, which broker): the
code the reader copies is the code that runs. A Redis server or a cluster is not available here,
so Dask runs a LocalCluster inside this process and Celery's broker and result store are kombu's
in-memory transport, with a worker thread consuming the queue as `celery worker` would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.docs.snippets import DOCS, blocks

pytestmark = pytest.mark.e2e

PAGE = DOCS / "benchmarks.md"
SOURCES = [EXAMPLES / "sijia_liu.yaml", EXAMPLES / "optml_lab.yaml"]


def recipe(marker: str) -> str:
    """The Python block of the page that contains ``marker``."""
    (block,) = [b for b in blocks(PAGE) if b.lang == "python" and marker in b.code]
    return block.code


def with_data(code: str, replacements: dict[str, str]) -> str:
    """The recipe with its example data replaced; a replacement that no longer matches fails loudly."""
    for old, new in replacements.items():
        assert old in code, f"docs/benchmarks.md no longer contains {old!r}; update this test"
        code = code.replace(old, new)
    return code


def test_dask_recipe_renders_every_cv(tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    code = with_data(recipe("import dask.bag"), {
        '["cvs/a.yaml", "cvs/b.yaml"]': repr([str(p) for p in SOURCES]),
        '"/shared/out"': repr(str(tmp_path)),
    })
    namespace: dict[str, object] = {}
    with LocalCluster(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster):  # the bag's compute() goes to this cluster's worker
        exec(compile(code, f"{PAGE}:dask", "exec"), namespace)  # noqa: S102 - the docs' own example
    assert namespace["failed"] == []
    results = namespace["results"]
    assert [r.source for r in results] == SOURCES
    written = sorted(p.name for r in results for p in r.outputs)
    assert written == ["optml_lab.docx", "optml_lab.pdf", "sijia_liu.docx", "sijia_liu.pdf"]
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in tmp_path.glob("*.pdf"))


def test_celery_recipe_renders_through_a_worker(tmp_path: Path) -> None:
    from celery.contrib.testing.worker import start_worker

    code = with_data(recipe("from celery import Celery"), {
        'broker="redis://localhost:6379/0", backend="redis://localhost:6379/1"':
            'broker="memory://", backend="cache+memory://"',
    })
    namespace: dict[str, object] = {}
    exec(compile(code, f"{PAGE}:celery", "exec"), namespace)  # noqa: S102 - the docs' own example
    app, render_cv = namespace["app"], namespace["render_cv"]
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        result = render_cv.delay(str(SOURCES[0]), ["pdf"], str(tmp_path)).get(timeout=300)
    assert result["error"] is None and result["exit_code"] == 0
    assert result["outputs"] == [str(tmp_path / "sijia_liu.pdf")]
    assert (tmp_path / "sijia_liu.pdf").read_bytes()[:5] == b"%PDF-"
