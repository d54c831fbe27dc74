"""About page: what tajikmap is, how the regions were built, attributions, limits."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, md
from tajikmap.display import DISPLAY_TOLERANCE_DEG

ds = dataset_or_stop()
prov = ds.geodata.provenance
st.title("About tajikmap")
st.markdown(
    "tajikmap turns two news analyses about Tajikistan into a map: one from August 1997, "
    "when regional warlords and clans were pulling the country apart after the civil war, "
    "and one from November 2021, on Dushanbe's hard line against the Taliban. Every fact "
    "is written in the project's own words and cites the article paragraph it comes from."
)
st.header("How the regions were built")
st.markdown(
    "Boundaries come from Natural Earth's 1:10m admin-1 units, processed by "
    "`python -m tajikmap.geobuild`. The 1997 regions are not today's provinces; where "
    "they had to be reconstructed, the map draws them with a **dashed outline**:"
)
for layer in sorted(ds.geodata.of_kind("region"), key=lambda lyr: lyr.id):
    flag = " (approximate)" if layer.approximate else ""
    st.markdown(f"- **{md(layer.name)}**{flag}: {md(layer.method)}")
border = ds.geodata.layers["tj-af-border"]
st.markdown(
    f"- **{md(border.name)}**: {md(border.method)} Measured length "
    f"{border.properties['length_km']:,.1f} km. {md(str(border.properties['caveat']))}"
)
st.markdown(
    f"The map draws a lighter copy of these shapes (simplified again at {DISPLAY_TOLERANCE_DEG}°, "
    "with shared edges kept shared) so it loads fast; every measurement on the Evidence page "
    "and in the panels uses the full geodata."
)
st.subheader("Towns")
for town in sorted(ds.geodata.of_kind("town"), key=lambda lyr: lyr.name):
    st.markdown(f"- **{md(town.name)}**: {md(str(town.properties.get('why', '')))}")
method = prov.get("method", {})
if method:
    with st.expander("Build parameters"):
        st.json(method)
st.header("Attributions")
for src in prov.get("sources", []):
    st.markdown(f"- {md(src['name'])}: {md(src['licence'])}, via {md(src['via'])}")
st.markdown("- Map rendering: Leaflet (BSD-2-Clause), folium, streamlit-folium.")
st.header("Limits")
st.markdown(
    "- The map shows what two articles say, not a complete account of either period.\n"
    "- Claims are labelled as claims; disputed figures are shown beside the estimates that "
    "dispute them.\n"
    "- At 1:10m the Tajik–Afghan border measures about 1,170 km, shorter than the usually "
    "cited 1,344–1,357 km, because generalisation straightens the river."
)
