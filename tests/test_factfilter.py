"""Facts-page views: filtering, and links that carry them (parsed defensively)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajikmap.dataset import Dataset
from tajikmap.factfilter import (
    FactFilter,
    describe,
    filter_facts,
    filter_options,
    filter_query,
    parse_filter,
    search_text,
)
from tajikmap.models import STATUSES


def test_options_are_what_the_facts_use(dataset: Dataset) -> None:
    opts = filter_options(dataset)
    assert opts.years == (1997, 2021)
    # The data's status words, in the data's order, only those some fact has.
    assert opts.statuses == tuple(s for s in STATUSES if any(f.status == s for f in dataset.facts))
    assert "rumour" in opts.statuses and "claimed" not in opts.statuses
    assert set(opts.regions) == {r for f in dataset.facts for r in f.regions}
    names = [dataset.regions[r].name.lower() for r in opts.regions]
    assert names == sorted(names)


def test_empty_view_shows_everything_in_article_order(dataset: Dataset) -> None:
    shown = filter_facts(dataset, FactFilter())
    assert len(shown) == len(dataset.facts)
    keys = [(f.year, f.citation.source, f.citation.paragraph) for f in shown]
    assert keys == sorted(keys)


def test_groups_combine_with_and_values_with_or(dataset: Dataset) -> None:
    view = FactFilter(years=(2021,), statuses=("rumour", "denial"))
    shown = filter_facts(dataset, view)
    assert shown and all(f.year == 2021 and f.status in ("rumour", "denial") for f in shown)
    expected = [f.id for f in dataset.facts if f.year == 2021 and f.status in ("rumour", "denial")]
    assert sorted(f.id for f in shown) == sorted(expected)
    both = {f.status for f in shown}
    assert both == {"rumour", "denial"}


def test_actor_matches_who_acts_and_who_says(dataset: Dataset) -> None:
    # A fact whose speaker is not one of its actors is found by the speaker's name too.
    fact, speaker = next((f, a) for f in dataset.facts for a in f.claimed_by if a not in f.actors)
    shown = filter_facts(dataset, FactFilter(actors=(speaker,)))
    assert fact in shown
    assert all(speaker in (*f.actors, *f.claimed_by) for f in shown)


def test_region_filter(dataset: Dataset) -> None:
    shown = filter_facts(dataset, FactFilter(regions=("panjshir",)))
    assert shown and all("panjshir" in f.regions for f in shown)


def test_search_needs_every_word_anywhere_on_the_card(dataset: Dataset) -> None:
    shown = filter_facts(dataset, FactFilter(query="  RUSSIA   troops "))
    assert any("20,000 troops" in f.statement for f in shown)
    for fact in shown:
        text = search_text(fact, dataset)
        assert "russia" in text and "troops" in text
    # A figure and a region name (neither needs to be in the statement).
    assert filter_facts(dataset, FactFilter(query="Panjshir 98%"))
    assert filter_facts(dataset, FactFilter(query="no such word xyzzy")) == []


def test_link_round_trip(dataset: Dataset) -> None:
    opts = filter_options(dataset)
    view = FactFilter(years=(2021,), regions=("panjshir",), statuses=("rumour",), query="aid")
    query = filter_query(view)
    assert query == {"year": "2021", "region": "panjshir", "status": "rumour", "q": "aid"}
    assert parse_filter(query, opts) == (view, [])
    assert filter_query(FactFilter()) == {}


def test_link_lists_are_put_in_canonical_order(dataset: Dataset) -> None:
    opts = filter_options(dataset)
    view, notices = parse_filter({"status": "rumour,claim,claim", "year": ["2021", "1997"]}, opts)
    assert notices == []
    assert view.statuses == ("claim", "rumour") and view.years == (1997, 2021)


@pytest.mark.parametrize(
    ("params", "kept", "what"),
    [
        ({"status": "claimed"}, FactFilter(), "status"),  # the old vocabulary
        ({"status": "claim,<script>"}, FactFilter(statuses=("claim",)), "status"),
        ({"year": "1888,2021"}, FactFilter(years=(2021,)), "year"),
        ({"year": "[2021]"}, FactFilter(), "year"),
        ({"region": "x" * 5000}, FactFilter(), "region"),
        ({"actor": ["russia", "\u202eevil"]}, FactFilter(actors=("russia",)), "actor"),
        ({"category": "military", "q": "a\u0000b"}, FactFilter(categories=("military",)), "search"),
        ({"q": "x" * 201}, FactFilter(), "search"),
    ],
)
def test_odd_links_keep_what_is_valid_and_say_what_was_not(
    dataset: Dataset, params: dict[str, object], kept: FactFilter, what: str
) -> None:
    view, notices = parse_filter(params, filter_options(dataset))
    assert view == kept
    assert len(notices) == 1 and what in notices[0]


def test_unknown_parameters_are_left_alone(dataset: Dataset) -> None:
    assert parse_filter({"embed": "true", "utm_source": "x"}, filter_options(dataset)) == (FactFilter(), [])


# Values start with "<", which no notice contains, so a hit is a real echo.
@given(
    st.dictionaries(
        st.sampled_from(["year", "region", "status", "actor", "category", "q"]),
        st.one_of(st.text().map(lambda t: "<" + t), st.sampled_from(["claim", "2021", "kulyab"])),
    )
)
def test_notices_never_echo_the_link_and_kept_views_round_trip(
    dataset: Dataset, params: dict[str, str]
) -> None:
    opts = filter_options(dataset)
    view, notices = parse_filter(params, opts)
    for value in params.values():
        if value.startswith("<"):
            assert all(value not in n for n in notices)
    # Whatever was kept writes a link that reads back as the same view, silently.
    assert parse_filter(filter_query(view), opts) == (view, [])


def test_a_view_is_described_in_words(dataset: Dataset) -> None:
    view = FactFilter(years=(2021,), statuses=("rumour", "claim"), regions=("panjshir",), query="kabul")
    assert describe(view, dataset) == 'year 2021; status rumour or claim; region Panjshir; search "kabul"'
    assert describe(FactFilter(), dataset) == ""
    assert dataset.actors["russia"].name in describe(FactFilter(actors=("russia",)), dataset)
