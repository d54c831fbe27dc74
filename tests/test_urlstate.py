"""URL state: good links open their view; anything else falls back with a notice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tajikmap.urlstate import View, parse_view, to_query

YEARS = [1997, 2021]
REGIONS = {1997: ["kulyab", "east", "tj-af-border"], 2021: ["panjshir", "tj-af-border"]}


def test_a_good_link_opens_its_view() -> None:
    assert parse_view({"year": "2021", "region": "panjshir"}, YEARS, REGIONS) == (
        View(2021, "panjshir"),
        [],
    )


def test_defaults_without_parameters() -> None:
    assert parse_view({}, YEARS, REGIONS) == (View(1997, None), [])


def test_region_of_another_year_is_dropped_with_a_notice() -> None:
    view, notices = parse_view({"year": "2021", "region": "kulyab"}, YEARS, REGIONS)
    assert view == View(2021, None) and "no facts in 2021" in notices[0]


def test_repeated_parameter_takes_the_last() -> None:
    view, _ = parse_view({"year": ["1997", "2021"]}, YEARS, REGIONS)
    assert view.year == 2021


def test_round_trip() -> None:
    for view in [View(1997, None), View(2021, "panjshir")]:
        assert parse_view(to_query(view), YEARS, REGIONS) == (view, [])


LONG_TEXT = st.text(min_size=1, max_size=50).map(lambda t: t * 250)  # up to 12,500 chars
VALUES = st.one_of(st.text(max_size=200), LONG_TEXT, st.lists(st.text(max_size=50)), st.integers(), st.none())


@given(st.dictionaries(st.sampled_from(["year", "region", "x", "embed"]), VALUES))
def test_any_params_give_a_valid_view(params: dict[str, object]) -> None:
    view, notices = parse_view(params, YEARS, REGIONS)
    assert view.year in YEARS
    assert view.region is None or view.region in REGIONS[view.year]
    for notice in notices:
        assert len(notice) < 120
        # A notice never echoes what the link said.
        for value in params.values():
            if isinstance(value, str) and len(value.strip()) > 4:
                assert value.strip() not in notice


@given(st.text(min_size=1, max_size=200))
def test_hostile_region_never_selects(text: str) -> None:
    view, _ = parse_view({"year": "1997", "region": f"<script>{text}"}, YEARS, REGIONS)
    assert view.region is None


def test_embed_is_kept_and_permalinks_are_built() -> None:
    view, notices = parse_view({"year": "2021", "region": "panjshir", "embed": "true"}, YEARS, REGIONS)
    assert view == View(2021, "panjshir", embed=True) and notices == []
    assert to_query(view, with_embed=True)["embed"] == "true" and "embed" not in to_query(view)
    from tajikmap.urlstate import permalink

    assert permalink("http://host:8501/?x=1", View(2021, "panjshir")) == (
        "http://host:8501/?year=2021&region=panjshir"
    )
    assert permalink(None, View(1997)) == "?year=1997"
