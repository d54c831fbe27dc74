"""Every page on a phone (390×844) and a desktop (1400×1000): nothing wider than the
window, the Facts cards and Timeline events readable, Facts filters in the URL.

With ``TAJIKMAP_UPDATE_SCREENSHOT=1`` (``make screenshot``) the first screen of each
page at each size is also copied to docs/screenshots/<page>-<size>.png.
"""

from __future__ import annotations

import os
import shutil
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tajikmap.mapwords import MAP_TITLE
from tajikmap.paths import ROOT
from tajikmap.testing import MAPS_DRAWN_JS
from tests.browser.conftest import ARTIFACTS, SIZES
from tests.browser.helpers import IDLE, IFRAME, wait_for_map

# page name -> (path, its title, or for pages without one a text it shows when drawn)
PAGES = {
    "map": ("/", None),
    "compare": ("/compare", "side by side"),
    "facts": ("/facts", "Facts"),
    "sources": ("/sources", "Sources"),
    "timeline": ("/timeline", "Timeline"),
    "evidence": ("/evidence", "Evidence: claims against measurement"),
    "about": ("/about", "About tajikmap"),
}
FACT_CARDS = "article.fact-card"
DRAWN = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
# Widths of the document and of Streamlit's main container against the window.
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  const wide = [...document.querySelectorAll('[data-testid="stMainBlockContainer"] *')]
    .filter(el => el.getBoundingClientRect().right > innerWidth + 1
                  && getComputedStyle(el).position !== 'fixed')
    .map(el => (el.getAttribute('data-testid') || el.tagName) + ':' +
               Math.round(el.getBoundingClientRect().right));
  return {
    window: innerWidth,
    document: document.scrollingElement.scrollWidth,
    main: main ? main.scrollWidth : -1,
    mainClient: main ? main.clientWidth : -1,
    block: block ? block.scrollWidth : -1,
    blockClient: block ? block.clientWidth : -1,
    wide: wide.slice(0, 5),
  };
}"""


def open_page(page: Any, url: str, name: str) -> None:
    path, title = PAGES[name]
    page.goto(url + path if "?" not in url else url)
    if name == "map":
        wait_for_map(page)
    elif name == "compare":
        page.get_by_text(title).first.wait_for(timeout=30_000)
        # Every map frame shown, with its geometry drawn (it arrives after the maps).
        drawn = MAPS_DRAWN_JS.replace("document.", "f.contentDocument.")
        page.wait_for_function(
            f"() => {{ const fs = [...document.querySelectorAll('{IFRAME}')].filter(f => f.width !== '-1');"
            " return fs.length > 0 && fs.every(f => f.contentDocument"
            f" && f.contentDocument.querySelector('.leaflet-container') && {drawn}); }}",
            timeout=30_000,
        )
    else:
        page.get_by_role("heading", name=title, exact=True).wait_for(timeout=30_000)
    page.wait_for_function(IDLE, timeout=30_000)
    # Every element drawn: Streamlit shows a skeleton in an element's place until its code has loaded.
    page.wait_for_function(DRAWN, timeout=30_000)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_overflow(sized: tuple[str, Any], app_url: str, name: str) -> None:
    size, page = sized
    open_page(page, app_url, name)
    page.wait_for_function("() => document.fonts ? document.fonts.status === 'loaded' : true", timeout=10_000)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{name}-{size}.png"
    page.screenshot(path=str(shot))
    page.screenshot(path=str(ARTIFACTS / f"{name}-{size}-full.png"), full_page=True)
    if os.environ.get("TAJIKMAP_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs" / "screenshots").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "screenshots" / f"{name}-{size}.png")
    widths = page.evaluate(OVERFLOW)
    assert widths["document"] <= widths["window"], widths
    assert widths["main"] <= widths["mainClient"], widths
    assert widths["block"] <= widths["blockClient"], widths
    assert widths["wide"] == [], widths


# Whether an element is cut off by any scrolling or clipping box it sits in.
CLIPPED = """el => {
  const r = el.getBoundingClientRect();
  for (let x = el.parentElement; x && x.getAttribute('data-testid') !== 'stMain'; x = x.parentElement) {
    const s = getComputedStyle(x);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const b = x.getBoundingClientRect();
    if (r.top < b.top - 1 || r.bottom > b.bottom + 1) return true;
    if (r.left < b.left - 1 || r.right > b.right + 1) return true;
  }
  return el.scrollWidth > el.clientWidth + 1;
}"""


def _inside_window(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return bool(box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1 and box["height"] > 0)


def test_facts_cards_are_readable(sized: tuple[str, Any], app_url: str) -> None:
    size, page = sized
    open_page(page, app_url, "facts")
    statement = page.get_by_text("Russia kept 20,000 troops in Tajikistan.")
    statement.wait_for()
    assert _inside_window(page, statement)
    # The statement wraps instead of being cut, and no box around it clips it.
    assert not statement.evaluate(CLIPPED)
    # Folded filters: on a phone the first fact's statement is on the first screen.
    first = page.locator(FACT_CARDS).first
    assert first.bounding_box()["y"] < page.viewport_size["height"], size


def test_timeline_events_are_readable(sized: tuple[str, Any], app_url: str, dataset: Any) -> None:
    from tajikmap.timeline import timeline_events

    _, page = sized
    open_page(page, app_url, "timeline")
    for event in timeline_events(dataset):
        title = page.get_by_text(event.title, exact=True)
        title.wait_for()
        assert _inside_window(page, title), event.title
        assert not title.evaluate(CLIPPED), event.title


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_open_on_the_map_from_far_down_the_timeline_opens_the_map_at_its_top(
    browser: Any, app_url: str, mobile: bool
) -> None:
    # On a phone's browser (a mobile viewport with touch) Streamlit kept the Timeline's
    # scroll position when its button opened the Map: the reader landed among the facts.
    size = SIZES["phone" if mobile else "desktop"]
    context = browser.new_context(viewport=size, is_mobile=mobile, has_touch=mobile)
    page = context.new_page()
    open_page(page, app_url, "timeline")
    button = page.get_by_role("button", name="Open on the map").first
    button.scroll_into_view_if_needed()
    assert button.bounding_box()["y"] > page.viewport_size["height"] / 4  # far down the page
    button.click()
    wait_for_map(page)
    title = page.get_by_role("heading", name=MAP_TITLE, exact=True)
    page.wait_for_function(
        "(t) => { const h = [...document.querySelectorAll('h1')].find(e => e.textContent.startsWith(t));"
        " const r = h && h.getBoundingClientRect(); return !!r && r.top >= 0 && r.bottom <= innerHeight; }",
        arg=MAP_TITLE,
        timeout=15_000,
    )
    assert title.is_visible()
    context.close()


def test_facts_filters_round_trip_through_the_url(page: Any, app_url: str) -> None:
    page.goto(f"{app_url}/facts?status=rumour&q=panjshir")
    page.get_by_role("heading", name="Facts", exact=True).wait_for(timeout=30_000)
    page.get_by_text("Rumours persisted that Tajikistan was helping").wait_for()
    page.wait_for_function(IDLE)
    cards = page.locator(FACT_CARDS)
    # The widget may be drawn before the value the link gave it arrives: wait for it.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input')].some(i => i.value === 'panjshir')", timeout=15_000
    )
    page.wait_for_function(IDLE)
    shown = cards.count()
    assert 0 < shown < 10
    # Change the view with the widgets: the address bar follows.
    page.get_by_role("textbox", name="Search").fill("")
    page.get_by_role("textbox", name="Search").press("Enter")
    page.wait_for_function("() => !location.search.includes('q=')")
    page.wait_for_function(IDLE)
    assert parse_qs(urlparse(page.url).query) == {"status": ["rumour"]}
    link = page.url
    # The copied link reopens the same view in a new session.
    page.goto("about:blank")
    page.goto(link)
    page.get_by_text("Rumours persisted that Tajikistan was helping").wait_for(timeout=30_000)
    page.wait_for_function(IDLE)
    assert page.get_by_text("match this view").count() == 1
    assert not page.get_by_text("Russia kept 20,000 troops").count()


def test_odd_facts_links_are_ignored_with_a_notice(page: Any, app_url: str) -> None:
    payload = "<img src=x id=pwned onerror=alert(1)>"
    page.goto(f"{app_url}/facts?status={payload}&region=kulyab&q=%E2%80%AEevil")
    page.get_by_role("heading", name="Facts", exact=True).wait_for(timeout=30_000)
    page.get_by_text("Part of the link's status filter was not recognised").wait_for()
    page.get_by_text("The link's search text was not usable").wait_for()
    page.wait_for_function(IDLE)
    assert page.locator("#pwned").count() == 0
    assert payload not in page.inner_text("body")
    # What was valid (the region) stays, and the address bar drops the rest.
    assert parse_qs(urlparse(page.url).query) == {"region": ["kulyab"]}


def test_facts_back_restores_the_previous_view(page: Any, app_url: str) -> None:
    page.goto(f"{app_url}/facts?status=rumour")
    page.get_by_text("Rumours persisted that Tajikistan was helping").wait_for(timeout=30_000)
    page.wait_for_function(IDLE)
    search = page.get_by_role("textbox", name="Search")
    search.fill("troops")
    search.press("Enter")
    page.wait_for_function("() => location.search.includes('q=troops')")
    page.wait_for_function(IDLE)
    page.go_back()
    page.wait_for_function("() => !location.search.includes('q=')")
    page.wait_for_function(IDLE)
    page.get_by_text("Rumours persisted that Tajikistan was helping").wait_for()
    page.wait_for_function("() => document.querySelector('input[aria-label=\"Search\"]').value === ''")
