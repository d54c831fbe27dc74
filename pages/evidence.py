"""Evidence page: the articles' geographic claims beside figures measured on the map."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, evidence, md
from tajikmap.present import citation_label

ds = dataset_or_stop()
st.title("Evidence: claims against measurement")
st.markdown(
    "Some things the articles say can be checked on a map: how long the border is, how big a "
    "region is, how far one place is from another. Here each claim stands beside what we "
    "measured, with what the number can and cannot tell you. Every figure is measured afresh "
    "from the map's own boundaries, none is typed in."
)
facts = {f.id: f for f in ds.facts}
for ev in evidence():
    with st.container(border=True, key=f"evidence-{ev.id}"):
        st.header(ev.title)  # h2 under the page's h1: no skipped heading level
        st.markdown(
            f"**The article:** {md(ev.claim)}  \n*{md(citation_label(facts[ev.fact_id], ds))}*\n\n"
            f"**Measured:** {md(ev.measured_text)}\n\n"
            f"**Keep in mind:** {md(ev.caveat)}"
        )
        with st.expander("How it was measured"):
            st.markdown(md(ev.method))
with st.expander("About the measurements"):
    st.markdown(
        "Lengths, areas and distances are geodesic: measured on the curved Earth (the WGS84 "
        "ellipsoid, with pyproj's Geod), not on the flat map, using the full-detail boundaries "
        "in `geodata/` rather than the lighter copy the map draws."
    )
