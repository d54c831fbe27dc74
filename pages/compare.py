"""Compare page: two years side by side, what changed, and a two-column panel.

``?compare=1997,2021&region=kulyab`` opens exactly that; the address bar follows
the view, so Back and Forward step through it and a copied link shares it.
"""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from pages._shared import (
    APP_DIR,
    COMPARE_SHARE_KEY,
    MAP_PAGE,
    dataset_or_stop,
    draw_fact_card,
    draw_link,
    geometry_url,
    md,
    read_view,
    share_popover,
    write_view,
)
from tajikmap.compare import PanelSide, compare_panel, covered_by_year, regions_by_pair
from tajikmap.compareexport import export_compare_html
from tajikmap.comparemap import (
    CHANGE_MAP_HEIGHT,
    COMPARE_PANEL_KEY,
    PAIR_MAP_HEIGHT,
    build_change_layer,
    build_change_map,
    build_pair_layer,
    build_pair_map,
    change_summary,
    clicked_compare_region,
    install_compare_assets,
)
from tajikmap.elements import prose_css
from tajikmap.factcard import small
from tajikmap.mapwords import COMPARE_INTRO, compare_title
from tajikmap.panel import view_card
from tajikmap.present import BACKGROUND_LABEL, plural
from tajikmap.urlstate import (
    CANNOT_COMPARE,
    COMPARE_REGION_KEY,
    OVERVIEW_CHOICE,
    PAIR_KEY,
    View,
    checked_view,
    chosen_region,
    regions_by_year,
)


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
    st.info(CANNOT_COMPARE, icon=":material/info:")
    st.stop()
shown, notices = read_view(ds, compare=True)
for notice in notices:
    st.info(notice, icon=":material/link_off:")

if len(pairs) > 1:
    years: tuple[int, int] = st.selectbox(
        "Years", list(pairs), key=PAIR_KEY, format_func=lambda p: f"{p[0]} and {p[1]}"
    )
else:
    years = st.session_state[PAIR_KEY]
options = [OVERVIEW_CHOICE, *pairs[years]]
if st.session_state.get(COMPARE_REGION_KEY) not in options:
    st.session_state[COMPARE_REGION_KEY] = OVERVIEW_CHOICE


def _on_click(key: str) -> None:
    value = st.session_state.get(key) or {}
    rid = clicked_compare_region(value.get("last_active_drawing"), ds, st.session_state[PAIR_KEY])
    if rid is not None:
        st.session_state[COMPARE_REGION_KEY] = rid


def _map(fmap: folium.Map, layer: folium.FeatureGroup, key: str, height: int) -> None:
    """One of the page's maps; a click on it selects the region on both.

    In a box of its final height (the frame's, plus the line gap under an inline
    iframe), keyed ``<key>-box``: the frame starts at 0 px until streamlit-folium
    sizes it, and nothing under it may move meanwhile (layout shift).
    """
    with st.container(key=f"{key}-box", height=height + 8, border=False):
        st_folium(
            fmap,
            feature_group_to_add=layer,
            key=key,
            height=height,
            use_container_width=True,
            # The click count changes on every click, so clicking the same region again
            # after choosing the overview still reaches _on_click.
            returned_objects=["last_active_drawing", "last_object_clicked_count"],
            on_change=lambda: _on_click(key),
        )


embed = shown.embed
selected = chosen_region(st.session_state[COMPARE_REGION_KEY])
st.html(f"<style>{prose_css()}</style>")  # before the text it spaces; style only, it takes no room
if not embed:  # an embedding article has its own headline
    st.title(compare_title(years))
    st.markdown(COMPARE_INTRO)
st.markdown(f"## {years[0]} and {years[1]} side by side")
_map(
    build_pair_map(ds, geometry_url=geometry_url()),
    build_pair_layer(ds, years, selected),
    "cmp_pair_map",
    PAIR_MAP_HEIGHT,
)

map_col, panel_col = (st.container(), st.container()) if embed else st.columns([2, 3], gap="medium")
with map_col:
    st.markdown(f"## What changed, {years[0]} → {years[1]}")
    change_layer = build_change_layer(ds, years, selected)
    _map(build_change_map(ds, geometry_url=geometry_url()), change_layer, "cmp_change_map", CHANGE_MAP_HEIGHT)


def _side(s: PanelSide) -> None:
    st.markdown(f"#### {s.year}")
    if not s.present:
        st.markdown(f"*Not on the {s.year} map: the {s.year} article does not place it.*")
        return
    st.markdown(f"**Who held sway:** {md(s.holder)}\n\n{md(s.role)}")
    if s.covered_by:
        st.markdown(small(f"The {s.year} entry is that of {md(s.covered_by)}, which it is part of."))
    if s.background:
        st.markdown(small(f"**{BACKGROUND_LABEL}:** {md(s.background)}"))
    if s.covered_by:
        # The whole's facts are many and not about this part alone: folded.
        with st.expander(f"{plural(len(s.facts), 'fact')} about {s.covered_by}"):
            for fv in s.facts:
                draw_fact_card(view_card(fv))
    else:
        st.markdown(f"**{plural(len(s.facts), 'fact')}**")
        for fv in s.facts:
            draw_fact_card(view_card(fv))


with panel_col:
    region_id = chosen_region(
        st.radio(
            "Region",
            options,
            key=COMPARE_REGION_KEY,
            horizontal=True,
            format_func=lambda c: "Overview" if chosen_region(c) is None else ds.regions[c].name,
        )
    )
    if region_id is None:
        st.html(change_summary(ds, years))
    else:
        panel = compare_panel(ds, region_id, years)
        # Keyed: a click on a map brings this heading into view (comparemap.COMPARE_PANEL_KEY).
        with st.container(key=COMPARE_PANEL_KEY):
            st.subheader(panel.name)
            st.markdown(f"**What changed ({md(panel.kind_label)}):** {md(panel.what_changed)}")
            for col, s in zip(st.columns(2, gap="medium"), panel.sides, strict=True):
                with col:
                    _side(s)

# checked_view, as for every change of a view; the widgets only offer what it accepts.
view, _ = checked_view(
    None, region_id, regions_by_year(ds), embed=shown.embed, compare=years, covered=covered_by_year(ds)
)
write_view(view)


def _share_menu(view: View) -> None:
    """The link and the offline comparison, drawn only while the menu is open, as the
    Map's menu (pages/_shared.py draw_share_menu): closed, its code block, download
    button and page link were re-sent and re-rendered on every click."""
    menu = share_popover(map_col, "Share", COMPARE_SHARE_KEY)
    if menu is None:
        return
    with menu:
        draw_link("The link to this comparison (years and region):", view)
        st.download_button(
            "Download this comparison (offline HTML)",
            # Built only when clicked, for the view shown now.
            data=lambda v=view: _export(years, v.region),
            file_name="-".join(["tajikmap", *map(str, years), *([view.region] if view.region else [])])
            + ".html",
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
        )
        st.page_link(MAP_PAGE, label="One year at a time (the Map)", icon=":material/map:")


_share_menu(view)
