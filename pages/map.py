"""Map page: year toggle, region layers, click drill-down, shareable URL."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from pages._shared import (
    IMAGE_DOWNLOADS,
    IMAGE_MIME,
    dataset_or_stop,
    embedded,
    evidence,
    exported_image,
    exported_map,
    geometry_url,
    history_navigation,
    md,
)
from tajikmap.evidence import evidence_for
from tajikmap.mapview import build_base_map, build_year_layer, clicked_region
from tajikmap.present import BACKGROUND_LABEL, background_text, fact_view, plural
from tajikmap.urlstate import View, parse_view, permalink, to_query

ds = dataset_or_stop()
if "compare" in st.query_params:  # ?compare=1997,2021 is the Compare page's link
    st.switch_page("pages/compare.py", query_params=st.query_params.to_dict())
years = ds.years()
regions_by_year = {y: [r.id for r in ds.regions_in(y)] for y in years}

# The URL decides the first view of a session and the view after Back or
# Forward; otherwise widgets decide and the URL follows them. `view` outlives
# the widgets (Streamlit drops widget state on other pages), so coming back to
# the Map through its link restores what was shown.
if "view" not in st.session_state or history_navigation():
    first, notices = parse_view(st.query_params.to_dict(), years, regions_by_year)
    st.session_state.view = View(first.year, first.region, embed=embedded())
    st.session_state.notices = notices
    st.session_state.pop("year", None)
    st.session_state.pop("region", None)
if "year" not in st.session_state:
    st.session_state.year = st.session_state.view.year
if "region" not in st.session_state:
    st.session_state.region = st.session_state.view.region


def _on_map_click() -> None:
    value = st.session_state.get("map") or {}
    rid = clicked_region(value.get("last_active_drawing"), ds, st.session_state.year)
    if rid is not None:
        st.session_state.region = rid


for notice in st.session_state.pop("notices", []):
    st.info(notice, icon=":material/link_off:")

year: int = st.radio("Year", years, key="year", horizontal=True)
options: list[str | None] = [None, *regions_by_year[year]]
if st.session_state.get("region") not in options:
    st.session_state.region = None  # the region has no layer this year

embed = st.session_state.view.embed
# Embedded in an article (?embed=true): map first, the panel under it.
map_col, panel_col = (st.container(), st.container()) if embed else st.columns([3, 2], gap="medium")

with map_col:
    st_folium(
        build_base_map(ds, geometry_url=geometry_url()),
        feature_group_to_add=build_year_layer(ds, year, st.session_state.region),
        key="map",
        height=560,
        use_container_width=True,
        # The click count changes on every click, so clicking the same spot again
        # after choosing the overview still reaches _on_map_click (coordinates alone would not).
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        on_change=_on_map_click,
    )

with panel_col:
    # A radio, not a select box: the regions of a year fit in a short list, the
    # overview is one of its choices (no separate "clear" button), and the year
    # toggle already loaded its frontend code, so the first view needs no more.
    region_id = st.radio(
        "Region",
        options,
        key="region",
        format_func=lambda rid: "Overview (no region)" if rid is None else ds.regions[rid].name,
    )
    if region_id is None:
        sources = ds.source_for_year(year)
        # One Markdown block, not a heading and paragraphs: each element is more
        # work for the browser on the first view and on every year switch.
        lines = [f"### Tajikistan in {year}"]
        for src in sources:
            by = f" by {md(src.author)}" if src.author else ""
            lines.append(f"From *{md(src.title)}*{by} — {md(src.dating)}")
        lines.append(
            f"{len(ds.facts_in(year))} facts. Click a region on the map, or pick one in "
            "the **Region** list, to see what the article says about it."
        )
        st.markdown("\n\n".join(lines))
    else:
        region = ds.regions[region_id]
        layer = ds.geodata.layers[region_id]
        st.subheader(region.name)
        if region.alt_names:
            st.caption("Also: " + md(", ".join(region.alt_names)))
        entry = region.years[year]
        st.markdown(f"**{year}:** {md(entry.role)}")
        if entry.background:
            st.caption(f"**{BACKGROUND_LABEL}:** {md(background_text(entry.background))}")
        if layer.approximate:
            with st.expander("Approximate boundary: how it was drawn"):
                st.markdown(md(layer.method))
        for ev in evidence_for(evidence(), region_id, year):
            with st.container(border=True):
                # Markdown, not st.metric: the metric widget makes a first click fetch
                # and parse several more frontend bundles (charting included).
                st.markdown(f"**{md(ev.title)}**\n### {md(ev.headline)}\nmeasured from the map's geodata")
                st.caption(f"{md(ev.claim)}  \n{md(ev.measured_text)}.  \n{md(ev.caveat)}")
        facts = ds.facts_for(region_id, year)
        st.markdown(f"**{plural(len(facts), 'fact')}**")
        for fact in facts:
            fv = fact_view(fact, ds)
            with st.container(border=True):
                for figure, label, kind in fv.figures:
                    st.markdown(f"### {md(figure)}\n{md(label)} · *{kind}*")
                badge = "gray" if fv.status == "reported" else "orange"
                said = f" — *{md(fv.according_to)}*" if fv.according_to else ""
                st.markdown(f":{badge}-badge[{fv.status}] {md(fv.statement)}{said}")
                details = []
                if fv.actors:
                    details.append("Actors: " + md(fv.actors))
                details.append("Date: " + md(fv.date))
                details.append("Source: " + md(fv.citation))
                if fv.note:
                    details.append("Note: " + md(fv.note))
                for text, basis in fv.background:
                    details.append(f"**{BACKGROUND_LABEL}:** {md(text)} *(basis: {md(basis)})*")
                st.caption("  \n".join(details))

st.session_state.view = View(year=year, region=st.session_state.region, embed=embed)
# Only when it differs: each write is a message on which Streamlit's frontend
# re-renders its whole app, even when the address stays the same.
query = to_query(st.session_state.view)
if st.query_params.to_dict() != query:
    st.query_params.from_dict(query)
# Opened on demand: its contents (and their frontend code) cost the first view nothing.
with map_col.popover("Share or download", icon=":material/share:"):
    st.caption("The link to this view (year and region):")
    st.code(permalink(st.context.url, st.session_state.view), language=None)
    shown = st.session_state.view
    st.download_button(
        "Download this map (offline HTML)",
        # Built only when clicked, for the view shown now (not whatever state is then).
        data=lambda v=shown: exported_map(v.year, v.region),
        file_name=f"tajikmap-{shown.year}{'-' + shown.region if shown.region else ''}.html",
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
    )
    name = f"tajikmap-{shown.year}{'-' + shown.region if shown.region else ''}"
    for label, fmt, size in IMAGE_DOWNLOADS:
        st.download_button(
            label,
            data=lambda v=shown, f=fmt, s=size: exported_image(v.year, v.region, f, s),
            file_name=f"{name}-{size}.{fmt}",
            mime=IMAGE_MIME[fmt],
            icon=":material/image:",
            on_click="ignore",
        )
    st.page_link("pages/compare.py", label="Compare the years side by side", icon=":material/compare:")
