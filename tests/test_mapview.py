"""The folium map, checked as an object and as rendered HTML (no browser)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import folium
import pytest

from tajikmap.dataset import Dataset
from tajikmap.mapview import (
    YearLook,
    build_base_map,
    build_year_layer,
    clicked_region,
    draw_modes,
    escape_html,
    geometry_payload,
    legend,
    year_looks,
)
from tajikmap.models import RegionYear

GEOMETRY = "../../app/static/tajikmap/g.json"


def _render(dataset: Dataset, year: int, selected: str | None = None) -> str:
    fmap = build_base_map(dataset, tiles="", geometry_url=GEOMETRY)
    build_year_layer(dataset, year, selected).add_to(fmap)
    return fmap.get_root().render()


def _shown(dataset: Dataset, year: int) -> set[str]:
    return {rid for rid, look in year_looks(dataset, year).items() if look.mode != "hidden"}


def test_layers_change_with_the_year(dataset: Dataset) -> None:
    six = {"dushanbe", "kulyab", "southwest", "east", "north", "west"}
    shown97, shown21 = _shown(dataset, 1997), _shown(dataset, 2021)
    assert six <= shown97 and not six & shown21
    assert "tajikistan" in shown21 and "tajikistan" not in shown97
    assert {"panjshir", "afghanistan", "uzbekistan", "tj-af-border"} <= shown21
    looks97 = year_looks(dataset, 1997)
    assert looks97["panjshir"].mode == "inactive" and looks97["panjshir"].style["fillColor"] == "#d9d6cf"


def test_base_map_holds_geometry_and_the_year_layer_only_styles(dataset: Dataset) -> None:
    payload = json.loads(geometry_payload(dataset))
    names = {f["properties"]["id"] for part in ("regions", "context") for f in payload[part]}
    assert {"kulyab", "tajikistan", "panjshir", "tj-af-border", "china"} <= names
    group = build_year_layer(dataset, 2021, "panjshir")
    (look,) = group._children.values()
    assert isinstance(look, YearLook)
    payload = dict(json.loads(look.looks_json))
    assert payload["panjshir"]["style"]["color"] == "#000000"  # selected outline
    assert len(look.looks_json) < 10_000  # a year switch sends styles, not geometry


def test_every_drawn_region_has_a_mode(dataset: Dataset) -> None:
    for year in dataset.years():
        modes = draw_modes(dataset, year)
        active = {r for r, m in modes.items() if m == "active"}
        assert active == {r.id for r in dataset.regions_in(year)} - (
            {"tajikistan"} if year == 1997 else set()
        )


def test_styles_use_the_sway_colour_and_dash_approximations(dataset: Dataset) -> None:
    styles = {rid: look.style for rid, look in year_looks(dataset, 1997).items()}
    kulyab_colour = dataset.actors["kulyab-clan"].color
    assert styles["kulyab"]["fillColor"] == kulyab_colour
    assert styles["southwest"]["fillColor"] == dataset.actors["khudoberdiyev"].color
    assert styles["kulyab"]["dashArray"] and not styles["north"]["dashArray"]


def test_selection_is_outlined_and_drawn_last(dataset: Dataset) -> None:
    looks = year_looks(dataset, 2021, "panjshir")
    assert list(looks)[-1] == "panjshir" and looks["panjshir"].style["weight"] == 4
    assert year_looks(dataset, 2021)["panjshir"].style["color"] != "#000000"
    whole = year_looks(dataset, 1997, "tajikistan")["tajikistan"]  # drawn through its parts
    assert whole.style["fillOpacity"] == 0 and whole.style["opacity"] == 1 and not whole.interactive


def test_map_loads_only_local_leaflet(dataset: Dataset) -> None:
    fmap = build_base_map(dataset, tiles="", geometry_url=GEOMETRY)
    urls = [u for _, u in fmap.default_js + fmap.default_css]
    assert len(urls) == 2 and all(u.startswith("../../app/static/leaflet/") for u in urls)
    html = _render(dataset, 1997)
    assert "tile.openstreetmap" not in html and "jquery" not in html.lower()


def test_tiles_are_opt_in(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAJIKMAP_TILES", "https://tiles.example/{z}/{x}/{y}.png")
    html = build_base_map(dataset, geometry_url=GEOMETRY).get_root().render()
    assert "tiles.example" in html


def test_tooltips_show_name_and_role(dataset: Dataset) -> None:
    html = _render(dataset, 1997)
    role = escape_html(dataset.regions["kulyab"].years[1997].role)
    assert role in html


def test_hostile_text_is_escaped(dataset: Dataset) -> None:
    payload = "<img src=x onerror=alert(1)>`${alert(2)}`\\"
    region = dataset.regions["kulyab"]
    evil = replace(
        dataset,
        regions={
            **dataset.regions,
            "kulyab": region.model_copy(
                update={"name": payload, "years": {1997: RegionYear(sway="kulyab-clan", role=payload)}}
            ),
        },
    )
    html = _render(evil, 1997)
    assert "<img src=x" not in html
    assert "${alert(2)}" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;&#92;" in html


@pytest.mark.parametrize("text", ["<b>", "a`b", "${x}", "\\u0041", "\"'&"])
def test_escape_html_leaves_no_active_characters(text: str) -> None:
    out = escape_html(text)
    assert not re.search(r"[<>`$\\\"']", out)


def test_clicked_region(dataset: Dataset) -> None:
    def drawing(rid: object) -> dict[str, object]:
        return {"type": "Feature", "properties": {"id": rid}}

    assert clicked_region(drawing("kulyab"), dataset, 1997) == "kulyab"
    assert clicked_region(drawing("kulyab"), dataset, 2021) is None  # not a 2021 region
    assert clicked_region(drawing("china"), dataset, 1997) is None
    assert clicked_region(drawing(12), dataset, 1997) is None
    assert clicked_region(None, dataset, 1997) is None
    assert clicked_region({"properties": "x"}, dataset, 1997) is None


def test_legend_names_the_actors_of_the_year(dataset: Dataset) -> None:
    labels97 = {e.actor_id for e in legend(dataset, 1997)}
    labels21 = {e.actor_id for e in legend(dataset, 2021)}
    assert {"kulyab-clan", "khudoberdiyev", "industrialists", "uto"} <= labels97
    assert {"taliban", "nrf", "rahmon"} <= labels21 and "uto" not in labels21


def test_legend_html_escapes_labels(dataset: Dataset) -> None:
    from tajikmap.mapview import LegendEntry, legend_html

    html = legend_html([LegendEntry("a", "<img src=x onerror=alert(1)>", "#E69F00", ("r",))])
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "background:#E69F00" in html


def test_the_year_layer_fills_the_maps_legend(dataset: Dataset) -> None:
    for year in dataset.years():
        (look,) = build_year_layer(dataset, year)._children.values()
        assert isinstance(look, YearLook)
        assert json.loads(look.legend_title_json) == f"Who holds sway, {year}"
        shown = json.loads(look.legend_body_json)
        assert "approximate boundary" in shown
        for entry in legend(dataset, year):
            assert escape_html(entry.label) in shown and entry.color in shown
        assert "<" not in look.legend_body_json  # written as \\u003c: nothing can close the <script>
    assert "L.DomUtil.create('details', 'tajikmap-legend')" in _render(dataset, 1997)


def test_hostile_actor_names_cannot_leave_the_legend(dataset: Dataset) -> None:
    payload = "</script><img src=x onerror=alert(1)>"
    actor = dataset.actors["kulyab-clan"]
    evil = replace(
        dataset, actors={**dataset.actors, "kulyab-clan": actor.model_copy(update={"name": payload})}
    )
    html = _render(evil, 1997)
    assert "</script><img" not in html and "<img src=x" not in html
    (look,) = build_year_layer(evil, 1997)._children.values()
    assert escape_html(payload) in json.loads(look.legend_body_json)


def test_towns_come_with_the_served_geometry_not_each_rerun(dataset: Dataset) -> None:
    towns = {t["name"]: t for t in json.loads(geometry_payload(dataset))["towns"]}
    assert {"Dushanbe", "Kulob", "Khorugh"} <= set(towns)
    assert 37 < towns["Khorugh"]["lat"] < 38 and 71 < towns["Khorugh"]["lon"] < 72
    assert "Khorugh" not in _render(dataset, 1997)  # the map re-rendered per rerun has none


def test_hostile_town_names_are_escaped(dataset: Dataset) -> None:
    payload = "<img src=x onerror=alert(1)>"
    layers = {
        lid: replace(layer, name=payload) if layer.kind == "town" else layer
        for lid, layer in dataset.geodata.layers.items()
    }
    evil = replace(dataset, geodata=replace(dataset.geodata, layers=layers))
    served = geometry_payload(evil)
    assert "<img" not in served and escape_html(payload) in json.loads(served)["towns"][0]["name"]


def test_geometry_is_served_not_resent(dataset: Dataset) -> None:
    from tajikmap.mapview import GeometryLoader, geometry_filename, geometry_payload

    payload = geometry_payload(dataset)
    data = json.loads(payload)
    region_ids = {f["properties"]["id"] for f in data["regions"]}
    assert {"kulyab", "tajikistan", "panjshir", "tj-af-border"} <= region_ids
    assert {f["properties"]["id"] for f in data["context"]} >= {"china", "kyrgyzstan"}
    assert geometry_filename(payload) == geometry_filename(payload)
    assert geometry_filename(payload) != geometry_filename(payload + " ")
    base = build_base_map(dataset, tiles="", geometry_url=GEOMETRY)
    kinds = [type(c) for c in base._children.values()]
    assert GeometryLoader in kinds and folium.GeoJson not in kinds
    html = base.get_root().render()
    assert '"../../app/static/tajikmap/g.json"' in html and len(html) < 40_000


def test_install_geometry_writes_the_served_file_once(dataset: Dataset, tmp_path: Path) -> None:
    from tajikmap.mapview import geometry_filename, geometry_payload, install_geometry

    url = install_geometry(dataset, tmp_path)
    name = geometry_filename(geometry_payload(dataset))
    target = tmp_path / "tajikmap" / name
    assert url.endswith(f"/tajikmap/{name}")
    assert target.read_text(encoding="utf-8") == geometry_payload(dataset)
    stamp = target.stat().st_mtime_ns
    assert install_geometry(dataset, tmp_path) == url
    assert target.stat().st_mtime_ns == stamp  # left alone, not rewritten
    assert [p.name for p in target.parent.iterdir()] == [name]  # no .part left behind
