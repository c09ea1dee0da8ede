"""The CSL engine run: citeproc-py formats one publication at a time, in the CV's language.

This is the only module that imports citeproc-py and lxml, and it is imported only when a CSL
style is asked for, so the default layout pays nothing for it.

Each publication is formatted alone (cvgen orders, groups and numbers the list itself), so the
style's citation number is dropped from the bibliography layout and its "subsequent author"
substitution never applies. The style's own rules are otherwise untouched; where a CV sets its
own author limit, or the style's "et al." would hide the owner, the name elements' et-al options
are changed for that one entry (a documented deviation).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.frontend import LOCALES_PATH
from citeproc.source.json import CiteProcJSON
from lxml import etree

from cvgen.citations import sentinels as s
from cvgen.errors import InputError, Problem
from cvgen.model.loaded import StyleFile

_CSL = "{http://purl.org/net/xbiblio/csl}"
_ET_AL = ("et-al-min", "et-al-use-first")


def _wrapper(name: str) -> Any:
    opening, closing = s.FORMATS[name]
    return lambda text: opening + str(text) + closing


# citeproc-py asks its formatter for these names; ours writes sentinels instead of HTML.
SENTINEL_FORMATTER = SimpleNamespace(
    preformat=str,
    Italic=_wrapper("italic"),
    Oblique=_wrapper("italic"),
    Bold=_wrapper("bold"),
    Light=_wrapper("plain"),
    Underline=_wrapper("underline"),
    Superscript=_wrapper("sup"),
    Subscript=_wrapper("sub"),
    SmallCaps=_wrapper("smallcaps"),
)


def csl_locale(language: str, default_locale: str | None, style_locales: list[str]) -> str:
    """The CSL locale for a CV language: the style's own dialect when it is that language.

    A region written in the CV (``en-US``, ``pt-BR``) wins. Otherwise the style's default locale
    (Nature: en-GB), or the one dialect its in-style locales name for that language (Cite Them
    Right defines only en-GB terms); else CSL's primary dialect (``en`` → en-US, ``de`` → de-DE).
    """
    primary = language.split("-")[0].lower()
    if "-" in language and (Path(LOCALES_PATH) / f"locales-{language}.xml").is_file():
        return language
    if default_locale and default_locale.split("-")[0].lower() == primary:
        return default_locale
    own = {loc for loc in style_locales if loc.split("-")[0].lower() == primary}
    if len(own) == 1 and "-" in next(iter(own)):
        return own.pop()
    return primary


def _style_locales(root: Any) -> list[str]:
    return [el.get("{http://www.w3.org/XML/1998/namespace}lang") or "" for el in root.findall(f"{_CSL}locale")]


def _located(source: StyleFile, line: int | None, col: int | None, message: str) -> InputError:
    return InputError([Problem(source.path, line, col, "settings.publications.style", message)])


def _parse_check(source: StyleFile) -> Any:
    """Parse the XML with lxml first, so a broken user style is reported with its line."""
    try:
        root = etree.fromstring(source.xml, etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise _located(source, line, col, f"not a valid CSL file: {exc.msg}") from None
    if root.tag != f"{_CSL}style":
        raise _located(source, root.sourceline, None, "not a CSL style (the root element must be <style> in the CSL namespace)")
    if root.find(f"{_CSL}bibliography") is None:
        raise _located(source, root.sourceline, None, "this CSL style has no <bibliography>, so it cannot format a list")
    return root


@dataclass
class LoadedStyle:
    """A CSL style ready to format publications, in one locale."""

    source: StyleFile
    locale: str
    style: Any

    @classmethod
    def load(cls, source: StyleFile, language: str) -> LoadedStyle:
        root = _parse_check(source)
        locale = csl_locale(language, root.get("default-locale"), _style_locales(root))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns on CSL 1.0.2 attributes it does not know
            try:
                style = CitationStylesStyle(io.BytesIO(source.xml), locale=locale, validate=False)
            except Exception as exc:  # citeproc-py raises bare exceptions on malformed styles
                raise _located(source, None, None, f"citeproc-py cannot load this style: {exc}") from None
        _drop_citation_numbers(style.root)
        _add_missing_name_elements(style.root)
        return cls(source, locale, style)

    @property
    def punctuation_in_quote(self) -> bool:
        """The locale's CSL option; citeproc-py 0.11 reads it but does not apply it (see output)."""
        value = self.style.root.get_locale_option("punctuation-in-quote") or "false"
        return value.lower() == "true"

    def quote_terms(self) -> tuple[str, str]:
        """The locale's closing quotes (outer and inner), where moved punctuation goes inside."""
        root = self.style.root
        return tuple(str(root.get_single_term(name)) for name in ("close-quote", "close-inner-quote"))  # type: ignore[return-value]

    def format(self, item: dict[str, Any], name_options: dict[str, str] | None = None) -> str:
        """One bibliography entry as text with sentinels."""
        bibliography = CitationStylesBibliography(self.style, CiteProcJSON([item]), SENTINEL_FORMATTER)
        bibliography.register(Citation([CitationItem(item["id"])]))
        with self._name_options(name_options):
            entries = bibliography.bibliography()
        return "".join(str(e) for e in entries)

    @contextmanager
    def _name_options(self, options: dict[str, str] | None) -> Iterator[None]:
        """Set et-al options on every <name> element for one entry, then put them back."""
        if not options:
            yield
            return
        names = list(self.style.root.iter(f"{_CSL}name"))
        saved = [{k: el.get(k) for k in _ET_AL} for el in names]
        try:
            for el in names:
                for key, value in options.items():
                    el.set(key, value)
            yield
        finally:
            for el, old in zip(names, saved, strict=True):
                for key, value in old.items():
                    if value is None:
                        el.attrib.pop(key, None)
                    else:
                        el.set(key, value)


def _add_missing_name_elements(root: Any) -> None:
    """Give each <names> its <name> now, as citeproc-py would on first use, so et-al options reach it."""
    for names in root.iter(f"{_CSL}names"):
        if names.find(f"{_CSL}name") is None and names.getparent().tag != f"{_CSL}substitute":
            names.insert(0, names.makeelement(f"{_CSL}name"))


def _drop_citation_numbers(root: Any) -> None:
    """cvgen numbers the list itself (P5…P1 or permanent ids): the style's "[1]" would always be 1."""
    bibliography = root.find(f"{_CSL}bibliography")
    for el in list(root.iter(f"{_CSL}text")):
        if el.get("variable") == "citation-number":
            el.getparent().remove(el)
    if bibliography is not None and "second-field-align" in bibliography.attrib:
        del bibliography.attrib["second-field-align"]
