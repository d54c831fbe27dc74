"""The geometry the app serves once per browser: every drawn shape and town as one
compact, content-addressed JSON file under the app's ``static/`` folder.

Served as a file (and cacheable) instead of inside the map component's
arguments, which Streamlit resends on every rerun.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tajikmap.assets import STATIC_URL_FROM_COMPONENT
from tajikmap.dataset import Dataset
from tajikmap.looks import drawing_order, escape_html, feature, tooltip_html


def towns(dataset: Dataset) -> list[dict[str, Any]]:
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


def geometry_payload(dataset: Dataset) -> str:
    """Every drawn shape as compact JSON: context countries (with their tooltip),
    region and border layers in drawing order (styled later by the year), towns."""
    layers = dataset.geodata.layers
    context = []
    for layer in sorted(dataset.geodata.of_kind("context"), key=lambda lyr: lyr.id):
        f = feature(layer, dataset.display)
        f["properties"]["tooltip"] = tooltip_html(layer.name, "context: no facts")
        context.append(f)
    regions = [feature(layers[rid], dataset.display) for rid in drawing_order(dataset)]
    payload = {"context": context, "regions": regions, "towns": towns(dataset)}
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
