"""The served geometry file: its contents, its content address, how it is written."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from tajikmap.dataset import Dataset
from tajikmap.geometry import geometry_filename, geometry_payload, install_geometry
from tajikmap.looks import escape_html


def test_payload_holds_every_drawn_layer(dataset: Dataset) -> None:
    data = json.loads(geometry_payload(dataset))
    region_ids = {f["properties"]["id"] for f in data["regions"]}
    assert {"kulyab", "tajikistan", "panjshir", "tj-af-border"} <= region_ids
    assert {f["properties"]["id"] for f in data["context"]} >= {"china", "kyrgyzstan"}
    assert all("context: no facts" in f["properties"]["tooltip"] for f in data["context"])
    assert [f["properties"]["id"] for f in data["regions"]][-1] == "tj-af-border"  # drawn over


def test_towns_travel_in_the_payload(dataset: Dataset) -> None:
    towns = {t["name"]: t for t in json.loads(geometry_payload(dataset))["towns"]}
    assert {"Dushanbe", "Kulob", "Khorugh"} <= set(towns)
    assert 37 < towns["Khorugh"]["lat"] < 38 and 71 < towns["Khorugh"]["lon"] < 72


def test_hostile_town_names_are_escaped(dataset: Dataset) -> None:
    payload = "<img src=x onerror=alert(1)>"
    layers = {
        lid: replace(layer, name=payload) if layer.kind == "town" else layer
        for lid, layer in dataset.geodata.layers.items()
    }
    evil = replace(dataset, geodata=replace(dataset.geodata, layers=layers))
    served = geometry_payload(evil)
    assert "<img" not in served and escape_html(payload) in json.loads(served)["towns"][0]["name"]


def test_the_file_name_follows_the_content(dataset: Dataset) -> None:
    payload = geometry_payload(dataset)
    name = geometry_filename(payload)
    assert re.fullmatch(r"geometry-[0-9a-f]{16}\.json", name)
    data = json.loads(payload)
    data["towns"] = data["towns"][1:]
    assert geometry_filename(json.dumps(data, separators=(",", ":"), sort_keys=True)) != name
    assert geometry_payload(replace(dataset, display={})) != payload  # other drawn shapes, other file


def test_install_geometry_writes_the_served_file_once(dataset: Dataset, tmp_path: Path) -> None:
    url = install_geometry(dataset, tmp_path)
    name = geometry_filename(geometry_payload(dataset))
    target = tmp_path / "tajikmap" / name
    assert url == f"../../app/static/tajikmap/{name}"
    assert target.read_text(encoding="utf-8") == geometry_payload(dataset)
    stamp = target.stat().st_mtime_ns
    assert install_geometry(dataset, tmp_path) == url
    assert target.stat().st_mtime_ns == stamp  # left alone, not rewritten
    assert [p.name for p in target.parent.iterdir()] == [name]  # no .part left behind
