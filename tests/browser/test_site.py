"""The static reader's site in Chromium, opened from file:// with every other request aborted:
facts on a click, views from links, Back, the one-file export, and hostile data shown as text."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tajikmap.dataset import Dataset, load_dataset
from tajikmap.export import export_html
from tajikmap.paths import DATA_DIR, GEODATA_DIR
from tajikmap.present import BACKGROUND_LABEL
from tajikmap.site import write_site
from tests.browser.conftest import ARTIFACTS, VIEWPORTS
from tests.browser.helpers import TOWNS_HIDDEN, inner_points
from tests.browser.test_hostile import IMG, MARK, _poison


@pytest.fixture(scope="module")
def site(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(dataset, tmp_path_factory.mktemp("site") / "out")


def wait_for_map(page: Any) -> None:
    page.locator("#map path.leaflet-interactive").first.wait_for(timeout=15_000)
    page.wait_for_function("() => window.tajikmap && window.tajikmap.map.getSize().x > 0")


def click_region(page: Any, region_id: str) -> None:
    """Click the first interior point of the region that the map hands to that region."""
    box = page.locator("#map").bounding_box()
    for lat, lon in inner_points(region_id)[:8]:
        point = page.evaluate(f"() => window.tajikmap.map.latLngToContainerPoint([{lat}, {lon}])")
        inside = 0 < point["x"] < box["width"] and 0 < point["y"] < box["height"]
        if not inside:
            continue
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        if page.evaluate("() => window.tajikmap.state.region") == region_id:
            return
    raise AssertionError(f"no click on the map selected {region_id}")


def heading(page: Any, text: str) -> Any:
    return page.locator("#panel").get_by_role("heading", name=text, exact=True)


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"site-{name}.png"))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_click_on_kulyab_shows_its_facts(offline: Any, site: Path, dataset: Dataset, viewport: str) -> None:
    page = offline(VIEWPORTS[viewport])
    page.goto(site.as_uri())
    wait_for_map(page)
    assert page.get_by_role("button", name="1997").get_attribute("aria-pressed") == "true"
    click_region(page, "kulyab")
    heading(page, "Kulyab").wait_for(timeout=5_000)
    panel = page.locator("#panel").inner_text()
    for fact in dataset.facts_for("kulyab", 1997):
        assert fact.statement in panel
        assert f"¶{fact.citation.paragraph}" in panel
        card = page.locator("#panel article.fact").filter(has_text=fact.statement)
        # The status word is shown, the same word the data and the app use.
        assert card.locator(".badge").inner_text().strip() == fact.status
        if fact.claimed_by:
            assert "according to" in card.inner_text().lower()
    assert page.url.endswith("#year=1997&region=kulyab")
    shoot(page, f"kulyab-{viewport}")
    assert page.blocked == [] and page.errors == []


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_town_names_are_inside_the_map_and_cover_no_other(offline: Any, site: Path, viewport: str) -> None:
    # On a phone Tursunzoda's name, left of its dot, was cut off by the map's edge.
    page = offline(VIEWPORTS[viewport])
    page.goto(site.as_uri())
    wait_for_map(page)
    page.wait_for_function("() => document.querySelectorAll('.town-label').length > 5")
    found = page.evaluate(TOWNS_HIDDEN, "#map")
    assert found["owned"] == found["towns"] > 5
    assert found["hidden"] == [], found["hidden"]
    page.evaluate("() => window.tajikmap.map.zoomIn(1, {animate: false})")  # names placed again
    assert page.evaluate(TOWNS_HIDDEN, "#map")["hidden"] == []


def test_link_reproduces_the_view_and_back_steps_out(offline: Any, site: Path) -> None:
    page = offline()
    page.goto(site.as_uri() + "#year=2021&region=panjshir")
    wait_for_map(page)
    heading(page, "Panjshir").wait_for(timeout=5_000)
    assert page.get_by_role("button", name="2021").get_attribute("aria-pressed") == "true"
    assert page.locator("#legend").inner_text().startswith("Who holds sway, 2021")
    assert "1997" not in page.locator("#legend").inner_text()
    assert "ethnic Tajiks" in page.locator("#panel").inner_text()
    page.get_by_role("button", name="Overview").click()
    heading(page, "Tajikistan in 2021").wait_for(timeout=5_000)
    page.go_back()
    heading(page, "Panjshir").wait_for(timeout=5_000)
    page.get_by_role("button", name="1997").click()  # Panjshir has no 1997 layer: back to the overview
    heading(page, "Tajikistan in 1997").wait_for(timeout=5_000)
    assert page.blocked == [] and page.errors == []


def test_odd_link_falls_back_with_a_notice_that_does_not_echo(offline: Any, site: Path) -> None:
    page = offline()
    page.goto(site.as_uri() + "#year=1066&region=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_for_map(page)
    notice = page.locator("#notice")
    notice.wait_for(timeout=5_000)
    assert "not recognised" in notice.inner_text() and "img" not in notice.inner_text()
    heading(page, "Tajikistan in 1997").wait_for(timeout=5_000)
    assert page.dialogs == []


def test_one_file_export_opens_on_its_view(offline: Any, dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    path.write_text(export_html(dataset, 2021, "tj-af-border"), encoding="utf-8")
    page = offline(VIEWPORTS["phone"])
    page.goto(path.as_uri())
    wait_for_map(page)
    heading(page, "Tajik–Afghan border").wait_for(timeout=5_000)
    page.get_by_role("button", name="1997").click()
    heading(page, "Tajik–Afghan border").wait_for(timeout=5_000)
    assert "1,000" in page.locator("#panel").inner_text()
    shoot(page, "export-phone")
    assert page.blocked == [] and page.errors == []


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from data whose Kulyab texts carry script payloads."""
    root = tmp_path_factory.mktemp("hostile-site")
    shutil.copytree(DATA_DIR, root / "data")
    shutil.copytree(GEODATA_DIR, root / "geodata")

    def edit(path: Path, key: str, change: Any) -> None:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in doc[key]:
            change(item)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    def region(r: dict[str, Any]) -> None:
        if r["id"] == "kulyab":
            r["name"] = _poison("Kulyab")
            r["alt_names"] = [IMG]
            r["years"][1997]["role"] = _poison("role")

    def actor(a: dict[str, Any]) -> None:
        if a["id"] == "kulyab-clan":
            a["name"] = _poison("clan")

    def fact(f: dict[str, Any]) -> None:
        if "kulyab" in f["regions"]:
            f["statement"] = _poison(f["statement"])
            f["note"] = _poison("note")
            f["background"] = [{"text": _poison("background"), "basis": _poison("basis")}]

    edit(root / "data" / "regions.yaml", "regions", region)
    edit(root / "data" / "actors.yaml", "actors", actor)
    edit(root / "data" / "facts" / "1997-war-widens-cracks.yaml", "facts", fact)
    return write_site(load_dataset(root / "data", root / "geodata"), root / "site")


def test_hostile_text_is_drawn_as_text(offline: Any, hostile_site: Path) -> None:
    page = offline()
    page.goto(hostile_site.as_uri() + "#year=1997&region=kulyab")
    wait_for_map(page)
    poisoned = _poison("Kulyab")
    heading(page, poisoned).wait_for(timeout=5_000)
    panel = page.locator("#panel").inner_text()
    # The payloads are on the page as the very characters of the data...
    assert _poison("role") in panel and _poison("note") in panel
    assert f"Also: {IMG}" in panel
    assert "<script>alert(2)</script>" in panel and "`${alert(3)}`" in panel
    assert f"{BACKGROUND_LABEL}: {_poison('background')}" in panel  # labelled, apart from the statement
    assert _poison("clan") in page.locator("#legend").inner_text()
    assert page.get_by_role("button", name=poisoned).count() == 1  # region list
    # ...and a hover shows the poisoned name in the tooltip, as text.
    box = page.locator("#map").bounding_box()
    lat, lon = inner_points("kulyab")[0]
    point = page.evaluate(f"() => window.tajikmap.map.latLngToContainerPoint([{lat}, {lon}])")
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.first.wait_for(timeout=5_000)
    assert poisoned in tooltip.first.inner_text()
    # Nothing of it became markup or ran.
    assert page.locator("#pwned").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("#panel script, #legend script, #regions script").count() == 0
    assert page.evaluate("() => document.body.innerHTML.includes(" + repr(MARK) + ")")
    assert page.dialogs == [] and page.errors == [] and page.blocked == []
    shoot(page, "hostile")
