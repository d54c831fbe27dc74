"""What only a browser shows: the map paints offline, clicks drill down, the toggle."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from tajikmap.dataset import Dataset
from tajikmap.looks import legend
from tajikmap.paths import ROOT
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import (
    IFRAME,
    KULYAB,
    choose_year,
    click_latlon,
    inner_point,
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
    context = browser.new_context(viewport={"width": 900, "height": 900})
    try:
        page = context.new_page()
        page.goto(app_url)
        box = page.frame_locator(IFRAME).locator(".tajikmap-legend")
        title = box.get_by_text("Who holds sway, 1997")
        title.wait_for(timeout=30_000)  # filled by the year's looks, so the map is drawn
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
        page.wait_for_function(
            "() => { const h = [...document.querySelectorAll('h2')]"
            ".find(e => e.textContent.startsWith('Kulyab'));"
            " const r = h && h.getBoundingClientRect(); return r && r.top >= 0 && r.bottom <= innerHeight; }",
            timeout=10_000,
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map-phone-tap-kulyab.png"))
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
    assert link.endswith("?year=2021&region=panjshir")
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


def test_town_dots_stay_above_the_regions_in_both_years(page: Any, app_url: str) -> None:
    page.goto(app_url)
    frame = wait_for_map(page)
    on_top = (
        "() => { const dots = [], hits = [];"
        " window.map.eachLayer(l => { if (l instanceof L.CircleMarker) dots.push(l.getElement()); });"
        " dots.forEach(dot => {"
        " const b = dot.getBoundingClientRect();"
        " const el = document.elementFromPoint((b.left + b.right) / 2, (b.top + b.bottom) / 2);"
        " if (b.width && b.left > 0 && b.right < innerWidth && b.top > 0 && b.bottom < innerHeight)"
        " hits.push(el === dot); });"
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
    page.get_by_test_id("stSidebarNav").get_by_text("Facts").click()
    page.get_by_role("heading", name="Facts").wait_for(timeout=15_000)
    page.get_by_test_id("stSidebarNav").get_by_text("Map").click()
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
