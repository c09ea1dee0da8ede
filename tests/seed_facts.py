"""The facts of the seed CV (tests/fixtures/seeds/sijia_liu_cv.md) that every output must contain.

Each string is compared after whitespace is collapsed (see :func:`normalise`), so line wrapping in
PDFs does not matter. Quotes are left out of the facts because themes may typeset them curly.
"""

from __future__ import annotations

import re
import unicodedata

NAME = "Sijia Liu"

HEADER = [
    "Assistant Professor", "Department of Computer Science & Engineering", "Michigan State University",
    "East Lansing, MI", "Affiliated Professor", "MIT-IBM Watson AI Lab", "IBM Research",
    "liusiji5@msu.edu", "(315)-744-6778", "Mobile", "Personal Website", "OPTML Lab Website", "Google Scholar",
]
RESEARCH = [
    "Trustworthy ML", "Adversarial ML, model explanation, fairness, security & privacy",
    "Scalable ML", "Zeroth-order optimization, deep model compression, distributed ML, automated ML",
]
EDUCATION = [
    "Ph.D.", "Electrical and Computer Engineering", "Syracuse University", "All University Doctoral Prize",
    "Pramod Varshney", "Makan Fardad", "Mar. 2016", "M. A. Sc.", "Electrical Engineering",
    "Xi'an Jiaotong University", "May 2011", "B.S.", "May 2008",
]
POSITIONS = [
    "Jan. 2021", "Oct. 2021", "present", "Research Staff Member", "Jan. 2018", "Dec. 2020",
    "Postdoc Research Fellow", "University of Michigan", "Ann Arbor", "July 2016", "Dec. 2017",
    "Alfred Hero (EECS)", "Indika Rajapakse (Computational Medicine & Bioinformatics)", "CSE",
]
HONORS = [
    "National Science Foundation (NSF) CAREER Award",
    "Zeroth-Order Machine Learning: Foundations and Emerging AI Applications",
    "Top 3% Paper Recognition", "48th IEEE International Conference on Acoustics, Speech, and Signal Processing (ICASSP)",
    "Visual Prompting for Adversarial Robustness",
    "New Faculty Highlights on", "General and Scalable Optimization for Robust AI",
    "Best Paper Runner-Up Award", "38th Conference on Uncertainty in Artificial Intelligence (UAI)",
    "IBM Pat Goldberg Best Paper Award Finalist", "An ADMM Based Framework for AutoML Pipeline Configuration",
    "the key enabling technique in the IBM Watson Studio Automated ML System",
    "Three IBM Outstanding Research Accomplishments",
    "Trustworthy AI; Toward Automating the AI Lifecycle with AutoAI; Deep Learning on Graphs",
    "Best Student Paper Award", "42nd ICASSP", "Ultra-fast Robust Compressive Sensing Based on Memristor Crossbars",
    "Best Student Paper Award Finalist", "Asilomar Conference on Signals, Systems, and Computers, CA",
    "Adaptive Non-myopic Quantizer Design for Target Tracking in Wireless Sensor Networks",
    "Winner of Best Poster Award", "Nunan Poster Competition, Syracuse University",
    "First Class Award in National Mathematics Olympiad",
    "2024", "2023", "2022", "2020", "2019", "2017", "2013", "2012", "2004",
]
METRICS = [
    "Full list of publications can be found at", "8509 citations as of July 16, 2024", "CSRanking", "72",
    "denotes equal contribution", "denotes student authors", "under my supervision",
    "Five Representative Publications in", "Trustworthy ML", "Scalable ML",
]
PUBLICATION_TITLES = [
    "To Generate or Not? Safety-Driven Unlearned Diffusion Models Are Still Easy To Generate Unsafe Images ... For Now",
    "SalUn: Empowering Machine Unlearning via Gradient-based Weight Saliency in Both Image Classification and Generation",
    "Model Sparsity Can Simplify Machine Unlearning",
    "Revisiting and advancing fast adversarial training through the lens of bi-level optimization",
    "How to Robustify Black-Box ML Models? A Zeroth-Order Optimization Perspective",
    "An Introduction to Bi-level Optimization: Foundations and Applications in Signal Processing and Machine Learning",
    "Selectivity Drives Productivity: Efficient Dataset Pruning for Enhanced Transfer Learning",
    "Advancing Model Pruning via Bi-level Optimization",
    "Distributed Adversarial Training to Robustify Deep Neural Networks at Scale",
    "Min-Max Optimization without Gradients: Convergence and Applications to Adversarial ML",
]
PUBLICATION_FACTS = [
    "European Conference on Computer Vision (ECCV)", "International Conference on Learning Representations (ICLR)",
    "Advances in Neural Information Processing Systems (NeurIPS)", "International Conference on Machine Learning (ICML)",
    "IEEE Signal Processing Magazine", "Conference on Uncertainty in Artificial Intelligence (UAI)",
    "51584-51605", "26693-26712", "38-59", "36913-36937", "18309-18326", "2353-2363", "6282-6293",
    "Spotlight", "Feature Article", "the Best Paper Runner-Up Award",
    "Aochuan Chen", "I. Tsaknakis", "P.-Y. Chen", "U.-M. O'Reilly", "A. Al-Dujaili", "L. Horesh", "L. Martie",
    "K. Ding", "E. Wong", "D. Wei", "P. Khanduri", "P. Sharma", "J. Yi", "Y. Feng", "K. Xu", "Q. Fan",
    "T. Chen", "Y. Wang", "P. Zhao", "S. Chang", "M. Hong", "G. Liu", "Y. Liu", "S. Lu",
]
TALKS = [
    "Machine Unlearning in Computer Vision: Foundations and Applications", "CVPR'24 Tutorial", "06/2024",
    "Zeroth-Order Machine Learning: Fundamental Principles and Emerging Applications in Foundation Models",
    "AAAI'24 Tutorial", "02/2024",
    "DeepZero: Scaling Up Zeroth-Order Optimization for Deep Model Training",
    "Invited Talk in Special Session on Sustainable AI Training at the Large and Tiny Scales, ICCAD'23", "10/2023",
    "Empowering Machine Unlearning through Model Sparsity", "Invited Talk at TrustML Workshop@UBC", "06/2023",
    "Reverse Engineering of Deceptions: Foundations and Applications", "CVPR'23 Tutorial",
    "Bi-level Optimization in Machine Learning: Foundations and Applications", "AAAI'23 Tutorial", "02/2023",
    "Foundational Robustness of Foundation Models", "NeurIPS'22 Tutorial", "12/2022",
]
SECTION_TITLES = ["Primary Research Areas", "Education", "Professional Experience", "Honors and Recognition",
                  "Selected Publications", "Selected Talks/Presentations"]

ALL_FACTS = [NAME, *HEADER, *RESEARCH, *EDUCATION, *POSITIONS, *HONORS, *METRICS, *PUBLICATION_TITLES,
             *PUBLICATION_FACTS, *TALKS]

# Numbering: in each of the two groups the labels run P5…P1; talks run T1…T7.
PUBLICATION_LABELS = ["P5", "P4", "P3", "P2", "P1", "P5", "P4", "P3", "P2", "P1"]
TALK_LABELS = [f"T{i}" for i in range(1, 8)]


_QUOTES = re.compile("['\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a]")


def normalise(text: str) -> str:
    """Collapse whitespace, unify apostrophes, quotes and dashes, drop soft hyphens: what a reader would see.

    cvgen typesets the source's straight quotes, hyphens in ranges and "..." (issue 21), so a fact
    written with ASCII punctuation matches its typeset form.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("\u2014", "-").replace("\u2013", "-")
    text = text.replace("\u2060", "").replace("\u2026", "...").replace("\u00ad", "").replace("\u2010", "-")
    # Every quotation mark and apostrophe as one mark: a quote nested in cvgen's own quotes
    # alternates (“a ‘b’ c”), so the source's " may be typeset as ‘ or ’.
    text = _QUOTES.sub('"', text)
    text = text.replace("\u2011", "-").replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    text = re.sub(r"\s+", " ", text).strip()
    return text.replace(". . .", "...")  # pdflatex builds \textellipsis from three spaced periods


def missing_facts(text: str, facts: list[str] | None = None, *, case_insensitive: bool = False) -> list[str]:
    """Facts not found in ``text`` (after :func:`normalise`). Headings may be upper-cased by a theme."""
    hay = normalise(text)
    if case_insensitive:
        hay = hay.casefold()
    out = []
    for fact in facts if facts is not None else ALL_FACTS:
        needle = normalise(fact)
        if (needle.casefold() if case_insensitive else needle) not in hay:
            out.append(fact)
    return out


def labels_in_order(text: str, labels: list[str]) -> bool:
    """Do ``labels`` occur in ``text`` in this order (as whole tokens)?"""
    pos = 0
    for label in labels:
        m = re.compile(rf"(?<![A-Za-z0-9]){re.escape(label)}(?![0-9])").search(text, pos)
        if not m:
            return False
        pos = m.end()
    return True


def seed_problems(text: str) -> list[str]:
    """What the extracted text of a rendered reference CV lacks; empty when it is complete.

    Every fact, every section heading (in any case: themes typeset them in capitals or small caps),
    and the numbering in order: P5…P1 in each publication group, then T1…T7.
    """
    problems = [f"missing fact: {f}" for f in missing_facts(text)]
    problems += [f"missing heading: {h}" for h in missing_facts(text, SECTION_TITLES, case_insensitive=True)]
    if not labels_in_order(normalise(text), PUBLICATION_LABELS + TALK_LABELS):
        problems.append("labels out of order (expected P5…P1 twice, then T1…T7)")
    return problems
