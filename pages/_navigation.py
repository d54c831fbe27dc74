"""The one place that leans on Streamlit's internals for navigation.

Because a ``pages/`` folder sits beside dashboard.py, Streamlit starts each
server in its old "pages directory" mode until some run calls st.navigation.
dashboard.py calls it before anything slow, which ends the mode (the file names
show in the first session's sidebar for a tenth of a second). But if a new
server's first URL names a page (a shared /facts link), that mode runs
pages/facts.py alone and dashboard.py never runs. Streamlit 1.67 has no option
to turn the mode off, so for that run this turns its class flag off and reruns,
which sends the request through dashboard.py's navigation.

Called by every page (through pages._shared.dataset_or_stop), never at import: a
rerun raised while a module was being imported left a half-run module to the
sessions importing it meanwhile. README, "Where we depend on internals"; the
test is test_a_fresh_server_honours_a_page_link.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_switched = False


def leave_pages_directory_mode() -> None:
    """Once per process (AppTest resets the mode before each of its runs; a server never does)."""
    global _switched
    if PagesManager.uses_pages_directory and not _switched:
        _switched = True
        PagesManager.uses_pages_directory = False
        st.rerun()
