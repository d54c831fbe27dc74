"""Assemble the folium map: a static base (all shapes and towns, loaded from a
served file, and an empty legend) and a per-year feature group that only
restyles it (colours, tooltips, the selection outline, the legend's entries).

The base map never changes, so streamlit-folium never remounts its iframe; only
the year group is swapped (``feature_group_to_add``), which keeps zoom and pan.
What things look like is decided in :mod:`tajikmap.looks`, the served file in
:mod:`tajikmap.geometry`, the scripts in :mod:`tajikmap.elements`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import folium

from tajikmap.assets import leaflet_css_url, leaflet_js_url
from tajikmap.dataset import Dataset
from tajikmap.elements import (
    FrameFit,
    GeometryLoader,
    ImmediateClick,
    LegendBox,
    PanelIntoView,
    RegionTooltips,
    YearLook,
    map_css,
)
from tajikmap.looks import (
    legend,
    legend_html,
    legend_title,
    year_looks,
)

INITIAL_CENTER = (36.6, 69.4)
INITIAL_ZOOM = 6
# Env var holding an XYZ tile URL template; unset = no tiles, no outside requests.
TILES_ENV = "TAJIKMAP_TILES"
TILES_ATTRIBUTION_ENV = "TAJIKMAP_TILES_ATTRIBUTION"
# The Map page's panel is a container with this key; on a phone a tap scrolls its heading into view.
PANEL_KEY = "region-panel"
# The Map page's map is in a container with this key (a box of the map's final height).
MAP_BOX_KEY = "map-box"
# What the map frames at load: the country; with it, every border layer and every
# region smaller than the country (its parts, and Panjshir across the border); the
# neighbours drawn as wholes (Afghanistan, Uzbekistan) are its surroundings.
FOCUS_REGION = "tajikistan"
# Fractional zoom, so the fit fills the frame instead of falling back a whole step (half the scale).
ZOOM_SNAP = 0.25


def focus_bounds(dataset: Dataset) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) of Tajikistan, the border layers and the regions
    smaller than Tajikistan, from the geodata."""
    layers = dataset.geodata.layers
    if FOCUS_REGION not in layers:
        raise ValueError(f"the geodata has no {FOCUS_REGION!r} layer to frame the map on")
    country = layers[FOCUS_REGION]
    smaller = [lyr for lyr in dataset.geodata.of_kind("region") if lyr.geometry.area < country.geometry.area]
    shapes = [country, *dataset.geodata.of_kind("border"), *smaller]
    west = min(layer.geometry.bounds[0] for layer in shapes)
    south = min(layer.geometry.bounds[1] for layer in shapes)
    east = max(layer.geometry.bounds[2] for layer in shapes)
    north = max(layer.geometry.bounds[3] for layer in shapes)
    return (south, west), (north, east)


def build_base_map(
    dataset: Dataset,
    *,
    geometry_url: str,
    tiles: str | None = None,
    legend_position: str = "bottomleft",
    panel: PanelIntoView | None = None,
) -> folium.Map:
    """The map that never changes: local Leaflet, the served geometry, towns.

    Region and border layers start hidden; the year's :class:`YearLook` (sent in
    ``feature_group_to_add``) styles them, so a year switch or a click sends a
    few kilobytes of styles instead of the geometry again. It opens framed on
    :func:`focus_bounds` at whatever size the frame has. ``panel`` says which
    heading a tap brings into view (the Map page's panel unless given).
    """
    tiles = tiles if tiles is not None else os.environ.get(TILES_ENV) or None
    fmap = folium.Map(
        location=INITIAL_CENTER,
        zoom_start=INITIAL_ZOOM,
        min_zoom=4,
        max_zoom=11,
        tiles=None,
        control_scale=True,
        zoom_snap=ZOOM_SNAP,
    )
    # Only Leaflet itself, served by the app: no CDN, no jQuery/Bootstrap/Font Awesome.
    fmap.default_js = [("leaflet", leaflet_js_url())]
    fmap.default_css = [("leaflet_css", leaflet_css_url())]
    root: Any = fmap.get_root()
    root.header.add_child(folium.Element(f"<style>{map_css()}</style>"))
    if tiles:
        attribution = os.environ.get(TILES_ATTRIBUTION_ENV, "Map tiles: see settings")
        folium.TileLayer(tiles=tiles, attr=attribution, name="tiles").add_to(fmap)
    RegionTooltips().add_to(fmap)  # first: it defines the tooltip binding the geometry and the looks use
    GeometryLoader(geometry_url).add_to(fmap)
    ImmediateClick().add_to(fmap)
    (panel or PanelIntoView(f".st-key-{PANEL_KEY} h2")).add_to(fmap)
    LegendBox(position=legend_position).add_to(fmap)
    FrameFit(focus_bounds(dataset)).add_to(fmap)  # last: it measures the corner controls
    return fmap


def build_year_layer(
    dataset: Dataset,
    year: int,
    selected: str | None = None,
    *,
    switch: Mapping[int, str | None] | None = None,
) -> folium.FeatureGroup:
    """What depends on the year and the selection: styles, tooltips, highlight.

    ``switch``: the other years a reader can switch to, each with the region the
    view keeps there (:func:`tajikmap.urlstate.with_year`). Their looks go along,
    so the map shows a year switch at once, while the rerun brings the panel.
    """
    group = folium.FeatureGroup(name=f"year-{year}")
    others = {y: _year_look(dataset, y, region) for y, region in (switch or {}).items() if y != year}
    _year_look(dataset, year, selected, others).add_to(group)
    return group


def _year_look(
    dataset: Dataset, year: int, selected: str | None, switch: Mapping[int, YearLook] | None = None
) -> YearLook:
    entries = legend_html(legend(dataset, year))
    return YearLook(
        year_looks(dataset, year, selected), legend_title(year), entries, year=year, switch=switch
    )


def clicked_region(drawing: Mapping[str, Any] | None) -> str | None:
    """The layer id of a clicked feature as streamlit-folium reports it, if any.

    Whether the view can select it is for :func:`tajikmap.urlstate.with_region`.
    """
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties")
    if not isinstance(props, Mapping):
        return None
    rid = props.get("id")
    return rid if isinstance(rid, str) else None
