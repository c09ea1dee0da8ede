"""JSON Resume (v1.0.0) ↔ cvgen.

JSON Resume is a job-seeker's format: basics, work, education, awards, publications, skills, … It
has no author lists, talks, grants, teaching or mentoring, but its schema allows extra properties,
so the export writes those as extra keys (``publications[].authors``, ``talks``, …) that the import
reads back. Everything the import cannot place is named in a warning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from cvgen.interop.common import Data, Imported, good_date, good_end, good_url, prune, section_key, squeeze
from cvgen.model.cv import CV
from cvgen.model.markup import plain, to_markdown

if TYPE_CHECKING:
    from cvgen.loader.strict_yaml import Located

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

# Profile networks → cvgen link kinds.
NETWORKS = {
    "github": "github", "linkedin": "linkedin", "twitter": "twitter", "x": "twitter", "mastodon": "mastodon",
    "bluesky": "bluesky", "orcid": "orcid", "google scholar": "scholar", "scholar": "scholar", "dblp": "dblp",
}


# ---------------------------------------------------------------------------------------------
# Export


def _md(value: Any) -> str | None:
    return to_markdown(value) if value else None


def _date(value: Any) -> str | None:
    return None if value is None or value == "present" else str(value)


def _basics(cv: CV) -> Data:
    """Name, contact details, summary and profiles; the first affiliation's title is the label."""
    p = cv.person
    first = p.affiliations[0] if p.affiliations else None
    website = next((lnk.url for lnk in p.links if lnk.url and lnk.kind in ("website", "lab")), None)
    email = next((e for e in p.emails if "@" in e), None)  # the schema's "email" must be an address
    basics: Data = {
        "name": p.name,
        "label": first.title if first else None,
        "email": email,
        "phone": p.phones[0].number if p.phones else None,
        "url": website,
        "summary": _md(cv.summary),
        "location": {"address": ", ".join(p.address)} if p.address else ({"city": first.location} if first and first.location else None),
        "profiles": [{"network": lnk.label, "url": lnk.url} for lnk in p.links if lnk.url and lnk.url != website],
        "emails": (list(p.emails) if email and p.emails[0] != email else list(p.emails[1:])) or None,
        "affiliations": [a.model_dump(exclude_none=True) for a in p.affiliations] or None,
        # cvgen's own details, as additional properties the import reads back (labels and kinds of
        # links, links without an address, spellings, phone labels, the address lines as written)
        "links": [lnk.model_dump(mode="json", exclude_none=True) for lnk in p.links] or None,
        "nameVariants": list(p.name_variants) or None,
        "pronouns": p.pronouns,
        "phones": [ph.model_dump(exclude_none=True) for ph in p.phones] if len(p.phones) > 1 or any(
            ph.label for ph in p.phones) else None,
        "address": list(p.address) or None,
    }
    return basics


def to_jsonresume(cv: CV) -> dict[str, Any]:
    """A JSON Resume document with the CV's facts; academic extras as additional properties."""
    from cvgen.model.people import People

    people = People.of(cv)
    doc: Data = {
        "$schema": SCHEMA,
        "basics": _basics(cv),
        "work": [
            {"name": _md(x.organization), "position": _md(x.title), "location": x.location,
             "startDate": str(x.start), "endDate": _date(x.end), "highlights": [_md(n) for n in x.notes],
             "department": _md(x.unit), "kind": x.kind, "supervisors": [_md(s) for s in x.supervisors],
             "field": _md(x.field)}
            for x in cv.positions
        ],
        "volunteer": [
            {"organization": _md(s.organization), "position": _md(s.role), "startDate": _date(s.start),
             "endDate": _date(s.end), "highlights": [_md(n) for n in s.notes], "kind": s.kind, "years": list(s.years)}
            for s in cv.service
        ],
        "education": [
            {"institution": _md(e.institution), "area": _md(e.field), "studyType": _md(e.degree),
             "startDate": _date(e.start), "endDate": _date(e.end), "location": e.location,
             "distinctions": [_md(d) for d in e.distinctions], "advisors": list(e.advisors), "thesis": _md(e.thesis),
             "notes": [_md(n) for n in e.notes]}
            for e in cv.education
        ],
        "awards": [
            {"title": _md(h.title), "date": str(h.date), "awarder": _md(h.awarder),
             "summary": _md(h.description), "event": _md(h.event), "prominent": h.prominent or None}
            for h in cv.honors
        ],
        "publications": [
            {"name": plain(pub.title), "publisher": plain(pub.venue) if pub.venue else pub.venue_short,
             "releaseDate": str(pub.date), "url": next((lnk.url for lnk in pub.links if lnk.url), None),
             "summary": plain(pub.abstract) if pub.abstract else None,
             "authors": [a.compact() for a in pub.authors],
             "ownerPositions": [i for i, a in enumerate(pub.authors, start=1) if people.is_owner(a)],
             "kind": pub.kind, "venueShort": pub.venue_short, "volume": pub.volume, "issue": pub.issue,
             "pages": pub.pages, "doi": pub.doi, "pmid": pub.pmid, "pmcid": pub.pmcid, "status": pub.status if pub.status != "published" else None,
             "notes": [_md(n) for n in pub.notes], "awards": [_md(a) for a in pub.awards],
             "links": [{"label": lnk.label, "url": lnk.url} for lnk in pub.links if lnk.url],
             "selected": pub.selected or None, "key": pub.key, "titleUrl": pub.url, "publishedBy": _md(pub.publisher),
             "topics": list(pub.topics), "categories": list(pub.categories), "tags": list(pub.tags),
             "citations": pub.citations, "id": pub.id}
            for pub in cv.publications
        ],
        "skills": [{"name": a.label, "keywords": [_md(t) for t in a.topics], "researchArea": True}
                   for a in cv.research_areas],
        "talks": [t.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {
            "title": _md(t.title), "event": _md(t.event), "date": str(t.date)} for t in cv.talks],
        "metrics": cv.metrics.model_dump(mode="json", exclude_none=True) if cv.metrics else None,
        "grants": [g.model_dump(mode="json", exclude_none=True) for g in cv.grants],
        "teaching": [t.model_dump(mode="json", exclude_none=True) for t in cv.teaching],
        "mentoring": [m.model_dump(mode="json", exclude_none=True) for m in cv.mentoring],
        "sections": [c.model_dump(mode="json", exclude_none=True) for c in cv.custom_sections],
        "biosketch": cv.biosketch.model_dump(mode="json", exclude_none=True) if cv.biosketch else None,
        "meta": {"version": "v1.0.0", "generator": "cvgen"},
    }
    return prune(doc)


# ---------------------------------------------------------------------------------------------
# Import


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return squeeze(value) if isinstance(value, str) and squeeze(value) else None


def import_jsonresume(doc: Any, filename: str = "<resume.json>", located: Located | None = None) -> Imported:
    """A JSON Resume document (parsed JSON) → cvgen data and warnings.

    The document's shape is checked first (:mod:`cvgen.interop.shapes`): a value of the wrong
    kind is an :class:`~cvgen.errors.InputError` at its ``file:line:col`` (given ``located``, as
    :func:`read_jsonresume` passes it), never a crash inside the importer.
    """
    from cvgen.interop.shapes import JsonResumeShape, check_shape

    check_shape(JsonResumeShape, doc, filename, located)
    r = _Reader(filename)
    for key in doc:
        if key not in _KNOWN:
            r.warn(key, "not a JSON Resume section; not carried over")
    if isinstance(doc.get("meta"), dict) and doc["meta"].get("generator") != "cvgen":
        r.warn("meta", f"resume metadata {sorted(doc['meta'])} is not part of a CV; not carried over")

    basics = doc.get("basics") or {}
    data: Data = {"person": _person(basics, r.warn)}
    if _text(basics.get("summary")):
        data["summary"] = _text(basics["summary"])
    for section, read, key in _SECTIONS:
        data[key] = [x for i, item in enumerate(doc.get(section) or []) if (x := read(r, f"{section}[{i}]", item))]
    areas = [sk for sk in doc.get("skills") or [] if isinstance(sk, dict) and sk.get("researchArea")]
    data["research_areas"] = [{"label": _text(a.get("name")) or "Research", "topics": _texts(a.get("keywords"))}
                              for a in areas]
    _other_sections(r, {**doc, "skills": [sk for sk in doc.get("skills") or [] if sk not in areas]})
    for name in ("talks", "grants", "teaching", "mentoring", "sections", "metrics", "biosketch"):
        if doc.get(name):
            data.update(_cvgen_extras(name, doc[name]))
    data["custom_sections"] = list(data.get("custom_sections", [])) + r.custom_sections()
    return Imported(prune(data), r.warnings)


def read_jsonresume(text: str, filename: str = "<resume.json>") -> Imported:
    """JSON Resume text → cvgen data and warnings; bad JSON and wrong shapes are located errors."""
    from cvgen.errors import InputError, Problem
    from cvgen.interop.json_reader import read_json

    located = read_json(text)
    if located.problems:
        raise InputError([Problem(filename, ln, col, path, msg) for ln, col, path, msg in located.problems])
    return import_jsonresume(located.value, filename, located)


_KNOWN = {"$schema", "basics", "work", "volunteer", "education", "awards", "certificates", "publications",
          "skills", "languages", "interests", "references", "projects", "meta", "talks", "grants", "teaching",
          "mentoring", "sections", "metrics", "biosketch"}


class _Reader:
    """Warnings (``file: path: message``) and the entries kept in custom sections, while reading."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.warnings: list[str] = []
        self.custom: list[Data] = []

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{self.filename}: {path}: {message}")

    def unknown(self, path: str, item: dict[str, Any], used: set[str]) -> None:
        """Warn about every non-empty value of ``item`` that no cvgen field took."""
        for k, v in item.items():
            if k not in used and v not in (None, "", [], {}):
                self.warn(path, f"{k!r} has no place in cvgen; not carried over ({str(v)[:40]!r})")

    def keep(self, section: str, entry: Data) -> None:
        """Keep an item cvgen cannot place as an entry of the custom section titled ``section``."""
        self.custom.append({"_section": section, **entry})

    def dates(self, path: str, item: dict[str, Any], start_key: str = "startDate", end_key: str = "endDate",
              ongoing: bool = True) -> tuple[str | None, str | None]:
        start = good_date(item.get(start_key)) if item.get(start_key) else None
        end = good_end(item.get(end_key)) if item.get(end_key) else ("present" if ongoing and start else None)
        for k in (start_key, end_key):
            if item.get(k) and not good_end(item[k]):
                self.warn(path, f"{k} {item[k]!r} is not a date; not carried over")
        return start, end

    def custom_sections(self) -> list[Data]:
        """The kept entries grouped by section title, in order of first appearance."""
        from cvgen.model.settings import BUILTIN_SECTIONS

        taken: set[str] = set(BUILTIN_SECTIONS)
        sections: dict[str, Data] = {}
        for entry in self.custom:
            title = entry.pop("_section")
            if title not in sections:
                sections[title] = {"key": section_key(title, taken), "title": title, "entries": []}
            sections[title]["entries"].append(entry)
        return list(sections.values())


def _texts(values: Any) -> list[str]:
    return [x for x in map(_text, values or []) if x]


def _link_note(item: dict[str, Any]) -> list[str]:
    """An item's url as a clickable note (cvgen positions, service and degrees have no url field)."""
    return [f"[{item['url']}]({item['url']})"] if _text(item.get("url")) and good_url(item["url"]) else []


_ACADEMIC = re.compile(r"universit|college|institut|school|laborator|academy|ku leuven", re.I)


def _work(r: _Reader, path: str, w: dict[str, Any]) -> Data | None:
    start, end = r.dates(path, w)
    org = _text(w.get("name")) or _text(w.get("company"))
    title = _text(w.get("position"))
    if not (org and title and start):
        r.keep("Work", _entry(w, path, r.warn, title_keys=("position", "name")))
        r.warn(path, "no organisation, position or start date; kept in a 'Work' section")
        return None
    notes = [x for x in (_text(w.get("description")), _text(w.get("summary"))) if x]
    notes += _texts(w.get("highlights"))
    kind = w.get("kind") if w.get("kind") in ("academic", "industry", "affiliated", "visiting", "other") else (
        "academic" if _ACADEMIC.search(org) else "industry")
    position = {"title": title, "organization": org, "unit": _text(w.get("department")),
                "location": _text(w.get("location")), "start": start, "end": end, "kind": kind,
                "supervisors": _texts(w.get("supervisors")), "field": _text(w.get("field")),
                "notes": notes + _link_note(w)}
    r.unknown(path, w, {"name", "company", "position", "location", "startDate", "endDate", "summary", "description",
                        "highlights", "url", "kind", "department", "supervisors", "field"})
    return position


def _volunteer(r: _Reader, path: str, v: dict[str, Any]) -> Data | None:
    start, end = r.dates(path, v)
    role = _text(v.get("position"))
    if not role:
        r.warn(path, "no position; kept in a 'Volunteer' section")
        r.keep("Volunteer", _entry(v, path, r.warn, title_keys=("organization",)))
        return None
    notes = [x for x in [_text(v.get("summary")), *map(_text, v.get("highlights") or [])] if x] + _link_note(v)
    kind = v.get("kind") if isinstance(v.get("kind"), str) else "other"
    service = {"role": role, "organization": _text(v.get("organization")), "start": start,
               "end": end if start else None, "kind": kind, "years": v.get("years") or [], "notes": notes}
    r.unknown(path, v, {"organization", "position", "url", "startDate", "endDate", "summary", "highlights", "kind", "years"})
    return service


def _education(r: _Reader, path: str, e: dict[str, Any]) -> Data | None:
    start, end = r.dates(path, e, ongoing=False)
    degree = _text(e.get("studyType")) or _text(e.get("area"))
    field = _text(e.get("area")) if _text(e.get("studyType")) else None
    inst = _text(e.get("institution"))
    if not (degree and inst):
        r.warn(path, "no degree or institution; kept in an 'Education (other)' section")
        r.keep("Education (other)", _entry(e, path, r.warn, title_keys=("institution", "area")))
        return None
    notes = _texts(e.get("notes"))
    if _text(e.get("score")):
        notes.append(f"Score: {_text(e['score'])}")
    if e.get("courses"):
        notes.append("Courses: " + "; ".join(_texts(e["courses"])))
    degree_data = {"degree": degree, "field": field, "institution": inst, "location": _text(e.get("location")),
                   "start": start, "end": end, "distinctions": _texts(e.get("distinctions")),
                   "advisors": _texts(e.get("advisors")), "thesis": _text(e.get("thesis")),
                   "notes": notes + _link_note(e)}
    r.unknown(path, e, {"institution", "area", "studyType", "startDate", "endDate", "score", "courses", "url",
                        "location", "distinctions", "advisors", "thesis", "notes"})
    return degree_data


def _award(r: _Reader, path: str, a: dict[str, Any]) -> Data | None:
    date = good_date(a.get("date"))
    if not (_text(a.get("title")) and date):
        r.warn(path, "no title or date; kept in an 'Awards' section")
        r.keep("Awards", _entry(a, path, r.warn, title_keys=("title",)))
        return None
    honor = {"title": _text(a["title"]), "awarder": _text(a.get("awarder")), "event": _text(a.get("event")),
             "date": date, "description": _text(a.get("summary")), "prominent": bool(a.get("prominent"))}
    r.unknown(path, a, {"title", "date", "awarder", "summary", "event", "prominent"})
    return honor


def _publication(r: _Reader, path: str, p: dict[str, Any]) -> Data | None:
    date = good_date(p.get("releaseDate"))
    authors = [a for a in (p.get("authors") or []) if isinstance(a, str) and a.strip()]
    if not (authors and date and _text(p.get("name"))):
        why = "JSON Resume lists no authors" if not authors else "no title or release date"
        r.warn(path, f"{why}; kept in a 'Publications (other)' section, not the publication list")
        r.keep("Publications (other)", {
            "title": _text(p.get("name")) or "Untitled", "subtitle": _text(p.get("publisher")), "date": date,
            "url": _text(p.get("url")) if good_url(p.get("url") or "") else None,
            "details": [x for x in (_text(p.get("summary")),) if x]})
        return None
    links = [{"label": lnk.get("label", "URL"), "url": lnk["url"]} for lnk in p.get("links") or []
             if isinstance(lnk, dict) and good_url(lnk.get("url") or "")]
    if not links and good_url(p.get("url") or ""):
        links = [{"label": "URL", "url": p["url"]}]
    pub = {"title": _text(p["name"]), "authors": authors, "kind": p.get("kind") or "other",
           "venue": _text(p.get("publisher")), "venue_short": _text(p.get("venueShort")), "date": date,
           "volume": _text(p.get("volume")), "issue": _text(p.get("issue")), "pages": _text(p.get("pages")),
           "doi": _text(p.get("doi")), "pmid": _text(p.get("pmid")), "pmcid": _text(p.get("pmcid")),
           "status": p.get("status"), "links": links,
           "notes": p.get("notes") or [], "awards": p.get("awards") or [],
           "selected": bool(p.get("selected")), "key": _text(p.get("key")),
           "abstract": _text(p.get("summary")), "url": _text(p.get("titleUrl")), "publisher": _text(p.get("publishedBy")),
           "topics": p.get("topics") or [], "categories": p.get("categories") or [], "tags": p.get("tags") or [],
           "citations": p.get("citations"), "id": _text(p.get("id"))}
    r.unknown(path, p, {"name", "publisher", "releaseDate", "url", "summary", "authors", "ownerPositions", "kind",
                        "venueShort", "volume", "issue", "pages", "doi", "pmid", "pmcid", "status", "notes", "awards", "links",
                        "selected", "key", "titleUrl", "publishedBy", "topics", "categories", "tags", "citations",
                        "id"})
    return pub


# JSON Resume sections with a cvgen section: (JSON Resume key, reader, cvgen key). A reader returns
# None for an item it kept in a custom section instead.
_SECTIONS = (
    ("work", _work, "positions"),
    ("volunteer", _volunteer, "service"),
    ("education", _education, "education"),
    ("awards", _award, "honors"),
    ("publications", _publication, "publications"),
)


def _joined(values: Any) -> str:
    return ", ".join(_texts(values))


# JSON Resume sections cvgen keeps as custom sections: (key, section title, entry maker, fields it reads).
_CUSTOM = (
    ("skills", "Skills", lambda s: {"title": _text(s.get("name")) or "Skills", "subtitle": _text(s.get("level")),
                                    "details": [_joined(s.get("keywords"))]}, {"name", "level", "keywords", "researchArea"}),
    ("languages", "Languages", lambda s: {"title": _text(s.get("language")) or "Language",
                                          "subtitle": _text(s.get("fluency"))}, {"language", "fluency"}),
    ("interests", "Interests", lambda s: {"title": _text(s.get("name")) or "Interests",
                                          "details": [_joined(s.get("keywords"))]}, {"name", "keywords"}),
    ("references", "References", lambda s: {"title": _text(s.get("name")) or "Reference",
                                            "details": [x for x in (_text(s.get("reference")),) if x]},
     {"name", "reference"}),
)


def _other_sections(r: _Reader, doc: dict[str, Any]) -> None:
    """Sections JSON Resume has and cvgen keeps as custom sections."""
    for key, title, make, used in _CUSTOM:
        for i, s in enumerate(doc.get(key) or []):
            r.keep(title, make(s))
            r.unknown(f"{key}[{i}]", s, used)
    for i, c in enumerate(doc.get("certificates") or []):
        r.keep("Certificates", _entry(c, f"certificates[{i}]", r.warn, title_keys=("name",), subtitle_keys=("issuer",)))
    for i, pr in enumerate(doc.get("projects") or []):
        r.keep("Projects", _entry(pr, f"projects[{i}]", r.warn, title_keys=("name",), subtitle_keys=("entity", "type")))


def _cvgen_extras(name: str, value: Any) -> Data:
    """Sections a cvgen export wrote as extra properties: read back as they were written."""
    if name == "sections":
        return {"custom_sections": value}
    return {name: value}


# What a cvgen export adds to basics (additional properties) → person fields.
_PERSON_EXTRAS = {"links": "links", "nameVariants": "name_variants", "pronouns": "pronouns", "phones": "phones",
                  "address": "address"}


def _cvgen_person(basics: dict[str, Any], person: Data) -> None:
    """Read back what a cvgen export kept beside the standard fields, as it was written."""
    for extra, field in _PERSON_EXTRAS.items():
        if basics.get(extra) not in (None, "", [], {}):
            person[field] = basics[extra]


def _person(basics: dict[str, Any], warn: Any) -> Data:
    person: Data = {"name": _text(basics.get("name")) or "Your Name"}
    if not _text(basics.get("name")):
        warn("basics.name", "missing; written as 'Your Name'")
    if isinstance(basics.get("affiliations"), list):
        person["affiliations"] = basics["affiliations"]
    elif _text(basics.get("label")):
        person["affiliations"] = [{"title": _text(basics["label"])}]
    extra = [x for x in basics.get("emails") or [] if _text(x)]
    email = _text(basics.get("email"))
    person["emails"] = extra if email in extra else [x for x in [email, *extra] if x]  # a cvgen export: all, in order
    if _text(basics.get("phone")):
        person["phones"] = [{"number": _text(basics["phone"])}]
    _photo(basics, person, warn)
    _cvgen_person(basics, person)
    if isinstance(basics.get("affiliations"), list) or isinstance(basics.get("links"), list):
        return person  # a cvgen export: links and address came back whole
    person["links"] = _profiles(basics, warn)
    loc = basics.get("location") or {}
    if isinstance(loc, dict) and any(loc.values()) and "address" not in person:
        person["address"] = _address(loc)
    for k, v in basics.items():
        if k not in {"name", "label", "email", "emails", "phone", "url", "summary", "location", "profiles", "image",
                     "affiliations", *_PERSON_EXTRAS} and v not in (None, "", [], {}):
            warn(f"basics.{k}", "has no place in cvgen; not carried over")
    return person


def _photo(basics: dict[str, Any], person: Data, warn: Any) -> None:
    image = _text(basics.get("image"))
    if image and good_url(image):
        warn("basics.image", "a web image cannot be a cvgen photo (a file next to the CV); not carried over")
    elif image:
        person["photo"] = image  # a file beside resume.json (al-folio's prof_pic.jpg): the import copies it


def _profiles(basics: dict[str, Any], warn: Any) -> list[Data]:
    """basics.url and basics.profiles as cvgen links (a profile without an address keeps its username)."""
    links = []
    if _text(basics.get("url")):
        if good_url(basics["url"]):
            links.append({"label": "Website", "url": basics["url"], "kind": "website"})
        else:
            warn("basics.url", f"{basics['url']!r} is not a web address; not carried over")
    for i, prof in enumerate(basics.get("profiles") or []):
        network = _text(prof.get("network")) or "Profile"
        url = _text(prof.get("url"))
        if url and good_url(url):
            links.append({"label": network, "url": url, "kind": NETWORKS.get(network.lower(), "other")})
        elif _text(prof.get("username")):
            links.append({"label": f"{network}: {prof['username']}", "kind": NETWORKS.get(network.lower(), "other")})
        else:
            warn(f"basics.profiles[{i}]", "no address or username; not carried over")
    return links


def _address(loc: dict[str, Any]) -> list[str]:
    region = _text(loc.get("region"))
    country = _text(loc.get("countryCode"))
    line2 = ", ".join(x for x in (_text(loc.get("postalCode")), _text(loc.get("city")), region,
                                  country if country != region else None) if x)
    return [x for x in (_text(loc.get("address")), line2) if x]


def _entry(item: dict[str, Any], path: str, warn: Any, title_keys: tuple[str, ...],
           subtitle_keys: tuple[str, ...] = ()) -> Data:
    """Any JSON Resume item as a generic cvgen entry, keeping every value it can."""
    title = next((_text(item.get(k)) for k in title_keys if _text(item.get(k))), None) or "Untitled"
    subtitle = ", ".join(x for x in (_text(item.get(k)) for k in subtitle_keys) if x) or None
    details = [x for x in (_text(item.get("description")), _text(item.get("summary"))) if x]
    details += [x for x in map(_text, item.get("highlights") or []) if x]
    if item.get("roles"):
        details.append("Roles: " + ", ".join(x for x in map(_text, item["roles"]) if x))
    if item.get("keywords"):
        details.append("Keywords: " + ", ".join(x for x in map(_text, item["keywords"]) if x))
    used = {*title_keys, *subtitle_keys, "description", "summary", "highlights", "roles", "keywords", "url",
            "startDate", "endDate", "date", "location"}
    for k, v in item.items():
        if k not in used and v not in (None, "", [], {}):
            details.append(f"{k}: {v}")
    start = good_date(item.get("startDate"))
    end = good_end(item.get("endDate")) if item.get("endDate") else None
    url = _text(item.get("url"))
    if url and not good_url(url):
        warn(path, f"url {url!r} is not a web address; not carried over")
        url = None
    return {"title": title, "subtitle": subtitle, "location": _text(item.get("location")),
            "date": good_date(item.get("date")), "start": start, "end": end if start else None,
            "details": details, "url": url}
