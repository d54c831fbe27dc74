"""Compare mode in Chromium: both years painted at once, Kulyab's two years, maps in step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tajikmap.compare import CHANGE_COLORS, drawn_changes
from tajikmap.compareexport import export_compare_html
from tajikmap.dataset import Dataset
from tajikmap.looks import SELECTED_OUTLINE, legend
from tajikmap.testing import MAPS_DRAWN_JS
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import IFRAME, TOWNS_HIDDEN, inner_point, inner_points, panel_heading

PAIR_URL = "compare?compare=1997,2021"


def _pair_frame(page: Any) -> Any:
    """The side-by-side iframe (the first map component on the page), once both maps painted."""
    frame_el = page.locator(IFRAME).first
    frame_el.wait_for(timeout=30_000)
    frame = frame_el.element_handle().content_frame()
    frame.wait_for_function(
        "() => window.map && window.tajikmap2 && window.map.getSize().x > 0"
        " && window.tajikmap2.map.getSize().x > 0"
        " && document.querySelectorAll('#map_div2 path.leaflet-interactive').length > 0"
        # Both maps' shapes arrive after the maps are built (js/geometry_loader.js).
        f" && {MAPS_DRAWN_JS}",
        timeout=30_000,
    )
    return frame


def test_every_town_on_both_maps_can_be_read(sized: tuple[str, Any], app_url: str) -> None:
    # The 1997 legend (bottom left) covered Kabul's name on a desktop and, closed on a
    # phone, Bazarak's dot; the second map's names were never moved off each other.
    _, page = sized
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('#map_div2 .town-label').length > 5")
    first = frame.evaluate("() => '#' + window.map.getContainer().id")
    for selector in (first, "#map_div2"):
        found = frame.evaluate(TOWNS_HIDDEN, selector)
        assert found["owned"] == found["towns"] > 5, (selector, found)
        assert found["hidden"] == [], (selector, found["hidden"])


def test_both_maps_draw_one_request_of_the_geometry(page: Any, app_url: str) -> None:
    # The second map draws the first map's parsed file: one request, one parse.
    asked: list[Any] = []  # (the page's other frame, the what-changed map, loads it for itself)
    page.on("request", lambda r: asked.append(r) if "/app/static/tajikmap/" in r.url else None)
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    assert len([r for r in asked if r.frame == frame]) == 1, [r.url for r in asked]
    drawn = frame.evaluate(
        "() => [Object.keys(window.tajikmap.layers).length, Object.keys(window.tajikmap2.layers).length]"
    )
    assert drawn[0] > 10 and drawn[0] == drawn[1]


def _fills(frame: Any, div: str) -> set[str]:
    return set(
        frame.evaluate(
            f"() => [...document.querySelectorAll('#{div} path.leaflet-interactive')]"
            ".map(p => (p.getAttribute('fill') || '').toUpperCase())"
        )
    )


def _only_in(dataset: Dataset, year: int) -> set[str]:
    """Colours the legend of ``year`` uses and no other year's does (taken from the data)."""
    mine = {e.color.upper() for e in legend(dataset, year)}
    others = {e.color.upper() for y in dataset.years() if y != year for e in legend(dataset, y)}
    return mine - others


def _click(page: Any, frame: Any, which: str, region: str) -> None:
    """Click ``region`` on the first (1997) or second (2021) map, at a point inside it."""
    lat, lon = inner_point(region)
    expr = "window.map" if which == "first" else "window.tajikmap2.map"
    point = frame.evaluate(
        f"() => {{ const m = {expr}; const p = m.latLngToContainerPoint([{lat}, {lon}]);"
        " const r = m.getContainer().getBoundingClientRect(); return {x: p.x + r.left, y: p.y + r.top}; }"
    )
    page.locator(IFRAME).first.click(position=point)


def test_both_years_are_painted_at_once(
    page: Any, app_url: str, dataset: Dataset, outside: list[str]
) -> None:
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    only_1997, only_2021 = _only_in(dataset, 1997), _only_in(dataset, 2021)
    assert only_1997 and only_2021
    first, second = _fills(frame, "map_div"), _fills(frame, "map_div2")
    assert only_1997 <= first and not only_2021 & first
    assert only_2021 <= second and not only_1997 & second
    # Side by side on a wide screen, each with its year's label.
    boxes = [frame.locator(f"#{d}").bounding_box() for d in ("map_div", "map_div2")]
    assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"] and abs(boxes[0]["y"] - boxes[1]["y"]) < 2
    labels = frame.locator(".tajikmap-year-label").all_inner_texts()
    assert labels == ["1997", "2021"]
    page.wait_for_timeout(300)
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def test_clicking_kulyab_shows_both_years_roles(page: Any, app_url: str, dataset: Dataset) -> None:
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    frame.evaluate("() => { window.__notRemounted = true; }")
    _click(page, frame, "first", "kulyab")
    panel_heading(page, "Kulyab").wait_for(timeout=15_000)
    page.get_by_text(dataset.regions["kulyab"].years[1997].role).wait_for()
    page.get_by_text(dataset.regions["tajikistan"].years[2021].role).wait_for()
    page.wait_for_function("() => location.search.includes('region=kulyab')", timeout=15_000)
    assert "compare=1997" in page.url
    # The click restyled both maps in place: same document, Kulyab outlined on each.
    assert frame.evaluate("() => window.__notRemounted === true")
    frame.wait_for_function(
        "() => [window.tajikmap, window.tajikmap2]"
        f".every(t => t.looks.kulyab.style.weight === {SELECTED_OUTLINE['weight']})"
    )


def test_the_pair_opens_on_one_view(page: Any, app_url: str) -> None:
    """The first map fits the country at a fractional zoom; the second must follow it exactly."""
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    frame.wait_for_function("() => window.tajikmap2 && window.tajikmap2.map")
    views = frame.evaluate(
        "() => [window.map, window.tajikmap2.map]"
        ".map(m => [m.getZoom(), m.getCenter().lat, m.getCenter().lng])"
    )
    (z1, lat1, lon1), (z2, lat2, lon2) = views
    assert z1 == z2 and abs(lat1 - lat2) < 1e-6 and abs(lon1 - lon2) < 1e-6, views
    # Whether the fit's zoom is whole depends on the frame's size: a quarter step is not.
    zooms = frame.evaluate(
        "() => { window.map.setView(window.map.getCenter(), window.map.getZoom() + 0.25, {animate: false});"
        " return [window.map.getZoom(), window.tajikmap2.map.getZoom()]; }"
    )
    assert zooms[0] == zooms[1] == z1 + 0.25, zooms


def test_a_click_on_the_second_map_selects_its_region(page: Any, app_url: str, dataset: Dataset) -> None:
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    _click(page, frame, "second", "panjshir")
    panel_heading(page, "Panjshir").wait_for(timeout=15_000)
    page.get_by_text(dataset.regions["panjshir"].years[2021].role).wait_for()
    page.get_by_text("Not on the 1997 map").wait_for()


def test_panning_one_map_moves_the_other(page: Any, app_url: str) -> None:
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    start = frame.evaluate("() => [window.map.getCenter(), window.tajikmap2.map.getCenter()]")
    box = frame.locator("#map_div2").bounding_box()  # in the page's coordinates
    # Above the legend (bottom right), which keeps a press to itself.
    x, y = box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 120, y - 60, steps=8)
    page.mouse.up()
    frame.wait_for_function(
        f"() => Math.abs(window.tajikmap2.map.getCenter().lng - {start[1]['lng']}) > 0.5"
        " && window.map.getCenter().distanceTo(window.tajikmap2.map.getCenter()) < 1",
        timeout=10_000,
    )
    frame.evaluate("() => window.map.setZoom(window.map.getZoom() + 1, {animate: false})")
    frame.wait_for_function("() => window.tajikmap2.map.getZoom() === window.map.getZoom()", timeout=10_000)
    moved = frame.evaluate("() => window.map.getCenter()")
    assert abs(moved["lng"] - start[0]["lng"]) > 0.5


def test_back_and_forward_step_through_compare_views(page: Any, app_url: str) -> None:
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    _click(page, frame, "first", "kulyab")
    panel_heading(page, "Kulyab").wait_for(timeout=15_000)
    # The address bar follows at the end of the run that drew the panel: Back before
    # then would leave the page altogether.
    page.wait_for_function("() => location.search.includes('region=kulyab')", timeout=15_000)
    page.go_back()
    page.get_by_text("What changed from 1997 to 2021").wait_for(timeout=15_000)
    assert "region=" not in page.url
    page.go_forward()
    panel_heading(page, "Kulyab").wait_for(timeout=15_000)


def test_on_a_phone_the_years_are_stacked(browser: Any, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/{PAIR_URL}&embed=true")
        frame = _pair_frame(page)
        frame.wait_for_function(
            "() => document.getElementById('map_div2').getBoundingClientRect().top"
            " >= document.getElementById('map_div').getBoundingClientRect().bottom"
        )
        sizes = frame.evaluate("() => [window.map.getSize(), window.tajikmap2.map.getSize()]")
        assert sizes[0]["x"] > 300 and sizes[1]["x"] > 300 and sizes[0]["y"] > 150
    finally:
        context.close()


def test_a_click_on_a_map_brings_the_compare_panel_into_view(
    sized: tuple[str, Any], app_url: str, dataset: Dataset
) -> None:
    # The panel is under both maps, at every width: the click's result is scrolled to.
    _, page = sized
    page.goto(f"{app_url}/{PAIR_URL}")
    frame = _pair_frame(page)
    page.locator(IFRAME).first.scroll_into_view_if_needed()
    _click(page, frame, "first", "kulyab")
    name = dataset.regions["kulyab"].name
    page.wait_for_function(
        "(n) => { const h = [...document.querySelectorAll('.st-key-cmp-panel h3')]"
        ".find(e => e.textContent.startsWith(n));"
        " const r = h && h.getBoundingClientRect(); return !!r && r.top >= 0 && r.bottom <= innerHeight; }",
        arg=name,
        timeout=15_000,
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_town_in_the_compare_export_can_be_read(
    offline: Any, dataset: Dataset, tmp_path: Path, viewport: str
) -> None:
    path = tmp_path / "compare.html"
    path.write_text(export_compare_html(dataset, (1997, 2021)), encoding="utf-8")
    page = offline(VIEWPORTS[viewport])
    page.goto(path.as_uri())
    page.wait_for_function("() => window.tajikmapExport")
    for selector in ("#map-first", "#map-second"):
        found = page.evaluate(TOWNS_HIDDEN, selector)
        assert found["owned"] == found["towns"] > 5 and found["hidden"] == [], (selector, found)


def test_the_compare_export_works_offline(offline: Any, dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "compare.html"
    path.write_text(export_compare_html(dataset, (1997, 2021)), encoding="utf-8")
    page = offline()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.tajikmapExport")
    first, second = _fills(page, "map-first"), _fills(page, "map-second")
    assert _only_in(dataset, 1997) <= first and _only_in(dataset, 2021) <= second
    lat, lon = inner_point("kulyab")
    point = page.evaluate(f"() => window.tajikmapExport.first.latLngToContainerPoint([{lat}, {lon}])")
    box = page.locator("#map-first").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    panel = page.locator("#tajikmap-panel")
    panel.get_by_role("heading", name="Kulyab", exact=True).wait_for(timeout=5_000)
    assert dataset.regions["kulyab"].years[1997].role in panel.inner_text()
    assert dataset.regions["tajikistan"].years[2021].role in panel.inner_text()
    page.evaluate("() => window.tajikmapExport.second.panBy([200, 0], {animate: false})")
    page.wait_for_function(
        "() => window.tajikmapExport.first.getCenter()"
        ".distanceTo(window.tajikmapExport.second.getCenter()) < 1"
    )
    assert page.blocked == [] and page.errors == []


def test_the_what_changed_map_is_coloured_by_kind_and_clickable(
    page: Any, app_url: str, dataset: Dataset
) -> None:
    page.goto(f"{app_url}/{PAIR_URL}")
    _pair_frame(page)
    frame_el = page.locator(IFRAME).nth(1)
    frame = frame_el.element_handle().content_frame()
    # Its shapes arrive after its legend (js/geometry_loader.js).
    frame.wait_for_function(
        f"() => window.tajikmap && window.tajikmap.legend && {MAPS_DRAWN_JS}", timeout=30_000
    )
    kinds = drawn_changes(dataset, (1997, 2021))
    frame.wait_for_function(
        "() => window.tajikmap.layers.panjshir.options.fillColor === "
        + json.dumps(CHANGE_COLORS[kinds["panjshir"]]),
        timeout=30_000,
    )
    frame.locator(".tajikmap-legend .legend-title").click()  # closed on a narrow map
    legend = frame.locator(".tajikmap-legend").inner_text()
    assert "same holder in both years" in legend and "only in 2021" in legend
    frame.locator(".tajikmap-legend .legend-title").click()
    # The first point inside Panjshir that its own shape takes (the legend covers some).
    point = frame.evaluate(
        """([id, candidates]) => {
          const el = window.tajikmap.layers[id].getElement();
          for (const [lat, lon] of candidates) {
            const p = window.map.latLngToContainerPoint([lat, lon]);
            if (document.elementFromPoint(p.x, p.y) === el) return p;
          }
          return null;
        }""",
        ["panjshir", inner_points("panjshir")],
    )
    assert point is not None
    frame_el.click(position=point)
    panel_heading(page, "Panjshir").wait_for(timeout=15_000)
    # The address follows once the rerun ends, after the heading is drawn.
    page.wait_for_function("() => location.search.includes('region=panjshir')", timeout=15_000)
