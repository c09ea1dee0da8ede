"""cvgen.batch: many CVs, worker processes, failures and hard crashes isolated per file."""

from __future__ import annotations

import html
import os
import signal
from pathlib import Path
from typing import ClassVar

import pytest

from cvgen import batch
from cvgen.backends import registry
from cvgen.backends.base import Backend
from cvgen.errors import UsageError

SMALL_CV = """\
person:
  name: {name}
  emails: [person{n}@example.org]
education:
  - degree: Ph.D.
    institution: University {n}
    end: 2020-05
publications:
  - title: Paper number {n}
    authors: ["{short}", "B. Coauthor"]
    venue: Journal of Tests
    date: 2023-0{month}
"""

BROKEN_CV = """\
person:
  name: Broken Person
publications:
  - title: A paper
    authors: [X. Y]
    date: 2023-13
"""


def write_cvs(folder: Path, count: int, names: dict[int, str] | None = None) -> list[Path]:
    """``count`` small valid CVs, each with a distinct name (``names`` overrides some)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        name = (names or {}).get(n, f"Person Number{n}")
        path = folder / f"cv_{n:03d}.yaml"
        path.write_text(SMALL_CV.format(name=name, n=n, short=f"P. Number{n}", month=1 + n % 9), encoding="utf-8")
        paths.append(path)
    return paths


def test_200_cvs_with_one_broken_render_199_and_report_the_one(tmp_path: Path) -> None:
    paths = write_cvs(tmp_path / "in", 200)
    paths[57].write_text(BROKEN_CV, encoding="utf-8")
    seen: list[batch.BatchResult] = []

    results = batch.render_many(paths, ["html"], output_dir=tmp_path / "out", jobs=2, on_result=seen.append)

    assert [r.source for r in results] == paths  # input order, whatever order they finished in
    assert len(seen) == 200
    ok = [r for r in results if r.ok]
    assert len(ok) == 199
    bad = results[57]
    assert bad.exit_code == 2 and bad.problems >= 1 and bad.outputs == ()
    assert f"{paths[57]}:6:" in (bad.error or "")  # file:line:col of the impossible month
    assert not (tmp_path / "out" / "cv_057.html").exists()
    for n in (0, 1, 100, 199):
        page = (tmp_path / "out" / f"cv_{n:03d}.html").read_text(encoding="utf-8")
        assert f"Person Number{n}" in html.unescape(page)
        assert f"Paper number {n}" in page
        assert results[n].outputs == (tmp_path / "out" / f"cv_{n:03d}.html",)
        assert results[n].elapsed > 0
    assert batch.exit_status(results) == 2


def test_in_process_and_worker_runs_agree(tmp_path: Path) -> None:
    paths = write_cvs(tmp_path / "in", 6)
    one = batch.render_many(paths, "html", output_dir=tmp_path / "a", jobs=1)
    two = batch.render_many(paths, "html", output_dir=tmp_path / "b", jobs=3)
    assert all(r.ok for r in one + two)
    for n in range(6):
        a = (tmp_path / "a" / f"cv_{n:03d}.html").read_bytes()
        b = (tmp_path / "b" / f"cv_{n:03d}.html").read_bytes()
        assert a == b and b"Person Number" in a


def test_outputs_default_to_next_to_the_source(tmp_path: Path) -> None:
    paths = write_cvs(tmp_path, 2)
    results = batch.render_many(paths, ["htm"], jobs=1)  # aliases are accepted
    assert [r.outputs for r in results] == [(p.with_suffix(".html"),) for p in paths]


class _Crashy(Backend):
    """Test-only format: a CV whose name contains "Crash" kills its worker hard, "Raise" raises."""

    name: ClassVar[str] = "crashy-test"
    suffix: ClassVar[str] = ".txt"

    def render(self, doc, theme, options):  # type: ignore[no-untyped-def]
        if "Crash" in doc.header.name:
            os._exit(7)
        if "Kill" in doc.header.name:
            os.kill(os.getpid(), signal.SIGKILL)
        if "Raise" in doc.header.name:
            raise ValueError("engine blew up")
        return f"rendered {doc.header.name}\n"


@pytest.fixture
def crashy():
    registry.register(_Crashy, force=True)  # workers are forked, so they inherit the registration
    yield _Crashy.name
    registry.unregister(_Crashy.name)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers inherit a run-time registration only when forked")
def test_a_worker_crash_is_reported_for_that_file_and_the_others_complete(tmp_path: Path, crashy: str) -> None:
    paths = write_cvs(tmp_path / "in", 12, names={3: "Crash Test", 8: "Kill Test", 10: "Raise Test"})

    results = batch.render_many(paths, [crashy], output_dir=tmp_path / "out", jobs=2)

    crashed, killed, raised = results[3], results[8], results[10]
    assert crashed.exit_code == 1 and "crashed (exit status 7)" in (crashed.error or "")
    assert str(paths[3]) in (crashed.error or "")
    assert killed.exit_code == 1 and "SIGKILL" in (killed.error or "")
    assert raised.exit_code == 1 and "engine blew up" in (raised.error or "")
    others = [r for i, r in enumerate(results) if i not in (3, 8, 10)]
    assert len(others) == 9 and all(r.ok for r in others)
    for i in range(len(results)):
        if i not in (3, 8, 10):
            assert (tmp_path / "out" / f"cv_{i:03d}.txt").read_text() == f"rendered Person Number{i}\n"
    assert batch.exit_status(results) == 1


def test_render_one_never_raises(tmp_path: Path) -> None:
    missing = batch.render_one(tmp_path / "nope.yaml", ["html"])
    assert not missing.ok and missing.exit_code == 2 and "nope.yaml" in (missing.error or "")
    good = batch.render_one(write_cvs(tmp_path, 1)[0], ["html"], tmp_path / "out")
    assert good.ok and good.outputs[0].read_text(encoding="utf-8").count("Person Number0") >= 1


def test_two_cvs_writing_the_same_file_are_refused_before_any_work(tmp_path: Path) -> None:
    a = write_cvs(tmp_path / "a", 1)[0]
    b = write_cvs(tmp_path / "b", 1)[0]
    with pytest.raises(UsageError, match="would both write"):
        batch.render_many([a, b], ["html"], output_dir=tmp_path / "out")
    assert not (tmp_path / "out" / "cv_000.html").exists()


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown format"):
        batch.render_many([], ["nosuchformat"])


@pytest.mark.parametrize(
    ("codes", "expected"), [((0, 0), 0), ((0, 2), 2), ((2, 2), 2), ((2, 1), 1), ((0, 1), 1)]
)
def test_exit_status(codes: tuple[int, ...], expected: int) -> None:
    results = [batch.BatchResult(Path(f"{i}.yaml"), exit_code=c) for i, c in enumerate(codes)]
    assert batch.exit_status(results) == expected


def test_render_many_is_exported_lazily() -> None:
    import subprocess
    import sys

    code = "import cvgen, sys; assert 'cvgen.batch' not in sys.modules; f = cvgen.render_many; print(f.__module__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "cvgen.batch"


@pytest.mark.e2e
def test_pdf_in_forked_workers_after_the_parent_rendered_one(tmp_path: Path) -> None:
    """WeasyPrint (fontconfig, Pango) already loaded in the parent still works in the forked workers."""
    import subprocess

    from tests.conftest import require_program

    pdftotext = require_program("pdftotext")
    paths = write_cvs(tmp_path / "in", 3)
    [first] = batch.render_many(paths[:1], ["pdf"], output_dir=tmp_path / "parent", jobs=1)
    assert first.ok, first.error
    results = batch.render_many(paths, ["pdf"], output_dir=tmp_path / "out", jobs=2)
    assert all(r.ok for r in results), [r.error for r in results]
    for n, r in enumerate(results):
        text = subprocess.run([pdftotext, str(r.outputs[0]), "-"], capture_output=True, text=True, check=True).stdout
        assert f"Person Number{n}" in text and f"Paper number {n}" in text
