"""Publication lists: author lists with roles, grouping, sorting, numbering, legend and metrics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cvgen.model.authors import Author
from cvgen.model.cv import CV
from cvgen.model.dates import format_date
from cvgen.model.markup import Inline, Node, Sup, Text
from cvgen.model.publications import Publication
from cvgen.model.settings import Numbering, PublicationSettings
from cvgen.view.document import Group, Item, LinkRef
from cvgen.view.inline import emph, fill, join, link, merge, quoted_title, strong
from cvgen.view.names import NameMatcher

KIND_TITLES = {
    "journal": "Journal Articles",
    "conference": "Conference Papers",
    "workshop": "Workshop Papers",
    "magazine": "Magazine Articles",
    "preprint": "Preprints",
    "book": "Books",
    "chapter": "Book Chapters",
    "thesis": "Theses",
    "patent": "Patents",
    "report": "Technical Reports",
    "other": "Other Publications",
}
STATUS_TEXT = {
    "accepted": "accepted",
    "under-review": "under review",
    "submitted": "submitted",
    "in-preparation": "in preparation",
}


@dataclass(frozen=True)
class People:
    """Who is bolded in author lists: the owner and, in lab mode, the group's members."""

    owner: NameMatcher
    members: NameMatcher

    @classmethod
    def of(cls, cv: CV) -> People:
        return cls(
            NameMatcher([cv.person.name, *cv.person.name_variants]),
            NameMatcher(list(cv.settings.group_members)),
        )

    def is_owner(self, author: Author) -> bool:
        return author.owner if author.owner is not None else self.owner.matches(author.name)


def author_marks(author: Author, cv: CV) -> list[str]:
    m = cv.settings.markers
    return [sym for flag, sym in ((author.student, m.student), (author.equal, m.equal), (author.corresponding, m.corresponding)) if flag]


def author_list(authors: Sequence[Author], cv: CV, people: People, max_authors: int | None) -> Inline:
    """"Y. Zhang†,*, J. Jia†,*, …, **S. Liu**" — truncated with "et al." keeping the owner visible."""
    shown: list[Author | str] = list(authors)
    if max_authors is not None and len(authors) > max_authors:
        shown = list(authors[:max_authors])
        owner_at = next((i for i, a in enumerate(authors) if people.is_owner(a)), None)
        if owner_at is not None and owner_at >= max_authors:
            shown += ["…", authors[owner_at]]
        shown.append("et al.")
    out: list[Node] = []
    for i, author in enumerate(shown):
        if i:
            out.append(Text(", "))
        if isinstance(author, str):
            out.append(Text(author))
            continue
        if people.is_owner(author):
            name: Inline = strong(author.name, "owner")
        elif people.members and people.members.matches(author.name):
            name = strong(author.name, "member")
        else:
            name = (Text(author.name),)
        out.extend(name)
        marks = author_marks(author, cv)
        if marks:
            out.append(Sup((Text(",".join(marks)),)))
    return merge(out)


def publication_item(pub: Publication, cv: CV, people: People, ps: PublicationSettings, show_abstract: bool) -> Item:
    venue: Inline | None = emph(pub.venue) if pub.venue else (emph(pub.venue_short) if pub.venue_short else None)
    if pub.venue and pub.venue_short and pub.venue_short not in "".join(_texts(pub.venue)):
        venue = merge((*emph(pub.venue), Text(f" ({pub.venue_short})")))
    volume = None
    if pub.volume:
        volume = f"vol. {pub.volume}" + (f", no. {pub.issue}" if pub.issue else "")
    pages = f"pp. {pub.pages}" if pub.pages else None
    status = STATUS_TEXT.get(pub.status)
    body = join(
        [
            author_list(pub.authors, cv, people, ps.max_authors),
            quoted_title(pub.title),
        ],
        ", ",
    )
    rest = join([venue, volume, pub.publisher, status, str(pub.date.year), pages], ", ")
    main = join([body, rest], " ")
    extras = [*pub.notes]
    notes: list[Inline] = [n for n in extras]
    notes.extend(strong(a, "award") for a in pub.awards)
    if notes:
        main = merge((*main, Text(" ("), *join(notes, "; "), Text(")")))
    links = [LinkRef(lnk.label, lnk.url) for lnk in pub.links if lnk.url] if ps.show_links else []
    if pub.doi and ps.show_links:
        links.append(LinkRef(f"doi:{pub.doi}", f"https://doi.org/{pub.doi}"))
    details: list[Inline] = []
    if pub.categories:
        details.append(join([", ".join(pub.categories)]))
    return Item(
        main=main,
        kind="publication",
        links=tuple(links),
        abstract=pub.abstract if show_abstract else None,
        details=tuple(details),
        prominent=pub.selected,
    )


def _texts(nodes: Inline) -> list[str]:
    out: list[str] = []
    for n in nodes:
        out.extend([n.text] if isinstance(n, Text) else _texts(n.children))
    return out


def group_publications(pubs: Sequence[Publication], ps: PublicationSettings) -> list[tuple[Inline | None, list[Publication]]]:
    """Group and sort once, for every backend."""
    if ps.sort != "as-written":
        pubs = sorted(pubs, key=lambda p: p.date.sort_key, reverse=ps.sort == "newest")
    if ps.group_by == "none":
        return [(None, list(pubs))]
    groups: list[tuple[Inline | None, list[Publication]]] = []
    if ps.group_by == "topic":
        placed: set[int] = set()
        for topic in ps.topics:
            members = [p for p in pubs if topic.key in p.topics]
            placed.update(id(p) for p in members)
            if members:
                groups.append((topic.title, members))
        rest = [p for p in pubs if id(p) not in placed]
        if rest:
            groups.append(((Text("Other Publications"),), rest))
        return groups
    if ps.group_by == "kind":
        order = list(ps.kind_order) + [k for k in KIND_TITLES if k not in ps.kind_order]
        for kind in order:
            members = [p for p in pubs if p.kind == kind]
            if members:
                groups.append(((Text(KIND_TITLES.get(kind, kind.title())),), members))
        return groups
    years = sorted({p.date.year for p in pubs}, reverse=ps.sort != "oldest")
    return [((Text(str(y)),), [p for p in pubs if p.date.year == y]) for y in years]


def number_groups(
    groups: list[tuple[Inline | None, list[Item]]], numbering: Numbering, ids: list[list[str | None]] | None = None
) -> tuple[Group, ...]:
    """Give items their visible numbers ("P5"…"P1" per group by default)."""
    if numbering.style == "none":
        return tuple(Group(title, tuple(items)) for title, items in groups)
    prefix = numbering.prefix or ""
    total = sum(len(items) for _, items in groups)
    descending = numbering.style == "descending"
    out: list[Group] = []
    running = 0
    for gi, (title, items) in enumerate(groups):
        numbered: list[Item] = []
        for i, item in enumerate(items):
            if numbering.scope == "group":
                n = len(items) - i if descending else i + 1
            else:
                n = total - running if descending else running + 1
            running += 1
            label = f"{prefix}{n}"
            if numbering.permanent and ids is not None and ids[gi][i]:
                label = str(ids[gi][i])
            numbered.append(_replace(item, label=label, number=n))
        out.append(Group(title, tuple(numbered), numbered=True, descending=descending))
    return tuple(out)


def _replace(item: Item, **changes: object) -> Item:
    from dataclasses import replace

    return replace(item, **changes)  # type: ignore[arg-type]


def legend(pubs: Sequence[Publication], cv: CV) -> Inline | None:
    """"* denotes equal contribution; † denotes student authors under my supervision." — used markers only."""
    used = {
        "student": any(a.student for p in pubs for a in p.authors),
        "equal": any(a.equal for p in pubs for a in p.authors),
        "corresponding": any(a.corresponding for p in pubs for a in p.authors),
    }
    lg = cv.settings.legend
    markers = cv.settings.markers
    parts = [
        fill(getattr(lg, role), {"marker": (Text(getattr(markers, role)),)})
        for role in lg.order
        if used.get(role)
    ]
    if not parts:
        return None
    return merge((*join(parts, lg.separator), Text(".")))


def metrics_line(cv: CV) -> Inline | None:
    """The citation line, e.g. "Full list … at Google Scholar (8509 citations as of July 16, 2024)."."""
    m = cv.metrics
    if m is None:
        return None
    values: dict[str, Inline] = {}
    if m.source:
        values["source"] = link(m.url, strong(m.source))
    for name in ("citations", "h_index", "i10_index", "papers"):
        value = getattr(m, name)
        if value is not None:
            values[name] = (Text(str(value)),)
    if m.as_of:
        values["as_of"] = (Text(format_date(m.as_of, "long")),)
    template = cv.settings.publications.metrics_sentence
    parts: list[Inline] = []
    if template is not None:
        parts.append(fill(template, values))
    else:
        facts = []
        if m.citations is not None:
            facts.append(f"{m.citations} citations")
        if m.h_index is not None:
            facts.append(f"h-index {m.h_index}")
        if m.i10_index is not None:
            facts.append(f"i10-index {m.i10_index}")
        if m.papers is not None:
            facts.append(f"{m.papers} papers")
        sentence: list[Node] = []
        if facts:
            sentence.append(Text(", ".join(facts)))
        if m.source:
            sentence.extend((Text(" according to " if facts else "Source: "), *values["source"]))
        if m.as_of:
            sentence.append(Text(f" as of {format_date(m.as_of, 'long')}"))
        if sentence:
            sentence.append(Text("."))
            parts.append(merge(sentence))
    for extra in m.extra:
        parts.append(merge((*link(extra.url, extra.label), Text(": "), *strong(extra.value))))
    return join(parts, " ") if parts else None
