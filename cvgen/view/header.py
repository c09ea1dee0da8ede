"""The top of every layout: the header (name, affiliations, contacts, photo) and the document's metadata."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cvgen.errors import InputError, Problem
from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.links import is_address, mailto
from cvgen.model.loaded import Photo
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.person import LabelledLink
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
    contacts.extend(Contact("email", email, e, mailto(e) if is_address(e) else None, caption=email) for e in p.emails)
    for ph in p.phones:
        text = ph.number + (f" ({ph.label})" if ph.label else "")
        digits = "".join(ch for ch in ph.number if ch.isdigit() or ch == "+")
        phone = loc.text("contacts.phone")
        contacts.append(Contact("phone", phone, text, f"tel:{digits}" if digits else None, caption=phone))
    if p.address:
        contacts.append(Contact("address", loc.text("contacts.address"), ", ".join(p.address)))
    contacts.extend(link_contact(lnk) for lnk in p.links)
    if p.photo and photo is None:  # a bare CV: its folder (and so the photo) is unknown; never drop it silently
        raise InputError([Problem("<cv>", None, None, "person.photo", NO_FOLDER)])
    return Header(
        name=p.name, affiliations=tuple(blocks), contacts=tuple(contacts), photo=photo,
        compact_contacts=len(contacts) > COMPACT_CONTACTS,
    )


_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\b")
_HANDLE_SITES = {"twitter": ("twitter.com", "x.com"), "bluesky": ("bsky.app",)}
COMPACT_CONTACTS = 5
"""More contacts than this run on one wrapping line under the affiliations instead of a column."""
SHORT_URL = 40
"""Longer addresses are shown by their label: the page is paper, the link still works on screen."""


def link_contact(link: LabelledLink) -> Contact:
    """What a reader needs on paper: the ORCID iD, the handle, or the short address.

    "ORCID 0000-0002-1825-0097", "@liusiji5" (Twitter/X, Bluesky, Mastodon as @user@host),
    "github.com/ada" (the address without scheme, "www." and a trailing slash) with the label as
    its caption; only the label when there is no address or it is too long to read.
    """
    url = link.url
    if not url:
        return Contact("link", link.label, link.label)
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    orcid = _ORCID.search(path) if link.kind == "orcid" or host == "orcid.org" else None
    if orcid:
        return Contact("link", link.label, orcid.group(1), url, caption="ORCID")
    handle = _handle(link.kind, host, path)
    if handle:
        return Contact("link", link.label, handle, url, caption=link.label)
    short = host + (path if not parts.query else f"{path}?{parts.query}")
    if parts.scheme in ("http", "https") and host and len(short) <= SHORT_URL:
        named = link.label.lower().replace(" ", "") in host  # "GitHub: github.com/ada" says it twice
        return Contact("link", link.label, short, url, caption=None if named else link.label)
    return Contact("link", link.label, link.label, url)


def _handle(kind: str, host: str, path: str) -> str | None:
    """"@user" for a profile on a social site (Mastodon: "@user@host"), else None."""
    segments = [s for s in path.split("/") if s]
    if kind == "mastodon" and len(segments) == 1 and segments[0].startswith("@"):
        return f"{segments[0]}@{host}"
    if host in _HANDLE_SITES.get(kind, ()) or any(host in sites for sites in _HANDLE_SITES.values()):
        name = segments[-1] if segments else ""
        return f"@{name.lstrip('@')}" if name else None
    return None


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
