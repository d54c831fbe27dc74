"""Map page: year toggle, region layers, click drill-down, shareable URL."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from pages._shared import (
    dataset_or_stop,
    draw_region_panel,
    draw_share_menu,
    evidence,
    geometry_url,
    open_view,
    read_view,
    write_view,
)
from tajikmap.elements import map_page_css, map_page_script
from tajikmap.mapview import MAP_BOX_KEY, PANEL_KEY, build_base_map, build_year_layer, clicked_region
from tajikmap.mapwords import MAP_INTRO, MAP_TITLE, year_switch_notice
from tajikmap.panel import overview, region_label, region_panel
from tajikmap.urlstate import (
    OVERVIEW_CHOICE,
    REGION_KEY,
    YEAR_KEY,
    View,
    chosen_region,
    region_choice,
    regions_by_year,
    with_region,
    with_year,
)

# The notices the map view shows, and the year they were given for: (year, [(text, icon)]).
NOTICES_KEY = "_map_notices"
LINK_ICON, SWITCH_ICON = ":material/link_off:", ":material/info:"

ds = dataset_or_stop()
regions = regions_by_year(ds)
kept, notices = read_view(ds)
if kept.compare:  # ?compare=1997,2021 is the Compare page's link
    open_view(kept, notices)
st.html(f"<style>{map_page_css()}</style>")
if not kept.embed:  # an embedding article has its own headline
    with st.container(key="map-intro"):
        st.title(MAP_TITLE)
        st.markdown(MAP_INTRO)
# A notice about the link that opened the page ("showing 1997") stands until the reader
# switches the year, when it would be wrong; a click, a region choice or a full rerun of
# the same year (Back, a reload, a visit to another page) leaves the notices standing.
if notices or st.session_state.get(NOTICES_KEY, (None, []))[0] != kept.year:
    st.session_state[NOTICES_KEY] = (kept.year, [(notice, LINK_ICON) for notice in notices])


def _on_map_click() -> None:
    rid = clicked_region((st.session_state.get("map") or {}).get("last_active_drawing"))
    if rid is not None:  # a region the year lacks leaves the selection as it was
        shown = View(st.session_state[YEAR_KEY], chosen_region(st.session_state.get(REGION_KEY)))
        st.session_state[REGION_KEY] = region_choice(with_region(shown, rid, regions).region)


@st.fragment
def _map_view() -> None:
    """The year, the map, the region list, the panel and the Share menu: what a
    year switch or a click changes, rerun without the page's title, introduction
    and navigation (resent and redrawn on every full rerun)."""
    # One place for the notices, there on every run even when empty: a notice that came and
    # went as an element of its own moved the map down the element list, and Streamlit
    # rebuilt its frame (a rebuilt frame starts its page at the top, js/panel_into_view.js).
    notice_box = st.empty().container(key="map-notices")
    given_for, given = st.session_state.get(NOTICES_KEY, (None, []))
    year: int = st.radio("Year", list(regions), key=YEAR_KEY, horizontal=True)
    # Notices stand until the year changes: one that went with the next click moved the
    # map up under the reader's pointer. A year switch ends them (they were for the other year).
    if year != given_for:
        given = []
    # checked_view (through with_year) drops a region the chosen year lacks.
    picked = chosen_region(st.session_state.get(REGION_KEY))
    view = with_year(replace(kept, region=picked), year, regions)
    if picked != view.region:  # only on a change, as a code-set value is resent
        # Not a region id when the list it came from was replaced by a run the browser had
        # not yet drawn (two quick year switches): then there is nothing to say about it.
        if picked in ds.regions and view.region is None:
            given = [(year_switch_notice(ds, picked, year), SWITCH_ICON)]
        st.session_state[REGION_KEY] = region_choice(view.region)
    st.session_state[NOTICES_KEY] = (year, given)
    for text, icon in given:
        notice_box.info(text, icon=icon)

    # Embedded in an article (?embed=true): map first, the panel under it.
    map_col, panel_col = (st.container(), st.container()) if view.embed else st.columns([5, 2], gap="medium")
    # A box of the map's final height (the frame's 560 px and the line gap under an
    # inline iframe; map_page.css makes it taller in a wide window): the frame starts
    # at 0 px until streamlit-folium sizes it, and nothing under it may move meanwhile.
    with map_col, st.container(key=MAP_BOX_KEY, height=568, border=False):
        # With the looks of a switch to each other year, so the map shows one at once.
        switch = {y: with_year(view, y, regions).region for y in regions}
        st_folium(
            build_base_map(ds, geometry_url=geometry_url(), legend_position="topright"),
            feature_group_to_add=build_year_layer(ds, year, view.region, switch=switch),
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
        options = [OVERVIEW_CHOICE, *regions[year]]
        st.radio("Region", options, key=REGION_KEY, format_func=lambda c: region_label(ds, chosen_region(c)))
        with st.container(key=PANEL_KEY):
            if view.region is None:
                st.html(overview(ds, year))
            else:
                draw_region_panel(region_panel(ds, evidence(), view.region, year))

    write_view(view)
    draw_share_menu(map_col, view)


_map_view()
# Last, and in a container map_page.css hides: a script in st.html takes a place in the
# layout, which would push the map down. The file is ours (nothing from a reader in it).
with st.container(key="map-page-script"):
    st.html(f"<script>{map_page_script(YEAR_KEY, MAP_BOX_KEY)}</script>", unsafe_allow_javascript=True)
