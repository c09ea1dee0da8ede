"""What only funders' documents ask for: the NIH personal statement and contributions to science.

The rest of a biosketch (preparation, appointments, products, honors) and the Current and Pending
(Other) Support entries come from the CV's own sections; this block holds the narrative parts a
CV has no place for. Publications are named by their ``key``.
"""

from __future__ import annotations

from pydantic import Field

from cvgen.model.base import Model
from cvgen.model.links import Url
from cvgen.model.markup import RichText
from cvgen.model.text import PlainText

MAX_CITATIONS = 4
"""NIH: up to four publications or research products per contribution and in the personal statement."""
MAX_CONTRIBUTIONS = 5
"""NIH: up to five contributions to science."""


class Contribution(Model):
    """One NIH contribution to science: what was found and why it mattered, with its publications."""

    title: RichText | None = None
    """A short lead-in shown in bold before the description."""
    description: RichText
    """The contribution, in a paragraph."""
    publications: tuple[PlainText, ...] = Field(default=(), max_length=MAX_CITATIONS)
    """Keys of up to four publications (their ``key``) cited under it, in this order."""


class FunderText(Model):
    """The narrative parts of funders' biographical sketches (``biosketch:`` in the CV)."""

    personal_statement: RichText | None = None
    """Why you are well suited to your role in the project (NIH section A)."""
    personal_publications: tuple[PlainText, ...] = Field(default=(), max_length=MAX_CITATIONS)
    """Keys of up to four publications cited in the personal statement."""
    contributions: tuple[Contribution, ...] = Field(default=(), max_length=MAX_CONTRIBUTIONS)
    """Up to five contributions to science (NIH section C)."""
    publications_url: Url | None = None
    """Where the complete list of published work is (e.g. a My Bibliography page)."""
    era_commons: PlainText | None = None
    """eRA Commons user name, shown at the top of an NIH biosketch."""
