"""The words the view writes itself, in the CV's language: the one place the view asks the locale.

Every function takes the CV's :class:`~cvgen.locale.Locale` and returns display text or inline
nodes, so the rest of the view never holds an English literal. Settings the user wrote win over
the language's table: ``settings.titles``, a ``settings.legend`` field, ``kind_titles`` and the
metrics sentence, then ``settings.strings`` (already merged into the locale), then the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cvgen.locale import Locale, join_list, load_locale
from cvgen.model.cv import CV
from cvgen.model.markup import Inline, Node, Text, parse_markup
from cvgen.view.inline import fill, merge


def locale_of(cv: CV) -> Locale:
    """The CV's locale: ``settings.language`` with ``settings.strings`` on top."""
    return load_locale(cv.settings.language, getattr(cv.settings, "strings", None) or {})


def words(loc: Locale, key: str, **values: Inline | str) -> Inline:
    """The string ``key`` as inline text, its placeholders filled with inline values (user text stays literal)."""
    return fill((Text(loc.text(key)),), {k: (Text(v),) if isinstance(v, str) else v for k, v in values.items()})


def _pair(first: Inline, second: Inline, pattern: str) -> Inline:
    head, _, rest = pattern.partition("{0}")
    middle, _, tail = rest.partition("{1}")
    return merge((Text(head), *first, Text(middle), *second, Text(tail)))


def and_list(parts: Sequence[Inline | str], loc: Locale) -> Inline:
    """"A and B", "A, B, and C" in English, "A, B und C" in German: CLDR's list patterns."""
    inlines = [(Text(p),) if isinstance(p, str) else p for p in parts]
    if not inlines:
        return ()
    return join_list(inlines, loc.dates.list_patterns, _pair)  # type: ignore[return-value]


def section_title(key: str, loc: Locale) -> str:
    """A built-in section's default title ("Education", "Ausbildung")."""
    return loc.text(f"sections.{key}")


def kind_title(kind: str, kind_titles: Mapping[str, str], loc: Locale) -> str:
    """A publication group's heading: the user's ``kind_titles``, else the table, else the kind itself."""
    if kind in kind_titles:
        return kind_titles[kind]
    key = f"kinds.{kind}"
    return loc.text(key) if key in loc.strings else kind.title()


def status_text(status: str | None, loc: Locale) -> str | None:
    """"in preparation", "in Vorbereitung"; None for a published paper."""
    key = f"status.{status}"
    return loc.text(key) if status and key in loc.strings else None


def legend_part(cv: CV, loc: Locale, role: str, marker: str) -> Inline:
    """One part of the legend: the user's ``settings.legend`` wording if written, else the language's."""
    lg = cv.settings.legend
    template = getattr(lg, role) if role in lg.model_fields_set else parse_markup(loc.text(f"legend.{role}"))
    return fill(template, {"marker": (Text(marker),)})


def legend_separator(cv: CV, loc: Locale) -> str:
    lg = cv.settings.legend
    return lg.separator if "separator" in lg.model_fields_set else loc.text("legend.separator")


METRIC_WORDS = (("citations", "metrics.citations"), ("h_index", "metrics.h_index"),
                ("i10_index", "metrics.i10_index"), ("papers", "metrics.papers"))


def default_metrics(m: object, values: Mapping[str, Inline], loc: Locale) -> list[Inline]:
    """"8509 citations according to **Google Scholar** as of July 16, 2024." in the CV's language."""
    facts = [loc.fill(key, count=getattr(m, name)) for name, key in METRIC_WORDS if getattr(m, name) is not None]
    sentence: Inline = ()
    if facts:
        sentence = (Text(loc.text("metrics.separator").join(facts)),)
    if "source" in values:
        key = "metrics.facts_source" if facts else "metrics.source_only"
        sentence = words(loc, key, facts=sentence, source=values["source"])
    if "as_of" in values:
        sentence = words(loc, "metrics.as_of", sentence=sentence, date=values["as_of"])
    if not sentence:
        return []
    nodes: list[Node] = [*sentence, Text(loc.text("metrics.end"))]
    return [merge(nodes)]
