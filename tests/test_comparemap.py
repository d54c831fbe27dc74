"""Compare mode's maps, checked as objects and as rendered HTML (no browser)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from tajikmap.compare import CHANGE_COLORS, drawn_changes
from tajikmap.comparemap import (
    asset_url,
    build_change_layer,
    build_pair_layer,
    build_pair_map,
    change_legend,
    change_looks,
    change_summary,
    clicked_compare_region,
    install_compare_assets,
)
from tajikmap.dataset import Dataset
from tajikmap.elements import YearLook

GEOMETRY = "../../app/static/tajikmap/g.json"
PAIR = (1997, 2021)
VENDOR = files("tajikmap") / "vendor" / "leaflet.sync"


def _render(dataset: Dataset, selected: str | None = None) -> str:
    fmap = build_pair_map(dataset, geometry_url=GEOMETRY)
    build_pair_layer(dataset, PAIR, selected).add_to(fmap)
    return fmap.get_root().render()


def test_the_pair_map_loads_the_plugin_and_script_from_the_app(dataset: Dataset) -> None:
    html = _render(dataset)
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert all(src.startswith("../../app/static/") for src in sources), sources
    assert any("tajikmap-compare/L.Map.Sync.js?v=" in src for src in sources)
    assert sources.index(asset_url("L.Map.Sync.js")) < sources.index(asset_url("compare.js"))
    # streamlit-folium gives its second map slot a size only if the script names it.
    assert "map_div2" in html


def test_each_map_gets_its_own_year(dataset: Dataset) -> None:
    first, second = build_pair_layer(dataset, PAIR, None)._children.values()
    assert isinstance(first, YearLook) and isinstance(second, YearLook)
    assert (first.options["registry"], second.options["registry"]) == ("tajikmap", "tajikmap2")
    assert (first.options["label"], second.options["label"]) == ("1997", "2021")
    looks1 = dict(first.options["looks"])
    looks2 = dict(second.options["looks"])
    assert looks1["kulyab"]["mode"] == "active" and looks2["kulyab"]["mode"] == "hidden"
    assert looks2["panjshir"]["mode"] == "active" and looks1["panjshir"]["mode"] == "inactive"


def test_the_plugin_is_the_one_recorded(dataset: Dataset) -> None:
    record = json.loads((VENDOR / "PROVENANCE.json").read_text(encoding="utf-8"))
    assert record["name"] == "leaflet.sync" and record["version"] == "0.2.4"
    assert record["integrity"].startswith("sha512-") and len(base64.b64decode(record["integrity"][7:])) == 64
    for name, digest in record["files"].items():
        assert digest == "sha256:" + hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
    assert "Redistribution and use" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_install_copies_once_and_urls_follow_content(tmp_path: Path) -> None:
    written = install_compare_assets(tmp_path)
    assert {p.name for p in written} == {"L.Map.Sync.js", "LICENSE-leaflet.sync", "compare.js", "compare.css"}
    assert install_compare_assets(tmp_path) == []
    served = (tmp_path / "tajikmap-compare" / "compare.js").read_bytes()
    assert asset_url("compare.js").endswith("?v=" + hashlib.sha256(served).hexdigest()[:12])
    (tmp_path / "tajikmap-compare" / "compare.js").write_text("stale", encoding="utf-8")
    assert [p.name for p in install_compare_assets(tmp_path)] == ["compare.js"]


def test_change_map_colours_each_region_by_its_kind(dataset: Dataset) -> None:
    looks = change_looks(dataset, PAIR)
    for rid, kind in drawn_changes(dataset, PAIR).items():
        assert looks[rid].style["fillColor"] == CHANGE_COLORS[kind]
    assert looks["tajikistan"].mode == "hidden"  # drawn through its parts
    assert "Russia and its troops in both years" in (looks["tj-af-border"].tooltip or "")


def test_change_legend_lists_the_kinds_present(dataset: Dataset) -> None:
    entries = change_legend(dataset, PAIR)
    assert [e.actor_id for e in entries] == ["same", "new", "only-second"]
    assert "Panjshir" in next(e for e in entries if e.actor_id == "only-second").regions
    (apply,) = build_change_layer(dataset, PAIR, "kulyab")._children.values()
    assert isinstance(apply, YearLook) and "only in 2021" in apply.options["legendBody"]
    selected = dict(apply.options["looks"])["kulyab"]
    assert selected["style"]["weight"] == 4 and list(dict(apply.options["looks"]))[-1] == "kulyab"


def test_change_summary_lists_each_kind_with_its_regions_escaped(dataset: Dataset) -> None:
    text = change_summary(dataset, PAIR)
    assert text.startswith('<div class="prose"><h3>What changed from 1997 to 2021</h3><ul><li>')
    assert text.count("<li>") == len(change_legend(dataset, PAIR))
    evil = replace(
        dataset,
        regions={
            **dataset.regions,
            "panjshir": dataset.regions["panjshir"].model_copy(update={"name": "<b>P</b>"}),
        },
    )
    text = change_summary(evil, PAIR)
    assert "<b>P</b>" not in text and "&lt;b&gt;P&lt;/b&gt;" in text


def test_hostile_names_are_escaped_on_both_maps(dataset: Dataset) -> None:
    payload = "</script><img src=x onerror=alert(1)>`${x}`"
    region = dataset.regions["kulyab"]
    actor = dataset.actors["rahmon"]
    evil = replace(
        dataset,
        regions={**dataset.regions, "kulyab": region.model_copy(update={"name": payload})},
        actors={**dataset.actors, "rahmon": actor.model_copy(update={"name": payload})},
    )
    html = _render(evil, "kulyab")
    fmap = build_pair_map(evil, geometry_url=GEOMETRY)
    build_change_layer(evil, PAIR, None).add_to(fmap)
    html += fmap.get_root().render()
    assert "</script><img" not in html and "<img src=x" not in html and "${x}" not in html


def test_a_click_selects_a_region_either_year_covers(dataset: Dataset) -> None:
    def feature(rid: str) -> dict[str, object]:
        return {"type": "Feature", "properties": {"id": rid}}

    assert clicked_compare_region(feature("kulyab"), dataset, PAIR) == "kulyab"
    assert clicked_compare_region(feature("panjshir"), dataset, PAIR) == "panjshir"
    assert clicked_compare_region(feature("nowhere"), dataset, PAIR) is None
    assert clicked_compare_region({"properties": "x"}, dataset, PAIR) is None
    assert clicked_compare_region(None, dataset, PAIR) is None
