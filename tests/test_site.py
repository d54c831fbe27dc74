"""The static reader's site: self-contained, escaped, built from the package's own files."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

import pytest

from tajikmap import cli
from tajikmap.dataset import Dataset
from tajikmap.models import Background
from tajikmap.paths import ROOT
from tajikmap.present import BACKGROUND_LABEL, according_to, citation_label, fact_date_label, format_figure
from tajikmap.site import ASSETS, PAGE_NAME, fact_json, site_data, site_files, site_page, write_site

OUTSIDE_URL = re.compile(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", re.I)
HOSTILE = "</script><script>alert(1)</script><!-- ${x} `"


def _data_block(page: str) -> str:
    match = re.search(r'<script type="application/json" id="tajikmap-data">(.*?)</script>', page, re.S)
    assert match is not None
    return match.group(1)


def _hostile(dataset: Dataset) -> Dataset:
    region = dataset.regions["kulyab"]
    return Dataset(
        sources=dataset.sources,
        actors=dataset.actors,
        regions={**dataset.regions, "kulyab": region.model_copy(update={"name": HOSTILE})},
        facts=dataset.facts,
        geodata=dataset.geodata,
        display=dataset.display,
    )


def test_one_file_page_loads_nothing_from_elsewhere(dataset: Dataset) -> None:
    page = site_page(dataset, 2021, "panjshir")
    assert not OUTSIDE_URL.search(page)
    assert "L.version" in page or "Leaflet" in page
    data = json.loads(_data_block(page))
    assert data["initial"] == {"year": 2021, "region": "panjshir"}
    assert set(data["byYear"]) == {"1997", "2021"}  # both years, one legend each


def test_hostile_text_cannot_end_the_data_block(dataset: Dataset) -> None:
    page = site_page(_hostile(dataset), 1997)
    block = _data_block(page)
    assert "</" not in block and "<!--" not in block
    regions = json.loads(block)["byYear"]["1997"]["regions"]
    assert HOSTILE in [r["name"] for r in regions]  # the text itself survives, unchanged
    assert page.count("<script>alert(1)") == 0


def test_script_never_writes_html() -> None:
    code = resources.files("tajikmap").joinpath(ASSETS, "site.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code
    assert "textContent" in code


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


def test_bad_view_is_refused(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="no layer in 2021"):
        site_page(dataset, 2021, "kulyab")
    with pytest.raises(ValueError, match="not in the data"):
        site_page(dataset, 1900)


def test_site_files_reference_each_other(dataset: Dataset, tmp_path: Path) -> None:
    page = write_site(dataset, tmp_path / "out")
    names = sorted(p.name for p in page.parent.iterdir())
    assert PAGE_NAME in names and not any(n.endswith(".part") for n in names)
    html = page.read_text(encoding="utf-8")
    match = re.search(r'<script data-scripts="([^"]+)">', html)
    assert match is not None
    scripts = match.group(1).split()
    assert sorted([*scripts, PAGE_NAME]) == names
    assert not OUTSIDE_URL.search(html)
    assert set(site_files(dataset)) == set(names)


def test_package_data_ships_every_asset() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    files = [p.name for p in resources.files("tajikmap").joinpath(ASSETS).iterdir() if p.is_file()]
    assert {"page.html", "site.js", "site.css", "loader.js"} <= set(files)
    for name in files:
        assert any(fnmatch(f"{ASSETS}/{name}", pat) for pat in patterns["tajikmap"]), name


def test_cli_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["site", "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / PAGE_NAME).exists()
    assert "static host" in capsys.readouterr().out
