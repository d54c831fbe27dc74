"""URL state: good links open their view; anything else falls back with a notice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajikmap.dataset import Dataset
from tajikmap.urlstate import (
    CANNOT_COMPARE,
    COMPARE_REGION_KEY,
    OVERVIEW_CHOICE,
    PAIR_KEY,
    REGION_KEY,
    REGION_UNRECOGNISED,
    YEAR_KEY,
    View,
    checked_view,
    chosen_region,
    parse_view,
    permalink,
    region_choice,
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
    # The overview is a choice of its own: Streamlit's radio shows None as nothing chosen.
    assert View(1997, None).widget_state()[REGION_KEY] == OVERVIEW_CHOICE
    assert OVERVIEW_CHOICE is not None
    assert chosen_region(OVERVIEW_CHOICE) is None and chosen_region(None) is None
    assert chosen_region(region_choice("kulyab")) == "kulyab" and region_choice(None) == OVERVIEW_CHOICE


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
    assert view.region is None and notices == [
        "The link's region was not recognised, so the map opened on the overview."
    ]


def test_embed_comes_from_streamlit_or_the_link_and_permalinks_carry_it() -> None:
    assert parse_view({"year": "2021"}, REGIONS, embed=True)[0] == View(2021, embed=True)
    view, notices = parse_view({"year": "2021", "region": "panjshir", "embed": "true"}, REGIONS)
    assert view == View(2021, "panjshir", embed=True) and notices == []
    assert view.query(with_embed=True)["embed"] == "true" and "embed" not in view.query()
    assert permalink("http://host:8501/?x=1", View(2021, "panjshir")) == (
        "http://host:8501/?year=2021&region=panjshir"
    )
    assert permalink(None, View(1997)) == "?year=1997"
    # An app at the host's root: the path's slash before the query, as a browser shows it.
    assert permalink("http://127.0.0.1:8765", View(2021, "tajikistan")) == (
        "http://127.0.0.1:8765/?year=2021&region=tajikistan"
    )
    assert (
        permalink("https://example.org/maps/tajik", View(1997)) == "https://example.org/maps/tajik?year=1997"
    )


# --- compare views: ?compare=1997,2021&region=… ---------------------------------

PAIR = (1997, 2021)
# Kulyab has no 2021 entry of its own; in 2021 its whole covers it.
COVERED = {1997: REGIONS[1997], 2021: ("kulyab", *REGIONS[2021])}


def _compare(params: dict[str, object]) -> tuple[View, list[str]]:
    return parse_view(params, REGIONS, comparing=True, covered=COVERED)


def test_a_good_compare_link_opens_its_view() -> None:
    view, notices = parse_view({"compare": "1997,2021", "region": "kulyab"}, REGIONS, covered=COVERED)
    assert (view, notices) == (View(1997, "kulyab", compare=PAIR), [])
    assert view.query() == {"compare": "1997,2021", "region": "kulyab"}
    assert view.widget_state() == {PAIR_KEY: PAIR, COMPARE_REGION_KEY: "kulyab"}


def test_compare_years_in_either_order_read_earlier_first() -> None:
    assert _compare({"compare": " 2021,1997 "}) == (View(1997, compare=PAIR), [])


def test_the_compare_pages_bare_address_compares_the_first_and_last_years() -> None:
    assert _compare({}) == (View(1997, compare=PAIR), [])
    assert parse_view({}, REGIONS) == (View(1997), [])  # the Map's bare address: one year


@pytest.mark.parametrize(
    "raw", ["1997,1997", "1997", "1997,2020", "1997;2021", "1997,2021,2021", "x" * 500, ""]
)
def test_odd_compare_years_fall_back_with_a_notice(raw: str) -> None:
    view, notices = _compare({"compare": raw})
    assert view == View(1997, compare=PAIR) and len(notices) == 1
    assert notices[0] == (
        "The link's years to compare were not recognised; comparing 1997 and 2021 (years: 1997, 2021)."
    )


def test_a_compare_region_must_be_covered_in_either_year() -> None:
    assert _compare({"region": "panjshir"})[0].region == "panjshir"  # 2021 only
    view, notices = _compare({"region": "mars"})
    assert view == View(1997, compare=PAIR) and notices == [REGION_UNRECOGNISED]
    # Without the covered regions, only the years' own entries count.
    assert parse_view({"compare": "1997,2021", "region": "kulyab"}, {2021: ("panjshir",), 1997: ("east",)})[
        1
    ] == [REGION_UNRECOGNISED]


def test_comparing_needs_two_years() -> None:
    view, notices = parse_view({"compare": "1997,2021"}, {1997: REGIONS[1997]})
    assert view == View(1997) and notices == [CANNOT_COMPARE]


def test_compare_round_trip_and_permalink() -> None:
    for view in [View(1997, compare=PAIR), View(1997, "panjshir", embed=True, compare=PAIR)]:
        assert _compare(view.query(with_embed=True)) == (view, [])
    link = permalink("http://h/compare?x=1#y", View(1997, "kulyab", embed=True, compare=PAIR))
    assert link == "http://h/compare?compare=1997,2021&region=kulyab&embed=true"


@given(st.dictionaries(st.sampled_from(["compare", "region", "embed", "year"]), VALUES))
def test_any_compare_params_give_a_valid_view_and_never_echo(params: dict[str, object]) -> None:
    view, notices = _compare(params)
    assert view.compare == PAIR and view.year == 1997
    assert view.region is None or any(view.region in COVERED[y] for y in PAIR)
    # A notice never echoes the link: it reads the same whatever odd text caused it.
    fixed = {_compare({"compare": "?"})[1][0], REGION_UNRECOGNISED}
    assert set(notices) <= fixed and all(len(n) < 120 for n in notices)
