"""tajikmap: ``streamlit run dashboard.py``.

Entry point only: page setup, navigation, data loading (once per process).
"""

from __future__ import annotations

import streamlit as st

# No page_icon and no page icons: Streamlit fetches a Material or emoji favicon
# from a CDN, and the app must make no outside requests.
st.set_page_config(page_title="tajikmap", layout="wide")
# Before anything slow: until this message arrives, a server's first session
# shows the pages/ folder's file names in the sidebar.
navigation = st.navigation(
    [
        st.Page("pages/map.py", title="Map", default=True),
        st.Page("pages/compare.py", title="Compare", url_path="compare"),
        st.Page("pages/facts.py", title="Facts", url_path="facts"),
        st.Page("pages/sources.py", title="Sources", url_path="sources"),
        st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
        st.Page("pages/evidence.py", title="Evidence", url_path="evidence"),
        st.Page("pages/about.py", title="About", url_path="about"),
    ]
)

from pages._shared import dataset_or_stop, ensure_assets  # noqa: E402  (geopandas & co: seconds, once)

ensure_assets()
dataset_or_stop()
navigation.run()
