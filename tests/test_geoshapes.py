"""Geometry steps of the build: validity stops it, the Voronoi split, the output grid."""

from __future__ import annotations

import pytest
import shapely

from tajikmap.geoinputs import BuildError
from tajikmap.geoshapes import polygonal, snapped, valid, voronoi_split


def test_an_invalid_or_empty_shape_stops_the_build() -> None:
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    with pytest.raises(BuildError, match="khatlon: invalid geometry"):
        valid(bowtie, "khatlon")
    with pytest.raises(BuildError, match="empty geometry"):
        valid(shapely.Polygon(), "x")
    square = shapely.box(0, 0, 1, 1)
    assert valid(square, "x") is square


def test_the_voronoi_split_gives_each_label_the_cells_of_its_towns() -> None:
    unit = shapely.box(0, 0, 10, 4)
    towns = [(1.0, 2.0, "west"), (3.0, 2.0, "west"), (9.0, 2.0, "east"), (50.0, 2.0, "east")]  # last: outside
    parts = voronoi_split(unit, towns, "unit")
    assert sorted(parts) == ["east", "west"]
    assert parts["west"].area + parts["east"].area == pytest.approx(unit.area)
    assert parts["west"].contains(shapely.Point(5.5, 2)) and parts["east"].contains(shapely.Point(6.5, 2))
    with pytest.raises(BuildError, match="fewer than two labels"):
        voronoi_split(unit, [(1.0, 2.0, "west"), (2.0, 2.0, "west")], "unit")


def test_polygonal_drops_what_an_overlay_leaves_behind() -> None:
    mixed = shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.LineString([(5, 5), (6, 6)])])
    assert polygonal(mixed).equals(shapely.box(0, 0, 1, 1))


def test_coordinates_are_snapped_to_four_decimals() -> None:
    point = snapped(shapely.Point(68.123456, 38.987654))
    assert (point.x, point.y) == (68.1235, 38.9877)
