"""Background knowledge reaches the reader labelled, not dressed as the article's words."""

from __future__ import annotations

from typing import Any

from tajikmap.dataset import Dataset
from tajikmap.present import BACKGROUND_LABEL
from tests.browser.helpers import IFRAME, choose_year, click_latlon, inner_points, panel_heading, wait_for_map

KABUL = "f21-kabul-captured"


def _uncovered_point(page: Any, region_id: str) -> tuple[float, float]:
    """A point of the region where a click reaches the map: Afghanistan's middle lies
    under the legend at the default view."""
    frame = page.locator(IFRAME).element_handle().content_frame()
    for lat, lon in inner_points(region_id):
        hits_path = frame.evaluate(
            "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
            " const r = window.map.getContainer().getBoundingClientRect();"
            " const el = document.elementFromPoint(r.left + p.x, r.top + p.y);"
            " return !!el && el.classList.contains('leaflet-interactive'); }",
            [lat, lon],
        )
        if hits_path:
            return lat, lon
    raise AssertionError(f"no point of {region_id} is clickable on the map")


def test_the_kabul_facts_month_shows_as_background(page: Any, app_url: str, dataset: Dataset) -> None:
    fact = next(f for f in dataset.facts if f.id == KABUL)
    # The article gives no month for Kabul's fall; the month is outside knowledge.
    assert "August" not in fact.statement
    months = [b for b in fact.background if "August" in b.text]
    assert months, f"{KABUL} must carry the month as a background item"

    page.goto(app_url)
    wait_for_map(page)
    choose_year(page, 2021)
    page.frame_locator(IFRAME).get_by_text("Who holds sway, 2021").wait_for(timeout=15_000)
    click_latlon(page, *_uncovered_point(page, "afghanistan"))
    panel_heading(page, "Afghanistan").wait_for(timeout=15_000)
    page.get_by_text(fact.statement).first.wait_for(timeout=15_000)
    # The fact's details line carries the background, labelled, with its basis.
    details = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=months[0].text)
    details.first.wait_for(timeout=15_000)
    text = details.first.inner_text()
    assert f"{BACKGROUND_LABEL}:" in text
    assert months[0].basis in text
