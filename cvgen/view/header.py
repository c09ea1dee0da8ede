"""The top of every layout: the header (name, affiliations, contacts, photo) and the document's metadata."""

from __future__ import annotations

from cvgen.errors import InputError, Problem
from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.loaded import Photo
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.settings import Profile
from cvgen.view.document import Contact, Header, Meta
from cvgen.view.inline import join
from cvgen.view.selection import ViewOptions

NO_FOLDER = "a photo needs the CV's folder: render the file's path, or load it with cvgen.load_cv(path)"


def header(cv: CV, photo: Photo | None, loc: Locale) -> Header:
    p = cv.person
    blocks: list[tuple[Inline, ...]] = []
    for a in p.affiliations:
        lines: list[Inline] = []
        if a.title:
            lines.append((Text(a.title),))
        if a.department:
            lines.append((Text(a.department),))
        place = join([a.institution, a.location], ", ")
        if place:
            lines.append(place)
        if lines:
            blocks.append(tuple(lines))
    contacts: list[Contact] = []
    if p.pronouns:
        contacts.append(Contact("pronouns", loc.text("contacts.pronouns"), p.pronouns))
    email = loc.text("contacts.email")
    contacts.extend(Contact("email", email, e, f"mailto:{e}", caption=email) for e in p.emails)
    for ph in p.phones:
        text = ph.number + (f" ({ph.label})" if ph.label else "")
        digits = "".join(ch for ch in ph.number if ch.isdigit() or ch == "+")
        phone = loc.text("contacts.phone")
        contacts.append(Contact("phone", phone, text, f"tel:{digits}" if digits else None, caption=phone))
    if p.address:
        contacts.append(Contact("address", loc.text("contacts.address"), ", ".join(p.address)))
    contacts.extend(Contact("link", lnk.label, lnk.label, lnk.url) for lnk in p.links)
    if p.photo and photo is None:  # a bare CV: its folder (and so the photo) is unknown; never drop it silently
        raise InputError([Problem("<cv>", None, None, "person.photo", NO_FOLDER)])
    return Header(name=p.name, affiliations=tuple(blocks), contacts=tuple(contacts), photo=photo)


def meta(cv: CV, options: ViewOptions, profile: Profile, loc: Locale) -> Meta:
    p = cv.person
    keywords: list[str] = []
    for area in cv.research_areas:
        keywords.append(area.label)
        keywords.extend(plain(t) for t in area.topics)
    primary = next((a for a in p.affiliations if a.kind == "primary"), p.affiliations[0] if p.affiliations else None)
    desc_parts = [p.name]
    if primary is not None:
        desc_parts.extend(x for x in (primary.title, primary.institution) if x)
    return Meta(
        title=loc.fill("meta.title", name=p.name),
        author=p.name,
        subject=loc.text("meta.subject"),
        keywords=tuple(keywords),
        description=loc.fill("meta.description", who=", ".join(desc_parts)),
        language=cv.settings.language,
        page_size=options.page_size or cv.settings.page_size,
        accent_colour=cv.settings.accent_colour,
        layout=profile.layout,
        direction=loc.direction,
        abstract_label=loc.text("terms.abstract"),
        photo_alt=loc.fill("terms.photo_alt", name=p.name),
        page_number=_page_number(loc.text("footer.page")),
    )


def _page_number(template: str) -> tuple[str, str, str]:
    """"{page} / {pages}" → ("", " / ", ""): the words around the two numbers a format counts itself."""
    before, _, rest = template.partition("{page}")
    between, _, after = rest.partition("{pages}")
    return before, between, after
