"""The reader's page's data: facts worded by present, background apart, every region's panel."""

from __future__ import annotations

import dataclasses
import html

from tajikmap.credits import SWAY_NOTE, source_date
from tajikmap.dataset import Dataset
from tajikmap.models import Background
from tajikmap.present import BACKGROUND_LABEL, according_to, citation_label, fact_date_label, format_figure
from tajikmap.site import overview_html
from tajikmap.sitedata import fact_json, frame_bounds, site_data


def test_facts_are_worded_by_present(dataset: Dataset) -> None:
    fact = next(f for f in dataset.facts if f.figures and f.claimed_by)
    view = fact_json(fact, dataset)
    assert view["citation"] == citation_label(fact, dataset)
    assert view["according"] == according_to(fact, dataset) and view["according"].startswith("according to")
    assert view["status"] == fact.status
    assert view["figures"][0]["text"] == format_figure(fact.figures[0])
    inferred = next(f for f in dataset.facts if f.date_inferred)
    assert fact_json(inferred, dataset)["date"] == fact_date_label(inferred)
    assert "(inferred)" in fact_json(inferred, dataset)["date"]


def test_background_travels_apart_with_its_label(dataset: Dataset) -> None:
    item = Background(text="Outside knowledge.", basis="A reference work.")
    fact = dataset.facts_for("kulyab", 1997)[0].model_copy(update={"background": [item]})
    region = dataset.regions["kulyab"]
    year = region.years[1997].model_copy(update={"background": [item]})
    with_background = dataclasses.replace(
        dataset,
        facts=[fact if f.id == fact.id else f for f in dataset.facts],
        regions={**dataset.regions, "kulyab": region.model_copy(update={"years": {1997: year}})},
    )
    data = site_data(with_background)
    assert data["backgroundLabel"] == BACKGROUND_LABEL
    kulyab = next(r for r in data["byYear"]["1997"]["regions"] if r["id"] == "kulyab")
    assert kulyab["roleBackground"] == [{"text": "Outside knowledge.", "basis": "A reference work."}]
    shown = next(f for f in kulyab["facts"] if f["id"] == fact.id)
    assert shown["background"] == [{"text": "Outside knowledge.", "basis": "A reference work."}]
    assert "Outside knowledge." not in shown["statement"]


def test_every_region_of_a_year_has_its_facts_and_evidence(dataset: Dataset) -> None:
    data = site_data(dataset)
    for year in dataset.years():
        regions = {r["id"]: r for r in data["byYear"][str(year)]["regions"]}
        assert set(regions) == {r.id for r in dataset.regions_in(year)}
        for rid, region in regions.items():
            assert len(region["facts"]) == len(dataset.facts_for(rid, year))
    assert data["byYear"]["1997"]["regions"][0]["id"]
    east = next(r for r in data["byYear"]["1997"]["regions"] if r["id"] == "east")
    assert east["evidence"] and east["approximate"]


def test_the_page_opens_on_tajikistan_not_the_whole_of_afghanistan(dataset: Dataset) -> None:
    (south, west), (north, east) = frame_bounds(dataset)
    tj = dataset.geodata.layers["tajikistan"].geometry.bounds  # (west, south, east, north)
    af = dataset.geodata.layers["afghanistan"].geometry.bounds
    slack = 0.001  # the bounds are rounded to 3 decimals
    assert (
        west <= tj[0] + slack and south <= tj[1] + slack and east >= tj[2] - slack and north >= tj[3] - slack
    )
    assert south > af[1]  # Afghanistan's south is cut off


def test_the_legend_draws_a_border_holder_as_a_line(dataset: Dataset) -> None:
    legend = site_data(dataset)["byYear"]["2021"]["legend"]
    lines = {item["label"] for item in legend if item["line"]}
    holders = {r.years[2021].sway for r in dataset.regions_in(2021)}
    border_only = {
        dataset.actors[a].name
        for a in holders
        if {dataset.geodata.layers[r.id].kind for r in dataset.regions_in(2021) if r.years[2021].sway == a}
        == {"border"}
    }
    assert border_only and all(any(name in label for label in lines) for name in border_only)
    assert len(lines) == len(border_only)


def test_the_legend_says_sway_is_an_approximation(dataset: Dataset) -> None:
    data = site_data(dataset)
    assert data["swayNote"] == SWAY_NOTE and "approximation" in SWAY_NOTE


def test_overview_gives_the_date_and_folds_how_it_was_worked_out(dataset: Dataset) -> None:
    html_text = overview_html(site_data(dataset)["byYear"]["1997"])
    src = next(s for s in dataset.sources.values() if s.year == 1997)
    shown, folded = html_text.split("<details>", 1)
    assert html.escape(source_date(src)) in shown
    assert html.escape(src.dating) not in shown
    assert html.escape(src.dating) in folded
