"""Current and Pending (Other) Support from ``grants``: the form's fields, totals and located checks.

The totals expected here are summed by hand from the figures written in examples/grant_documents.yaml
(listed in the comments), not read back from the code.
"""

from __future__ import annotations

from pathlib import Path

from cvgen.loader import load_cv
from cvgen.model.markup import plain
from cvgen.view import ViewOptions, prepare

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "grant_documents.yaml"


def cp(source):
    return prepare(load_cv(source), ViewOptions(profile="current-pending"))


def test_sections_and_the_forms_fields_in_order() -> None:
    doc = cp(EXAMPLE)
    assert [s.title for s in doc.sections] == [
        "Identifying Information", "Proposals and Active Projects", "In-Kind Contributions",
        "Totals (for checking; not part of the form)",
    ]
    projects = doc.sections[1].items
    # Current first, then pending, then submission planned; the completed 2016 award is not listed.
    assert [plain(i.main) for i in projects] == [
        "Low-Dose Quantitative MRI for Pediatric Liver Disease",
        "CAREER: Learning-Based Image Reconstruction with Guarantees",
        "Cardiac Strain Imaging with Learned Reconstruction",
        "Imaging Core, Regional Liver Center",
    ]
    labels = [plain(d).split(":")[0] for d in projects[0].details]
    assert labels == [
        "Status of support", "Proposal/award number", "Source of support", "Primary place of performance",
        "Project/proposal start and end date (MM/YYYY)", "Total anticipated proposal/project amount",
        "Person-months per year committed", "Role", "Overall objectives", "Statement of potential overlap",
    ]
    assert plain(projects[0].details[6]) == "Person-months per year committed: 2023: 2.4; 2024: 2.4; 2025: 2.4; 2026: 2.4; 2027: 0.6"
    assert plain(projects[3].details[0]) == "Status of support: Submission Planned"
    in_kind = doc.sections[2].items
    assert [plain(i.main) for i in in_kind] == ["Research MRI scanner time (in-kind)"]
    assert "Estimated value: $60,000" in [plain(d) for d in in_kind[0].details]


def test_totals() -> None:
    totals = [plain(p) for p in cp(EXAMPLE).sections[3].intro]
    # Current: 1,850,000 + 550,000; months 2022: 1.0; 2023–2026: 2.4 + 1.0; 2027: 0.6.
    assert totals[0] == ("Current: 2 entries, $2,400,000; person-months per year: "
                         "2022: 1.0; 2023: 3.4; 2024: 3.4; 2025: 3.4; 2026: 3.4; 2027: 0.6.")
    # Pending 600,000 + planned 240,000; 2026: 1.0; 2027: 1.5 + 0.5; 2028: 1.5 + 0.5; 2029: 1.0.
    assert totals[1] == ("Pending and planned: 2 entries, $840,000; person-months per year: "
                         "2026: 1.0; 2027: 2.0; 2028: 2.0; 2029: 1.0.")
    assert totals[2] == ("Current and pending together, person-months per year: "
                         "2022: 1.0; 2023: 3.4; 2024: 3.4; 2025: 3.4; 2026: 4.4; 2027: 2.6; 2028: 2.0; 2029: 1.0.")
    assert not cp(EXAMPLE).warnings  # the example's figures are consistent


BAD = """\
person: {name: Ada Quill}
grants:
  - title: Big project
    sponsor: NSF
    status: current
    start: 2024-01
    end: 2025-12
    amount: {value: 100}
    share: {value: 500}
    person_months:
      - {year: 2024, months: 7}
      - {year: 2026, months: 1}
      - {year: 2024, months: 1}
  - title: Other project
    sponsor: NIH
    status: current
    start: 2023-01
    end: 2026-12
    person_months:
      - {year: 2024, months: 6}
  - title: Hoped-for project
    sponsor: DOE
    status: pending
  - title: Old project
    sponsor: DOE
settings: {profiles: {cp: {layout: current-pending}}}
"""


def test_inconsistent_figures_are_located_warnings(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text(BAD, encoding="utf-8")
    warnings = prepare(load_cv(path), ViewOptions(profile="cp")).warnings
    where = str(path)
    assert f"{where}:12:16: grants[0].person_months[1].year: 2026 is outside the project period 01/2024 – 12/2025" in warnings
    assert f"{where}:13:16: grants[0].person_months[2].year: 2024 is given twice" in warnings
    assert f"{where}:9:12: grants[0].share: the share ($500) is more than the total ($100)" in warnings
    assert any(w.startswith(f"{where}:21:5: grants[2]: Pending support without person_months") for w in warnings)
    # 2024: 7 + 1 (the year written twice) + 6 = 14 months of current support.
    assert any("current support commits 14.0 person-months in 2024, more than 12" in w for w in warnings)
    assert any("1 grants have no status and are not listed" in w and "Old project" in w for w in warnings)
