"""al-folio ``_data/cv.yml`` import: each section type, HTML in values, the site around it, sample content.

Expected values are read off the fixture files themselves (al-folio's format: a list of sections with
``title``, ``type`` and ``contents``; see al-folio's ``_includes/cv/*.liquid``), never off the
importer's output.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.interop.alfolio import import_alfolio, is_classic, read_config, site_files
from cvgen.interop.common import year_range
from cvgen.interop.detect import detect
from cvgen.loader import load_cv, load_file
from cvgen.model.markup import plain

ALFOLIO = Path(__file__).resolve().parent.parent / "fixtures" / "alfolio"
SMALL = ALFOLIO / "small" / "_data" / "cv.yml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _small():
    return import_alfolio(SMALL.read_text(encoding="utf-8"), str(SMALL))


@pytest.mark.parametrize(("text", "expected"), [
    ("2017", (None, None, "2017")),
    ("2019 - 2023", ("2019", "2023", None)),
    ("2021-Present", ("2021", "present", None)),
    ("2015-now", ("2015", "present", None)),
    ("2020 -", ("2020", "present", None)),
    ("2019 – 2022", ("2019", "2022", None)),
    ("1917-1933", ("1917", "1933", None)),
    ("Spring 2023", (None, None, None)),
])
def test_year_ranges_as_al_folio_sites_write_them(text, expected):
    assert year_range(text) == expected


def test_each_section_type_lands_where_its_title_says():
    data = _small().data
    assert data["person"]["name"] == "Marta Quiñones‐Ruiz"
    assert data["person"]["emails"] == ["marta@example.org"]
    phd, msc = data["education"]
    assert (phd["degree"], phd["institution"], phd["start"], phd["end"]) == (
        "PhD in Ecology", "Universidad de Granada, Spain", "2015", "2019")
    assert phd["notes"] == ["Thesis: *Pollinator networks under drought*", "Advisors: Ana López; Tom Berg"]
    assert (msc["degree"], msc["end"]) == ("MSc in Biology", "2014")
    prof, postdoc = data["positions"]
    assert (prof["title"], prof["organization"], prof["unit"], prof["location"], prof["start"], prof["end"]) == (
        "Assistant Professor", "University of Bergen", "Department of Biological Sciences", "Bergen, Norway", "2022",
        "present")
    assert prof["notes"] == ["Teaches **community ecology**."]
    assert postdoc["notes"] == ["[project](https://example.org/project)"]
    assert [(h["title"], h["date"]) for h in data["honors"]] == [
        ("Young Ecologist Award (British Ecological Society)", "2021"), ("**Best Paper**, Oikos", "2021"),
        ("Travel grant", "2018")]
    assert data["research_areas"] == [{"label": "Pollination", "topics": ["Plant–pollinator networks", "Drought"]},
                                      {"label": "Methods", "topics": ["Bayesian models"]}]
    custom = {s["title"]: s for s in data["custom_sections"]}
    assert [e["title"] for e in custom["General Information"]["entries"]] == [
        "**Languages:** Spanish (native), English (fluent)"]
    assert [e["title"] for e in custom["Other Interests"]["entries"]] == ["Hobbies: climbing, piano", "Field photography"]
    assert custom["Outreach"]["entries"] == [{"title": "Science festival talks", "details": ["Spring 2023"]}]


def test_what_is_not_carried_over_is_reported_with_its_source_line():
    result = _small()
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    rating = next(w for w in result.warnings if "'rating'" in w)
    line = int(rating.split(":")[1])
    assert lines[line - 1].strip() == "rating: 5"
    spring = next(w for w in result.warnings if "Spring 2023" in w)
    assert lines[int(spring.split(":")[1]) - 1].strip() == "year: Spring 2023"
    mapped = "\n".join(result.mapped)
    assert "'Education' (2) → education" in mapped and "'Honors and Awards' (3) → honors" in mapped


def test_the_written_cv_keeps_every_value_of_the_file(runner, tmp_path):
    out = tmp_path / "cv.yaml"
    result = runner.invoke(cli, ["import", "alfolio", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rendered = runner.invoke(cli, ["render", str(out), "-f", "text", "-o", str(tmp_path / "cv.txt")])
    assert rendered.exit_code == 0, rendered.output
    text = " ".join((tmp_path / "cv.txt").read_text(encoding="utf-8").split()).lower()
    from cvgen.loader.strict_yaml import read

    def leaves(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("type", "year", "rating", "link", "name"):  # map names label what person holds
                    yield from leaves(v)
        elif isinstance(value, list):
            for v in value:
                yield from leaves(v)
        elif value:
            yield value

    for leaf in leaves(read(SMALL.read_text(encoding="utf-8")).value):
        shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", leaf)).split()).lower()
        assert shown in text, leaf


def test_the_site_config_gives_the_owner_and_bibliography():
    cv = ALFOLIO / "broquet" / "_data" / "cv.yml"
    config, bib = site_files(cv)
    assert config.name == "_config.yml" and bib.name == "papers.bib"
    result = import_alfolio(cv.read_text(encoding="utf-8"), str(cv), read_config(config), bibtex="papers.bib")
    person = result.data["person"]
    assert person["name"] == "Adrien Broquet"  # _config.yml first_name + last_name
    assert set(person["name_variants"]) == {"A. Broquet", "A. P. M. Broquet"}  # scholar: first_name × last_name
    assert result.data["publications_from"] == {"bibtex": "papers.bib"}


def test_al_folio_sample_content_is_named_with_its_lines():
    cv = ALFOLIO / "template" / "_data" / "cv.yml"
    result = import_alfolio(cv.read_text(encoding="utf-8"), str(cv))
    warning = result.warnings[0]
    assert "al-folio's unedited sample CV (Albert Einstein)" in warning
    assert f"{cv}:5 'Albert Einstein'" in warning  # line 5 of the template holds the name


def test_al_folio_sample_content_in_resume_json(runner, tmp_path):
    resume = ALFOLIO / "template" / "assets" / "json" / "resume.json"
    result = runner.invoke(cli, ["import", "jsonresume", str(resume), "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 0, result.output
    lines = resume.read_text(encoding="utf-8").splitlines()
    assert "al-folio's unedited sample CV" in result.stderr
    for value in ("2712 Broadway St", "AlbertEinstein", "Institute for Advanced Study, Princeton University"):
        line = next(i for i, text in enumerate(lines, start=1) if value in text)
        assert f"{resume}:{line} {value[:40]!r}" in result.stderr


def test_a_site_in_rendercv_shape_is_imported_as_rendercv(tmp_path):
    newer = tmp_path / "_data" / "cv.yml"
    newer.parent.mkdir()
    newer.write_text("cv:\n  name: Ana Souza\n  sections:\n    Experience:\n      - company: USP\n"
                     "        position: Lecturer\n        start_date: 2020-01\n", encoding="utf-8")
    result = import_alfolio(newer.read_text(encoding="utf-8"), str(newer), bibtex="papers.bib")
    assert result.shape == "al-folio cv.yml (RenderCV format)"
    assert result.data["positions"][0]["organization"] == "USP"
    assert result.data["publications_from"] == {"bibtex": "papers.bib"}
    assert detect(newer.read_text(encoding="utf-8"))[0] == "rendercv"


def test_not_an_al_folio_file_exits_2_naming_it(runner, tmp_path):
    bad = tmp_path / "cv.yml"
    bad.write_text("- just\n- strings\n", encoding="utf-8")
    assert not is_classic(["just", "strings"])
    result = runner.invoke(cli, ["import", "alfolio", str(bad)])
    assert result.exit_code == 2 and f"{bad}:1:1" in result.stderr and "Traceback" not in result.output


def test_real_al_folio_site_imports_whole_with_the_owner_bold(runner, tmp_path):
    """AB-Ares/website (Adrien Broquet): cv.yml + papers.bib + _config.yml, copied unchanged."""
    site = ALFOLIO / "broquet"
    out = tmp_path / "cv" / "cv.yaml"
    out.parent.mkdir()
    result = runner.invoke(cli, ["import", str(site), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "detected al-folio cv.yml" in result.stderr
    assert (out.parent / "papers.bib").read_bytes() == (site / "_bibliography" / "papers.bib").read_bytes()
    cv = load_file(out)
    bib = (site / "_bibliography" / "papers.bib").read_text(encoding="utf-8")
    assert len(cv.publications) == bib.count("\n@") + bib.startswith("@") == 23
    from cvgen.model.markup import Strong
    from cvgen.view import ViewOptions, prepare

    items = [i for s in prepare(load_cv(out), ViewOptions()).sections if s.key == "publications" for i in s.items]
    assert len(items) == 23
    for item in items:  # "Broquet, A.", "A. Broquet", "Broquet, Adrien": the owner, bold, every time
        owner = [plain(n.children) for n in _walk(item.main) if isinstance(n, Strong) and n.role == "owner"]
        assert len(owner) == 1 and "Broquet" in owner[0], plain(item.main)
    titles = [plain(p.title) for p in cv.publications]
    assert "Glacial isostatic adjustment reveals Mars’s interior viscosity structure" in titles


def _walk(nodes):
    for node in nodes:
        yield node
        children = getattr(node, "children", None)
        if isinstance(children, tuple):
            yield from _walk(children)


def test_sample_content_is_found_in_the_rendercv_shaped_cv_yml_too(tmp_path):
    newer = tmp_path / "_data" / "cv.yml"
    newer.parent.mkdir()
    newer.write_text("cv:\n  name: Albert Einstein\n  sections:\n    Education:\n      - institution: "
                     "University of Zurich, Zurich, Switzerland\n        area: Physics\n        degree: PhD\n"
                     "        start_date: 1901-01\n        end_date: 1905-01\n", encoding="utf-8")
    result = import_alfolio(newer.read_text(encoding="utf-8"), str(newer))
    assert f"{newer}:2 'Albert Einstein'" in result.warnings[0]
