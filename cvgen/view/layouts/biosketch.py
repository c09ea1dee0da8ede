"""The biosketch layout: the CV as a draft US NSF biographical sketch.

The sections follow the NSF PAPPG 23-1 biographical sketch: (A) professional preparation,
(B) appointments, (C) products — up to five closely related to the proposal and up to five other
significant ones — and (D) up to five synergistic activities, all within three pages. NSF now
takes biosketches through SciENcv and later PAPPG revisions changed parts of this (see
docs/publications.md); the draft is a starting point to paste from, not the submission.

Which products: publications tagged ``biosketch`` (or ``biosketch-related``) are "closely
related", those tagged ``biosketch-other`` are "other significant". Without any such tags, the
publications marked ``selected`` fill the first list and the remaining ones (newest first) the
second. Synergistic activities come from a custom section with key ``synergistic`` when there is
one, else from ``service``.

The page count is estimated from the text (see :func:`estimate_pages`); when the draft probably
runs past the limit (``profile.page_limit``, default 3) a warning goes into Document.warnings.
"""

from __future__ import annotations

import math
from dataclasses import replace

from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.people import People
from cvgen.model.publications import Publication
from cvgen.model.settings import Numbering, Profile
from cvgen.view import entries as fmt
from cvgen.view.document import Document, Group, Header, Item, Meta, Section
from cvgen.view.inline import join
from cvgen.view.publications import legend, number_groups, publication_item, sort_publications
from cvgen.view.selection import select_publications

NSF_PAGE_LIMIT = 3
MAX_PRODUCTS = 5
MAX_ACTIVITIES = 5
RELATED_TAGS = ("biosketch", "biosketch-related")
OTHER_TAGS = ("biosketch-other",)
# Letter paper, 11 pt, 1-inch margins: about 95 characters a line and 46 lines a page.
CHARS_PER_LINE = 95
LINES_PER_PAGE = 46


def _is_postdoc(title: Inline) -> bool:
    return "postdoc" in plain(title).casefold()


def choose_products(cv: CV, pubs: list[Publication], warnings: list[str]) -> tuple[list[Publication], list[Publication]]:
    """(closely related, other significant), each at most five; see the module docstring."""
    related = [p for p in pubs if any(t in p.tags for t in RELATED_TAGS)]
    other = [p for p in pubs if any(t in p.tags for t in OTHER_TAGS) and p not in related]
    if not related and not other:
        related = [p for p in pubs if p.selected]
        rest = sort_publications([p for p in pubs if p not in related], "newest")
        other = related[MAX_PRODUCTS:] + rest
        related = related[:MAX_PRODUCTS]
    else:
        for name, chosen in (("closely related (tag biosketch)", related), ("other (tag biosketch-other)", other)):
            if len(chosen) > MAX_PRODUCTS:
                warnings.append(
                    f"biosketch: {len(chosen)} products are marked {name}; NSF allows {MAX_PRODUCTS}, "
                    f"only the first {MAX_PRODUCTS} are shown"
                )
    return related[:MAX_PRODUCTS], other[:MAX_PRODUCTS]


def _activities(cv: CV, warnings: list[str], loc: Locale) -> list[Item]:
    custom = next((c for c in cv.custom_sections if c.key == "synergistic"), None)
    if custom is not None:
        items = [fmt.entry(e, "year", loc) for e in custom.entries]
    else:
        items = [fmt.service(s, "year", loc) for s in cv.service]
    if len(items) > MAX_ACTIVITIES:
        warnings.append(
            f"biosketch: {len(items)} synergistic activities given; NSF allows {MAX_ACTIVITIES}, "
            f"only the first {MAX_ACTIVITIES} are shown"
        )
    return items[:MAX_ACTIVITIES]


def _preparation(cv: CV, loc: Locale) -> list[Item]:
    """Organisation and location, major, degree, date (MM/YYYY), as NSF's table asks."""
    items = []
    for e in cv.education:
        main = join([join([e.institution, e.location], ", "), e.field, e.degree], " — ")
        items.append(Item(main=main, kind="education", date=loc.date(e.end or e.start, "numeric")))
    for p in cv.positions:
        if _is_postdoc(p.title):
            main = join([join([p.organization, p.location], ", "), join(p.supervisors, "; ") or None, p.title], " — ")
            items.append(Item(main=main, kind="education", date=loc.date_range(p.start, p.end, "numeric")))
    return items


def _appointments(cv: CV, loc: Locale) -> list[Item]:
    rows = [p for p in cv.positions if not _is_postdoc(p.title)]
    rows.sort(key=lambda p: p.start.sort_key, reverse=True)  # reverse chronological, stable
    return [
        Item(main=join([p.title, p.unit, p.organization, p.location], ", "), kind="position",
             date=loc.date_range(p.start, p.end, "year"))
        for p in rows
    ]


def _identifying(cv: CV, loc: Locale) -> tuple[Inline, ...]:
    p = cv.person
    primary = next((a for a in p.affiliations if a.kind == "primary"), p.affiliations[0] if p.affiliations else None)
    lines: list[Inline] = [(Text(loc.fill("biosketch.name", name=p.name)),)]
    if primary is not None:
        if primary.title:
            lines.append((Text(loc.fill("biosketch.position_title", title=primary.title)),))
        org = ", ".join(x for x in (primary.department, primary.institution, primary.location) if x)
        if org:
            lines.append((Text(loc.fill("biosketch.organization", organization=org)),))
    return tuple(lines)


def estimate_pages(doc: Document) -> float:
    """Pages the draft probably fills: wrapped lines of every paragraph and item, over lines a page.

    Cheap and format-independent (the same estimate for every backend); it errs on the long side
    by counting each item's lines separately and a blank line after every heading and group.
    """
    lines = 3  # name and spacing at the top
    for section in doc.sections:
        lines += 2
        for para in section.intro:
            lines += math.ceil(len(plain(para)) / CHARS_PER_LINE)
        for group in section.groups:
            lines += 2 if group.title else 0
            for item in group.items:
                text = " ".join([item.label or "", plain(item.main), item.date])
                lines += math.ceil(len(text) / CHARS_PER_LINE)
                lines += sum(math.ceil(len(plain(d)) / CHARS_PER_LINE) for d in item.details)
    return lines / LINES_PER_PAGE


def prepare_biosketch(cv: CV, profile: Profile, meta: Meta, header: Header, loc: Locale) -> Document:
    """Lay the CV out as an NSF biographical sketch draft."""
    warnings: list[str] = []
    people = People.of(cv)
    ps = cv.settings.publications
    heading = {key: loc.text(f"biosketch.{key}") for key in ("identifying", "preparation", "appointments", "products",
                                                             "related", "other", "synergistic")}
    sections: list[Section] = [Section("identifying", heading["identifying"], intro=_identifying(cv, loc), layout="text")]
    prep = _preparation(cv, loc)
    if prep:
        sections.append(Section("preparation", heading["preparation"], groups=(Group(None, tuple(prep)),)))
    appts = _appointments(cv, loc)
    if appts:
        sections.append(Section("appointments", heading["appointments"], groups=(Group(None, tuple(appts)),)))
    related, other = choose_products(cv, select_publications(cv, profile), warnings)
    raw_groups = [(heading["related"], related), (heading["other"], other)]
    groups = [
        ((Text(title),), [publication_item(p, cv, people, ps, False, show_links=False, loc=loc) for p in pubs])
        for title, pubs in raw_groups
        if pubs
    ]
    if groups:
        numbered = number_groups(groups, Numbering(style="ascending", scope="group"))
        key = legend([*related, *other], cv, loc, people)
        sections.append(Section("products", heading["products"], intro=(key,) if key else (), groups=numbered))
    else:
        warnings.append("biosketch: no publications to list as products")
    activities = _activities(cv, warnings, loc)
    if activities:
        numbered_acts = number_groups([(None, activities)], Numbering(style="ascending"))
        sections.append(Section("synergistic", heading["synergistic"], groups=numbered_acts))
    else:
        warnings.append("biosketch: no synergistic activities (add a custom section with key 'synergistic' or service)")
    bio_meta = replace(
        meta, title=loc.fill("meta.biosketch_title", name=cv.person.name), subject=loc.text("meta.biosketch_subject")
    )
    doc = Document(meta=bio_meta, header=Header(name=header.name), sections=tuple(sections))
    limit = profile.page_limit or NSF_PAGE_LIMIT
    pages = estimate_pages(doc)
    if pages > limit:
        warnings.append(
            f"biosketch probably runs to about {math.ceil(pages)} pages (estimated from its length); "
            f"the limit is {limit}: shorten products or activities"
        )
    return replace(doc, warnings=tuple(warnings))
