"""What every page needs: the dataset (loaded once per process), the error page,
and the view of the Map and of Compare — read from the URL, kept in the session,
linked to."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import streamlit as st

from pages._navigation import reach_navigation
from tajikmap.assets import install_static_assets
from tajikmap.compare import covered_by_year
from tajikmap.dataset import Dataset, load_dataset
from tajikmap.evidence import Evidence, compute_evidence
from tajikmap.factcard import small
from tajikmap.geometry import install_geometry
from tajikmap.panel import FactCard, RegionPanel
from tajikmap.paths import data_dir, geodata_dir
from tajikmap.present import escape_markdown
from tajikmap.problems import DataError
from tajikmap.urlstate import View, parse_view, permalink, regions_by_year

if TYPE_CHECKING:
    from tajikmap.images import ImageFormat, SizeName

APP_DIR = Path(__file__).resolve().parent.parent
MAP_PAGE = "pages/map.py"
COMPARE_PAGE = "pages/compare.py"
# Session keys of the Map's and Compare's views: they outlive the widgets on other pages.
_VIEW = "view"
_COMPARE_VIEW = "cmp_view"
_HANDED_ON = "view_notices"  # notices open_view hands to the page it opens
SHARE_KEY = "share"  # the Share menu's open state
COMPARE_SHARE_KEY = "compare-share"  # the same on the Compare page


@st.cache_resource(show_spinner=False)
def ensure_assets() -> None:
    install_static_assets(APP_DIR / "static")


@st.cache_resource(show_spinner="Loading data…")
def _load(data: str, geodata: str) -> Dataset:
    return load_dataset(Path(data), Path(geodata))


def dataset_or_stop() -> Dataset:
    """The validated dataset, or a clear error page (never a half-drawn map)."""
    # Every page calls this first. Not at import: a rerun raised while this module
    # was being imported left a half-run module to the sessions importing it
    # meanwhile (ImportError for a fresh server's first readers arriving together).
    reach_navigation()
    try:
        return _load(str(data_dir()), str(geodata_dir()))
    except DataError as exc:
        st.error("tajikmap cannot start: its data files have problems.", icon=":material/error:")
        st.markdown(
            "Fix each problem below (file: where: field: what is wrong), or run "
            "`tajikmap validate` to see the same list."
        )
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        st.stop()


def md(text: str) -> str:
    return escape_markdown(text)


@st.cache_resource(show_spinner=False)
def _evidence(data: str, geodata: str) -> list[Evidence]:
    return compute_evidence(_load(data, geodata))


def evidence() -> list[Evidence]:
    """Claims-vs-measurement figures, computed once per process from the geodata."""
    return _evidence(str(data_dir()), str(geodata_dir()))


def _session_key(view: View) -> str:
    return _COMPARE_VIEW if view.compare else _VIEW


def _widgets_moved(kept: View) -> bool:
    """Whether a widget of ``kept``'s page holds another value than ``kept`` (the reader
    changed it for this run); a widget not in the session (another page's) has not moved."""
    return any(
        key in st.session_state and st.session_state[key] != value
        for key, value in kept.widget_state().items()
    )


def read_view(ds: Dataset, *, compare: bool = False) -> tuple[View, list[str]]:
    """The view this run of the Map (or, with ``compare``, of Compare) shows, and
    notices about a link's odd parts.

    The URL decides when it differs from the view last written to it: a first
    visit, Back or Forward (Streamlit hands the page the history entry's query
    string), an edited address, or a link from another page (:func:`open_view`).
    Otherwise the session's view stands and the widgets, set from it, decide.
    A bare address (the navigation's link to the page) keeps the session's view,
    and so does a run the reader started with a widget: its address can be one
    the last run's has not yet replaced (two year switches in quick succession),
    not a place the reader went back to.
    A ``compare`` link read on the Map gives a compare view: the Map hands it on.
    """
    handed_on: list[str] = st.session_state.pop(_HANDED_ON, [])
    kept: View | None = st.session_state.get(_COMPARE_VIEW if compare else _VIEW)
    params = st.query_params.to_dict()
    if kept is not None and (not params or params == kept.query() or _widgets_moved(kept)):
        # Streamlit drops widget state on other pages: widgets coming back start from the view.
        for key, value in kept.widget_state().items():
            st.session_state.setdefault(key, value)
        return kept, handed_on
    view, notices = parse_view(
        params,
        regions_by_year(ds),
        embed=bool(st.context.is_embedded),
        comparing=compare,
        covered=covered_by_year(ds),
    )
    st.session_state[_session_key(view)] = view
    if bool(view.compare) == compare:
        st.session_state.update(view.widget_state())
    return view, notices


def write_view(view: View) -> None:
    """Keep ``view`` for the session and put it in the address bar.

    Only when the address differs: each write is a message on which Streamlit's
    frontend re-renders its whole app and the browser records a history entry.
    """
    st.session_state[_session_key(view)] = view
    if st.query_params.to_dict() != view.query():
        st.query_params.from_dict(view.query())


def open_view(view: View, notices: Sequence[str] = ()) -> NoReturn:
    """Open the Map, or Compare for a compare view, on ``view``: the one way every
    page links into them. ``notices`` (about the link that led here) are shown there."""
    for key in view.widget_state():  # the page's widgets start from the view, not a past visit
        st.session_state.pop(key, None)
    if notices:
        st.session_state[_HANDED_ON] = list(notices)
    st.switch_page(COMPARE_PAGE if view.compare else MAP_PAGE, query_params=view.query())


def draw_region_panel(panel: RegionPanel) -> None:
    """Draw what :func:`tajikmap.panel.region_panel` decided, element by element.

    Small print in the text colour (factcard.small), not ``st.caption``: its faded
    grey is ~3.9:1 against white at 14 px, under WCAG's 4.5:1 for small text.
    """
    st.header(panel.heading)  # h2, under the page's h1 title (no skipped level)
    if panel.also:
        st.markdown(small(panel.also))
    st.markdown(panel.role)
    if panel.background:
        st.markdown(small(panel.background))
    if panel.method:
        with st.expander("Approximate boundary: how it was drawn"):
            st.markdown(panel.method)
    for card in panel.evidence:
        with st.container(border=True):
            st.markdown(card.body)
            st.markdown(small(card.caption))
    st.markdown(panel.facts_heading)
    for fact in panel.facts:
        draw_fact_card(fact)


def draw_fact_card(fact: FactCard) -> None:
    """One fact as :func:`tajikmap.panel.view_card` words it (the Map's panel, Compare's columns)."""
    with st.container(border=True):
        for figure in fact.figures:
            st.markdown(figure)
        st.markdown(fact.statement)
        st.markdown(small(fact.details))


def share_popover(where: Any, label: str, key: str) -> Any | None:
    """A Share popover in ``where``, returned only while it is open (its contents are
    to be drawn then only): ``on_change="rerun"`` and ``.open``, Streamlit's public way."""
    menu = where.popover(label, icon=":material/share:", key=key, on_change="rerun")
    return menu if menu.open else None


def draw_link(caption: str, view: View) -> None:
    """The link that reopens ``view``, under ``caption``, ready to copy."""
    st.markdown(small(caption))
    st.code(permalink(st.context.url, view), language=None)


def draw_share_menu(where: Any, view: View) -> None:
    """The Map's Share or download menu for ``view``: the link, the offline map, images, Compare.

    A popover whose contents are drawn only while it is open (``on_change="rerun"``
    and ``.open``, Streamlit's public way to do so): closed, its eight elements
    were re-sent and re-rendered on every year switch and click, about a tenth of
    a switch's time in the browser (bench/run.py). Opening it costs one rerun.
    """
    menu = share_popover(where, "Share or download", SHARE_KEY)
    if menu is None:
        return
    with menu:
        draw_link("The link to this view (year and region):", view)
        st.download_button(
            "Download this map (offline HTML)",
            # Built only when clicked, for the view shown now (not whatever state is then).
            data=lambda v=view: exported_map(v.year, v.region),
            file_name=f"tajikmap-{view.year}{'-' + view.region if view.region else ''}.html",
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
        )
        name = f"tajikmap-{view.year}{'-' + view.region if view.region else ''}"
        for label, fmt, size in IMAGE_DOWNLOADS:
            st.download_button(
                label,
                data=lambda v=view, f=fmt, s=size: exported_image(v.year, v.region, f, s),
                file_name=f"{name}-{size}.{fmt}",
                mime=IMAGE_MIME[fmt],
                icon=":material/image:",
                on_click="ignore",
            )
        st.page_link(COMPARE_PAGE, label="Compare the years side by side", icon=":material/compare:")


@st.cache_data(show_spinner=False, max_entries=64)
def _export_html(data: str, geodata: str, year: int, region: str | None) -> str:
    from tajikmap.export import export_html  # imported when first asked for (see _image)

    return export_html(_load(data, geodata), year, region)


def exported_map(year: int, region: str | None) -> str:
    """The reader's page as one offline HTML file, opening on the view (cached per view)."""
    return _export_html(str(data_dir()), str(geodata_dir()), year, region)


# What the Share menu offers as images: (label, format, size).
IMAGE_DOWNLOADS: tuple[tuple[str, ImageFormat, SizeName], ...] = (
    ("Image for a web page (PNG, one column)", "png", "column"),
    ("Image for print (PNG, full page)", "png", "page"),
    ("Vector image (SVG, full page)", "svg", "page"),
    ("Vector image (PDF, full page)", "pdf", "page"),
)
IMAGE_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


@st.cache_data(show_spinner=False, max_entries=32)
def _image(data: str, geodata: str, year: int, region: str | None, fmt: ImageFormat, size: SizeName) -> bytes:
    # Imported on the first download, not with the page: matplotlib is half a second of a
    # new server's first run, which a reader who follows a link waits through.
    from tajikmap.images import render_image

    return render_image(_load(data, geodata), year, region, fmt, size)


def exported_image(year: int, region: str | None, fmt: ImageFormat, size: SizeName) -> bytes:
    """The static map of a view as an image file (cached per view, format and size)."""
    return _image(str(data_dir()), str(geodata_dir()), year, region, fmt, size)


@st.cache_resource(show_spinner=False)
def _geometry_url(data: str, geodata: str) -> str:
    return install_geometry(_load(data, geodata), APP_DIR / "static")


def geometry_url() -> str:
    """URL (from the map's iframe) of the served geometry file, written once per process."""
    return _geometry_url(str(data_dir()), str(geodata_dir()))
