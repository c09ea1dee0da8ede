"""The NIH biographical sketch: headings from NIH's format page, citations by key with PMID/PMCID.

Headings and limits are typed from NIH's biographical sketch format page and instructions
(OMB No. 0925-0001) and the NIH Biographical Sketch Supplement's character limits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cvgen.errors import InputError
from cvgen.loader import load_cv
from cvgen.model.markup import plain
from cvgen.view import ViewOptions, prepare

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "grant_documents.yaml"


def nih(source, profile: str = "nih"):
    return prepare(load_cv(source), ViewOptions(profile=profile))


def test_section_order_headings_and_limit() -> None:
    doc = nih(EXAMPLE)
    assert [" ".join(s.title.split()) for s in doc.sections] == [  # the view ties "A." to its word
        "Biographical Sketch", "Education/Training", "A. Personal Statement",
        "B. Positions, Scientific Appointments and Honors", "C. Contributions to Science",
    ]
    assert [" ".join(plain(p).split()) for p in doc.sections[0].intro] == [
        "NAME: Maria R. Okafor", "eRA COMMONS USER NAME: MOKAFOR", "POSITION TITLE: Associate Professor",
    ]
    assert [plain(g.title) for g in doc.sections[3].groups] == ["Positions and Scientific Appointments", "Honors"]
    assert doc.page_limit is not None and doc.page_limit.pages == 5
    assert not doc.warnings


def test_education_begins_with_the_baccalaureate_and_includes_the_postdoc() -> None:
    rows = [(plain(i.main), i.date) for i in nih(EXAMPLE).sections[1].items]
    assert rows == [
        ("Coastal Institute of Technology, Charleston, SC — B.S. — Electrical Engineering", "05/2008"),
        ("Riverbend University, Ann Arbor, MI — Ph.D. — Biomedical Engineering", "05/2013"),
        ("Harborview Cancer Center, Seattle, WA — Postdoctoral Research Fellow — Quantitative Imaging",
         "07/2013 – 07/2015"),
    ]


def test_primary_appointment_first() -> None:
    positions = nih(EXAMPLE).sections[3].groups[0].items
    assert [(plain(i.main).split(",")[0], i.date) for i in positions] == [
        ("Associate Professor", "07/2021 – present"),
        ("Adjunct Scientist", "09/2022 – present"),  # began later, but the primary appointment comes first
        ("Assistant Professor", "08/2015 – 06/2021"),
    ]


def test_citations_carry_pmid_and_pmcid() -> None:
    doc = nih(EXAMPLE)
    statement = doc.sections[2]
    first = plain(statement.items[0].main)
    assert first.endswith("PMID: 38000001; PMCID: PMC10000001.")
    contributions = doc.sections[4].groups[0].items
    assert [i.label for i in contributions] == ["1", "2", "3"]
    cited = [plain(d) for d in contributions[0].details]
    assert [c[:3] for c in cited] == ["a. ", "b. ", "c. "]
    assert cited[2].endswith("PMID: 25000005; PMCID: PMC4000005.")
    no_ids = plain(contributions[1].details[0])
    assert "PMID" not in no_ids and "PMCID" not in no_ids  # nothing is made up for a paper without them
    assert plain(contributions[2].details[0]).endswith("PMID: 29000003.")  # a PMID without a PMCID
    last = doc.sections[4].groups[-1].items[0]
    assert plain(last.main).startswith("Complete list of published work: https://www.ncbi.nlm.nih.gov/")


CV = """\
person: {{name: Ada Quill}}
publications:
  - {{title: One, authors: [A. Quill], date: 2020, key: one}}
biosketch:
  personal_statement: {statement}
  contributions:
    - description: Found things.
      publications: [one, nothere]
settings: {{profiles: {{nih: {{layout: nih-biosketch}}}}}}
"""


def test_unknown_key_and_long_statement_are_located_warnings(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text(CV.format(statement="x" * 3501), encoding="utf-8")
    warnings = nih(path).warnings
    assert f"{path}:8:27: biosketch.contributions[0].publications[1]: no publication has key 'nothere'; it is left out" in warnings
    assert f"{path}:5:23: biosketch.personal_statement: 3501 characters; the NIH supplement allows 3500" in warnings


def test_more_than_four_citations_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text(CV.format(statement="ok").replace("[one, nothere]", "[a, b, c, d, e]"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_cv(path)
    assert "cv.yaml:8:" in str(caught.value) and "biosketch.contributions[0].publications" in str(caught.value)
