"""A public profile that hides the phone, address and photo: every format, rendered by its real
engine and read back as a reader would (pdftotext for PDFs, the document XML of the .docx), lacks
them, while the full CV shows them."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import cvgen

PHONE = "+1 517 555 0100"
ADDRESS = "428 S Shaw Lane"

CV = f"""\
person:
  name: Grace Hopper
  emails: [gh@example.edu]
  phones: [{{number: "{PHONE}", label: Office}}]
  address: ["{ADDRESS}", "East Lansing, MI"]
  photo: face.png
positions:
  - {{title: Professor, organization: Example University, start: 2020}}
settings:
  profiles:
    public: {{hide: [phone, address, photo]}}
"""

FORMATS = ("text", "markdown", "html", "latex", "docx", "pdf", "pdf-typst")


def _readable(data: bytes, fmt: str, tmp: Path) -> str:
    """What a reader of the file sees, as text."""
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    if fmt.startswith("pdf"):
        path = tmp / f"cv-{fmt}.pdf"
        path.write_bytes(data)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return data.decode("utf-8")


def _has_image(data: bytes, fmt: str) -> bool:
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(n.startswith("word/media/") for n in z.namelist())
    if fmt == "html":
        return b"<img" in data
    return False


@pytest.fixture(scope="module")
def cv_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("redact")
    Image.new("RGB", (60, 80), (200, 120, 40)).save(folder / "face.png")
    (folder / "cv.yaml").write_text(CV, encoding="utf-8")
    return folder / "cv.yaml"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is not installed")
@pytest.mark.parametrize("fmt", FORMATS)
def test_public_profile_lacks_phone_address_and_photo(cv_file: Path, fmt: str, tmp_path: Path) -> None:
    full = cvgen.render(cv_file, fmt)
    public = cvgen.render(cv_file, fmt, profile="public")
    shown, hidden = _readable(full, fmt, tmp_path), _readable(public, fmt, tmp_path)
    digits = "555 0100"
    assert digits in shown and "Shaw Lane" in shown  # the full CV does show them…
    assert digits not in hidden and "5550100" not in hidden.replace(" ", "")  # …the public one nowhere
    assert "Shaw Lane" not in hidden
    assert "gh@example.edu" in hidden and "Grace Hopper" in hidden  # what is not hidden stays
    if fmt in ("html", "docx"):
        assert _has_image(full, fmt) and not _has_image(public, fmt)


def test_hide_from_the_command_line_profile_and_batch(cv_file: Path, tmp_path: Path) -> None:
    view = cvgen.ViewOptions(profile="public")
    [result] = cvgen.render_many([cv_file], ["html"], tmp_path, view=view)
    assert result.ok, result.error
    assert "tel:" not in (tmp_path / "cv.html").read_text() and PHONE not in (tmp_path / "cv.html").read_text()


def test_an_unknown_hide_word_is_a_located_error(tmp_path: Path) -> None:
    bad = CV.replace("hide: [phone, address, photo]", "hide: [phone, fax]").replace("  photo: face.png\n", "")
    (tmp_path / "cv.yaml").write_text(bad)
    with pytest.raises(cvgen.InputError) as caught:
        cvgen.load(tmp_path / "cv.yaml")
    [problem] = caught.value.problems
    assert problem.line == 10 and problem.path == "settings.profiles.public.hide[1]"
