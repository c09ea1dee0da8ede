"""Photos: only a regular image file inside the CV's folder, decoded, capped and re-encoded.

Re-encoding through Pillow drops EXIF (GPS included) and anything that is not pixels, so what is
embedded is exactly a picture, whatever the file held. The file is opened without following a
final symlink and without blocking, then checked on the open descriptor, so a FIFO, a device or a
file swapped in after the path check is refused instead of hanging or reading outside the folder.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from cvgen.containment import Outside, contain
from cvgen.errors import InputError, Problem
from cvgen.loader.svg_photo import looks_like_svg, svg_photo
from cvgen.model.loaded import Photo
from cvgen.resources import svg_urls

log = logging.getLogger("cvgen.photo")

MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 80_000_000
"""Pixels decoded at most; a real 60-megapixel photo passes, a decompression bomb does not."""
TARGET_EDGE = 800
"""Longest edge after downscaling: plenty for a 4 cm photo at print resolution."""
FORMATS = ("PNG", "JPEG", "MPO", "WEBP", "GIF", "TIFF", "BMP")
"""Raster formats Pillow decodes itself (MPO: the JPEG many phones write). Never EPS (Ghostscript); SVG goes
through :mod:`cvgen.loader.svg_photo` instead."""


class _Where:
    """Where ``person.photo`` was written, so every photo problem is located like a YAML problem."""

    def __init__(self, file: str, line: int | None, col: int | None):
        self.file, self.line, self.col = file, line, col

    def fail(self, message: str) -> InputError:
        return InputError([Problem(self.file, self.line, self.col, "person.photo", message)])


def load_photo(
    base_dir: Path | None,
    relative: str,
    cv_file: str = "<cv>",
    line: int | None = None,
    col: int | None = None,
    roots: tuple[Path, ...] | None = None,
) -> Photo:
    """Check and re-encode the photo at ``relative`` (from ``base_dir``, inside ``roots``) as PNG or JPEG.

    ``roots`` are the allowed folders (:mod:`cvgen.containment`); by default the CV's folder alone.
    """
    where = _Where(cv_file, line, col)
    if "://" in relative or relative.lower().startswith(("file:", "data:", "http:", "https:")):
        raise where.fail(f"the photo must be a file next to the CV, not a URL (got {relative!r})")
    if base_dir is None:
        raise where.fail("a photo needs the CV's folder: render the file's path, or load it with cvgen.load_cv(path)")
    try:
        resolved = contain(relative, base_dir.resolve(), roots or (base_dir.resolve(),), "the photo")
    except Outside as exc:
        raise where.fail(str(exc)) from None
    if not resolved.exists():
        raise where.fail(f"photo {relative!r} does not exist")
    data = _read_regular(resolved, relative, where)
    if looks_like_svg(data):
        return _svg(data, relative, where)
    return reencode(data, relative, where)


def _svg(data: bytes, name: str, where: _Where) -> Photo:
    """A sanitised SVG (see :mod:`cvgen.loader.svg_photo`); what was removed is logged as a warning."""
    try:
        photo, removed = svg_photo(data)
    except ValueError as exc:
        raise where.fail(f"photo {name!r} is not a usable SVG: {exc}") from None
    left = [u for u in svg_urls(photo.data) if not _EMBEDDED_IMAGE.match(u)]
    if left:  # what the sanitiser's patterns missed, found by the resource policy's CSS tokenizer
        raise where.fail(f"photo {name!r} is an SVG that would still load outside resources: {', '.join(left[:3])}")
    if removed:
        log.warning("%s: person.photo: removed from the SVG %r before embedding it: %s", where.file, name,
                    ", ".join(sorted(removed)))
    return photo


_EMBEDDED_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,", re.I)
"""The one kind of reference the sanitised SVG keeps: a raster image inside the file."""


def _read_regular(path: Path, name: str, where: _Where) -> bytes:
    """The bytes of ``path`` if it is a regular file under the size cap; never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise where.fail(f"photo {name!r} cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise where.fail(f"photo {name!r} is not a regular file")
        if info.st_size > MAX_PHOTO_BYTES:
            raise where.fail(f"photo {name!r} is {info.st_size:,} bytes; the limit is {MAX_PHOTO_BYTES:,}")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_PHOTO_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_PHOTO_BYTES:  # grew after the check
        raise where.fail(f"photo {name!r} is over the limit of {MAX_PHOTO_BYTES:,} bytes")
    return data


_truncated_lock = threading.Lock()


@contextlib.contextmanager
def _whole_images_only() -> Iterator[None]:
    """Refuse truncated files while decoding a photo.

    Importing WeasyPrint sets Pillow's process-wide ``LOAD_TRUNCATED_IMAGES``, which would let a
    truncated photo through (half grey) in any process that has rendered a PDF before.
    """
    from PIL import ImageFile

    with _truncated_lock:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def reencode(data: bytes, name: str, cv_file: str | _Where = "<cv>") -> Photo:
    """Decode ``data`` (capped in pixels), upright it, shrink it and write fresh PNG or JPEG bytes."""
    from PIL import Image, ImageOps

    where = cv_file if isinstance(cv_file, _Where) else _Where(cv_file, None, None)
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with _whole_images_only(), Image.open(io.BytesIO(data), formats=FORMATS) as img:
            if img.width * img.height > MAX_PIXELS:
                raise where.fail(f"photo {name!r} has too many pixels ({img.width}×{img.height}); a decompression bomb?")
            img.load()
            img = ImageOps.exif_transpose(img)  # phones store the camera's rotation in EXIF, which is dropped
            has_alpha = img.mode in ("RGBA", "LA", "P", "PA")
            img = img.convert("RGBA" if has_alpha else "RGB")
            img.thumbnail((TARGET_EDGE, TARGET_EDGE))
            out = io.BytesIO()
            if has_alpha:
                img.save(out, format="PNG", optimize=True)
                media = "image/png"
            else:
                img.save(out, format="JPEG", quality=88)
                media = "image/jpeg"
            return Photo(out.getvalue(), media, img.width, img.height)
    except InputError:
        raise
    except Image.DecompressionBombError:
        raise where.fail(f"photo {name!r} is a decompression bomb (too many pixels)") from None
    except Exception:  # Pillow raises many types for unknown or corrupt data
        raise where.fail(f"photo {name!r} is an unsupported or corrupt image (PNG, JPEG, WebP, GIF, TIFF, BMP or SVG)") from None
