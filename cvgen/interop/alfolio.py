"""al-folio ``_data/cv.yml`` (and the site around it) → cvgen.

al-folio is a Jekyll theme for academic sites. Its CV page reads ``_data/cv.yml``, which has had
two shapes:

* the classic one (al-folio up to 2025): a list of sections, each ``title``, ``type`` and
  ``contents``, where ``type`` is ``map`` (name/value pairs), ``time_table`` (entries with ``year``,
  ``title``, ``institution``, ``description``, ``items``…), ``list`` (strings) or ``nested_list``
  (``title`` + ``items``). Values hold inline HTML, which becomes cvgen Markdown.
* the RenderCV shape (later al-folio versions read ``cv:`` with ``sections:``), imported by
  :mod:`cvgen.interop.rendercv`.

Sections map onto cvgen's education, positions, honors and research areas when their title says so
and every entry fits; every other section becomes a custom section with the same title. The owner's
name comes from the "General Information" section or, failing that, from the site's ``_config.yml``
(``first_name``/``last_name``; ``scholar: first_name/last_name`` give the spellings used in
``papers.bib``). The site's ``papers.bib`` becomes ``publications_from``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.interop.common import Data, Imported, good_url, prune, section_key, squeeze, year_range
from cvgen.interop.html_text import html_to_markdown
from cvgen.interop.template_content import sample_content, sample_warning

SECTION_TYPES = ("map", "time_table", "list", "nested_list")
ENTRY_KEYS = {"title", "degree", "institution", "department", "location", "year", "description", "maindescription",
              "items", "linkitems"}

# Names in a "General Information" map and where they go in cvgen's person.
PERSON_FIELDS = {
    "full name": "name", "name": "name", "email": "email", "e-mail": "email", "phone": "phone",
    "telephone": "phone", "website": "website", "homepage": "website", "web": "website",
    "position": "title", "title": "title", "current position": "title", "institution": "institution",
    "affiliation": "institution", "address": "address", "location": "address", "summary": "summary",
    "about": "summary", "bio": "summary",
}


@dataclass
class AlfolioImport(Imported):
    """cvgen data, warnings, and the "source section → cvgen section" lines of the report."""

    mapped: list[str] = field(default_factory=list)
    shape: str = "al-folio cv.yml"


def is_classic(doc: Any) -> bool:
    """True when ``doc`` is a classic al-folio cv.yml: a list of {title, type, contents} sections."""
    return (isinstance(doc, list) and bool(doc) and all(isinstance(s, dict) for s in doc)
            and sum(1 for s in doc if "contents" in s and ("type" in s or "title" in s)) >= max(1, len(doc) // 2))


def _line(filename: str, positions: dict[tuple[Any, ...], tuple[int, int]], path: tuple[Any, ...]) -> str:
    """``file:line`` of ``path`` (or of the nearest enclosing value the reader noted)."""
    probe = path
    while probe and probe not in positions:
        probe = probe[:-1]
    return f"{filename}:{positions[probe][0]}" if probe in positions else filename


class _Site:
    """What the rest of an al-folio site tells about the owner (``_config.yml``)."""

    def __init__(self, config: dict[str, Any] | None):
        config = config if isinstance(config, dict) else {}
        parts = [squeeze(str(config.get(k) or "")) for k in ("first_name", "middle_name", "last_name")]
        self.name = " ".join(p for p in parts if p) or None
        self.email = squeeze(str(config.get("email") or "")) or None
        self.variants: list[str] = []
        scholar = config.get("scholar") if isinstance(config.get("scholar"), dict) else {}
        lasts = scholar.get("last_name") or []
        firsts = scholar.get("first_name") or []
        for last in lasts if isinstance(lasts, list) else [lasts]:
            for first in firsts if isinstance(firsts, list) else [firsts]:
                self.variants.append(squeeze(f"{first} {last}"))
        self.bibliography = (squeeze(str(scholar.get("source") or "/_bibliography/")).strip("/") or "_bibliography",
                             squeeze(str(scholar.get("bibliography") or "papers.bib")))


class _Import:
    def __init__(self, filename: str, positions: dict[tuple[Any, ...], tuple[int, int]]):
        self.filename = filename
        self.positions = positions
        self.warnings: list[str] = []
        self.mapped: list[str] = []
        self.person: Data = {}
        self.data: Data = {}
        self.custom: list[Data] = []
        self.order: list[str] = []
        self.titles: dict[str, str] = {}
        from cvgen.model.settings import BUILTIN_SECTIONS

        self.taken = set(BUILTIN_SECTIONS)

    def where(self, path: tuple[Any, ...]) -> str:
        return _line(self.filename, self.positions, path)

    def warn(self, path: tuple[Any, ...], message: str) -> None:
        self.warnings.append(f"{self.where(path)}: {message}")

    def md(self, value: Any, path: tuple[Any, ...]) -> str | None:
        """A value as cvgen Markdown (inline HTML converted); what HTML could not say is reported."""
        if value is None or isinstance(value, (dict, list)):
            return None
        text, dropped = html_to_markdown(str(value))
        if dropped:
            self.warn(path, f"HTML {', '.join(sorted(dropped))} has no cvgen equivalent; its text is kept")
        return text or None

    def lines(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        """A description: a string, or a list of strings and {title, contents} groups, as detail lines."""
        if value is None:
            return []
        if not isinstance(value, list):
            return [x for x in [self.md(value, path)] if x]
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                head = self.md(item.get("title"), (*path, i, "title"))
                subs = [x for j, s in enumerate(item.get("contents") or []) if (x := self.md(s, (*path, i, "contents", j)))]
                out.append(f"{head}: {'; '.join(subs)}" if head and subs else head or "; ".join(subs))
                self.unknown(item, {"title", "contents"}, (*path, i))
            elif (x := self.md(item, (*path, i))):
                out.append(x)
        return [x for x in out if x]

    def unknown(self, item: dict[str, Any], used: set[str], path: tuple[Any, ...]) -> None:
        for k, v in item.items():
            if k not in used and v not in (None, "", [], {}):
                self.warn((*path, k), f"{k!r} is not an al-folio field cvgen knows; not carried over ({str(v)[:40]!r})")

    def place(self, key: str, title: str, items: list[Data], path: tuple[Any, ...]) -> None:
        self.data[key] = items
        self.order.append(key)
        self.titles[key] = title
        self.mapped.append(f"{self.where(path[:-1])} '{title}' ({len(items)}) → {key}")

    def keep_custom(self, title: str, entries: list[Data], path: tuple[Any, ...], numbered: bool = False) -> None:
        key = section_key(title, self.taken)
        self.custom.append({"key": key, "title": title, "numbered": numbered, "entries": entries})
        self.order.append(key)
        self.mapped.append(f"{self.where(path[:-1])} '{title}' ({len(entries)}) → custom section {key}")

    # -- time_table --------------------------------------------------------------------------

    def when(self, content: dict[str, Any], path: tuple[Any, ...]) -> tuple[str | None, str | None, str | None, str | None]:
        """(start, end, single date, text kept as a detail when ``year`` is not a date)."""
        raw = content.get("year")
        if raw in (None, ""):
            return None, None, None, None
        start, end, single = year_range(str(raw))
        if start or single:
            return start, end, single, None
        self.warn((*path, "year"), f"year {str(raw)!r} is not a date or a range of dates; kept as text")
        return None, None, None, squeeze(str(raw))

    def entry(self, content: Any, path: tuple[Any, ...]) -> list[Data]:
        """A time_table item as generic cvgen entries (one per item when it has only a year and items)."""
        if not isinstance(content, dict):
            text = self.md(content, path)
            return [{"title": text}] if text else []
        self.unknown(content, ENTRY_KEYS, path)
        start, end, single, year_text = self.when(content, path)
        title = self.md(content.get("title"), (*path, "title")) or self.md(content.get("degree"), (*path, "degree"))
        subtitle = ", ".join(x for x in (self.md(content.get("department"), (*path, "department")),
                                         self.md(content.get("institution"), (*path, "institution"))) if x) or None
        details = [x for x in [year_text, self.md(content.get("maindescription"), (*path, "maindescription"))] if x]
        details += self.lines(content.get("description"), (*path, "description"))
        items = self.lines(content.get("items"), (*path, "items"))
        details += self.links(content.get("linkitems"), (*path, "linkitems"))
        dates = {"date": single, "start": start, "end": end}
        if not title and items and not subtitle:
            return [{"title": item, **dates, "details": details} for item in items]
        details += items
        if not title:
            if not details and not subtitle:
                self.warn(path, "an empty entry; skipped")
                return []
            title = details.pop(0) if details else subtitle
            subtitle = None if title == subtitle else subtitle
        return [{"title": title, "subtitle": subtitle, "location": self.md(content.get("location"), (*path, "location")),
                 **dates, "details": details}]

    def links(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        out = []
        for i, item in enumerate(value if isinstance(value, list) else []):
            link = squeeze(str((item or {}).get("link") or "")) if isinstance(item, dict) else ""
            if good_url(link):
                out.append(f"[{squeeze(str(item.get('linkname') or 'doc'))}]({good_url(link)})")
            elif link:
                self.warn((*path, i), f"link {link!r} is not a web address (a file of the site?); not carried over")
        return out

    def time_table(self, title: str, contents: list[Any], path: tuple[Any, ...]) -> None:
        entries = [(i, c) for i, c in enumerate(contents) if isinstance(c, dict)]
        low = title.lower()
        mark = len(self.warnings)  # a section that does not fit is read again as a custom one
        if entries and len(entries) == len(contents):
            if "education" not in self.data and re.search(r"educat|degree|academic background|studies", low):
                done = [self.education(c, (*path, i)) for i, c in entries]
                if all(done):
                    return self.place("education", title, done, path)
            if "positions" not in self.data and re.search(
                    r"experience|employment|position|appointment|career|work", low) and not re.search(
                    r"volunteer|teaching|leadership|service", low):
                done = [self.position(c, (*path, i)) for i, c in entries]
                if all(done):
                    return self.place("positions", title, done, path)
            if "honors" not in self.data and re.search(r"award|hono|prize|fellowship|scholarship|distinction", low):
                done = [self.honors(c, (*path, i)) for i, c in entries]
                if all(done):
                    return self.place("honors", title, [h for hs in done for h in hs], path)
        del self.warnings[mark:]
        self.keep_custom(title, [e for i, c in enumerate(contents) for e in self.entry(c, (*path, i))], path)

    def education(self, c: dict[str, Any], path: tuple[Any, ...]) -> Data | None:
        start, end, single = year_range(str(c.get("year") or ""))
        degree = self.md(c.get("title"), (*path, "title")) or self.md(c.get("degree"), (*path, "degree"))
        inst = ", ".join(x for x in (self.md(c.get("department"), (*path, "department")),
                                     self.md(c.get("institution"), (*path, "institution"))) if x)
        if not (degree and inst) or (c.get("year") and not (start or single)):
            return None
        notes = [x for x in [self.md(c.get("maindescription"), (*path, "maindescription"))] if x]
        notes += [x for x in self.lines(c.get("description"), (*path, "description")) if x != degree]
        notes += self.lines(c.get("items"), (*path, "items")) + self.links(c.get("linkitems"), (*path, "linkitems"))
        self.unknown(c, ENTRY_KEYS, path)
        return {"degree": degree, "institution": inst, "location": self.md(c.get("location"), (*path, "location")),
                "start": start, "end": end or single, "notes": notes}

    def position(self, c: dict[str, Any], path: tuple[Any, ...]) -> Data | None:
        start, end, single = year_range(str(c.get("year") or ""))
        title = self.md(c.get("title"), (*path, "title"))
        org = self.md(c.get("institution"), (*path, "institution"))
        if not (title and org and (start or single)):
            return None
        notes = [x for x in [self.md(c.get("maindescription"), (*path, "maindescription"))] if x]
        notes += self.lines(c.get("description"), (*path, "description"))
        notes += self.lines(c.get("items"), (*path, "items")) + self.links(c.get("linkitems"), (*path, "linkitems"))
        self.unknown(c, ENTRY_KEYS - {"degree"}, path)
        return {"title": title, "organization": org, "unit": self.md(c.get("department"), (*path, "department")),
                "location": self.md(c.get("location"), (*path, "location")), "start": start or single,
                "end": end, "notes": notes}

    def honors(self, c: dict[str, Any], path: tuple[Any, ...]) -> list[Data] | None:
        _, _, single = year_range(str(c.get("year") or ""))
        if not single or c.get("linkitems") or c.get("degree"):
            return None
        items = self.lines(c.get("items"), (*path, "items"))
        title = self.md(c.get("title"), (*path, "title"))
        description = "; ".join(self.lines(c.get("description"), (*path, "description"))) or None
        if title and not items:
            return [{"title": title, "awarder": self.md(c.get("institution"), (*path, "institution")), "date": single,
                     "description": description}]
        if items and not (title or description or c.get("institution")):
            return [{"title": item, "date": single} for item in items]
        return None

    # -- the other types ---------------------------------------------------------------------

    def map(self, title: str, contents: list[Any], path: tuple[Any, ...], general: bool) -> None:
        rest = []
        for i, item in enumerate(contents):
            if not isinstance(item, dict):
                rest += self.entry(item, (*path, i))
                continue
            name = squeeze(str(item.get("name") or ""))
            value = self.md(item.get("value"), (*path, i, "value"))
            self.unknown(item, {"name", "value"}, (*path, i))
            if general and value and self.person_field(PERSON_FIELDS.get(name.lower()), item.get("value"), value, (*path, i)):
                continue
            if name or value:
                rest.append({"title": f"**{name}:** {value}" if name and value else (value or name)})
        if rest:
            self.keep_custom(title, rest, path)

    def person_field(self, target: str | None, raw: Any, value: str, path: tuple[Any, ...]) -> bool:
        """Put one General Information value into person (or the summary); False when it has no place there."""
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value).replace("**", "").replace("*", "").strip()
        if target is None or (target in self.person and target not in ("email", "phone", "website")):
            return False
        if target == "name":
            self.person["name"] = plain
        elif target == "email":
            self.person.setdefault("emails", []).append(plain.removeprefix("mailto:"))
        elif target == "phone":
            self.person.setdefault("phones", []).append({"number": plain})
        elif target == "website":
            url = good_url(plain) or good_url(f"https://{plain}")
            if not url:
                return False
            self.person.setdefault("links", []).append({"label": "Website", "url": url, "kind": "website"})
        elif target == "summary":
            if "summary" in self.data:
                return False
            self.data["summary"] = value
            self.order.append("summary")
        elif target == "address":
            self.person["address"] = [plain]
        else:
            affiliation = self.person.setdefault("affiliations", [{}])[0]
            if target in affiliation:
                return False
            affiliation[target] = plain
        self.mapped.append(f"{self.where(path)} '{plain[:30]}' → person.{target}" if target != "summary"
                           else f"{self.where(path)} → summary")
        return True

    def plain_list(self, title: str, contents: list[Any], path: tuple[Any, ...]) -> None:
        items = [x for i, c in enumerate(contents) for x in self.lines([c], (*path, i))]
        if re.search(r"^(?:current )?affiliations?$", title.strip(), re.I) and "affiliations" not in self.person:
            self.person["affiliations"] = [{"institution": x} for x in items]
            self.mapped.append(f"{self.where(path[:-1])} '{title}' ({len(items)}) → person.affiliations")
            return
        self.keep_custom(title, [{"title": x} for x in items], path)

    def nested_list(self, title: str, contents: list[Any], path: tuple[Any, ...]) -> None:
        groups = []
        for i, c in enumerate(contents):
            if isinstance(c, dict):
                self.unknown(c, {"title", "items"}, (*path, i))
                groups.append((self.md(c.get("title"), (*path, i, "title")), self.lines(c.get("items"), (*path, i, "items"))))
            else:
                groups.append((self.md(c, (*path, i)), []))
        if ("research_areas" not in self.data and re.search(r"interest|research|expertise|topics", title, re.I)
                and all(label for label, _ in groups)):
            self.place("research_areas", title, [{"label": label, "topics": topics} for label, topics in groups], path)
            return
        self.keep_custom(title, [{"title": label or "; ".join(topics), "details": topics if label else []}
                                 for label, topics in groups if label or topics], path)


def read_config(path: Path) -> dict[str, Any] | None:
    """The site's ``_config.yml`` as data (None when it is missing or not YAML cvgen can read)."""
    from cvgen.loader.strict_yaml import read

    try:
        located = read(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    return located.value if isinstance(located.value, dict) else None


def site_files(cv_file: Path) -> tuple[Path | None, Path | None]:
    """(``_config.yml``, the bibliography) of the al-folio site a ``_data/cv.yml`` belongs to, if present."""
    root = cv_file.parent.parent if cv_file.resolve().parent.name == "_data" else None
    if root is None:
        return None, None
    config = root / "_config.yml"
    site = _Site(read_config(config) if config.is_file() else None)
    bib = root / site.bibliography[0] / site.bibliography[1]
    return (config if config.is_file() else None), (bib if bib.is_file() else None)


def import_alfolio(text: str, filename: str = "<cv.yml>", config: dict[str, Any] | None = None,
                   bibtex: str | None = None) -> AlfolioImport:
    """An al-folio ``cv.yml`` (text) → cvgen data; ``config`` is the site's ``_config.yml``, ``bibtex``
    the name the written YAML gives its ``publications_from`` (the caller copies the file there)."""
    from cvgen.errors import InputError, Problem
    from cvgen.loader.strict_yaml import read

    located = read(text)
    if located.problems:
        raise InputError([Problem(filename, ln, col, path, msg) for ln, col, path, msg in located.problems])
    doc = located.value
    if isinstance(doc, dict) and isinstance(doc.get("cv"), dict):
        return _rendercv_shaped(text, filename, bibtex)
    if not is_classic(doc):
        raise InputError([Problem(filename, 1, 1, "", "not an al-folio cv.yml: expected a list of sections, each "
                                                     "with title, type (map, time_table, list, nested_list) and contents")])
    imp = _Import(filename, {**located.positions, **located.key_positions})  # a key's line, where it has one
    for i, section in enumerate(doc):
        _section(imp, section, (i,))
    site = _Site(config)
    person = imp.person
    if "name" not in person:
        person["name"] = site.name or "Your Name"
        imp.mapped.append(f"_config.yml first_name/last_name → person.name ({site.name})" if site.name else
                          "no Full Name in the file and no _config.yml beside it; person.name written as 'Your Name'")
        if not site.name:
            imp.warnings.append(f"{filename}: no 'Full Name' found; the CV is headed 'Your Name' until you set person.name")
    if site.email and site.email not in person.get("emails", []):
        person.setdefault("emails", []).append(site.email)
    variants = sorted({v for v in site.variants if v and v != person["name"]})
    if variants:
        person["name_variants"] = variants
        imp.mapped.append(f"_config.yml scholar first_name × last_name → person.name_variants ({len(variants)})")
    data: Data = {"person": person, **imp.data, "custom_sections": imp.custom}
    if bibtex:
        data["publications_from"] = {"bibtex": bibtex}
        imp.order.insert(_publications_slot(imp.order), "publications")
    data["settings"] = {"sections": imp.order, "titles": imp.titles}
    sample = sample_warning(sample_content(doc), lambda path: imp.where(path))
    if sample:
        imp.warnings.insert(0, f"{filename}: {sample}")
    return AlfolioImport(prune(data), imp.warnings, mapped=imp.mapped)


def _publications_slot(order: list[str]) -> int:
    """Publications go after positions (or education), where an academic CV has them."""
    for key in ("positions", "education"):
        if key in order:
            return order.index(key) + 1
    return len(order)


def _section(imp: _Import, section: Any, path: tuple[Any, ...]) -> None:
    if not isinstance(section, dict):
        imp.warn(path, "a section must be a mapping with title, type and contents; not carried over")
        return
    title = imp.md(section.get("title"), (*path, "title")) or "Untitled"
    kind = squeeze(str(section.get("type") or ""))
    contents = section.get("contents")
    contents = contents if isinstance(contents, list) else ([] if contents is None else [contents])
    imp.unknown(section, {"title", "type", "contents"}, path)
    plain_title = re.sub(r"[*\[\]]|\([^)]*\)", "", title).strip() or "Untitled"
    if not contents:
        imp.warn(path, f"section '{plain_title}' has no contents; skipped")
    elif kind == "map":
        imp.map(plain_title, contents, (*path, "contents"), general=not imp.person and re.search(
            r"general|personal|contact|about", plain_title, re.I) is not None)
    elif kind == "time_table":
        imp.time_table(plain_title, contents, (*path, "contents"))
    elif kind == "nested_list":
        imp.nested_list(plain_title, contents, (*path, "contents"))
    else:
        if kind != "list":
            imp.warn((*path, "type"), f"type {kind!r} is not one of {', '.join(SECTION_TYPES)}; read as a list")
        if all(isinstance(c, dict) for c in contents):
            imp.time_table(plain_title, contents, (*path, "contents"))
        else:
            imp.plain_list(plain_title, contents, (*path, "contents"))


def _rendercv_shaped(text: str, filename: str, bibtex: str | None) -> AlfolioImport:
    """Later al-folio versions keep cv.yml in RenderCV's shape: import it as RenderCV does."""
    from cvgen.interop.rendercv import import_rendercv
    from cvgen.loader.strict_yaml import read

    result = import_rendercv(text, filename)
    located = read(text)
    positions = {**located.positions, **located.key_positions}

    sample = sample_warning(sample_content(located.value), lambda path: _line(filename, positions, path))
    if sample:
        result.warnings.insert(0, f"{filename}: {sample}")
    data = dict(result.data)
    if bibtex and not data.get("publications"):
        data["publications_from"] = {"bibtex": bibtex}
        order = list(data.get("settings", {}).get("sections", []))
        if order:
            order.insert(_publications_slot(order), "publications")
            data["settings"] = {**data["settings"], "sections": order}
    return AlfolioImport(data, result.warnings, mapped=["cv: in RenderCV's shape → imported as RenderCV"],
                         shape="al-folio cv.yml (RenderCV format)")
