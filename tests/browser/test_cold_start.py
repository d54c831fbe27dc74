"""A new server's first visitor, on any first URL: the navigation never lists file names.

Streamlit starts a server whose script has a ``pages/`` folder beside it in its
old pages-directory mode (the folder's file names as the navigation) until a
run reaches st.navigation; pages/_navigation.py keeps that list hidden and sends
a first request for a page through dashboard.py. Each case starts its own
server, so the URL asked for is that server's very first. Observers installed
before the page loads (``LOAD_OBSERVERS``) record every text the navigation
(the header's in a wide window, the sidebar's on a phone) ever showed, however briefly.
"""

from __future__ import annotations

from typing import Any

import pytest

from tajikmap.paths import ROOT
from tajikmap.testing import LOAD_OBSERVERS, NAV
from tests.browser.helpers import IDLE, NAVIGATION

# What the pages-directory mode would list: the entry script and each file of pages/.
FILE_NAMES = {"dashboard"} | {p.stem.lstrip("_").replace("_", " ") for p in (ROOT / "pages").glob("*.py")}


def test_file_names_are_those_of_the_pages_folder() -> None:
    # The check below is only as good as this list; "shared" is no page's title.
    assert {"dashboard", "shared", "navigation", "facts", "map"} <= FILE_NAMES


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Who holds sway in Tajikistan and along its Afghan border"),
        ("/facts?year=2021&status=claim", "Facts"),
        ("/sources", "Sources"),
    ],
)
def test_first_request_shows_only_the_navigation(page: Any, start_app: Any, path: str, heading: str) -> None:
    url = start_app()
    page.context.add_init_script(LOAD_OBSERVERS)
    page.goto(url + path)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
    nav = page.locator(NAV)
    nav.get_by_text("Timeline").wait_for(timeout=30_000)
    page.wait_for_function(IDLE, timeout=30_000)
    seen = set(page.evaluate("() => [...window.__navTexts]"))
    assert seen, "the observer saw no navigation at all"
    assert seen & FILE_NAMES == set(), f"file names shown in the navigation: {sorted(seen & FILE_NAMES)}"
    assert [t.strip() for t in nav.locator("a").all_inner_texts()] == NAVIGATION
