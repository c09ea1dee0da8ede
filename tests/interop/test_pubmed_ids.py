"""PMID and PMCID travel through BibTeX: imported from ``pmid``/``pmcid`` fields, kept on export.

The field names are the ones JabRef and PubMed's own citation export write (``pmid = {…}``,
``pmcid = {PMC…}``); a PMC ID written without its prefix is the same ID.
"""

from __future__ import annotations

from cvgen.interop.bibtex import import_bibtex
from cvgen.interop.export import to_bibtex, to_csl
from cvgen.loader import load

BIB = """\
@article{park2024,
  title = {Low-dose quantitative MRI},
  author = {Park, J. and Okafor, M. R.},
  journal = {J. Magn. Reson. Imaging},
  year = {2024},
  pmid = {38000001},
  pmcid = {PMC10000001},
}
@article{lind2014,
  title = {Compressed sensing},
  author = {Okafor, M. R. and Lind, T.},
  journal = {Medical Physics},
  year = {2014},
  pmid = {PMID: 25000005},
  pmcid = {4000005},
}
@article{bad2020,
  title = {Bad ids},
  author = {Okafor, M. R.},
  journal = {X},
  year = {2020},
  pmid = {not a number},
}
"""


def test_imported_and_checked() -> None:
    result = import_bibtex(BIB, "refs.bib")
    by_key = {p["key"]: p for p in result.data}
    assert (by_key["park2024"]["pmid"], by_key["park2024"]["pmcid"]) == ("38000001", "PMC10000001")
    assert (by_key["lind2014"]["pmid"], by_key["lind2014"]["pmcid"]) == ("25000005", "PMC4000005")
    assert "pmid" not in by_key["bad2020"]
    assert any("bad2020" in w and "'not a number' is not a PubMed ID" in w for w in result.warnings)


def test_kept_on_export_and_round_trip() -> None:
    pubs = import_bibtex(BIB, "refs.bib").data
    cv = load({"person": {"name": "M. R. Okafor"}, "publications": pubs})
    bib = to_bibtex(cv)
    assert "pmid = {38000001}" in bib and "pmcid = {PMC10000001}" in bib
    again = {p["key"]: p for p in import_bibtex(bib, "again.bib").data}
    assert again["park2024"]["pmcid"] == "PMC10000001" and again["lind2014"]["pmid"] == "25000005"
    csl = {item["id"]: item for item in to_csl(cv)}
    assert csl["park2024"]["PMID"] == "38000001" and csl["park2024"]["PMCID"] == "PMC10000001"
