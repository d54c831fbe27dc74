"""The one place that leans on Streamlit's internals for navigation.

Because a ``pages/`` folder sits beside dashboard.py, Streamlit starts each
server in its old "pages directory" mode until some run calls st.navigation.
dashboard.py calls it before anything slow, which ends the mode (the file names
show in the first session's sidebar for a tenth of a second). But if a new
server's first URL names a page (a shared /facts link), that mode runs
pages/facts.py alone and dashboard.py never runs. Streamlit 1.67 has no option
to turn the mode off, so for that run this turns its class flag off and reruns,
which sends the request through dashboard.py's navigation.

Imported by pages/_shared.py before anything slow to import. README, "Where we
depend on internals"; the test is test_a_fresh_server_honours_a_page_link.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()
