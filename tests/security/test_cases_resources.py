"""BAD_INPUTS 25-31: colours, photos and user themes that try to reach files or the network.

Photo problems are input errors located at ``person.photo`` (file, line, column), raised while the
document is prepared, so no format is ever written without the photo. A good photo is embedded,
re-encoded (no EXIF, no GPS), downscaled, in every format that shows one: HTML and PDF (as a data
URI the safe fetcher serves) and DOCX. LaTeX, Markdown and plain text do not show photos.
"""

from __future__ import annotations

import base64
import io
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pypdf
import pytest
from PIL import ExifTags, Image

import cvgen
from cvgen.errors import InputError, RenderError
from cvgen.loader.photo import TARGET_EDGE

CV_TEXT = "person:\n  name: Ada Lovelace\n  photo: {photo}\nsummary: Mathematician.\n"
PHOTO_LINE, PHOTO_COL = 3, 10


def write_cv(folder: Path, photo: str) -> Path:
    path = folder / "cv.yaml"
    path.write_text(CV_TEXT.format(photo=photo), encoding="utf-8")
    return path


def photo_problem(cv_path: Path) -> str:
    """The one located problem of rendering ``cv_path`` (any format: the photo is read when preparing)."""
    with pytest.raises(InputError) as caught:
        cvgen.render(cv_path, "html")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.col, problem.path) == (str(cv_path), PHOTO_LINE, PHOTO_COL, "person.photo")
    return problem.message


def png_bytes(size: tuple[int, int] = (40, 50), mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 128).save(buf, "PNG")
    return buf.getvalue()


def jpeg_with_gps(size: tuple[int, int]) -> bytes:
    """A JPEG whose EXIF holds a camera make, a comment and a GPS position."""
    img = Image.radial_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.Base.ImageDescription] = "SECRET-EXIF-COMMENT"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 31.0, 12.0),
        ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (13.0, 24.0, 36.0),
    }
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif, quality=70)
    data = buf.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the fixture really carries the GPS position
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    return data


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG announcing 10 gigapixels in a few hundred bytes (a decompression bomb)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    rows = zlib.compress(b"\x00" + b"\x00" * (width // 8), 9) if width <= 1_000_000 else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


# ----------------------------------------------------------------------------- 25: colours


def test_css_in_a_colour_is_not_a_colour() -> None:
    text = "person:\n  name: A\nsettings:\n  accent_colour: 'red; background:url(file:///etc/passwd)'\n"
    with pytest.raises(InputError) as caught:
        cvgen.load(text)
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (4, "settings.accent_colour")
    assert "is not a colour" in problem.message


# ----------------------------------------------------------------------------- 26: outside the folder


@pytest.mark.parametrize(
    ("photo", "fragment"),
    [
        ("../outside.png", "leads outside the allowed folders"),
        ("sub/../../outside.png", "leads outside the allowed folders"),
        ("/etc/passwd", "leads outside the allowed folders"),
        ("/dev/zero", "leads outside the allowed folders"),
        ("file:///etc/passwd", "not a URL"),
        ("'file:outside.png'", "not a URL"),
        ("http://169.254.169.254/latest/meta-data", "not a URL"),
        ("https://example.org/me.jpg", "not a URL"),
        ("'data:image/png;base64,iVBORw0KGgo='", "not a URL"),
    ],
)
def test_photo_outside_the_folder_or_a_url_is_refused(tmp_path: Path, photo: str, fragment: str) -> None:
    folder = tmp_path / "cv"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(png_bytes())
    assert fragment in photo_problem(write_cv(folder, photo))


def test_symlink_escaping_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "cv"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(png_bytes())
    (folder / "me.png").symlink_to(tmp_path / "outside.png")
    (folder / "zero.png").symlink_to("/dev/zero")
    assert "leads outside the allowed folders" in photo_problem(write_cv(folder, "me.png"))
    assert "leads outside the allowed folders" in photo_problem(write_cv(folder, "zero.png"))


def test_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "real.png").write_bytes(png_bytes())
    (tmp_path / "me.png").symlink_to("real.png")
    html = cvgen.render(write_cv(tmp_path, "me.png"), "html").decode()
    assert len(embedded_images("html", html.encode())) == 1


# ----------------------------------------------------------------------------- 27: not a regular file


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "me.png")  # opening it for reading would block forever without O_NONBLOCK
    assert "not a regular file" in photo_problem(write_cv(tmp_path, "me.png"))


def test_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "me.png").mkdir()
    assert "not a regular file" in photo_problem(write_cv(tmp_path, "me.png"))


def test_device_inside_the_folder_is_refused(tmp_path: Path) -> None:
    """/dev/zero's own device node made inside the folder (root may do this; others get a plain file)."""
    try:
        os.mknod(tmp_path / "me.png", 0o600 | 0o020000, os.makedev(1, 5))
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here (not root)")
    assert "not a regular file" in photo_problem(write_cv(tmp_path, "me.png"))


# ----------------------------------------------------------------------------- 28: not an image


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("me.png", b"this is not an image\n"),
        ("truncated.png", png_bytes((300, 300))[:200]),
        ("me.eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n(/etc/passwd) (r) file\nshowpage\n"),
        ("me.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
    ],
    ids=["text", "truncated-png", "eps", "jpeg-header-only"],
)
def test_unsupported_or_corrupt_image(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert "unsupported or corrupt image" in photo_problem(write_cv(tmp_path, name))


def test_svg_photo_is_embedded_without_its_script(tmp_path: Path) -> None:
    """SVG photos are supported (issue 16): the picture is kept, the script is not."""
    from cvgen.loader.photo import load_photo

    (tmp_path / "me.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    photo = load_photo(tmp_path, "me.svg")
    assert photo.media_type == "image/svg+xml" and b"script" not in photo.data and b"alert" not in photo.data


# ----------------------------------------------------------------------------- 29: bombs and big photos


def test_truncated_photo_is_refused_after_a_pdf_render(tmp_path: Path) -> None:
    """WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on for the whole process; photos stay strict."""
    from PIL import ImageFile

    cvgen.render({"person": {"name": "A"}}, "pdf")
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # what importing WeasyPrint did
    (tmp_path / "me.png").write_bytes(png_bytes((300, 300))[:200])
    assert "unsupported or corrupt image" in photo_problem(write_cv(tmp_path, "me.png"))
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint's own setting is left as it was


def test_decompression_bomb_is_refused_fast(tmp_path: Path) -> None:
    import time

    (tmp_path / "bomb.png").write_bytes(png_bomb())
    assert (tmp_path / "bomb.png").stat().st_size < 1_000
    start = time.monotonic()
    message = photo_problem(write_cv(tmp_path, "bomb.png"))
    assert "decompression bomb" in message and time.monotonic() - start < 5


def test_photo_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    with open(tmp_path / "big.png", "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: no disk used
    assert "the limit is" in photo_problem(write_cv(tmp_path, "big.png"))


@pytest.fixture(scope="module")
def big_photo_cv(tmp_path_factory) -> Path:
    """A real 60-megapixel JPEG (9000 x 6700) with EXIF and GPS."""
    folder = tmp_path_factory.mktemp("photo")
    (folder / "me.jpg").write_bytes(jpeg_with_gps((9000, 6700)))
    return write_cv(folder, "me.jpg")


@pytest.fixture(scope="module")
def big_photo_outputs(big_photo_cv: Path) -> dict[str, bytes]:
    return {fmt: cvgen.render(big_photo_cv, fmt) for fmt in ("html", "pdf", "docx")}


def embedded_images(fmt: str, data: bytes) -> list[bytes]:
    """The image files a reader's program would decode from ``data``."""
    if fmt == "html":
        return [base64.b64decode(m) for m in re.findall(rb'src="data:image/[a-z]+;base64,([A-Za-z0-9+/=]+)"', data)]
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    images = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for xobject in page["/Resources"].get("/XObject", {}).values():
            obj = xobject.get_object()
            if obj.get("/Subtype") == "/Image":
                images.append(obj.get_data() if obj.get("/Filter") != "/DCTDecode" else obj._data)
    return images


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_big_photo_is_embedded_downscaled_without_exif(big_photo_outputs, fmt: str) -> None:
    data = big_photo_outputs[fmt]
    assert b"SECRET-EXIF-COMMENT" not in data and b"SpyCam" not in data
    images = embedded_images(fmt, data)
    assert len(images) == 1, f"{fmt}: the photo must be shown exactly once"
    raw = images[0]
    assert b"Exif" not in raw[:4096] and b"SpyCam" not in raw
    if fmt == "pdf":  # a decoded XObject stream has no container to carry metadata; its size is in the dict
        reader = pypdf.PdfReader(io.BytesIO(data))
        xobj = next(iter(reader.pages[0]["/Resources"]["/XObject"].values())).get_object()
        assert max(xobj["/Width"], xobj["/Height"]) <= TARGET_EDGE
        return
    with Image.open(io.BytesIO(raw)) as img:
        assert max(img.size) == TARGET_EDGE and len(img.getexif()) == 0
        assert img.size == (800, round(800 * 6700 / 9000)) or abs(img.size[1] - 596) <= 1


def test_photo_is_upright_after_exif_rotation(tmp_path: Path) -> None:
    """EXIF orientation is applied before EXIF is dropped: a portrait phone photo stays portrait."""
    img = Image.new("RGB", (60, 40), (0, 90, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° when shown
    (tmp_path / "me.jpg").write_bytes((lambda b: (img.save(b, "JPEG", exif=exif), b.getvalue())[1])(io.BytesIO()))
    [raw] = embedded_images("html", cvgen.render(write_cv(tmp_path, "me.jpg"), "html"))
    with Image.open(io.BytesIO(raw)) as shown:
        assert shown.size == (40, 60)


# ----------------------------------------------------------------------------- 30: missing photo


def test_missing_photo_is_an_error_and_no_output_is_written(tmp_path: Path) -> None:
    cv_path = write_cv(tmp_path, "me.png")
    assert "does not exist" in photo_problem(cv_path)
    out = tmp_path / "cv.pdf"
    proc = subprocess.run([sys.executable, "-m", "cvgen", "render", str(cv_path), "-f", "pdf", "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and not out.exists()
    assert f"{cv_path}:{PHOTO_LINE}:{PHOTO_COL}: person.photo: photo 'me.png' does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr


# ----------------------------------------------------------------------------- 31: user themes


def test_user_latex_theme_cannot_read_a_file_outside(tmp_path: Path) -> None:
    """TeX runs with openin_any=p: a theme's \\input of an absolute path fails and nothing is read."""
    from tests.conftest import require_program

    require_program("xelatex")
    secret = tmp_path / "secret.tex"
    secret.write_text("SECRET-CONTENT\n")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "cv.tex.j2").write_text(
        "\\documentclass{article}\\begin{document}((( header.name )))\\input{" + str(secret) + "}\\end{document}\n"
    )
    from cvgen.backends.base import RenderOptions

    with pytest.raises(RenderError) as caught:
        cvgen.render({"person": {"name": "Ada"}}, "latex", theme=theme, options=RenderOptions(compile=True))
    assert "SECRET-CONTENT" not in str(caught.value)
    assert "xelatex failed" in str(caught.value) and "not found" in str(caught.value)
