"""Compare mode's library: kinds of change, the two-column panel, the compare link."""

from __future__ import annotations

import dataclasses

import pytest

from tajikmap.compare import (
    FigureMove,
    change_label,
    changes,
    compare_panel,
    covered_by_year,
    drawn_changes,
    figure_moves,
    regions_by_pair,
    side,
)
from tajikmap.dataset import Dataset
from tajikmap.models import Figure
from tajikmap.present import fact_view
from tajikmap.urlstate import View, parse_view, regions_by_year

PAIR = (1997, 2021)


def with_sway(ds: Dataset, region_id: str, year: int, sway: str) -> Dataset:
    """The dataset with one registry entry's holder changed."""
    region = ds.regions[region_id]
    entry = region.years[year].model_copy(update={"sway": sway})
    years = {**region.years, year: entry}
    regions = {**ds.regions, region_id: region.model_copy(update={"years": years})}
    return dataclasses.replace(ds, regions=regions)


def test_kinds_of_change_come_from_the_registry(dataset: Dataset) -> None:
    kinds = changes(dataset, PAIR)
    assert kinds["tj-af-border"] == "same"  # Russia's troops in both years
    assert kinds["afghanistan"] == "new"
    assert kinds["panjshir"] == "only-second"
    # Kulyab's 2021 entry is Tajikistan's, the whole it is part of: Rahmon, who carries
    # on the 1997 holder (actors.yaml: the same president, renamed).
    assert kinds["kulyab"] == kinds["dushanbe"] == "same"
    assert kinds["southwest"] == "new"  # Khudoberdiyev in 1997


def test_without_the_continuity_the_renamed_president_is_a_new_holder(dataset: Dataset) -> None:
    actors = {**dataset.actors, "rahmon": dataset.actors["rahmon"].model_copy(update={"continues": None})}
    assert changes(dataclasses.replace(dataset, actors=actors), PAIR)["kulyab"] == "new"


def test_the_same_holder_under_two_names_is_explained_and_cited(dataset: Dataset) -> None:
    panel = compare_panel(dataset, "kulyab", PAIR)
    link = dataset.actors["rahmon"].continues
    assert link is not None and panel.kind == "same"
    text = panel.what_changed
    assert dataset.actors["kulyab-clan"].name in text and dataset.actors["rahmon"].name in text
    assert link.text in text and "¶11" in text  # the article's fact that ties them, cited
    assert f"background, not from the article: {link.background.text.rstrip('.')}" in text  # apart


def test_changing_the_data_changes_the_kind(dataset: Dataset) -> None:
    # Nothing is typed per region: give Tajikistan's 2021 entry the southwest's 1997
    # holder and every part the whole covers in 2021 changes its kind.
    same = with_sway(dataset, "tajikistan", 2021, "khudoberdiyev")
    kinds = changes(same, PAIR)
    assert kinds["southwest"] == "same"
    assert kinds["kulyab"] == kinds["dushanbe"] == "new"


def test_year_order_decides_which_side_a_region_is_only_on(dataset: Dataset) -> None:
    assert changes(dataset, (2021, 1997))["panjshir"] == "only-first"


def test_a_whole_drawn_through_its_parts_is_not_coloured_over_them(dataset: Dataset) -> None:
    drawn = drawn_changes(dataset, PAIR)
    assert "tajikistan" not in drawn and "tajikistan" in changes(dataset, PAIR)
    assert {"kulyab", "east", "north"} <= set(drawn)


def test_side_falls_back_to_the_whole(dataset: Dataset) -> None:
    s = side(dataset, "kulyab", 2021)
    assert (s.region_id, s.via_whole, s.sway) == ("tajikistan", True, "rahmon")
    s = side(dataset, "panjshir", 1997)
    assert s.region_id is None and s.sway is None


def test_panel_for_kulyab_has_both_years(dataset: Dataset) -> None:
    panel = compare_panel(dataset, "kulyab", PAIR)
    first, second = panel.sides
    assert first.role == dataset.regions["kulyab"].years[1997].role
    assert second.role == dataset.regions["tajikistan"].years[2021].role
    assert first.covered_by == "" and second.covered_by == "Tajikistan (whole country)"
    assert first.holder == dataset.actors["kulyab-clan"].name
    assert panel.what_changed.startswith(f"{first.holder} (1997) → {second.holder} (2021)")
    assert not panel.what_changed.endswith("..")
    # Facts read as everywhere else: through present.fact_view.
    assert first.facts == tuple(fact_view(f, dataset) for f in dataset.facts_for("kulyab", 1997))
    assert all(fv.citation and fv.status for fv in second.facts)


def test_panel_of_a_region_in_one_year(dataset: Dataset) -> None:
    panel = compare_panel(dataset, "panjshir", PAIR)
    assert not panel.sides[0].present and panel.sides[0].facts == ()
    assert panel.sides[1].present
    assert panel.kind_label == change_label("only-second", *PAIR) == "only in 2021"
    assert panel.holder_change == f"only in 2021: {dataset.actors['nrf'].name}"


def test_same_holder_line(dataset: Dataset) -> None:
    panel = compare_panel(dataset, "tj-af-border", PAIR)
    assert panel.holder_change == f"{dataset.actors['russia'].name} in both years"


def test_a_region_in_neither_year_has_no_panel(dataset: Dataset) -> None:
    with pytest.raises(ValueError):
        compare_panel(dataset, "panjshir", (1997, 1997))


def test_figures_that_moved_between_years(dataset: Dataset) -> None:
    refugees = next(f for f in dataset.facts if any(g.unit == "refugees" for g in f.figures))
    fig = next(g for g in refugees.figures if g.unit == "refugees")
    then = refugees.model_copy(
        update={"year": 1997, "figures": [Figure(value=5000, unit="refugees", kind="reported", label="x")]}
    )
    other = refugees.model_copy(update={"figures": [fig.model_copy(update={"unit": "km"})]})
    moves = figure_moves([then], [refugees])
    assert [(m.unit, m.first) for m in moves] == [("refugees", ("5,000 refugees",))]
    assert figure_moves([then], [other]) == ()  # no unit in common, nothing moved


def test_what_changed_names_moved_figures(dataset: Dataset) -> None:
    panel = compare_panel(dataset, "tj-af-border", PAIR)
    moved = dataclasses.replace(
        panel, figure_moves=(FigureMove("troops", ("20,000 troops",), ("9 troops",)),)
    )
    assert "troops: 20,000 troops (1997) → 9 troops (2021)" in moved.what_changed
    assert moved.what_changed.startswith(panel.holder_change)


# --- what a compare view may select --------------------------------------------


def test_every_pair_of_the_data_has_its_regions(dataset: Dataset) -> None:
    pairs = regions_by_pair(dataset)
    assert list(pairs) == [PAIR]
    assert "kulyab" in pairs[PAIR] and "panjshir" in pairs[PAIR]


def test_a_year_covers_its_own_regions_and_the_parts_of_its_wholes(dataset: Dataset) -> None:
    covered = covered_by_year(dataset)
    assert "kulyab" in covered[2021]  # through Tajikistan, the whole it is part of
    assert "panjshir" in covered[2021] and "panjshir" not in covered[1997]
    for pair, ids in regions_by_pair(dataset).items():
        assert set(ids) == {rid for y in pair for rid in covered[y]}


def test_any_two_years_the_data_holds(dataset: Dataset) -> None:
    # A third snapshot year: one more source, and registry entries for it.
    src = next(iter(dataset.sources.values()))
    later = src.model_copy(update={"id": "later", "year": 2030, "event_date": "2030"})
    ds = dataclasses.replace(dataset, sources={**dataset.sources, "later": later})
    entry = dataset.regions["panjshir"].years[2021]
    ds = dataclasses.replace(
        ds,
        regions={
            **ds.regions,
            "panjshir": ds.regions["panjshir"].model_copy(
                update={"years": {2021: entry, 2030: entry.model_copy(update={"sway": "taliban"})}}
            ),
        },
    )
    pairs = regions_by_pair(ds)
    assert list(pairs) == [(1997, 2021), (1997, 2030), (2021, 2030)]
    later_kinds = changes(ds, (2021, 2030))
    assert later_kinds["panjshir"] == "new" and later_kinds["afghanistan"] == "only-first"
    assert changes(ds, (1997, 2030))["panjshir"] == "only-second"
    # Kulyab has no entry of its own in 2021 or 2030, yet a 2021–2030 link may select it.
    covered = covered_by_year(ds)
    assert "kulyab" not in regions_by_year(ds)[2021] + regions_by_year(ds)[2030]
    view, notices = parse_view(
        {"compare": "2030,2021", "region": "kulyab"}, regions_by_year(ds), covered=covered
    )
    assert view == View(2021, "kulyab", compare=(2021, 2030)) and notices == []
    assert compare_panel(ds, "panjshir", (2021, 2030)).holder_change.endswith(ds.actors["taliban"].name)
