"""tajikmap: ``streamlit run dashboard.py``.

Entry point only: page setup, navigation, data loading (once per process).
"""

from __future__ import annotations

import streamlit as st

from pages._navigation import app_navigation, run_page
from tajikmap.resources import app_css  # no folium: drawn before the slow imports

# No page_icon and no page icons: Streamlit fetches a Material or emoji favicon
# from a CDN, and the app must make no outside requests.
st.set_page_config(page_title="tajikmap", layout="wide")
st.html(f"<style>{app_css()}</style>")  # every page's focus rings; style only, it takes no room
# Before anything slow, so the navigation is the first thing drawn.
navigation = app_navigation()

from pages._shared import dataset_or_stop, ensure_assets  # noqa: E402  (shapely, pyproj & co: once)

ensure_assets()
dataset_or_stop()
run_page(navigation)
