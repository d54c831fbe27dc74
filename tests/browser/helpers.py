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
