"""Compare mode's maps: two years side by side in one iframe, and "what changed".

The pair is the dashboard's base map (streamlit-folium's one Leaflet map) plus a
second Leaflet map that ``web/compare.js`` builds in the same iframe, in the slot
streamlit-folium keeps for a second map (``map_div2``). One document holds both,
so Leaflet.Sync (vendored, BSD-3-Clause; see ``vendor/leaflet.sync/PROVENANCE.json``)
keeps them in step, and a click on either reaches Python through streamlit-folium's
usual click path. Two ``st_folium`` iframes could not see each other.

The scripts and the stylesheet are copied into the app's ``static/`` folder and
served like Leaflet (``install_compare_assets``); nothing comes from a CDN.
"""

from __future__ import annotations

import filecmp
import hashlib
import html
import shutil
from collections.abc import Mapping
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from tajikmap.assets import STATIC_URL_FROM_COMPONENT
from tajikmap.compare import (
    CHANGE_COLORS,
    CHANGE_KINDS,
    change_label,
    changes,
    compare_panel,
    drawn_changes,
)
from tajikmap.dataset import Dataset
from tajikmap.elements import PanelIntoView, YearLook, script_json
from tajikmap.looks import (
    CONTEXT_STYLE,
    HIDDEN_STYLE,
    INACTIVE_STYLE,
    SELECTED_OUTLINE,
    TOWN_STYLE,
    LegendEntry,
    Look,
    drawing_order,
    legend,
    legend_html,
    region_style,
    tooltip_html,
    year_looks,
)
from tajikmap.mapview import build_base_map

STATIC_SUBDIR = "tajikmap-compare"
# The iframe's two maps' registries (window.<name>): streamlit-folium's map, then compare.js's.
REGISTRIES = ("tajikmap", "tajikmap2")
# name served -> file in the package
_ASSETS = {
    "L.Map.Sync.js": ("vendor", "leaflet.sync", "L.Map.Sync.js"),
    "LICENSE-leaflet.sync": ("vendor", "leaflet.sync", "LICENSE"),
    "compare.js": ("web", "compare.js"),
    "compare.css": ("web", "compare.css"),
}
LEGEND_OPEN_FROM_PX = 400
# Every Compare map's legend sits bottom right, over the credits: bottom left, the
# 1997 legend (the longer) covered Kabul's name and, closed on a phone, Bazarak's dot.
LEGEND_POSITION = "bottomright"


def _asset_bytes(name: str) -> bytes:
    resource = files("tajikmap").joinpath(*_ASSETS[name])
    return resource.read_bytes()


def install_compare_assets(static_dir: Path) -> list[Path]:
    """Copy compare mode's scripts, stylesheet and the plugin's licence into
    ``static_dir/tajikmap-compare``. Idempotent; returns the files written."""
    target = static_dir / STATIC_SUBDIR
    written: list[Path] = []
    for name, parts in _ASSETS.items():
        dest = target / name
        with as_file(files("tajikmap").joinpath(*parts)) as src:
            if dest.exists() and filecmp.cmp(src, dest, shallow=False):
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(dest.name + ".part")  # appears whole for a server reading it
            shutil.copyfile(src, tmp)
            tmp.replace(dest)
        written.append(dest)
    return written


def asset_url(name: str, base: str = STATIC_URL_FROM_COMPONENT) -> str:
    """The served URL of an asset, versioned by its content (a new build is a new URL)."""
    digest = hashlib.sha256(_asset_bytes(name)).hexdigest()[:12]
    return f"{base}/{STATIC_SUBDIR}/{name}?v={digest}"


class CompareScripts(JSCSSMixin, MacroElement):
    """Loads compare.js (and its stylesheet) into the map's iframe, from the app."""

    _template = Template("")

    def __init__(self, with_sync: bool) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "CompareScripts"
        js = [("leaflet_sync", asset_url("L.Map.Sync.js"))] if with_sync else []
        self.default_js = [*js, ("tajikmap_compare", asset_url("compare.js"))]
        self.default_css = [("tajikmap_compare_css", asset_url("compare.css"))]


class SecondMap(MacroElement):
    """Builds the second year's map beside the first (see web/compare.js)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
window.tajikmapCompare.build({
  first: {{ this._parent.get_name() }}, div: 'map_div2',
  contextStyle: {{ this.context_json }}, hiddenStyle: {{ this.hidden_json }},
  townStyle: {{ this.town_json }}, legendOpenFrom: {{ this.open_from }},
  legendPosition: {{ this.legend_json }}
});
{% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "SecondMap"
        self.context_json = script_json(CONTEXT_STYLE)
        self.hidden_json = script_json(HIDDEN_STYLE)
        self.town_json = script_json(TOWN_STYLE)
        self.open_from = LEGEND_OPEN_FROM_PX
        self.legend_json = script_json(LEGEND_POSITION)


# The Compare page's panel (pages/compare.py): under the pair of maps at every
# width, so a click on either map brings its heading into view on any screen.
COMPARE_PANEL_KEY = "cmp-panel"


def _compare_panel() -> PanelIntoView:
    return PanelIntoView(f".st-key-{COMPARE_PANEL_KEY} h3", max_width_px=100_000)


# The frames' heights (px). The pair is tall enough that each of its two maps,
# stacked on a phone, fits the country above its legend, scale and credits.
PAIR_MAP_HEIGHT = 620
CHANGE_MAP_HEIGHT = 400


def build_pair_map(dataset: Dataset, *, geometry_url: str) -> folium.Map:
    """The base map with a second map beside it: it changes with neither the years
    nor the selection, so streamlit-folium never remounts it."""
    fmap = build_base_map(
        dataset, geometry_url=geometry_url, panel=_compare_panel(), legend_position=LEGEND_POSITION
    )
    CompareScripts(with_sync=True).add_to(fmap)
    SecondMap().add_to(fmap)  # it draws the first map's file
    return fmap


def build_pair_layer(dataset: Dataset, years: tuple[int, int], selected: str | None) -> folium.FeatureGroup:
    """Each map's year: styles, tooltips, legend and the year label, with the selection outlined."""
    group = folium.FeatureGroup(name=f"compare-{years[0]}-{years[1]}")
    for registry, year in zip(REGISTRIES, years, strict=True):
        looks = year_looks(dataset, year, selected)
        body = legend_html(legend(dataset, year))
        YearLook(looks, f"Who holds sway, {year}", body, registry=registry, label=str(year)).add_to(group)
    return group


def change_looks(dataset: Dataset, years: tuple[int, int], selected: str | None = None) -> dict[str, Look]:
    """Every region and border layer coloured by its kind of change, in drawing order."""
    kinds = drawn_changes(dataset, years)
    covered_wholes = {r.part_of for r in dataset.regions.values() if r.id in kinds and r.part_of}
    layers = dataset.geodata.layers
    looks: dict[str, Look] = {}
    for rid in drawing_order(dataset):
        layer = layers[rid]
        kind = kinds.get(rid)
        if kind is not None:
            panel = compare_panel(dataset, rid, years)
            tip = tooltip_html(dataset.regions[rid].name, f"{panel.kind_label}: {panel.holder_change}")
            looks[rid] = Look("active", region_style(layer, CHANGE_COLORS[kind]), tip, True)
        elif rid in covered_wholes:
            looks[rid] = Look("hidden", dict(HIDDEN_STYLE), None, False)
        else:
            tip = tooltip_html(layer.name, f"in neither {years[0]} nor {years[1]}")
            looks[rid] = Look("inactive", dict(INACTIVE_STYLE, dashArray=None), tip, True)
    if selected in looks and looks[selected].mode == "active":
        look = looks.pop(selected)
        looks[selected] = Look(look.mode, dict(look.style, **SELECTED_OUTLINE), look.tooltip, True)
    return looks


def change_legend(dataset: Dataset, years: tuple[int, int]) -> list[LegendEntry]:
    """One legend entry per kind of change the two years show."""
    kinds = drawn_changes(dataset, years)
    return [
        LegendEntry(
            kind,
            change_label(kind, *years),
            CHANGE_COLORS[kind],
            tuple(dataset.regions[r].name for r, k in kinds.items() if k == kind),
        )
        for kind in CHANGE_KINDS
        if kind in kinds.values()
    ]


def change_summary(dataset: Dataset, years: tuple[int, int]) -> str:
    """Compare's panel with no region chosen, as one escaped HTML block (class "prose"):
    each kind of change and its regions. HTML, not Markdown, as a Markdown element
    costs the browser far more (the Map's overview, bench/run.py)."""
    items = "".join(
        f"<li><strong>{html.escape(e.label.capitalize())}:</strong> {html.escape(', '.join(e.regions))}</li>"
        for e in change_legend(dataset, years)
    )
    return (
        f'<div class="prose"><h3>What changed from {years[0]} to {years[1]}</h3><ul>{items}</ul>'
        "<p>Who held sway is compared as the data records it, one actor per region and year. "
        "Click a region on either map, or pick it above, to see both years side by side.</p></div>"
    )


def build_change_map(dataset: Dataset, *, geometry_url: str) -> folium.Map:
    """The base map for the "what changed" overview (it loads compare.js, no second map).

    Its legend keeps the single-year map's rule (closed below 520 px): open on the
    page's narrow column, it would cover Panjshir.
    """
    fmap = build_base_map(
        dataset, geometry_url=geometry_url, panel=_compare_panel(), legend_position=LEGEND_POSITION
    )
    CompareScripts(with_sync=False).add_to(fmap)
    return fmap


def build_change_layer(dataset: Dataset, years: tuple[int, int], selected: str | None) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=f"changes-{years[0]}-{years[1]}")
    body = legend_html(change_legend(dataset, years))
    title = f"What changed, {years[0]} → {years[1]}"
    YearLook(change_looks(dataset, years, selected), title, body, registry=REGISTRIES[0]).add_to(group)
    return group


def clicked_compare_region(
    drawing: Mapping[str, Any] | None, dataset: Dataset, years: tuple[int, int]
) -> str | None:
    """The region id of a clicked feature if either year covers it, else None."""
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties")
    rid = props.get("id") if isinstance(props, Mapping) else None
    if not isinstance(rid, str) or rid not in dataset.regions:
        return None
    return rid if rid in changes(dataset, years) else None


def main(argv: list[str] | None = None) -> int:
    """``python -m tajikmap.comparemap [STATIC_DIR]``: install compare mode's assets."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    static_dir = Path(args[0]) if args else Path("static")
    written = install_compare_assets(static_dir)
    print(f"compare mode: {len(written)} file(s) written under {static_dir}/{STATIC_SUBDIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
