"""Moving publication lists and CVs in and out of cvgen: BibTeX, CSL-JSON, JSON Resume, RenderCV.

Every importer returns plain cvgen data (the dicts a cvgen YAML file holds) together with a list of
warnings naming everything that could not be carried over, so nothing is dropped silently. The
modules import their engines (bibtexparser, json) inside functions, so ``import cvgen`` stays light.
"""

from __future__ import annotations

from cvgen.interop.common import Imported

__all__ = ["Imported"]
