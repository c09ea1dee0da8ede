"""Low-level DOCX pieces: hyperlink relationships counted per part instead of searched for."""

from __future__ import annotations

import io

import docx  # a dependency of cvgen itself: a broken install must fail here, not skip
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from cvgen.backends.docx_xml import Hyperlinks, add_hyperlink


def _hyperlink_rels(part) -> dict[str, str]:
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.reltype == RT.HYPERLINK}


def test_one_relationship_per_url_and_repeats_reuse_it():
    part = docx.Document().part
    before = set(part.rels)
    links = Hyperlinks(part)
    a1, b, a2 = links.rid("https://a.example/"), links.rid("mailto:b@example.org"), links.rid("https://a.example/")
    assert a1 == a2 and a1 != b
    assert a1 not in before and b not in before
    rels = _hyperlink_rels(part)
    assert rels == {a1: "https://a.example/", b: "mailto:b@example.org"}
    assert all(part.rels[rid].is_external for rid in rels)


def test_ids_skip_those_the_part_already_uses_and_existing_links_are_reused():
    part = docx.Document().part
    existing = part.relate_to("https://old.example/", RT.HYPERLINK, is_external=True)
    taken = set(part.rels)
    part.rels.add_relationship(RT.HYPERLINK, "https://gap.example/", f"rId{len(taken) + 3}", is_external=True)
    links = Hyperlinks(part)
    assert links.rid("https://old.example/") == existing
    new = [links.rid(f"https://n{i}.example/") for i in range(5)]
    assert len(set(new)) == 5 and not set(new) & taken
    assert f"rId{len(taken) + 3}" not in new
    # python-docx can still add relationships of its own afterwards without a clash.
    later = part.relate_to("https://later.example/", RT.HYPERLINK, is_external=True)
    assert later not in new and later != existing


def test_hyperlink_element_refers_to_its_relationship_and_survives_a_save():
    document = docx.Document()
    links = Hyperlinks(document.part)
    paragraph = document.add_paragraph()._p
    for url in ("https://a.example/x?y=1&z=2", "https://b.example/", "https://a.example/x?y=1&z=2"):
        add_hyperlink(paragraph, links, url)
    buffer = io.BytesIO()
    document.save(buffer)
    reopened = docx.Document(io.BytesIO(buffer.getvalue()))
    elements = list(reopened.element.body.iter(qn("w:hyperlink")))
    targets = [reopened.part.rels[el.get(qn("r:id"))].target_ref for el in elements]
    assert targets == ["https://a.example/x?y=1&z=2", "https://b.example/", "https://a.example/x?y=1&z=2"]
    assert len(_hyperlink_rels(reopened.part)) == 2


def test_many_links_do_not_search_every_relationship(monkeypatch):
    """Linear, not quadratic: adding a link looks up O(1) ids, however many the part holds."""
    part = docx.Document().part
    links = Hyperlinks(part)
    lookups = 0
    rels_type = type(part.rels)
    original = rels_type.__contains__

    def counting(self, key):
        nonlocal lookups
        lookups += 1
        return original(self, key)

    monkeypatch.setattr(rels_type, "__contains__", counting)
    start = len(part.rels)
    for i in range(2000):
        links.rid(f"https://example.org/{i}")
    assert len(part.rels) == start + 2000
    assert lookups <= 2000 + start + 1
