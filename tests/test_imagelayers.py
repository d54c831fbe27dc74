"""What a static map draws inside its frame: the frame, the layers, names, towns, scale."""

from __future__ import annotations

import geopandas as gpd
import shapely
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from tajikmap.dataset import Dataset
from tajikmap.imagelayers import draw_layers, frame, label_point
from tajikmap.imagestyle import LAYOUTS, MAP_CRS
from tajikmap.looks import year_looks


def _projected(dataset: Dataset, rid: str) -> shapely.Geometry:
    geom = dataset.geodata.layers[rid].geometry
    return gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(MAP_CRS)[0]


def test_the_frame_holds_tajikistan_and_cuts_larger_neighbours(dataset: Dataset) -> None:
    minx, miny, maxx, maxy = frame(dataset)
    shown = shapely.box(minx, miny, maxx, maxy)
    assert shown.contains(_projected(dataset, "tajikistan"))
    assert shown.contains(_projected(dataset, "panjshir"))
    assert not shown.contains(_projected(dataset, "afghanistan"))


def test_a_label_keeps_clear_of_towns() -> None:
    square = shapely.box(0, 0, 10, 10)
    alone = label_point(square, shapely.MultiPoint(), 1.0)
    beside_a_town = label_point(square, shapely.MultiPoint([(5, 5)]), 1.0)
    assert alone.distance(shapely.Point(5, 5)) < 1
    assert square.contains(beside_a_town) and beside_a_town.distance(shapely.Point(5, 5)) > 2


def test_the_selected_region_is_drawn_over_the_others(dataset: Dataset) -> None:
    ax = Figure().add_axes((0, 0, 1, 1))
    draw_layers(ax, dataset, 1997, "kulyab", LAYOUTS["column"])
    layers = [c for c in ax.collections if c.get_zorder() < 10]  # towns are 10
    top = max(layers, key=lambda c: c.get_zorder())
    outline = year_looks(dataset, 1997, "kulyab")["kulyab"].style
    assert to_hex(top.get_edgecolor()[0]) == to_hex(str(outline["color"]))
    assert top.get_zorder() >= 5 > max(c.get_zorder() for c in layers if c is not top)  # above the border too
    texts = [t.get_text() for t in ax.texts]
    assert any(t.endswith(" km") for t in texts)  # the scale bar's last mark
    assert any(t.get_text() == town.name for town in dataset.geodata.of_kind("town") for t in ax.texts)
