"""Exports for sharing: a self-contained HTML map, GeoJSON, GeoPackage, CSV and JSON.

The HTML file inlines Leaflet (from the xstatic-leaflet package) and every
image it needs, so it opens from disk with no network. Both years are base
layers in a layer control; each region's facts sit in its popup, escaped.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from pathlib import Path
from typing import Any, Literal

import folium
from folium.utilities import JsCode

from tajikmap.assets import LEAFLET_DIR
from tajikmap.dataset import Dataset
from tajikmap.mapview import (
    CONTEXT_STYLE,
    INITIAL_CENTER,
    INITIAL_ZOOM,
    MAP_CSS,
    build_year_geojson,
    escape_html,
    legend,
)
from tajikmap.present import BACKGROUND_LABEL, background_text, fact_record, fact_view

Format = Literal["html", "geojson", "csv", "json", "gpkg"]
FORMATS: tuple[Format, ...] = ("html", "geojson", "csv", "json", "gpkg")

POPUP_JS = JsCode(
    "function (feature, layer) {"
    " if (feature.properties.popup_html) {"
    "  layer.bindPopup(feature.properties.popup_html, {maxWidth: 380, maxHeight: 340});"
    " } }"
)


def _inline_css() -> str:
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        path = LEAFLET_DIR / match.group(1)
        encoded = base64.b64encode(path.read_bytes()).decode()
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def popup_html(dataset: Dataset, region_id: str, year: int) -> str:
    """A region's role and facts for one year as escaped HTML."""
    region = dataset.regions[region_id]
    parts = [
        f"<h4>{escape_html(region.name)} ({year})</h4>",
        f"<p>{escape_html(region.years[year].role)}</p>",
    ]
    if region.years[year].background:
        text = background_text(region.years[year].background)
        parts.append(f"<p><small><b>{BACKGROUND_LABEL}:</b> {escape_html(text)}</small></p>")
    layer = dataset.geodata.layers[region_id]
    if layer.approximate:
        parts.append(f"<p><i>{escape_html(layer.method)}</i></p>")
    parts.append("<ul>")
    for fact in dataset.facts_for(region_id, year):
        fv = fact_view(fact, dataset)
        figures = "".join(f"<b>{escape_html(fig)}</b> " for fig, _, _ in fv.figures)
        said = f" <i>{escape_html(fv.according_to)}</i>" if fv.according_to else ""
        background = "".join(
            f"<br><small><b>{BACKGROUND_LABEL}:</b> {escape_html(text)} (basis: {escape_html(basis)})</small>"
            for text, basis in fv.background
        )
        parts.append(
            f"<li>{figures}[{escape_html(fv.status)}] {escape_html(fv.statement)}{said} "
            f"<small>({escape_html(fv.date)}; {escape_html(fv.citation)})</small>{background}</li>"
        )
    parts.append("</ul>")
    return "".join(parts)


def _with_popups(group: folium.FeatureGroup, dataset: Dataset, year: int) -> folium.FeatureGroup:
    for child in group._children.values():
        if isinstance(child, folium.GeoJson) and child.layer_name in dataset.regions:
            region = dataset.regions[child.layer_name]
            if year in region.years:
                for feature in child.data["features"]:
                    feature["properties"]["popup_html"] = popup_html(dataset, region.id, year)
                child.on_each_feature = POPUP_JS
    return group


def export_html(dataset: Dataset, year: int, region: str | None = None) -> str:
    """One HTML file, no outside requests: both years switchable, facts in popups."""
    if year not in dataset.years():
        raise ValueError(f"year {year} is not in the data ({dataset.years()})")
    if region is not None and (region not in dataset.regions or year not in dataset.regions[region].years):
        raise ValueError(f"region {region!r} has no layer in {year}")
    fmap = folium.Map(location=INITIAL_CENTER, zoom_start=INITIAL_ZOOM, tiles=None, control_scale=True)
    fmap.default_js = []
    fmap.default_css = []
    # "</script" cannot occur in minified Leaflet, but guard the inline block anyway.
    leaflet_js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    root: Any = fmap.get_root()
    root.header.add_child(folium.Element(f"<style>{_inline_css()}</style>"), name="leaflet_css")
    root.header.add_child(
        folium.Element(f"<script>{leaflet_js}</script>"),
        name="leaflet_js",
    )
    root.header.add_child(
        folium.Element(
            f"<style>{MAP_CSS}"
            ".export-legend { position: absolute; bottom: 60px; left: 10px; z-index: 1000;"
            " background: white; padding: 6px 8px; font: 12px sans-serif; max-width: 320px;"
            " border: 1px solid #999; }"
            ".export-legend span.sw { display: inline-block; width: 10px; height: 10px;"
            " margin-right: 4px; border: 1px solid #333; }</style>"
        ),
        name="tajikmap_css",
    )
    for layer in sorted(dataset.geodata.of_kind("context"), key=lambda lyr: lyr.id):
        folium.GeoJson(
            {
                "type": "Feature",
                "properties": {"id": layer.id},
                "geometry": dataset.display.get(layer.id, layer.feature["geometry"]),
            },
            name=layer.id,
            control=False,
            style_function=lambda _f: CONTEXT_STYLE,
        ).add_to(fmap)
    for y in dataset.years():
        group = _with_popups(build_year_geojson(dataset, y, region if y == year else None), dataset, y)
        group.layer_name = str(y)
        group.overlay = False
        group.show = y == year
        group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    legend_rows = []
    for y in dataset.years():
        items = "<br>".join(
            f'<span class="sw" style="background:{e.color}"></span>{escape_html(e.label)}'
            for e in legend(dataset, y)
        )
        legend_rows.append(f"<b>{y}</b><br>{items}")
    sources = "; ".join(escape_html(f"{s.title} ({s.year})") for s in dataset.sources.values())
    root.html.add_child(
        folium.Element(
            '<div class="export-legend">'
            + "<br>".join(legend_rows)
            + "<br><i>dashed outline: approximate boundary</i><br>"
            + f"<small>Sources: {sources}. Boundaries: Natural Earth; towns: GeoNames (CC BY 4.0)."
            + "</small></div>"
        )
    )
    html: str = root.render()
    return html


def _region_features(dataset: Dataset) -> list[dict[str, Any]]:
    features = []
    for rid, region in sorted(dataset.regions.items()):
        layer = dataset.geodata.layers[rid]
        facts = {str(y): [fact_record(f, dataset) for f in dataset.facts_for(rid, y)] for y in region.years}
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": rid,
                    "name": region.name,
                    "kind": layer.kind,
                    "approximate": layer.approximate,
                    "method": layer.method,
                    "roles": {str(y): entry.role for y, entry in region.years.items()},
                    "sway": {str(y): entry.sway for y, entry in region.years.items()},
                    "facts": facts,
                },
                "geometry": layer.feature["geometry"],
            }
        )
    return features


def export_geojson(dataset: Dataset) -> str:
    body = {"type": "FeatureCollection", "features": _region_features(dataset)}
    return json.dumps(body, ensure_ascii=False)


def export_json(dataset: Dataset) -> str:
    return json.dumps([fact_record(f, dataset) for f in dataset.facts], ensure_ascii=False, indent=2)


def export_csv(dataset: Dataset) -> str:
    rows = [fact_record(f, dataset) for f in dataset.facts]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export_gpkg(dataset: Dataset, path: Path) -> None:
    """GeoPackage for QGIS: one row per region, facts as a JSON text column."""
    import geopandas as gpd
    from shapely.geometry import shape

    rows = []
    for feature in _region_features(dataset):
        props = feature["properties"]
        rows.append(
            {
                "id": props["id"],
                "name": props["name"],
                "kind": props["kind"],
                "approximate": props["approximate"],
                "method": props["method"],
                "roles": json.dumps(props["roles"], ensure_ascii=False),
                "facts": json.dumps(props["facts"], ensure_ascii=False),
                "geometry": shape(feature["geometry"]),
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    frame.to_file(path, driver="GPKG", layer="regions")


def write_export(dataset: Dataset, fmt: Format, out: Path, year: int, region: str | None) -> None:
    if fmt == "gpkg":
        out.unlink(missing_ok=True)
        export_gpkg(dataset, out)
        return
    text = {
        "html": lambda: export_html(dataset, year, region),
        "geojson": lambda: export_geojson(dataset),
        "csv": lambda: export_csv(dataset),
        "json": lambda: export_json(dataset),
    }[fmt]()
    out.write_text(text, encoding="utf-8")
