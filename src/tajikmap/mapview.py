"""Build the folium map: a static base (all shapes and towns, loaded from a served
file, and an empty legend) and a per-year feature group that only restyles it
(colours, tooltips, the selection outline, the legend's entries).

The base map never changes, so streamlit-folium never remounts its iframe; only
the year group is swapped (``feature_group_to_add``), which keeps zoom and pan.
All text that reaches the map's HTML goes through :func:`escape_html`.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from tajikmap.assets import STATIC_URL_FROM_COMPONENT, leaflet_css_url, leaflet_js_url
from tajikmap.dataset import Dataset
from tajikmap.geodata import Layer

# folium writes GeoJSON with ", " and ": " separators; every session downloads the
# base map's geometry once, so write it compactly (whitespace only; same JSON).
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = {
    "sort_keys": True,
    "separators": (",", ":"),
}

INITIAL_CENTER = (36.6, 69.4)
INITIAL_ZOOM = 6
CONTEXT_STYLE = {"fillColor": "#e8e4da", "color": "#a8a294", "weight": 1, "fillOpacity": 1.0}
INACTIVE_STYLE = {"fillColor": "#d9d6cf", "color": "#8f8a80", "weight": 1, "fillOpacity": 0.9}
BACKGROUND = "#cfe0e8"
APPROX_DASH = "6 4"
# Env var holding an XYZ tile URL template; unset = no tiles, no outside requests.
TILES_ENV = "TAJIKMAP_TILES"
TILES_ATTRIBUTION_ENV = "TAJIKMAP_TILES_ATTRIBUTION"
# Credited in the map's own attribution line, where map data sources belong.
DATA_ATTRIBUTION = "Natural Earth (public domain) | towns: GeoNames (CC BY 4.0)"


# The map's own CSS: a background that reads as "no tiles" and small town labels.
MAP_CSS = (
    f".leaflet-container {{ background: {BACKGROUND}; }}"
    ".town-label { background: rgba(255,255,255,0.8); border: 0; box-shadow: none;"
    " padding: 0 3px; font-size: 11px; }"
    # The legend sits in the map (a Leaflet control), so it is part of what the
    # map paints and needs no HTML element of Streamlit's of its own.
    ".tajikmap-legend { background: rgba(255,255,255,0.92); padding: 5px 8px; max-width: 200px;"
    " font: 11.5px/1.35 'Source Sans Pro', sans-serif; border-radius: 4px;"
    " box-shadow: 0 1px 4px rgba(0,0,0,0.3); }"
    ".leaflet-container .leaflet-control-attribution { font-size: 11px; line-height: 1.4; }"
    ".legend-title { font-weight: 600; cursor: pointer; }"
    ".tajikmap-legend[open] .legend-title { margin-bottom: 2px; }"
    ".legend-item { display: flex; align-items: center; margin: 1px 0; }"
    ".legend-swatch { flex: none; width: 12px; height: 12px; margin-right: 6px; border: 1px solid #333; }"
    ".legend-approx { border: 2px dashed #333; background: transparent; }"
)


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
    return "".join(items)


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


def _feature(layer: Layer, display: Mapping[str, Any]) -> dict[str, Any]:
    # folium rewrites what it is given; hand it a fresh dict each time. Only the
    # properties a click handler needs travel to the browser.
    props = {k: layer.properties[k] for k in ("id", "name", "kind") if k in layer.properties}
    return {
        "type": "Feature",
        "properties": props,
        "geometry": display.get(layer.id, layer.feature["geometry"]),
    }


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


HIDDEN_STYLE = {"opacity": 0.0, "fillOpacity": 0.0, "weight": 0, "dashArray": None}
SELECTED_OUTLINE = {"color": "#000000", "weight": 4, "opacity": 1.0}


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


def year_looks(dataset: Dataset, year: int, selected: str | None = None) -> dict[str, Look]:
    """The look of every region and border layer in ``year``, in drawing order
    (polygons, then the border, then the selected region on top)."""
    modes = draw_modes(dataset, year)
    layers = dataset.geodata.layers
    looks: dict[str, Look] = {}
    for rid in drawing_order(dataset):
        layer, region, mode = layers[rid], dataset.regions.get(rid), modes[rid]
        if mode == "hidden" or region is None:
            looks[rid] = Look("hidden", dict(HIDDEN_STYLE), None, False)
        elif mode == "inactive":
            tip = tooltip_html(layer.name, f"no facts in {year}")
            looks[rid] = Look("inactive", dict(INACTIVE_STYLE, dashArray=None), tip, True)
        else:
            entry = region.years[year]
            color = dataset.actors[entry.sway].color or "#999999"
            role = entry.role + (" (approximate boundary)" if layer.approximate else "")
            style = region_style(layer, color)
            looks[rid] = Look("active", style, tooltip_html(region.name, role), True)
    if selected in looks and looks[selected].mode != "inactive":
        look = looks.pop(selected)
        style = dict(look.style, **SELECTED_OUTLINE)
        if look.mode == "hidden":  # a whole drawn through its parts: outline only
            style.update(fillOpacity=0.0, dashArray=None)
        looks[selected] = Look(look.mode, style, look.tooltip, look.mode == "active")
    return looks


# Registers every region/border path of the base map under its id, and keeps
# hover highlighting in step with the year's look (folium's own highlight would
# reset to the base style, which is hidden).
REGISTER_JS = JsCode(
    """function (feature, layer) {
  var t = window.tajikmap = window.tajikmap || {layers: {}, looks: {}};
  var id = feature.properties.id;
  t.layers[id] = layer;
  layer.on('mouseover', function () {
    var look = t.looks[id];
    if (look && look.interactive) {
      layer.setStyle({weight: (look.style.weight || 1) + 1.5,
                      fillOpacity: Math.min(0.85, (look.style.fillOpacity || 0) + 0.2)});
    }
  });
  layer.on('mouseout', function () { var look = t.looks[id]; if (look) { layer.setStyle(look.style); } });
}"""
)


def _script_json(value: Any) -> str:
    """JSON for a literal inside a <script>: texts are already HTML-escaped, and
    "<" is written as \\u003c so no "</script>" can end the block early."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")


class YearLook(MacroElement):
    """A script that applies one year's looks to the base map's registered layers."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var t = window.tajikmap;
  if (!t) { return; }
  var looks = {{ this.looks_json }};
  if (t.legend) {
    t.legend.title.textContent = {{ this.legend_title_json }};
    t.legend.body.innerHTML = {{ this.legend_body_json }};
  }
  t.looks = {};
  looks.forEach(function (entry) {
    var id = entry[0], look = entry[1], layer = t.layers[id];
    t.looks[id] = look;
    if (!layer) { return; }
    layer.setStyle(look.style);
    layer.unbindTooltip();
    if (look.tooltip) { layer.bindTooltip(look.tooltip, {sticky: true}); }
    var el = layer.getElement();
    if (el) {
      el.style.pointerEvents = look.interactive ? '' : 'none';
      if (look.interactive) { L.DomUtil.addClass(el, 'leaflet-interactive'); }
      else { L.DomUtil.removeClass(el, 'leaflet-interactive'); }
    }
    if (look.mode === 'hidden' && !look.style.opacity) { layer.bringToBack(); } else { layer.bringToFront(); }
  });
})();
{% endmacro %}"""
    )

    def __init__(self, looks: Mapping[str, Look], legend_title: str = "", legend_body: str = "") -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "YearLook"
        self.legend_title_json = _script_json(legend_title)  # set as text, never parsed as HTML
        self.legend_body_json = _script_json(legend_body)
        payload = [
            [rid, {"mode": lk.mode, "style": lk.style, "tooltip": lk.tooltip, "interactive": lk.interactive}]
            for rid, lk in looks.items()
        ]
        self.looks_json = _script_json(payload)


# Town markers: a white dot with a dark rim (Leaflet's option names).
TOWN_STYLE: dict[str, Any] = {
    "radius": 4,
    "color": "#222222",
    "weight": 1,
    "fill": True,
    "fillColor": "#ffffff",
    "fillOpacity": 1.0,
}


def _towns(dataset: Dataset) -> list[dict[str, Any]]:
    """Every town as plain data: escaped name, position and label side."""
    return [
        {
            "name": escape_html(town.name),
            "lat": town.geometry.y,
            "lon": town.geometry.x,
            "label": str(town.properties.get("label", "right")),
        }
        for town in sorted(dataset.geodata.of_kind("town"), key=lambda lyr: lyr.id)
    ]


def _add_towns(dataset: Dataset, target: Any) -> None:
    """Towns as folium markers, for exports (the dashboard draws them from the geometry file)."""
    for town in _towns(dataset):
        folium.CircleMarker(
            location=(town["lat"], town["lon"]),
            radius=TOWN_STYLE["radius"],
            color=TOWN_STYLE["color"],
            weight=TOWN_STYLE["weight"],
            fill=TOWN_STYLE["fill"],
            fill_color=TOWN_STYLE["fillColor"],
            fill_opacity=TOWN_STYLE["fillOpacity"],
            tooltip=folium.Tooltip(
                town["name"], permanent=True, direction=town["label"], className="town-label"
            ),
        ).add_to(target)


def geometry_payload(dataset: Dataset) -> str:
    """Every drawn shape as compact JSON, for the app to serve as a static file.

    Served once per browser (and cacheable) instead of inside the map component's
    arguments, which Streamlit resends on every rerun.
    """
    layers = dataset.geodata.layers

    def feature(rid: str, tooltip: str | None) -> dict[str, Any]:
        f = _feature(layers[rid], dataset.display)
        if tooltip is not None:
            f["properties"]["tooltip"] = tooltip
        return f

    context = [
        feature(layer.id, tooltip_html(layer.name, "context: no facts"))
        for layer in sorted(dataset.geodata.of_kind("context"), key=lambda lyr: lyr.id)
    ]
    regions = [feature(rid, None) for rid in drawing_order(dataset)]
    payload = {"context": context, "regions": regions, "towns": _towns(dataset)}
    return json.dumps(payload, separators=(",", ":"), sort_keys=True)


def geometry_filename(payload: str) -> str:
    return f"geometry-{hashlib.sha256(payload.encode()).hexdigest()[:16]}.json"


def install_geometry(dataset: Dataset, static_dir: Path) -> str:
    """Write the geometry file into an app's ``static/`` folder; return its URL
    as the map's iframe sees it. Content-addressed, so a new build gets a new
    URL; an existing file is left alone, and a new one appears whole (written
    aside, then renamed) for servers reading it meanwhile."""
    payload = geometry_payload(dataset)
    name = geometry_filename(payload)
    target = static_dir / "tajikmap" / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_text(payload, encoding="utf-8")
        tmp.replace(target)
    return f"{STATIC_URL_FROM_COMPONENT}/tajikmap/{name}"


class GeometryLoader(MacroElement):
    """Loads the served geometry file synchronously while the map is built, so the
    layers exist before streamlit-folium attaches its click handlers.

    Towns come from the same file: as folium markers, each of their macros was
    rendered and Jinja-compiled again on every rerun (about 8 ms of each year
    switch went to fifteen unchanging dots).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var xhr = new XMLHttpRequest();
  xhr.open('GET', {{ this.url_json }}, false);
  xhr.send(null);
  if (xhr.status !== 200) { throw new Error('tajikmap: geometry not served (' + xhr.status + ')'); }
  var data = JSON.parse(xhr.responseText);
  var map = {{ this._parent.get_name() }};
  if (map.attributionControl) { map.attributionControl.addAttribution({{ this.attribution_json }}); }
  L.geoJSON(data.context, {
    style: function () { return {{ this.context_style_json }}; },
    onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.tooltip, {sticky: true}); }
  }).addTo(map);
  L.geoJSON(data.regions, {
    style: function () { return {{ this.hidden_style_json }}; },
    onEachFeature: {{ this.register_js }}
  }).addTo(map);
  // Towns get a pane of their own above the regions, so however a year's looks
  // reorder the region shapes the dots stay on top; the pane itself lets clicks
  // through to the regions, the dots still take theirs.
  map.createPane('towns').style.zIndex = 450;
  map.getPane('towns').style.pointerEvents = 'none';
  // Names are HTML-escaped in the file; labels stay open, beside their dot.
  var towns = data.towns.map(function (town) {
    return L.circleMarker([town.lat, town.lon], L.extend({pane: 'towns'}, {{ this.town_style_json }}))
      .bindTooltip(town.name, {permanent: true, direction: town.label, className: 'town-label'})
      .addTo(map);
  });
  // Labels placed before leaflet.css applies are measured as full-width blocks
  // (a "left" label lands off the map): place them again once it has.
  document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
    if (!link.sheet) {
      link.addEventListener('load', function () {
        towns.forEach(function (marker) { marker.getTooltip().update(); });
      });
    }
  });
})();
{% endmacro %}"""
    )

    def __init__(self, url: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "GeometryLoader"
        self.url_json = json.dumps(url)
        self.context_style_json = json.dumps(CONTEXT_STYLE)
        self.hidden_style_json = json.dumps(HIDDEN_STYLE)
        self.town_style_json = json.dumps(TOWN_STYLE)
        self.attribution_json = json.dumps(escape_html(DATA_ATTRIBUTION))
        self.register_js = REGISTER_JS.js_code


# streamlit-folium reports clicks through a 250 ms debounce meant for pan and
# zoom, so every click waited a quarter second before the script could run.
# This sends the same value at once, and records it as streamlit-folium's
# last-sent value, so its debounced call finds nothing new and sends nothing
# (one rerun per click, as before). Only values streamlit-folium copies
# verbatim are supported, in its own key order (its change check compares JSON
# text); for any other returned_objects this does nothing and the debounce
# applies. Outside streamlit-folium (an exported map) there is nothing to do.
IMMEDIATE_CLICK_KEYS = (
    "last_object_clicked_count",
    "last_object_clicked_tooltip",
    "last_object_clicked_popup",
    "all_drawings",
    "last_active_drawing",
)


class ImmediateClick(MacroElement):
    """Reports a click on a layer to Streamlit without streamlit-folium's debounce,
    and skips the report of its starting values that would rerun every page view."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var keys = {{ this.keys_json }};
  var g = window.__GLOBAL_DATA__;
  if (!g || window.parent === window || !Array.isArray(g.returned_objects)) { return; }
  if (!g.returned_objects.every(function (k) { return keys.indexOf(k) !== -1; })) { return; }
  function current() {
    var value = {};
    keys.forEach(function (k) { if (g.returned_objects.indexOf(k) !== -1) { value[k] = g[k]; } });
    return value;
  }
  // Right after building the map streamlit-folium reports its starting values (a
  // click count of 0 where Python's default says None): a rerun on every page view
  // that tells Python nothing. Recorded as sent, they are not sent.
  g.previous_data = current();
  // Layer handlers (streamlit-folium's onLayerClick) run before the map's own,
  // so by now the clicked feature is in __GLOBAL_DATA__.
  {{ this._parent.get_name() }}.on('click', function () {
    var value = current();
    if (JSON.stringify(value) === JSON.stringify(g.previous_data)) { return; }
    g.previous_data = value;
    window.parent.postMessage({isStreamlitMessage: true, type: 'streamlit:setComponentValue',
                               value: value, dataType: 'json'}, '*');
  });
})();
{% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ImmediateClick"
        self.keys_json = json.dumps(list(IMMEDIATE_CLICK_KEYS))


class LegendBox(MacroElement):
    """An empty legend in the map's corner; each year's :class:`YearLook` fills it.

    A <details> element: its title opens and closes it, and it starts closed on
    a narrow map, where the open legend would hide much of Afghanistan.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var t = window.tajikmap = window.tajikmap || {layers: {}, looks: {}};
  var map = {{ this._parent.get_name() }};
  var box = L.control({position: 'bottomleft'});
  box.onAdd = function () {
    var details = L.DomUtil.create('details', 'tajikmap-legend');
    var title = L.DomUtil.create('summary', 'legend-title', details);
    var body = L.DomUtil.create('div', 'legend-body', details);
    details.open = map.getSize().x >= {{ this.open_from_px }};
    L.DomEvent.disableClickPropagation(details);
    L.DomEvent.disableScrollPropagation(details);
    t.legend = {title: title, body: body};
    return details;
  };
  box.addTo(map);
})();
{% endmacro %}"""
    )

    def __init__(self, open_from_px: int = 520) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "LegendBox"
        self.open_from_px = int(open_from_px)


def build_base_map(dataset: Dataset, *, geometry_url: str, tiles: str | None = None) -> folium.Map:
    """The map that never changes: local Leaflet, the served geometry, towns.

    Region and border layers start hidden; the year's :class:`YearLook` (sent in
    ``feature_group_to_add``) styles them, so a year switch or a click sends a
    few kilobytes of styles instead of the geometry again.
    """
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
    root.header.add_child(folium.Element(f"<style>{MAP_CSS}</style>"))
    if tiles:
        attribution = os.environ.get(TILES_ATTRIBUTION_ENV, "Map tiles: see settings")
        folium.TileLayer(tiles=tiles, attr=attribution, name="tiles").add_to(fmap)
    GeometryLoader(geometry_url).add_to(fmap)
    ImmediateClick().add_to(fmap)
    LegendBox().add_to(fmap)
    return fmap


def build_year_layer(dataset: Dataset, year: int, selected: str | None = None) -> folium.FeatureGroup:
    """What depends on the year and the selection: styles, tooltips, highlight."""
    group = folium.FeatureGroup(name=f"year-{year}")
    entries = legend_html(legend(dataset, year))
    YearLook(year_looks(dataset, year, selected), f"Who holds sway, {year}", entries).add_to(group)
    return group


def build_year_geojson(dataset: Dataset, year: int, selected: str | None = None) -> folium.FeatureGroup:
    """A self-standing version of the year's layers (geometry and look together),
    for exports that have no base map to restyle."""
    group = folium.FeatureGroup(name=f"year-{year}")
    layers = dataset.geodata.layers
    for rid, look in year_looks(dataset, year, selected).items():
        if look.mode == "hidden" and rid != selected:
            continue
        folium.GeoJson(
            _feature(layers[rid], dataset.display),
            name=rid,
            style_function=lambda _f, style=look.style: style,
            tooltip=folium.Tooltip(look.tooltip) if look.tooltip else None,
            interactive=look.interactive,
        ).add_to(group)
    _add_towns(dataset, group)
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
