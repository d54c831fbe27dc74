"""The reader's page's data: every year's looks, legend, regions (role, boundary
method, evidence, background, facts worded by :mod:`tajikmap.present`) and the
shared geometry, as plain JSON-ready values for ``site_assets/site.js``.
"""

from __future__ import annotations

from typing import Any

import shapely

from tajikmap.credits import APPROXIMATE_NOTE, DATA_CREDITS, SWAY_NOTE, article_citation, source_date
from tajikmap.dataset import Dataset
from tajikmap.evidence import compute_evidence, evidence_for
from tajikmap.looks import CONTEXT_STYLE, SELECTED_OUTLINE, TOWN_STYLE, drawing_order, legend, year_looks
from tajikmap.models import Fact, Region
from tajikmap.present import BACKGROUND_LABEL, DATING_LABEL, fact_view, plural


def fact_json(fact: Fact, dataset: Dataset) -> dict[str, Any]:
    """What the panel shows of one fact, worded by :func:`tajikmap.present.fact_view`
    (status, "according to …", the date with inferred dates marked, background)."""
    fv = fact_view(fact, dataset)
    return {
        "id": fv.id,
        "figures": [{"text": text, "label": label, "kind": kind} for text, label, kind in fv.figures],
        "status": fv.status,
        "statement": fv.statement,
        "according": fv.according_to,
        "actors": fv.actors,
        "date": fv.date,
        "citation": fv.citation,
        "note": fv.note,
        "background": [{"text": text, "basis": basis} for text, basis in fv.background],
    }


def _feature(dataset: Dataset, layer_id: str) -> dict[str, Any]:
    layer = dataset.geodata.layers[layer_id]
    return {
        "type": "Feature",
        "properties": {"id": layer.id, "kind": layer.kind, "name": layer.name},
        "geometry": dataset.display.get(layer.id, layer.feature["geometry"]),
    }


def _year_view(dataset: Dataset, year: int, evidence: list[Any]) -> dict[str, Any]:
    looks = year_looks(dataset, year)
    layers = dataset.geodata.layers
    sources = dataset.source_for_year(year)
    return {
        "year": year,
        "looks": {
            rid: {
                "mode": look.mode,
                "style": look.style,
                "interactive": look.interactive and look.mode == "active",
                "tip": _tip(dataset, rid, year, look.mode),
            }
            for rid, look in looks.items()
        },
        "legend": _legend_items(dataset, year),
        "approximate": any(layers[rid].approximate and lk.mode == "active" for rid, lk in looks.items()),
        "regions": [_region_view(dataset, region, year, evidence) for region in dataset.regions_in(year)],
        "sources": [
            {
                "title": s.title,
                "author": s.author or "",
                "dating": s.dating,
                "date": source_date(s),
                "citation": article_citation(s),
            }
            for s in sources
        ],
        "overview": {
            "title": f"Tajikistan in {year}",
            # The date in plain words; how it was worked out folds away (DATING_LABEL).
            "sources": [
                {
                    "title": s.title,
                    "rest": (f" by {s.author}" if s.author else "") + f", {source_date(s)}.",
                    "dating": s.dating,
                }
                for s in sources
            ],
            "count": plural(len(dataset.facts_in(year)), "fact")
            + ". Tap a region on the map, or pick one above, to see what the article says about it.",
        },
    }


def _region_view(dataset: Dataset, region: Region, year: int, evidence: list[Any]) -> dict[str, Any]:
    """One region's panel in ``year``: role, boundary method, evidence, background, facts."""
    layer = dataset.geodata.layers[region.id]
    return {
        "id": region.id,
        "name": region.name,
        "altNames": list(region.alt_names),
        "role": region.years[year].role,
        "approximate": layer.approximate,
        "method": layer.method,
        "evidence": [
            {
                "title": e.title,
                "headline": e.headline,
                "claim": e.claim,
                "measured": e.measured_text,
                "method": e.method,
                "caveat": e.caveat,
            }
            for e in evidence_for(evidence, region.id, year)
        ],
        "roleBackground": [{"text": b.text, "basis": b.basis} for b in region.years[year].background],
        "facts": [fact_json(f, dataset) for f in dataset.facts_for(region.id, year)],
    }


def _legend_items(dataset: Dataset, year: int) -> list[dict[str, Any]]:
    """The legend's entries; an actor holding only the border is drawn as a line."""
    layers = dataset.geodata.layers
    items = []
    for entry in legend(dataset, year):
        kinds = {layers[r.id].kind for r in dataset.regions_in(year) if r.years[year].sway == entry.actor_id}
        items.append(
            {
                "label": entry.label,
                "color": entry.color,
                "line": kinds == {"border"},
                "regions": entry.regions,
            }
        )
    return items


def _tip(dataset: Dataset, rid: str, year: int, mode: str) -> list[str] | None:
    region = dataset.regions.get(rid)
    layer = dataset.geodata.layers[rid]
    if mode == "hidden" or region is None:
        return None
    if mode == "inactive":
        return [layer.name, f"no facts in {year}"]
    role = region.years[year].role + (" (approximate boundary)" if layer.approximate else "")
    return [region.name, role]


def frame_bounds(dataset: Dataset) -> list[list[float]]:
    """[[south, west], [north, east]] the map opens on: Tajikistan and every region no
    larger than it (as the print images frame it), so a phone sees the articles' area."""
    layers = dataset.geodata.layers
    geoms = [layers[r.id].geometry for r in dataset.regions.values() if r.years and r.id in layers]
    limit = layers["tajikistan"].geometry.area if "tajikistan" in layers else max(g.area for g in geoms)
    west, south, east, north = shapely.union_all([g for g in geoms if g.area <= limit]).bounds
    return [[round(south, 3), round(west, 3)], [round(north, 3), round(east, 3)]]


def site_data(dataset: Dataset, year: int | None = None, region: str | None = None) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-ready data."""
    years = dataset.years()
    first_year = years[0] if year is None else year
    if first_year not in years:
        raise ValueError(f"year {first_year} is not in the data ({years})")
    if region is not None and (
        region not in dataset.regions or first_year not in dataset.regions[region].years
    ):
        raise ValueError(f"region {region!r} has no layer in {first_year}")
    evidence = compute_evidence(dataset)
    context = sorted(dataset.geodata.of_kind("context"), key=lambda lyr: lyr.id)
    towns = sorted(dataset.geodata.of_kind("town"), key=lambda lyr: lyr.id)
    return {
        "years": years,
        "initial": {"year": first_year, "region": region},
        "frame": frame_bounds(dataset),
        "contextStyle": CONTEXT_STYLE,
        "selectedStyle": SELECTED_OUTLINE,
        "townStyle": TOWN_STYLE,
        "context": [dict(_feature(dataset, lyr.id), tip=[lyr.name, "context: no facts"]) for lyr in context],
        "shapes": [_feature(dataset, rid) for rid in drawing_order(dataset)],
        "towns": [
            {
                "name": t.name,
                "lat": t.geometry.y,
                "lon": t.geometry.x,
                "label": str(t.properties.get("label", "right")),
            }
            for t in towns
        ],
        "byYear": {str(y): _year_view(dataset, y, evidence) for y in years},
        "approximateNote": APPROXIMATE_NOTE,
        "swayNote": SWAY_NOTE,
        "backgroundLabel": BACKGROUND_LABEL,
        "datingLabel": DATING_LABEL,
        "credits": DATA_CREDITS,
        # Short, for the map's corner; the page's footer gives them in full.
        "mapCredits": "Natural Earth | GeoNames (CC BY 4.0)",
    }
