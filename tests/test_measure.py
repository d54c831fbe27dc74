"""Geodesic measurements against figures known independently of the code."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import LineString, Point, Polygon

from tajikmap import measure


def test_a_degree_of_longitude_on_the_equator() -> None:
    # WGS84's equatorial radius is 6,378.137 km: a degree of arc is 111.32 km.
    assert measure.geodesic_length_km(LineString([(0, 0), (1, 0)])) == pytest.approx(111.32, abs=0.01)


def test_area_ignores_orientation() -> None:
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    reverse = Polygon(list(square.exterior.coords)[::-1])
    area = measure.geodesic_area_km2(square)
    assert area == measure.geodesic_area_km2(reverse)
    assert area == pytest.approx(111.32 * 110.57, rel=0.01)  # a near-square degree at the equator


def test_distance_between_the_nearest_points() -> None:
    a, b = Point(0, 0), LineString([(0, 2), (5, 2)])
    # The meridian arc from the equator to 2°N on WGS84 is 221.149 km (110.574 km a degree there).
    assert measure.geodesic_distance_km(a, b) == pytest.approx(221.149, abs=0.01)
    assert measure.geodesic_distance_km(a, a) == 0.0
    assert not math.isnan(measure.geodesic_distance_km(a, Point(1, 1)))
