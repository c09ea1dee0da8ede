"""Shared command-line plumbing: error reporting without tracebacks, exit statuses."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from cvgen.errors import EXIT_INPUT, EXIT_OK, EXIT_RENDER, CVError, InputError, describe, problems_found

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_RENDER", "error", "handles_errors", "report"]


def error(message: str) -> None:
    """Print one error line to stderr (coloured on a terminal)."""
    click.echo(click.style("error: ", fg="red", bold=True) + message if sys.stderr.isatty() else f"error: {message}", err=True)


def report(exc: BaseException) -> int:
    """Print an exception as the user should see it and return the exit status (see cvgen.errors)."""
    message, status, problems = describe(exc)
    if isinstance(exc, InputError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(problems_found(problems), err=True)
    elif isinstance(exc, (CVError, KeyboardInterrupt)):
        error(message)
    else:
        error(f"{message} (set CVGEN_DEBUG=1 for a traceback and please report it)")
    return status


def handles_errors(fn: F) -> F:
    """Turn cvgen's errors into messages and exit statuses; never show a traceback unless debugging."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the CLI's last line of defence
            if os.environ.get("CVGEN_DEBUG"):
                raise
            raise click.exceptions.Exit(report(exc)) from None

    return wrapper  # type: ignore[return-value]
