"""Exports: the reader's page as one HTML file, and data files that round-trip."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import geopandas as gpd
import pytest

from tajikmap import cli
from tajikmap.assets import LEAFLET_VERSION
from tajikmap.dataset import Dataset
from tajikmap.export import export_csv, export_geojson, export_html, export_json


@pytest.fixture(scope="module")
def html(dataset: Dataset) -> str:
    return export_html(dataset, 2021, "panjshir")


def test_html_loads_nothing_from_elsewhere(html: str) -> None:
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?(https?:)?//", html)
    assert f"Leaflet {LEAFLET_VERSION}, a JS library for interactive maps" in html  # inlined, not linked
    assert "data:image/png;base64," in html  # Leaflet's images, inlined


def test_html_has_both_years_and_the_facts(html: str, dataset: Dataset) -> None:
    block = re.search(r'<script type="application/json" id="tajikmap-data">(.*?)</script>', html, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert set(data["byYear"]) == {"1997", "2021"}
    panjshir = next(r for r in data["byYear"]["2021"]["regions"] if r["id"] == "panjshir")
    assert any("98% of Panjshir's inhabitants" in f["statement"] for f in panjshir["facts"])


def test_html_shows_one_legend_for_the_year_shown(html: str) -> None:
    assert html.count('class="legend-title"') == 1
    assert "Who holds sway, 2021" in html and "Who holds sway, 1997" not in html


def test_bad_view_is_refused(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="no layer in 2021"):
        export_html(dataset, 2021, "kulyab")
    with pytest.raises(ValueError, match="not in the data"):
        export_html(dataset, 1900)


def test_geojson_round_trips_through_geopandas(dataset: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "regions.geojson"
    path.write_text(export_geojson(dataset), encoding="utf-8")
    frame = gpd.read_file(path)
    assert set(frame["id"]) == set(dataset.regions)
    assert frame.crs.to_epsg() == 4326
    panjshir = json.loads(path.read_text())["features"]
    facts = next(f for f in panjshir if f["properties"]["id"] == "panjshir")["properties"]["facts"]
    assert len(facts["2021"]) == len(dataset.facts_for("panjshir", 2021))


def test_csv_and_json_hold_every_fact(dataset: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(dataset))))
    assert len(rows) == len(dataset.facts) == len(json.loads(export_json(dataset)))
    assert {"statement", "citation", "status"} <= set(rows[0])


def test_cli_export_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("html", "geojson", "csv", "json", "gpkg", "png"):
        out = tmp_path / f"x.{fmt}"
        assert cli.main(["export", "--year", "2021", "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 1000
    gpkg = gpd.read_file(tmp_path / "x.gpkg", layer="regions")
    assert "panjshir" in set(gpkg["id"])
    assert (
        cli.main(["export", "--year", "2021", "--region", "kulyab", "--out", str(tmp_path / "bad.html")]) == 1
    )
    assert "no layer in 2021" in capsys.readouterr().err
