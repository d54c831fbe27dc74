"""What only a browser shows: the map paints offline, clicks drill down, the toggle."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tajikmap.dataset import Dataset
from tajikmap.looks import legend, year_looks
from tajikmap.mapview import focus_bounds
from tajikmap.paths import ROOT
from tajikmap.testing import NAV, town_latlon
from tests.browser.conftest import ARTIFACTS, DEVICES, SIZES
from tests.browser.helpers import (
    IDLE,
    IFRAME,
    KULYAB,
    NAVIGATION,
    TOWNS_HIDDEN,
    choose_year,
    click_latlon,
    inner_point,
    inner_points,
    panel_heading,
    wait_for_map,
)

# streamlit-folium's debounced report (updateComponentValue) reads the map's
# bounds each time it runs: counting those reads tells when it has run, so a
# test can wait for it instead of sleeping past its 250 ms.
COUNT_DEBOUNCED = """
if (window !== window.top) {
  window.debouncedRuns = 0;
  let current;
  Object.defineProperty(window, 'map', {configurable: true, get() { return current; }, set(m) {
    current = m;
    const bounds = m.getBounds.bind(m);
    m.getBounds = function () { window.debouncedRuns += 1; return bounds(); };
  }});
}
"""


def settled(frame: Any) -> None:
    """Wait until every stylesheet in the map's frame has loaded and two frames were painted since."""
    frame.wait_for_function(
        "() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"
    )
    frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def idle(page: Any) -> None:
    """Wait until no script run is under way (Streamlit shows its status widget while one is)."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
        timeout=15_000,
    )


def _fills(page: Any) -> set[str]:
    frame = page.locator(IFRAME).element_handle().content_frame()
    return set(
        frame.evaluate(
            "() => [...document.querySelectorAll('path.leaflet-interactive')]"
            ".map(p => (p.getAttribute('fill') || '').toUpperCase())"
        )
    )


def test_map_paints_with_no_outside_requests(page: Any, app_url: str, outside: list[str]) -> None:
    page.goto(app_url)
    wait_for_map(page)
    assert page.frame_locator(IFRAME).locator("path.leaflet-interactive").count() > 10
    assert "#E69F00" in _fills(page)  # the president's Kulyab clan, 1997
    credits = page.frame_locator(IFRAME).locator(".leaflet-control-attribution").inner_text()
    assert "Natural Earth (public domain)" in credits and "GeoNames (CC BY 4.0)" in credits
    page.wait_for_load_state("networkidle")  # every request the page makes has been made
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def test_click_kulyab_then_2021_and_panjshir(page: Any, app_url: str, outside: list[str]) -> None:
    page.goto(app_url)
    wait_for_map(page)
    click_latlon(page, *inner_point("kulyab"))
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    page.get_by_text("thin slice of the country").wait_for()
    assert "region=kulyab" in page.url

    choose_year(page, 2021)
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=15_000)
    page.wait_for_function(
        "() => [...document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
        ".contentDocument.querySelectorAll('path.leaflet-interactive')]"
        ".some(p => (p.getAttribute('fill') || '').toUpperCase() === '#CC79A7')",
        timeout=15_000,
    )
    assert "#E69F00" in _fills(page) and "#CC79A7" in _fills(page)  # Rahmon, the Taliban
    click_latlon(page, *inner_point("panjshir"))
    panel_heading(page, "Panjshir").wait_for(timeout=15_000)
    page.get_by_text("inhabitants are ethnic Tajiks").wait_for()
    assert "year=2021" in page.url and "region=panjshir" in page.url
    assert outside == []


def test_the_legend_is_in_the_map_and_follows_the_year(page: Any, app_url: str, dataset: Dataset) -> None:
    page.goto(app_url)
    frame = wait_for_map(page)
    box = page.frame_locator(IFRAME).locator(".tajikmap-legend")
    for year in (1997, 2021):
        if year != 1997:
            choose_year(page, year)
        box.get_by_text(f"Who holds sway, {year}").wait_for(timeout=15_000)
        lines = {line.strip() for line in box.inner_text().splitlines()}
        mine = {e.label for e in legend(dataset, year)}
        only_other_years = {e.label for y in dataset.years() for e in legend(dataset, y)} - mine
        assert mine <= lines and not only_other_years & lines
    # Inside the map's frame, not cut off by its edges.
    inside = frame.evaluate(
        "() => { const m = document.querySelector('.leaflet-container').getBoundingClientRect();"
        " const b = document.querySelector('.tajikmap-legend').getBoundingClientRect();"
        " return b.width > 50 && b.left >= m.left && b.right <= m.right && b.bottom <= m.bottom; }"
    )
    assert inside


def test_the_legend_starts_closed_on_a_narrow_map(browser: Any, app_url: str) -> None:
    # 700 px: beside the panel the map is narrower than the legend's 520 px threshold
    # (at 900 px it no longer is, since the navigation left the sidebar for the header).
    context = browser.new_context(viewport={"width": 700, "height": 900})
    try:
        page = context.new_page()
        page.goto(app_url)
        box = page.frame_locator(IFRAME).locator(".tajikmap-legend")
        title = box.get_by_text("Who holds sway, 1997")
        title.wait_for(timeout=30_000)  # filled by the year's looks, so the map is drawn
        assert page.frame_locator(IFRAME).locator("body").evaluate("() => window.map.getSize().x") < 520
        assert box.get_attribute("open") is None
        title.click()
        box.get_by_text("United Islamic Opposition").wait_for(timeout=5_000)
        assert box.get_attribute("open") is not None
    finally:
        context.close()


def test_on_a_desktop_the_map_takes_most_of_the_width_and_the_window(page: Any, app_url: str) -> None:
    page.goto(app_url)
    frame = wait_for_map(page)
    box = page.locator(IFRAME).bounding_box()
    panel = page.locator(".st-key-region-panel").bounding_box()
    viewport = page.viewport_size
    assert box["width"] > 2 * panel["width"] and box["x"] + box["width"] < panel["x"]  # the panel beside it
    assert box["y"] + box["height"] <= viewport["height"] and box["height"] > viewport["height"] / 2
    size = frame.evaluate("() => window.map.getSize()")  # Leaflet fills the frame, not its old 560 px
    assert abs(size["y"] - box["height"]) < 2 and abs(size["x"] - box["width"]) < 2


# True once the panel's h2 starting with the name (the argument) is wholly inside the window.
HEADING_IN_VIEW = (
    "(name) => { const h = [...document.querySelectorAll('h2')].find(e => e.textContent.startsWith(name));"
    " const r = h && h.getBoundingClientRect(); return r && r.top >= 0 && r.bottom <= innerHeight; }"
)


def test_a_tap_on_a_phone_brings_the_region_heading_into_view(browser: Any, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_for_map(page)
        page.locator(IFRAME).scroll_into_view_if_needed()
        click_latlon(page, *inner_point("kulyab"))
        heading = panel_heading(page, KULYAB)
        heading.wait_for(timeout=15_000)
        page.wait_for_function(HEADING_IN_VIEW, arg="Kulyab", timeout=10_000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map-phone-tap-kulyab.png"))
    finally:
        context.close()


def test_a_click_after_a_year_switch_notice_leaves_the_map_where_it_was(page: Any, app_url: str) -> None:
    # The notice went with the next click, and the map moved up under the pointer.
    page.goto(f"{app_url}/?year=1997&region=kulyab")
    wait_for_map(page)
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    choose_year(page, 2021)
    notice = page.get_by_text("no entry in 2021's article", exact=False)
    notice.wait_for(timeout=15_000)
    page.wait_for_function(IDLE, timeout=15_000)
    before = page.locator(IFRAME).bounding_box()
    click_latlon(page, *inner_point("panjshir"))
    panel_heading(page, "Panjshir").wait_for(timeout=15_000)
    page.wait_for_function(IDLE, timeout=15_000)
    assert notice.is_visible()  # it stands until the next year switch
    assert page.locator(IFRAME).bounding_box() == before


def test_a_click_under_a_links_two_notices_leaves_the_map_where_it_was(page: Any, app_url: str) -> None:
    # The map made room for one notice's line; two reached below the window again.
    page.goto(f"{app_url}/?year=1850&region=nowhere")
    wait_for_map(page)
    page.get_by_text("The link's region was not recognised").wait_for(timeout=15_000)
    page.wait_for_function(IDLE, timeout=15_000)
    assert page.locator("[data-testid=stAlert]").count() == 2
    before = page.locator(IFRAME).bounding_box()
    click_latlon(page, *inner_point("kulyab"))
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    page.wait_for_function(IDLE, timeout=15_000)
    assert page.locator(IFRAME).bounding_box() == before


def test_a_tap_after_a_year_switch_notice_still_brings_the_heading_into_view(
    browser: Any, app_url: str
) -> None:
    # The notice that a switch went back to the overview comes above the map (and goes at
    # the next switch); it once moved the map's frame, which Streamlit then rebuilt, and a rebuilt frame
    # starts its page at the top (js/panel_into_view.js), far from the tapped region's panel.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/?year=1997")
        frame = wait_for_map(page)
        frame.evaluate("() => { window.sameFrame = true; }")
        click_latlon(page, *inner_point("kulyab"))
        page.wait_for_function(HEADING_IN_VIEW, arg="Kulyab", timeout=15_000)
        choose_year(page, 2021)
        page.get_by_text("no entry in 2021's article", exact=False).wait_for(timeout=15_000)
        page.wait_for_function(IDLE, timeout=15_000)
        click_latlon(page, *inner_point("panjshir"))
        panel_heading(page, "Panjshir").wait_for(timeout=15_000)
        page.wait_for_function(HEADING_IN_VIEW, arg="Panjshir", timeout=10_000)
        frame = page.locator(IFRAME).element_handle().content_frame()
        assert frame.evaluate("() => window.sameFrame === true"), "the map's frame was rebuilt"
    finally:
        context.close()


def test_link_reproduces_the_view(page: Any, app_url: str, outside: list[str]) -> None:
    page.goto(f"{app_url}/?year=2021&region=panjshir")
    wait_for_map(page)
    panel_heading(page, "Panjshir").wait_for(timeout=15_000)
    page.get_by_text("rumour").first.wait_for()
    # The selection outline is drawn (black, non-interactive).
    frame = page.locator(IFRAME).element_handle().content_frame()
    frame.wait_for_function(
        "() => [...document.querySelectorAll('path')].some(p => p.getAttribute('stroke') === '#000000')"
    )
    settled(frame)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "map-2021-panjshir.png"
    page.screenshot(path=str(shot), full_page=False)
    if os.environ.get("TAJIKMAP_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")
    page.get_by_role("button", name="Share or download").click()
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert link == f"{app_url.rstrip('/')}/?year=2021&region=panjshir"  # the slash a browser shows
    with page.expect_download() as info:
        page.get_by_role("button", name="Download this map (offline HTML)").click()
    download = info.value
    assert download.suggested_filename == "tajikmap-2021-panjshir.html"
    html = Path(download.path()).read_text(encoding="utf-8")
    assert 'id="tajikmap-data"' in html and "98% of Panjshir" in html  # the reader's page
    with page.expect_download() as info:
        page.get_by_role("button", name="Image for a web page (PNG, one column)").click()
    assert info.value.suggested_filename == "tajikmap-2021-panjshir-column.png"
    assert Path(info.value.path()).read_bytes().startswith(b"\x89PNG")
    assert outside == []


def test_clear_and_reclick_the_same_spot(page: Any, app_url: str) -> None:
    """The component reports nothing new for an identical click; the count must change."""
    page.goto(app_url)
    wait_for_map(page)
    name = "Eastern provinces (Gorno-Badakhshan and Rasht)"
    for _ in range(2):
        click_latlon(page, *inner_point("east"))  # exactly the same point both times
        panel_heading(page, name).wait_for(timeout=15_000)
        page.get_by_role("radiogroup", name="Region").get_by_text("Overview (no region)").click()
        page.get_by_text("Tajikistan in 1997").wait_for(timeout=15_000)


def test_embed_link_is_map_first(page: Any, app_url: str, outside: list[str]) -> None:
    page.goto(f"{app_url}/?year=2021&region=panjshir&embed=true")
    wait_for_map(page)
    heading = panel_heading(page, "Panjshir")
    heading.wait_for(timeout=15_000)
    map_box = page.locator(IFRAME).bounding_box()
    assert heading.bounding_box()["y"] > map_box["y"] + map_box["height"]  # panel under the map
    assert outside == []


def test_a_click_on_a_towns_dot_selects_the_region_it_lies_in(page: Any, app_url: str) -> None:
    # Kulob's dot lies in Kulyab: a reader clicking the town means the region.
    lat, lon = town_latlon("kulob")
    page.goto(app_url)
    frame = wait_for_map(page)
    assert frame.evaluate(
        f"() => {{ const p = window.map.latLngToContainerPoint([{lat}, {lon}]);"
        " const el = document.elementFromPoint(p.x, p.y);"
        " return !!el && el === window.tajikmap.layers.kulyab.getElement(); }"
    )  # what the browser hits at the dot's centre is Kulyab's shape (the dot lets it through)
    click_latlon(page, lat, lon)
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    assert "region=kulyab" in page.url


def test_a_year_chosen_before_the_shapes_arrive_is_the_year_they_show(
    page: Any, app_url: str, dataset: Dataset
) -> None:
    # The geometry file is held back until the reader has switched to 2021: the
    # shapes, drawn after it, take the 2021 looks (year_look.js keeps the newest).
    held: list[Any] = []
    page.route("**/app/static/tajikmap/geometry-*.json", lambda route: held.append(route))
    page.goto(app_url)
    page.locator(IFRAME).wait_for(timeout=30_000)
    choose_year(page, 2021)
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=30_000)
    assert len(held) == 1 and _fills(page) == set()
    held[0].continue_()
    wait_for_map(page)
    fills = {
        y: {
            str(lk.style["fillColor"]).upper()
            for lk in year_looks(dataset, y).values()
            if lk.style.get("fillOpacity")
        }
        for y in (1997, 2021)
    }
    shown = _fills(page)
    assert shown & (fills[2021] - fills[1997]) and not shown & (fills[1997] - fills[2021])


def test_a_map_whose_shapes_cannot_load_says_so(page: Any, app_url: str) -> None:
    page.route("**/app/static/tajikmap/geometry-*.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(app_url)
    frame = page.frame_locator(IFRAME)
    alert = frame.get_by_role("alert")
    alert.wait_for(timeout=30_000)
    assert "could not be loaded" in alert.inner_text()
    assert frame.locator("path.leaflet-interactive").count() == 0
    page.locator('[data-testid="stRadio"] label').filter(has_text="Kulyab").click()  # the rest still works
    panel_heading(page, KULYAB).wait_for(timeout=15_000)


def test_town_dots_stay_above_the_regions_in_both_years(page: Any, app_url: str) -> None:
    page.goto(app_url)
    frame = wait_for_map(page)
    on_top = (
        "() => { const dots = [], hits = [];"
        " window.map.eachLayer(l => { if (l instanceof L.CircleMarker) dots.push(l.getElement()); });"
        # The dots let clicks through (looks.TOWN_STYLE): hit-testable for the check only.
        " dots.forEach(dot => { dot.style.pointerEvents = 'visiblePainted'; });"
        " dots.forEach(dot => {"
        " const b = dot.getBoundingClientRect();"
        " const el = document.elementFromPoint((b.left + b.right) / 2, (b.top + b.bottom) / 2);"
        " if (b.width && b.left > 0 && b.right < innerWidth && b.top > 0 && b.bottom < innerHeight)"
        " hits.push(el === dot); });"
        " dots.forEach(dot => { dot.style.pointerEvents = ''; });"
        " return hits; }"
    )
    for year in (1997, 2021):
        if year != 1997:
            choose_year(page, year)
            page.get_by_text("Tajikistan in 2021").wait_for(timeout=15_000)
        hits = frame.evaluate(on_top)
        assert len(hits) > 5 and all(hits), (year, hits)


def test_town_labels_sit_on_the_map(page: Any, app_url: str) -> None:
    page.goto(app_url)
    frame = wait_for_map(page)
    frame.wait_for_function("() => document.querySelectorAll('.town-label').length > 5")
    settled(frame)  # labels are placed again once leaflet.css applies
    boxes = frame.evaluate(
        "() => { const m = document.querySelector('.leaflet-container').getBoundingClientRect();"
        " return [...document.querySelectorAll('.town-label')].map(t => {"
        " const b = t.getBoundingClientRect();"
        " return [t.innerText, b.left >= m.left - 1 && b.right <= m.right + 1]; }); }"
    )
    assert [name for name, inside in boxes if not inside] == []
    assert "Tursunzoda" in [name for name, _ in boxes]


def test_no_town_name_covers_another_towns_name_or_dot(sized: tuple[str, Any], app_url: str) -> None:
    # On a phone Bokhtar's name, to the right of its dot, lay over Kulob's dot.
    _, page = sized
    page.goto(app_url)
    frame = wait_for_map(page)
    frame.wait_for_function("() => document.querySelectorAll('.town-label').length > 5")
    settled(frame)
    found = frame.evaluate(TOWNS_HIDDEN, frame.evaluate("() => '#' + window.map.getContainer().id"))
    assert found["owned"] == found["towns"] > 5  # every label was matched to its own dot
    assert found["hidden"] == [], found["hidden"]


def test_a_click_reaches_streamlit_at_once_and_once(page: Any, app_url: str) -> None:
    """Loading the map sends Streamlit nothing (no rerun per page view); a click is
    sent while the browser handles it, not after streamlit-folium's 250 ms debounce,
    and the debounced call then sends nothing more."""
    page.add_init_script(
        "window.sent = []; window.addEventListener('message', e => {"
        " if (e.data && e.data.type === 'streamlit:setComponentValue') window.sent.push(e.data.value); });"
    )
    page.add_init_script(COUNT_DEBOUNCED)
    page.goto(app_url)
    frame = wait_for_map(page)
    page.get_by_text("Tajikistan in 1997").wait_for(timeout=15_000)
    frame.wait_for_function("() => window.debouncedRuns >= 1")  # its report of the starting values
    assert page.evaluate("() => window.sent") == []
    # A document listener runs after Leaflet's own (on the map container) for the
    # same click: what streamlit-folium counts as sent by then went out with it.
    frame.evaluate(
        "() => document.addEventListener('click', () => {"
        " window.sentDuringClick = JSON.parse(JSON.stringify(window.__GLOBAL_DATA__.previous_data)); })"
    )
    runs = frame.evaluate("() => window.debouncedRuns")
    click_latlon(page, *inner_point("kulyab"))
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    during = frame.evaluate("() => window.sentDuringClick")
    assert during["last_object_clicked_count"] >= 1
    assert during["last_active_drawing"]["properties"]["id"] == "kulyab"
    frame.wait_for_function(f"() => window.debouncedRuns > {runs}")  # the click's debounced report
    sent = page.evaluate("() => window.sent")
    assert len(sent) == 1 and sent[0]["last_active_drawing"]["properties"]["id"] == "kulyab"


def test_clicks_still_count_after_a_visit_to_another_page(page: Any, app_url: str) -> None:
    """The map remounts when the reader comes back; the same click must still reach Python."""
    page.goto(app_url)
    wait_for_map(page)
    click_latlon(page, *inner_point("kulyab"))
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    page.locator(NAV).get_by_text("Facts").click()
    page.get_by_role("heading", name="Facts").wait_for(timeout=15_000)
    page.locator(NAV).get_by_text("Map").click()
    wait_for_map(page)
    panel_heading(page, KULYAB).wait_for(timeout=15_000)  # the view was kept
    page.get_by_role("radiogroup", name="Region").get_by_text("Overview (no region)").click()
    page.get_by_text("Tajikistan in 1997").wait_for(timeout=15_000)
    click_latlon(page, *inner_point("kulyab"))  # the first click on the new map, same spot
    panel_heading(page, KULYAB).wait_for(timeout=15_000)


def test_back_and_forward_step_through_views(page: Any, app_url: str) -> None:
    """Each view is a history entry; Back must show the previous one, not re-push the current."""
    page.goto(f"{app_url}/?year=1997")
    wait_for_map(page)
    click_latlon(page, *inner_point("kulyab"))
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    page.wait_for_url("**region=kulyab")
    choose_year(page, 2021)
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=15_000)
    page.wait_for_url("**year=2021")

    page.go_back()
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    page.wait_for_function("() => location.search.includes('year=1997')", timeout=15_000)
    idle(page)  # a late rerun would put 2021 back in the address bar
    assert "year=1997" in page.url and "region=kulyab" in page.url
    radio = page.get_by_role("radiogroup", name="Year")
    assert radio.get_by_role("radio", name="1997").is_checked()

    page.go_back()
    page.get_by_text("Tajikistan in 1997").wait_for(timeout=15_000)
    idle(page)
    assert "region=" not in page.url

    page.go_forward()
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    page.go_forward()
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=15_000)
    idle(page)
    assert "year=2021" in page.url and "region=" not in page.url
    assert _fills(page) >= {"#CC79A7"}


# --- The map at a desktop's and a phone's size: framing, hover boxes, keyboard (#18) ---

# A box's rectangle in the map frame's own coordinates, and the map container's.
RECT = "el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
TIP = ".leaflet-tooltip:not(.town-label)"  # a hover box (town names are permanent labels)


def _open(page: Any, url: str) -> Any:
    page.goto(url)
    frame = wait_for_map(page)
    idle(page)
    settled(frame)
    return frame


def _rect(frame: Any, selector: str) -> list[float]:
    return list(frame.locator(selector).first.evaluate(RECT))


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (
        inner[0] >= outer[0] - 0.5
        and inner[1] >= outer[1] - 0.5
        and inner[2] <= outer[2] + 0.5
        and inner[3] <= outer[3] + 0.5
    )


def _hover(page: Any, frame: Any, x: float, y: float) -> list[float]:
    """Move the pointer to (x, y) in the map's frame; the hover box's rectangle once it shows."""
    page.locator(IFRAME).scroll_into_view_if_needed()
    box = page.locator(IFRAME).bounding_box()
    page.mouse.move(box["x"] + x - 3, box["y"] + y - 2)
    page.mouse.move(box["x"] + x, box["y"] + y)
    frame.locator(TIP).first.wait_for(timeout=5_000)
    return _rect(frame, TIP)


def _shown_tips(frame: Any) -> list[str]:
    """The hover boxes a reader sees: Leaflet fades a closed one out (opacity 0) before removing it."""
    return list(
        frame.evaluate(
            f"() => [...document.querySelectorAll('{TIP}')]"
            ".filter(t => getComputedStyle(t).opacity !== '0').map(t => t.innerText)"
        )
    )


def _point(frame: Any, lat: float, lon: float) -> tuple[float, float]:
    p = frame.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    return p["x"], p["y"]


def test_the_whole_country_and_border_are_in_view_at_load(
    sized: tuple[str, Any], app_url: str, dataset: Dataset
) -> None:
    size, page = sized
    frame = _open(page, app_url)
    (south, west), (north, east) = focus_bounds(dataset)
    # The focus (Tajikistan, the border, Panjshir) in the frame's pixels, against the map's box.
    corners = [_point(frame, lat, lon) for lat, lon in ((north, west), (south, east))]
    focus = [corners[0][0], corners[0][1], corners[1][0], corners[1][1]]
    container = _rect(frame, ".leaflet-container")
    assert _inside(focus, container), (size, focus, container)
    # Framed, not lost in a wide view: it spans most of the map one way or the other.
    width, height = focus[2] - focus[0], focus[3] - focus[1]
    cw, ch = container[2] - container[0], container[3] - container[1]
    assert width > 0.75 * cw or height > 0.75 * ch, (size, focus, container)  # zoom snaps in quarters
    # The scale bar clear of the credits (on a phone they wrap across the bottom edge).
    scale, credits = _rect(frame, ".leaflet-control-scale"), _rect(frame, ".leaflet-control-attribution")
    assert not _overlap(scale, credits), (size, scale, credits)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-fit-{size}.png"))


@pytest.mark.parametrize(("year", "region"), [(1997, "kulyab"), (1997, "east"), (2021, "panjshir")])
def test_a_hover_box_stays_inside_the_map_and_a_click_closes_it(
    sized: tuple[str, Any], app_url: str, year: int, region: str
) -> None:
    size, page = sized
    frame = _open(page, f"{app_url}/?year={year}")
    # The region's point nearest the map's right edge (its eastern end): Leaflet's
    # box there, one unwrapped line, ran off the map ("s still left to him.").
    lat, lon = max(inner_points(region)[:12], key=lambda p: p[1])
    x, y = _point(frame, lat, lon)
    tip = _hover(page, frame, x, y)
    container = _rect(frame, ".leaflet-container")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-tooltip-{region}-{size}.png"))
    assert _inside(tip, container), (size, tip, container)
    for control in frame.locator(".leaflet-control").all():
        assert not _overlap(tip, control.evaluate(RECT)), (size, tip, control.get_attribute("class"))
    page.mouse.down()
    page.mouse.up()
    page.wait_for_url(f"**region={region}", timeout=15_000)
    idle(page)
    settled(frame)
    assert _shown_tips(frame) == []  # not left over the clicked region
    box = page.locator(IFRAME).bounding_box()
    page.mouse.move(box["x"] + x + 2, box["y"] + y + 2)  # still over it: it stays closed
    settled(frame)
    assert _shown_tips(frame) == []


def test_a_tap_on_a_touch_screen_leaves_no_box_standing(browser: Any, app_url: str) -> None:
    """Leaflet opens a tooltip on a tap (its click): on a phone it stayed over the region."""
    context = browser.new_context(viewport=SIZES["phone"], has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        frame = _open(page, app_url)
        page.locator(IFRAME).scroll_into_view_if_needed()
        x, y = _point(frame, *inner_point("kulyab"))
        box = page.locator(IFRAME).bounding_box()
        page.touchscreen.tap(box["x"] + x, box["y"] + y)
        # At once: Leaflet's tap opened it, and only the rerun's new looks closed it.
        assert _shown_tips(frame) == []
        page.wait_for_url("**region=kulyab", timeout=15_000)
        idle(page)
        settled(frame)
        assert _shown_tips(frame) == []
    finally:
        context.close()


SCROLLED = (
    "() => [document.scrollingElement.scrollTop, document.querySelector('[data-testid=stMain]').scrollTop]"
)


def test_a_press_on_a_map_partly_below_the_window_does_not_scroll_the_page(
    browser: Any, app_url: str
) -> None:
    """Leaflet focuses the map on a press, and focus scrolled the page to show the whole
    frame: the release then fell on another place, and the click was lost."""
    context = browser.new_context(viewport=SIZES["phone"])
    try:
        page = context.new_page()
        frame = _open(page, app_url)
        box = page.locator(IFRAME).bounding_box()
        assert box["y"] + box["height"] > SIZES["phone"]["height"]  # the frame's foot is below the window
        x, y = _point(frame, *inner_point("kulyab"))
        assert box["y"] + y < SIZES["phone"]["height"]  # the point itself is in view
        before = page.evaluate(SCROLLED)
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.mouse.down()
        assert page.evaluate(SCROLLED) == before
        page.mouse.up()
        page.wait_for_url("**region=kulyab", timeout=15_000)
    finally:
        context.close()


def test_a_hover_box_is_never_under_the_legend(sized: tuple[str, Any], app_url: str) -> None:
    size, page = sized
    frame = _open(page, app_url)
    legend = frame.locator(".tajikmap-legend")
    if legend.get_attribute("open") is None:  # closed on a phone: open it, as a reader may
        legend.locator("summary").click()
        frame.wait_for_function("() => document.querySelector('.tajikmap-legend').open")
        settled(frame)
    box = _rect(frame, ".tajikmap-legend")
    container = _rect(frame, ".leaflet-container")
    # Just off the legend's edge that faces the map, where a box beside the pointer reaches over it.
    below = box[1] < (container[1] + container[3]) / 2
    x = (box[0] + box[2]) / 2
    y = box[3] + 8 if below else box[1] - 8
    tip = _hover(page, frame, x, y)
    assert not _overlap(tip, _rect(frame, ".tajikmap-legend")), (size, tip, box)
    assert _inside(tip, container), (size, tip, container)


FOCUSED = """() => { let d = document, el = d.activeElement;
  while (el && el.tagName === 'IFRAME' && el.contentDocument) {
    d = el.contentDocument; el = d.activeElement;
  }
  return el; }"""
# Whether the element the keyboard is on shows a ring: its own outline or box-shadow,
# or its option's (a radio's input is hidden; its label is what shows).
RING = """el => { const shown = el.closest('[data-testid="stRadioOption"]') || el;
  const s = shown.ownerDocument.defaultView.getComputedStyle(shown);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""


def _tab_to(page: Any, test: str, *, back: bool = False, limit: int = 40) -> list[str]:
    """Press Tab (Shift+Tab) until ``test`` (JS, given the focused element) holds;
    return what the focus passed on the way."""
    passed: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate_handle(FOCUSED)
        passed.append(
            focused.evaluate(
                "el => `${el.tagName}.${el.getAttribute('class') || ''} ${el.textContent.slice(0, 40)}`"
            )
        )
        if focused.evaluate(test):
            assert focused.evaluate(RING), f"no visible focus on {passed[-1]}"
            return passed
    raise AssertionError(f"not reached in {limit} presses: {passed}")


def test_the_keyboard_does_all_a_mouse_does(sized: tuple[str, Any], app_url: str) -> None:
    size, page = sized
    _open(page, app_url)
    _tab_to(page, "el => !!el.closest('[role=radiogroup][aria-label=Year]')")
    page.keyboard.press("ArrowRight")
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=15_000)
    assert page.get_by_role("radiogroup", name="Year").get_by_role("radio", name="2021").is_checked()
    idle(page)
    # On to the Region list through the map (reached with a visible ring, and left: no trap).
    passed = _tab_to(page, "el => el.classList.contains('leaflet-container')", limit=10)
    # The map fills its frame: a ring outside its edge would be cut off by the frame.
    inset = (
        "el => { const s = getComputedStyle(el);"
        " return parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth) <= 0; }"
    )
    assert page.evaluate_handle(FOCUSED).evaluate(inset)
    passed += _tab_to(page, "el => !!el.closest('[role=radiogroup][aria-label=Region]')")
    assert not [p for p in passed if p.startswith("path.")], passed  # no stop on each shape
    page.keyboard.press("ArrowDown")  # the first region after the overview
    panel_heading(page, "Tajikistan (whole country)").wait_for(timeout=15_000)
    page.wait_for_url("**region=tajikistan", timeout=15_000)
    idle(page)  # a rerun still under way would redraw the menu about to be opened
    _tab_to(page, "el => el.matches('[data-testid=stPopoverButton]')", back=True, limit=10)
    page.keyboard.press("Enter")
    # Streamlit draws the menu at the end of the page: opened, it must take the focus,
    # or Tab goes on through the panel first.
    page.wait_for_function(
        "() => !!document.activeElement.closest('[data-testid=stPopoverBody]')", timeout=10_000
    )
    download = "el => el.textContent.includes('Download this map')"
    if not page.evaluate_handle(FOCUSED).evaluate(download):
        _tab_to(page, download, limit=10)  # Tab cycles through the menu and its button
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "tajikmap-2021-tajikistan.html"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-keyboard-{size}.png"))


def test_a_tab_pressed_as_the_share_menu_opens_goes_into_it(page: Any, app_url: str) -> None:
    # The menu's contents come with a rerun: a Tab pressed at once went on to the Region list.
    _open(page, app_url)
    page.evaluate(
        "() => { window.__focused = []; document.addEventListener('focusin', e => window.__focused.push("
        "e.target.closest('[role=radiogroup]') ? 'radiogroup'"
        " : e.target.closest('[data-testid=stPopoverBody]') ? 'menu' : e.target.tagName), true); }"
    )
    page.locator("[data-testid=stPopoverButton]").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.wait_for_function(
        "() => !!document.activeElement.closest('[data-testid=stPopoverBody]')", timeout=10_000
    )
    assert "radiogroup" not in page.evaluate("() => window.__focused")


def test_the_navigation_is_in_the_header_and_reached_with_the_keyboard(page: Any, app_url: str) -> None:
    """In a wide window the pages are links in the header, not a sidebar (a sidebar
    drawn after the page moved all of it 300 px to the right); Tab reaches them with
    a visible focus, on the Map and on the page Enter opens."""
    _open(page, app_url)
    nav = page.get_by_test_id("stTopNav")
    assert [t.strip() for t in nav.locator("a").all_inner_texts()] == NAVIGATION  # none folded away
    assert page.get_by_test_id("stSidebar").count() == 0
    _tab_to(page, "el => el.matches('[data-testid=stTopNavLink]') && el.textContent.trim() === 'Facts'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Facts").first.wait_for(timeout=15_000)
    idle(page)
    # The ring is every page's (css/app.css, drawn by dashboard.py), not the Map's alone.
    _tab_to(page, "el => el.matches('[data-testid=stTopNavLink]') && el.textContent.trim() === 'Timeline'")


@pytest.mark.parametrize("sized", ["phone"], indirect=True)
def test_on_a_phone_the_navigation_is_in_the_drawer(sized: tuple[str, Any], app_url: str) -> None:
    """Below Streamlit's width for a header navigation its links go into the sidebar's
    drawer, closed at load: the » button opens it, with every page (config.toml's
    showSidebarNavigation = false hides only a sidebar navigation, not this one)."""
    _, page = sized
    _open(page, app_url)
    assert page.get_by_test_id("stTopNav").count() == 0
    page.get_by_test_id("stExpandSidebarButton").click()
    nav = page.locator(NAV)
    nav.get_by_text("Timeline").wait_for(timeout=15_000)
    assert [t.strip() for t in nav.locator("a").all_inner_texts()] == NAVIGATION
    nav.get_by_text("Facts").click()
    page.get_by_role("heading", name="Facts").first.wait_for(timeout=15_000)


OVERVIEW_TICKED = (
    "() => document.querySelector('.st-key-region [data-testid=stRadioOption]')?.dataset.selected === 'true'"
)


def test_the_region_list_ticks_the_overview_when_no_region_is_chosen(page: Any, app_url: str) -> None:
    # The overview was the list's None, which Streamlit's radio shows as nothing chosen.
    from tajikmap.panel import OVERVIEW_LABEL

    page.goto(app_url)
    wait_for_map(page)
    listed = page.locator(".st-key-region")
    overview = listed.get_by_role("radio", name=OVERVIEW_LABEL)
    overview.wait_for(state="attached", timeout=15_000)
    page.wait_for_function(OVERVIEW_TICKED, timeout=15_000)
    assert overview.is_checked()
    listed.get_by_text("Kulyab", exact=True).click()
    panel_heading(page, KULYAB).wait_for(timeout=15_000)
    assert not overview.is_checked()
    choose_year(page, 2021)  # Kulyab has no 2021 entry: back to the overview, ticked
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=15_000)
    page.wait_for_function(OVERVIEW_TICKED, timeout=15_000)
    assert listed.get_by_role("radio", name=OVERVIEW_LABEL).is_checked()


CHOICE_HEIGHTS = """() => [...document.querySelectorAll('[data-testid="stRadioOption"]')]
  .map(o => [o.innerText, o.getBoundingClientRect().height])"""


@pytest.mark.parametrize(("device", "least"), [("desktop", 24), ("phone", 44)])
def test_every_year_and_region_choice_is_big_enough_to_hit(
    browser: Any, app_url: str, device: str, least: float
) -> None:
    # Streamlit's radio choices are 22 px tall, 22.5 px apart: under WCAG 2.2's 24 px
    # target, and half what a finger needs on a phone (a touch screen: DEVICES).
    context = browser.new_context(viewport=SIZES[device], **DEVICES[device])
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_for_map(page)
        page.locator(".st-key-region").get_by_text("Kulyab", exact=True).wait_for(timeout=15_000)
        choices = page.evaluate(CHOICE_HEIGHTS)
        assert len(choices) > 2  # the Year's two and the Region list's
        assert [c for c in choices if c[1] < least] == []
    finally:
        context.close()
