"""cvgen: one YAML file describing an academic career, rendered as PDF, DOCX, LaTeX and HTML.

    import cvgen
    cv = cvgen.load("examples/sijia_liu.yaml")     # the CV; cvgen.load_cv() also keeps its folder (photo)
    pdf_bytes = cvgen.render(cv, "pdf")
    cvgen.render_to_file(cv, "out/cv.docx")

Names are imported on first use so that ``import cvgen`` loads no rendering engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from cvgen.version import __version__

_EXPORTS = {
    "load": "cvgen.loader",
    "load_cv": "cvgen.loader",
    "Loaded": "cvgen.loader",
    "render": "cvgen.api",
    "render_to_file": "cvgen.api",
    "render_document": "cvgen.api",
    "render_many": "cvgen.batch",
    "BatchResult": "cvgen.batch",
    "prepare": "cvgen.view",
    "ViewOptions": "cvgen.view",
    "Document": "cvgen.view",
    "RenderOptions": "cvgen.backends.base",
    "Backend": "cvgen.backends.base",
    "InlineFormat": "cvgen.backends.base",
    "register_backend": "cvgen.backends.registry",
    "CVError": "cvgen.errors",
    "InputError": "cvgen.errors",
    "RenderError": "cvgen.errors",
    "UsageError": "cvgen.errors",
    "Problem": "cvgen.errors",
    "resolve_theme": "cvgen.themes",
}
_MODEL_NAMES = (
    "CV", "Affiliation", "Amount", "Author", "CustomSection", "Education", "Entry", "ExtraMetric", "Grant",
    "Honor", "LabelledLink", "Legend", "Markers", "Mentee", "Metrics", "Numbering", "PartialDate", "Person",
    "Phone", "Position", "Profile", "Publication", "PublicationSettings", "ResearchArea", "Service",
    "Settings", "Talk", "Teaching", "Topic",
)
_EXPORTS.update({name: "cvgen.model" for name in _MODEL_NAMES})

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from cvgen.api import render, render_document, render_to_file  # noqa: F401 - re-exported lazily through __getattr__
    from cvgen.backends.base import Backend, InlineFormat, RenderOptions  # noqa: F401 - re-exported lazily through __getattr__
    from cvgen.backends.registry import register as register_backend  # noqa: F401 - re-exported lazily through __getattr__
    from cvgen.batch import BatchResult, render_many  # noqa: F401 - re-exported lazily through __getattr__
    from cvgen.errors import CVError, InputError, Problem, RenderError, UsageError  # noqa: F401 - re-exported lazily through __getattr__
    from cvgen.loader import Loaded, load, load_cv  # noqa: F401 - re-exported lazily through __getattr__
    from cvgen.model import *  # noqa: F403
    from cvgen.themes import resolve_theme  # noqa: F401 - re-exported lazily through __getattr__
    from cvgen.view import Document, ViewOptions, prepare  # noqa: F401 - re-exported lazily through __getattr__


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cvgen' has no attribute {name!r}")
    attr = "register" if name == "register_backend" else name
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
