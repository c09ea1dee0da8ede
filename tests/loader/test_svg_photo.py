"""SVG photos: only the picture is kept, embedded as an image (never inlined), rasterised for Word."""

from __future__ import annotations

import base64
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from cvgen.backends.svg_raster import to_png
from cvgen.errors import InputError
from cvgen.loader.photo import load_photo
from cvgen.loader.svg_photo import looks_like_svg, sanitise, svg_photo

SVG_CV = Path(__file__).resolve().parent.parent / "fixtures" / "interop" / "rendercv_svg"
HOSTILE = (SVG_CV / "photo.svg").read_bytes()


def test_scripts_handlers_entities_and_outside_references_are_removed():
    clean, removed = sanitise(HOSTILE)
    root = etree.fromstring(clean)
    names = {el.tag.split("}")[-1] for el in root.iter() if isinstance(el.tag, str)}
    assert not names & {"script", "foreignObject", "div"}
    attrs = {(k, v) for el in root.iter() if isinstance(el.tag, str) for k, v in el.attrib.items()}
    assert not [k for k, _ in attrs if k.split("}")[-1].startswith("on")]
    refs = [v for k, v in attrs if k.split("}")[-1] in ("href", "src")]
    assert refs == []  # the tracker pixel and the javascript: link are gone
    assert b"boom" not in clean and b"<!DOCTYPE" not in clean and b"@import" not in clean
    assert (b'fill="url(#sky)"') in clean  # a reference inside the picture stays
    assert {"<script>", "<foreignObject>", "event attribute onload"} <= removed


def test_an_entity_bomb_is_never_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8))
            + b']><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&i;</text></svg>')
    try:
        clean, removed = sanitise(bomb)
    except ValueError as exc:  # libxml2 refuses the amplification outright
        assert "entity" in str(exc)
    else:
        assert len(clean) < 400 and "entity references" in removed


def test_an_embedded_raster_image_is_kept():
    pixel = base64.b64encode(to_png(svg_photo(HOSTILE)[0], width=4)).decode()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4">'
           f'<image width="4" height="4" xlink:href="data:image/png;base64,{pixel}"/></svg>').encode()
    assert pixel in sanitise(svg)[0].decode()


def test_only_svg_documents_are_taken_for_svg():
    assert looks_like_svg(HOSTILE)
    assert not looks_like_svg(b"\x89PNG\r\n\x1a\n....")
    assert not looks_like_svg(b"<html><body>no</body></html>")


def test_the_photo_keeps_its_size_and_a_broken_svg_is_named(tmp_path):
    photo = load_photo(SVG_CV, "photo.svg", "cv.yaml", 9, 10)
    assert (photo.media_type, photo.width, photo.height) == ("image/svg+xml", 120, 150)
    (tmp_path / "bad.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><g>")
    with pytest.raises(InputError) as err:
        load_photo(tmp_path, "bad.svg", "cv.yaml", 9, 10)
    assert str(err.value.problems[0]).startswith("cv.yaml:9:10: person.photo: photo 'bad.svg' is not a usable SVG")


@pytest.fixture
def svg_cv(tmp_path):
    shutil.copy(SVG_CV / "photo.svg", tmp_path / "photo.svg")
    (tmp_path / "cv.yaml").write_text("person:\n  name: Ada Photo\n  photo: photo.svg\n", encoding="utf-8")
    return tmp_path / "cv.yaml"


def _render(cv_file: Path, fmt: str) -> bytes:
    from click.testing import CliRunner

    from cvgen.cli import cli

    out = cv_file.parent / f"cv.{fmt}"
    result = CliRunner().invoke(cli, ["render", str(cv_file), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_html_embeds_the_svg_as_an_image_never_inline(svg_cv):
    html = _render(svg_cv, "html").decode()
    m = re.search(r'<img class="photo" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    assert m, "the photo is an <img> with a data: URI"
    assert base64.b64decode(m.group(1)) == sanitise(HOSTILE)[0]
    # nothing of the picture's own markup is in the page: it lives only inside the data: URI
    assert "linearGradient" not in html and 'id="sky"' not in html and "tracker.example.org" not in html


def test_word_gets_a_rasterised_png(svg_cv):
    with zipfile.ZipFile(io.BytesIO(_render(svg_cv, "docx"))) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and z.read(media[0]).startswith(b"\x89PNG")
        from PIL import Image

        img = Image.open(io.BytesIO(z.read(media[0])))
        assert img.size == (600, 750)  # 120×150 scaled to 600 wide


@pytest.mark.parametrize("fmt", ["pdf", "pdf-typst"])
def test_both_pdf_engines_draw_it(svg_cv, fmt):
    assert _render(svg_cv, fmt).startswith(b"%PDF")
