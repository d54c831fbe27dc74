"""The Compare page through AppTest: its link, odd links, the two-column panel."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pages._shared import COMPARE_SHARE_KEY, SHARE_KEY
from tajikmap.dataset import Dataset
from tajikmap.mapwords import COMPARE_INTRO, compare_title
from tajikmap.paths import ROOT
from tajikmap.present import BACKGROUND_LABEL, escape_markdown
from tajikmap.urlstate import OVERVIEW_CHOICE

APP = str(ROOT / "dashboard.py")


def _compare(**params: str) -> AppTest:
    """The app opened on ``/?compare=…``: the Map page hands it to the Compare page."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader]
    parts += [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [h.value for h in at.html if "<style>" not in h.value]
    return "\n".join(str(p) for p in parts)


def _query(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def test_a_compare_link_opens_the_compare_view() -> None:
    at = _compare(compare="1997,2021")
    assert not at.exception and not at.error
    assert at.radio(key="cmp_region").value == OVERVIEW_CHOICE
    text = _texts(at)
    assert "What changed from 1997 to 2021" in text and "Same holder in both years" in text
    assert _query(at) == {"compare": "1997,2021"}


def test_kulyab_shows_both_years(dataset: Dataset) -> None:
    at = _compare(compare="1997,2021", region="kulyab")
    assert not at.exception
    assert at.radio(key="cmp_region").value == "kulyab"
    text = _texts(at)
    # Both years' roles, as the data has them (Markdown-escaped on the page).
    assert escape_markdown(dataset.regions["kulyab"].years[1997].role) in text
    assert escape_markdown(dataset.regions["tajikistan"].years[2021].role) in text
    holder = escape_markdown(dataset.actors[dataset.regions["kulyab"].years[1997].sway].name)
    assert f"**What changed (same holder in both years):** {holder} \\(1997\\) →" in text
    assert "The 2021 entry is that of Tajikistan \\(whole country\\)" in text
    # Each year's facts with their citations and statuses.
    assert "War Widens Cracks In Tajikistan's Unity \\(1997\\), ¶" in text
    for fact in dataset.facts_for("kulyab", 1997):  # each with the badge of its own status
        badge = "gray" if fact.status == "reported" else "orange"
        assert f":{badge}-badge[{fact.status}] {escape_markdown(fact.statement)}" in text
    assert _query(at) == {"compare": "1997,2021", "region": "kulyab"}


def test_picking_a_region_updates_the_panel_and_the_link() -> None:
    at = _compare(compare="1997,2021")
    at.radio(key="cmp_region").set_value("panjshir").run()
    text = _texts(at)
    assert "Not on the 1997 map" in text and "only in 2021" in text
    assert _query(at) == {"compare": "1997,2021", "region": "panjshir"}


@pytest.mark.parametrize(
    "params",
    [
        {"compare": "1997,1997"},
        {"compare": "<script>alert(1)</script>"},
        {"compare": "1997,2021", "region": "<img src=x onerror=alert(1)>"},
        {"compare": "1888,2021", "region": "kulyab"},
        {"compare": "x" * 5000},
    ],
)
def test_odd_compare_links_fall_back_with_a_notice(params: dict[str, str]) -> None:
    at = _compare(**params)
    assert not at.exception
    assert at.info, "a short notice explains what was ignored"
    assert _query(at)["compare"] == "1997,2021"
    for value in params.values():
        if len(value) > 4:
            assert all(value not in str(i.value) for i in at.info)


def test_the_map_page_links_to_compare() -> None:
    at = _compare()
    at.session_state[SHARE_KEY] = True  # the link is in the Share menu
    at.run()
    assert [link.proto.page for link in at.get("page_link")] == ["compare"]


def test_compare_share_menu_links_back_to_the_map() -> None:
    at = _compare(compare="1997,2021")
    assert not at.get("page_link") and not at.code  # closed, the menu draws nothing
    at.session_state[COMPARE_SHARE_KEY] = True
    at.run()
    assert [link.proto.page for link in at.get("page_link")] == [""]


def test_each_page_keeps_its_own_view_across_the_other() -> None:
    """Map and Compare each keep their view for the session: a compare link read
    on the Map hands over without touching the Map's year and region."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["year"] = "2021"
    at.query_params["region"] = "panjshir"
    at.run()
    at.query_params.clear()
    at.query_params["compare"] = "1997,2021"
    at.query_params["region"] = "kulyab"
    at.run()
    assert at.radio(key="cmp_region").value == "kulyab"
    at.query_params.clear()  # the navigation's bare link
    at.switch_page("pages/map.py").run()
    assert (at.radio(key="year").value, at.radio(key="region").value) == (2021, "panjshir")
    assert _query(at) == {"year": "2021", "region": "panjshir"}
    at.query_params.clear()
    at.switch_page("pages/compare.py").run()
    assert at.radio(key="cmp_region").value == "kulyab"
    assert _query(at) == {"compare": "1997,2021", "region": "kulyab"}


def test_embedded_compare_links_share_with_embed() -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.context["is_embedded"] = True
    at.query_params["compare"] = "1997,2021"
    at.query_params["region"] = "panjshir"
    at.run()
    assert not at.exception
    assert not at.code  # the Share menu is closed: its contents are not drawn
    at.session_state[COMPARE_SHARE_KEY] = True  # what opening it in the browser sets
    at.run()
    links = [c.value for c in at.code]
    assert any(link.endswith("?compare=1997,2021&region=panjshir&embed=true") for link in links), links
    assert not at.title  # an embedding article has its own headline


def test_the_page_opens_with_a_title_and_an_introduction() -> None:
    at = _compare(compare="1997,2021")
    assert [t.value for t in at.title] == [compare_title((1997, 2021))]
    assert COMPARE_INTRO in [m.value for m in at.markdown]


def test_a_facts_background_shows_apart_as_in_the_maps_panel(dataset: Dataset) -> None:
    at = _compare(compare="1997,2021", region="southwest")
    text = _texts(at)
    facts = [f for f in dataset.facts_for("southwest", 1997) if f.background]
    assert facts
    for fact in facts:
        for item in fact.background:
            assert f"**{BACKGROUND_LABEL}:** {escape_markdown(item.text)}" in text
