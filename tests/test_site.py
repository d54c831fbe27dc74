"""The static reader's site: self-contained, escaped, built from the package's own files."""

from __future__ import annotations

import json
import re
import tomllib
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

import pytest

from tajikmap import cli
from tajikmap.dataset import Dataset
from tajikmap.paths import ROOT
from tajikmap.site import ASSETS, PAGE_NAME, site_files, site_page, site_script, write_site

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
    code = site_script()  # site.js and the town-name placement it shares with the Map
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code
    assert "textContent" in code


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
