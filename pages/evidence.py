"""Evidence page: the articles' geographic claims beside figures computed from the geodata."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, evidence, md
from tajikmap.present import citation_label

ds = dataset_or_stop()
st.title("Evidence: claims against measurement")
st.markdown(
    "Where an article makes a claim that geometry can test, this page sets it beside a figure "
    "computed from the map's own boundary data (geodesic measures on the WGS84 ellipsoid). "
    "Nothing here is typed in: every number is recomputed from `geodata/`."
)
facts = {f.id: f for f in ds.facts}
for ev in evidence():
    with st.container(border=True):
        st.subheader(ev.title)
        left, right = st.columns(2)
        left.markdown(f"**The article**  \n{md(ev.claim)}  \n*{md(citation_label(facts[ev.fact_id], ds))}*")
        right.metric("Measured", ev.headline)
        right.caption(md(ev.measured_text))
        st.caption(f"Method: {md(ev.method)}  \nCaveat: {md(ev.caveat)}")
