"""Caps on the work one .bib file may cause, each checked before the work it bounds.

A .bib had no size limit and its LaTeX was decoded before any per-field cap; pylatexenc's cost
grows with the square of an unbroken run of characters, so 1.6 MB took 29 s and one CV could stall
a batch worker for hours. Every cap here is far above real files (a 3,000-entry bibliography is
about 1 MB, with about 2 % LaTeX tokens) and is documented in ``docs/security.md``.
"""

from __future__ import annotations

from cvgen.errors import InputError, Problem

MAX_BIB_CHARS = 5 * 1024 * 1024
"""Characters in one .bib file (read before parsing)."""
MAX_BIB_ENTRIES = 10_000
"""Entries in one .bib file (counted before any is converted)."""
MAX_BIB_FIELD_CHARS = 50_000
"""Characters in one field, also after @string macros are expanded (before LaTeX is decoded)."""
MAX_DECODE_CHARS = 2_000_000
"""Characters handed to the LaTeX decoder for one file, after plain text is set aside."""


class BibTooLarge(Exception):  # noqa: N818 - reads as what happened
    """A cap exceeded inside the BibTeX reader; :func:`cvgen.interop.bibtex.import_bibtex` names the file."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def too_large(filename: str, line: int | None, message: str) -> InputError:
    """The error for a cap exceeded at ``line`` (1-based) of ``filename``."""
    return InputError([Problem(filename, line, None, "", message)])
