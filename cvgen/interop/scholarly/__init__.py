"""Publication records from scholarly services: ORCID, OpenAlex, Crossref, DBLP and arXiv.

One module per service turns its JSON or XML into common records (:mod:`.records`); :mod:`.merge`
makes one entry per publication; :mod:`.writer` writes cvgen data with each entry's provenance;
:mod:`.pipeline` runs an import; every request goes through the one client in :mod:`.client`.
Imported only by ``cvgen import`` and the API, so ``import cvgen`` never loads httpx.
"""
