"""Group titles that count their items: ``{count}`` is filled in, and a written number that a profile
makes wrong ("Five Representative Publications" over two) is reported.

A title is the user's words, so cvgen never rewrites "Five" itself; it fills ``{count}`` with the
number of publications the group shows, and warns when a profile (``selected_only``, a date window,
``max_items``) shows fewer than the full CV has under a title that names a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from cvgen.model.markup import Text, plain
from cvgen.view.inline import fill, placeholders

if TYPE_CHECKING:
    from cvgen.view.publications import PubGroup

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty hundred"
).split()
_NUMBERED = re.compile(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def counted_titles(shown: Sequence[PubGroup], full: Sequence[PubGroup], warnings: list[str]) -> list[PubGroup]:
    """``shown`` with ``{count}`` filled in each title; a warning for each numbered title the profile shrank."""
    totals = {g.key: len(g.pubs) for g in full}
    out: list[PubGroup] = []
    for group in shown:
        title = group.title
        if title and "count" in placeholders(title):
            title = fill(title, {"count": (Text(str(len(group.pubs))),)})
        elif title and len(group.pubs) < totals.get(group.key, len(group.pubs)):
            words = plain(title)
            number = _NUMBERED.search(words)
            if number:
                warnings.append(
                    f"the group title {words!r} names a number ({number.group(0)}) but this profile shows "
                    f"{len(group.pubs)} of its {totals[group.key]} publications; write {{count}} in the "
                    "title to have the number follow the profile"
                )
        out.append(replace(group, title=title))
    return out
