"""Static map images for print and CMS: PNG, SVG and PDF drawn with matplotlib and geopandas.

The same geodata and the same looks as the interactive map (colours, dashed
approximate regions, the selection outline: :func:`tajikmap.mapview.year_looks`),
with what a printed map needs besides: title, legend, scale bar, credits and
the article's citation. SVG and PDF keep their text as text (searchable,
editable in a layout program); PNG is 2400 px wide at either size.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import shapely
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.patheffects import withStroke
from matplotlib.text import Text
from shapely.ops import polylabel

from tajikmap.credits import APPROXIMATE_NOTE, DATA_CREDITS, article_citation
from tajikmap.dataset import Dataset
from tajikmap.mapview import BACKGROUND, CONTEXT_STYLE, INACTIVE_STYLE, TOWN_STYLE, legend, year_looks

ImageFormat = Literal["png", "svg", "pdf"]
IMAGE_FORMATS: tuple[ImageFormat, ...] = ("png", "svg", "pdf")
SizeName = Literal["column", "page"]
SIZES: tuple[SizeName, ...] = ("column", "page")
PNG_WIDTH_PX = 2400
# Lambert azimuthal equal-area centred on the frame: areas true, and the scale
# bar's kilometres hold across the map to within a fraction of a percent.
MAP_CRS = "+proj=laea +lat_0=37.8 +lon_0=70.5 +datum=WGS84 +units=m +no_defs"
FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs on every machine


@dataclass(frozen=True)
class Size:
    """A layout: figure width, where the legend goes, and type sizes in points."""

    width_in: float
    legend_right: bool
    title_pt: float
    text_pt: float
    small_pt: float
    wrap: int  # characters per legend line
    footer_wrap: int


LAYOUTS: dict[SizeName, Size] = {
    # One newspaper/CMS column (~89 mm): legend under the map.
    "column": Size(3.5, False, 9.5, 6.5, 5.2, 46, 82),
    # A full page, landscape: legend beside the map.
    "page": Size(10.0, True, 17.0, 9.5, 7.5, 30, 170),
}


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


def blend(color: str, opacity: float, under: str = BACKGROUND) -> str:
    """The colour a fill of ``color`` at ``opacity`` shows over ``under`` (as on the web map)."""
    top = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    bottom = [int(under[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(opacity * t + (1 - opacity) * b) for t, b in zip(top, bottom, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _dash(dash_array: str | None, width: float) -> Any:
    if not dash_array:
        return "solid"
    # Leaflet's dash lengths are in pixels; matplotlib's are in line widths.
    return (0, tuple(float(n) / max(width, 0.5) * 0.6 for n in dash_array.split()))


def _frame(dataset: Dataset) -> tuple[float, float, float, float]:
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


def _wrap(text: str, width: int) -> str:
    # Never at a hyphen: "Kurgan-Tyube" stays one word (and one searchable string).
    return textwrap.fill(text, width, break_on_hyphens=False, break_long_words=False)


def _literal(text: Text) -> Text:
    # A "$" in data must print as a dollar sign, not start matplotlib's mathtext.
    text.set_parse_math(False)
    return text


def _scale_bar(ax: Axes, frame: tuple[float, float, float, float], size: Size) -> None:
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


def draw_map(dataset: Dataset, year: int, region: str | None = None, size: SizeName = "column") -> DrawnMap:
    """Draw the map of ``year`` (``region`` outlined) as a matplotlib figure."""
    if year not in dataset.years():
        raise ValueError(f"year {year} is not in the data ({dataset.years()})")
    if region is not None and (region not in dataset.regions or year not in dataset.regions[region].years):
        raise ValueError(f"region {region!r} has no layer in {year}")
    if size not in LAYOUTS:
        raise ValueError(f"size must be one of {', '.join(SIZES)}")
    layout = LAYOUTS[size]
    frame = _frame(dataset)
    aspect = (frame[3] - frame[1]) / (frame[2] - frame[0])
    layers = dataset.geodata.layers
    looks = year_looks(dataset, year, region)

    # Layout in inches, turned into figure fractions once the height is known.
    margin = 0.12 * layout.width_in / 3.5 if not layout.legend_right else 0.35
    map_w = layout.width_in - 2 * margin if not layout.legend_right else layout.width_in * 0.63
    map_h = map_w * aspect
    title_h = layout.title_pt / 72 * 3.2
    handles = _legend_handles(dataset, year, region, layout)
    # Legend height from its wrapped lines: title, each label's lines, the gaps between.
    lines = 1 + sum(str(h.get_label()).count("\n") + 1 for h in handles)
    line_h = layout.text_pt / 72 * 1.18
    legend_h = 0.0 if layout.legend_right else (lines + 0.45 * len(handles)) * line_h + 0.22
    sources = dataset.source_for_year(year)
    footer_lines = _footer(dataset, year, layout)
    footer_h = (footer_lines.count("\n") + 1) * layout.small_pt / 72 * 1.45 + 0.1
    height = title_h + map_h + legend_h + footer_h + margin
    fig = Figure(figsize=(layout.width_in, height), dpi=PNG_WIDTH_PX / layout.width_in)
    fig.patch.set_facecolor("white")

    def box(left: float, bottom: float, w: float, h: float) -> tuple[float, float, float, float]:
        return (left / layout.width_in, bottom / height, w / layout.width_in, h / height)

    map_bottom = footer_h + legend_h
    ax = fig.add_axes(box(margin, map_bottom, map_w, map_h))
    ax.set_facecolor(BACKGROUND)
    ax.set_xlim(frame[0], frame[2])
    ax.set_ylim(frame[1], frame[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color("#555555")

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
    scale = layout.width_in / 10.0 + 0.4  # thinner lines on a column than on a page
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
    # geopandas labels the axes with the CRS's units; a printed map has no use for them.
    ax.set_xlabel("")
    ax.set_ylabel("")
    _labels(dataset, ax, year, looks, layout)
    _towns(dataset, ax, layout, scale)
    _scale_bar(ax, frame, layout)

    title = f"Who holds sway, {year}"
    if region is not None:
        title += f": {dataset.regions[region].name}"
    _literal(
        fig.text(
            margin / layout.width_in,
            1 - 0.1 / height,
            title,
            fontsize=layout.title_pt,
            fontweight="bold",
            va="top",
        )
    )
    subtitle = "; ".join(f"as described in “{s.title}”" for s in sources)
    _literal(
        fig.text(
            margin / layout.width_in,
            1 - (0.12 + layout.title_pt / 72 * 1.45) / height,
            _wrap(subtitle, layout.footer_wrap - 10),
            fontsize=layout.text_pt,
            va="top",
            color="#333333",
        )
    )
    if layout.legend_right:
        left = margin + map_w + 0.3
        rect = box(left, map_bottom, layout.width_in - left - 0.2, map_h)
    else:
        rect = box(margin, map_bottom - legend_h, map_w, legend_h - 0.12)  # a gap under the map
    _draw_legend(fig, rect, handles, year, layout)
    _literal(
        fig.text(
            margin / layout.width_in,
            0.08 / height,
            footer_lines,
            fontsize=layout.small_pt,
            va="bottom",
            color="#333333",
            linespacing=1.35,
        )
    )
    return DrawnMap(fig, ax, MAP_CRS)


def _footer(dataset: Dataset, year: int, layout: Size) -> str:
    cites = [f"Source: {article_citation(s)}" for s in dataset.source_for_year(year)]
    text = " ".join([*cites, DATA_CREDITS, "Made with tajikmap."])
    return _wrap(text, layout.footer_wrap)


def _labels(dataset: Dataset, ax: Axes, year: int, looks: dict[str, Any], layout: Size) -> None:
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
        point = _label_point(biggest, towns, (x1 - x0) / 40)
        name = dataset.regions[rid].name.split(" (")[0]
        _literal(
            ax.text(
                point.x,
                point.y,
                _wrap(name, 16),
                ha="center",
                va="center",
                fontsize=layout.text_pt,
                fontstyle="italic",
                color="#222222",
                path_effects=halo,
                zorder=9,
            )
        )


def _label_point(poly: Any, towns: Any, step: float) -> Any:
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


def _towns(dataset: Dataset, ax: Axes, layout: Size, scale: float) -> None:
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
        _literal(
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


def _legend_handles(dataset: Dataset, year: int, region: str | None, layout: Size) -> list[Any]:
    """Legend entries: each actor with its regions, then the map's conventions."""
    looks = year_looks(dataset, year, region)
    layers = dataset.geodata.layers
    handles: list[Any] = []
    for entry in legend(dataset, year):
        mine = [
            (rid, lk)
            for rid, lk in looks.items()
            if lk.mode == "active" and dataset.regions[rid].years[year].sway == entry.actor_id
        ]
        label = _wrap(f"{entry.label}: {', '.join(entry.regions)}", layout.wrap)
        if mine and all(layers[rid].kind == "border" for rid, _ in mine):
            handles.append(Line2D([], [], color=entry.color, linewidth=2.5, label=label))
            continue
        opacity = float(mine[0][1].style.get("fillOpacity", 1.0)) if mine else 1.0
        fill = blend(entry.color, opacity)
        handles.append(Patch(facecolor=fill, edgecolor="#333333", linewidth=0.6, label=label))
    if any(lk.mode == "inactive" for lk in looks.values()):
        handles.append(
            Patch(
                facecolor=str(INACTIVE_STYLE["fillColor"]),
                edgecolor=str(INACTIVE_STYLE["color"]),
                linewidth=0.6,
                label=f"No facts in {year}",
            )
        )
    if any(layers[rid].approximate and lk.mode == "active" for rid, lk in looks.items()):
        handles.append(
            Patch(
                facecolor="none",
                edgecolor="#333333",
                linestyle=(0, (3, 2)),
                linewidth=0.9,
                label=_wrap(APPROXIMATE_NOTE, layout.wrap),
            )
        )
    if region is not None:
        handles.append(
            Patch(
                facecolor="none",
                edgecolor="#000000",
                linewidth=2.0,
                label=_wrap(f"Selected: {dataset.regions[region].name}", layout.wrap),
            )
        )
    if dataset.geodata.of_kind("town"):
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markerfacecolor="white",
                markeredgecolor="#222222",
                markersize=4,
                label="Town (GeoNames)",
            )
        )
    return handles


def _draw_legend(
    fig: Figure, rect: tuple[float, float, float, float], handles: list[Any], year: int, layout: Size
) -> None:
    lax = fig.add_axes(rect)
    lax.set_axis_off()
    leg = lax.legend(
        handles=handles,
        loc="upper left",
        frameon=False,
        fontsize=layout.text_pt,
        title=f"Who holds sway, {year}",
        title_fontproperties={"size": layout.text_pt, "weight": "bold"},
        alignment="left",
        borderaxespad=0.0,
        borderpad=0.0,
        handlelength=1.6,
        labelspacing=0.6,
    )
    for text in [*leg.get_texts(), leg.get_title()]:
        _literal(text)


def render_image(
    dataset: Dataset,
    year: int,
    region: str | None = None,
    fmt: ImageFormat = "png",
    size: SizeName = "column",
) -> bytes:
    """The map as PNG, SVG or PDF bytes. Raises ValueError for an unknown view or format."""
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
        drawn = draw_map(dataset, year, region, size)
        out = io.BytesIO()
        metadata: dict[str, Any] = {"Title": f"Who holds sway, {year}"}
        if fmt == "png":
            metadata = {"Title": metadata["Title"], "Software": "tajikmap"}
        elif fmt == "svg":
            metadata["Date"] = None  # reproducible bytes
        else:
            metadata["CreationDate"] = None
        drawn.figure.savefig(out, format=fmt, dpi=drawn.figure.dpi, metadata=metadata)
    return out.getvalue()
