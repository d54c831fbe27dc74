"""Lighter geometries for drawing, derived once at load time from geodata/.

The committed geodata is tuned for measurement (within 1% of the source). A
browser at the dashboard's zoom levels needs far less: a second coverage
simplification (shared edges stay shared) and 3-decimal coordinates (~100 m)
cut what every session downloads by more than half. Measurements never use these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from tajikmap.geodata import Geodata

DISPLAY_TOLERANCE_DEG = 0.02  # about 2 km: one pixel at the map's opening zoom
DISPLAY_GRID_DEG = 0.001


def _rounded(geom: BaseGeometry) -> dict[str, Any]:
    snapped = shapely.transform(shapely.set_precision(geom, DISPLAY_GRID_DEG), lambda c: c.round(3))
    return dict(mapping(snapped))


def display_geometries(geodata: Geodata, wholes: Mapping[str, list[str]]) -> dict[str, dict[str, Any]]:
    """GeoJSON geometry per layer id. ``wholes`` maps a region drawn instead of its
    parts (e.g. tajikistan) to those parts; it is rebuilt as their union so that
    the coverage handed to the simplifier has no overlaps."""
    part_ids = {p for parts in wholes.values() for p in parts}
    atoms = [
        layer
        for layer in geodata.layers.values()
        if layer.kind in ("region", "context") and layer.id not in wholes
    ]
    simplified = dict(
        zip(
            [a.id for a in atoms],
            shapely.coverage_simplify([a.geometry for a in atoms], DISPLAY_TOLERANCE_DEG),
            strict=True,
        )
    )
    out = {lid: _rounded(geom) for lid, geom in simplified.items()}
    for whole, parts in wholes.items():
        out[whole] = _rounded(shapely.union_all([simplified[p] for p in parts]))
    # The border is redrawn as the shared edge of the simplified outlines, so it sits on them.
    tj_parts = [simplified[p] for p in sorted(part_ids)]
    af = [simplified[lid] for lid in ("afghanistan", "panjshir") if lid in simplified]
    if "tj-af-border" in geodata.layers and tj_parts and af:
        edge = shapely.line_merge(
            shapely.intersection(shapely.union_all(tj_parts).boundary, shapely.union_all(af).boundary)
        )
        out["tj-af-border"] = _rounded(edge)
    for layer in geodata.of_kind("town"):
        out[layer.id] = dict(layer.feature["geometry"])
    return out
