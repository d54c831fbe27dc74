"""Geodesic measurements on WGS84 (pyproj.Geod): lengths, areas and distances.

Every figure the app shows about geometry comes from here, never typed in.
"""

from __future__ import annotations

from pyproj import Geod
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

GEOD = Geod(ellps="WGS84")


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Length of a (multi)line, or of a polygon's perimeter, in kilometres."""
    return float(GEOD.geometry_length(geom)) / 1000.0


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Area of a (multi)polygon in square kilometres (orientation-independent)."""
    area, _perimeter = GEOD.geometry_area_perimeter(geom)
    return abs(float(area)) / 1e6


def geodesic_distance_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """Geodesic distance between the planar-nearest points of two geometries.

    The nearest pair is found in lon/lat space, which is close enough at these
    latitudes for a distance quoted to the kilometre.
    """
    pa, pb = nearest_points(a, b)
    _f, _b, dist = GEOD.inv(pa.x, pa.y, pb.x, pb.y)
    return float(dist) / 1000.0
