"""Static map images for print and CMS: PNG, SVG and PDF drawn with matplotlib and geopandas.

The same geodata and the same looks as the interactive map (colours, dashed
approximate regions, the selection outline: :func:`tajikmap.looks.year_looks`),
with what a printed map needs besides: title, legend, scale bar, credits and
the article's citation. SVG and PDF keep their text as text (searchable,
editable in a layout program); PNG is 2400 px wide at either size.

This module lays a figure out and saves it; what is drawn inside the map's frame
is :mod:`tajikmap.imagelayers`, the legend and footer :mod:`tajikmap.imagelegend`,
the shared look :mod:`tajikmap.imagestyle`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import shapely
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from tajikmap.dataset import Dataset
from tajikmap.imagelayers import draw_layers, frame
from tajikmap.imagelegend import draw_legend, footer, legend_handles, legend_title
from tajikmap.imagestyle import FONT, LAYOUTS, MAP_CRS, SIZES, Size, SizeName, blend, literal, wrap

__all__ = [
    "IMAGE_FORMATS",
    "SIZES",
    "DrawnMap",
    "ImageFormat",
    "SizeName",
    "blend",
    "draw_compare",
    "draw_map",
]
__all__ += ["render_image"]

ImageFormat = Literal["png", "svg", "pdf"]
IMAGE_FORMATS: tuple[ImageFormat, ...] = ("png", "svg", "pdf")
PNG_WIDTH_PX = 2400


@dataclass(frozen=True)
class DrawnMap:
    """A drawn figure and its map axes (tests turn lon/lat into pixels with them)."""

    figure: Figure
    ax: Axes
    crs: str

    def pixel(self, lon: float, lat: float) -> tuple[int, int]:
        """(x, y) of a lon/lat in the saved PNG, y counted from the top."""
        point = gpd.GeoSeries([shapely.Point(lon, lat)], crs="EPSG:4326").to_crs(self.crs)[0]
        x, y = self.ax.transData.transform((point.x, point.y))
        height = self.figure.get_size_inches()[1] * self.figure.dpi
        return round(x), round(height - y)


@dataclass(frozen=True)
class _Plan:
    """Where things go on one year's map, in inches."""

    margin: float
    map_w: float
    map_h: float
    legend_h: float
    footer_h: float
    footer: str
    handles: list[Any]

    @property
    def height(self) -> float:
        return self.title_h + self.map_h + self.legend_h + self.footer_h + self.margin

    title_h: float = 0.0


def _check_view(dataset: Dataset, year: int, region: str | None, size: SizeName) -> None:
    if year not in dataset.years():
        raise ValueError(f"year {year} is not in the data ({dataset.years()})")
    if region is not None and (region not in dataset.regions or year not in dataset.regions[region].years):
        raise ValueError(f"region {region!r} has no layer in {year}")
    if size not in LAYOUTS:
        raise ValueError(f"size must be one of {', '.join(SIZES)}")


def _plan(dataset: Dataset, year: int, region: str | None, layout: Size) -> _Plan:
    shown = frame(dataset)
    aspect = (shown[3] - shown[1]) / (shown[2] - shown[0])
    margin = 0.12 * layout.width_in / 3.5 if not layout.legend_right else 0.35
    map_w = layout.width_in - 2 * margin if not layout.legend_right else layout.width_in * 0.63
    handles = legend_handles(dataset, year, region, layout)
    # Legend height from its wrapped lines: title, each label's lines, the gaps between.
    labels = [legend_title(year, layout), *(str(h.get_label()) for h in handles)]
    lines = sum(label.count("\n") + 1 for label in labels)
    line_h = layout.text_pt / 72 * 1.18
    legend_h = 0.0 if layout.legend_right else (lines + 0.45 * len(handles)) * line_h + 0.22
    lines_under = footer(dataset, year, layout)
    footer_h = (lines_under.count("\n") + 1) * layout.small_pt / 72 * 1.45 + 0.1
    return _Plan(
        margin, map_w, map_w * aspect, legend_h, footer_h, lines_under, handles, layout.title_pt / 72 * 3.2
    )


def draw_map(dataset: Dataset, year: int, region: str | None = None, size: SizeName = "column") -> DrawnMap:
    """Draw the map of ``year`` (``region`` outlined) as a matplotlib figure."""
    _check_view(dataset, year, region, size)
    layout = LAYOUTS[size]
    plan = _plan(dataset, year, region, layout)
    fig = Figure(figsize=(layout.width_in, plan.height), dpi=PNG_WIDTH_PX / layout.width_in)
    fig.patch.set_facecolor("white")
    ax = _draw_year(fig, dataset, year, region, layout, plan, plan.height)
    return DrawnMap(fig, ax, MAP_CRS)


def draw_compare(
    dataset: Dataset, years: tuple[int, int], region: str | None = None, size: SizeName = "column"
) -> Figure:
    """Both years side by side, each with its own legend and footer (``region`` outlined where it is)."""
    if len(set(years)) != 2:
        raise ValueError("compare needs two different years")
    for year in years:
        _check_view(dataset, year, None, size)
    layout = LAYOUTS[size]
    shown = [
        region if region in dataset.regions and y in dataset.regions[region].years else None for y in years
    ]
    if region is not None and shown == [None, None]:
        raise ValueError(f"region {region!r} has no layer in {years[0]} or {years[1]}")
    plans = [_plan(dataset, y, r, layout) for y, r in zip(years, shown, strict=True)]
    height = max(p.height for p in plans)
    fig = Figure(figsize=(2 * layout.width_in, height), dpi=PNG_WIDTH_PX / layout.width_in / 2)
    fig.patch.set_facecolor("white")
    subfigures: Any = fig.subfigures(1, 2)  # an array of two SubFigures
    for sub, year, r, plan in zip(subfigures, years, shown, plans, strict=True):
        _draw_year(sub, dataset, year, r, layout, plan, height)
    return fig


def _draw_year(
    fig: Figure | SubFigure,
    dataset: Dataset,
    year: int,
    region: str | None,
    layout: Size,
    plan: _Plan,
    height: float,
) -> Axes:
    """One year's map, legend, titles and footer on ``fig`` (a figure or a subfigure)."""

    def box(left: float, bottom: float, w: float, h: float) -> tuple[float, float, float, float]:
        return (left / layout.width_in, bottom / height, w / layout.width_in, h / height)

    # Maps side by side line up at the top; any spare height goes above the footer.
    map_bottom = plan.footer_h + plan.legend_h + (height - plan.height)
    ax = fig.add_axes(box(plan.margin, map_bottom, plan.map_w, plan.map_h))
    draw_layers(ax, dataset, year, region, layout)
    _titles(fig, dataset, year, region, layout, plan.margin, height)
    if layout.legend_right:
        left = plan.margin + plan.map_w + 0.3
        rect = box(left, map_bottom, layout.width_in - left - 0.2, plan.map_h)
    else:  # a gap under the map
        rect = box(plan.margin, map_bottom - plan.legend_h, plan.map_w, plan.legend_h - 0.12)
    draw_legend(fig, rect, plan.handles, year, layout)
    literal(
        fig.text(
            plan.margin / layout.width_in,
            0.08 / height,
            plan.footer,
            fontsize=layout.small_pt,
            va="bottom",
            color="#333333",
            linespacing=1.35,
        )
    )
    return ax


def _titles(
    fig: Figure | SubFigure,
    dataset: Dataset,
    year: int,
    region: str | None,
    layout: Size,
    margin: float,
    height: float,
) -> None:
    """The title (year, and the region outlined) and the articles it is drawn from."""
    title = f"Who holds sway, {year}"
    if region is not None:
        title += f": {dataset.regions[region].name}"
    literal(
        fig.text(
            margin / layout.width_in,
            1 - 0.1 / height,
            title,
            fontsize=layout.title_pt,
            fontweight="bold",
            va="top",
        )
    )
    subtitle = "; ".join(f"as described in “{s.title}”" for s in dataset.source_for_year(year))
    literal(
        fig.text(
            margin / layout.width_in,
            1 - (0.12 + layout.title_pt / 72 * 1.45) / height,
            wrap(subtitle, layout.footer_wrap - 10),
            fontsize=layout.text_pt,
            va="top",
            color="#333333",
        )
    )


def render_image(
    dataset: Dataset,
    year: int,
    region: str | None = None,
    fmt: ImageFormat = "png",
    size: SizeName = "column",
    compare: tuple[int, int] | None = None,
) -> bytes:
    """The map as PNG, SVG or PDF bytes; with ``compare``, both years side by side.

    Raises ValueError for an unknown view or format."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format must be one of {', '.join(IMAGE_FORMATS)}")
    # Text stays text: SVG <text> elements, PDF TrueType (Type 42) fonts.
    params: Any = {
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "font.family": FONT,
        "svg.hashsalt": "tajikmap",
        "text.parse_math": False,
    }
    with rc_context(params):
        if compare is None:
            figure = draw_map(dataset, year, region, size).figure
            title = f"Who holds sway, {year}"
        else:
            figure = draw_compare(dataset, compare, region, size)
            title = f"Who holds sway, {compare[0]} and {compare[1]}"
        out = io.BytesIO()
        metadata: dict[str, Any] = {"Title": title}
        if fmt == "png":
            metadata = {"Title": metadata["Title"], "Software": "tajikmap"}
        elif fmt == "svg":
            metadata["Date"] = None  # reproducible bytes
        else:
            metadata["CreationDate"] = None
        figure.savefig(out, format=fmt, dpi=figure.dpi, metadata=metadata)
    return out.getvalue()
