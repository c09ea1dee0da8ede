"""Each built-in style against a worked example from that style's own guide.

The expected strings are the guides' examples (APA Style website, IEEE Reference Guide, Chicago
Manual of Style quick guide, NLM/ICMJE sample references, Nature's and ACM's author guides, the
MLA Handbook), typed in from the guide, never copied from cvgen's output. Where the CSL style
itself (not the engine) differs from the printed guide, the test says so and how it compares.
"""

from __future__ import annotations

import pytest

from cvgen.model.markup import Emph, Strong, plain
from tests.citations.helpers import cite, pub, text

GRADY = pub(
    title="Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States",
    authors=["J. S. Grady", "M. Her", "G. Moreno", "C. Perez", "J. Yelinek"],
    kind="journal", venue="Psychology of Popular Media Culture", volume="8", issue="3", pages="207-217",
    date=2019, doi="10.1037/ppm0000185",
)
DUNCOMBE = pub(
    title="Infrared navigation—Part I: An assessment of feasibility",
    authors=["J. U. Duncombe"], kind="journal", venue="IEEE Trans. Electron Devices",
    volume="ED-11", issue="1", pages="34-39", date="1959-01", doi="10.1109/TED.2016.2628402",
)
RISK = pub(
    title="Fiber-optic frequency shifter using a surface acoustic wave incident at an oblique angle",
    authors=["W. P. Risk", "G. S. Kino", "H. J. Shaw"], kind="journal", venue="Opt. Lett.",
    volume="11", issue="2", pages="115-117", date="1986-02",
)
KENG = pub(
    title="Expanding College Access in Taiwan, 1978–2014: Effects on Graduate Quality and Income Inequality",
    authors=["Shao-Hsun Keng", "Chun-Hung Lin", "Peter F. Orazem"], kind="journal",
    venue="Journal of Human Capital", volume="11", issue="1", pages="1-34", date=2017, doi="10.1086/690235",
)
HALPERN = pub(
    title="Solid-organ transplantation in HIV-infected patients",
    authors=["S. D. Halpern", "P. A. Ubel", "A. L. Caplan"], kind="journal", venue="N Engl J Med",
    volume="347", issue="4", pages="284-287", date=2002,
)
HAO = pub(
    title="Global integrated drought monitoring and prediction system",
    authors=["Z. Hao", "A. AghaKouchak", "N. Nakhjiri", "A. Farahmand"], kind="journal",
    venue="Sci. Data", volume="1", pages="140001", date=2014,
)
ABRIL = pub(
    title="The patent holder's dilemma: Buy, sell, or troll?",
    authors=["Patricia S. Abril", "Robert Plant"], kind="journal", venue="Commun. ACM",
    volume="50", issue="1", pages="36-44", date="2007-01", doi="10.1145/1188913.1188915",
)
GOLDMAN = pub(
    title="Questions of Transport: Reading Primo Levi Reading Dante",
    authors=["Anne Goldman"], kind="journal", venue="The Georgia Review",
    volume="64", issue="1", pages="69-88", date=2010,
)


def _italic_texts(nodes) -> list[str]:
    found = []
    for node in nodes:
        if isinstance(node, Emph):
            found.append(plain(node.children))
        elif hasattr(node, "children"):
            found.extend(_italic_texts(node.children))
    return found


def _bold_texts(nodes) -> list[str]:
    found = []
    for node in nodes:
        if isinstance(node, Strong):
            found.append(plain(node.children))
        elif hasattr(node, "children"):
            found.extend(_bold_texts(node.children))
    return found


def test_apa_journal_article():
    # APA Style, "Journal article references", example 1.
    nodes = cite("apa", GRADY)
    assert plain(nodes) == (
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A comparison "
        "of storybooks that represent ethnic and racial groups in the United States. Psychology of Popular Media "
        "Culture, 8(3), 207–217. https://doi.org/10.1037/ppm0000185"
    )
    assert _italic_texts(nodes) == ["Psychology of Popular Media Culture", "8"]


def test_ieee_periodical():
    # IEEE Reference Guide, "Periodicals": the Risk, Kino and Shaw example.
    nodes = cite("ieee", RISK)
    assert plain(nodes) == (
        "W. P. Risk, G. S. Kino, and H. J. Shaw, “Fiber-optic frequency shifter using a surface acoustic wave "
        "incident at an oblique angle,” Opt. Lett., vol. 11, no. 2, pp. 115–117, Feb. 1986."
    )
    assert _italic_texts(nodes) == ["Opt. Lett."]


@pytest.mark.xfail(strict=True, reason="citeproc-py 0.11 turns the hyphen in volume 'ED-11' into an en dash")
def test_ieee_periodical_with_lettered_volume_known_engine_defect():
    # IEEE Reference Guide, "Periodicals": the Duncombe example (with its DOI).
    assert text("ieee", DUNCOMBE) == (
        "J. U. Duncombe, “Infrared navigation—Part I: An assessment of feasibility,” IEEE Trans. Electron "
        "Devices, vol. ED-11, no. 1, pp. 34–39, Jan. 1959, doi: 10.1109/TED.2016.2628402."
    )


KENG_INITIALS = KENG.model_copy(
    update={"authors": pub(title="x", authors=["S.-H. Keng", "C.-H. Lin", "P. F. Orazem"], date=2017).authors}
)


def test_chicago_author_date_journal_with_initials():
    # Chicago prints names as the source gives them; with initials, the quick guide's example reads so.
    nodes = cite("chicago-author-date", KENG_INITIALS)
    assert plain(nodes) == (
        "Keng, S.-H., C.-H. Lin, and P. F. Orazem. 2017. “Expanding College Access in Taiwan, "
        "1978–2014: Effects on Graduate Quality and Income Inequality.” Journal of Human Capital 11 (1): 1–34. "
        "https://doi.org/10.1086/690235."
    )
    assert _italic_texts(nodes) == ["Journal of Human Capital"]


def test_chicago_notes_bibliography_journal_with_initials():
    assert text("chicago-note-bibliography", KENG_INITIALS) == (
        "Keng, S.-H., C.-H. Lin, and P. F. Orazem. “Expanding College Access in Taiwan, 1978–2014: "
        "Effects on Graduate Quality and Income Inequality.” Journal of Human Capital 11, no. 1 (2017): 1–34. "
        "https://doi.org/10.1086/690235."
    )


_NO_INITIALIZE_FALSE = 'citeproc-py 0.11 ignores initialize="false": full given names become initials'


@pytest.mark.xfail(strict=True, reason=_NO_INITIALIZE_FALSE)
def test_chicago_author_date_journal():
    # Chicago Manual of Style 18th ed., author-date quick guide, journal article.
    nodes = cite("chicago-author-date", KENG)
    assert plain(nodes) == (
        "Keng, Shao-Hsun, Chun-Hung Lin, and Peter F. Orazem. 2017. “Expanding College Access in Taiwan, "
        "1978–2014: Effects on Graduate Quality and Income Inequality.” Journal of Human Capital 11 (1): 1–34. "
        "https://doi.org/10.1086/690235."
    )
    assert _italic_texts(nodes) == ["Journal of Human Capital"]


@pytest.mark.xfail(strict=True, reason=_NO_INITIALIZE_FALSE)
def test_chicago_notes_bibliography_journal():
    # Chicago Manual of Style 18th ed., notes-bibliography quick guide, bibliography entry.
    assert text("chicago-note-bibliography", KENG) == (
        "Keng, Shao-Hsun, Chun-Hung Lin, and Peter F. Orazem. “Expanding College Access in Taiwan, 1978–2014: "
        "Effects on Graduate Quality and Income Inequality.” Journal of Human Capital 11, no. 1 (2017): 1–34. "
        "https://doi.org/10.1086/690235."
    )


def test_vancouver_journal_article():
    # ICMJE sample references (NLM Citing Medicine), year-only form. The CSL style joins page
    # ranges with the locale's en dash where the printed guide uses a hyphen ("284-7").
    assert text("vancouver", HALPERN).replace("–", "-") == (
        "Halpern SD, Ubel PA, Caplan AL. Solid-organ transplantation in HIV-infected patients. "
        "N Engl J Med. 2002;347(4):284-7."
    )


def test_nature_journal_article():
    # Nature Research formatting guide: journal in italics, volume in bold.
    nodes = cite("nature", HAO)
    assert plain(nodes) == (
        "Hao, Z., AghaKouchak, A., Nakhjiri, N. & Farahmand, A. Global integrated drought monitoring and "
        "prediction system. Sci. Data 1, 140001 (2014)."
    )
    assert _italic_texts(nodes) == ["Sci. Data"]
    assert _bold_texts(nodes) == ["1"]


def test_acm_journal_article():
    # ACM Reference Format guide: the Abril and Plant journal example.
    nodes = cite("acm", ABRIL)
    assert plain(nodes) == (
        "Patricia S. Abril and Robert Plant. 2007. The patent holder's dilemma: Buy, sell, or troll? Commun. ACM "
        "50, 1 (January 2007), 36–44. https://doi.org/10.1145/1188913.1188915"
    )
    assert _italic_texts(nodes) == ["Commun. ACM"]


def test_harvard_cite_them_right_journal_article():
    # Cite Them Right 12th ed.: "Surname, Initials. (Year) 'Title', Journal, Volume(Issue), pp. x–y.
    # Available at: DOI." Four or more authors: the first, then "et al.".
    assert text("harvard", GRADY) == (
        "Grady, J.S. et al. (2019) ‘Emotions in storybooks: A comparison of storybooks that represent ethnic and "
        "racial groups in the United States’, Psychology of Popular Media Culture, 8(3), pp. 207–217. "
        "Available at: https://doi.org/10.1037/ppm0000185."
    )


def test_mla_journal_article_with_initial():
    # MLA prints the name as the source gives it: "Goldman, A." for an initial.
    nodes = cite("mla", GOLDMAN.model_copy(update={"authors": pub(title="x", authors=["A. Goldman"], date=2010).authors}))
    assert plain(nodes) == (
        "Goldman, A. “Questions of Transport: Reading Primo Levi Reading Dante.” The Georgia Review, "
        "vol. 64, no. 1, 2010, pp. 69–88."
    )
    assert _italic_texts(nodes) == ["The Georgia Review"]


@pytest.mark.xfail(strict=True, reason=_NO_INITIALIZE_FALSE)
def test_mla_journal_article():
    # MLA Handbook 9th ed., journal article (Goldman).
    nodes = cite("mla", GOLDMAN)
    assert plain(nodes) == (
        "Goldman, Anne. “Questions of Transport: Reading Primo Levi Reading Dante.” The Georgia Review, "
        "vol. 64, no. 1, 2010, pp. 69–88."
    )
    assert _italic_texts(nodes) == ["The Georgia Review"]


def test_ama_journal_article():
    # AMA Manual of Style 11th ed.: "Author AA. Title. Journal. Year;Vol(Issue):pages." — full page
    # numbers, journal in italics.
    nodes = cite("ama", HALPERN)
    assert plain(nodes) == (
        "Halpern SD, Ubel PA, Caplan AL. Solid-organ transplantation in HIV-infected patients. N Engl J Med. "
        "2002;347(4):284-287."
    )
    assert _italic_texts(nodes) == ["N Engl J Med"]


@pytest.mark.xfail(strict=True, reason="citeproc-py 0.11 ignores the date delimiter: prints '2002Jul25'")
def test_vancouver_full_date_known_engine_defect():
    full = HALPERN.model_copy(update={"date": pub(title="x", authors=["A B"], date="2002-07-25").date})
    assert "N Engl J Med. 2002 Jul 25;347(4)" in text("vancouver", full)


@pytest.mark.xfail(strict=True, reason="citeproc-py 0.11 does not suppress ACM's empty page group: '2024. .'")
def test_acm_conference_without_pages_known_engine_defect():
    paper = pub(title="T", authors=["S. Liu"], kind="conference", venue="Conf", date=2024)
    assert not text("acm", paper).endswith(". .")


@pytest.mark.xfail(strict=True, reason="citeproc-py 0.11 prints the label of an empty variable: 'Mag, Edition.'")
def test_chicago_magazine_article_known_engine_defect():
    # CMOS 18, magazine article: "Author. Year. “Title.” Magazine, Month Day." — no stray label.
    article = pub(title="T", authors=["S. Liu"], kind="magazine", venue="Mag", date="2024-03", volume="41")
    assert "Edition" not in text("chicago-author-date", article)
