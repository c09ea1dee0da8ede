"""Decisions the view makes once and every format reads: fragment sections, numbering prefixes,
contact captions and honor detail styling."""

from __future__ import annotations

import cvgen
from cvgen.backends.base import RenderOptions
from cvgen.view import ViewOptions, prepare

BIO = {
    "person": {"name": "Ada Lovelace", "emails": ["ada@example.org"], "links": [{"label": "Web", "url": "https://example.org"}]},
    "honors": [{"title": "Medal", "date": 1840, "description": "For the notes"}],
    "publications": [{"title": "Notes", "authors": ["Ada Lovelace"], "date": 1843, "kind": "journal", "venue": "Memoirs",
                      "selected": True}],
    "settings": {"profiles": {"bio": {"layout": "biosketch"}}},
}


def test_fragment_keeps_the_layouts_publication_section_in_every_format() -> None:
    doc = prepare(cvgen.load(BIO), ViewOptions(profile="bio"))
    assert doc.fragment_keys == ("products",)
    for fmt in ("html", "markdown", "text"):
        out = cvgen.render(BIO, fmt, profile="bio", options=RenderOptions(fragment=True)).decode()
        assert "Notes" in out and "Identifying" not in out, fmt


def test_contact_captions_and_honor_details() -> None:
    doc = prepare(cvgen.load(BIO))
    # A link shows its short address on paper, captioned by its label (issue 21).
    assert [(c.kind, c.caption, c.text) for c in doc.header.contacts] == [
        ("email", "Email", "ada@example.org"), ("link", "Web", "example.org")]
    [honor] = next(s for s in doc.sections if s.key == "honors").items
    assert honor.detail_style == "description"


def test_numbering_prefix_is_the_label_without_its_number() -> None:
    data = {**BIO, "settings": {"publications": {"numbering": {"style": "descending", "prefix": "J"}}}}
    [item] = next(s for s in prepare(cvgen.load(data)).sections if s.key == "publications").items
    assert (item.label, item.number, item.numbering_prefix) == ("J1", 1, "J")
