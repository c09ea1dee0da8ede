"""The NSF biographical sketch (Common Form) and the separate Synergistic Activities page.

Sections follow the Common Form biographical sketch as NSF's PAPPG 24-1 (II.D.2.h(i), effective
20 May 2024; supplemented, not replaced, in December 2025) describes it: identifying information, organization and location, professional preparation,
appointments and positions, and products — up to five closely related to the proposal and up to
five other significant ones. The biosketch has no page limit of its own. Synergistic activities
left the biosketch with PAPPG 24-1: they are a document of their own, up to five examples on one
page (:func:`prepare_synergistic`). NSF takes only the SciENcv version of the biosketch; this is
the complete draft to copy in (see docs/grants.md).

Which products: publications tagged ``biosketch`` (or ``biosketch-related``) are "closely
related", those tagged ``biosketch-other`` are "other significant". Without any such tags, the
publications marked ``selected`` fill the first list and the remaining ones (newest first) the
second. Synergistic activities come from a custom section with key ``synergistic`` when there is
one, else from ``service``.
"""

from __future__ import annotations

from dataclasses import replace

from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.markup import Text
from cvgen.model.people import People
from cvgen.model.publications import Publication
from cvgen.model.settings import Numbering, Profile
from cvgen.view import entries as fmt
from cvgen.view.document import Document, Group, Header, Item, Meta, PageLimit, Section
from cvgen.view.layouts import funder_rows as rows
from cvgen.view.publications import legend, number_groups, publication_item, sort_publications
from cvgen.view.selection import select_publications

MAX_PRODUCTS = 5
MAX_ACTIVITIES = 5
SYNERGISTIC_PAGES = 1
RELATED_TAGS = ("biosketch", "biosketch-related")
OTHER_TAGS = ("biosketch-other",)
PAPPG = "NSF PAPPG 24-1, II.D.2.h"


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


def activities(cv: CV, warnings: list[str], loc: Locale) -> list[Item]:
    """Up to five synergistic activities: the custom section ``synergistic``, else service."""
    custom = next((c for c in cv.custom_sections if c.key == "synergistic"), None)
    if custom is not None:
        items = [fmt.entry(e, "year", loc) for e in custom.entries]
    else:
        items = [fmt.service(s, "year", loc) for s in cv.service]
    if len(items) > MAX_ACTIVITIES:
        warnings.append(
            f"synergistic activities: {len(items)} given; NSF allows {MAX_ACTIVITIES}, "
            f"only the first {MAX_ACTIVITIES} are shown"
        )
    return items[:MAX_ACTIVITIES]


def _products(cv: CV, profile: Profile, warnings: list[str], loc: Locale) -> Section | None:
    people = People.of(cv)
    ps = cv.settings.publications
    related, other = choose_products(cv, select_publications(cv, profile), warnings)
    raw_groups = [(loc.text("biosketch.related"), related), (loc.text("biosketch.other"), other)]
    groups = [
        ((Text(title),), [publication_item(p, cv, people, ps, False, show_links=False, loc=loc) for p in pubs])
        for title, pubs in raw_groups
        if pubs
    ]
    if not groups:
        warnings.append("biosketch: no publications to list as products")
        return None
    numbered = number_groups(groups, Numbering(style="ascending", scope="group"))
    numbered = (*numbered[:-1], replace(numbered[-1], keep_last=True))
    key = legend([*related, *other], cv, loc, people)
    return Section("products", loc.text("biosketch.products"), intro=(key,) if key else (), groups=numbered)


def prepare_biosketch(cv: CV, profile: Profile, meta: Meta, header: Header, loc: Locale) -> Document:
    """Lay the CV out as the NSF Common Form biographical sketch (a draft for SciENcv)."""
    warnings: list[str] = []
    sections: list[Section] = [Section("identifying", loc.text("biosketch.identifying"), intro=rows.identifying(cv, loc),
                                       layout="text")]
    prep = rows.preparation(cv, loc)
    if prep:
        sections.append(Section("preparation", loc.text("biosketch.preparation"), groups=(Group(None, tuple(prep)),)))
    appts = rows.appointments(cv, loc)
    if appts:
        sections.append(Section("appointments", loc.text("biosketch.appointments"), groups=(Group(None, tuple(appts)),)))
    products = _products(cv, profile, warnings, loc)
    if products is not None:
        sections.append(products)
    bio_meta = replace(meta, title=loc.fill("meta.biosketch_title", name=cv.person.name),
                       subject=loc.text("meta.biosketch_subject"))
    limit = PageLimit(profile.page_limit, "the profile's page_limit") if profile.page_limit else None
    return Document(meta=bio_meta, header=Header(name=header.name), sections=tuple(sections),
                    warnings=tuple(warnings), page_limit=limit, fragment_keys=("products",))


def prepare_synergistic(cv: CV, profile: Profile, meta: Meta, header: Header, loc: Locale) -> Document:
    """NSF's Synergistic Activities document: up to five numbered examples, one page."""
    warnings: list[str] = []
    items = activities(cv, warnings, loc)
    sections: list[Section] = []
    if items:
        numbered = number_groups([(None, items)], Numbering(style="ascending"))
        sections.append(Section("synergistic", loc.text("biosketch.synergistic"), groups=numbered))
    else:
        warnings.append("synergistic activities: none (add a custom section with key 'synergistic' or service)")
    pages = profile.page_limit or SYNERGISTIC_PAGES
    rule = "the profile's page_limit" if profile.page_limit else f"NSF Synergistic Activities: one page ({PAPPG})"
    doc_meta = replace(meta, title=f"{cv.person.name} — Synergistic Activities", subject="Synergistic Activities")
    return Document(meta=doc_meta, header=Header(name=header.name), sections=tuple(sections),
                    warnings=tuple(warnings), page_limit=PageLimit(pages, rule), fragment_keys=("synergistic",))
