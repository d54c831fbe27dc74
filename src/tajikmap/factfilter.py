"""Which facts a Facts-page view shows, and the link that reopens that view.

A view is a :class:`FactFilter` (years, regions, categories, actors, statuses and
a search text). It travels in the URL as ``?year=2021&status=claim,rumour&q=refugees``:
:func:`parse_filter` reads such a link defensively (anything odd is dropped with a
short notice that never repeats the input), :func:`filter_query` writes it back,
and :func:`filter_facts` applies it. Plain functions, no UI.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tajikmap.dataset import Dataset
from tajikmap.models import STATUSES, Category, Fact, Status
from tajikmap.present import fact_view

MAX_QUERY_LENGTH = 200
MAX_LIST_LENGTH = 1000  # a whole list parameter, before it is split on commas
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_YEAR = re.compile(r"^\d{4}$")
# URL parameter -> FactFilter field, in the order links are written.
PARAMS: dict[str, str] = {
    "year": "years",
    "region": "regions",
    "category": "categories",
    "actor": "actors",
    "status": "statuses",
    "q": "query",
}


@dataclass(frozen=True)
class FactFilter:
    """One Facts-page view. Empty groups do not filter; groups combine with AND,
    values inside a group with OR; every word of ``query`` must appear."""

    years: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    actors: tuple[str, ...] = ()
    statuses: tuple[Status, ...] = ()
    query: str = ""

    def active(self) -> list[str]:
        """Names of the URL parameters this view sets (for 'filtered by …')."""
        return [name for name, attr in PARAMS.items() if getattr(self, attr)]


@dataclass(frozen=True)
class FilterOptions:
    """What each filter can be set to, in the order the page lists them."""

    years: tuple[int, ...]
    regions: tuple[str, ...]
    categories: tuple[Category, ...]
    actors: tuple[str, ...]
    statuses: tuple[Status, ...]


def filter_options(dataset: Dataset) -> FilterOptions:
    """Only values some fact has: a filter choice never leads to an empty page by itself."""
    facts = dataset.facts
    used_regions = {r for f in facts for r in f.regions}
    used_actors = {a for f in facts for a in (*f.actors, *f.claimed_by)}
    used_categories = {f.category for f in facts}
    used_statuses = {f.status for f in facts}
    return FilterOptions(
        years=tuple(sorted({f.year for f in facts})),
        regions=tuple(sorted(used_regions, key=lambda r: dataset.regions[r].name.lower())),
        categories=tuple(sorted(used_categories)),
        actors=tuple(sorted(used_actors, key=lambda a: dataset.actors[a].name.lower())),
        # The data's own order (reported first, then ever less certain), not alphabetical.
        statuses=tuple(s for s in STATUSES if s in used_statuses),
    )


def _values(raw: object) -> list[str] | None:
    """A parameter's values: one string, a repeated parameter (list) or commas; None if malformed."""
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, Sequence) or not all(isinstance(i, str) for i in items):
        return None
    joined = ",".join(items)
    if len(joined) > MAX_LIST_LENGTH:
        return None
    return [part.strip().lower() for part in joined.split(",") if part.strip()]


def _clean_query(raw: object) -> str | None:
    text = raw if isinstance(raw, str) else _last(raw)
    if text is None or len(text) > MAX_QUERY_LENGTH:
        return None
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        return None  # control, format (bidi overrides) or unassigned characters
    return " ".join(text.split())


def _last(raw: object) -> str | None:
    if isinstance(raw, Sequence) and raw and isinstance(raw[-1], str):
        return raw[-1]
    return None


def parse_filter(params: Mapping[str, object], options: FilterOptions) -> tuple[FactFilter, list[str]]:
    """The view a URL asks for, and one notice per parameter that was (partly) ignored.

    Unknown parameters (the Map page's ``embed``, tracking tags) are left alone.
    Notices name the parameter, never its value.
    """
    notices: list[str] = []
    chosen: dict[str, object] = {}
    allowed: dict[str, Sequence[object]] = {
        "year": options.years,
        "region": options.regions,
        "category": options.categories,
        "actor": options.actors,
        "status": options.statuses,
    }
    for name, valid in allowed.items():
        if name not in params:
            continue
        values = _values(params[name])
        picked: list[object] = []
        dropped = values is None
        for value in values or []:
            item: object = value
            if name == "year":
                item = int(value) if _YEAR.match(value) else None
            elif not _ID.match(value):
                item = None
            if item in valid and item not in picked:
                picked.append(item)
            elif item not in picked:
                dropped = True
        if dropped:
            notices.append(f"Part of the link's {name} filter was not recognised and is ignored.")
        # Canonical order, so the same view always has the same link.
        chosen[PARAMS[name]] = tuple(v for v in valid if v in picked)
    if "q" in params:
        query = _clean_query(params["q"])
        if query is None:
            notices.append(
                f"The link's search text was not usable (at most {MAX_QUERY_LENGTH} "
                "plain characters) and is ignored."
            )
        else:
            chosen["query"] = query
    return FactFilter(**chosen), notices  # type: ignore[arg-type]


def filter_query(view: FactFilter) -> dict[str, str]:
    """URL parameters for ``view``: lists as comma-separated ids, nothing for empty groups."""
    query: dict[str, str] = {}
    for name, attr in PARAMS.items():
        value = getattr(view, attr)
        if not value:
            continue
        query[name] = value if isinstance(value, str) else ",".join(str(v) for v in value)
    return query


def search_text(fact: Fact, dataset: Dataset) -> str:
    """Everything a reader sees on a fact's card, as one lower-case string to search."""
    fv = fact_view(fact, dataset)
    parts = [
        fv.status,
        fv.statement,
        fv.according_to,
        fv.date,
        fv.actors,
        fv.citation,
        fv.note,
        fact.category,
        *(dataset.regions[r].name for r in fact.regions),
        *(" ".join(fig) for fig in fv.figures),
        *(" ".join(bg) for bg in fv.background),
    ]
    return " ".join(" ".join(parts).split()).lower()


def matches(fact: Fact, view: FactFilter, dataset: Dataset) -> bool:
    if view.years and fact.year not in view.years:
        return False
    if view.regions and not set(view.regions) & set(fact.regions):
        return False
    if view.categories and fact.category not in view.categories:
        return False
    if view.actors and not set(view.actors) & {*fact.actors, *fact.claimed_by}:
        return False
    if view.statuses and fact.status not in view.statuses:
        return False
    if view.query:
        text = search_text(fact, dataset)
        return all(word in text for word in view.query.lower().split())
    return True


def describe(view: FactFilter, dataset: Dataset) -> str:
    """The view in words, for the line over the facts (the filters fold away on a
    phone): 'year 2021; status rumour; search "kabul"'. Plain text, not escaped."""

    def either(values: Sequence[str]) -> str:
        return " or ".join(values)

    parts = []
    if view.years:
        parts.append("year " + either([str(y) for y in view.years]))
    if view.statuses:
        parts.append("status " + either(view.statuses))
    if view.categories:
        parts.append("category " + either(view.categories))
    if view.regions:
        parts.append(
            "region " + either([dataset.regions[r].name for r in view.regions if r in dataset.regions])
        )
    if view.actors:
        parts.append("actor " + either([dataset.actors[a].name for a in view.actors if a in dataset.actors]))
    if view.query:
        parts.append(f'search "{view.query}"')
    return "; ".join(parts)


def filter_facts(dataset: Dataset, view: FactFilter) -> list[Fact]:
    """The facts ``view`` shows, in article order (year, then paragraph)."""
    hits = [f for f in dataset.facts if matches(f, view, dataset)]
    return sorted(hits, key=lambda f: (f.year, f.citation.source, f.citation.paragraph))


__all__ = [
    "PARAMS",
    "FactFilter",
    "FilterOptions",
    "filter_facts",
    "filter_options",
    "filter_query",
    "matches",
    "parse_filter",
    "search_text",
]
