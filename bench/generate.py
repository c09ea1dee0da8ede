"""Benchmark CVs: the same seeded, made-up academic career written as a cvgen YAML and as a RenderCV (v2.3) YAML.

One data record (:func:`make_data`) feeds both writers, so cvgen and RenderCV render the same content:
education, positions, honors, grants, N publications, talks, teaching and service.

    .venv/bin/python bench/generate.py --pubs 40 --count 3 --out /tmp/cvs
    # /tmp/cvs/cvgen/cv_000.yaml …  and  /tmp/cvs/rendercv/cv_000.yaml …
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

GIVEN = ["Ada", "Alan", "Grace", "Jiahui", "Sofia", "Mehmet", "Ingrid", "Ravi", "Chiara", "Kwame", "Yuki", "Lucía",
         "Olga", "Tomás", "Amara", "Jonas", "Mei", "Dmitri", "Aylin", "Pedro", "Hanna", "Arjun", "Zoë", "Emeka"]
FAMILY = ["Lovelace", "Turing", "Hopper", "Zhang", "Rossi", "Yılmaz", "Larsen", "Patel", "Bianchi", "Mensah",
          "Tanaka", "García", "Ivanova", "Novák", "Okafor", "Schmidt", "Chen", "Petrov", "Demir", "Silva",
          "Müller", "Sharma", "Dubois", "Nwosu", "Kim", "O'Brien", "Nakamura", "Haddad"]
TOPICS = ["Adversarial Robustness", "Zeroth-Order Optimization", "Machine Unlearning", "Model Compression",
          "Federated Learning", "Bi-level Optimization", "Graph Neural Networks", "Diffusion Models",
          "Sparse Training", "Prompt Learning", "Causal Inference", "Reinforcement Learning", "Privacy"]
WORDS = ["Scalable", "Robust", "Efficient", "Provable", "Certified", "Distributed", "Adaptive", "Learning",
         "Towards", "Revisiting", "Understanding", "Benchmarking", "Rethinking", "via", "for", "with",
         "Large-Scale", "Data-Efficient", "Black-Box", "Gradient-Free", "Lightweight", "Trustworthy"]
VENUES = [
    ("International Conference on Machine Learning (ICML)", "conference"),
    ("Advances in Neural Information Processing Systems (NeurIPS)", "conference"),
    ("International Conference on Learning Representations (ICLR)", "conference"),
    ("IEEE Transactions on Signal Processing", "journal"),
    ("AAAI Conference on Artificial Intelligence (AAAI)", "conference"),
    ("IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "conference"),
    ("Journal of Machine Learning Research", "journal"),
    ("IEEE Signal Processing Magazine", "magazine"),
]
INSTITUTIONS = ["Michigan State University", "Syracuse University", "University of Michigan", "ETH Zürich",
                "Xi'an Jiaotong University", "Université de Montréal", "IBM Research", "University of Tokyo"]
CITIES = ["East Lansing, MI", "Syracuse, NY", "Ann Arbor, MI", "Zürich, Switzerland", "Xi'an, China",
          "Montréal, Canada", "Yorktown Heights, NY", "Tokyo, Japan"]


def _title(rng: random.Random, words: int) -> str:
    topic = rng.choice(TOPICS)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + f" {topic}: " + " ".join(
        rng.choice(WORDS) for _ in range(rng.randint(2, 5))
    )


def _ym(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def _publications(rng: random.Random, pubs: int, seed: int, owner: str, people: list[str], first_year: int) -> list[dict[str, Any]]:
    """``pubs`` papers, newest first, spread evenly from 2024 back to ``first_year``; the owner in every author list."""
    publications = []
    for i in range(pubs):
        year = 2024 - (i * (2024 - first_year)) // max(pubs, 1)
        venue, kind = rng.choice(VENUES)
        authors = rng.sample(people, rng.randint(2, 7))
        authors.insert(rng.randint(0, len(authors)), owner)
        first_page = rng.randint(1, 30000)
        publications.append({
            "title": _title(rng, rng.randint(3, 7)),
            "authors": authors,
            "venue": venue,
            "kind": kind,
            "date": _ym(year, rng.randint(1, 12)),
            "pages": f"{first_page}-{first_page + rng.randint(8, 20)}",
            "doi": f"10.{rng.randint(1000, 9999)}/bench.{seed}.{i}",
        })
    return publications


def _positions(first_year: int) -> list[dict[str, Any]]:
    return [
        {"title": t, "organization": o, "location": c, "start": _ym(s, 1), "end": e}
        for t, o, c, s, e in [
            ("Associate Professor", INSTITUTIONS[0], CITIES[0], 2022, "present"),
            ("Assistant Professor", INSTITUTIONS[0], CITIES[0], 2018, _ym(2021, 12)),
            ("Research Staff Member", "IBM Research", CITIES[6], 2016, _ym(2017, 12)),
            ("Postdoctoral Fellow", "University of Michigan", CITIES[2], first_year - 2, _ym(first_year - 1, 12)),
        ]
    ]


def make_data(pubs: int = 40, seed: int = 0) -> dict[str, Any]:
    """One made-up career with ``pubs`` publications; the same seed always gives the same data."""
    rng = random.Random(seed * 100_003 + pubs)
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    owner = f"{given[0]}. {family}"
    people = [f"{rng.choice(GIVEN)[0]}. {rng.choice(FAMILY)}" for _ in range(60)]
    people = [p for p in people if p != owner]
    first_year = 2024 - min(max(8, pubs // 6), 40)

    publications = _publications(rng, pubs, seed, owner, people, first_year)
    return {
        "name": f"{given} {family}",
        "owner": owner,
        "email": f"{given.lower()}.{family.lower().replace(chr(39), '')}@example.org".encode("ascii", "ignore").decode(),
        "phone": "+1-517-555-0100",
        "website": "https://example.org",
        "institution": INSTITUTIONS[0],
        "location": CITIES[0],
        "education": [
            {"degree": d, "field": "Electrical and Computer Engineering", "institution": rng.choice(INSTITUTIONS[1:]),
             "location": rng.choice(CITIES), "start": _ym(first_year - 7 - 4 * k, 9), "end": _ym(first_year - 3 - 4 * k, 5)}
            for k, d in enumerate(["Ph.D.", "M.S.", "B.S."])
        ],
        "positions": _positions(first_year),
        "honors": [
            {"title": f"{rng.choice(['Best Paper Award', 'Outstanding Reviewer', 'Early Career Award', 'Faculty Fellowship'])}",
             "event": rng.choice(VENUES)[0], "date": str(2024 - k)}
            for k in range(8)
        ],
        "grants": [
            {"title": _title(rng, 3), "sponsor": rng.choice(["NSF", "DARPA", "NIH", "DOE"]), "role": rng.choice(["PI", "Co-PI"]),
             "amount": rng.randint(100, 2000) * 1000, "start": _ym(2018 + k, 9), "end": _ym(2021 + k, 8)}
            for k in range(4)
        ],
        "publications": publications,
        "talks": [
            {"title": _title(rng, 3), "event": f"Invited talk at {rng.choice(INSTITUTIONS)}", "date": _ym(2024 - k // 3, 1 + (k * 4) % 12)}
            for k in range(12)
        ],
        "teaching": [
            {"course": c, "code": f"CSE {800 + k}", "institution": INSTITUTIONS[0], "terms": [f"Fall {2019 + k}", f"Fall {2021 + k}"]}
            for k, c in enumerate(["Optimization for Machine Learning", "Trustworthy AI", "Signals and Systems", "Convex Optimization"])
        ],
        "service": [
            {"role": r, "organization": o}
            for r, o in [("Area Chair", "NeurIPS"), ("Area Chair", "ICML"), ("Associate Editor", "IEEE Transactions on Signal Processing"),
                         ("Program Committee", "AAAI"), ("Reviewer", "Journal of Machine Learning Research"),
                         ("Panelist", "National Science Foundation")]
        ],
    }


def to_cvgen(data: dict[str, Any]) -> dict[str, Any]:
    """The record as a cvgen CV (classic theme, letter paper)."""
    return {
        "person": {
            "name": data["name"],
            "name_variants": [data["owner"]],
            "affiliations": [{"title": data["positions"][0]["title"], "institution": data["institution"], "location": data["location"]}],
            "emails": [data["email"]],
            "phones": [{"number": data["phone"]}],
            "links": [{"label": "Website", "url": data["website"], "kind": "website"}],
        },
        "education": [{k: e[k] for k in ("degree", "field", "institution", "location", "start", "end")} for e in data["education"]],
        "positions": [dict(p) for p in data["positions"]],
        "honors": [dict(h) for h in data["honors"]],
        "grants": [
            {"title": g["title"], "sponsor": g["sponsor"], "role": g["role"], "amount": {"value": g["amount"], "currency": "USD"},
             "start": g["start"], "end": g["end"]}
            for g in data["grants"]
        ],
        "publications": [
            {k: p[k] for k in ("title", "authors", "kind", "venue", "date", "pages", "doi")} for p in data["publications"]
        ],
        "talks": [{**t, "kind": "invited"} for t in data["talks"]],
        "teaching": [dict(t) for t in data["teaching"]],
        "service": [dict(s) for s in data["service"]],
        "settings": {"theme": "classic", "page_size": "letter"},
    }


def to_rendercv(data: dict[str, Any]) -> dict[str, Any]:
    """The same record as a RenderCV v2.3 CV (classic theme, letter paper), entry types chosen to match."""

    def authors(names: list[str]) -> list[str]:
        return [f"**{n}**" if n == data["owner"] else n for n in names]

    sections = {
        "education": [
            {"institution": e["institution"], "area": e["field"], "degree": e["degree"], "location": e["location"],
             "start_date": e["start"], "end_date": e["end"]}
            for e in data["education"]
        ],
        "positions": [
            {"company": p["organization"], "position": p["title"], "location": p["location"], "start_date": p["start"],
             "end_date": p["end"]}
            for p in data["positions"]
        ],
        "honors": [{"name": h["title"], "summary": h["event"], "date": h["date"]} for h in data["honors"]],
        "grants": [
            {"name": g["title"], "summary": f"{g['sponsor']}, {g['role']}, ${g['amount']:,}", "start_date": g["start"],
             "end_date": g["end"]}
            for g in data["grants"]
        ],
        "publications": [
            {"title": p["title"], "authors": authors(p["authors"]), "journal": f"{p['venue']}, pp. {p['pages']}",
             "date": p["date"], "doi": p["doi"]}
            for p in data["publications"]
        ],
        "talks": [{"name": t["title"], "summary": t["event"], "date": t["date"]} for t in data["talks"]],
        "teaching": [
            {"name": f"{t['code']}: {t['course']}", "summary": t["institution"], "highlights": [", ".join(t["terms"])]}
            for t in data["teaching"]
        ],
        "service": [{"bullet": f"{s['role']}, {s['organization']}"} for s in data["service"]],
    }
    return {
        "cv": {
            "name": data["name"],
            "location": data["location"],
            "email": data["email"],
            "phone": data["phone"],
            "website": data["website"],
            "sections": sections,
        },
        "design": {"theme": "classic", "page": {"size": "us-letter"}},
    }


def dump(doc: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
    return path


def write_pair(out: Path, stem: str, pubs: int, seed: int) -> tuple[Path, Path]:
    """Write ``out/cvgen/<stem>.yaml`` and ``out/rendercv/<stem>.yaml`` from one data record."""
    data = make_data(pubs, seed)
    return dump(to_cvgen(data), out / "cvgen" / f"{stem}.yaml"), dump(to_rendercv(data), out / "rendercv" / f"{stem}.yaml")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pubs", type=int, default=40, help="publications per CV")
    parser.add_argument("--count", type=int, default=1, help="how many CVs (seeds 0..count-1)")
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    for i in range(args.count):
        write_pair(args.out, f"cv_{i:03d}", args.pubs, args.seed + i)
    print(f"wrote {args.count} CV pair(s) with {args.pubs} publications to {args.out}/cvgen and {args.out}/rendercv")


if __name__ == "__main__":
    main()
