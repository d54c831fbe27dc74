"""Benchmark reference: the dashboard's map alone, with nothing beside it.

The same year radio, base map, year layer and ``st_folium`` call as
pages/map.py, in the same wide two-column layout, but no region panel, no Share
popover, no page navigation and no URL sync. Set against the dashboard in the
same run, it shows how much of a year switch is the map and how much is what
the page shows beside it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from tajikmap.dataset import Dataset, load_dataset
from tajikmap.geometry import install_geometry
from tajikmap.mapview import build_base_map, build_year_layer
from tajikmap.paths import data_dir, geodata_dir


@st.cache_resource
def setup() -> tuple[Dataset, str]:
    """The dataset, and the geometry file's URL in this app's static folder."""
    ds = load_dataset(data_dir(), geodata_dir())
    return ds, install_geometry(ds, Path(__file__).resolve().parent / "static")


st.set_page_config(layout="wide")
ds, url = setup()
year = st.radio("Year", ds.years(), key="year", horizontal=True)
map_col, _ = st.columns([3, 2], gap="medium")
with map_col:
    st_folium(
        build_base_map(ds, geometry_url=url),
        feature_group_to_add=build_year_layer(ds, year),
        key="map",
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
    )
