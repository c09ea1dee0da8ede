"""RenderCV YAML → cvgen.

A RenderCV file has ``cv`` (name, contact details, ``sections``: a mapping of any titles to lists
of entries) and presentation keys (``design``, ``locale``, ``settings``/``rendercv_settings``) that
cvgen's themes replace. Sections become cvgen's education, positions and publications when their
title and every entry fit; every other section becomes a custom section with the same title, so
nothing is lost. The entry type is recognised from its keys, as RenderCV does.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.interop.common import (
    Data,
    Imported,
    good_date,
    good_end,
    good_url,
    prune,
    publication_kind,
    section_key,
    squeeze,
    strip_markdown_emphasis,
    year_range,
)

# How RenderCV turns a username into an address, by network.
NETWORK_URLS = {
    "linkedin": ("https://linkedin.com/in/{}", "linkedin"),
    "github": ("https://github.com/{}", "github"),
    "gitlab": ("https://gitlab.com/{}", "other"),
    "instagram": ("https://instagram.com/{}", "other"),
    "orcid": ("https://orcid.org/{}", "orcid"),
    "stackoverflow": ("https://stackoverflow.com/users/{}", "other"),
    "researchgate": ("https://researchgate.net/profile/{}", "other"),
    "youtube": ("https://youtube.com/@{}", "other"),
    "google scholar": ("https://scholar.google.com/citations?user={}", "scholar"),
    "telegram": ("https://t.me/{}", "other"),
    "x": ("https://x.com/{}", "twitter"),
    "twitter": ("https://twitter.com/{}", "twitter"),
    "bluesky": ("https://bsky.app/profile/{}", "bluesky"),
    "imdb": ("https://imdb.com/name/{}", "other"),
    "leetcode": ("https://leetcode.com/u/{}", "other"),
}
PRESENTATION = ("design", "locale", "locale_catalog", "settings", "rendercv_settings")
CV_KEYS = {"name", "headline", "label", "location", "email", "phone", "website", "social_networks", "sections",
           "photo", "custom_connections"}


def _s(value: Any) -> str | None:
    """A scalar as text (the strict reader keeps every scalar a string; None when empty)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = squeeze(str(value))
    return text or None


def _title(key: str) -> str:
    """RenderCV's section titles: ``selected_honors`` → "Selected Honors"; written titles stay as they are."""
    if " " in key or ("_" not in key and key != key.lower()):
        return key
    small = {"and", "of", "in", "on", "for", "the", "a", "an", "to", "with", "at", "by"}
    words = key.replace("_", " ").split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _kind(entry: Any) -> str:
    if isinstance(entry, str):
        return "text"
    if not isinstance(entry, dict):
        return "unknown"
    for key, kind in (("institution", "education"), ("company", "experience"), ("authors", "publication"),
                      ("label", "oneline"), ("bullet", "bullet"), ("reversed_number", "reversed"),
                      ("number", "numbered"), ("name", "normal"), ("title", "publication")):
        if key in entry:
            return kind
    return "unknown"


class _Import:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.warnings: list[str] = []
        self.emphasised: list[str] = []
        self.star_marks = 0
        self.hidden = 0
        self.pub_groups: list[Data] = []
        self.rejoined = 0

    def unhide(self, value: Any) -> Any:
        """Drop RenderCV template placeholders (``'__HIDDEN__'``) that hold no content."""
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if v == "__HIDDEN__" or v == ["__HIDDEN__"]:
                    self.hidden += 1
                    continue
                out[k] = self.unhide(v)
            return out
        if isinstance(value, list):
            return [self.unhide(v) for v in value]
        return value

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{self.filename}: {path}: {message}")

    def unknown(self, path: str, entry: dict[str, Any], used: set[str]) -> None:
        for k, v in entry.items():
            if k not in used and v not in (None, "", [], {}):
                shown = str(v) if not isinstance(v, (list, dict)) else f"{len(v)} item(s)"
                self.warn(f"{path}.{k}", f"not a field cvgen has; not carried over ({shown[:50]!r})")

    # -- the file --------------------------------------------------------------------------

    def top_level(self, doc: dict[str, Any]) -> None:
        """Warn about presentation settings and keys that are not RenderCV's."""
        for key in doc:
            if key not in PRESENTATION and key != "cv":
                self.warn(key, "not a RenderCV key cvgen knows; not carried over")
        cv = doc["cv"]
        for key in cv:
            if key not in CV_KEYS and cv[key] not in (None, "", [], {}):
                self.warn(f"cv.{key}", "not a RenderCV cv field (misplaced setting?); not carried over")

    def person(self, cv: dict[str, Any]) -> Data:
        person: Data = {"name": _s(cv.get("name")) or "Your Name"}
        headline = _s(cv.get("headline")) or _s(cv.get("label"))
        if headline:
            person["affiliations"] = [{"title": headline}]
        if _s(cv.get("location")):
            person["address"] = [_s(cv["location"])]
        person["emails"] = [x for x in _as_list(cv.get("email")) if _s(x)]
        person["phones"] = [{"number": re.sub(r"^tel:", "", _s(p) or "")} for p in _as_list(cv.get("phone")) if _s(p)]
        person["links"] = self.links(cv)
        if _s(cv.get("photo")):
            person["photo"] = _s(cv["photo"])
            self.warn("cv.photo", "kept as a path next to the CV: copy the image beside the imported file")
        return person

    def links(self, cv: dict[str, Any]) -> list[Data]:
        """Website, social networks (addresses built as RenderCV builds them) and custom connections."""
        links = []
        if _s(cv.get("website")):
            links.append({"label": "Website", "url": _s(cv["website"]), "kind": "website"})
        for i, sn in enumerate(cv.get("social_networks") or []):
            link = self.social_network(f"cv.social_networks[{i}]", sn)
            if link:
                links.append(link)
        for i, c in enumerate(cv.get("custom_connections") or []):
            label, url = _s(c.get("placeholder")), _s(c.get("url"))
            if label:
                links.append({"label": label, "url": url if url and good_url(url) else None})
            else:
                self.warn(f"cv.custom_connections[{i}]", "no placeholder text; not carried over")
        return links

    def social_network(self, path: str, sn: dict[str, Any]) -> Data | None:
        network, user = _s(sn.get("network")) or "", _s(sn.get("username")) or ""
        pattern, kind = NETWORK_URLS.get(network.lower(), (None, "other"))
        if network.lower() == "mastodon" and re.match(r"^@?[^@]+@[^@]+$", user):
            who, host = user.lstrip("@").split("@")
            pattern, kind, user = f"https://{host}/@{{}}", "mastodon", who
        url = pattern.format(user) if pattern and user else None
        if url and good_url(url):
            return {"label": network, "url": url, "kind": kind}
        if user:
            self.warn(path, f"no address known for {network}; kept as a label")
            return {"label": f"{network}: {user}", "kind": kind}
        return None

    # -- sections --------------------------------------------------------------------------

    def sections(self, cv: dict[str, Any], data: Data) -> tuple[list[str], dict[str, str], list[Data]]:
        """Fills data's built-in lists; returns the section order, their titles and the custom sections."""
        from cvgen.model.settings import BUILTIN_SECTIONS

        order: list[str] = []
        titles: dict[str, str] = {}
        custom: list[Data] = []
        taken = set(BUILTIN_SECTIONS)  # a custom "teaching" must not hide behind the built-in one
        for raw_title, entries in (cv.get("sections") or {}).items():
            title = _title(str(raw_title))
            path = f"cv.sections.{raw_title}"
            entries = self.unhide(entries if isinstance(entries, list) else ([] if entries is None else [entries]))
            key, rest_title, rest = self.builtin_section(path, title, entries, data)
            if key:
                order.append(key)
                titles[key] = title
            if rest is not None:
                custom.append(self.custom_section(path, rest_title, rest, taken))
                order.append(custom[-1]["key"])
        return order, titles, custom

    def builtin_section(self, path: str, title: str, entries: list[Any], data: Data) -> tuple[str | None, str, list[Any] | None]:
        """Read a section into a cvgen list when its title and entries fit one (the first of each kind).

        Returns (the cvgen key it filled or None, the title and entries left for a custom section,
        or None when nothing is left).
        """
        kinds = {_kind(e) for e in entries}
        low = title.lower()
        if kinds == {"publication"} and any(isinstance(e, dict) and e.get("authors") for e in entries):
            return self.publication_section(path, title, entries, data)
        if kinds == {"text"} and "summary" not in data and _SUMMARY_TITLE.search(low):
            data["summary"] = " ".join(_s(e) or "" for e in entries).strip()
            return "summary", title, None
        fit = next(((key, convert) for kind, key, pattern, convert in _BUILTIN
                    if kinds == {kind} and key not in data and pattern.search(low)), None)
        if fit is None:
            return None, title, entries
        key, convert = fit
        converted = [convert(self, f"{path}[{i}]", e) for i, e in enumerate(entries)]
        if all(c is None for c in converted):
            self.warn(path, f"no entry has what cvgen's {key} need (dates, names); the section is kept "
                            "as a custom section instead")
            return None, title, entries
        data[key] = [c for c in converted if c is not None]
        rest = [e for e, c in zip(entries, converted, strict=True) if c is None]
        if not rest:
            return key, title, None
        left = [i for i, c in enumerate(converted) if c is None]
        self.warn(path, f"entries {left} lack what cvgen's {key} need (a date, a name, an author); they "
                        f"are kept in a section '{title} (other)'")
        return key, f"{title} (other)", rest

    def publication_section(self, path: str, title: str, entries: list[Any], data: Data) -> tuple[str | None, str, list[Any] | None]:
        """Every section of publication entries joins cvgen's one publication list, its title kept as
        a group heading (and the kind it names: "Conference Papers" → conference)."""
        group = section_key(title, {g["key"] for g in self.pub_groups})
        converted = [self.publication(f"{path}[{i}]", e, title) for i, e in enumerate(entries)]
        done = [dict(c, topics=[group]) for c in converted if c is not None]
        rest = [e for e, c in zip(entries, converted, strict=True) if c is None]
        if not done:
            self.warn(path, "no entry has what cvgen's publications need (a title, an author, a date); the "
                            "section is kept as a custom section instead")
            return None, title, entries
        self.pub_groups.append({"key": group, "title": title})
        first = "publications" not in data
        data.setdefault("publications", []).extend(done)
        if rest:
            left = [i for i, c in enumerate(converted) if c is None]
            self.warn(path, f"entries {left} lack what cvgen's publications need (a title, an author, a date); "
                            f"they are kept in a section '{title} (other)'")
        return ("publications" if first else None), f"{title} (other)", rest or None

    def custom_section(self, path: str, title: str, entries: list[Any], taken: set[str]) -> Data:
        kinds = {_kind(e) for e in entries}
        for k in kinds - _KNOWN_KINDS:
            self.warn(path, f"an entry of unknown type ({k}) is kept with its name only")
        return {"key": section_key(title, taken), "title": title, "numbered": bool(kinds & {"numbered", "reversed"}),
                "entries": [self.entry(f"{path}[{i}]", e, _kind(e)) for i, e in enumerate(entries)]}

    # -- dates -----------------------------------------------------------------------------

    def dates(self, path: str, e: dict[str, Any]) -> tuple[str | None, str | None, str | None, list[str]]:
        """(start, end, single date, texts): free-text dates ("Fall 2023") are kept as text."""
        texts: list[str] = []
        start = end = single = None
        if _s(e.get("start_date")):
            start = good_date(e["start_date"])
            if start is None:
                texts.append(_s(e["start_date"]) or "")
        if _s(e.get("end_date")):
            end = good_end(e["end_date"])
            if end is None:
                texts.append(_s(e["end_date"]) or "")
        if _s(e.get("date")):
            single = good_date(e["date"])
            ranged = year_range(_s(e["date"]) or "") if single is None else (None, None, None)
            if ranged[0] and not start:  # "2021-present", "2019 – 2023" written in date:
                start, end = ranged[0], end or ranged[1]
            elif single is None:
                texts.append(_s(e["date"]) or "")
        if texts:
            self.warn(path, f"date {' – '.join(texts)!r} is not a calendar date; kept as text")
        return start, end, single, texts

    # -- people ----------------------------------------------------------------------------

    def author(self, path: str, raw: Any) -> tuple[str | None, str | None]:
        """Clean one author: markdown emphasis stripped (the owner is recognised), a note split off."""
        name = _s(raw)
        if name is None:
            return None, None
        note = None
        m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", name)
        if m and m.group(1):
            name, note = m.group(1).strip(), m.group(2).strip()
        name, emphasised = strip_markdown_emphasis(name)
        if emphasised:
            self.emphasised.append(name)
        name = re.sub(r"^and\s+", "", name).strip()
        if name.endswith("*") and not name.endswith("**"):
            self.star_marks += 1
        if not re.search(r"\w", name) or name == "__HIDDEN__":
            self.warn(path, f"author {raw!r} is not a name; dropped")
            return None, None
        return name, note

    # -- entries ---------------------------------------------------------------------------

    def education(self, path: str, e: dict[str, Any]) -> Data | None:
        start, end, single, texts = self.dates(path, e)
        inst = _s(e.get("institution"))
        degree = _s(e.get("degree")) or _s(e.get("area"))
        if not inst or not degree:
            return None
        notes = [*texts]
        if _s(e.get("grade")):
            notes.append(f"Grade: {_s(e['grade'])}")
        notes += [x for x in [_s(e.get("summary")), *map(_s, e.get("highlights") or [])] if x]
        self.unknown(path, e, {"institution", "area", "degree", "date", "start_date", "end_date", "location",
                               "summary", "highlights", "grade", "url"})
        if _s(e.get("url")) and good_url(e["url"]):
            notes.append(f"[{e['url']}]({e['url']})")
        return {"degree": degree, "field": _s(e.get("area")) if _s(e.get("degree")) else None, "institution": inst,
                "location": _s(e.get("location")), "start": start, "end": end or single, "notes": notes}

    def position(self, path: str, e: dict[str, Any]) -> Data | None:
        start, end, single, texts = self.dates(path, e)
        start = start or single
        if not (_s(e.get("company")) and _s(e.get("position")) and start):
            return None
        notes = [*texts, *[x for x in [_s(e.get("summary")), *map(_s, e.get("highlights") or [])] if x]]
        self.unknown(path, e, {"company", "position", "date", "start_date", "end_date", "location", "summary",
                               "highlights", "url"})
        if _s(e.get("url")) and good_url(e["url"]):
            notes.append(f"[{e['url']}]({e['url']})")
        return {"title": _s(e["position"]), "organization": _s(e["company"]), "location": _s(e.get("location")),
                "start": start, "end": end if single is None or end else None, "notes": notes}

    def publication(self, path: str, e: dict[str, Any], section: str = "") -> Data | None:
        start, end, single, texts = self.dates(path, e)
        date = single or start
        authors, notes = [], []
        raw_authors = e.get("authors") or []
        rejoined = rejoin_split_names(raw_authors)
        if rejoined:
            self.rejoined += 1
            raw_authors = rejoined
        for i, raw in enumerate(raw_authors):
            name, note = self.author(f"{path}.authors[{i}]", raw)
            if name:
                authors.append(name)
                if note:
                    notes.append(f"{name.rstrip('*†')}: {note}")
        title = _s(e.get("title"))
        if not (title and authors and date) or title == "__HIDDEN__":
            return None
        venue = _s(e.get("journal"))
        kind = publication_kind(section, venue) or ("journal" if venue else "other")  # RenderCV calls it "journal"
        pub: Data = {"title": title, "authors": authors, "kind": kind, "venue": venue, "date": date}
        doi = _s(e.get("doi"))
        if doi:
            doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
            if re.match(r"^10\.\d{4,9}/\S+$", doi):
                pub["doi"] = doi
            else:
                self.warn(f"{path}.doi", f"{doi!r} is not a DOI; not carried over")
        links: list[tuple[str, Any]] = [("URL", e.get("url"))]
        links += [("Media", m if isinstance(m, str) else (m or {}).get("url")) for m in e.get("media_coverage") or []]
        links += [(_s((d or {}).get("name")) or "Dataset", (d or {}).get("url")) for d in e.get("datasets") or []
                  if isinstance(d, dict)]
        pub["links"] = []
        for label, url in links:
            if _s(url) and good_url(_s(url) or ""):
                pub["links"].append({"label": label, "url": _s(url)})
            elif _s(url):
                self.warn(f"{path}", f"{url!r} ({label}) is not a web address; not carried over")
        for d in e.get("datasets") or []:
            if isinstance(d, dict) and (d.get("summary") or d.get("highlights")):
                self.warn(f"{path}.datasets", f"the description of dataset {d.get('name')!r} is not carried over "
                                              "(its name and address are kept as a link)")
        pub["notes"] = [*texts, *notes, *[x for x in map(_s, e.get("highlights") or []) if x]]
        pub["abstract"] = _s(e.get("summary"))
        cites = _s(e.get("citations"))
        if cites and cites.isdigit():
            pub["citations"] = cites
        elif cites:
            self.warn(f"{path}.citations", f"{cites!r} is not a citation count; not carried over")
        self.unknown(path, e, {"title", "authors", "doi", "url", "journal", "date", "start_date", "end_date",
                               "summary", "highlights", "citations", "media_coverage", "datasets"})
        return pub

    def entry(self, path: str, e: Any, kind: str) -> Data:
        """Any RenderCV entry as a generic cvgen entry, keeping every value."""
        if kind == "text":
            return {"title": _s(e) or "…"}
        if kind in ("bullet", "numbered", "reversed"):
            key = {"bullet": "bullet", "numbered": "number", "reversed": "reversed_number"}[kind]
            self.unknown(path, e, {key})
            return {"title": _s(e.get(key)) or "…"}
        if kind == "oneline":
            self.unknown(path, e, {"label", "details", "date"})
            label, details = _s(e.get("label")), _s(e.get("details"))
            _, _, single, texts = self.dates(path, e)
            return {"title": f"**{label}:** {details}" if label and details else (label or details or "…"),
                    "date": single, "details": texts}
        start, end, single, texts = self.dates(path, e)
        details = [*texts]
        if kind == "education":
            title = ", ".join(x for x in (_s(e.get("degree")), _s(e.get("area"))) if x) or "Education"
            subtitle = _s(e.get("institution"))
            used = {"institution", "area", "degree", "grade"}
            if _s(e.get("grade")):
                details.append(f"Grade: {_s(e['grade'])}")
        elif kind == "experience":
            title, subtitle = _s(e.get("position")) or _s(e.get("company")) or "…", _s(e.get("company"))
            used = {"company", "position"}
        elif kind == "publication":
            title = _s(e.get("title")) or "…"
            names = [n for n, _ in (self.author(f"{path}.authors[{i}]", a) for i, a in enumerate(e.get("authors") or []))
                     if n]
            subtitle = ", ".join(x for x in (", ".join(names), _s(e.get("journal"))) if x) or None
            used = {"title", "authors", "journal", "doi"}
            if _s(e.get("doi")):
                details.append(f"DOI: {_s(e['doi'])}")
        else:
            title, subtitle = _s(e.get("name")) or "…", None
            used = {"name"}
        details += [x for x in [_s(e.get("summary")), *map(_s, e.get("highlights") or [])] if x]
        url = _s(e.get("url"))
        if url and not good_url(url):
            self.warn(f"{path}.url", f"{url!r} is not a web address; not carried over")
            url = None
        self.unknown(path, e, used | {"date", "start_date", "end_date", "location", "summary", "highlights", "url"})
        return {"title": title, "subtitle": subtitle, "location": _s(e.get("location")), "date": single,
                "start": start, "end": end if start else None, "details": details, "url": url}


def import_rendercv(text: str, filename: str = "<rendercv>") -> Imported:
    """RenderCV YAML text → cvgen data and warnings. Bad YAML raises InputError with line numbers."""
    from cvgen.interop.rendercv_design import settings_from
    from cvgen.interop.rendercv_text import clean_document

    doc = _read(text, filename)
    imp = _Import(filename)
    imp.top_level(doc)
    typst: list[tuple[str, str]] = []
    cv = clean_document(doc["cv"], "cv", typst)
    for path, functions in typst:
        imp.warn(path, f"Typst markup {functions} has no cvgen equivalent; its text is kept")
    person = imp.person(cv)
    data: Data = {"person": person}
    order, titles, custom = imp.sections(cv, data)
    data["custom_sections"] = custom
    if imp.hidden:
        imp.warnings.append(f"{filename}: {imp.hidden} '__HIDDEN__' template placeholders held no content; skipped")
    if imp.rejoined:
        imp.warnings.append(f"{filename}: {imp.rejoined} author lists were split at the commas of 'Last, First' "
                            "names (\"- Townend\", \"- John\", \"- and Miyake\"); rejoined in pairs")
    if imp.star_marks:
        imp.warnings.append(f"{filename}: {imp.star_marks} author names end in '*': cvgen reads that as equal "
                            "contribution (if the file meant group members, list them in settings.group_members)")
    from cvgen.model.people import NameMatcher

    owner = NameMatcher([person["name"]])
    variants = sorted({n for n in imp.emphasised if not owner.matches(n)})
    if variants:
        person["name_variants"] = variants
    data["settings"] = {**settings_from(doc, imp.warn), "sections": order, "titles": dict(titles)}
    _publication_groups(imp.pub_groups, data)
    return Imported(prune(data), imp.warnings)


def _publication_groups(groups: list[Data], data: Data) -> None:
    """Several publication sections: one list grouped under the sections' own titles, in their order."""
    if len(groups) > 1:
        data["settings"]["publications"] = {"group_by": "topic", "topics": groups}
        return
    for pub in data.get("publications", []):
        pub.pop("topics", None)


def _read(text: str, filename: str) -> dict[str, Any]:
    """The YAML as a mapping with a ``cv:`` mapping, or InputError."""
    from cvgen.errors import InputError, Problem
    from cvgen.loader.strict_yaml import read

    located = read(text)
    if located.problems:
        raise InputError([Problem(filename, ln, col, path, msg) for ln, col, path, msg in located.problems])
    doc = located.value
    if not isinstance(doc, dict) or "cv" not in doc:
        raise InputError([Problem(filename, 1, 1, "", "not a RenderCV file: expected a mapping with a 'cv:' key")])
    from cvgen.interop.shapes import RenderCVShape, check_shape

    check_shape(RenderCVShape, doc, filename, located)  # every value of the kind the importer reads
    return doc


_GIVEN = re.compile(r"^(?:[^\W\d_][\w'’.\u2010\u2011-]*\s*){1,4}[*†‡]*$")  # "S.", "Y.-Q.", "Marine A.", "Amy Sara"


def rejoin_split_names(authors: list[Any]) -> list[str] | None:
    """["Singh", "S.", "Denolle", "M.", "and Natawidjaja", "D."] → ["Singh, S.", "Denolle, M.", "Natawidjaja, D."].

    Scripts that turn BibTeX into RenderCV split "Last, F. and Last, F." at every comma. Such a list
    has a name starting with or holding "and ", or only one-word "names" followed by given names.
    None when the list does not pair up that way.
    """
    texts = [str(a).strip() for a in authors if isinstance(a, str)]
    has_and = any(t.startswith("and ") or " and " in t for t in texts)
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", ", ".join(texts)) if p.strip()]
    lasts, givens = parts[::2], parts[1::2]
    if len(parts) % 2 or len(parts) < 2 or len(parts) == 2 and not (
            " " not in lasts[0] and re.fullmatch(r"(?:\w[\w-]?\.[\s-]*)+[*†‡]*", givens[0])):
        return None  # one author needs an unmistakable split: ["Denolle", "M."]
    if not all(_GIVEN.match(g) for g in givens):
        return None
    one_word_lasts = all(" " not in x for x in lasts)  # "Yermakov", "Zhao": nobody is called just that
    short_givens = all("." in g or " " not in g for g in givens)  # "S.", "Marine A.", "John"
    if one_word_lasts or has_and and short_givens:
        return [f"{last}, {given}" for last, given in zip(lasts, givens, strict=True)]
    return None  # full names ("John Doe", "and Jane Roe") are not halves of "Last, First"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# Sections that become cvgen's own lists: (entry type, cvgen key, title pattern, converter).
_BUILTIN = (
    ("education", "education", re.compile(r"education"), _Import.education),
    ("experience", "positions", re.compile(r"experience|employment|position|appointment|career|work"), _Import.position),
)
_SUMMARY_TITLE = re.compile(r"summary|about|profile|bio|welcome")
_KNOWN_KINDS = {"text", "bullet", "numbered", "reversed", "oneline", "normal", "education", "experience", "publication"}
