"""What a static map draws inside its frame: neighbours, the year's regions and
border in their looks (:func:`tajikmap.looks.year_looks`), region names placed
clear of towns, towns, and the scale bar, in the equal-area projection
:data:`tajikmap.imagestyle.MAP_CRS`.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.patheffects import withStroke
from shapely.ops import polylabel

from tajikmap.dataset import Dataset
from tajikmap.imagestyle import MAP_CRS, Size, blend, literal, wrap
from tajikmap.looks import BACKGROUND, CONTEXT_STYLE, TOWN_STYLE, Look, year_looks

Frame = tuple[float, float, float, float]  # projected minx, miny, maxx, maxy


def draw_layers(ax: Axes, dataset: Dataset, year: int, region: str | None, layout: Size) -> None:
    """Everything inside the map's frame for ``year``, ``region`` outlined."""
    shown = frame(dataset)
    looks = year_looks(dataset, year, region)
    _setup_axes(ax, shown)
    _draw_context(ax, dataset)
    scale = layout.width_in / 10.0 + 0.4  # thinner lines on a column than on a page
    _draw_regions(ax, dataset, looks, region, scale)
    # geopandas labels the axes with the CRS's units; a printed map has no use for them.
    ax.set_xlabel("")
    ax.set_ylabel("")
    draw_labels(dataset, ax, year, looks, layout)
    draw_towns(dataset, ax, layout, scale)
    scale_bar(ax, shown, layout)


def _setup_axes(ax: Axes, shown: Frame) -> None:
    ax.set_facecolor(BACKGROUND)
    ax.set_xlim(shown[0], shown[2])
    ax.set_ylim(shown[1], shown[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color("#555555")


def _draw_context(ax: Axes, dataset: Dataset) -> None:
    context = gpd.GeoDataFrame(
        geometry=[lyr.geometry for lyr in dataset.geodata.of_kind("context")], crs="EPSG:4326"
    ).to_crs(MAP_CRS)
    if len(context):
        context.plot(
            ax=ax,
            facecolor=CONTEXT_STYLE["fillColor"],
            edgecolor=CONTEXT_STYLE["color"],
            linewidth=0.4,
            zorder=1,
        )


def _draw_regions(
    ax: Axes, dataset: Dataset, looks: dict[str, Look], region: str | None, scale: float
) -> None:
    """Region and border layers in drawing order, the selected one on top."""
    layers = dataset.geodata.layers
    for order, (rid, look) in enumerate(looks.items()):
        if look.mode == "hidden" and not look.style.get("opacity"):
            continue
        layer = layers[rid]
        geom = gpd.GeoSeries([layer.geometry], crs="EPSG:4326").to_crs(MAP_CRS)
        style = look.style
        width = float(style.get("weight") or 1) * 0.5 * scale
        is_line = layer.kind == "border"
        fill = "none"
        if not is_line and style.get("fillOpacity"):
            fill = blend(str(style["fillColor"]), float(style["fillOpacity"]))
        geom.plot(
            ax=ax,
            facecolor=fill,
            edgecolor=str(style.get("color", "#333333")),
            linewidth=width,
            linestyle=_dash(style.get("dashArray"), width),
            zorder=3 + order * 0.01 + (2 if rid == region else 0),
        )


def _dash(dash_array: str | None, width: float) -> Any:
    if not dash_array:
        return "solid"
    # Leaflet's dash lengths are in pixels; matplotlib's are in line widths.
    return (0, tuple(float(n) / max(width, 0.5) * 0.6 for n in dash_array.split()))


def frame(dataset: Dataset) -> Frame:
    """Projected bounds shown: Tajikistan and every region (of any year) no larger
    than it, so both years share one frame; larger neighbours are cut at its edge."""
    layers = dataset.geodata.layers
    region_ids = [r.id for r in dataset.regions.values() if r.years and r.id in layers]
    geoms = gpd.GeoSeries([layers[r].geometry for r in region_ids], crs="EPSG:4326").to_crs(MAP_CRS)
    areas = dict(zip(region_ids, geoms.area, strict=True))
    limit = areas.get("tajikistan", max(areas.values()))
    kept = [g for rid, g in zip(region_ids, geoms, strict=True) if areas[rid] <= limit]
    minx, miny, maxx, maxy = shapely.union_all(kept).bounds
    pad = 0.06 * max(maxx - minx, maxy - miny)
    return minx - pad, miny - pad, maxx + pad, maxy + pad


def scale_bar(ax: Axes, frame: Frame, size: Size) -> None:
    minx, miny, maxx, _ = frame
    span_km = (maxx - minx) / 1000
    step = next(s for s in (50, 100, 200, 250, 500) if s * 2 >= span_km / 5)
    # Bottom right: in this frame that is China, with nothing of the articles' there.
    x0, y0 = maxx - 0.12 * (maxx - minx) - 2 * step * 1000, miny + 0.04 * (maxx - minx)
    bar_h = 0.012 * (maxx - minx)
    for i, fill in enumerate(("#222222", "#ffffff")):
        ax.add_patch(
            Rectangle(
                (x0 + i * step * 1000, y0),
                step * 1000,
                bar_h,
                facecolor=fill,
                edgecolor="#222222",
                linewidth=0.6,
                zorder=20,
            )
        )
    halo = [withStroke(linewidth=2, foreground="white")]
    for i, label in enumerate(("0", str(step), f"{2 * step} km")):
        ax.text(
            x0 + i * step * 1000,
            y0 + bar_h * 1.6,
            label,
            ha="center" if i < 2 else "left",
            va="bottom",
            fontsize=size.small_pt,
            path_effects=halo,
            zorder=20,
        )


def draw_labels(dataset: Dataset, ax: Axes, year: int, looks: dict[str, Any], layout: Size) -> None:
    """Region names on the larger regions of the year (small ones carry a town label)."""
    halo = [withStroke(linewidth=2.2, foreground="white")]
    layers = dataset.geodata.layers
    x0, x1 = ax.get_xlim()
    min_area = (0.09 * (x1 - x0)) ** 2
    towns = shapely.MultiPoint(
        list(
            gpd.GeoSeries([t.geometry for t in dataset.geodata.of_kind("town")], crs="EPSG:4326").to_crs(
                MAP_CRS
            )
        )
    )
    for rid, look in looks.items():
        if look.mode != "active" or layers[rid].kind != "region":
            continue
        geom = gpd.GeoSeries([layers[rid].geometry], crs="EPSG:4326").to_crs(MAP_CRS)[0]
        if geom.area < min_area:
            continue
        visible = geom.intersection(shapely.box(x0, *ax.get_ylim()[:1], x1, ax.get_ylim()[1]))
        if visible.is_empty or visible.area < min_area:
            continue
        biggest = max(getattr(visible, "geoms", [visible]), key=lambda g: g.area)
        point = label_point(biggest, towns, (x1 - x0) / 40)
        name = dataset.regions[rid].name.split(" (")[0]
        literal(
            ax.text(
                point.x,
                point.y,
                wrap(name, 16),
                ha="center",
                va="center",
                fontsize=layout.text_pt,
                fontstyle="italic",
                color="#222222",
                path_effects=halo,
                zorder=9,
            )
        )


def label_point(poly: Any, towns: Any, step: float) -> Any:
    """The point of a grid over ``poly`` farthest from both its edge and any town
    (whose label would collide), falling back to polylabel for a thin shape."""
    minx, miny, maxx, maxy = poly.bounds
    best, best_score = polylabel(poly, tolerance=step / 10), -1.0
    y = miny + step / 2
    while y < maxy:
        x = minx + step / 2
        while x < maxx:
            point = shapely.Point(x, y)
            if poly.contains(point):
                score = min(point.distance(poly.boundary), 0.6 * point.distance(towns) if towns else 1e12)
                if score > best_score:
                    best, best_score = point, score
            x += step
        y += step
    return best


def draw_towns(dataset: Dataset, ax: Axes, layout: Size, scale: float) -> None:
    towns = sorted(dataset.geodata.of_kind("town"), key=lambda lyr: lyr.id)
    if not towns:
        return
    points = gpd.GeoSeries([t.geometry for t in towns], crs="EPSG:4326").to_crs(MAP_CRS)
    halo = [withStroke(linewidth=1.8, foreground="white")]
    ax.scatter(
        points.x,
        points.y,
        s=(TOWN_STYLE["radius"] * scale) ** 2,
        facecolor=TOWN_STYLE["fillColor"],
        edgecolor=TOWN_STYLE["color"],
        linewidth=0.6,
        zorder=10,
    )
    offset = 0.008 * (ax.get_xlim()[1] - ax.get_xlim()[0])
    for town, point in zip(towns, points, strict=True):
        side = str(town.properties.get("label", "right"))
        dx = {"left": -offset, "right": offset}.get(side, 0.0)
        dy = {"top": offset, "bottom": -offset}.get(side, 0.0)
        ha = {"left": "right", "right": "left"}.get(side, "center")
        va = {"top": "bottom", "bottom": "top"}.get(side, "center")
        literal(
            ax.text(
                point.x + dx,
                point.y + dy,
                town.name,
                ha=ha,
                va=va,
                fontsize=layout.small_pt,
                path_effects=halo,
                zorder=11,
                clip_on=True,
            )
        )
