"""Pure style decisions for the map: which layers a year draws, their colours,
tooltips and legend, and the HTML escaping every map text goes through.

No folium here: the same looks serve the live map (restyled in the browser) and
the export (drawn as GeoJSON layers).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tajikmap.credits import SWAY_NOTE
from tajikmap.dataset import Dataset
from tajikmap.geodata import Layer
from tajikmap.mapwords import region_title

CONTEXT_STYLE = {"fillColor": "#e8e4da", "color": "#a8a294", "weight": 1, "fillOpacity": 1.0}
INACTIVE_STYLE = {"fillColor": "#d9d6cf", "color": "#8f8a80", "weight": 1, "fillOpacity": 0.9}
HIDDEN_STYLE = {"opacity": 0.0, "fillOpacity": 0.0, "weight": 0, "dashArray": None}
SELECTED_OUTLINE = {"color": "#000000", "weight": 4, "opacity": 1.0}
BACKGROUND = "#cfe0e8"  # the sea of no tiles; css/map.css paints the live map with the same colour
APPROX_DASH = "6 4"
# Credited in the map's own attribution line, where map data sources belong.
DATA_ATTRIBUTION = "Natural Earth (public domain) | towns: GeoNames (CC BY 4.0)"
# Town markers: a white dot with a dark rim (Leaflet's option names). Not interactive:
# a click on a town's dot is a click on the region it lies in (the browser passes it
# through), not a click on a layer with nothing to show.
TOWN_STYLE: dict[str, Any] = {
    "interactive": False,
    "radius": 4,
    "color": "#222222",
    "weight": 1,
    "fill": True,
    "fillColor": "#ffffff",
    "fillOpacity": 1.0,
}


def escape_html(text: str) -> str:
    """Escape text for HTML that folium also embeds in JS template literals.

    ``html.escape`` covers tags and quotes; folium wraps tooltip HTML in
    backticks, so a backtick, ``${`` or a backslash would break out of it too.
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def tooltip_html(title: str, line: str | None = None) -> str:
    body = f"<b>{escape_html(title)}</b>"
    if line:
        body += f"<br>{escape_html(line)}"
    return body


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


def legend_html(entries: list[LegendEntry]) -> str:
    """The legend's entries as HTML: escaped labels; colours are schema-checked #rrggbb values."""
    items = [
        f'<span class="legend-item"><span class="legend-swatch" style="background:{e.color}">'
        f"</span>{escape_html(e.label)}</span>"
        for e in entries
    ]
    items.append(
        '<span class="legend-item"><span class="legend-swatch legend-approx"></span>'
        "dashed outline: approximate boundary</span>"
    )
    items.append(f'<span class="legend-item legend-note">{escape_html(SWAY_NOTE)}</span>')
    return "".join(items)


def legend_title(year: int) -> str:
    return f"Who holds sway, {year}"


def region_style(layer: Layer, color: str) -> dict[str, Any]:
    is_line = layer.kind == "border"
    return {
        "fillColor": color,
        "color": color if is_line else "#333333",
        "weight": 5 if is_line else 1.5,
        "fillOpacity": 0.55,
        "opacity": 1.0,
        "dashArray": APPROX_DASH if layer.approximate else None,
    }


@dataclass(frozen=True)
class Look:
    """How one layer looks in a year: its style, tooltip HTML (escaped) and whether
    it takes clicks. ``mode`` is active, inactive or hidden (see draw_modes)."""

    mode: str
    style: dict[str, Any]
    tooltip: str | None
    interactive: bool


def drawing_order(dataset: Dataset) -> list[str]:
    """Region and border layer ids as they are drawn: polygons first, the border over them."""
    layers = dataset.geodata.of_kind("region") + dataset.geodata.of_kind("border")
    return [lyr.id for lyr in sorted(layers, key=lambda lyr: (lyr.kind == "border", lyr.id))]


def _look(dataset: Dataset, rid: str, mode: str, year: int) -> Look:
    layer, region = dataset.geodata.layers[rid], dataset.regions.get(rid)
    if mode == "hidden" or region is None:
        return Look("hidden", dict(HIDDEN_STYLE), None, False)
    if mode == "inactive":
        tip = tooltip_html(region_title(region), f"no facts in {year}")
        return Look("inactive", dict(INACTIVE_STYLE, dashArray=None), tip, True)
    entry = region.years[year]
    color = dataset.actors[entry.sway].color or "#999999"
    role = entry.role + (" (approximate boundary)" if layer.approximate else "")
    return Look("active", region_style(layer, color), tooltip_html(region_title(region), role), True)


def _outlined(look: Look) -> Look:
    style = dict(look.style, **SELECTED_OUTLINE)
    if look.mode == "hidden":  # a whole drawn through its parts: outline only
        style.update(fillOpacity=0.0, dashArray=None)
    return Look(look.mode, style, look.tooltip, look.mode == "active")


def year_looks(dataset: Dataset, year: int, selected: str | None = None) -> dict[str, Look]:
    """The look of every region and border layer in ``year``, in drawing order
    (polygons, then the border, then the selected region on top)."""
    modes = draw_modes(dataset, year)
    looks = {rid: _look(dataset, rid, modes[rid], year) for rid in drawing_order(dataset)}
    if selected in looks and looks[selected].mode != "inactive":
        looks[selected] = _outlined(looks.pop(selected))
    return looks


def feature(layer: Layer, display: Mapping[str, Any]) -> dict[str, Any]:
    """A layer as a GeoJSON feature with its drawn (simplified) geometry.

    folium rewrites what it is given, so this is a fresh dict each time; only
    the properties a click handler needs travel to the browser.
    """
    props = {k: layer.properties[k] for k in ("id", "name", "kind") if k in layer.properties}
    return {
        "type": "Feature",
        "properties": props,
        "geometry": display.get(layer.id, layer.feature["geometry"]),
    }
