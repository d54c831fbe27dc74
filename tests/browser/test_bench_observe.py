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


def test_the_run_counter_counts_a_rerun_too_short_for_the_status_widget(browser: Any, app_url: str) -> None:
    # The year toggle's timing ends when a run has ended (bench/runs_done.js): a
    # year switch's rerun shows no status widget, so "no widget" was true at once.
    context = browser.new_context(viewport=run.VIEWPORT)
    context.add_init_script(run.RUNS_DONE_JS)
    page = context.new_page()
    page.goto(app_url)
    run.observe_sync(page, run.shows_year_js("dashboard", 1997), in_frame=True)
    page.wait_for_function("() => window.__tajikmapRuns >= 1", timeout=30_000)  # the first run
    runs = page.evaluate(run.RUNS_JS)
    run.click_year(page, 2021)
    run.observe_sync(page, run.run_ended_js(runs), in_frame=False, timeout_ms=15_000)
    assert page.get_by_text("Tajikistan in 2021").count() == 1  # the rerun's panel is in
    context.close()
