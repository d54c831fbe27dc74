"""Build the folium map: a static base (frame, context countries) and a per-year
feature group (region layers, border, towns, the selection highlight).

The base map never changes, so streamlit-folium never remounts its iframe; only
the year group is swapped (``feature_group_to_add``), which keeps zoom and pan.
All text that reaches the map's HTML goes through :func:`escape_html`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import folium

from tajikmap.assets import leaflet_css_url, leaflet_js_url
from tajikmap.dataset import Dataset
from tajikmap.geodata import Geodata, Layer
from tajikmap.models import Region

INITIAL_CENTER = (36.6, 69.4)
INITIAL_ZOOM = 6
CONTEXT_STYLE = {"fillColor": "#e8e4da", "color": "#a8a294", "weight": 1, "fillOpacity": 1.0}
INACTIVE_STYLE = {"fillColor": "#d9d6cf", "color": "#8f8a80", "weight": 1, "fillOpacity": 0.9}
BACKGROUND = "#cfe0e8"
SELECTED_STYLE = {"color": "#000000", "weight": 4, "fill": False, "dashArray": None}
APPROX_DASH = "6 4"
# Env var holding an XYZ tile URL template; unset = no tiles, no outside requests.
TILES_ENV = "TAJIKMAP_TILES"
TILES_ATTRIBUTION_ENV = "TAJIKMAP_TILES_ATTRIBUTION"


def escape_html(text: str) -> str:
    """Escape text for HTML that folium also embeds in JS template literals.

    ``html.escape`` covers tags and quotes; folium wraps tooltip HTML in
    backticks, so a backtick, ``${`` or a backslash would break out of it too.
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


@dataclass(frozen=True)
class LegendEntry:
    actor_id: str
    label: str
    color: str
    regions: tuple[str, ...]


def legend(dataset: Dataset, year: int) -> list[LegendEntry]:
    """Who holds sway where in ``year``, one entry per actor, in registry order."""
    drawn = {rid for rid, mode in draw_modes(dataset, year).items() if mode == "active"}
    entries: list[LegendEntry] = []
    for actor in dataset.actors.values():
        regions = tuple(
            r.name for r in dataset.regions_in(year) if r.years[year].sway == actor.id and r.id in drawn
        )
        if regions and actor.color:
            entries.append(LegendEntry(actor.id, actor.name, actor.color, regions))
    return entries


LEGEND_CSS = """<style>
.legend-item { display:inline-flex; align-items:center; margin-right:1rem; font-size:0.9rem; }
.legend-swatch { width:14px; height:14px; margin-right:0.35rem; border:1px solid #333; }
.legend-approx { border:2px dashed #333; background:transparent; }
</style>"""


def legend_html(entries: list[LegendEntry]) -> str:
    """The legend as HTML: escaped labels; colours are schema-checked #rrggbb values."""
    items = [
        f'<span class="legend-item"><span class="legend-swatch" style="background:{e.color}">'
        f"</span>{escape_html(e.label)}</span>"
        for e in entries
    ]
    items.append(
        '<span class="legend-item"><span class="legend-swatch legend-approx"></span>'
        "dashed outline: approximate boundary</span>"
    )
    return " ".join(items)


def draw_modes(dataset: Dataset, year: int) -> dict[str, str]:
    """For every region layer: 'active' (a region of the year), 'inactive' (drawn
    grey for geography) or 'hidden' (a whole whose parts are drawn, or a part of
    a drawn whole).
    """
    active = {r.id for r in dataset.regions_in(year)}
    parts: dict[str, set[str]] = {}
    for r in dataset.regions.values():
        if r.part_of:
            parts.setdefault(r.part_of, set()).add(r.id)
    modes: dict[str, str] = {}
    for layer in dataset.geodata.of_kind("region") + dataset.geodata.of_kind("border"):
        rid = layer.id
        region = dataset.regions.get(rid)
        part_of = region.part_of if region else None
        if parts.get(rid, set()) & active:
            modes[rid] = "hidden"  # its parts carry the year's colours
        elif rid in active:
            modes[rid] = "active"
        elif part_of is not None and part_of in active:
            modes[rid] = "hidden"
        else:
            modes[rid] = "inactive"
    return modes


def tooltip_html(title: str, line: str | None = None) -> str:
    body = f"<b>{escape_html(title)}</b>"
    if line:
        body += f"<br>{escape_html(line)}"
    return body


def _feature(layer: Layer) -> dict[str, Any]:
    # folium rewrites what it is given; hand it a fresh dict each time.
    return {
        "type": "Feature",
        "id": layer.id,
        "properties": dict(layer.properties),
        "geometry": layer.feature["geometry"],
    }


def region_style(region: Region, year: int, layer: Layer, color: str) -> dict[str, Any]:
    is_line = layer.kind == "border"
    return {
        "fillColor": color,
        "color": color if is_line else "#333333",
        "weight": 5 if is_line else 1.5,
        "fillOpacity": 0.55,
        "opacity": 1.0,
        "dashArray": APPROX_DASH if layer.approximate else None,
    }


def build_base_map(geodata: Geodata, *, tiles: str | None = None) -> folium.Map:
    """The map that never changes: frame, local Leaflet, context countries."""
    tiles = tiles if tiles is not None else os.environ.get(TILES_ENV) or None
    fmap = folium.Map(
        location=INITIAL_CENTER,
        zoom_start=INITIAL_ZOOM,
        min_zoom=4,
        max_zoom=11,
        tiles=None,
        control_scale=True,
    )
    # Only Leaflet itself, served by the app: no CDN, no jQuery/Bootstrap/Font Awesome.
    fmap.default_js = [("leaflet", leaflet_js_url())]
    fmap.default_css = [("leaflet_css", leaflet_css_url())]
    root: Any = fmap.get_root()
    root.header.add_child(
        folium.Element(
            f"<style>.leaflet-container {{ background: {BACKGROUND}; }}"
            ".town-label { background: rgba(255,255,255,0.8); border: 0; box-shadow: none;"
            " padding: 0 3px; font-size: 11px; }</style>"
        )
    )
    if tiles:
        attribution = os.environ.get(TILES_ATTRIBUTION_ENV, "Map tiles: see settings")
        folium.TileLayer(tiles=tiles, attr=attribution, name="tiles").add_to(fmap)
    for layer in sorted(geodata.of_kind("context"), key=lambda lyr: lyr.id):
        folium.GeoJson(
            _feature(layer),
            name=layer.id,
            style_function=lambda _f: CONTEXT_STYLE,
            tooltip=folium.Tooltip(tooltip_html(layer.name, "context: no facts")),
        ).add_to(fmap)
    return fmap


def build_year_layer(dataset: Dataset, year: int, selected: str | None = None) -> folium.FeatureGroup:
    """Everything that depends on the year and the selection."""
    group = folium.FeatureGroup(name=f"year-{year}")
    modes = draw_modes(dataset, year)
    layers = dataset.geodata.layers
    # Polygons first, the border line over them, the selection outline on top.
    order = sorted(modes, key=lambda rid: (layers[rid].kind == "border", rid))
    for rid in order:
        mode = modes[rid]
        layer = layers[rid]
        region = dataset.regions.get(rid)
        if mode == "hidden":
            continue
        if mode == "inactive" or region is None:
            folium.GeoJson(
                _feature(layer),
                name=f"{rid}-inactive",
                style_function=lambda _f: INACTIVE_STYLE,
                tooltip=folium.Tooltip(tooltip_html(layer.name, f"no facts in {year}")),
            ).add_to(group)
            continue
        entry = region.years[year]
        color = dataset.actors[entry.sway].color or "#999999"
        style = region_style(region, year, layer, color)
        role = entry.role
        if layer.approximate:
            role += " (approximate boundary)"
        folium.GeoJson(
            _feature(layer),
            name=rid,
            style_function=lambda _f, style=style: style,
            highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.75},
            tooltip=folium.Tooltip(tooltip_html(region.name, role)),
        ).add_to(group)
    if selected is not None and selected in layers and modes.get(selected) != "inactive":
        folium.GeoJson(
            _feature(layers[selected]),
            name="selected",
            style_function=lambda _f: SELECTED_STYLE,
            interactive=False,
        ).add_to(group)
    for town in sorted(dataset.geodata.of_kind("town"), key=lambda lyr: lyr.id):
        lon, lat = town.geometry.x, town.geometry.y
        folium.CircleMarker(
            location=(lat, lon),
            radius=4,
            color="#222222",
            weight=1,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1.0,
            tooltip=folium.Tooltip(
                escape_html(town.name),
                permanent=True,
                direction=str(town.properties.get("label", "right")),
                className="town-label",
            ),
        ).add_to(group)
    return group


def clicked_region(drawing: Mapping[str, Any] | None, dataset: Dataset, year: int) -> str | None:
    """The region id of a clicked feature if it is a region of ``year``, else None."""
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties")
    if not isinstance(props, Mapping):
        return None
    rid = props.get("id")
    if not isinstance(rid, str):
        return None
    region = dataset.regions.get(rid)
    if region is None or year not in region.years:
        return None
    return rid
