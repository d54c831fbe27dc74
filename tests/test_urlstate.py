"""URL state: good links open their view; anything else falls back with a notice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tajikmap.dataset import Dataset
from tajikmap.urlstate import (
    REGION_KEY,
    YEAR_KEY,
    View,
    checked_view,
    parse_view,
    permalink,
    regions_by_year,
    with_region,
    with_year,
)

REGIONS = {1997: ("kulyab", "east", "tj-af-border"), 2021: ("panjshir", "tj-af-border")}


def test_a_good_link_opens_its_view() -> None:
    assert parse_view({"year": "2021", "region": "panjshir"}, REGIONS) == (View(2021, "panjshir"), [])


def test_defaults_without_parameters() -> None:
    assert parse_view({}, REGIONS) == (View(1997, None), [])


def test_region_of_another_year_is_dropped_with_a_notice() -> None:
    view, notices = parse_view({"year": "2021", "region": "kulyab"}, REGIONS)
    assert view == View(2021, None) and "no facts in 2021" in notices[0]


def test_an_unknown_year_falls_back_with_the_years_listed() -> None:
    view, notices = parse_view({"year": "1888", "region": "panjshir"}, REGIONS)
    assert view == View(1997, None)
    assert notices[0] == "The link's year was not recognised; showing 1997 (years: 1997, 2021)."
    assert "no facts in 1997" in notices[1]


def test_repeated_parameter_takes_the_last() -> None:
    view, _ = parse_view({"year": ["1997", "2021"]}, REGIONS)
    assert view.year == 2021


def test_round_trip() -> None:
    for view in [View(1997, None), View(2021, "panjshir"), View(2021, "tj-af-border", embed=True)]:
        assert parse_view(view.query(with_embed=True), REGIONS) == (view, [])


def test_regions_by_year_is_what_the_data_has(dataset: Dataset) -> None:
    regions = regions_by_year(dataset)
    assert list(regions) == dataset.years()
    assert "kulyab" in regions[1997] and "kulyab" not in regions[2021]
    assert "panjshir" in regions[2021] and "tj-af-border" in regions[1997]


def test_checked_view_is_the_one_judge() -> None:
    assert checked_view(2021, "panjshir", REGIONS) == (View(2021, "panjshir"), [])
    assert checked_view(None, None, REGIONS) == (View(1997), [])
    assert checked_view(2021, "narnia", REGIONS)[0] == View(2021)


def test_selecting_a_region_the_year_lacks_keeps_the_view() -> None:
    view = View(1997, "kulyab")
    assert with_region(view, "east", REGIONS) == View(1997, "east")
    assert with_region(view, "panjshir", REGIONS) == view  # a 2021 region: ignored, not cleared
    assert with_region(view, None, REGIONS) == View(1997)


def test_a_year_switch_keeps_a_region_both_years_have() -> None:
    assert with_year(View(1997, "tj-af-border"), 2021, REGIONS) == View(2021, "tj-af-border")
    assert with_year(View(1997, "kulyab", embed=True), 2021, REGIONS) == View(2021, None, embed=True)


def test_widget_state_is_keyed_by_the_pages_widgets() -> None:
    assert View(2021, "panjshir").widget_state() == {YEAR_KEY: 2021, REGION_KEY: "panjshir"}


LONG_TEXT = st.text(min_size=1, max_size=50).map(lambda t: t * 250)  # up to 12,500 chars
VALUES = st.one_of(st.text(max_size=200), LONG_TEXT, st.lists(st.text(max_size=50)), st.integers(), st.none())


@given(st.dictionaries(st.sampled_from(["year", "region", "x", "embed"]), VALUES))
def test_any_params_give_a_valid_view(params: dict[str, object]) -> None:
    view, notices = parse_view(params, REGIONS)
    assert view.year in REGIONS
    assert view.region is None or view.region in REGIONS[view.year]
    for notice in notices:
        assert len(notice) < 120
        # A notice never echoes what the link said.
        for value in params.values():
            if isinstance(value, str) and len(value.strip()) > 4:
                assert value.strip() not in notice


@given(st.text(min_size=1, max_size=200))
def test_hostile_region_never_selects(text: str) -> None:
    view, notices = parse_view({"year": "1997", "region": f"<script>{text}"}, REGIONS)
    assert view.region is None and notices == ["The link's region was not recognised; no region is selected."]


def test_embed_comes_from_streamlit_or_the_link_and_permalinks_carry_it() -> None:
    assert parse_view({"year": "2021"}, REGIONS, embed=True)[0] == View(2021, embed=True)
    view, notices = parse_view({"year": "2021", "region": "panjshir", "embed": "true"}, REGIONS)
    assert view == View(2021, "panjshir", embed=True) and notices == []
    assert view.query(with_embed=True)["embed"] == "true" and "embed" not in view.query()
    assert permalink("http://host:8501/?x=1", View(2021, "panjshir")) == (
        "http://host:8501/?year=2021&region=panjshir"
    )
    assert permalink(None, View(1997)) == "?year=1997"
