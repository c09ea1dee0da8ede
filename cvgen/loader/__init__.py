"""Loading: strict YAML → plain values with positions → validated model → located errors.

``load`` gives the CV; ``load_cv`` gives a :class:`Loaded`: the CV with its origin and the files
it refers to (the photo) read and checked, which is what the view prepares from.
"""

from cvgen.loader.load import load, load_cv, load_file, load_text, validate
from cvgen.model.loaded import Loaded, Origin

__all__ = ["Loaded", "Origin", "load", "load_cv", "load_file", "load_text", "validate"]
