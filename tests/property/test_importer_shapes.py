"""Property tests: JSON Resume and RenderCV documents of any shape give a CV or located errors, never a crash.

The importers once crashed with "internal error" on ``basics`` given as text, ``keywords: 5`` or a
RenderCV section given as text. Here every value a document can hold (text, numbers, booleans,
null, lists and mappings, nested) is drawn at every place the importers read, around keys the
formats define. Each document must give either located :class:`~cvgen.errors.InputError`
problems naming the file, or cvgen data that the strict loader reads back (or refuses, located).

``CVGEN_PROPERTY_EXAMPLES`` (default 200) sets the count, as for the render properties.
"""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvgen.errors import InputError
from cvgen.interop.jsonresume import read_jsonresume
from cvgen.interop.rendercv import import_rendercv
from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader import load_text

EXAMPLES = int(os.environ.get("CVGEN_PROPERTY_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

JSON_RESUME_KEYS = ["basics", "work", "volunteer", "education", "awards", "certificates", "publications", "skills",
                    "languages", "interests", "references", "projects", "meta", "talks", "name", "label", "email",
                    "url", "summary", "location", "profiles", "network", "username", "highlights", "keywords",
                    "startDate", "endDate", "releaseDate", "date", "authors", "position", "institution", "title"]
RENDERCV_KEYS = ["name", "email", "phone", "website", "social_networks", "sections", "network", "username",
                 "highlights", "authors", "institution", "area", "company", "position", "title", "date",
                 "start_date", "end_date", "label", "details", "bullet", "doi", "url", "summary"]


def values(keys: list[str], scalars: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Any nesting of lists and mappings (keyed mostly by the format's own keys) around ``scalars``."""
    key = st.sampled_from(keys) | st.text(max_size=6)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=5),
                        max_leaves=25)


JSON_SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
                | st.text(max_size=12) | st.sampled_from(["2020-05", "https://example.org", "present", "Jane Doe"]))
YAML_SCALARS = st.none() | st.text(max_size=12) | st.sampled_from(["2020-05", "https://example.org", "Jane Doe", "x"])


def _reads_back(data: Any, source: str) -> None:
    """Converted data is a CV the loader reads, or is refused with located problems (never a crash)."""
    try:
        load_text(dump_yaml(data), source)
    except InputError as exc:
        assert all(str(p).startswith(source) for p in exc.problems)


def _located(exc: InputError, source: str) -> None:
    assert exc.problems and all(str(p).startswith(source) for p in exc.problems)


@SETTINGS
@given(st.dictionaries(st.sampled_from(JSON_RESUME_KEYS), values(JSON_RESUME_KEYS, JSON_SCALARS), max_size=6))
def test_any_json_resume_shape_gives_data_or_located_errors(doc: dict[str, Any]) -> None:
    try:
        result = read_jsonresume(json.dumps(doc), "resume.json")
    except InputError as exc:
        _located(exc, "resume.json")
        return
    _reads_back(result.data, "resume.json")


@SETTINGS
@given(values(JSON_RESUME_KEYS, JSON_SCALARS))
def test_any_json_value_at_the_top_gives_data_or_located_errors(doc: Any) -> None:
    try:
        read_jsonresume(json.dumps(doc), "resume.json")
    except InputError as exc:
        _located(exc, "resume.json")


@SETTINGS
@given(st.dictionaries(st.sampled_from(RENDERCV_KEYS), values(RENDERCV_KEYS, YAML_SCALARS), max_size=6),
       st.dictionaries(st.text(min_size=1, max_size=10), values(RENDERCV_KEYS, YAML_SCALARS), max_size=4))
def test_any_rendercv_shape_gives_data_or_located_errors(cv: dict[str, Any], sections: dict[str, Any]) -> None:
    text = dump_yaml({"cv": {**cv, "sections": sections}})
    try:
        result = import_rendercv(text, "cv.yaml")
    except InputError as exc:
        _located(exc, "cv.yaml")
        return
    _reads_back(result.data, "cv.yaml")
