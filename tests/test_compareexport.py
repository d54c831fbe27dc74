"""The compare export: one offline HTML file, escaped, written whole or not at all."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tajikmap.compare import changes, compare_panel
from tajikmap.compareexport import export_compare_html, main, panel_html, write_compare_html
from tajikmap.comparemap import LEGEND_POSITION
from tajikmap.dataset import Dataset
from tajikmap.looks import escape_html
from tajikmap.mapview import focus_bounds
from tajikmap.present import BACKGROUND_LABEL
from tajikmap.resources import script_source

PAIR = (1997, 2021)


def _data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="tajikmap-data">(.*?)</script>', html, re.S)
    assert match
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_the_file_needs_nothing_from_outside(dataset: Dataset) -> None:
    html = export_compare_html(dataset, PAIR)
    # Links may point out (Leaflet's credit does); nothing may be loaded from there.
    assert not re.search(r"""src\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"""<link[^>]+href\s*=\s*["']?(https?:)?//""", html)
    assert "_syncMaps" in html and "window.tajikmapYearLook = function" in html and "map-second" in html


def test_the_maps_are_framed_and_drawn_as_on_the_page(dataset: Dataset) -> None:
    html = export_compare_html(dataset, PAIR)
    data = _data(html)
    (south, west), (north, east) = focus_bounds(dataset)
    assert data["bounds"] == [[south, west], [north, east]]
    assert data["legendPosition"] == LEGEND_POSITION
    places = script_source("town_label_places.js")
    assert f"window.tajikmapTownLabelPlaces = {places};" in html


def test_every_region_of_either_year_has_its_two_columns(dataset: Dataset) -> None:
    data = _data(export_compare_html(dataset, PAIR, "kulyab"))
    panels = data["panels"]
    assert isinstance(panels, dict) and set(panels) == set(changes(dataset, PAIR))
    kulyab = panels["kulyab"]
    assert "<h3>1997</h3>" in kulyab and "<h3>2021</h3>" in kulyab
    assert escape_html(dataset.regions["kulyab"].years[1997].role) in kulyab
    assert escape_html(dataset.regions["tajikistan"].years[2021].role) in kulyab
    assert data["selected"] == "kulyab" and data["years"] == [1997, 2021]


def test_a_facts_background_shows_apart(dataset: Dataset) -> None:
    html = panel_html(compare_panel(dataset, "southwest", PAIR))
    items = [b for f in dataset.facts_for("southwest", 1997) for b in f.background]
    assert items
    for item in items:
        assert f"<b>{BACKGROUND_LABEL}:</b> {escape_html(item.text)}" in html
        assert f"(basis: {escape_html(item.basis)})" in html


def test_hostile_text_stays_text(dataset: Dataset) -> None:
    payload = "</script><img src=x onerror=alert(1)>`${x}`"
    region = dataset.regions["kulyab"]
    evil = replace(
        dataset, regions={**dataset.regions, "kulyab": region.model_copy(update={"name": payload})}
    )
    html = export_compare_html(evil, PAIR, "kulyab")
    assert "<img src=x" not in html and "</script><img" not in html
    assert "&lt;img src=x" in panel_html(compare_panel(evil, "kulyab", PAIR))


@pytest.mark.parametrize(("years", "region"), [((1997, 1997), None), ((1997, 1888), None), (PAIR, "mars")])
def test_bad_requests_are_refused(dataset: Dataset, years: tuple[int, int], region: str | None) -> None:
    with pytest.raises(ValueError):
        export_compare_html(dataset, years, region)


def test_a_failed_export_leaves_no_file(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "cmp.html"
    with pytest.raises(ValueError):
        write_compare_html(dataset, PAIR, "mars", out)
    assert list(tmp_path.iterdir()) == []
    write_compare_html(dataset, PAIR, None, out)
    assert [p.name for p in tmp_path.iterdir()] == ["cmp.html"]


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.html"
    assert main(["--compare", "2021,1997", "--region", "kulyab", "--out", str(out)]) == 0
    assert out.stat().st_size > 100_000
    assert main(["--compare", "1997,1997", "--out", str(tmp_path / "bad.html")]) == 1
    err = capsys.readouterr().err
    assert "two different years" in err and "1997,1997" not in err
    assert not (tmp_path / "bad.html").exists()
