"""Drawing-only geometries: lighter, still a coverage, never used to measure."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import shape

from tajikmap import measure
from tajikmap.dataset import Dataset
from tajikmap.display import DISPLAY_TOLERANCE_DEG


def test_drawn_shapes_are_lighter_than_the_geodata(dataset: Dataset) -> None:
    layers = dataset.geodata.layers
    for lid in ("kulyab", "afghanistan", "china"):
        drawn = len(json.dumps(dataset.display[lid]))
        assert drawn < len(json.dumps(layers[lid].feature["geometry"])), lid


def test_neighbouring_regions_still_share_their_edge(dataset: Dataset) -> None:
    kulyab, southwest = shape(dataset.display["kulyab"]), shape(dataset.display["southwest"])
    assert kulyab.intersection(southwest).area < 1e-6  # no overlap
    assert kulyab.boundary.intersection(southwest.boundary).length > 0.5  # a shared edge, not a gap


def test_the_whole_country_is_its_drawn_parts(dataset: Dataset) -> None:
    parts = [shape(dataset.display[r.id]) for r in dataset.regions.values() if r.part_of == "tajikistan"]
    whole = shape(dataset.display["tajikistan"])
    assert shapely.symmetric_difference(whole, shapely.union_all(parts)).area < 1e-4


def test_drawn_shapes_stay_close_to_the_measured_ones(dataset: Dataset) -> None:
    real = measure.geodesic_area_km2(dataset.geodata.layers["kulyab"].geometry)
    drawn = measure.geodesic_area_km2(shape(dataset.display["kulyab"]))
    assert abs(drawn - real) / real < 0.02
    assert shape(dataset.display["kulyab"]).hausdorff_distance(dataset.geodata.layers["kulyab"].geometry) < (
        3 * DISPLAY_TOLERANCE_DEG
    )


def test_the_drawn_border_lies_on_the_drawn_outlines(dataset: Dataset) -> None:
    border = shape(dataset.display["tj-af-border"])
    afghanistan = shape(dataset.display["afghanistan"])
    assert border.distance(afghanistan.boundary) < 1e-3 and border.length > 5
