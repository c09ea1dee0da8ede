"""The NIH biographical sketch, from the CV and its ``biosketch:`` block.

Sections follow NIH's biographical sketch format page and instructions (OMB No. 0925-0001, the
format approved through 01/31/2026):
the name, eRA Commons user name and position title; the Education/Training table (oldest
first, postdoctoral training included, completion dates MM/YYYY); A. Personal Statement, with up
to four citations; B. Positions, Scientific Appointments and Honors; C. Contributions to Science,
up to five, each with up to four citations chosen by publication ``key``, and the link to the
complete list of published work. Five pages at most, measured on the rendered PDF.

Citations carry their PMID and PMCID when the publication has them (NIH's public access policy
asks for the PMCID of papers it covers). Since 25 January 2026 NIH takes the Common Form
biographical sketch plus an NIH Biographical Sketch Supplement (personal statement, honors,
contributions) from SciENcv instead, with no page limit but character limits; those limits are
checked here too, so one draft serves both (see docs/grants.md).
"""

from __future__ import annotations

from dataclasses import replace

from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.funder import FunderText
from cvgen.model.loaded import Origin
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.people import People
from cvgen.model.publications import Publication
from cvgen.model.settings import Profile
from cvgen.view import entries as fmt
from cvgen.view.document import Document, Group, Header, Item, Meta, PageLimit, Section
from cvgen.view.inline import join, link, merge, strong
from cvgen.view.layouts import funder_rows as rows
from cvgen.view.publications import publication_item

NIH_PAGES = 5
NIH_RULE = "NIH biographical sketch: five pages (NIH format page and instructions, OMB No. 0925-0001)"
STATEMENT_CHARS = 3500
CONTRIBUTION_CHARS = 2000
"""Character limits of the NIH Biographical Sketch Supplement (required from 25 January 2026)."""


def pubmed_ids(pub: Publication) -> str | None:
    """"PMID: 31234567; PMCID: PMC6543210", as NIH asks citations to end; None without either."""
    parts = [f"PMID: {pub.pmid}" if pub.pmid else None, f"PMCID: {pub.pmcid}" if pub.pmcid else None]
    text = "; ".join(p for p in parts if p)
    return text or None


def citation(pub: Publication, cv: CV, people: People, loc: Locale) -> Inline:
    """The publication as the CV cites it (same authors, markers, venue), then its PubMed identifiers."""
    main = publication_item(pub, cv, people, cv.settings.publications, False, show_links=False, loc=loc).main
    ids = pubmed_ids(pub)
    return join([main, f"{ids}." if ids else None], ". " if ids else "")


def cited(keys: tuple[str, ...], path: tuple[object, ...], cv: CV, checks: rows.Located) -> list[Publication]:
    """The publications named by ``keys``, in that order; an unknown key is a located warning."""
    by_key = {p.key: p for p in cv.publications if p.key}
    found = []
    for n, key in enumerate(keys):
        if key in by_key:
            found.append(by_key[key])
        else:
            checks.warn((*path, n), f"no publication has key {key!r}; it is left out")
    return found


def _statement(cv: CV, text: FunderText, checks: rows.Located, loc: Locale) -> Section:
    people = People.of(cv)
    if text.personal_statement is None:
        checks.warn(("biosketch",), "no personal_statement; NIH section A needs one")
    elif len(plain(text.personal_statement)) > STATEMENT_CHARS:
        checks.warn(("biosketch", "personal_statement"), f"{len(plain(text.personal_statement))} characters; the NIH "
                    f"supplement allows {STATEMENT_CHARS}")
    pubs = cited(text.personal_publications, ("biosketch", "personal_publications"), cv, checks)
    items = tuple(Item(main=citation(p, cv, people, loc), kind="publication", label=str(n), number=n)
                  for n, p in enumerate(pubs, 1))
    intro = (text.personal_statement,) if text.personal_statement else ()
    groups = (Group(None, items, numbered=True),) if items else ()
    return Section("statement", "A. Personal Statement", intro=intro, groups=groups)


def _positions_and_honors(cv: CV, loc: Locale) -> Section:
    groups = [Group((Text("Positions and Scientific Appointments"),), tuple(rows.appointments(cv, loc)))]
    honors = sorted(cv.honors, key=lambda h: h.date.sort_key, reverse=True)
    if honors:
        groups.append(Group((Text("Honors"),), tuple(fmt.honor(h, "year", loc) for h in honors)))
    return Section("positions", "B. Positions, Scientific Appointments and Honors", groups=tuple(groups))


def _contribution_item(n: int, i: int, cv: CV, text: FunderText, checks: rows.Located, loc: Locale) -> Item:
    c = text.contributions[i]
    length = len(plain(c.description)) + (len(plain(c.title)) + 1 if c.title else 0)
    if length > CONTRIBUTION_CHARS:
        checks.warn(("biosketch", "contributions", i), f"{length} characters; the NIH supplement allows "
                    f"{CONTRIBUTION_CHARS} a contribution")
    people = People.of(cv)
    pubs = cited(c.publications, ("biosketch", "contributions", i, "publications"), cv, checks)
    details = tuple(merge((Text(f"{chr(ord('a') + k)}. "), *citation(p, cv, people, loc))) for k, p in enumerate(pubs))
    main = join([strong(c.title) if c.title else None, c.description], " ")
    return Item(main=main, kind="contribution", label=str(n), number=n, details=details)


def _contributions(cv: CV, text: FunderText, checks: rows.Located, loc: Locale) -> Section:
    items = tuple(_contribution_item(n, i, cv, text, checks, loc) for n, i in enumerate(range(len(text.contributions)), 1))
    groups = [Group(None, items, numbered=True, keep_last=True)] if items else []
    if not items:
        checks.warn(("biosketch",), "no contributions; NIH section C lists up to five")
    if text.publications_url:
        line = join(["Complete list of published work:", link(text.publications_url, text.publications_url)], " ")
        groups.append(Group(None, (Item(main=line, kind="link"),)))
    return Section("contributions", "C. Contributions to Science", groups=tuple(groups))


def _identifying(cv: CV, text: FunderText) -> tuple[Inline, ...]:
    primary = rows.primary_affiliation(cv)
    lines = [f"NAME: {cv.person.name}",
             f"eRA COMMONS USER NAME: {text.era_commons}" if text.era_commons else None,
             f"POSITION TITLE: {primary.title}" if primary and primary.title else None]
    return tuple((Text(line),) for line in lines if line)


def prepare_nih(cv: CV, profile: Profile, meta: Meta, header: Header, origin: Origin, loc: Locale) -> Document:
    """Lay the CV out as an NIH biographical sketch; its page limit is checked on the rendered PDF."""
    checks = rows.Located(origin)
    text = cv.biosketch or FunderText()
    training = list(reversed(rows.preparation(cv, loc)))  # NIH's table begins with the baccalaureate
    sections = [Section("identifying", "Biographical Sketch", intro=_identifying(cv, text), layout="text")]
    if training:
        sections.append(Section("education", "Education/Training", groups=(Group(None, tuple(training)),)))
    sections += [_statement(cv, text, checks, loc), _positions_and_honors(cv, loc), _contributions(cv, text, checks, loc)]
    pages = profile.page_limit or NIH_PAGES
    limit = PageLimit(pages, "the profile's page_limit" if profile.page_limit else NIH_RULE)
    doc_meta = replace(meta, title=f"{cv.person.name} — NIH Biographical Sketch", subject="Biographical Sketch")
    return Document(meta=doc_meta, header=Header(name=header.name), sections=tuple(sections),
                    warnings=tuple(checks.found), page_limit=limit, fragment_keys=("contributions",))
