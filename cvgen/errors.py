"""Errors users see: located problems, never tracebacks.

The exit statuses and the wording of each kind of failure are defined here once; the CLI, the
batch runner and the watcher all report through :func:`describe`.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
"""Everything rendered."""
EXIT_RENDER = 1
"""A backend, an engine, the output folder or cvgen itself failed on valid input."""
EXIT_INPUT = 2
"""Bad input or a bad request: the CV, an option, a theme or format name."""
EXIT_INTERRUPTED = 130
"""Stopped with Ctrl+C (128 + SIGINT, as shells report it)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as cvgen can."""

    file: str
    line: int | None
    col: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CVError(Exception):
    """Base class of every error cvgen raises on purpose."""

    exit_code = EXIT_RENDER


class InputError(CVError):
    """The CV (or an option) is wrong; every problem is listed. Exit status 2."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(CVError):
    """A backend or engine failed on valid input. Exit status 1."""

    exit_code = EXIT_RENDER


class UsageError(CVError):
    """The command was asked for something it cannot do (unknown format, theme…). Exit status 2."""

    exit_code = EXIT_INPUT


class LimitError(CVError):
    """A funder's page limit is exceeded and ``--strict`` asked for a failure; nothing is written. Exit status 2."""

    exit_code = EXIT_INPUT


class Terminated(KeyboardInterrupt):  # noqa: N818 - reads as what happened
    """Stopped by SIGTERM or SIGHUP (a batch stops its workers first); exit status 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def problems_found(count: int) -> str:
    """The closing line after a list of located input problems."""
    return f"{count} problem{'s' if count != 1 else ''} found; nothing was written."


def describe(exc: BaseException) -> tuple[str, int, int]:
    """(message, exit status, number of located problems) for a failure, as every front end shows it.

    Located problems come one per line (``file:line:col: path: message``); an unexpected exception
    is an "internal error" with its type, so it can be reported without a traceback.
    """
    if isinstance(exc, InputError):
        return "\n".join(str(p) for p in exc.problems), EXIT_INPUT, len(exc.problems)
    if isinstance(exc, CVError):
        return str(exc), exc.exit_code, 0
    if isinstance(exc, Terminated):
        import signal

        name = signal.Signals(exc.signum).name
        return f"stopped by {name}; the workers were stopped and no partial output was left", 128 + exc.signum, 0
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted; no partial output was left", EXIT_INTERRUPTED, 0
    return f"internal error: {type(exc).__name__}: {exc}", EXIT_RENDER, 0
