"""The reference example reproduces the seed CV: every fact of tests/fixtures/seeds/sijia_liu_cv.md is in the MODEL.

Publications and talks are read back from the seed file itself (authors with their superscript
markers, pages, notes, months), so the example is compared with the source, not with a second
hand-made copy. The rest is spelled out below, transcribed from the seed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.model import CV
from cvgen.model.dates import PRESENT, PartialDate, format_date
from cvgen.model.markup import plain
from tests.conftest import SEEDS
from tests.seed_facts import normalise

SEED = SEEDS / "sijia_liu_cv.md"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _authors_from_seed(part: str) -> list[tuple[str, bool, bool]]:
    """'Y. Zhang<sup>†,\\*</sup>, **S. Liu**, S. Lu\\*' → [(name, student, equal), …]."""
    part = part.replace("**", "").replace("\\*", "*")
    out = []
    for m in re.finditer(r"([^,<]+?)\s*(?:<sup>([^<]*)</sup>|(\*))?(?:,\s*|$)", part.strip()):
        name = m.group(1).strip()
        if not name:
            continue
        marks = (m.group(2) or "") + (m.group(3) or "")
        out.append((name.rstrip("*"), "†" in marks, "*" in marks or name.endswith("*")))
    return out


def _seed_publications(seed_text: str) -> dict[str, list[dict]]:
    """Publication lines of the seed, by group heading ("Trustworthy ML", "Scalable ML")."""
    groups: dict[str, list[dict]] = {}
    current = None
    for line in seed_text.splitlines():
        heading = re.match(r"^#+ Five Representative Publications in \*?([^*:]+)\*?:", line)
        if heading:
            current = heading.group(1).strip()
            groups[current] = []
            continue
        m = re.match(r"^- (P\d)\. (.*)$", line)
        if m and current:
            groups[current].append({"label": m.group(1), "line": m.group(2)})
    return groups


def _by_title(cv: CV) -> dict[str, object]:
    return {plain(p.title): p for p in cv.publications}


def test_example_validates_from_the_command_line(example_path: Path) -> None:
    from cvgen.cli import cli

    result = CliRunner().invoke(cli, ["validate", str(example_path)])
    assert result.exit_code == 0, result.output


def test_header(example_cv: CV) -> None:
    person = example_cv.person
    assert person.name == "Sijia Liu"
    primary, affiliated = person.affiliations
    assert (primary.title, primary.department, primary.institution, primary.location) == (
        "Assistant Professor", "Department of Computer Science & Engineering", "Michigan State University",
        "East Lansing, MI")
    assert (affiliated.title, affiliated.department, affiliated.institution) == (
        "Affiliated Professor", "MIT-IBM Watson AI Lab", "IBM Research")
    assert person.emails == ("liusiji5@msu.edu",)
    assert [(p.number, p.label) for p in person.phones] == [("(315)-744-6778", "Mobile")]
    assert [link.label for link in person.links] == ["Personal Website", "OPTML Lab Website", "Google Scholar"]
    assert all(link.url is None for link in person.links)  # the seed names them without addresses


def test_research_areas(example_cv: CV) -> None:
    areas = {a.label: ", ".join(plain(t) for t in a.topics) for a in example_cv.research_areas}
    assert areas == {
        "Trustworthy ML": "Adversarial ML, model explanation, fairness, security & privacy",
        "Scalable ML": "Zeroth-order optimization, deep model compression, distributed ML, automated ML",
    }


def test_education(example_cv: CV) -> None:
    rows = [
        (plain(e.degree), plain(e.field) if e.field else None, plain(e.institution), format_date(e.end),
         [plain(d) for d in e.distinctions], list(e.advisors))
        for e in example_cv.education
    ]
    assert rows == [
        ("Ph.D.", "Electrical and Computer Engineering", "Syracuse University", "Mar. 2016",
         ["All University Doctoral Prize"], ["Pramod Varshney", "Makan Fardad"]),
        ("M. A. Sc.", "Electrical Engineering", "Xi'an Jiaotong University", "May 2011", [], []),
        ("B.S.", "Electrical Engineering", "Xi'an Jiaotong University", "May 2008", [], []),
    ]


def test_positions(example_cv: CV) -> None:
    rows = [(plain(p.title), plain(p.organization), p.start, p.end) for p in example_cv.positions]
    assert rows == [
        ("Assistant Professor", "Michigan State University", PartialDate(2021, 1), PRESENT),
        ("Affiliated Professor", "MIT-IBM Watson AI Lab, IBM Research", PartialDate(2021, 10), PRESENT),
        ("Research Staff Member", "MIT-IBM Watson AI Lab, IBM Research", PartialDate(2018, 1), PartialDate(2020, 12)),
        ("Postdoc Research Fellow", "University of Michigan", PartialDate(2016, 7), PartialDate(2017, 12)),
    ]
    first, *_, postdoc = example_cv.positions
    assert plain(first.unit) == "CSE"
    assert postdoc.location == "Ann Arbor"
    assert [plain(s) for s in postdoc.supervisors] == [
        "Alfred Hero (EECS)", "Indika Rajapakse (Computational Medicine & Bioinformatics)"]


HONORS = [
    # (title, event, year, description, bold in the seed)
    ("National Science Foundation (NSF) CAREER Award", None, 2024,
     'For the project titled "Zeroth-Order Machine Learning: Foundations and Emerging AI Applications"', True),
    ("Top 3% Paper Recognition",
     "the 48th IEEE International Conference on Acoustics, Speech, and Signal Processing (ICASSP)", 2023,
     'For the paper titled "Visual Prompting for Adversarial Robustness"', True),
    ('AAAI\'23 New Faculty Highlights on "General and Scalable Optimization for Robust AI"', None, 2023, None, False),
    ("Best Paper Runner-Up Award", "38th Conference on Uncertainty in Artificial Intelligence (UAI)", 2022,
     'For the paper titled "Distributed Adversarial Training to Robustify Deep Neural Networks at Scale"', True),
    ("IBM Pat Goldberg Best Paper Award Finalist", None, 2020,
     'For the AAAI\'20 paper titled "An ADMM Based Framework for AutoML Pipeline Configuration", the key enabling '
     "technique in the IBM Watson Studio Automated ML System", True),
    ("Three IBM Outstanding Research Accomplishments", None, 2019,
     "Trustworthy AI; Toward Automating the AI Lifecycle with AutoAI; Deep Learning on Graphs", False),
    ("Best Student Paper Award", "42nd ICASSP", 2017,
     'For the paper titled "Ultra-fast Robust Compressive Sensing Based on Memristor Crossbars"', True),
    ("Best Student Paper Award Finalist", "Asilomar Conference on Signals, Systems, and Computers, CA", 2013,
     'For the paper titled "Adaptive Non-myopic Quantizer Design for Target Tracking in Wireless Sensor Networks"', True),
    ("Winner of Best Poster Award", "Nunan Poster Competition, Syracuse University", 2012, None, False),
    ("First Class Award in National Mathematics Olympiad", None, 2004, None, False),
]


def test_honors(example_cv: CV) -> None:
    rows = [
        (plain(h.title), plain(h.event) if h.event else None, h.date.year,
         plain(h.description) if h.description else None, h.prominent)
        for h in example_cv.honors
    ]
    assert rows == HONORS


def test_honors_are_in_the_seed(seed_text: str) -> None:
    seed = normalise(seed_text)
    for title, event, year, description, _ in HONORS:
        for fact in (title, event, description, f"{year}"):
            if fact:
                assert normalise(fact) in seed, fact


def test_metrics_and_legend(example_cv: CV, seed_text: str) -> None:
    metrics = example_cv.metrics
    assert (metrics.citations, metrics.source, metrics.as_of) == (8509, "Google Scholar", PartialDate(2024, 7, 16))
    assert [(plain(x.label), x.value) for x in metrics.extra] == [("CSRanking score", "72")]
    assert "8509 citations as of July 16, 2024" in seed_text and "**CSRanking** score: **72**" in seed_text
    legend = example_cv.settings.legend
    assert plain(legend.student).endswith("denotes student authors under my supervision")
    assert plain(legend.equal).endswith("denotes equal contribution")
    assert [x for x in legend.order if x in ("equal", "student")] == ["equal", "student"]  # "* denotes …; † …"


def test_publication_groups_and_numbering(example_cv: CV) -> None:
    pubs = example_cv.settings.publications
    assert pubs.group_by == "topic"
    assert [(t.key, plain(t.title)) for t in pubs.topics] == [
        ("trustworthy", "Five Representative Publications in Trustworthy ML"),
        ("scalable", "Five Representative Publications in Scalable ML"),
    ]
    assert (pubs.numbering.style, pubs.numbering.prefix, pubs.numbering.scope) == ("descending", "P", "group")
    talks = example_cv.settings.talks_numbering
    assert (talks.style, talks.prefix) == ("ascending", "T")
    assert example_cv.settings.date_styles["talks"] == "numeric"
    assert [t for p in example_cv.publications for t in p.topics] == ["trustworthy"] * 5 + ["scalable"] * 5


def test_publications_match_the_seed_line_by_line(example_cv: CV, seed_text: str) -> None:
    groups = _seed_publications(seed_text)
    assert list(groups) == ["Trustworthy ML", "Scalable ML"]
    key_of = {"Trustworthy ML": "trustworthy", "Scalable ML": "scalable"}
    titles = _by_title(example_cv)
    for group, lines in groups.items():
        assert [x["label"] for x in lines] == ["P5", "P4", "P3", "P2", "P1"]
        in_example = [p for p in example_cv.publications if key_of[group] in p.topics]
        assert len(in_example) == 5
        for seed_pub, pub in zip(lines, in_example, strict=True):  # P5 first: written newest first
            line = seed_pub["line"]
            title = plain(pub.title)
            assert title in titles
            assert title in line, (seed_pub["label"], title)
            authors_part = line[: line.index(title)].rstrip(' "').rstrip(",")
            expected = _authors_from_seed(authors_part)
            got = [(a.name, a.student, a.equal) for a in pub.authors]
            assert got == expected, (group, seed_pub["label"])
            rest = line[line.index(title) + len(title):]
            assert plain(pub.venue) in rest
            assert re.search(rf"\b{pub.date.year}\b", rest)
            pages = re.search(r"pp\.([\d-]+)", rest)
            assert pub.pages == (pages.group(1) if pages else None)
            trailing = re.findall(r"\(([^()]*)\)\s*$", rest)
            extras = [plain(n) for n in pub.notes] + [plain(a) for a in pub.awards]
            assert extras == trailing, (group, seed_pub["label"])


def test_marked_authors_of_trustworthy_p5(example_cv: CV) -> None:
    p5 = example_cv.publications[0]
    assert plain(p5.title).startswith("To Generate or Not?")
    assert [(a.name, a.student, a.equal) for a in p5.authors] == [
        ("Y. Zhang", True, True), ("J. Jia", True, True), ("X. Chen", False, False), ("A. Chen", True, False),
        ("Y. Zhang", True, False), ("J. Liu", True, False), ("K. Ding", False, False), ("S. Liu", False, False),
    ]
    assert plain(p5.venue) == "European Conference on Computer Vision (ECCV)" and p5.date == PartialDate(2024)


def test_talks_match_the_seed(example_cv: CV, seed_text: str) -> None:
    seed_talks = re.findall(r'^- (T\d)\. "(.+?)\.?"[.,]? (.+), (\d\d)/(\d{4})$', seed_text, re.MULTILINE)
    assert [t[0] for t in seed_talks] == [f"T{i}" for i in range(1, 8)]
    got = [(plain(t.title), plain(t.event), t.date) for t in example_cv.talks]
    expected = [(title, event.strip(), PartialDate(int(year), int(month)))
                for _, title, event, month, year in seed_talks]
    assert got == expected
    assert [format_date(t.date, "numeric") for t in example_cv.talks] == [
        "06/2024", "02/2024", "10/2023", "06/2023", "06/2023", "02/2023", "12/2022"]


def test_section_order_and_titles(example_cv: CV) -> None:
    settings = example_cv.settings
    assert list(settings.sections) == ["research_areas", "education", "positions", "honors", "publications", "talks"]
    assert settings.titles == {
        "research_areas": "Primary Research Areas", "honors": "Honors and Recognition",
        "publications": "Selected Publications", "talks": "Selected Talks/Presentations",
    }


def test_no_seed_fact_is_missing_from_the_model(example_cv: CV) -> None:
    """Every string of tests/seed_facts.py that is not a display format is somewhere in the model's text."""
    from tests.seed_facts import ALL_FACTS

    dumped = normalise(" ".join(_strings(example_cv.model_dump(mode="json"))).replace("**", "").replace("*", " "))
    display_only = re.compile(r"^(\w{3,4}\.? \d{4}|\d\d/\d{4}|present|\d{4}|.*citations as of.*|denotes .*|"
                              r"under my supervision|Five Representative Publications in|Full list of .*|"
                              r"Professional Experience|Education)$")
    missing = [f for f in ALL_FACTS if not display_only.match(f) and normalise(f) not in dumped]
    assert missing == []


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, str) for v in value):  # topics: "Adversarial ML, model explanation, …"
            return [", ".join(value)]
        return [s for v in value for s in _strings(v)]
    return [str(value)] if value is not None else []
