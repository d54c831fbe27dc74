"""A year switch shows on the map before the rerun comes back (js/year_switch.js).

The server's messages are held back after the switch (Playwright's WebSocket
route), so what the map shows then is the page's own doing: the new year's
colours and legend, the view's region kept where that year has it and dropped
where it has not, while the panel still shows the old year. Released, the rerun
brings the panel. The test fails if Streamlit's radio stops marking its chosen
option ``data-selected``, the one piece of its markup the switch reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tajikmap.dataset import Dataset
from tajikmap.looks import SELECTED_OUTLINE, legend_title, year_looks
from tests.browser.helpers import IDLE, IFRAME, KULYAB, choose_year, wait_for_map


@dataclass
class HeldServer:
    """Forwards the app's WebSocket both ways until ``hold()``; then keeps what the server sends."""

    held: bool = False
    kept: list[Any] = field(default_factory=list)
    page_side: Any = None

    def hold(self) -> None:
        self.held = True

    def release(self) -> None:
        # Drained before forwarding resumes: a message arriving meanwhile is kept, in order.
        while self.kept:
            self.page_side.send(self.kept.pop(0))
        self.held = False


@pytest.fixture()
def server(page: Any) -> Iterator[HeldServer]:
    held = HeldServer()

    def route(ws: Any) -> None:
        upstream = ws.connect_to_server()
        held.page_side = ws

        def from_server(message: Any) -> None:
            if held.held:
                held.kept.append(message)
            else:
                ws.send(message)

        upstream.on_message(from_server)

    page.route_web_socket("**/_stcore/stream", route)
    yield held


def _only_fills(dataset: Dataset, year: int) -> set[str]:
    """Fill colours that year's looks use and the other year's do not."""

    def fills(y: int) -> set[str]:
        return {
            str(lk.style["fillColor"]).upper()
            for lk in year_looks(dataset, y).values()
            if lk.style.get("fillOpacity")
        }

    other = next(y for y in dataset.years() if y != year)
    return fills(year) - fills(other)


SHOWS_JS = (
    "(colours) => { const f = document.querySelector('" + IFRAME.replace("'", "\\'") + "');"
    " const d = f && f.contentDocument; if (!d) return false;"
    " const shown = [...d.querySelectorAll('path.leaflet-interactive')]"
    ".map(p => (p.getAttribute('fill') || '').toUpperCase());"
    " return colours.every(c => shown.includes(c)); }"
)


def _wait_shows(page: Any, dataset: Dataset, year: int) -> None:
    """Wait until the map shows every colour only ``year`` uses."""
    colours = sorted(_only_fills(dataset, year))
    assert colours, f"no colour only {year} uses: the check would pass on any map"
    page.wait_for_function(SHOWS_JS, arg=colours, timeout=10_000)


def _outlined(frame: Any, rid: str) -> bool:
    style = frame.evaluate(f"() => window.tajikmap.layers[{rid!r}].options")
    return all(style.get(k) == v for k, v in SELECTED_OUTLINE.items())


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_the_map_shows_a_year_switch_before_the_rerun_returns(
    page: Any, app_url: str, dataset: Dataset, server: HeldServer, how: str
) -> None:
    page.goto(app_url)
    frame = wait_for_map(page)
    _wait_shows(page, dataset, 1997)
    server.hold()
    if how == "mouse":
        choose_year(page, 2021)
    else:
        page.get_by_role("radio", name="1997").focus()
        page.keyboard.press("ArrowRight")
    _wait_shows(page, dataset, 2021)
    legend = page.frame_locator(IFRAME).locator(".tajikmap-legend")
    assert legend.get_by_text(legend_title(2021)).count() == 1
    # Nothing has come back from the server yet: the panel is still the old year's.
    assert page.get_by_text("Tajikistan in 1997").count() == 1
    assert page.get_by_text("Tajikistan in 2021").count() == 0
    assert frame.evaluate("() => !!window.tajikmap.showYear")
    server.release()
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=15_000)
    _wait_shows(page, dataset, 2021)
    assert "year=2021" in page.url


@pytest.mark.parametrize(("rid", "kept"), [("tajikistan", True), ("kulyab", False)])
def test_the_switch_keeps_the_region_only_where_the_year_has_it(
    page: Any, app_url: str, dataset: Dataset, server: HeldServer, rid: str, kept: bool
) -> None:
    page.goto(f"{app_url}/?year=1997&region={rid}")
    frame = wait_for_map(page)
    page.wait_for_function(
        f"() => {{ const l = document.querySelector('{IFRAME}').contentWindow.tajikmap.layers[{rid!r}];"
        f" return l && l.options.weight === {SELECTED_OUTLINE['weight']}; }}",
        timeout=10_000,
    )
    assert _outlined(frame, rid)
    server.hold()
    choose_year(page, 2021)
    _wait_shows(page, dataset, 2021)
    assert _outlined(frame, rid) is kept
    server.release()
    page.wait_for_function("() => new URL(location.href).searchParams.get('year') === '2021'", timeout=15_000)
    assert (f"region={rid}" in page.url) is kept


def test_switching_there_and_back_before_the_rerun_returns(
    page: Any, app_url: str, dataset: Dataset, server: HeldServer
) -> None:
    page.goto(app_url)
    wait_for_map(page)
    _wait_shows(page, dataset, 1997)
    server.hold()
    choose_year(page, 2021)
    _wait_shows(page, dataset, 2021)
    choose_year(page, 1997)
    _wait_shows(page, dataset, 1997)  # the frame's own looks for the year it was built with
    legend = page.frame_locator(IFRAME).locator(".tajikmap-legend")
    assert legend.get_by_text(legend_title(1997)).count() == 1
    server.release()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
        timeout=15_000,
    )
    page.get_by_text("Tajikistan in 1997").wait_for(timeout=15_000)
    _wait_shows(page, dataset, 1997)


def test_two_quick_switches_leave_the_address_as_the_page_shows(
    page: Any, app_url: str, dataset: Dataset, server: HeldServer
) -> None:
    # The second switch's rerun is asked for before the first's address arrives, so
    # it carries the old address (Kulyab, 1997). Taken for a Back, it restored Kulyab
    # and wrote nothing, and the first run's late "year=2021" stayed in the address bar.
    page.goto(f"{app_url}/?year=1997&region=kulyab")
    wait_for_map(page)
    page.get_by_role("heading", name=KULYAB).wait_for(timeout=15_000)
    server.hold()
    choose_year(page, 2021)
    _wait_shows(page, dataset, 2021)
    choose_year(page, 1997)
    _wait_shows(page, dataset, 1997)
    server.release()
    page.get_by_text("Tajikistan in 1997").wait_for(timeout=15_000)  # the overview: Kulyab went with 2021
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
        " && location.search === '?year=1997'",  # not the first's late year=2021, nor Kulyab
        timeout=15_000,
    )
    assert parse_qs(urlparse(page.url).query) == {"year": ["1997"]}


def _finished_status(payload: bytes | str) -> int | None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if isinstance(payload, str):
        return None
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    return msg.script_finished if msg.WhichOneof("type") == "script_finished" else None


def test_a_year_switch_reruns_the_map_view_not_the_page(page: Any, app_url: str) -> None:
    # The map view is an st.fragment: a switch reruns it alone, so the page's title,
    # introduction and navigation are not sent and redrawn again (pages/map.py).
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    streams: list[Any] = []
    page.on("websocket", lambda ws: streams.append(ws) if "/_stcore/stream" in ws.url else None)
    page.goto(f"{app_url}/?year=1997")
    wait_for_map(page)
    page.wait_for_function(IDLE)
    ended = lambda payload: _finished_status(payload) is not None  # noqa: E731
    with streams[-1].expect_event("framereceived", predicate=ended, timeout=15_000) as run_end:
        choose_year(page, 2021)
    assert _finished_status(run_end.value) == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    page.get_by_role("heading", name="Tajikistan in 2021").wait_for(timeout=15_000)


def test_a_links_notice_goes_once_the_reader_switches_the_year(page: Any, app_url: str) -> None:
    # "showing 1997" would be wrong under the 2021 map; the map view's reruns drop it.
    page.goto(f"{app_url}/?year=1800")
    notice = page.get_by_text("The link's year was not recognised")
    notice.wait_for(timeout=30_000)
    wait_for_map(page)
    page.wait_for_function(IDLE)
    choose_year(page, 2021)
    page.get_by_role("heading", name="Tajikistan in 2021").wait_for(timeout=15_000)
    notice.wait_for(state="detached", timeout=15_000)
