"""Record fresh answers from the live scholarly services, for comparison with tests/fixtures/scholarly/.

Opt-in and never run in CI: it asks the real services (politely: cvgen's own client, its pacing,
your contact address). It writes the same file names as the committed fixtures into --out, so a
plain ``diff -r`` shows how the services' answers have drifted; copy a file over the committed one
only after checking it, and keep the README's note on its source up to date.

    python scripts/record_scholarly_fixtures.py --mailto you@example.org --out /tmp/fresh-fixtures
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cvgen.interop.scholarly.client import ClientOptions, ScholarlyClient

# (service, path, params, file) — the requests the committed fixtures answer.
REQUESTS = [
    ("openalex", "/authors/A5023888391", {}, "openalex/author_A5023888391.json"),
    ("openalex", "/works", {"filter": "author.id:A5023888391", "per-page": "200", "cursor": "*"},
     "openalex/works_page1.json"),
    ("openalex", "/authors/A5048491430", {}, "openalex/author_A5048491430.json"),
    ("orcid", "/0000-0002-1825-0097/person", {}, "orcid/person.json"),
    ("orcid", "/0000-0002-1825-0097/works", {}, "orcid/works.json"),
    ("crossref", "/works/10.5555/12345678", {}, "crossref/10.5555_12345678.json"),
    ("crossref", "/works/10.1063/1.1383585", {}, "crossref/10.1063_1.1383585.json"),
    ("arxiv", "/query", {"id_list": "cond-mat/0102536", "max_results": "1"}, "arxiv/cond-mat_0102536.xml"),
    ("arxiv", "/query", {"id_list": "2205.01833", "max_results": "1"}, "arxiv/2205.01833.xml"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mailto", required=True, help="your contact address, sent as the services ask")
    parser.add_argument("--out", type=Path, required=True, help="folder for the fresh answers")
    parser.add_argument("--dblp-pid", help="also record a DBLP person page (e.g. 34/7659)")
    args = parser.parse_args()
    requests = list(REQUESTS)
    if args.dblp_pid:
        requests.append(("dblp", f"/pid/{args.dblp_pid}.xml", {}, f"dblp/{args.dblp_pid.replace('/', '_')}.xml"))
    options = ClientOptions(mailto=args.mailto, cache_dir=None)
    with ScholarlyClient(options) as client:
        for service, path, params, name in requests:
            target = args.out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".json"):
                data = client.get_json(service, path, params)
                target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            else:
                from xml.etree.ElementTree import tostring

                target.write_bytes(tostring(client.get_xml(service, path, params), encoding="utf-8"))
            print(f"recorded {client.url(service, path, params)} -> {target}")


if __name__ == "__main__":
    main()
