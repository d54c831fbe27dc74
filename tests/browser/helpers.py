"""Browser helpers: find the map iframe, click a region by its geometry."""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from tajikmap.paths import GEODATA_DIR

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def _geoms(filename: str) -> dict[str, Any]:
    fc = json.loads((GEODATA_DIR / filename).read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shape(f["geometry"]) for f in fc["features"]}


def _grid_inside(poly: Any, steps: int = 20) -> list[shapely.Point]:
    """Points of a steps x steps grid over ``poly``'s box that lie inside it."""
    minx, miny, maxx, maxy = poly.bounds
    grid = [
        shapely.Point(minx + (maxx - minx) * i / steps, miny + (maxy - miny) * j / steps)
        for i in range(1, steps)
        for j in range(1, steps)
    ]
    return [c for c in grid if poly.contains(c)]


def _biggest_part(region_id: str) -> Any:
    geom = _geoms("regions.geojson")[region_id]
    return max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)


def inner_point(region_id: str) -> tuple[float, float]:
    """(lat, lon) well inside the region and away from town markers."""
    biggest = _biggest_part(region_id)
    towns = shapely.MultiPoint([g for g in _geoms("towns.geojson").values()])
    point = polylabel(biggest, tolerance=0.01)
    if point.distance(towns) < 0.15:
        # Walk a grid for the interior point farthest from both edge and towns.
        inside = _grid_inside(biggest)
        point = max(inside, key=lambda c: min(c.distance(towns), c.distance(biggest.boundary)))
    return point.y, point.x


def inner_points(region_id: str) -> list[tuple[float, float]]:
    """(lat, lon) points inside the region, best first: :func:`inner_point`, then a
    grid's points by distance from the edge (for when something covers the first)."""
    biggest = _biggest_part(region_id)
    inside = sorted(_grid_inside(biggest, steps=12), key=lambda c: -c.distance(biggest.boundary))
    return [inner_point(region_id), *((c.y, c.x) for c in inside)]


def wait_for_map(page: Any) -> Any:
    """Wait until Leaflet has painted vector paths; return the iframe's Frame."""
    frame_el = page.locator(IFRAME)
    frame_el.wait_for(timeout=30_000)
    page.frame_locator(IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    frame = frame_el.element_handle().content_frame()
    frame.wait_for_function("() => window.map && window.map.getSize().x > 0")
    return frame


def click_latlon(page: Any, lat: float, lon: float) -> None:
    frame = page.locator(IFRAME).element_handle().content_frame()
    point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    page.locator(IFRAME).click(position={"x": point["x"], "y": point["y"]})


def panel_heading(page: Any, text: str) -> Any:
    return page.get_by_role("heading", name=text, exact=True)


def choose_year(page: Any, year: int) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=str(year)).click()
