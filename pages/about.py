"""About page: what tajikmap is and what it can be trusted for; how it was built behind expanders."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, md
from tajikmap.credits import source_date
from tajikmap.display import DISPLAY_TOLERANCE_DEG
from tajikmap.present import plural

ds = dataset_or_stop()
prov = ds.geodata.provenance
sources = sorted(ds.sources.values(), key=lambda s: s.year)
border = ds.geodata.layers["tj-af-border"]
st.title("About tajikmap")
st.markdown(
    "tajikmap turns two news analyses about Tajikistan into a map: one from August 1997, "
    "when regional warlords and clans were pulling the country apart after the civil war, "
    "and one from November 2021, on Dushanbe's hard line against the Taliban. Every fact "
    "is written in the project's own words and cites the article paragraph it comes from."
)
st.header("What you can rely on")
st.markdown(
    f"- **{plural(len(ds.facts), 'fact')}** from {plural(len(sources), 'article')}, each "
    "with its paragraph number (¶), so you can check it against the text.\n"
    "- Each fact says how sure it is: **reported** when the article states it as fact; "
    "a claim, estimate, rumour, denial, promise or dispute always names who says so.\n"
    "- Anything we added that the article does not say (a month worked out from the content, "
    "where a place is) is marked *Background, not from the article*, with its basis, and "
    "dates we worked out are marked *(inferred)*.\n"
    "- Some 1997 regions no longer exist as provinces. The map redraws them as closely as "
    "open data allows and outlines them with a **dashed line**: treat their edges as "
    "approximate."
)
st.header("Limits")
st.markdown(
    "- The map shows what two articles say, not a complete account of either period.\n"
    "- Claims are labelled as claims; disputed figures are shown beside the estimates that "
    "dispute them.\n"
    f"- Our border line is about {border.properties['length_km']:,.0f} km long, shorter than "
    "the usually cited 1,344–1,357 km, because a map at this scale straightens the river "
    "that forms it."
)
st.header("The articles")
st.markdown(
    "\n".join(
        f"- {src.year}: *{md(src.title)}*{f' by {md(src.author)}' if src.author else ''}, "
        f"{md(src.outlet)}; {md(source_date(src))}."
        for src in sources
    )
)
with st.expander("How the articles are dated"):
    st.markdown("\n".join(f"- {src.year}: {md(src.dating)}" for src in sources))

st.header("How the map was made")
st.markdown(
    "Boundaries come from Natural Earth, a public-domain world map; town positions from "
    "GeoNames. The details are below for anyone who wants to check or rebuild them."
)
with st.expander("How each region was drawn"):
    st.markdown(
        "Boundaries are Natural Earth's 1:10m provinces (admin-1 units), processed by "
        "`python -m tajikmap.geobuild`. Where a 1997 region had to be reconstructed, the "
        "map draws it with a dashed outline:"
    )
    for layer in sorted(ds.geodata.of_kind("region"), key=lambda lyr: lyr.id):
        flag = " (approximate)" if layer.approximate else ""
        st.markdown(f"- **{md(layer.name)}**{flag}: {md(layer.method)}")
    st.markdown(
        f"- **{md(border.name)}**: {md(border.method)} Measured length "
        f"{border.properties['length_km']:,.1f} km. {md(str(border.properties['caveat']))}"
    )
    st.markdown(
        f"The map draws a lighter copy of these shapes (simplified again at "
        f"{DISPLAY_TOLERANCE_DEG}°, with shared edges kept shared) so it loads fast; every "
        "measurement on the Evidence page and in the panels uses the full geodata."
    )
with st.expander("Why these towns are on the map"):
    for town in sorted(ds.geodata.of_kind("town"), key=lambda lyr: lyr.name):
        st.markdown(f"- **{md(town.name)}**: {md(str(town.properties.get('why', '')))}")
method = prov.get("method", {})
if method:
    with st.expander("Build parameters"):
        # Markdown, not st.json: the JSON viewer's frontend code is loaded even while folded.
        st.markdown("\n".join(f"- **{md(key)}**: {md(str(value))}" for key, value in method.items()))

st.header("Attributions")
for src in prov.get("sources", []):
    st.markdown(f"- {md(src['name'])}: {md(src['licence'])}, via {md(src['via'])}")
st.markdown("- Map rendering: Leaflet (BSD-2-Clause), folium, streamlit-folium.")
