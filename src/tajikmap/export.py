"""Exports for sharing: the reader's page as one HTML file, map images (PNG, SVG,
PDF), GeoJSON, GeoPackage, CSV and JSON.

The HTML file is the static reader's page (:mod:`tajikmap.site`): it opens from
disk with no network. Images come from :mod:`tajikmap.images`. Every file
appears whole or not at all: it is written aside and renamed into place.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Literal

from tajikmap.dataset import Dataset
from tajikmap.images import IMAGE_FORMATS, SizeName, render_image
from tajikmap.present import fact_record
from tajikmap.site import site_page

Format = Literal["html", "png", "svg", "pdf", "geojson", "csv", "json", "gpkg"]
FORMATS: tuple[Format, ...] = ("html", "png", "svg", "pdf", "geojson", "csv", "json", "gpkg")


def export_html(dataset: Dataset, year: int, region: str | None = None) -> str:
    """The reader's page, opening on ``year`` (and ``region``) when its link has no view."""
    return site_page(dataset, year, region)


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


def write_export(
    dataset: Dataset,
    fmt: Format,
    out: Path,
    year: int,
    region: str | None,
    size: SizeName = "column",
) -> None:
    """Write one export to ``out``. Everything is made before anything is written,
    and the file is renamed into place, so a failure leaves no partial file."""
    # The extension stays last: the GeoPackage driver checks it.
    part = out.with_name(f"{out.stem}.part{out.suffix}")
    try:
        if fmt == "gpkg":
            part.unlink(missing_ok=True)
            export_gpkg(dataset, part)
        else:
            body: bytes
            if fmt in IMAGE_FORMATS:
                body = render_image(dataset, year, region, fmt, size)
            else:
                text = {
                    "html": lambda: export_html(dataset, year, region),
                    "geojson": lambda: export_geojson(dataset),
                    "csv": lambda: export_csv(dataset),
                    "json": lambda: export_json(dataset),
                }[fmt]()
                body = text.encode("utf-8")
            part.write_bytes(body)
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
