"""The assembled folium map: base map and year layer, as objects and rendered HTML."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tajikmap.dataset import Dataset
from tajikmap.elements import GeometryLoader, ImmediateClick, LegendBox, PanelIntoView, YearLook
from tajikmap.looks import escape_html, legend
from tajikmap.mapview import build_base_map, build_year_layer, clicked_region

GEOMETRY = "../../app/static/tajikmap/g.json"


def _render(dataset: Dataset, year: int, selected: str | None = None) -> str:
    fmap = build_base_map(dataset, tiles="", geometry_url=GEOMETRY)
    build_year_layer(dataset, year, selected).add_to(fmap)
    return fmap.get_root().render()


def _year_look(dataset: Dataset, year: int, selected: str | None = None) -> dict:  # type: ignore[type-arg]
    (look,) = build_year_layer(dataset, year, selected)._children.values()
    assert isinstance(look, YearLook)
    return look.options


def test_base_map_loads_geometry_and_holds_no_shapes(dataset: Dataset) -> None:
    base = build_base_map(dataset, tiles="", geometry_url=GEOMETRY)
    kinds = [type(c) for c in base._children.values()]
    assert kinds == [GeometryLoader, ImmediateClick, PanelIntoView, LegendBox]
    html = base.get_root().render()
    assert '"url":"../../app/static/tajikmap/g.json"' in html and len(html) < 40_000
    assert "Khorugh" not in _render(dataset, 1997)  # towns come with the served file


def test_the_year_layer_only_styles(dataset: Dataset) -> None:
    options = _year_look(dataset, 2021, "panjshir")
    looks = dict(options["looks"])
    assert looks["panjshir"]["style"]["color"] == "#000000"  # selected outline
    assert len(json.dumps(options)) < 10_000  # a year switch sends styles, not geometry


def test_map_loads_only_local_leaflet(dataset: Dataset) -> None:
    fmap = build_base_map(dataset, tiles="", geometry_url=GEOMETRY)
    urls = [u for _, u in fmap.default_js + fmap.default_css]
    assert len(urls) == 2 and all(u.startswith("../../app/static/leaflet/") for u in urls)
    html = _render(dataset, 1997)
    assert "tile.openstreetmap" not in html and "jquery" not in html.lower()
    assert "https://" not in html.replace("https://leafletjs.com", "")


def test_tiles_are_opt_in(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "tiles.example" not in build_base_map(dataset, geometry_url=GEOMETRY).get_root().render()
    monkeypatch.setenv("TAJIKMAP_TILES", "https://tiles.example/{z}/{x}/{y}.png")
    html = build_base_map(dataset, geometry_url=GEOMETRY).get_root().render()
    assert "tiles.example" in html


def test_the_year_layer_fills_the_maps_legend(dataset: Dataset) -> None:
    for year in dataset.years():
        options = _year_look(dataset, year)
        assert options["legendTitle"] == f"Who holds sway, {year}"
        for entry in legend(dataset, year):
            assert escape_html(entry.label) in options["legendBody"] and entry.color in options["legendBody"]


def test_hostile_actor_names_cannot_leave_the_legend(dataset: Dataset) -> None:
    payload = "</script><img src=x onerror=alert(1)>"
    actor = dataset.actors["kulyab-clan"]
    evil = replace(
        dataset, actors={**dataset.actors, "kulyab-clan": actor.model_copy(update={"name": payload})}
    )
    html = _render(evil, 1997)
    assert "</script><img" not in html and "<img src=x" not in html
    assert escape_html(payload) in _year_look(evil, 1997)["legendBody"]


def test_hostile_roles_are_escaped_in_the_rendered_map(dataset: Dataset) -> None:
    payload = "<img src=x onerror=alert(1)>`${alert(2)}`"
    region = dataset.regions["kulyab"]
    entry = region.years[1997].model_copy(update={"role": payload})
    evil = replace(
        dataset,
        regions={**dataset.regions, "kulyab": region.model_copy(update={"years": {1997: entry}})},
    )
    html = _render(evil, 1997)
    assert "<img src=x" not in html and "${alert(2)}" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;" in html


def test_clicked_region_reads_the_features_id() -> None:
    def drawing(rid: object) -> dict[str, object]:
        return {"type": "Feature", "properties": {"id": rid}}

    assert clicked_region(drawing("kulyab")) == "kulyab"
    assert clicked_region(drawing(12)) is None
    assert clicked_region(None) is None
    assert clicked_region({"properties": "x"}) is None
