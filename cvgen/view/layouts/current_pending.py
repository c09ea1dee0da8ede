"""Current and Pending (Other) Support (the Common Form NSF and NIH share), drafted from ``grants``.

For each project or proposal the form asks for: title, status of support, proposal or award
number, source of support, primary place of performance, start and end dates (MM/YYYY), the
total anticipated amount, person-months per year, the overall objectives and a statement of
potential overlap; in-kind contributions are listed apart. Grants with status current, pending,
planned (submission planned) or transfer (transfer of support) are listed; completed ones and
grants without a status are not.

The figures are checked, and each problem is a warning naming ``file:line:col`` and the field:
person-months outside the project's period, a year given twice, a share above the total, a
listed project without person-months, and more than twelve person-months in one year across
current support (or across current and pending, were everything pending awarded). A totals
section (for checking; not part of the form) sums amounts and months.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from cvgen.locale import Locale
from cvgen.model.cv import CV
from cvgen.model.dates import PartialDate
from cvgen.model.entries import Grant
from cvgen.model.loaded import Origin
from cvgen.model.markup import Inline, Text, plain
from cvgen.model.settings import Profile
from cvgen.view.document import Document, Group, Header, Item, Meta, PageLimit, Section
from cvgen.view.inline import join, strong
from cvgen.view.layouts import funder_rows as rows

LISTED = ("current", "pending", "planned", "transfer")
STATUS_TEXT = {"current": "Current", "pending": "Pending", "planned": "Submission Planned",
               "transfer": "Transfer of Support", "completed": "Completed"}
FULL_YEAR = 12.0


def _check_grant(i: int, g: Grant, checks: rows.Located, loc: Locale) -> None:
    if g.status in LISTED and not g.person_months:
        checks.warn(("grants", i), f"{STATUS_TEXT[g.status]} support without person_months; the form asks for them per year")
    first = g.start.year if g.start else None
    last = g.end.year if isinstance(g.end, PartialDate) else None
    seen: set[int] = set()
    for j, pm in enumerate(g.person_months):
        if pm.year in seen:
            checks.warn(("grants", i, "person_months", j, "year"), f"{pm.year} is given twice")
        seen.add(pm.year)
        if (first is not None and pm.year < first) or (last is not None and pm.year > last):
            period = loc.date_range(g.start, g.end, "numeric")
            checks.warn(("grants", i, "person_months", j, "year"), f"{pm.year} is outside the project period {period}")
    if g.amount and g.share and g.share.currency == g.amount.currency and g.share.value > g.amount.value:
        checks.warn(("grants", i, "share"), f"the share ({loc.money(g.share.value, g.share.currency)}) is more than "
                                            f"the total ({loc.money(g.amount.value, g.amount.currency)})")


def months_by_year(grants: list[tuple[int, Grant]]) -> dict[int, float]:
    """Person-months per calendar year summed over the grants given."""
    total: dict[int, float] = defaultdict(float)
    for _, g in grants:
        for pm in g.person_months:
            total[pm.year] += pm.months
    return dict(sorted(total.items()))


def amounts(grants: list[tuple[int, Grant]]) -> dict[str, float]:
    """Total anticipated amounts by currency."""
    total: dict[str, float] = defaultdict(float)
    for _, g in grants:
        if g.amount:
            total[g.amount.currency] += g.amount.value
    return dict(total)


def _check_load(current: list[tuple[int, Grant]], pending: list[tuple[int, Grant]], checks: rows.Located) -> None:
    for year, months in months_by_year(current).items():
        if months > FULL_YEAR:
            checks.warn(("grants",), f"current support commits {_months(months)} person-months in {year}, more than {FULL_YEAR:g}")
    for year, months in months_by_year(current + pending).items():
        if months > FULL_YEAR:
            checks.warn(("grants",), f"current and pending support together would commit {_months(months)} person-months in "
                                     f"{year}, more than {FULL_YEAR:g}, were everything pending awarded")


def _months(m: float) -> str:
    """Person-months with one decimal at least, two when given: 1.0, 2.4, 0.25."""
    text = f"{m:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _months_text(months: dict[int, float]) -> str:
    return "; ".join(f"{year}: {_months(m)}" for year, m in months.items())


def project_item(g: Grant, loc: Locale) -> Item:
    """One project with the form's fields, in the form's order, each on its own labelled line."""
    fields: list[tuple[str, Inline | str | None]] = [
        ("Status of support", STATUS_TEXT.get(g.status or "", None)),
        ("Proposal/award number", g.number),
        ("Source of support", g.sponsor),
        ("Primary place of performance", g.location),
        ("Project/proposal start and end date (MM/YYYY)", loc.date_range(g.start, g.end, "numeric") or None),
        ("Estimated value" if g.kind == "in-kind" else "Total anticipated proposal/project amount",
         loc.money(g.amount.value, g.amount.currency) if g.amount else None),
        ("Person-months per year committed", _months_text({pm.year: pm.months for pm in g.person_months}) or None),
        ("Role", g.role),
        ("Overall objectives", g.objectives),
        ("Statement of potential overlap", g.overlap),
    ]
    if g.share:
        fields.insert(6, ("Owner's share", loc.money(g.share.value, g.share.currency)))
    details = [join([strong(f"{label}:"), value], " ") for label, value in fields if value]
    details.extend(g.notes)
    return Item(main=strong(g.title), kind="grant", details=tuple(details))


def _totals(current: list[tuple[int, Grant]], pending: list[tuple[int, Grant]], loc: Locale) -> Section:
    lines: list[Inline] = []
    for name, chosen in (("Current", current), ("Pending and planned", pending)):
        money_text = ", ".join(loc.money(v, c) for c, v in amounts(chosen).items()) or "no amounts given"
        lines.append((Text(f"{name}: {len(chosen)} entries, {money_text}; person-months per year: "
                           f"{_months_text(months_by_year(chosen)) or 'none given'}."),))
    both = _months_text(months_by_year(current + pending)) or "none given"
    lines.append((Text(f"Current and pending together, person-months per year: {both}."),))
    return Section("totals", "Totals (for checking; not part of the form)", intro=tuple(lines), layout="text")


def prepare_current_pending(
    cv: CV, profile: Profile, meta: Meta, header: Header, origin: Origin, loc: Locale
) -> Document:
    """Lay ``grants`` out as the Current and Pending (Other) Support form, with its figures checked."""
    checks = rows.Located(origin)
    for i, g in enumerate(cv.grants):
        _check_grant(i, g, checks, loc)
    listed = [(i, g) for i, g in enumerate(cv.grants) if g.status in LISTED]
    order = {s: n for n, s in enumerate(LISTED)}
    listed.sort(key=lambda x: (x[1].start.sort_key if x[1].start else (0, 0, 0)), reverse=True)
    listed.sort(key=lambda x: order[x[1].status or "current"])  # stable: by status, newest start first within
    projects = [(i, g) for i, g in listed if g.kind == "project"]
    in_kind = [(i, g) for i, g in listed if g.kind == "in-kind"]
    current = [(i, g) for i, g in projects if g.status == "current"]
    pending = [(i, g) for i, g in projects if g.status != "current"]
    _check_load(current, pending, checks)
    unlisted = [plain(g.title) for g in cv.grants if g.status is None]
    if unlisted:
        checks.found.append(f"current and pending support: {len(unlisted)} grants have no status and are not listed "
                            f"(give status: current, pending, planned or transfer): {'; '.join(unlisted)}")
    sections = [Section("identifying", "Identifying Information", intro=rows.identifying(cv, loc), layout="text")]
    if projects:
        items = tuple(project_item(g, loc) for _, g in projects)
        sections.append(Section("projects", "Proposals and Active Projects", groups=(Group(None, items, keep_last=True),)))
    if in_kind:
        items = tuple(project_item(g, loc) for _, g in in_kind)
        sections.append(Section("in-kind", "In-Kind Contributions", groups=(Group(None, items),)))
    sections.append(_totals(current, pending, loc))
    limit = PageLimit(profile.page_limit, "the profile's page_limit") if profile.page_limit else None
    doc_meta = replace(meta, title=f"{cv.person.name} — Current and Pending (Other) Support",
                       subject="Current and Pending (Other) Support")
    return Document(meta=doc_meta, header=Header(name=header.name), sections=tuple(sections),
                    warnings=tuple(checks.found), page_limit=limit, fragment_keys=("projects",))
