"""RenderCV import: every section and entry of real RenderCV files survives into the prepared document."""

from __future__ import annotations

import re

import pytest

from cvgen.errors import InputError
from cvgen.interop.rendercv import _title, import_rendercv, rejoin_split_names
from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader import load_text
from cvgen.loader.strict_yaml import read
from cvgen.model.markup import parse_markup, plain
from cvgen.view import prepare
from tests.interop.conftest import FIXTURES, real
from tests.typo import folded

MAIN_KEYS = ("institution", "area", "degree", "company", "position", "title", "journal", "name", "label",
             "details", "bullet", "number", "reversed_number", "location")


def _doc_text(cv) -> str:
    doc = prepare(cv)
    parts = [doc.header.name, *(c.text for c in doc.header.contacts), *(c.label for c in doc.header.contacts)]
    for s in doc.sections:
        parts += [s.title, *(plain(p) for p in s.intro)]
        for item in s.items:
            parts += [plain(item.main), item.date, *(plain(d) for d in item.details)]
    return folded(" ".join(parts))


def _visible(value: str) -> str:
    """What RenderCV's markdown shows, for comparison with cvgen's plain text."""
    return folded(plain(parse_markup(value)))


def _strings(entry) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    out = [str(entry[k]) for k in MAIN_KEYS if entry.get(k) not in (None, "", "__HIDDEN__")]
    out += [h for h in entry.get("highlights") or [] if isinstance(h, str)]
    if isinstance(entry.get("summary"), str):
        out.append(entry["summary"])
    for a in entry.get("authors") or []:
        name = re.sub(r"^\W*(and\s+)?|\W*$", "", re.sub(r"\(.*?\)", "", a)).strip(" *")
        if re.search(r"\w", name) and name != "__HIDDEN__":
            out.append(name)
    return out


def check_nothing_lost(path, text_of_file: str):
    source = read(text_of_file).value
    result = import_rendercv(text_of_file, path.name)
    cv = load_text(dump_yaml(result.data), path.name)
    text = _doc_text(cv)
    sections = source["cv"]["sections"]
    missing = []
    for title, entries in sections.items():
        for entry in entries or []:
            if isinstance(entry, dict) and rejoin_split_names(entry.get("authors") or []):
                # "Townend", "John", "and Miyake", "Hiroe": names split at their commas are read in pairs
                entry = {**entry, "authors": rejoin_split_names(entry["authors"])}
            for s in _strings(entry):
                if _visible(s) not in text:
                    missing.append((title, s))
    assert missing == []
    titles = [s.title for s in prepare(cv).sections]
    assert [_title(t) for t in sections] == [t for t in titles if not t.endswith(" (other)")]
    return result, cv


@pytest.mark.parametrize("name", ["John_Doe_ClassicTheme_CV_v2.8.yaml", "John_Doe_ClassicTheme_CV_v2.3.yaml"])
def test_starter_files_keep_every_section_and_entry(name):
    path = FIXTURES / name
    result, cv = check_nothing_lost(path, path.read_text(encoding="utf-8"))
    assert cv.person.name == "John Doe"
    assert cv.publications and all(any(a.name == "John Doe" for a in p.authors) for p in cv.publications)
    assert cv.settings.theme == "classic"  # design.theme: classic has a cvgen twin (issue 16)


def test_section_titles_and_order_kept():
    path = FIXTURES / "John_Doe_ClassicTheme_CV_v2.8.yaml"
    cv = load_text(dump_yaml(import_rendercv(path.read_text(encoding="utf-8")).data))
    assert [s.title for s in prepare(cv).sections] == [
        "Welcome to RenderCV", "Education", "Experience", "Projects", "Publications", "Selected Honors", "Skills",
        "Patents", "Invited Talks"]


@pytest.mark.parametrize("name", ["fridljand_cv.yaml", "Marine_Denolle_CV_singlefile.yaml"])
def test_real_cvs_keep_every_entry(name):
    path = real("rendercv", name)
    result, cv = check_nothing_lost(path, path.read_text(encoding="utf-8"))
    if name == "fridljand_cv.yaml":
        assert any("'.. .' is not a name" in w for w in result.warnings)
        assert any("cv.sort_entries" in w for w in result.warnings)
        assert any("Fridljand, D.: first author" in plain(n) for p in cv.publications for n in p.notes)
    else:
        # One of the 66 has no authors in the file: it is kept in "Publications (other)".
        assert len(cv.publications) == 65
        assert any(w.endswith("entries [0] lack what cvgen's publications need (a title, an author, a date); they "
                              "are kept in a section 'Publications (other)'") for w in result.warnings)
        assert any("author lists were split at the commas" in w for w in result.warnings)
        assert any("__HIDDEN__" in w for w in result.warnings)
        assert any("end in '*'" in w for w in result.warnings)


def test_unknown_tags_are_a_located_error():
    path = real("rendercv", "Marine_Denolle_CV_include_tags.yaml")
    with pytest.raises(InputError) as err:
        import_rendercv(path.read_text(encoding="utf-8"), path.name)
    assert "!include" in str(err.value) and re.search(r"\.yaml:\d+:\d+:", str(err.value))
