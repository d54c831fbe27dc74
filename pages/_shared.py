"""What every page needs: the dataset (loaded once per process) and the error page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from tajikmap.assets import install_static_assets
from tajikmap.dataset import Dataset, load_dataset
from tajikmap.evidence import Evidence, compute_evidence
from tajikmap.export import export_html
from tajikmap.geometry import install_geometry
from tajikmap.paths import data_dir, geodata_dir
from tajikmap.present import escape_markdown
from tajikmap.problems import DataError
from tajikmap.urlstate import View

APP_DIR = Path(__file__).resolve().parent.parent


def _use_navigation_not_pages_directory() -> None:
    """Make a server's first run go through dashboard.py's st.navigation.

    Because a `pages/` folder exists, Streamlit starts each server in its old
    "pages directory" mode: if the first URL names a page (a shared /facts
    link), it runs pages/facts.py alone, with the folder's file list as the
    sidebar. Switching that mode off and rerunning sends the request through
    dashboard.py, whose st.navigation resolves the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


_use_navigation_not_pages_directory()


@st.cache_resource(show_spinner=False)
def ensure_assets() -> None:
    install_static_assets(APP_DIR / "static")


@st.cache_resource(show_spinner="Loading data…")
def _load(data: str, geodata: str) -> Dataset:
    return load_dataset(Path(data), Path(geodata))


def dataset_or_stop() -> Dataset:
    """The validated dataset, or a clear error page (never a half-drawn map)."""
    try:
        return _load(str(data_dir()), str(geodata_dir()))
    except DataError as exc:
        st.error("tajikmap cannot start: its data files have problems.", icon=":material/error:")
        st.markdown(
            "Fix each problem below (file: where: field: what is wrong), or run "
            "`tajikmap validate` to see the same list."
        )
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        st.stop()


def md(text: str) -> str:
    return escape_markdown(text)


@st.cache_resource(show_spinner=False)
def _evidence(data: str, geodata: str) -> list[Evidence]:
    return compute_evidence(_load(data, geodata))


def evidence() -> list[Evidence]:
    """Claims-vs-measurement figures, computed once per process from the geodata."""
    return _evidence(str(data_dir()), str(geodata_dir()))


def show_on_map(year: int, region: str | None) -> None:
    """Open the Map page on this view (from another page)."""
    st.session_state.view = View(year=year, region=region)
    # The Map page's widgets take their values from `view` when they are created.
    for key in ("year", "region"):
        st.session_state.pop(key, None)
    st.switch_page("pages/map.py")


@st.cache_data(show_spinner=False, max_entries=64)
def _export_html(data: str, geodata: str, year: int, region: str | None) -> str:
    return export_html(_load(data, geodata), year, region)


def exported_map(year: int, region: str | None) -> str:
    """The self-contained HTML map of a view (cached per view)."""
    return _export_html(str(data_dir()), str(geodata_dir()), year, region)


def embedded() -> bool:
    """Whether the app was opened with Streamlit's ``?embed=true``.

    Streamlit keeps ``embed`` for itself and hides it from st.query_params, so
    this reads the session's raw parameters; on any change there it says False.
    """
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        with get_session_state().query_params() as params:
            raw = params._query_params.get("embed")
    except Exception:
        return False
    values = raw if isinstance(raw, list) else [raw]
    return any(str(v).strip().lower() in ("true", "1") for v in values)


def history_navigation() -> bool:
    """Whether this run was started by the browser's Back or Forward button.

    Each change of the page's query string is a new browser history entry
    (Streamlit pushes it); going back to one reruns the page with that entry's
    query string, which the page must then show. Streamlit has no public API
    for this; on any change there it says False (Back then keeps today's view).
    """
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))
    except Exception:
        return False


@st.cache_resource(show_spinner=False)
def _geometry_url(data: str, geodata: str) -> str:
    return install_geometry(_load(data, geodata), APP_DIR / "static")


def geometry_url() -> str:
    """URL (from the map's iframe) of the served geometry file, written once per process."""
    return _geometry_url(str(data_dir()), str(geodata_dir()))
