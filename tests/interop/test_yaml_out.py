"""The YAML writer: every string reads back identically through cvgen's strict loader."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader.strict_yaml import read

TRICKY = ["2021", "yes", "no", "null", "~", "", "3.10", "0x1F", "- item", "key: value", "#hash", "'quoted'",
          '"double"', "a\nb", "tab\there", "ünï©ødé ✉ †", "@at", "*star", "&anchor", "!tag", "% percent", " lead"]


def test_tricky_strings_round_trip():
    data = {"values": TRICKY, "nested": {"k": TRICKY[0]}}
    assert read(dump_yaml(data)).value == data


def test_shared_objects_are_not_written_as_aliases():
    same = ["x"]
    text = dump_yaml({"a": same, "b": same})
    assert "&" not in text and "*" not in text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), max_size=5))
def test_any_text_round_trips(values):
    located = read(dump_yaml({"v": values}))
    assert located.problems == []
    assert located.value["v"] == values
