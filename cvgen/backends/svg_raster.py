"""An SVG photo as pixels, for formats that cannot show SVG (Word needs a PNG picture).

The SVG was sanitised when the CV was loaded (:mod:`cvgen.loader.svg_photo`); CairoSVG renders it
with ``unsafe=False``, so even then it reads no file and fetches nothing.
"""

from __future__ import annotations

from cvgen.model.loaded import Photo


def to_png(photo: Photo, width: int = 600) -> bytes:
    """Rasterise a sanitised SVG photo ``width`` pixels wide."""
    import cairosvg

    return cairosvg.svg2png(bytestring=photo.data, output_width=width, unsafe=False)
