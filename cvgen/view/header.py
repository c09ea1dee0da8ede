"""The top of every layout: the header (name, affiliations, contacts, photo) and the document's metadata."""

from __future__ import annotations

from cvgen.errors import InputError, Problem
from cvgen.model.cv import CV
from cvgen.model.links import is_address, mailto
from cvgen.model.loaded import Photo
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.settings import Profile
from cvgen.view.document import Contact, Header, Meta
from cvgen.view.inline import join
from cvgen.view.selection import ViewOptions

NO_FOLDER = "a photo needs the CV's folder: render the file's path, or load it with cvgen.load_cv(path)"


def header(cv: CV, photo: Photo | None) -> Header:
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
        contacts.append(Contact("pronouns", "Pronouns", p.pronouns))
    contacts.extend(Contact("email", "Email", e, mailto(e) if is_address(e) else None, caption="Email") for e in p.emails)
    for ph in p.phones:
        text = ph.number + (f" ({ph.label})" if ph.label else "")
        digits = "".join(ch for ch in ph.number if ch.isdigit() or ch == "+")
        contacts.append(Contact("phone", "Tel", text, f"tel:{digits}" if digits else None, caption="Tel"))
    if p.address:
        contacts.append(Contact("address", "Address", ", ".join(p.address)))
    contacts.extend(Contact("link", lnk.label, lnk.label, lnk.url) for lnk in p.links)
    if p.photo and photo is None:  # a bare CV: its folder (and so the photo) is unknown; never drop it silently
        raise InputError([Problem("<cv>", None, None, "person.photo", NO_FOLDER)])
    return Header(name=p.name, affiliations=tuple(blocks), contacts=tuple(contacts), photo=photo)


def meta(cv: CV, options: ViewOptions, profile: Profile) -> Meta:
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
        title=f"{p.name} — Curriculum Vitae",
        author=p.name,
        subject="Curriculum Vitae",
        keywords=tuple(keywords),
        description=", ".join(desc_parts) + ": curriculum vitae",
        language=cv.settings.language,
        page_size=options.page_size or cv.settings.page_size,
        accent_colour=cv.settings.accent_colour,
        layout=profile.layout,
    )
