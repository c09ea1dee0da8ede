"""Merging records across services: one entry per publication, never two publications in one."""

from __future__ import annotations

from cvgen.interop.scholarly.merge import merge
from cvgen.interop.scholarly.records import Work, clean_arxiv, clean_doi, title_key
from cvgen.interop.scholarly.writer import h_index

TITLE = "Certified Robustness of Graph Convolution Networks for Node Classification"


def work(service, ident, title=TITLE, **kw) -> Work:
    return Work(service=service, id=ident, title=title, authors=["A. Author"], **kw)


def test_preprint_and_published_version_become_one_with_the_published_facts():
    merged = merge([
        work("arxiv", "2102.00001", kind="preprint", date="2021-02-01", arxiv="2102.00001", categories=["cs.LG"]),
        work("crossref", "10.1/j", title=TITLE.upper() + ".", kind="journal", date="2022-05", doi="10.1/J",
             venue="Journal of Graphs", citations=7),
    ])
    assert len(merged) == 1
    w = merged[0].work
    assert (w.kind, w.venue, w.date, w.doi, w.arxiv, w.categories) == ("journal", "Journal of Graphs", "2022-05", "10.1/J", "2102.00001", ["cs.LG"])
    assert merged[0].sources == [("crossref", "10.1/j"), ("arxiv", "2102.00001")]


def test_conference_paper_and_its_journal_extension_stay_two():
    merged = merge([
        work("openalex", "W1", kind="conference", date="2021", doi="10.1/conf"),
        work("openalex", "W2", kind="journal", date="2022", doi="10.1/jour"),
        work("arxiv", "2102.00001", kind="preprint", date="2020-12", arxiv="2102.00001"),
    ])
    assert sorted(m.work.doi for m in merged) == ["10.1/conf", "10.1/jour"]
    conf = next(m for m in merged if m.work.doi == "10.1/conf")
    assert conf.work.arxiv == "2102.00001"  # the preprint joins the earliest published version


def test_accents_case_and_punctuation_do_not_split_a_work():
    merged = merge([work("dblp", "k1", title="Modèles de langue: une étude", date="2020"),
                    work("orcid", "o/work/1", title="Modeles de Langue - Une Etude", date="2020")])
    assert len(merged) == 1


def test_generic_short_titles_and_distant_years_are_not_merged():
    assert len(merge([work("orcid", "1", title="Introduction", date="2020"),
                      work("dblp", "2", title="Introduction", date="2020")])) == 2
    assert len(merge([work("orcid", "1", date="2001"), work("dblp", "2", date="2015")])) == 2


def test_same_doi_in_different_case_is_one_work():
    assert len(merge([work("crossref", "a", title="One title entirely", doi="10.1/ABC", date="2020"),
                      work("openalex", "W", title="Another title entirely", doi="10.1/abc", date="2020")])) == 1


def test_identifiers_are_normalised():
    assert clean_doi("https://doi.org/10.1145/3442188.3445922.") == "10.1145/3442188.3445922"
    assert clean_arxiv("https://arxiv.org/abs/1706.03762v7") == "1706.03762"
    assert clean_arxiv("arXiv:hep-th/9901001v2") == "hep-th/9901001"
    assert title_key("Ångström’s Law — revisited!") == title_key("angstroms law revisited")


def test_h_index_matches_the_definition():
    # Hirsch (2005) / Wikipedia's examples: 10, 8, 5, 4, 3 citations give 4; 25, 8, 5, 3, 3 give 3.
    assert h_index([10, 8, 5, 4, 3]) == 4
    assert h_index([25, 8, 5, 3, 3]) == 3
    assert h_index([]) == 0
