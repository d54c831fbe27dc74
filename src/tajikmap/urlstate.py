"""The view a URL carries (``?year=2021&region=panjshir``), parsed defensively.

Anything odd (unknown year or region, markup, very long or repeated values)
falls back to the default view with a short notice that never echoes the input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

MAX_PARAM_LENGTH = 64
_YEAR = re.compile(r"^\d{4}$")
_REGION = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class View:
    year: int
    region: str | None = None
    embed: bool = False  # Streamlit's ?embed=true: a map-first layout for articles


def _single(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence) and len(value) >= 1 and isinstance(value[-1], str):
        return value[-1]  # repeated parameter: the last one wins, as in a browser form
    return None


def parse_view(
    params: Mapping[str, object],
    years: Sequence[int],
    regions_by_year: Mapping[int, Sequence[str]],
) -> tuple[View, list[str]]:
    """Return the view a URL asks for and notices about what was ignored."""
    if not years:
        raise ValueError("no years in the data")
    notices: list[str] = []
    year = years[0]
    raw_year = _single(params.get("year")) if "year" in params else None
    if raw_year is not None:
        text = raw_year.strip()
        if len(text) <= MAX_PARAM_LENGTH and _YEAR.match(text) and int(text) in years:
            year = int(text)
        else:
            listed = ", ".join(str(y) for y in years)
            notices.append(f"The link's year was not recognised; showing {year} (years: {listed}).")
    region: str | None = None
    raw_region = _single(params.get("region")) if "region" in params else None
    if raw_region is not None and raw_region.strip():
        text = raw_region.strip().lower()
        valid = len(text) <= MAX_PARAM_LENGTH and bool(_REGION.match(text))
        if valid and text in regions_by_year.get(year, ()):
            region = text
        elif valid and any(text in ids for ids in regions_by_year.values()):
            notices.append(f"That region has no facts in {year}; no region is selected.")
        else:
            notices.append("The link's region was not recognised; no region is selected.")
    raw_embed = _single(params.get("embed")) if "embed" in params else None
    embed = raw_embed is not None and raw_embed.strip().lower() in ("true", "1")
    return View(year=year, region=region, embed=embed), notices


def to_query(view: View, *, with_embed: bool = False) -> dict[str, str]:
    """Query parameters for ``view``. Streamlit owns ``embed`` (it may not be set
    from the app), so only links built for sharing carry it."""
    query = {"year": str(view.year)}
    if view.region:
        query["region"] = view.region
    if with_embed and view.embed:
        query["embed"] = "true"
    return query


def permalink(base_url: str | None, view: View) -> str:
    """The link that reopens ``view``; relative when the app's own URL is unknown."""
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode(to_query(view, with_embed=True))}"
