"""Compare page: two years side by side, what changed, and a two-column panel.

``?compare=1997,2021&region=kulyab`` opens exactly that; the address bar follows
the view, so Back and Forward step through it and a copied link shares it.
"""

from __future__ import annotations

import dataclasses

import streamlit as st
from streamlit_folium import st_folium

from pages._shared import APP_DIR, dataset_or_stop, geometry_url, md
from tajikmap.compare import CompareView, PanelSide, compare_panel, parse_compare, permalink, regions_by_pair
from tajikmap.compare import to_query as compare_query
from tajikmap.compareexport import export_compare_html
from tajikmap.comparemap import (
    build_change_layer,
    build_change_map,
    build_pair_layer,
    build_pair_map,
    change_legend,
    clicked_compare_region,
    install_compare_assets,
)
from tajikmap.present import BACKGROUND_LABEL, FactView, plural


@st.cache_resource(show_spinner=False)
def _install_assets() -> None:
    install_compare_assets(APP_DIR / "static")


_install_assets()


@st.cache_data(show_spinner=False, max_entries=32)
def _export(years: tuple[int, int], region: str | None) -> str:
    return export_compare_html(dataset_or_stop(), years, region)


ds = dataset_or_stop()
pairs = regions_by_pair(ds)
if not pairs:
    st.info("Comparing needs two years in the data.", icon=":material/info:")
    st.stop()


def _url_view() -> dict[str, str]:
    return {k: v for k, v in st.query_params.to_dict().items() if k in ("compare", "region")}


# The URL decides when it differs from what this page last wrote to it: a first
# visit, Back or Forward (Streamlit hands the page that entry's query string), an
# edited address or a link from another page. Otherwise the widgets decide and the
# URL follows them; a bare address (the navigation's link) keeps the session's view.
if "cmp_view" not in st.session_state or (
    "compare" in st.query_params and _url_view() != compare_query(st.session_state.cmp_view)
):
    first, notices = parse_compare(st.query_params.to_dict(), ds.years(), pairs)
    assert first is not None  # there are pairs
    st.session_state.cmp_view = dataclasses.replace(first, embed=bool(st.context.is_embedded))
    st.session_state.cmp_notices = notices
    st.session_state.pop("cmp_region", None)
    st.session_state.pop("cmp_years", None)
if "cmp_years" not in st.session_state:
    st.session_state.cmp_years = st.session_state.cmp_view.years
if "cmp_region" not in st.session_state:
    st.session_state.cmp_region = st.session_state.cmp_view.region

for notice in st.session_state.pop("cmp_notices", []):
    st.info(notice, icon=":material/link_off:")

if len(pairs) > 1:
    years: tuple[int, int] = st.selectbox(
        "Years", list(pairs), key="cmp_years", format_func=lambda p: f"{p[0]} and {p[1]}"
    )
else:
    years = st.session_state.cmp_years
options: list[str | None] = [None, *pairs[years]]
if st.session_state.get("cmp_region") not in options:
    st.session_state.cmp_region = None


def _on_click(key: str) -> None:
    value = st.session_state.get(key) or {}
    rid = clicked_compare_region(value.get("last_active_drawing"), ds, st.session_state.cmp_years)
    if rid is not None:
        st.session_state.cmp_region = rid


embed = st.session_state.cmp_view.embed
returned = ["last_active_drawing", "last_object_clicked_count"]
st.markdown(f"#### {years[0]} and {years[1]} side by side")
# Each map in a box of its final height (the frame's, plus the line gap under an
# inline iframe): the frame starts at 0 px until streamlit-folium sizes it, and
# nothing under it may move meanwhile (layout shift).
with st.container(key="cmp-pair-box", height=468, border=False):
    st_folium(
        build_pair_map(ds, geometry_url=geometry_url()),
        feature_group_to_add=build_pair_layer(ds, years, st.session_state.cmp_region),
        key="cmp_pair_map",
        height=460,
        use_container_width=True,
        returned_objects=returned,
        on_change=lambda: _on_click("cmp_pair_map"),
    )

map_col, panel_col = (st.container(), st.container()) if embed else st.columns([2, 3], gap="medium")
with map_col:
    st.markdown(f"#### What changed, {years[0]} → {years[1]}")
    with st.container(key="cmp-change-box", height=408, border=False):
        st_folium(
            build_change_map(ds, geometry_url=geometry_url()),
            feature_group_to_add=build_change_layer(ds, years, st.session_state.cmp_region),
            key="cmp_change_map",
            height=400,
            use_container_width=True,
            returned_objects=returned,
            on_change=lambda: _on_click("cmp_change_map"),
        )


def _fact(fv: FactView) -> None:
    with st.container(border=True):
        for figure, label, kind in fv.figures:
            st.markdown(f"**{md(figure)}** {md(label)} · *{kind}*")
        badge = "gray" if fv.status == "reported" else "orange"
        said = f" — *{md(fv.according_to)}*" if fv.according_to else ""
        st.markdown(f":{badge}-badge[{fv.status}] {md(fv.statement)}{said}")
        st.caption(f"Date: {md(fv.date)}  \nSource: {md(fv.citation)}")


def _side(s: PanelSide) -> None:
    st.markdown(f"#### {s.year}")
    if not s.present:
        st.markdown(f"*Not on the {s.year} map: the {s.year} article does not place it.*")
        return
    st.markdown(f"**Who held sway:** {md(s.holder)}\n\n{md(s.role)}")
    if s.covered_by:
        st.caption(f"The {s.year} entry is that of {md(s.covered_by)}, which it is part of.")
    if s.background:
        st.caption(f"**{BACKGROUND_LABEL}:** {md(s.background)}")
    if s.covered_by:
        # The whole's facts are many and not about this part alone: folded.
        with st.expander(f"{plural(len(s.facts), 'fact')} about {s.covered_by}"):
            for fv in s.facts:
                _fact(fv)
    else:
        st.markdown(f"**{plural(len(s.facts), 'fact')}**")
        for fv in s.facts:
            _fact(fv)


with panel_col:
    region_id = st.radio(
        "Region",
        options,
        key="cmp_region",
        horizontal=True,
        format_func=lambda rid: "Overview" if rid is None else ds.regions[rid].name,
    )
    if region_id is None:
        lines = [f"### What changed from {years[0]} to {years[1]}"]
        for entry in change_legend(ds, years):
            lines.append(f"- **{md(entry.label).capitalize()}:** {md(', '.join(entry.regions))}")
        lines.append(
            "\nWho held sway is compared as the data records it, one actor per region and year. "
            "Click a region on either map, or pick it above, to see both years side by side."
        )
        st.markdown("\n".join(lines))
    else:
        panel = compare_panel(ds, region_id, years)
        st.subheader(panel.name)
        st.markdown(f"**What changed ({md(panel.kind_label)}):** {md(panel.what_changed)}")
        for col, s in zip(st.columns(2, gap="medium"), panel.sides, strict=True):
            with col:
                _side(s)

st.session_state.cmp_view = CompareView(years, st.session_state.cmp_region, embed)
query = compare_query(st.session_state.cmp_view)
if st.query_params.to_dict() != query:
    st.query_params.from_dict(query)
with map_col.popover("Share", icon=":material/share:"):
    st.caption("The link to this comparison (years and region):")
    st.code(permalink(st.context.url, st.session_state.cmp_view), language=None)
    shown = st.session_state.cmp_view
    st.download_button(
        "Download this comparison (offline HTML)",
        # Built only when clicked, for the view shown now.
        data=lambda v=shown: _export(v.years, v.region),
        file_name="-".join(["tajikmap", *map(str, shown.years), *([shown.region] if shown.region else [])])
        + ".html",
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
    )
    st.page_link("pages/map.py", label="One year at a time (the Map)", icon=":material/map:")
