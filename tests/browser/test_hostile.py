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
    facts_path = root / "data" / "facts" / "1997-war-widens-cracks.yaml"
    facts = yaml.safe_load(facts_path.read_text(encoding="utf-8"))
    for fact in facts["facts"]:
        if "kulyab" in fact["regions"]:
            fact["statement"] = _poison(fact["statement"])
            fact["note"] = _poison("note")
    facts_path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    return start_app(TAJIKMAP_DATA_DIR=str(root / "data"), TAJIKMAP_GEODATA_DIR=str(root / "geodata"))


def _injected(page: Any) -> int:
    frame = page.locator(IFRAME).element_handle().content_frame()
    count: int = page.locator("#pwned").count() + frame.locator("#pwned").count()
    count += page.locator("a[href^='javascript']").count()
    return count


def test_hostile_text_is_shown_literally(page: Any, hostile_url: str) -> None:
    page.goto(hostile_url)
    wait_for_map(page)
    # Hover shows the poisoned tooltip; clicking selects the poisoned region.
    click_latlon(page, *inner_point("kulyab"))
    page.get_by_text("thin slice of the country").wait_for(timeout=15_000)
    page.wait_for_timeout(1000)
    body = page.inner_text("body")
    assert IMG in body  # shown as text, not parsed
    assert "<script>alert(2)</script>" in body
    frame = page.locator(IFRAME).element_handle().content_frame()
    tooltip_text = " ".join(frame.locator(".leaflet-tooltip").all_inner_texts())
    assert IMG in tooltip_text
    assert _injected(page) == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_hostile_text_on_other_pages(page: Any, hostile_url: str) -> None:
    for path in ("/facts", "/sources", "/timeline", "/about"):
        page.goto(hostile_url + path)
        page.get_by_test_id("stSidebarNav").wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        assert page.locator("#pwned").count() == 0, path
        assert page.locator("a[href^='javascript']").count() == 0, path
    assert page.dialogs == []  # type: ignore[attr-defined]
