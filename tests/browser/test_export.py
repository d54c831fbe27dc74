"""The exported HTML opens from disk with the network blocked, switches years, shows facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tajikmap.dataset import Dataset
from tajikmap.export import export_html
from tests.browser.helpers import inner_point


def test_exported_map_works_offline(browser: Any, dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    path.write_text(export_html(dataset, 2021), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    blocked: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.locator("path.leaflet-interactive").first.wait_for(timeout=15_000)
    map_name = page.evaluate("() => Object.keys(window).find(k => k.startsWith('map_'))")

    def click(lat: float, lon: float) -> None:
        point = page.evaluate(f"() => window['{map_name}'].latLngToContainerPoint([{lat}, {lon}])")
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    click(*inner_point("panjshir"))
    page.locator(".leaflet-popup-content").get_by_text("ethnic Tajiks").first.wait_for(timeout=5_000)
    page.evaluate(f"() => window['{map_name}'].closePopup()")
    page.locator(".leaflet-control-layers").get_by_text("1997").click()
    click(*inner_point("kulyab"))
    popup = page.locator(".leaflet-popup-content")
    popup.get_by_text("Kulyab (1997)").wait_for(timeout=5_000)
    assert "¶18" in popup.inner_text()
    assert blocked == [] and errors == []
    context.close()
