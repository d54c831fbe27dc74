"""Geometry steps of the geodata build: clip frame, simplification and precision,
validity checks that stop the build (never a silent repair), and the Voronoi
split that reconstructs a historical unit from its district-centre towns.
"""

from __future__ import annotations

from collections.abc import Sequence

import shapely
from shapely.geometry.base import BaseGeometry

from tajikmap.geoinputs import BuildError

# Map frame: wide enough for all of Afghanistan and Tajikistan with context around.
FRAME = (60.0, 29.0, 80.0, 44.0)

# Coverage-simplification tolerance in degrees and output precision (4 decimals
# is about 10 m). Chosen so geodata/ stays small while the Tajik area and the
# border length stay within 1% of the unsimplified figures (tests check it).
TOLERANCE_DEG = 0.005
GRID_DEG = 1e-4


def valid(geom: BaseGeometry, what: str) -> BaseGeometry:
    if geom.is_empty:
        raise BuildError(f"{what}: empty geometry")
    if not geom.is_valid:
        raise BuildError(f"{what}: invalid geometry ({shapely.is_valid_reason(geom)})")
    return geom


def voronoi_split(
    unit: BaseGeometry, towns: Sequence[tuple[float, float, str]], what: str
) -> dict[str, BaseGeometry]:
    """Split ``unit`` among labels: each town's Voronoi cell goes to its label."""
    inside = [(x, y, label) for x, y, label in towns if unit.contains(shapely.Point(x, y))]
    if len({label for _, _, label in inside}) < 2:
        raise BuildError(f"{what}: fewer than two labels have towns inside the unit")
    points = shapely.MultiPoint([(x, y) for x, y, _ in inside])
    cells = shapely.voronoi_polygons(points, extend_to=unit.envelope.buffer(1.0), ordered=True)
    parts: dict[str, list[BaseGeometry]] = {}
    for cell, (_, _, label) in zip(cells.geoms, inside, strict=True):
        parts.setdefault(label, []).append(cell)
    out: dict[str, BaseGeometry] = {}
    for label, label_cells in sorted(parts.items()):
        piece = shapely.intersection(unit, shapely.union_all(label_cells))
        out[label] = valid(polygonal(piece), f"{what}/{label}")
    return out


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Drop points and lines that overlay operations can leave behind."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys)


def snapped(geom: BaseGeometry) -> BaseGeometry:
    rounded = shapely.set_precision(geom, GRID_DEG)
    return shapely.transform(rounded, lambda c: c.round(4))
