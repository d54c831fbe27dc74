"""Hostile text in the data reaches the browser as text: no script runs, nothing is injected."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
import yaml

from tajikmap.paths import DATA_DIR, GEODATA_DIR
from tests.browser.helpers import IFRAME, click_latlon, inner_point, wait_for_map

IMG = "<img src=x id=pwned onerror=alert(1)>"
PAYLOADS = [IMG, "<script>alert(2)</script>", "`${alert(3)}`", "[link](javascript:alert(4))"]
MARK = "PAYLOAD"


def _poison(text: str) -> str:
    return f"{MARK} {' '.join(PAYLOADS)} {text}"


@pytest.fixture(scope="module")
def hostile_url(start_app: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(DATA_DIR, root / "data")
    shutil.copytree(GEODATA_DIR, root / "geodata")
    regions_path = root / "data" / "regions.yaml"
    regions = yaml.safe_load(regions_path.read_text(encoding="utf-8"))
    for region in regions["regions"]:
        if region["id"] == "kulyab":
            region["name"] = _poison("Kulyab")
            region["alt_names"] = [IMG]
            region["years"][1997]["role"] = _poison("role")
    regions_path.write_text(yaml.safe_dump(regions, allow_unicode=True), encoding="utf-8")
    actors_path = root / "data" / "actors.yaml"
    actors = yaml.safe_load(actors_path.read_text(encoding="utf-8"))
    for actor in actors["actors"]:
        if actor["id"] == "kulyab-clan":
            actor["name"] = _poison("clan")
    actors_path.write_text(yaml.safe_dump(actors, allow_unicode=True), encoding="utf-8")
    # The Map's overview names the year's source (HTML the app writes, not Markdown).
    sources_path = root / "data" / "sources" / "war-widens-cracks-1997.yaml"
    sources = yaml.safe_load(sources_path.read_text(encoding="utf-8"))
    sources["sources"][0]["title"] = _poison(sources["sources"][0]["title"])
    sources_path.write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    facts_path = root / "data" / "facts" / "1997-war-widens-cracks.yaml"
    facts = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    for fact in facts["facts"]:
        if "kulyab" in fact["regions"]:
            fact["statement"] = _poison(fact["statement"])
            fact["note"] = _poison("note")
    # The Timeline lists events by their titles: one of them poisoned too.
    next(f for f in facts["facts"] if f.get("event"))["event"]["title"] = f"{MARK} {IMG}"  # 80 chars at most
    facts_path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    return start_app(TAJIKMAP_DATA_DIR=str(root / "data"), TAJIKMAP_GEODATA_DIR=str(root / "geodata"))


def _injected(page: Any) -> int:
    frame = page.locator(IFRAME).element_handle().content_frame()
    count: int = page.locator("#pwned").count() + frame.locator("#pwned").count()
    count += page.locator("a[href^='javascript']").count()
    return count


def test_hostile_text_is_shown_literally(page: Any, hostile_url: str) -> None:
    page.goto(hostile_url)
    frame = wait_for_map(page)
    # Clicking selects the poisoned region.
    click_latlon(page, *inner_point("kulyab"))
    page.get_by_text("thin slice of the country").wait_for(timeout=15_000)
    page.get_by_text(IMG).first.wait_for(timeout=15_000)  # drawn as text, not parsed
    body = page.inner_text("body")
    assert IMG in body and "<script>alert(2)</script>" in body and "`${alert(3)}`" in body
    # A click closes the hover box; the pointer over another region and back opens it.
    box = page.locator(IFRAME).bounding_box()
    for region in ("southwest", "kulyab"):
        lat, lon = inner_point(region)
        p = frame.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
        page.mouse.move(box["x"] + p["x"] - 2, box["y"] + p["y"])
        page.mouse.move(box["x"] + p["x"], box["y"] + p["y"])
    frame.locator(".leaflet-tooltip").filter(has_text=IMG).first.wait_for(timeout=15_000)
    legend = frame.locator(".tajikmap-legend").inner_text()
    assert _poison("clan") in legend  # the poisoned actor, as text in the map's legend
    assert _injected(page) == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_hostile_text_in_the_html_blocks(page: Any, hostile_url: str) -> None:
    """The Map's overview and Compare's summary are HTML the app writes (``st.html``):
    a poisoned source title and region name are text there too."""
    page.goto(hostile_url)
    wait_for_map(page)
    overview = page.locator(".prose").filter(has_text="Tajikistan in 1997")
    overview.wait_for(timeout=15_000)
    assert _poison("War Widens Cracks In Tajikistan's Unity") in overview.inner_text()
    page.goto(hostile_url + "/compare?compare=1997,2021")
    summary = page.locator(".prose").filter(has_text="What changed from 1997 to 2021")
    summary.wait_for(timeout=30_000)
    assert _poison("Kulyab") in summary.inner_text()
    assert page.locator("#pwned").count() == 0 and page.locator("a[href^='javascript']").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


# Where each page draws a poisoned text as DOM text (tables and charts draw on
# a canvas): the Facts page's Region filter, the Timeline's event list, the
# Sources page's paragraph titles (their regions).
PAGES = {
    # Facts and Timeline draw the poisoned statements and event titles on arrival.
    "/facts": ("Facts", None),
    "/timeline": ("Timeline", None),
    "/sources": ("Sources", None),
}


def test_hostile_text_on_other_pages(page: Any, hostile_url: str) -> None:
    for path, (title, reveal) in PAGES.items():
        page.goto(hostile_url + path)
        page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
        if reveal is not None:
            reveal(page)
        page.get_by_text(MARK).first.wait_for(timeout=15_000)
        assert IMG in page.inner_text("body"), path
        assert page.locator("#pwned").count() == 0, path
        assert page.locator("a[href^='javascript']").count() == 0, path
    # The About page shows geodata names only (checksummed, so not poisoned here):
    # it must still be drawn, and draw nothing injected.
    page.goto(hostile_url + "/about")
    # The town names sit in the method's expander: drawn, though folded away.
    page.get_by_text("Tursunzoda").first.wait_for(state="attached", timeout=30_000)
    assert page.locator("#pwned").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
