"""Errors users see: located problems, never tracebacks."""

from __future__ import annotations

from dataclasses import dataclass


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

    exit_code = 1


class InputError(CVError):
    """The CV (or an option) is wrong; every problem is listed. Exit status 2."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(CVError):
    """A backend or engine failed on valid input. Exit status 1."""

    exit_code = 1


class UsageError(CVError):
    """The command was asked for something it cannot do (unknown format, theme…). Exit status 2."""

    exit_code = 2
