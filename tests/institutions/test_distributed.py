"""The batch on a real Dask cluster (a LocalCluster of two worker processes): the same bytes as a
local batch, and a worker killed mid-run loses no CV and leaves no partial file."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import cvgen

pytestmark = pytest.mark.e2e

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

MAP = """\
output: "{netid}"
cv:
  person:
    name: "{name}"
    emails: [{column: email}]
  positions:
    - {title: "{title}", organization: Example University, start: "{start}"}
  publications:
    - {title: "Paper of {name}", authors: ["{name}", "B. Coauthor"], venue: Journal of Tests, date: "{start}"}
"""
FORMATS = ["text", "markdown", "html"]


def _records(n: int) -> list[dict[str, str]]:
    return [{"netid": f"p{i:03d}", "name": f"Person {i}", "email": f"p{i}@example.edu", "title": "Professor",
             "start": f"20{10 + i % 10}-0{1 + i % 9}"} for i in range(n)]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def client():  # noqa: ANN201 - a dask Client
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path / "map.yaml"


def test_cluster_output_is_byte_identical_to_a_local_batch(client, mapping: Path, tmp_path: Path) -> None:  # noqa: ANN001
    records = _records(30)
    local = cvgen.render_many(records, FORMATS, tmp_path / "local", mapping=mapping)
    on_cluster = cvgen.render_many(records, FORMATS, tmp_path / "dask", mapping=mapping, executor=client.get_executor())
    assert all(r.ok for r in local + on_cluster)
    assert [r.name for r in on_cluster] == [r.name for r in local]  # results in input order
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    assert len(_files(tmp_path / "dask")) == 90
    # The Client itself (client.submit, Dask futures) works the same way.
    again = cvgen.render_many(records[:5], FORMATS, tmp_path / "client", mapping=mapping, executor=client)
    assert all(r.ok for r in again)
    assert _files(tmp_path / "client") == {k: v for k, v in _files(tmp_path / "local").items() if k[:4] <= "p004"}


def test_a_worker_killed_mid_run(client, mapping: Path, tmp_path: Path) -> None:  # noqa: ANN001
    records = _records(120)
    cvgen.render_many(records, FORMATS, tmp_path / "local", mapping=mapping)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    seen: list[str] = []

    def kill_once(result: cvgen.BatchResult) -> None:
        seen.append(result.name)
        if len(seen) == 3:
            os.kill(victim, signal.SIGKILL)

    results = cvgen.render_many(records, FORMATS, tmp_path / "dask", mapping=mapping,
                                executor=client.get_executor(retries=2), on_result=kill_once)
    assert len(results) == 120 and len(seen) == 120  # every CV has a result…
    client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker
    assert victim not in client.run(os.getpid).values()
    local, out = _files(tmp_path / "local"), tmp_path / "dask"
    assert not list(out.glob(".*.part"))  # …no temporary file is left behind…
    for r in results:
        names = [f"{r.source.stem}{s}" for s in (".txt", ".md", ".html")]
        if r.ok:  # …each rendered CV is exactly the local render…
            assert {n: (out / n).read_bytes() for n in names} == {n: local[n] for n in names}
        else:  # …and a lost one is reported, without any of its files.
            assert "was lost twice" in (r.error or ""), r.error
            assert not any((out / n).exists() for n in names), r.error
    assert sum(r.ok for r in results) >= 110
