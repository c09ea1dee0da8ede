"""cvgen: one YAML file describing an academic career, rendered as PDF, DOCX, LaTeX and HTML."""

__version__ = "0.1.0"
