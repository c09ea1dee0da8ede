"""The catalogue of words cvgen writes itself, and the check of ``settings.strings`` against it.

Every key names one string (``sections.education``, ``terms.present``, ``legend.student``) with the
placeholders it may contain. The texts live in the string tables of :mod:`cvgen.locale` (English in
``cvgen/locale/data/en.toml``); the model keeps only the names, so a misspelt override is refused
at load time with its file, line and column, like any other setting.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

from cvgen.model.text import PlainText

STRINGS: dict[str, tuple[str, ...]] = {
    # sections
    "sections.research_areas": (),
    "sections.summary": (),
    "sections.education": (),
    "sections.positions": (),
    "sections.honors": (),
    "sections.grants": (),
    "sections.publications": (),
    "sections.talks": (),
    "sections.teaching": (),
    "sections.mentoring": (),
    "sections.service": (),
    # kinds
    "kinds.journal": (),
    "kinds.conference": (),
    "kinds.workshop": (),
    "kinds.magazine": (),
    "kinds.preprint": (),
    "kinds.book": (),
    "kinds.chapter": (),
    "kinds.thesis": (),
    "kinds.patent": (),
    "kinds.report": (),
    "kinds.other": (),
    # status
    "status.accepted": (),
    "status.under-review": (),
    "status.submitted": (),
    "status.in-preparation": (),
    # terms
    "terms.present": (),
    "terms.et_al": (),
    "terms.pages": ("pages",),
    "terms.volume": ("volume",),
    "terms.issue": ("issue",),
    "terms.cited_by": ("count",),
    "terms.tags": ("tags",),
    "terms.abstract": (),
    "terms.photo_alt": ("name",),
    "terms.chart_title": (),
    "terms.chart_year": (),
    "terms.chart_count": (),
    # entries
    "entries.advisor": ("names",),
    "entries.advisors": ("names",),
    "entries.supervisor": ("names",),
    "entries.supervisors": ("names",),
    "entries.thesis": ("title",),
    "entries.co_advised": ("name",),
    "entries.placement": ("place",),
    "entries.at_event": ("event",),
    "entries.role": ("role",),
    "entries.amount": ("amount",),
    "entries.share": ("amount",),
    "entries.award_no": ("number",),
    "entries.enrollment": ("count",),
    "entries.evaluation": ("score",),
    # levels
    "levels.postdoc": (),
    "levels.phd": (),
    "levels.ms": (),
    "levels.undergraduate": (),
    "levels.visiting": (),
    "levels.high-school": (),
    # contacts
    "contacts.pronouns": (),
    "contacts.email": (),
    "contacts.phone": (),
    "contacts.address": (),
    # legend
    "legend.student": ("marker",),
    "legend.equal": ("marker",),
    "legend.corresponding": ("marker",),
    "legend.members": (),
    "legend.separator": (),
    "legend.end": (),
    # metrics
    "metrics.citations": ("count",),
    "metrics.h_index": ("count",),
    "metrics.i10_index": ("count",),
    "metrics.papers": ("count",),
    "metrics.separator": (),
    "metrics.facts_source": ("facts", "source"),
    "metrics.source_only": ("source",),
    "metrics.as_of": ("sentence", "date"),
    "metrics.end": (),
    # footer
    "footer.page": ("page", "pages"),
    # meta
    "meta.title": ("name",),
    "meta.subject": (),
    "meta.description": ("who",),
    "meta.biosketch_title": ("name",),
    "meta.biosketch_subject": (),
    # biosketch
    "biosketch.identifying": (),
    "biosketch.preparation": (),
    "biosketch.appointments": (),
    "biosketch.products": (),
    "biosketch.related": (),
    "biosketch.other": (),
    "biosketch.synergistic": (),
    "biosketch.name": ("name",),
    "biosketch.position_title": ("title",),
    "biosketch.organization": ("organization",),
}
"""Every string key, with the placeholders its text may use (a test keeps this equal to en.toml)."""

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def check_strings(overrides: dict[str, str]) -> dict[str, str]:
    """Refuse unknown keys (suggesting the closest) and placeholders the string does not take."""
    for key, text in overrides.items():
        if key not in STRINGS:
            import difflib  # only to suggest a spelling: not on the path of a CV without mistakes

            close = difflib.get_close_matches(key, STRINGS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; the keys are listed in docs/languages.md"
            raise ValueError(f"cvgen writes no string called {key!r}{hint}")
        unknown = sorted(set(_PLACEHOLDER.findall(text)) - set(STRINGS[key]))
        if unknown:
            allowed = ", ".join("{" + p + "}" for p in STRINGS[key]) or "none"
            raise ValueError(f"{key}: unknown placeholder {{{unknown[0]}}} (this string takes: {allowed})")
    return overrides


StringOverrides = Annotated[dict[str, PlainText], AfterValidator(check_strings)]
"""``settings.strings``: any word cvgen writes, by key, replacing the language's own."""
