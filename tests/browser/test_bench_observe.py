"""bench/run.py's DOM observer, in Chromium: it must see changes inside every map frame."""

from __future__ import annotations

from typing import Any

import pytest

from bench import run

# Two map frames, as on Compare; go() changes the second one's content 300 ms later,
# well after the main document has stopped changing.
PAGE = """<!doctype html><body>
<iframe title="streamlit_folium.st_folium" srcdoc="<p id=a>first</p>"></iframe>
<iframe title="streamlit_folium.st_folium" srcdoc="<p id=b>second</p>"></iframe>
<script>
  window.go = () => setTimeout(() => {
    const d = document.querySelectorAll('iframe')[1].contentDocument;
    d.body.insertAdjacentHTML('beforeend', '<p id=late>drawn</p>');
  }, 300);
</script>
</body>"""
LATE = (
    "() => { const fs = [...document.querySelectorAll('iframe')];"
    " return fs.length === 2 && !!fs[1].contentDocument && !!fs[1].contentDocument.getElementById('late'); }"
)


def _started(page: Any) -> None:
    page.set_content(PAGE)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].every(f => f.contentDocument.body)"
    )
    assert not page.evaluate(LATE)
    page.evaluate("go()")


def test_a_change_in_the_second_map_frame_is_seen(page: Any) -> None:
    _started(page)
    run.observe_sync(page, LATE, in_frame=True, timeout_ms=5_000)


def test_without_the_frames_it_is_not(page: Any) -> None:
    # The check can fail: the same change, with only the main document watched.
    _started(page)
    with pytest.raises(Exception, match="timed out"):
        run.observe_sync(page, LATE, in_frame=False, timeout_ms=1_500)


def test_a_run_ends_on_the_servers_finished_message() -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    def message(**fields: Any) -> bytes:
        return ForwardMsg(**fields).SerializeToString()

    assert run.run_finished(message(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY))
    assert run.run_finished(message(script_finished=ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY))
    # A run cut short by a newer one is not the end; nor is any other message, text or garbage.
    assert not run.run_finished(message(script_finished=ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    assert not run.run_finished(message(page_info_changed={"query_string": "year=2021"}))
    assert not run.run_finished("script_finished")
    assert not run.run_finished(b"\xff\xfe not a message")


def test_a_year_switch_is_timed_to_its_runs_end(browser: Any, app_url: str) -> None:
    # A year switch's rerun shows no status widget: the timing waits for the
    # server's script_finished message to reach the page instead.
    context = browser.new_context(viewport=run.VIEWPORT)
    page = context.new_page()
    page.on("websocket", lambda ws: run.keep_stream(page, ws))
    page.goto(app_url)
    run.observe_sync(page, run.shows_year_js("dashboard", 1997), in_frame=True)
    run.wait_idle(page)
    with run.run_ends(page, 15_000):
        run.click_year(page, 2021)
    page.get_by_text("Tajikistan in 2021").wait_for(timeout=5_000)
    # And nothing ends a run that was never started.
    with pytest.raises(Exception, match="Timeout"), run.run_ends(page, 1_500):
        pass
    context.close()
