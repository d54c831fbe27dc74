"""The view the Map shows — year, region, embed — and how a URL carries it
(``?year=2021&region=panjshir``).

One :class:`View` per session. It is parsed once from the URL
(:func:`parse_view`), every change goes through :func:`checked_view`, the one
function that knows which regions each year has, and the page writes it back
with :meth:`View.query`. Anything odd in a link (unknown year or region,
markup, very long or repeated values) falls back to the default view with a
short notice that never echoes the input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

if TYPE_CHECKING:
    from tajikmap.dataset import Dataset

MAX_PARAM_LENGTH = 64
_YEAR = re.compile(r"^\d{4}$")
_REGION = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The Map page's widget keys: each holds one field of the view.
YEAR_KEY = "year"
REGION_KEY = "region"

RegionsByYear = Mapping[int, Sequence[str]]


@dataclass(frozen=True)
class View:
    year: int
    region: str | None = None
    embed: bool = False  # Streamlit's ?embed=true: a map-first layout for articles

    def query(self, *, with_embed: bool = False) -> dict[str, str]:
        """Query parameters for this view. Streamlit owns ``embed`` (it may not be
        set from the app), so only links built for sharing carry it."""
        query = {"year": str(self.year)}
        if self.region:
            query["region"] = self.region
        if with_embed and self.embed:
            query["embed"] = "true"
        return query

    def widget_state(self) -> dict[str, object]:
        """The Map page's widget values that show this view, by widget key."""
        return {YEAR_KEY: self.year, REGION_KEY: self.region}


def regions_by_year(dataset: Dataset) -> dict[int, tuple[str, ...]]:
    """Every year of the data with the ids of the regions it has, in registry order."""
    return {y: tuple(r.id for r in dataset.regions_in(y)) for y in dataset.years()}


def checked_view(
    year: int | None, region: str | None, regions: RegionsByYear, *, embed: bool = False
) -> tuple[View, list[str]]:
    """The view for ``year`` and ``region`` if the data has them; otherwise the first
    year and no region, with a notice for each part that was dropped."""
    years = list(regions)
    if not years:
        raise ValueError("no years in the data")
    notices: list[str] = []
    if year is None or year not in regions:
        if year is not None:
            listed = ", ".join(str(y) for y in years)
            notices.append(f"The link's year was not recognised; showing {years[0]} (years: {listed}).")
        year = years[0]
    if region is not None and region not in regions[year]:
        if any(region in ids for ids in regions.values()):
            notices.append(f"That region has no facts in {year}; no region is selected.")
        else:
            notices.append("The link's region was not recognised; no region is selected.")
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


# What a parameter not even shaped like a year or an id is checked as: no year
# or region has it, so it gets the "not recognised" notice and is never echoed.
_UNRECOGNISED_YEAR = 0
_UNRECOGNISED_REGION = "?"


def parse_view(
    params: Mapping[str, object], regions: RegionsByYear, *, embed: bool = False
) -> tuple[View, list[str]]:
    """Return the view a URL asks for and notices about what was ignored.

    ``embed`` says the app runs embedded (Streamlit keeps ``embed`` out of its
    query parameters and reports it as ``st.context.is_embedded``); an ``embed``
    parameter, where one is passed, counts too.
    """
    year: int | None = None
    raw_year = _single(params.get("year")) if "year" in params else None
    if raw_year is not None:
        text = raw_year.strip()
        shaped = len(text) <= MAX_PARAM_LENGTH and bool(_YEAR.match(text))
        year = int(text) if shaped else _UNRECOGNISED_YEAR
    region: str | None = None
    raw_region = _single(params.get("region")) if "region" in params else None
    if raw_region is not None and raw_region.strip():
        text = raw_region.strip().lower()
        shaped = len(text) <= MAX_PARAM_LENGTH and bool(_REGION.match(text))
        region = text if shaped else _UNRECOGNISED_REGION
    raw_embed = _single(params.get("embed")) if "embed" in params else None
    embed = embed or (raw_embed is not None and raw_embed.strip().lower() in ("true", "1"))
    return checked_view(year, region, regions, embed=embed)


def to_query(view: View, *, with_embed: bool = False) -> dict[str, str]:
    return view.query(with_embed=with_embed)


def permalink(base_url: str | None, view: View) -> str:
    """The link that reopens ``view``; relative when the app's own URL is unknown."""
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode(view.query(with_embed=True))}"
