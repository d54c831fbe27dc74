"""Benchmark floor: the least a streamlit-folium page can be (one small polygon, a year radio).

Its timings are this stack's physical floor on the machine; the dashboard is
measured against them. Leaflet is served locally, like the dashboard's.
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from tajikmap.assets import leaflet_css_url, leaflet_js_url

COLORS = {1997: "#E69F00", 2021: "#CC79A7"}
year = st.radio("Year", [1997, 2021], horizontal=True)
fmap = folium.Map(location=(38.5, 71), zoom_start=6, tiles=None)
fmap.default_js = [("leaflet", leaflet_js_url())]
fmap.default_css = [("leaflet_css", leaflet_css_url())]
group = folium.FeatureGroup(name="year")
folium.Polygon(
    [(37, 68), (40, 68), (40, 74), (37, 74)],
    color="#333",
    fill=True,
    fill_color=COLORS[year],
    fill_opacity=0.6,
).add_to(group)
st_folium(fmap, feature_group_to_add=group, key="map", height=560, returned_objects=[])
