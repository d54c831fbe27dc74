"""A static map's legend and footer: each actor with its regions, the map's
conventions (no facts, approximate outline, selection, towns), and the citation
and credits under the map.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure, SubFigure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from tajikmap.credits import APPROXIMATE_NOTE, DATA_CREDITS, SWAY_NOTE, article_citation
from tajikmap.dataset import Dataset
from tajikmap.imagestyle import Size, blend, literal, wrap
from tajikmap.looks import INACTIVE_STYLE, legend, year_looks


def legend_handles(dataset: Dataset, year: int, region: str | None, layout: Size) -> list[Any]:
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
        label = wrap(f"{entry.label}: {', '.join(entry.regions)}", layout.wrap)
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
                label=wrap(APPROXIMATE_NOTE, layout.wrap),
            )
        )
    if region is not None:
        handles.append(
            Patch(
                facecolor="none",
                edgecolor="#000000",
                linewidth=2.0,
                label=wrap(f"Selected: {dataset.regions[region].name}", layout.wrap),
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


def legend_title(year: int, layout: Size) -> str:
    """The legend's title and, under it, what its colours are: an approximation of influence."""
    return f"Who holds sway, {year}\n{wrap(SWAY_NOTE, layout.wrap)}"


def draw_legend(
    fig: Figure | SubFigure,
    rect: tuple[float, float, float, float],
    handles: list[Any],
    year: int,
    layout: Size,
) -> None:
    lax = fig.add_axes(rect)
    lax.set_axis_off()
    leg = lax.legend(
        handles=handles,
        loc="upper left",
        frameon=False,
        fontsize=layout.text_pt,
        title=legend_title(year, layout),
        title_fontproperties={"size": layout.text_pt, "weight": "bold"},
        alignment="left",
        borderaxespad=0.0,
        borderpad=0.0,
        handlelength=1.6,
        labelspacing=0.6,
    )
    for text in [*leg.get_texts(), leg.get_title()]:
        literal(text)


def footer(dataset: Dataset, year: int, layout: Size) -> str:
    cites = [f"Source: {article_citation(s)}" for s in dataset.source_for_year(year)]
    text = " ".join([*cites, DATA_CREDITS, "Made with tajikmap."])
    return wrap(text, layout.footer_wrap)
