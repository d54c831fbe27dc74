"""What every page needs: the dataset (loaded once per process) and the error page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tajikmap.assets import install_static_assets
from tajikmap.dataset import Dataset, load_dataset
from tajikmap.paths import data_dir, geodata_dir
from tajikmap.present import escape_markdown
from tajikmap.problems import DataError

APP_DIR = Path(__file__).resolve().parent.parent


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
