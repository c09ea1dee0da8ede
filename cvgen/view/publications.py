"""Publication lists: author lists with roles, grouping, sorting, numbering, legend and metrics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from cvgen.locale import Locale
from cvgen.model.authors import Author
from cvgen.model.cv import CV
from cvgen.model.markup import Inline, Node, Sup, Text, plain
from cvgen.model.people import People, fold
from cvgen.model.publications import Publication
from cvgen.model.settings import Numbering, PublicationSettings
from cvgen.view.document import Group, Item, LinkRef
from cvgen.view.inline import emph, fill, join, link, merge, placeholders, quoted_title, strong
from cvgen.view.words import default_metrics, kind_title, legend_part, legend_separator, status_text, words

KIND_ORDER = ("journal", "conference", "workshop", "magazine", "preprint", "book", "chapter", "thesis", "patent",
              "report", "other")
"""The built-in order of kind groups; their headings are the locale's ``kinds.*`` strings."""
ELLIPSIS = "…"
ET_AL = "et al."
"""How an incomplete author list ends in English; the CV's language has its own (``terms.et_al``)."""
# Written at the end of an author list to say it is incomplete ("…, J. Doe, et al.", BibTeX "and others").
_ET_AL_NAMES = {"et al", "et al.", "others", "et alii", "etc", "…", "..."}


def is_et_al(author: Author) -> bool:
    """Is this "author" really the "et al." that ends an incomplete list?"""
    return fold(author.name) in {fold(x) for x in _ET_AL_NAMES} or author.name.strip() in _ET_AL_NAMES


def visible_authors(
    authors: Sequence[Author], people: People, max_authors: int | None, et_al: str = ET_AL
) -> list[Author | str]:
    """The authors a reader sees: the first ``max_authors``, the owner if later, then "et al.".

    "Y. Zhang, J. Jia, …, S. Liu, et al." — the "…" marks the names skipped before the owner, and
    "et al." closes the list when authors remain after the last one shown (or when the input
    itself ended with "et al."). The full list stays in the model.
    """
    real = [a for a in authors if not is_et_al(a)]
    incomplete = len(real) < len(authors)
    if max_authors is None or len(real) <= max_authors:
        shown: list[Author | str] = list(real)
        return [*shown, et_al] if incomplete else shown
    shown = list(real[:max_authors])
    last = max_authors - 1
    owner_at = next((i for i, a in enumerate(real) if people.is_owner(a)), None)
    if owner_at is not None and owner_at >= max_authors:
        if owner_at > max_authors:
            shown.append(ELLIPSIS)
        shown.append(real[owner_at])
        last = owner_at
    if last < len(real) - 1 or incomplete:
        shown.append(et_al)
    return shown


def author_marks(author: Author, cv: CV) -> list[str]:
    """The author's marker symbols, in the order the source wrote them ("*,†" stays "*,†")."""
    m = cv.settings.markers
    return [getattr(m, role) for role in author.roles]


def author_list(
    authors: Sequence[Author], cv: CV, people: People, max_authors: int | None, et_al: str = ET_AL
) -> Inline:
    """"Y. Zhang†,*, J. Jia†,*, …, **S. Liu**" — the owner Strong("owner"), members Strong("member")."""
    out: list[Node] = []
    for i, author in enumerate(visible_authors(authors, people, max_authors, et_al)):
        if i:
            out.append(Text(", "))
        if isinstance(author, str):
            out.append(Text(author))
            continue
        if people.is_owner(author):
            name: Inline = strong(author.name, "owner")
        elif people.is_member(author):
            name = strong(author.name, "member")
        else:
            name = (Text(author.name),)
        out.extend(name)
        marks = author_marks(author, cv)
        if marks:
            out.append(Sup((Text(",".join(marks)),)))
    return merge(out)


def _venue(pub: Publication) -> Inline | None:
    if pub.venue and pub.venue_short and pub.venue_short not in plain(pub.venue):
        return merge((*emph(pub.venue), Text(f" ({pub.venue_short})")))
    if pub.venue:
        return emph(pub.venue)
    return emph(pub.venue_short) if pub.venue_short else None


def _links(pub: Publication, ps: PublicationSettings, show_links: bool) -> tuple[LinkRef, ...]:
    if not show_links:
        return ()
    links = [LinkRef(lnk.label, lnk.url) for lnk in pub.links if lnk.url]
    if pub.doi:
        links.append(LinkRef(f"doi:{pub.doi}", f"https://doi.org/{pub.doi}"))
    return tuple(links)


def _details(pub: Publication, ps: PublicationSettings, loc: Locale) -> list[Inline]:
    details: list[Inline] = []
    if pub.categories and ps.show_categories:
        details.append((Text(", ".join(pub.categories)),))
    if pub.tags and ps.show_tags:
        details.append(words(loc, "terms.tags", tags=", ".join(pub.tags)))
    if pub.citations is not None and ps.show_citations:
        details.append((Text(loc.fill("terms.cited_by", count=pub.citations)),))
    return details


def pub_date(pub: Publication, cv: CV, loc: Locale) -> str:
    """The year, or the full date when ``settings.date_styles.publications`` asks for a style."""
    style = cv.settings.date_styles.get("publications")
    return loc.date(pub.date, style) if style else str(pub.date.year)


def publication_item(
    pub: Publication, cv: CV, people: People, ps: PublicationSettings, show_abstract: bool,
    show_links: bool | None = None, *, loc: Locale,
) -> Item:
    """One publication as an :class:`Item`, in the configured layout ("citation" or "title-first")."""
    show_links = ps.show_links if show_links is None else show_links
    if ps.layout == "title-first":
        return _title_first(pub, cv, people, ps, show_abstract, show_links, loc)
    volume = None
    if pub.volume:
        volume = loc.fill("terms.volume", volume=pub.volume)
        volume += ", " + loc.fill("terms.issue", issue=pub.issue) if pub.issue else ""
    pages = loc.fill("terms.pages", pages=pub.pages) if pub.pages else None
    status = status_text(pub.status, loc)
    title = link(pub.url, quoted_title(pub.title))
    body = join([author_list(pub.authors, cv, people, ps.max_authors, loc.text("terms.et_al")), title], ", ")
    rest = join([_venue(pub), volume, pub.publisher, status, pub_date(pub, cv, loc), pages], ", ")
    main = join([body, rest], " ")
    notes: list[Inline] = list(pub.notes)
    notes.extend(strong(a, "award") for a in pub.awards)
    if notes:
        main = merge((*main, Text(" ("), *join(notes, "; "), Text(")")))
    return Item(
        main=main,
        kind="publication",
        links=_links(pub, ps, show_links),
        abstract=pub.abstract if show_abstract else None,
        details=tuple(_details(pub, ps, loc)),
        prominent=pub.selected,
    )


def _title_first(
    pub: Publication, cv: CV, people: People, ps: PublicationSettings, show_abstract: bool, show_links: bool,
    loc: Locale,
) -> Item:
    """The lab-page form: [Title](url) / authors / "NeurIPS'23 (Spotlight)"."""
    href = pub.url or next((lnk.url for lnk in pub.links if lnk.url), None)
    title = link(href, pub.title)
    venue = pub.venue_short or None
    where = (Text(venue),) if venue else join([pub.venue, pub_date(pub, cv, loc)], ", ")
    status = status_text(pub.status, loc)
    notes = [merge((Text("("), *n, Text(")"))) for n in pub.notes]
    awards = [strong(merge((Text("("), *a, Text(")"))), "award") for a in pub.awards]
    venue_line = join([join([where, status], ", "), *notes, *awards], " ")
    et_al = loc.text("terms.et_al")
    details = [author_list(pub.authors, cv, people, ps.max_authors, et_al), venue_line, *_details(pub, ps, loc)]
    other_links = tuple(x for x in _links(pub, ps, show_links) if x.href != href)
    return Item(
        main=title,
        kind="publication",
        links=other_links,
        abstract=pub.abstract if show_abstract else None,
        details=tuple(d for d in details if d),
        prominent=pub.selected,
    )


@dataclass(frozen=True)
class PubGroup:
    """Publications under one heading, with the key numbering prefixes are looked up by."""

    key: str | None
    title: Inline | None
    pubs: list[Publication]


def sort_publications(pubs: Sequence[Publication], sort: str) -> list[Publication]:
    """Newest or oldest first by date (stable: same dates keep the written order), or as written."""
    if sort == "as-written":
        return list(pubs)
    return sorted(pubs, key=lambda p: p.date.sort_key, reverse=sort == "newest")


def group_publications(pubs: Sequence[Publication], ps: PublicationSettings, loc: Locale) -> list[PubGroup]:
    """Group and sort once, for every backend.

    Topics come in ``settings.publications.topics`` order (a paper with two topics appears in
    both; papers with none go last under "Other Publications"); kinds in ``kind_order`` then the
    built-in order; years newest first unless ``sort: oldest``.
    """
    pubs = sort_publications(pubs, ps.sort)
    if ps.group_by == "none":
        return [PubGroup(None, None, pubs)]
    groups: list[PubGroup] = []
    if ps.group_by == "topic":
        placed: set[int] = set()
        for topic in ps.topics:
            members = [p for p in pubs if topic.key in p.topics]
            placed.update(id(p) for p in members)
            if members:
                groups.append(PubGroup(topic.key, topic.title, members))
        rest = [p for p in pubs if id(p) not in placed]
        if rest:
            groups.append(PubGroup("other", (Text(loc.text("kinds.other")),), rest))
        return groups
    if ps.group_by == "kind":
        order = list(dict.fromkeys([*ps.kind_order, *KIND_ORDER]))
        for kind in order:
            members = [p for p in pubs if p.kind == kind]
            if members:
                heading = kind_title(kind, ps.kind_titles, loc)
                groups.append(PubGroup(kind, (Text(heading),), members))
        return groups
    years = sorted({p.date.year for p in pubs}, reverse=ps.sort != "oldest")
    return [PubGroup(str(y), (Text(str(y)),), [p for p in pubs if p.date.year == y]) for y in years]


def number_groups(
    groups: list[tuple[Inline | None, list[Item]]],
    numbering: Numbering,
    ids: list[list[str | None]] | None = None,
    keys: list[str | None] | None = None,
) -> tuple[Group, ...]:
    """Give items their visible numbers.

    ``descending`` counts down (P5…P1), ``ascending`` up (T1…T7); ``scope: group`` restarts in
    each group, ``scope: list`` runs through the whole list (descending: the first item gets the
    total). The prefix comes from ``numbering.prefixes[group key]``, else ``numbering.prefix``.
    With ``permanent: true`` an item's own ``id`` is its label (items without one keep their
    positional label) and ``number`` stays positional, for backends that need an integer.
    """
    if numbering.style == "none":
        return tuple(Group(title, tuple(items)) for title, items in groups)
    total = sum(len(items) for _, items in groups)
    descending = numbering.style == "descending"
    out: list[Group] = []
    running = 0
    for gi, (title, items) in enumerate(groups):
        key = keys[gi] if keys is not None else None
        prefix = numbering.prefixes.get(key, numbering.prefix) if key is not None else numbering.prefix
        numbered: list[Item] = []
        for i, item in enumerate(items):
            if numbering.scope == "group":
                n = len(items) - i if descending else i + 1
            else:
                n = total - running if descending else running + 1
            running += 1
            own_id = ids[gi][i] if ids is not None else None
            label = own_id if numbering.permanent and own_id else f"{prefix or ''}{n}"
            numbered.append(replace(item, label=label, number=n, numbering_prefix=_prefix_of(label, n)))
        out.append(Group(title, tuple(numbered), numbered=True, descending=descending))
    return tuple(out)


def _prefix_of(label: str, n: int) -> str | None:
    """"P" for ("P5", 5); a user's own label that happens to read prefix + position counts too."""
    digits = str(n)
    return label[: -len(digits)] if n >= 0 and label.endswith(digits) else None


def used_markers(
    pubs: Sequence[Publication], people: People, max_authors: int | None,
    visible: Callable[[Publication], Sequence[Author | str]] | None = None,
) -> set[str]:
    """Roles whose marker (or bolding, for members) a reader actually sees in these publications.

    ``visible`` gives the authors shown in a publication's entry when a citation style chose them.
    """
    used: set[str] = set()
    for pub in pubs:
        shown = visible(pub) if visible else visible_authors(pub.authors, people, max_authors)
        for a in shown:
            if isinstance(a, str):
                continue
            used.update(role for role in ("student", "equal", "corresponding") if getattr(a, role))
            if not people.is_owner(a) and people.is_member(a):
                used.add("members")
    return used


def legend(
    pubs: Sequence[Publication], cv: CV, loc: Locale, people: People | None = None,
    visible: Callable[[Publication], Sequence[Author | str]] | None = None,
) -> Inline | None:
    """"* denotes equal contribution; † denotes student authors under my supervision." — used markers only."""
    people = people or People.of(cv)
    used = used_markers(pubs, people, cv.settings.publications.max_authors, visible)
    markers = cv.settings.markers
    parts = [legend_part(cv, loc, role, getattr(markers, role, "")) for role in cv.settings.legend.order if role in used]
    if not parts:
        return None
    return merge((*join(parts, legend_separator(cv, loc)), Text(loc.text("legend.end"))))


METRIC_FIELDS = ("citations", "h_index", "i10_index", "papers")


def metrics_line(cv: CV, loc: Locale, warnings: list[str] | None = None) -> Inline | None:
    """The citation line, e.g. "Full list … at Google Scholar (8509 citations as of July 16, 2024)."."""
    m = cv.metrics
    if m is None:
        return None
    values: dict[str, Inline] = {}
    if m.source:
        values["source"] = link(m.url, strong(m.source))
    for name in METRIC_FIELDS:
        value = getattr(m, name)
        if value is not None:
            values[name] = (Text(str(value)),)
    if m.as_of:
        values["as_of"] = (Text(loc.date(m.as_of, "long")),)
    template = cv.settings.publications.metrics_sentence
    parts: list[Inline] = []
    if template is not None:
        missing = sorted(placeholders(template) - values.keys())
        if missing and warnings is not None:
            warnings.append(
                "settings.publications.metrics_sentence names "
                + ", ".join("{" + n + "}" for n in missing)
                + " but metrics gives no value for it; it is shown as written"
            )
        parts.append(fill(template, values))
    else:
        parts.extend(default_metrics(m, values, loc))
    for extra in m.extra:
        parts.append(merge((*link(extra.url, extra.label), Text(": "), *strong(extra.value))))
    return join(parts, " ") if parts else None
