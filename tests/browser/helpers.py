"""Browser helpers for the tests: wait for the map, click a place, find the panel.

Server start-up and points inside regions live in :mod:`tajikmap.testing`,
which the benchmarks share.
"""

from __future__ import annotations

from typing import Any

from tajikmap.testing import IFRAME, MAPS_DRAWN_JS, inner_point, inner_points

# The Kulyab panel's heading: the article's name with today's map label.
KULYAB = "Kulyab (today's Kulob area)"

__all__ = [
    "IFRAME",
    "KULYAB",
    "choose_year",
    "click_latlon",
    "inner_point",
    "inner_points",
    "panel_heading",
    "wait_for_map",
]


def wait_for_map(page: Any) -> Any:
    """Wait until every map in the (first) map frame has drawn its geometry, which
    arrives after the map is built (js/geometry_loader.js); return the iframe's Frame."""
    frame_el = page.locator(IFRAME)
    frame_el.wait_for(timeout=30_000)
    page.frame_locator(IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    frame = frame_el.element_handle().content_frame()
    frame.wait_for_function(
        f"() => window.map && window.map.getSize().x > 0 && {MAPS_DRAWN_JS}",
        timeout=30_000,
    )
    return frame


def click_latlon(page: Any, lat: float, lon: float) -> None:
    # Scrolled first: a click that has to scroll the page lands while it moves.
    page.locator(IFRAME).scroll_into_view_if_needed()
    frame = page.locator(IFRAME).element_handle().content_frame()
    point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    page.locator(IFRAME).click(position={"x": point["x"], "y": point["y"]})


def panel_heading(page: Any, text: str) -> Any:
    return page.get_by_role("heading", name=text, exact=True)


# True once Streamlit's status widget (shown during a longer script run) is gone.
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def choose_year(page: Any, year: int) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=str(year)).click()


# The app's pages, in the navigation's order (pages/_navigation.py app_pages).
NAVIGATION = ["Map", "Compare", "Facts", "Sources", "Timeline", "Evidence", "About"]


# What hides a town in one map's box (its container's CSS selector as the argument): a
# name whose dot is in the box but which reaches past its edge, a name over another
# town's name or dot, and a name or a dot under the legend; and how many towns are in
# the box, and how many of those have their dot found.
TOWNS_HIDDEN = """(selector) => {
  const root = document.querySelector(selector), m = root.getBoundingClientRect();
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const meets = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const within = (a, pad) => a[0] >= m.left - pad && a[2] <= m.right + pad
    && a[1] >= m.top - pad && a[3] <= m.bottom + pad;
  const towns = [...root.querySelectorAll('.town-anchor')].map(a => ({
    at: box(a), name: a.querySelector('.town-label').innerText, label: box(a.querySelector('.town-label'))}));
  const dots = [...root.querySelectorAll('.leaflet-towns-pane path')].map(box);
  const near = (a, b) => Math.abs(a - b) < 1.5;  // a town's own dot is centred on its anchor
  const own = t => dots.findIndex(d => near((d[0] + d[2]) / 2, t.at[0]) && near((d[1] + d[3]) / 2, t.at[1]));
  const legend = root.querySelector('.tajikmap-legend');
  const hidden = [];
  towns.filter(t => within(t.at, 0)).forEach(t => {
    if (!within(t.label, 1)) hidden.push([t.name, 'cut off']);
    towns.forEach(o => { if (o !== t && meets(t.label, o.label)) hidden.push([t.name, 'over ' + o.name]); });
    dots.forEach((d, i) => { if (i !== own(t) && meets(t.label, d)) hidden.push([t.name, 'over a dot']); });
    const dot = own(t) >= 0 ? dots[own(t)] : t.label;  // no dot of its own: the count below says so
    const covered = legend && (meets(box(legend), t.label) || meets(box(legend), dot));
    if (covered) hidden.push([t.name, 'under the legend']);
  });
  const inBox = towns.filter(t => within(t.at, 0));  // Leaflet leaves out dots off the map
  return {hidden, towns: inBox.length, owned: inBox.filter(t => own(t) >= 0).length};
}"""
