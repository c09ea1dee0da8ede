"""Rendering many CVs in one go: one result per file, failures isolated, engines loaded once per worker.

    import cvgen
    results = cvgen.render_many(["a.yaml", "b.yaml"], ["pdf", "docx"], output_dir="out", jobs=2)
    failed = [r for r in results if not r.ok]

Why a small supervisor instead of ``multiprocessing.Pool`` or ``ProcessPoolExecutor``: when a worker
dies hard (a segfault in a native engine, ``os._exit``), ``Pool`` loses the task and hangs, and
``ProcessPoolExecutor`` fails every task in flight without saying which one killed it. Here each
worker holds exactly one task at a time, so a crash is reported for that file and a fresh worker
takes over the rest. Each worker is a long-lived process that imports its engines on its first CV
and reuses them (and the backends' font, stylesheet and template caches) for every later one.

:func:`render_one` is the unit of work; it never raises, so it also runs unchanged as a Dask or
Celery task (see docs/benchmarks.md).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvgen.errors import EXIT_INPUT, EXIT_OK, EXIT_RENDER, UsageError, describe

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from cvgen.backends.base import Backend, RenderOptions
    from cvgen.loader.mapping import Map
    from cvgen.loader.record_source import RecordSource
    from cvgen.model.loaded import Loaded
    from cvgen.themes import Theme
    from cvgen.view import ViewOptions

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_RENDER", "BatchResult", "Task", "describe", "render_many", "render_one"]


@dataclass(frozen=True)
class Task:
    """One CV and where each of its formats goes."""

    source: Path | RecordSource
    """A CV file, or one person's record poured into a map (see cvgen.loader.record_source)."""
    targets: tuple[tuple[str, Path], ...]
    """(format name, output path) pairs, rendered from one preparation of the CV."""


@dataclass(frozen=True)
class BatchResult:
    """What happened to one CV of a batch."""

    source: Path
    outputs: tuple[Path, ...] = ()
    """Every file written (a compiled LaTeX render adds its PDF)."""
    error: str | None = None
    """Why it failed: the located problems (``file:line:col: path: message``, one per line) or a message."""
    exit_code: int = EXIT_OK
    """0 rendered, 2 bad input, 1 render failure or worker crash."""
    elapsed: float = 0.0
    """Seconds spent on this CV (load, prepare, render, write)."""
    problems: int = 0
    """How many located input problems ``error`` lists (0 for other failures)."""
    warnings: tuple[str, ...] = ()
    """The prepared document's warnings (e.g. a biosketch over its page limit)."""
    name: str = ""
    """Whose CV it is (the person's name, once loaded)."""
    input_hash: str = ""
    """What ``--changed-only`` compares (see cvgen.rerun); empty when the CV did not load."""
    skipped: bool = False
    """Not rendered again: unchanged since the report it was compared with."""

    @property
    def ok(self) -> bool:
        return self.exit_code == EXIT_OK

    @property
    def status(self) -> str:
        """"rendered", "unchanged" or "failed", as the report says."""
        return "failed" if not self.ok else ("unchanged" if self.skipped else "rendered")


@dataclass(frozen=True)
class _Config:
    """What every worker needs for every CV; sent once per worker."""

    theme: str | None = None
    view: ViewOptions | None = None
    options: RenderOptions | None = None
    allow: tuple[str, ...] = ()
    """Folders besides each CV's own its files may come from (``--allow``, ``--base``, the data's folder)."""
    previous: dict[str, str] | None = None
    """``--changed-only``: each CV's input hash in the previous report."""
    hash_inputs: bool = False
    """Compute each CV's input hash (for a report or ``--changed-only``); plain renders skip it."""


# ----------------------------------------------------------------------------- the unit of work

_backends: dict[str, Backend] = {}
"""Backend instances of this process, so engines and their caches are set up once per worker."""


def _backend(name: str) -> Backend:
    backend = _backends.get(name)
    if backend is None:
        from cvgen.pipeline import backend_for

        backend = _backends[name] = backend_for(name)
    return backend


def _theme_arg(theme: str | Path | Theme | None) -> str | None:
    """A theme as something every worker can resolve (and pickle): its name or folder."""
    if theme is None or isinstance(theme, str):
        return theme
    if isinstance(theme, Path):
        return str(theme)
    return str(theme.path) if theme.user else theme.name


def _render_task(task: Task, config: _Config) -> BatchResult:
    from cvgen.pipeline import Job, choose_theme, named_theme_folder, run

    start = time.perf_counter()
    written: list[Path] = []
    name, key = getattr(task.source, "person_name", ""), ""
    try:
        allow = (*config.allow, *map(str, named_theme_folder(config.theme)))  # --theme DIR is the user's choice too
        _start_early(task)
        loaded = _load(task.source, allow, config.view.style if config.view else None)
        name = loaded.cv.person.name
        if config.hash_inputs or config.previous is not None:
            from cvgen.rerun import input_hash  # a report or --changed-only: imported for those only

            settings = (config.view, config.options)
            key = input_hash(loaded, choose_theme(loaded, config.theme, config.allow).path, tuple(f for f, _ in task.targets), settings)
        if _unchanged(task, config, key):
            outputs = tuple(path for _, path in task.targets)
            return BatchResult(task.source, outputs, elapsed=time.perf_counter() - start, name=name, input_hash=key, skipped=True)
        job = Job(loaded, task.targets, config.theme, config.view, config.options, config.allow)
        done = run(job, _backend, written)
    except Exception as exc:  # noqa: BLE001 - one bad CV never stops the batch
        message, code, problems = describe(exc)
        return BatchResult(task.source, tuple(written), message, code, time.perf_counter() - start, problems, name=name)
    return BatchResult(task.source, tuple(written), elapsed=time.perf_counter() - start, warnings=tuple(done.doc.warnings),
                       name=name, input_hash=key)


def _start_early(task: Task) -> None:
    """Let this process's backends for the task's formats start slow set-up while the CV loads
    (Typst lists the system fonts in another process); a backend without ``start_early`` has none."""
    for fmt, _ in task.targets:
        start = getattr(_backends.get(fmt), "start_early", None)
        if start is not None:
            start()


def _load(source: Path | RecordSource, allow: tuple[str, ...], style: str | None = None) -> Loaded:
    from cvgen.loader import load_cv

    if not isinstance(source, Path):  # a RecordSource (--data): its module is imported only on that path
        return source.load(tuple(Path(a) for a in allow), style)
    return load_cv(source, style=style, allow=allow)


def _unchanged(task: Task, config: _Config, key: str) -> bool:
    """Same input hash as last time and every output still there."""
    if config.previous is None or not task.targets or config.previous.get(str(task.targets[0][1])) != key:
        return False
    return all(path.is_file() for _, path in task.targets)


def render_one(
    source: str | Path,
    formats: Sequence[str] = ("pdf",),
    output_dir: str | Path | None = None,
    *,
    theme: str | Path | Theme | None = None,
    view: ViewOptions | None = None,
    options: RenderOptions | None = None,
    allow: Sequence[str | Path] = (),
) -> BatchResult:
    """Render one CV file to several formats; never raises (the failure is in the result).

    Outputs go next to the source, or into ``output_dir`` as ``<stem><suffix>``. This is the
    function to hand to a task queue or a cluster scheduler.
    """
    task = plan([source], formats, output_dir)[0]
    if output_dir is not None:
        Path(output_dir).mkdir(parents=True, exist_ok=True)
    return _render_task(task, _Config(_theme_arg(theme), view, options, tuple(map(str, allow))))


# ----------------------------------------------------------------------------- planning


def expand_sources(sources: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder stands for the ``*.yaml``/``*.yml`` files directly inside it."""
    files: list[Path] = []
    for raw in sources:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            files.append(p)
    return files


def canonical_formats(formats: str | Iterable[str]) -> list[str]:
    """Format names or aliases → canonical names, in order, without repeats; unknown ones raise.

    Two formats that write the same suffix (pdf and pdf-typst) would overwrite each other's file,
    so asking for both at once is refused.
    """
    from cvgen.backends import registry
    from cvgen.errors import UsageError

    names = formats.split(",") if isinstance(formats, str) else list(formats)
    out: list[str] = []
    for name in names:
        name = name.strip()
        if name:
            canonical = registry.get(name).name
            if canonical not in out:
                out.append(canonical)
    suffixes: dict[str, str] = {}
    for name in out:
        suffix = registry.get(name).suffix
        if suffix in suffixes:
            raise UsageError(f"formats {suffixes[suffix]} and {name} both write {suffix} files; render them in separate runs")
        suffixes[suffix] = name
    return out


def plan(sources: Iterable[str | Path], formats: Sequence[str], output_dir: str | Path | None = None) -> list[Task]:
    """One task per CV file; refuses two CVs that would write the same output file."""
    from cvgen.backends import registry

    suffixes = [(name, registry.get(name).suffix) for name in canonical_formats(formats)]
    out_dir = Path(output_dir) if output_dir is not None else None
    tasks = []
    for source in expand_sources(sources):
        folder = out_dir if out_dir is not None else source.parent
        tasks.append(Task(source, tuple((name, folder / (source.stem + suffix)) for name, suffix in suffixes)))
    check_collisions(tasks)
    return tasks


def check_collisions(tasks: Sequence[Task]) -> None:
    seen: dict[Path, Path] = {}
    for task in tasks:
        for _, path in task.targets:
            other = seen.setdefault(path, task.source)
            if other != task.source:
                raise UsageError(f"{other} and {task.source} would both write {path}; render them into different folders")


# ----------------------------------------------------------------------------- running


def render_many(
    sources: Iterable[str | Path] | Iterable[Mapping[str, Any]] | str | Path,
    formats: str | Sequence[str] = ("pdf",),
    output_dir: str | Path | None = None,
    jobs: int = 1,
    theme: str | Path | Theme | None = None,
    view: ViewOptions | None = None,
    options: RenderOptions | None = None,
    *,
    mapping: str | Path | Map | None = None,
    roots: Sequence[str | Path] = (),
    executor: Any = None,
    report: str | Path | None = None,
    changed_only: bool = False,
    on_result: Callable[[BatchResult], None] | None = None,
    allow: Sequence[str | Path] = (),
) -> list[BatchResult]:
    """Render many CVs to one or more formats; one :class:`BatchResult` per CV, in input order.

    ``sources`` are CV files (a folder stands for its YAML files) or, with ``mapping`` (a map file),
    a data file (.csv, .json) or records (mappings, e.g. database rows) poured into that map.
    ``jobs`` > 1 renders in that many worker processes (each loads its engines once); ``executor``
    (any object with ``submit`` returning futures: ``concurrent.futures``, Dask's
    ``client.get_executor()``) renders there instead. A CV that fails, or whose worker dies, is
    reported in its result and never stops the others. ``roots`` are folders where an ``extends``
    base may sit. ``report`` writes the JSON report there (and a CSV beside it); with
    ``changed_only`` a CV whose input hash is the same as in that report is not rendered again.
    Raises only for a bad call (unknown format, a map that reads missing columns, missing engine).
    """
    fmts = canonical_formats(formats)
    root_dirs = tuple(Path(r) for r in roots)
    if mapping is not None:
        tasks = plan_records(sources, mapping, fmts, output_dir, root_dirs)
    else:
        tasks = plan([sources] if isinstance(sources, (str, Path)) else sources, fmts, output_dir)  # type: ignore[list-item]
    if output_dir is not None:
        Path(output_dir).mkdir(parents=True, exist_ok=True)
    report_path = Path(report) if report is not None else None
    previous = _previous(report_path) if changed_only else None
    results = run_tasks(tasks, jobs, theme=theme, view=view, options=options, on_result=on_result,
                        executor=executor, allow=(*map(str, allow), *map(str, root_dirs)), previous=previous,
                        hash_inputs=report_path is not None)
    if report_path is not None:
        from cvgen.reports import write_reports

        write_reports(results, report_path, report_path.with_suffix(".csv"))
    return results


def _previous(report: Path | None) -> dict[str, str]:
    if report is None:
        raise UsageError("changed_only compares with the previous report: pass report= (--report)")
    from cvgen.rerun import previous_hashes

    return previous_hashes(report)


def plan_records(
    records: Any, mapping: str | Path | Map, formats: Sequence[str], output_dir: str | Path | None,
    roots: tuple[Path, ...] = (),
) -> list[Task]:
    """One task per record of a data file (or of an iterable of mappings) poured into ``mapping``.

    Files are named from each person (the map's ``output``, else their name), made unique in the
    batch; they go into ``output_dir``, else beside the data file.
    """
    from cvgen.backends import registry
    from cvgen.loader.mapping import Map, load_map
    from cvgen.loader.record_source import sources
    from cvgen.loader.records import read_table, table_of

    the_map = mapping if isinstance(mapping, Map) else load_map(mapping)
    table = read_table(records) if isinstance(records, (str, Path)) else table_of(records)
    folder = Path(output_dir) if output_dir is not None else (table.folder or Path.cwd())
    data_roots = (table.folder,) if table.folder else ()
    suffixes = [(name, registry.get(name).suffix) for name in canonical_formats(formats)]
    return [
        Task(source, tuple((name, folder / (source.stem + suffix)) for name, suffix in suffixes))
        for source in sources(table, the_map, (*data_roots, *roots))
    ]


def run_tasks(
    tasks: Sequence[Task],
    jobs: int = 1,
    *,
    theme: str | Path | Theme | None = None,
    view: ViewOptions | None = None,
    options: RenderOptions | None = None,
    on_result: Callable[[BatchResult], None] | None = None,
    allow: Sequence[str | Path] = (),
    executor: Any = None,
    previous: dict[str, str] | None = None,
    hash_inputs: bool = False,
) -> list[BatchResult]:
    """Run planned tasks (the CLI plans its own output paths); results in task order.

    ``previous`` (input hashes by first output) skips unchanged CVs; ``hash_inputs`` records each
    CV's input hash in its result, for a report.
    """
    for name in {fmt for task in tasks for fmt, _ in task.targets}:
        _backend(name)  # a missing engine fails the whole call before any work starts
    config = _Config(_theme_arg(theme), view, options, tuple(map(str, allow)), previous, hash_inputs)
    results: dict[int, BatchResult] = {}

    def done(index: int, result: BatchResult) -> None:
        results[index] = result
        if on_result is not None:
            on_result(result)

    jobs = max(1, min(jobs, len(tasks)))
    with _Stop():
        if executor is not None:
            run_on(executor, list(enumerate(tasks)), config, done)
        elif jobs == 1:
            for index, task in enumerate(tasks):
                done(index, _render_task(task, config))
        else:
            _Pool(jobs, config).run(list(enumerate(tasks)), done)
    if executor is not None or jobs > 1:
        sweep_partials(tasks)  # a worker may have died mid-write
    return [results[i] for i in range(len(tasks))]


def run_on(executor: Any, jobs: list[tuple[int, Task]], config: _Config, done: Callable[[int, BatchResult], None]) -> None:
    """Render on any executor whose ``submit`` returns futures (a process pool, Dask, …).

    :func:`_render_task` never raises, so a future that fails means the worker itself was lost
    (killed, out of memory, the cluster's own retries used up). Such a CV is submitted once more;
    lost again, it is reported as failed, the files its lost attempts wrote in this batch are
    removed (a CV is all of its formats or none), and the others carry on.
    """
    started = time.time()
    lost = _collect(executor, jobs, config, done)
    if lost:
        for index, task, exc in _collect(executor, [(i, t) for i, t, _ in lost], config, done):
            _remove_written_since(task, started)
            message = f"the worker rendering {task.source} was lost twice ({type(exc).__name__}: {exc}); the other CVs were not affected"
            done(index, BatchResult(task.source, (), message, EXIT_RENDER, name=getattr(task.source, "person_name", "")))


def _collect(
    executor: Any, jobs: list[tuple[int, Task]], config: _Config, done: Callable[[int, BatchResult], None]
) -> list[tuple[int, Task, BaseException]]:
    """Submit every job, hand each result to ``done`` as it arrives; return the jobs whose worker was lost."""
    import concurrent.futures as cf

    futures = {executor.submit(_render_task, task, config): (index, task) for index, task in jobs}
    ordered = cf.as_completed(futures) if all(isinstance(f, cf.Future) for f in futures) else list(futures)
    lost = []
    for future in ordered:
        index, task = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker fails its CV, not the batch
            lost.append((index, task, exc))
            continue
        done(index, result)
    return lost


def _remove_written_since(task: Task, started: float) -> None:
    """Remove this task's outputs written during this batch (yesterday's good files stay)."""
    for _, path in task.targets:
        with contextlib.suppress(OSError):
            if path.stat().st_mtime >= started:
                path.unlink()


def sweep_partials(tasks: Sequence[Task]) -> None:
    """Delete the temporary files of renders killed mid-write (``.<name>.<random>.part``).

    Outputs are written to a temporary file and renamed, so a worker killed while writing never
    leaves a file under its final name, but it does leave the temporary one; once the batch is over
    nothing of it is still writing. One listing per output folder, whatever the batch's size.
    """
    wanted: dict[Path, set[str]] = {}
    for task in tasks:
        for _, path in task.targets:
            wanted.setdefault(path.parent, set()).add(path.name)
    for folder, names in wanted.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith(".") and name.endswith(".part") and name[1:].rsplit(".", 2)[0] in names:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class _Stop:
    """SIGTERM and SIGHUP during a batch raise :class:`~cvgen.errors.Terminated` in the main thread,
    so the pool's ``finally`` stops every worker before the command exits (no worker is orphaned and
    none writes after the exit); restored afterwards."""

    def __enter__(self) -> _Stop:
        import threading

        from cvgen.errors import Terminated

        def stop(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
            raise Terminated(signum)

        self.old: dict[int, Any] = {}
        if threading.current_thread() is threading.main_thread():
            self.old = {sig: signal.signal(sig, stop) for sig in _STOP_SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.old.items():
            signal.signal(sig, handler)




def exit_status(results: Iterable[BatchResult]) -> int:
    """0 when all rendered; 2 when every failure was bad input; 1 otherwise."""
    codes = {r.exit_code for r in results if not r.ok}
    if not codes:
        return EXIT_OK
    return EXIT_INPUT if codes == {EXIT_INPUT} else EXIT_RENDER


# ----------------------------------------------------------------------------- worker processes


def _context() -> Any:
    """'fork' where it is safe and cheap (Linux: workers inherit what is already imported), else 'spawn'."""
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _worker_main(conn: Connection, config: _Config) -> None:
    """Take one task at a time until told to stop (None); engines stay loaded between tasks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    for sig in _STOP_SIGNALS:  # told to stop (by the parent, or the parent's death), a worker stops now,
        signal.signal(sig, _exit_now)  # removing its partial outputs: no temporary file is left behind
    _die_with_parent()
    from cvgen.isolation import own_process

    own_process()  # built-in renders run under the resource limits here
    try:
        while True:
            task = conn.recv()
            if task is None:
                return
            conn.send(_render_task(task, config))
    except (EOFError, BrokenPipeError):
        return  # the parent went away


def _exit_now(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
    """Remove the partial outputs, then leave at once.

    Raising SystemExit here was not enough: a signal that lands while Python runs a finalizer or a
    weakref callback has its exception printed as "Exception ignored" and the worker runs on.
    """
    from cvgen.output import discard_pending

    discard_pending()
    os._exit(128 + signum)


def _die_with_parent() -> None:
    """Linux: the kernel sends this worker SIGTERM when the parent dies, even by SIGKILL, so no worker
    outlives the command (its pipe would never close: a forked worker holds the other workers' ends too)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    job: tuple[int, Task] | None = None
    started: float = field(default_factory=time.perf_counter)


class _Pool:
    """``jobs`` long-lived worker processes, one task each at a time; a dead worker is replaced."""

    def __init__(self, jobs: int, config: _Config) -> None:
        self.ctx = _context()
        self.jobs = jobs
        self.config = config

    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker_main, args=(child_conn, self.config), daemon=True, name="cvgen-worker")
        process.start()
        child_conn.close()
        return _Worker(process, parent_conn)

    def run(self, jobs: list[tuple[int, Task]], done: Callable[[int, BatchResult], None]) -> None:
        from multiprocessing.connection import wait

        pending = deque(jobs)
        workers = [self._spawn() for _ in range(min(self.jobs, len(pending)))]
        try:
            for i in range(len(workers)):
                workers[i] = self._feed(workers[i], pending)
            while any(w.job is not None for w in workers):
                busy = [w for w in workers if w.job is not None]
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
                for i, w in enumerate(workers):
                    if w.job is None or (w.conn not in ready and w.process.sentinel not in ready):
                        continue
                    index, task = w.job
                    result = self._receive(w, task)
                    w.job = None
                    if result is None:  # the worker died with this task
                        result = self._crash_result(w, task)
                        w = workers[i] = self._spawn()
                    done(index, result)
                    workers[i] = self._feed(w, pending)
        finally:
            self._stop(workers)

    def _feed(self, w: _Worker, pending: deque[tuple[int, Task]]) -> _Worker:
        if not pending:
            return w
        if not w.process.is_alive():
            w = self._spawn()
        job = pending.popleft()
        try:
            w.conn.send(job[1])
        except OSError:  # died between tasks: a fresh worker takes the task
            w = self._spawn()
            w.conn.send(job[1])
        w.job = job
        w.started = time.perf_counter()
        return w

    @staticmethod
    def _receive(w: _Worker, task: Task) -> BatchResult | None:
        try:
            if w.conn.poll():
                result = w.conn.recv()
                if isinstance(result, BatchResult):
                    return result
        except (EOFError, OSError):
            pass
        return None

    @staticmethod
    def _crash_result(w: _Worker, task: Task) -> BatchResult:
        w.process.join(timeout=5)
        code = w.process.exitcode
        if code is not None and code < 0:
            try:
                how = f"killed by signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"killed by signal {-code}"
        else:
            how = f"exit status {code}"
        w.conn.close()
        message = f"the worker rendering {task.source} crashed ({how}); the other CVs were not affected"
        return BatchResult(task.source, (), message, EXIT_RENDER, time.perf_counter() - w.started)

    @staticmethod
    def _stop(workers: list[_Worker]) -> None:
        for w in workers:
            try:
                if w.job is None and w.process.is_alive():
                    w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for w in workers:
            if w.job is not None:  # interrupted mid-task: stop it now
                w.process.terminate()
            w.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()


def default_jobs() -> int:
    """A sensible worker count: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
