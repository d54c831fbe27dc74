"""A static map's legend and footer, from the data: actors, conventions, citations."""

from __future__ import annotations

from matplotlib.figure import Figure

from tajikmap.credits import DATA_CREDITS, SWAY_NOTE, article_citation
from tajikmap.dataset import Dataset
from tajikmap.imagelegend import draw_legend, footer, legend_handles
from tajikmap.imagestyle import LAYOUTS
from tajikmap.looks import legend


def _labels(dataset: Dataset, year: int, region: str | None) -> list[str]:
    return [
        " ".join(str(h.get_label()).split()) for h in legend_handles(dataset, year, region, LAYOUTS["page"])
    ]


def test_each_actor_comes_first_with_its_regions(dataset: Dataset) -> None:
    labels = _labels(dataset, 1997, None)
    entries = legend(dataset, 1997)
    for label, entry in zip(labels, entries, strict=False):
        assert label.startswith(f"{entry.label}: ") and all(name in label for name in entry.regions)


def test_conventions_follow_what_the_map_shows(dataset: Dataset) -> None:
    plain = _labels(dataset, 2021, None)
    selected = _labels(dataset, 2021, "panjshir")
    assert plain[-1] == "Town (GeoNames)"
    assert not any(label.startswith("Selected:") for label in plain)
    assert f"Selected: {dataset.regions['panjshir'].name}" in selected
    assert len(selected) == len(plain) + 1


def test_the_legend_prints_its_title_and_labels_literally(dataset: Dataset) -> None:
    fig = Figure()
    handles = legend_handles(dataset, 1997, None, LAYOUTS["column"])
    draw_legend(fig, (0, 0, 1, 1), handles, 1997, LAYOUTS["column"])
    (legend_box,) = [ax.get_legend() for ax in fig.axes]
    title, *note = legend_box.get_title().get_text().split("\n")
    assert title == "Who holds sway, 1997"
    assert " ".join(note) == SWAY_NOTE  # sway is said to be an approximation on the print too
    assert all(t.get_parse_math() is False for t in legend_box.get_texts())


def test_the_footer_cites_the_years_article_and_credits_the_data(dataset: Dataset) -> None:
    text = " ".join(footer(dataset, 2021, LAYOUTS["page"]).split())
    for source in dataset.source_for_year(2021):
        assert f"Source: {article_citation(source)}" in text
    assert " ".join(DATA_CREDITS.split()) in text
    assert not any(s.year == 1997 and s.title in text for s in dataset.sources.values())
