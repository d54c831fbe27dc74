"""The assembled folium map: base map and year layer, as objects and rendered HTML."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tajikmap.dataset import Dataset
from tajikmap.elements import (
    FrameFit,
    GeometryLoader,
    ImmediateClick,
    LegendBox,
    PanelIntoView,
    RegionTooltips,
    YearLook,
)
from tajikmap.looks import escape_html, legend
from tajikmap.mapview import build_base_map, build_year_layer, clicked_region, focus_bounds

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
    # The tooltips' binding before the geometry that uses it; the fit after the controls it measures.
    assert kinds == [RegionTooltips, GeometryLoader, ImmediateClick, PanelIntoView, LegendBox, FrameFit]
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


def test_the_map_frames_tajikistan_the_border_and_panjshir_from_the_geodata(dataset: Dataset) -> None:
    (south, west), (north, east) = focus_bounds(dataset)
    layers = dataset.geodata.layers
    shapes = [layers[rid].geometry for rid in ("tajikistan", "panjshir", "kulyab")]
    shapes += [lyr.geometry for lyr in dataset.geodata.of_kind("border")]
    for shape in shapes:
        w, s, e, n = shape.bounds
        assert west <= w and south <= s and e <= east and n <= north
    # Tight: each edge is some shape's edge; the neighbours as wholes are left out
    # (Afghanistan reaches 29° N, Uzbekistan 60° E).
    assert south == layers["panjshir"].geometry.bounds[1] and east == layers["tajikistan"].geometry.bounds[2]
    assert 35 < south < 35.5 and 40.5 < north < 41.5 and 67 < west < 68 and 75 < east < 76
    base = build_base_map(dataset, tiles="", geometry_url=GEOMETRY)
    (fit,) = [c for c in base._children.values() if isinstance(c, FrameFit)]
    assert fit.options["bounds"] == [[south, west], [north, east]]


def test_the_legend_corner_is_the_pages_choice(dataset: Dataset) -> None:
    def corner(**kwargs: str) -> str:
        base = build_base_map(dataset, tiles="", geometry_url=GEOMETRY, **kwargs)
        (box,) = [c for c in base._children.values() if isinstance(c, LegendBox)]
        return str(box.options["position"])

    assert corner() == "bottomleft" and corner(legend_position="topright") == "topright"


def test_a_geodata_without_the_country_says_so(dataset: Dataset) -> None:
    layers = {k: v for k, v in dataset.geodata.layers.items() if k != "tajikistan"}
    broken = replace(dataset, geodata=replace(dataset.geodata, layers=layers))
    with pytest.raises(ValueError, match="tajikistan"):
        focus_bounds(broken)


def test_the_year_layer_carries_a_switch_to_each_other_year(dataset: Dataset) -> None:
    # What pages/map.py passes: the region each year keeps (urlstate.with_year).
    from tajikmap.urlstate import View, regions_by_year, with_year

    view = View(1997, "tajikistan")
    switch = {y: with_year(view, y, regions_by_year(dataset)).region for y in dataset.years()}
    (look,) = build_year_layer(dataset, 1997, "tajikistan", switch=switch)._children.values()
    assert isinstance(look, YearLook)
    options = look.options
    assert options["year"] == "1997" and set(options["years"]) == {"2021"}  # not a copy of itself
    other = options["years"]["2021"]
    assert other["legendTitle"] == "Who holds sway, 2021"
    assert other["looks"] == _year_look(dataset, 2021, "tajikistan")["looks"]
    # A region the other year lacks is not outlined there (the switch drops it).
    kulyab = View(1997, "kulyab")
    switch = {y: with_year(kulyab, y, regions_by_year(dataset)).region for y in dataset.years()}
    (look,) = build_year_layer(dataset, 1997, "kulyab", switch=switch)._children.values()
    assert look.options["years"]["2021"]["looks"] == _year_look(dataset, 2021)["looks"]
    assert "years" not in _year_look(dataset, 1997)  # compare mode and the exports send no switch
    assert len(json.dumps(options)) < 20_000  # two years of styles, still no geometry


def test_hostile_names_are_escaped_in_the_other_years_looks_too(dataset: Dataset) -> None:
    payload = "</script><img src=x onerror=alert(1)>"
    actor = dataset.actors["kulyab-clan"]
    evil = replace(
        dataset, actors={**dataset.actors, "kulyab-clan": actor.model_copy(update={"name": payload})}
    )
    fmap = build_base_map(evil, tiles="", geometry_url=GEOMETRY)
    build_year_layer(evil, 2021, None, switch={1997: None, 2021: None}).add_to(fmap)
    html = fmap.get_root().render()
    assert "</script><img" not in html and "<img src=x" not in html
    assert escape_html(payload) in html
