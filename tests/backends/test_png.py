"""``-f png``: page images of the default PDF, one per page, the size the DPI asks for, same bytes each time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import require_program

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sijia_liu.yaml"
LETTER_INCHES = (8.5, 11)  # the example's page_size; the PNG must be the page at the asked DPI


def render(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cvgen", "render", str(EXAMPLE), *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def previews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("png")
    for fmt, name in (("png", "cv.png"), ("pdf", "cv.pdf")):
        done = render("-f", fmt, "--dpi", "40", "-o", str(out / name))
        assert done.returncode == 0, done.stderr
    return out


@pytest.mark.e2e
def test_one_png_per_pdf_page_named_after_the_output(previews: Path) -> None:
    info = subprocess.run([require_program("pdfinfo"), str(previews / "cv.pdf")], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2  # the example is longer than a page, so the companions are exercised
    expected = ["cv.png"] + [f"cv-{n}.png" for n in range(2, pages + 1)]
    assert sorted(p.name for p in previews.glob("cv*.png")) == sorted(expected)
    for name in expected:
        with Image.open(previews / name) as img:
            assert img.format == "PNG"
            assert img.size == tuple(round(inches * 40) for inches in LETTER_INCHES)
            dark = sum(img.convert("L").histogram()[:128])
            assert dark > 500  # text was drawn, not a blank page


@pytest.mark.e2e
def test_png_page_matches_poppler_rendering_of_the_same_pdf(previews: Path) -> None:
    """An independent rasteriser (Poppler) draws the same page: page 1 is close, page 2 is not."""
    from PIL import ImageChops, ImageStat

    prefix = previews / "poppler"
    subprocess.run([require_program("pdftoppm"), "-png", "-r", "40", "-l", "2", str(previews / "cv.pdf"), str(prefix)],
                   check=True, timeout=60)

    def distance(ours: Path, theirs: Path) -> float:
        with Image.open(ours) as a, Image.open(theirs) as b:  # blurred to 85 x 110: anti-aliasing differs
            small = (85, 110)
            return ImageStat.Stat(ImageChops.difference(a.convert("L").resize(small), b.convert("L").resize(small))).mean[0]

    same, other = distance(previews / "cv.png", previews / "poppler-1.png"), distance(previews / "cv.png", previews / "poppler-2.png")
    assert same < 6 and other > 2 * same, (same, other)


@pytest.mark.e2e
def test_same_input_same_bytes_and_dpi_scales(tmp_path: Path, previews: Path) -> None:
    assert render("-f", "png", "--dpi", "40", "-o", str(tmp_path / "again.png")).returncode == 0
    assert (tmp_path / "again.png").read_bytes() == (previews / "cv.png").read_bytes()
    assert (tmp_path / "again-2.png").read_bytes() == (previews / "cv-2.png").read_bytes()
    assert render("-f", "preview", "--dpi", "20", "-o", str(tmp_path / "small.png")).returncode == 0
    with Image.open(tmp_path / "small.png") as img:
        assert img.size == (170, 220)


def test_bad_dpi_is_a_usage_error(tmp_path: Path) -> None:
    done = render("-f", "png", "--dpi", "0", "-o", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "--dpi" in done.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.e2e
def test_watch_keeps_page_images_current(tmp_path: Path) -> None:
    from tests.cli.test_watch import Watcher

    shutil.copy(Path(__file__).resolve().parents[2] / "cvgen" / "starter.yaml", tmp_path / "cv.yaml")
    w = Watcher(tmp_path, "--no-serve", "--format", "png")
    try:
        w.wait_for(lambda: "watching" in "".join(w.out) and (tmp_path / "cv.png").is_file(), "the first cv.png")
        before = (tmp_path / "cv.png").read_bytes()
        cv = tmp_path / "cv.yaml"
        cv.write_text(cv.read_text(encoding="utf-8").replace("name: Ada Lovelace", "name: Ada Byron King"), encoding="utf-8")
        w.wait_for(lambda: (tmp_path / "cv.png").read_bytes() != before, "cv.png redrawn after the save")
    finally:
        w.stop()
    assert w.proc.returncode == 0, "".join(w.err)


@pytest.mark.e2e
def test_rerender_with_fewer_pages_removes_only_its_own_stale_page_images(tmp_path: Path) -> None:
    """The example is several pages, the starter CV one: after re-rendering the starter onto the same
    cv.png, no cv-2.png… is left behind, while every file outside the exact naming is untouched, and a
    failed render removes nothing."""
    out = tmp_path / "cv.png"
    assert render("-f", "png", "--dpi", "20", "-o", str(out)).returncode == 0
    pages = sorted(p.name for p in tmp_path.glob("cv-*.png"))
    assert pages and pages[0] == "cv-2.png", pages
    bystanders = ["cv-02.png", "cv-1.png", "cv-0.png", "cv-2.png.bak", "cv-x.png", "cv-2.PNG", "cvx-2.png",
                  "other-2.png", "cv-2-3.png", "notes.txt"]
    for name in bystanders:
        (tmp_path / name).write_text("the user's own file")
    (tmp_path / "cv-99.png").symlink_to(tmp_path / "notes.txt")  # not a regular file: left alone
    (tmp_path / "cv-98.png").mkdir()

    broken = tmp_path / "broken.yaml"
    broken.write_text("person:\n  name: Ada Lovelace\npublications: [{title: 1}]\nno_such_key: 1\n")
    failed = subprocess.run([sys.executable, "-m", "cvgen", "render", str(broken), "-f", "png", "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert failed.returncode == 2, failed.stderr
    assert all((tmp_path / p).read_bytes()[:4] == b"\x89PNG" for p in pages)  # the failed render removed nothing

    starter = tmp_path / "starter.yaml"
    shutil.copy(Path(__file__).resolve().parents[2] / "cvgen" / "starter.yaml", starter)
    done = subprocess.run([sys.executable, "-m", "cvgen", "render", str(starter), "-f", "png", "--dpi", "20", "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Image.open(out) as img:
        assert img.size == (166, 234)  # the starter's A4 page (210 x 297 mm at 20 DPI), redrawn
    assert not [p for p in pages if (tmp_path / p).exists()], "stale page images were left behind"
    for name in bystanders:
        assert (tmp_path / name).read_text() == "the user's own file", name
    assert (tmp_path / "cv-99.png").is_symlink() and (tmp_path / "cv-98.png").is_dir()
