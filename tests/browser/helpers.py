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


def inner_point(region_id: str) -> tuple[float, float]:
    """(lat, lon) well inside the region and away from town markers."""
    geom = _geoms("regions.geojson")[region_id]
    towns = shapely.MultiPoint([g for g in _geoms("towns.geojson").values()])
    polys = getattr(geom, "geoms", [geom])
    biggest = max(polys, key=lambda g: g.area)
    point = polylabel(biggest, tolerance=0.01)
    if point.distance(towns) < 0.15:
        # Walk a grid for the interior point farthest from both edge and towns.
        minx, miny, maxx, maxy = biggest.bounds
        candidates = [
            shapely.Point(minx + (maxx - minx) * i / 20, miny + (maxy - miny) * j / 20)
            for i in range(1, 20)
            for j in range(1, 20)
        ]
        inside = [c for c in candidates if biggest.contains(c)]
        point = max(inside, key=lambda c: min(c.distance(towns), c.distance(biggest.boundary)))
    return point.y, point.x


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
