"""The app's navigation, and how a new server's first request reaches it.

Because a ``pages/`` folder sits beside dashboard.py, Streamlit starts each
server in its old "pages directory" mode, which lists the folder's file names
(dashboard, shared, …) as the sidebar's navigation, until some run calls
st.navigation. .streamlit/config.toml's ``client.showSidebarNavigation = false``
hides that list; it hides only a navigation in the sidebar, so the app's own,
in the header (:func:`app_navigation`), shows without touching it, and on a
phone, where Streamlit moves the header's links into the sidebar's drawer, too.

If a new server's first URL names a page (a shared /facts link), that mode runs
pages/facts.py alone and dashboard.py never runs: :func:`reach_navigation`
(called by every page, through pages._shared.dataset_or_stop) then calls
st.navigation, which ends the mode for the whole process, and reruns, so the
request goes through dashboard.py. Never at import: a rerun raised while a
module was being imported left a half-run module to the sessions importing it
meanwhile. README, "Where we depend on internals"; the test is
tests/browser/test_cold_start.py.
"""

from __future__ import annotations

import threading

import streamlit as st
from streamlit.navigation.page import StreamlitPage

_LEFT_ALONE = "_navigation_reran"  # session key: this session already reran once for it
_run = threading.local()  # each script run has its own thread while it runs


def app_pages() -> list[StreamlitPage]:
    """Every page, in the navigation's order; the Map is the default (``/``)."""
    return [
        st.Page("pages/map.py", title="Map", default=True),
        st.Page("pages/compare.py", title="Compare", url_path="compare"),
        st.Page("pages/facts.py", title="Facts", url_path="facts"),
        st.Page("pages/sources.py", title="Sources", url_path="sources"),
        st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
        st.Page("pages/evidence.py", title="Evidence", url_path="evidence"),
        st.Page("pages/about.py", title="About", url_path="about"),
    ]


def app_navigation() -> StreamlitPage:
    """dashboard.py's st.navigation, in the header.

    In the header, not the sidebar: Streamlit draws a sidebar only once the
    navigation arrives, and in a wide window the whole page then moved 300 px to
    the right (a layout shift of ~0.24 on every page, bench/layout_shift.py); the
    header is there from the start. On a phone Streamlit puts the same links in
    the sidebar's drawer, closed at load. ``client.showSidebarNavigation`` stays
    false (it is no longer set back to true here): it hides only a navigation in
    the sidebar, so it leaves this one alone, on a phone too.
    """
    _run.through_dashboard = True  # until run_page ends
    return st.navigation(app_pages(), position="top")


def run_page(page: StreamlitPage) -> None:
    """Run the page :func:`app_navigation` chose; the run is then over."""
    try:
        page.run()
    finally:
        _run.through_dashboard = False


def reach_navigation() -> None:
    """If this run skipped dashboard.py (the pages-directory mode), end the mode and rerun."""
    if getattr(_run, "through_dashboard", False) or st.session_state.get(_LEFT_ALONE):
        return
    # Once per session: a page run alone on purpose (an AppTest of one file) is then left alone.
    st.session_state[_LEFT_ALONE] = True
    st.navigation(app_pages(), position="hidden")
    st.rerun()
