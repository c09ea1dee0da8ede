"""Loader fuzzing: any bytes give a CV or a located InputError, never another exception.

Marked slow: the default suite runs a modest count; the dedicated run is
``CVGEN_FUZZ_EXAMPLES=5000 pytest -m slow tests/loader/test_fuzz_bytes.py``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvgen.errors import InputError
from cvgen.loader.load import decode, load_text

EXAMPLES = int(os.environ.get("CVGEN_FUZZ_EXAMPLES", "300"))

# Fragments that steer random input towards YAML that gets far into the loader.
_FRAGMENTS = [
    "person:\n", "  name: A\n", "publications:\n", "  - title: T\n", "    authors: [A†*]\n", "    date: 2024\n",
    "&a ", "*a", "!!python/object:os.system", "[", "]", "{", "}", ": ", "- ", "---\n", "\t", "\"\\x00\"",
    "'\\ud800'", "? ", "|\n", ">\n", "~", "null", "2024-13-01", "#", "\ufeff", "\x85", "\u2028", "\u202e",
]


def _check(raw: bytes) -> None:
    try:
        load_text(decode(raw, "fuzz.yaml"), "fuzz.yaml")
    except InputError as exc:
        assert exc.problems, "an InputError must carry at least one problem"
        for problem in exc.problems:
            assert str(problem).startswith("fuzz.yaml")


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(raw: bytes) -> None:
    _check(raw)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=8), max_size=30))
def test_yaml_like_text(parts: list[str]) -> None:
    _check("".join(parts).encode("utf-8", "surrogatepass"))


# The importers' inputs: JSON Resume text (through the strict JSON reader) and RenderCV YAML.

_JSON_FRAGMENTS = [
    '{"basics": ', '{"name": "A"}', '"profiles": ', "[", "]", "{", "}", ", ", ": ", '"keywords": 5', "NaN",
    "-Infinity", "1e999", "9" * 120, "null", "true", '"\\ud800"', '"\\u0000"', '"a"', '"work": [', '"highlights": ',
    '"basics"', "\ufeff", "\x00",
]
_RENDERCV_FRAGMENTS = [
    "cv:\n", "  name: A\n", "  sections:\n", "    education:\n", "      - institution: X\n", "        highlights: abc\n",
    "    - x\n", "  social_networks: x\n", "      - text\n", "      - \n", "        authors: [a, [b]]\n", "&a ", "*a",
    "!!python/object:os.system", "[", "]", "{", "}", ": ", "- ", "---\n", "\t", "~", "null",
]


def _check_import(run, raw: bytes, name: str) -> None:  # noqa: ANN001 - the importer under test
    from cvgen.loader.load import decode as decode_bytes

    try:
        run(decode_bytes(raw, name), name)
    except InputError as exc:
        assert exc.problems and all(str(p).startswith(name) for p in exc.problems)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.lists(st.sampled_from(_JSON_FRAGMENTS) | st.text(max_size=6), max_size=30).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")))
def test_json_resume_bytes(raw: bytes) -> None:
    from cvgen.interop.jsonresume import read_jsonresume

    _check_import(read_jsonresume, raw, "resume.json")


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.lists(st.sampled_from(_RENDERCV_FRAGMENTS) | st.text(max_size=6), max_size=30).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")))
def test_rendercv_bytes(raw: bytes) -> None:
    from cvgen.interop.rendercv import import_rendercv

    _check_import(import_rendercv, raw, "cv.yaml")
