"""Photos: only a regular image file inside the CV's folder, decoded, capped and re-encoded.

Re-encoding through Pillow drops EXIF (GPS included) and anything that is not pixels, so what is
embedded is exactly a picture, whatever the file held.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from cvgen.errors import InputError, Problem
from cvgen.view.document import Photo

MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 80_000_000
"""Pixels decoded at most; a real 60-megapixel photo passes, a decompression bomb does not."""
TARGET_EDGE = 800
"""Longest edge after downscaling: plenty for a 4 cm photo at print resolution."""


def _fail(cv_file: str, message: str) -> InputError:
    return InputError([Problem(cv_file, None, None, "person.photo", message)])


def load_photo(base_dir: Path | None, relative: str, cv_file: str = "<cv>") -> Photo:
    """Check and re-encode the photo at ``relative`` (inside ``base_dir``) as PNG or JPEG."""
    if "://" in relative or relative.startswith(("file:", "data:")):
        raise _fail(cv_file, f"the photo must be a file next to the CV, not a URL (got {relative!r})")
    if base_dir is None:
        raise _fail(cv_file, "a photo needs the CV to be loaded from a file (its folder holds the photo)")
    if os.path.isabs(relative) or ".." in Path(relative).parts:
        raise _fail(cv_file, f"the photo must be inside the CV's folder (got {relative!r})")
    root = base_dir.resolve()
    candidate = root / relative
    try:
        resolved = candidate.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        raise _fail(cv_file, f"photo {relative!r} does not exist") from None
    if not resolved.is_relative_to(root):
        raise _fail(cv_file, f"the photo {relative!r} points outside the CV's folder")
    info = os.stat(resolved)
    if not stat.S_ISREG(info.st_mode):
        raise _fail(cv_file, f"photo {relative!r} is not a regular file")
    if info.st_size > MAX_PHOTO_BYTES:
        raise _fail(cv_file, f"photo {relative!r} is {info.st_size:,} bytes; the limit is {MAX_PHOTO_BYTES:,}")
    data = resolved.read_bytes()
    return reencode(data, relative, cv_file)


def reencode(data: bytes, name: str, cv_file: str) -> Photo:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in ("PNG", "JPEG", "WEBP", "GIF", "TIFF", "BMP"):
                raise _fail(cv_file, f"photo {name!r} is an unsupported or corrupt image ({img.format})")
            if img.width * img.height > MAX_PIXELS:
                raise _fail(cv_file, f"photo {name!r} has too many pixels ({img.width}×{img.height})")
            img.load()
            has_alpha = img.mode in ("RGBA", "LA", "P")
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
        raise _fail(cv_file, f"photo {name!r} is a decompression bomb (too many pixels)") from None
    except Exception:  # Pillow raises many types for corrupt data
        raise _fail(cv_file, f"photo {name!r} is an unsupported or corrupt image") from None
