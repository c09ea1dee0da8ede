"""Recognising the CV owner's name, for importers (which may not import the view).

Name matching belongs to the model (issue 13 moves it there); until then this is the importers'
one door to it, so the move changes one line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def matcher(names: Iterable[str]) -> Callable[[str], bool]:
    """A test "is this author string one of ``names``?" with cvgen's own owner rules (initials, order)."""
    from cvgen.view.names import NameMatcher

    return NameMatcher(list(names)).matches
