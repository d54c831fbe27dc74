"""Benchmark baseline: what a competent user writes first.

Full-resolution Natural Earth admin-1 polygons for Tajikistan and Afghanistan
(read once, cached), the whole map rebuilt on every toggle, st_folium defaults
(every interaction reruns). Only Leaflet is pointed at the local copy, since
otherwise the map would not paint at all on an offline machine.
"""

from __future__ import annotations

import json
import os

import folium
import streamlit as st
from streamlit_folium import st_folium

from tajikmap.assets import leaflet_css_url, leaflet_js_url

COLORS = {1997: "#E69F00", 2021: "#CC79A7"}


@st.cache_data
def load() -> dict:  # type: ignore[type-arg]
    with open(os.environ["TAJIKMAP_NAIVE_GEOJSON"], encoding="utf-8") as fh:
        return json.load(fh)  # type: ignore[no-any-return]


year = st.radio("Year", [1997, 2021], horizontal=True)
fmap = folium.Map(location=(36.6, 69.4), zoom_start=6, tiles=None)
fmap.default_js = [("leaflet", leaflet_js_url())]
fmap.default_css = [("leaflet_css", leaflet_css_url())]
folium.GeoJson(
    load(),
    style_function=lambda f: {
        "fillColor": COLORS[year] if f["properties"]["adm0_a3"] == "TJK" else "#999999",
        "color": "#333",
        "weight": 1,
        "fillOpacity": 0.6,
    },
    tooltip=folium.GeoJsonTooltip(fields=["name"]),
).add_to(fmap)
out = st_folium(fmap, height=560)
if out and out.get("last_active_drawing"):
    st.subheader(out["last_active_drawing"]["properties"]["name"])
