"""Loading: strict YAML → plain values with positions → validated model → located errors."""

from cvgen.loader.load import base_dir_of, load, load_file, load_text, validate

__all__ = ["base_dir_of", "load", "load_file", "load_text", "validate"]
