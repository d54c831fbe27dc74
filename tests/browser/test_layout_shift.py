"""What keeps the pages from moving while they load: each map's box has its final
height from the moment it is drawn, before the map's code (or even Streamlit's
code for the component) has arrived, so nothing under it moves.

The numbers (layout-shift sums, cold and warm) are bench/layout_shift.py's; this
asserts the mechanism. ``LOAD_OBSERVERS`` records every height each box keyed
``…-box`` had, from its first frame.
"""

from __future__ import annotations

from typing import Any

import pytest

from tajikmap.comparemap import CHANGE_MAP_HEIGHT, PAIR_MAP_HEIGHT
from tajikmap.testing import IFRAME, LOAD_OBSERVERS, MAPS_DRAWN_JS

PHONE = {"width": 390, "height": 844}
# path -> {box key: its height on a phone}: the frame's height and the line gap an
# inline iframe leaves under it (pages/map.py, pages/compare.py).
BOXES = {
    "/": {"st-key-map-box": 568},
    # Compare's boxes: the frame's height and the 8 px line gap under it (pages/compare.py).
    "/compare": {
        "st-key-cmp_pair_map-box": PAIR_MAP_HEIGHT + 8,
        "st-key-cmp_change_map-box": CHANGE_MAP_HEIGHT + 8,
    },
}


@pytest.mark.parametrize("path", list(BOXES))
def test_map_boxes_never_change_height_while_loading(browser: Any, app_url: str, path: str) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        context.add_init_script(LOAD_OBSERVERS)
        page = context.new_page()
        page.goto(app_url + path)
        for i in range(len(BOXES[path])):
            page.frame_locator(IFRAME).nth(i).locator("path.leaflet-interactive").first.wait_for(
                timeout=60_000
            )
            # Every shape drawn, not only the first (they arrive in tasks of their own).
            frame = page.locator(IFRAME).nth(i).element_handle().content_frame()
            frame.wait_for_function(f"() => !!window.map && {MAPS_DRAWN_JS}", timeout=60_000)
        heights = page.evaluate("() => window.__boxHeights")
        assert heights == {key: [h] for key, h in BOXES[path].items()}
    finally:
        context.close()
