"""The view a page shows — a year (the Map) or two years (Compare), a region,
embed — and how a URL carries it (``?year=2021&region=panjshir``,
``?compare=1997,2021&region=kulyab``).

One :class:`View` per page and session. It is parsed once from the URL
(:func:`parse_view`), every change goes through :func:`checked_view`, the one
function that knows which regions each year has, and the page writes it back
with :meth:`View.query`. Anything odd in a link (unknown year, pair or region,
markup, very long or repeated values) falls back to the default view with a
short notice that never echoes the input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    from tajikmap.dataset import Dataset

MAX_PARAM_LENGTH = 64
_YEAR = re.compile(r"^\d{4}$")
_PAIR = re.compile(r"^(\d{4}),(\d{4})$")
_REGION = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The pages' widget keys: each holds one field of the view.
YEAR_KEY = "year"
REGION_KEY = "region"
# The Region lists' choice for the overview (no region). Not None: Streamlit's radio
# takes None for "nothing chosen" and ticks no choice at all. Never a region id (ids
# are not empty).
OVERVIEW_CHOICE = ""
PAIR_KEY = "cmp_years"
COMPARE_REGION_KEY = "cmp_region"

RegionsByYear = Mapping[int, Sequence[str]]
Pair = tuple[int, int]

# Said of what the link opened, as a notice stands through the reader's clicks (pages/map.py).
REGION_UNRECOGNISED = "The link's region was not recognised, so the map opened on the overview."
CANNOT_COMPARE = "Comparing needs two years in the data."


@dataclass(frozen=True)
class View:
    """What a page shows. ``compare`` set: the Compare page's two years (``year`` is
    then the first of them); unset: the Map's one ``year``."""

    year: int
    region: str | None = None
    embed: bool = False  # Streamlit's ?embed=true: a map-first layout for articles
    compare: Pair | None = None  # earlier year first

    def query(self, *, with_embed: bool = False) -> dict[str, str]:
        """Query parameters for this view. Streamlit owns ``embed`` (it may not be
        set from the app), so only links built for sharing carry it."""
        if self.compare:
            query = {"compare": f"{self.compare[0]},{self.compare[1]}"}
        else:
            query = {"year": str(self.year)}
        if self.region:
            query["region"] = self.region
        if with_embed and self.embed:
            query["embed"] = "true"
        return query

    def widget_state(self) -> dict[str, object]:
        """The widget values that show this view on its page, by widget key."""
        if self.compare:
            return {PAIR_KEY: self.compare, COMPARE_REGION_KEY: region_choice(self.region)}
        return {YEAR_KEY: self.year, REGION_KEY: region_choice(self.region)}


def region_choice(region: str | None) -> str:
    """A Region list's value for ``region`` (the overview's for none)."""
    return region or OVERVIEW_CHOICE


def chosen_region(choice: object) -> str | None:
    """The region a Region list's value names; None for the overview (or no value yet)."""
    return choice if isinstance(choice, str) and choice != OVERVIEW_CHOICE else None


def regions_by_year(dataset: Dataset) -> dict[int, tuple[str, ...]]:
    """Every year of the data with the ids of the regions it has, in registry order."""
    return {y: tuple(r.id for r in dataset.regions_in(y)) for y in dataset.years()}


def _checked_pair(pair: Pair, years: Sequence[int], notices: list[str]) -> Pair:
    if pair[0] != pair[1] and pair[0] in years and pair[1] in years:
        return (min(pair), max(pair))
    fallback = (years[0], years[-1])
    listed = ", ".join(str(y) for y in years)
    notices.append(
        f"The link's years to compare were not recognised; comparing {fallback[0]} and "
        f"{fallback[1]} (years: {listed})."
    )
    return fallback


def _checked_compare(
    compare: Pair, region: str | None, regions: RegionsByYear, covered: RegionsByYear | None, embed: bool
) -> tuple[View, list[str]]:
    years = sorted(regions)
    if len(years) < 2:
        return View(years[0], None, embed), [CANNOT_COMPARE]
    notices: list[str] = []
    pair = _checked_pair(compare, years, notices)
    known = covered if covered is not None else regions
    if region is not None and not any(region in known.get(y, ()) for y in pair):
        notices.append(REGION_UNRECOGNISED)
        region = None
    return View(pair[0], region, embed, pair), notices


def checked_view(
    year: int | None,
    region: str | None,
    regions: RegionsByYear,
    *,
    embed: bool = False,
    compare: Pair | None = None,
    covered: RegionsByYear | None = None,
) -> tuple[View, list[str]]:
    """The view for ``year`` (or the two years of ``compare``) and ``region`` if the
    data has them; otherwise a default with a notice for each part that was dropped.

    One year: the first year and no region by default; the region must be one of that
    year's. Two years: the first and last years by default (fewer than two: the one
    year's Map); the region must be ``covered`` in either year, that is, listed or
    part of a listed whole (``covered`` defaults to ``regions``).
    """
    years = list(regions)
    if not years:
        raise ValueError("no years in the data")
    if compare is not None:
        return _checked_compare(compare, region, regions, covered, embed)
    notices: list[str] = []
    if year is None or year not in regions:
        if year is not None:
            listed = ", ".join(str(y) for y in years)
            notices.append(f"The link's year was not recognised; showing {years[0]} (years: {listed}).")
        year = years[0]
    if region is not None and region not in regions[year]:
        if any(region in ids for ids in regions.values()):
            notices.append(f"That region has no facts in {year}, so the map opened on the overview.")
        else:
            notices.append(REGION_UNRECOGNISED)
        region = None
    return View(year, region, embed), notices


def with_region(view: View, region: str | None, regions: RegionsByYear) -> View:
    """``view`` with ``region`` selected, or unchanged if its year has no such region."""
    new, notices = checked_view(view.year, region, regions, embed=view.embed)
    return view if notices else new


def with_year(view: View, year: int, regions: RegionsByYear) -> View:
    """``view`` in ``year``, keeping its region where that year has it."""
    new, notices = checked_view(year, view.region, regions, embed=view.embed)
    return new if not notices else checked_view(year, None, regions, embed=view.embed)[0]


def _single(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence) and len(value) >= 1 and isinstance(value[-1], str):
        return value[-1]  # repeated parameter: the last one wins, as in a browser form
    return None


# What a parameter not even shaped like a year, a pair or an id is checked as: no
# year or region has it, so it gets the "not recognised" notice and is never echoed.
_UNRECOGNISED_YEAR = 0
_UNRECOGNISED_PAIR = (0, 0)
_UNRECOGNISED_REGION = "?"


def _param(params: Mapping[str, object], name: str) -> str | None:
    raw = _single(params.get(name)) if name in params else None
    return raw.strip() if raw is not None else None


def _parsed_year(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if len(text) <= MAX_PARAM_LENGTH and _YEAR.match(text) else _UNRECOGNISED_YEAR


def _parsed_pair(text: str | None, regions: RegionsByYear) -> Pair:
    if text is None:  # the Compare page's bare address: the first and last years
        years = sorted(regions)
        return (years[0], years[-1])
    match = _PAIR.match(text) if len(text) <= MAX_PARAM_LENGTH else None
    return (int(match.group(1)), int(match.group(2))) if match else _UNRECOGNISED_PAIR


def _parsed_region(text: str | None) -> str | None:
    if not text:
        return None
    text = text.lower()
    return text if len(text) <= MAX_PARAM_LENGTH and _REGION.match(text) else _UNRECOGNISED_REGION


def parse_view(
    params: Mapping[str, object],
    regions: RegionsByYear,
    *,
    embed: bool = False,
    comparing: bool = False,
    covered: RegionsByYear | None = None,
) -> tuple[View, list[str]]:
    """Return the view a URL asks for and notices about what was ignored.

    A ``compare`` parameter (or ``comparing``: the Compare page's own address)
    asks for two years, and ``year`` is then not read. ``embed`` says the app runs
    embedded (Streamlit keeps ``embed`` out of its query parameters and reports it
    as ``st.context.is_embedded``); an ``embed`` parameter, where one is passed,
    counts too.
    """
    raw_embed = _param(params, "embed")
    embed = embed or (raw_embed is not None and raw_embed.lower() in ("true", "1"))
    region = _parsed_region(_param(params, "region"))
    if comparing or "compare" in params:
        pair = _parsed_pair(_param(params, "compare"), regions)
        return checked_view(None, region, regions, embed=embed, compare=pair, covered=covered)
    return checked_view(_parsed_year(_param(params, "year")), region, regions, embed=embed)


def permalink(base_url: str | None, view: View) -> str:
    """The link that reopens ``view``; relative when the app's own URL is unknown."""
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0]
    parts = urlsplit(base)
    if parts.scheme and parts.netloc and not parts.path:  # "http://host?year=…" reads oddly
        base += "/"
    return f"{base}?{urlencode(view.query(with_embed=True), safe=',')}"
