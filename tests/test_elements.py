"""The map's script elements: real JS files, values passed as JSON, nothing injectable."""

from __future__ import annotations

import json
import re

import folium
import pytest

from tajikmap.elements import (
    FrameFit,
    GeometryLoader,
    ImmediateClick,
    LegendBox,
    RegionTooltips,
    YearLook,
    map_page_script,
    resource_text,
    script_json,
    script_source,
)
from tajikmap.looks import Look
from tajikmap.site import site_script

ELEMENTS = [
    lambda: GeometryLoader("g.json"),
    lambda: YearLook({"a": Look("active", {"color": "#000"}, "<b>A</b>", True)}, "t", "b"),
    LegendBox,
    ImmediateClick,
    RegionTooltips,
    lambda: FrameFit(((36.6, 67.3), (41.1, 75.2))),
]


@pytest.mark.parametrize("make", ELEMENTS)
def test_each_element_runs_its_file_with_the_map_and_its_options(make: object) -> None:
    fmap = folium.Map(tiles=None)
    element = make()  # type: ignore[operator]
    element.add_to(fmap)
    html = fmap.get_root().render()
    text = resource_text(f"js/{element.script}")
    assert text.lstrip().startswith("//") and "function (map, options" in text
    source = script_source(element.script)
    lines = source.splitlines()
    assert lines and set(lines) <= set(text.splitlines())  # the file's own lines, in the file's order
    assert not any(line.lstrip().startswith("//") for line in lines)
    call = f"({source})({fmap.get_name()}, {element.options_json}"
    assert call + ");" in html or call + ", (" in html  # the loader also gets the town drawer


def test_the_frame_fit_and_the_readers_site_place_town_names_with_one_file() -> None:
    fmap = folium.Map(tiles=None)
    FrameFit(((36.6, 67.3), (41.1, 75.2))).add_to(fmap)
    places = script_source("town_label_places.js")
    assert places.startswith("function (box)")
    assert f", ({places}));" in fmap.get_root().render()
    assert site_script().startswith(f"var townLabelPlaces = ({places});\n")
    assert "townLabelPlaces(map.getContainer())" in site_script()


def test_the_geometry_loader_gets_the_town_drawer_every_map_shares() -> None:
    fmap = folium.Map(tiles=None)
    GeometryLoader("g.json").add_to(fmap)
    html = fmap.get_root().render()
    drawer = script_source("town_labels.js")
    assert drawer.startswith("function (map, towns, style)")
    assert f", ({drawer}));" in html
    assert "bindTooltip" not in drawer  # labels placed by CSS, never measured one by one


def test_an_element_outside_a_map_gets_null_for_the_map() -> None:
    group = folium.FeatureGroup(name="year")
    look = YearLook({}, "t", "b")
    look.add_to(group)
    fmap = folium.Map(tiles=None)
    group.add_to(fmap)
    assert f"(null, {look.options_json});" in fmap.get_root().render()


@pytest.mark.parametrize("text", ["{{ 7 * 7 }}", "{% if %}", "{# x", "{{'map'}}"])
def test_a_text_that_looks_like_jinja_reaches_the_page_as_it_is(text: str) -> None:
    # branca turns a macro's output into a template of its own: "{{ 7 * 7 }}" in a
    # tooltip came out as 49, and "{% if %}" stopped the page with a syntax error.
    fmap = folium.Map(tiles=None)
    look = YearLook({"a": Look("active", {"color": "#000"}, text, True)}, text, "b")
    look.add_to(fmap)
    html = fmap.get_root().render()
    assert f"({fmap.get_name()}, {look.options_json});" in html
    assert json.loads(look.options_json)["legendTitle"] == text


def test_the_page_script_is_the_same_script_streamlit_folium_sends() -> None:
    # streamlit-folium sends each element's script macro itself (not the page's
    # script block): the two are one text, rendered once.
    fmap = folium.Map(tiles=None)
    element = LegendBox()
    element.add_to(fmap)
    fmap.get_root().render()
    sent = element._template.module.script(element, {})
    assert fmap.get_root().script._children[element.get_name()].render() == sent


def test_script_json_cannot_close_the_script_block() -> None:
    text = script_json({"x": "</script><img src=x>"})
    assert "<" not in text and json.loads(text) == {"x": "</script><img src=x>"}


def test_the_year_look_sends_styles_as_json() -> None:
    look = YearLook({"p": Look("active", {"color": "#000000"}, None, True)}, "Who, 2021", "<span>")
    options = json.loads(look.options_json)
    assert options["looks"] == [
        ["p", {"mode": "active", "style": {"color": "#000000"}, "tooltip": None, "interactive": True}]
    ]
    assert options["legendTitle"] == "Who, 2021" and options["legendBody"] == "<span>"


def test_no_python_string_holds_javascript() -> None:
    from pathlib import Path

    import tajikmap

    # export.py's one-line popup binder goes with the HTML export, which is being replaced.
    for path in Path(tajikmap.__file__).parent.glob("*.py"):
        if path.name == "export.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"function\s*\(|addEventListener|L\.DomUtil", text), path.name


def test_the_legend_goes_in_a_corner_leaflet_has() -> None:
    assert LegendBox(position="topright").options["position"] == "topright"
    with pytest.raises(ValueError, match="top-right"):
        LegendBox(position="top-right")


def test_the_frame_fit_takes_bounds_south_west_first() -> None:
    assert FrameFit(((36.6, 67.3), (41.1, 75.2))).options["bounds"] == [[36.6, 67.3], [41.1, 75.2]]
    with pytest.raises(ValueError, match="south, west"):
        FrameFit(((41.1, 75.2), (36.6, 67.3)))


def test_the_map_pages_script_watches_the_year_radio_and_the_maps_box() -> None:
    script = map_page_script("year", "map-box")
    switch = script_source("year_switch.js")
    assert script_source("share_menu_keys.js") in script and switch in script
    assert script.endswith(f'({switch})({{"mapBox":".st-key-map-box","yearBox":".st-key-year"}});')
    assert not any(line.lstrip().startswith("//") for line in script.splitlines())  # no comment lines
