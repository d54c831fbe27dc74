"""Each built layer's metadata: names from the registry, kind, approximate, method."""

from __future__ import annotations

import yaml

from tajikmap.geolayers import APPROXIMATE, CONTEXT_COUNTRIES, layer_metadata, layer_properties
from tajikmap.paths import DATA_DIR

REGIONS_FILE = DATA_DIR / "regions.yaml"


def test_names_come_from_the_registry_and_context_countries_are_added() -> None:
    meta = layer_metadata(REGIONS_FILE)
    registry = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))["regions"]
    for region in registry:
        assert meta[region["id"]]["name"] == region["name"]
    assert meta["china"] == {"name": "China", "alt_names": []}
    assert set(meta) == {r["id"] for r in registry} | {cid for cid, _ in CONTEXT_COUNTRIES.values()}


def test_each_layer_knows_its_kind_and_how_it_was_drawn() -> None:
    meta = layer_metadata(REGIONS_FILE)
    kinds = {
        rid: layer_properties(rid, meta[rid])["kind"]
        for rid in ("tj-af-border", "china", "uzbekistan", "kulyab")
    }
    assert kinds == {"tj-af-border": "border", "china": "context", "uzbekistan": "region", "kulyab": "region"}
    kulyab = layer_properties("kulyab", meta["kulyab"])
    assert kulyab["approximate"] and kulyab["method"] == APPROXIMATE["kulyab"]
    dushanbe = layer_properties("dushanbe", meta["dushanbe"])
    assert not dushanbe["approximate"] and "TJK-5491" in dushanbe["method"]
