"""The view writes every word in the CV's language: every table, the translated fixtures, overrides.

Expected words come from the string tables (whose own correctness tests/locale checks against
CLDR, CSL and RenderCV) and dates from CLDR's data; the point here is that each word reaches the
document, and that no English word of cvgen's own is left in a CV in another language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale as BabelLocale

import cvgen
from cvgen.locale import available
from cvgen.locale.tables import read_table
from cvgen.model.markup import plain
from cvgen.view import prepare

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "locale"
LANGUAGES = [lang for lang in available() if lang != "en"]

SMALL_CV = """
person: {{name: Ada Muster, emails: [ada@example.org]}}
education:
  - {{degree: Ph.D., institution: Uni, end: 2016-03, advisors: [A. Turing, K. Gödel]}}
positions:
  - {{title: Professor, organization: Uni, start: 2021-01, end: present}}
publications:
  - {{title: Paper, authors: [Ada Muster, B. Other], venue: Journal, date: 2024, kind: journal, pages: 1-9,
      status: in-preparation, citations: 7}}
metrics: {{citations: 100, source: Scholar}}
settings: {{language: {language}, publications: {{group_by: kind}}}}
"""


def texts(doc) -> str:
    """Every word of a prepared document, in reading order."""
    out = [doc.meta.title, doc.meta.subject, doc.meta.description, doc.meta.abstract_label]
    out += [f"{c.label} {c.text}" for c in doc.header.contacts]
    for section in doc.sections:
        out.append(section.title)
        out += [plain(p) for p in section.intro]
        for group in section.groups:
            out.append(plain(group.title) if group.title else "")
            for item in group.items:
                out += [item.label or "", plain(item.main), item.date, *(plain(d) for d in item.details)]
    return "\n".join(out)


def has_word(word: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


def english_words() -> set[str]:
    """cvgen's own English words that no other table shares (so their presence means a leak)."""
    return {"Education", "Professional Experience", "Publications", "Journal Articles", "present",
            "Cited by", "in preparation", "citations according to", "Advisors", "Curriculum Vitae", "Email"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_reaches_the_document(language: str) -> None:
    table = read_table(language).strings
    doc = prepare(cvgen.load(SMALL_CV.format(language=language)))
    words = texts(doc)
    for key in ("sections.education", "sections.positions", "sections.publications", "kinds.journal",
                "status.in-preparation", "terms.present", "contacts.email"):
        assert table[key] in words, (language, key)
    assert table["terms.cited_by"].replace("{count}", "7") in words
    # A page range takes an en dash, and a no-break space may tie it to its abbreviation (issue 21).
    assert table["terms.pages"].replace("{pages}", "1\u20139") in " ".join(words.split())
    assert doc.meta.title == table["meta.title"].replace("{name}", "Ada Muster")
    leaked = {w for w in english_words() if has_word(w, words) and not any(w in t for t in table.values())}
    assert not leaked, (language, leaked)
    assert not doc.warnings


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_dates_come_from_cldr(language: str) -> None:
    """The start of the position ("Jan. 2021", "janv. 2021", "2021年1月") carries CLDR's month word."""
    babel = BabelLocale.parse(language.replace("-", "_"))
    doc = prepare(cvgen.load(SMALL_CV.format(language=language)))
    position = next(s for s in doc.sections if s.key == "positions").items[0]
    months = {babel.months[ctx][width][1] for ctx in ("format", "stand-alone") for width in ("abbreviated", "wide")}
    assert "2021" in position.date and (any(m in position.date for m in months) or "1" in position.date)
    assert read_table(language).strings["terms.present"] in position.date


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("de", "ltr"),
                                                      ("ja", "ltr"), ("en", "ltr")])
def test_the_document_says_its_direction(language: str, direction: str) -> None:
    assert prepare(cvgen.load(SMALL_CV.format(language=language))).meta.direction == direction


def test_an_english_title_in_an_arabic_cv_is_marked_left_to_right() -> None:
    doc = prepare(cvgen.load_cv(FIXTURES / "cv_ar.yaml"))
    pubs = next(s for s in doc.sections if s.key == "publications").items
    latin = [i for i in pubs if "Model Sparsity" in plain(i.main)]
    arabic = [i for i in pubs if "مقدمة في التحسين" in plain(i.main)]
    assert latin and latin[0].direction == "ltr"
    assert arabic and arabic[0].direction is None
    assert all(i.label and i.label.startswith("P") for i in pubs)  # labels stay P4…P1


def test_an_arabic_title_in_an_english_cv_is_marked_right_to_left() -> None:
    cv = cvgen.load("person: {name: Ada}\ntalks:\n  - {title: التعلم الآلي, event: Cairo, date: 2024}\n")
    (talk,) = next(s for s in prepare(cv).sections if s.key == "talks").items
    assert talk.direction == "rtl"


@pytest.mark.parametrize("language", ["de", "ja", "ar"])
def test_the_translated_fixtures_have_no_english_words_of_cvgens_own(language: str) -> None:
    doc = prepare(cvgen.load_cv(FIXTURES / f"cv_{language}.yaml"))
    words = texts(doc)
    table = read_table(language).strings
    for key in ("sections.research_areas", "sections.honors", "sections.grants", "sections.talks",
                "kinds.conference", "kinds.journal", "terms.present"):
        assert table[key] in words, key
    assert not {w for w in english_words() if has_word(w, words)}


def test_the_german_fixture_reads_as_cldr_and_csl_say() -> None:
    words = texts(prepare(cvgen.load_cv(FIXTURES / "cv_de.yaml")))
    assert "Jan. 2021\u2009–\u2009gegenwärtig" in words  # CLDR de abbreviated month and range; RenderCV's word
    assert "Betreuer: Pramod Varshney und Makan Fardad" in words  # CLDR de list pattern "{0} und {1}"
    # CSL de-DE terms, each tied to its number and the range set with an en dash (issue 21, Duden)
    assert "Bd.\u00a041, Nr.\u00a01" in words and "S.\u00a038\u201359" in words
    assert "16. Juli 2024" in words  # the metrics date, CLDR de long form
    assert "500.000\u00a0$" in words  # CLDR de currency format


def test_settings_titles_and_legend_win_over_the_table() -> None:
    cv = cvgen.load("""
person: {name: Ada}
positions: [{title: Prof, organization: Uni, start: 2020}]
publications: [{title: P, authors: ["Ada", "B†"], venue: V, date: 2024}]
settings:
  language: de
  titles: {positions: Werdegang}
  legend: {student: "{marker} = meine Studierenden"}
  strings: {sections.publications: Veröffentlichungen}
""")
    doc = prepare(cv)
    assert [s.title for s in doc.sections] == ["Werdegang", "Veröffentlichungen"]
    legend = plain(next(s for s in doc.sections if s.key == "publications").intro[-1])
    assert legend == "† = meine Studierenden."


def test_a_language_without_a_table_warns_once() -> None:
    doc = prepare(cvgen.load("person: {name: Ada}\npositions: [{title: P, organization: U, start: 2020-03}]\n"
                             "settings: {language: sw}\n"))
    assert [w for w in doc.warnings if "no string table" in w]
    march = BabelLocale.parse("sw").months["format"]["abbreviated"][3]  # CLDR's Swahili month
    assert next(s for s in doc.sections if s.key == "positions").items[0].date == f"{march} 2020"


def test_a_misspelt_override_is_a_located_input_error() -> None:
    with pytest.raises(cvgen.InputError) as err:
        cvgen.load("person: {name: Ada}\nsettings:\n  strings: {terms.presnt: heute}\n")
    assert "did you mean 'terms.present'" in str(err.value) and "<string>:3" in str(err.value)
