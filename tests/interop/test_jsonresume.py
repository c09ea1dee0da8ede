"""JSON Resume import and export."""

from __future__ import annotations

import json

from cvgen.interop.jsonresume import import_jsonresume, to_jsonresume
from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader import load_text
from cvgen.model.markup import plain
from cvgen.view import prepare
from tests.interop.conftest import FIXTURES, real


def _doc_text(cv) -> str:
    doc = prepare(cv)
    parts = []
    for s in doc.sections:
        parts += [s.title, *(plain(p) for p in s.intro)]
        for item in s.items:
            parts += [plain(item.main), *(plain(d) for d in item.details)]
    return "\n".join(parts)


def test_sample_imports_everything_or_says_so():
    doc = json.loads((FIXTURES / "sample.resume.json").read_text(encoding="utf-8"))
    result = import_jsonresume(doc, "sample.resume.json")
    cv = load_text(dump_yaml(result.data))
    text = _doc_text(cv)
    assert cv.person.name == "Richard Hendriks"
    assert cv.person.emails == ("richard.hendriks@mail.com",)
    for fact in ("Pied Piper", "CEO/President", "University of Oklahoma", "Digital Compression Pioneer Award",
                 "CoderDojo", "Video compression for 3d media", "Web Development", "English", "Wildlife",
                 "Erlich Bachman", "Miss Direction", "Weisman Scores™"):
        assert fact in text, fact
    assert any("meta" in w for w in result.warnings)
    assert any("publications[0]" in w and "no authors" in w for w in result.warnings)


def test_academic_resume_with_empty_sections_and_rare_keys():
    doc = json.loads(real("jsonresume", "jianwang-resume.json").read_text(encoding="utf-8"))
    result = import_jsonresume(doc, "jianwang-resume.json")
    cv = load_text(dump_yaml(result.data))
    text = _doc_text(cv)
    assert "KU Leuven" in text and "E-MUSE Project" in text
    assert "Belgium" in " ".join(cv.person.address)
    for project in doc["projects"]:
        for value in (project.get("entity"), project.get("type")):
            if value:
                assert value in text


def test_export_is_json_resume_and_reads_back(example_cv):
    out = json.loads(json.dumps(to_jsonresume(example_cv)))
    assert out["basics"]["name"] == "Sijia Liu"
    assert out["$schema"].endswith("v1.0.0/schema.json")
    for key in ("work", "education", "awards", "publications"):
        assert isinstance(out[key], list) and out[key]
    first = out["publications"][0]
    assert {"name", "publisher", "releaseDate"} <= set(first) and first["authors"][0] == "Y. Zhang†*"
    back = load_text(dump_yaml(import_jsonresume(out).data))
    assert [a.authors for a in back.publications] == [a.authors for a in example_cv.publications]
    assert len(back.positions) == len(example_cv.positions) and len(back.talks) == len(example_cv.talks)
    assert [plain(h.title) for h in back.honors] == [plain(h.title) for h in example_cv.honors]
