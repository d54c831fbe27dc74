"""The committed layers: valid, (lon, lat), partitioned, small, and measured right."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import shape

from tajikmap import measure
from tajikmap.geodata import LAYER_FILES
from tajikmap.paths import GEODATA_DIR

SIX = ["dushanbe", "kulyab", "southwest", "east", "north", "west"]


def _features(filename: str) -> list[dict]:  # type: ignore[type-arg]
    return json.loads((GEODATA_DIR / filename).read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def geoms() -> dict[str, shapely.Geometry]:
    return {f["properties"]["id"]: shape(f["geometry"]) for n in LAYER_FILES for f in _features(n)}


@pytest.mark.parametrize("filename", LAYER_FILES)
def test_layer_file_is_valid_lon_lat(filename: str) -> None:
    features = _features(filename)
    assert features
    for f in features:
        geom = shape(f["geometry"])
        assert geom.is_valid, (f["properties"]["id"], shapely.is_valid_reason(geom))
        minx, miny, maxx, maxy = geom.bounds
        # Tajikistan and its neighbours: lon 60-80 E, lat 29-44 N; swapped pairs fail here.
        assert minx >= 59 and maxx <= 81 and miny >= 28 and maxy <= 45, f["properties"]["id"]
        props = f["properties"]
        assert {"id", "name", "kind", "approximate", "method"} <= set(props)
        assert props["method"]


def test_ids_are_unique_across_files() -> None:
    ids = [f["properties"]["id"] for n in LAYER_FILES for f in _features(n)]
    assert len(ids) == len(set(ids))


def test_six_regions_partition_tajikistan(geoms: dict[str, shapely.Geometry]) -> None:
    whole = geoms["tajikistan"]
    union = shapely.union_all([geoms[r] for r in SIX])
    gap = shapely.symmetric_difference(union, whole).area / whole.area
    overlap = (
        sum(geoms[a].intersection(geoms[b]).area for i, a in enumerate(SIX) for b in SIX[i + 1 :])
        / whole.area
    )
    assert gap < 0.002 and overlap < 0.002


def test_panjshir_is_cut_out_of_afghanistan(geoms: dict[str, shapely.Geometry]) -> None:
    overlap = geoms["panjshir"].intersection(geoms["afghanistan"]).area
    assert overlap / geoms["panjshir"].area < 0.002
    assert geoms["afghanistan"].touches(geoms["panjshir"]) or overlap > 0


def test_towns_fall_in_their_regions(geoms: dict[str, shapely.Geometry]) -> None:
    expect = {
        "kulob": "kulyab",
        "bokhtar": "southwest",
        "khujand": "north",
        "khorugh": "east",
        "garm": "east",
        "tursunzoda": "west",
        "dushanbe-city": "dushanbe",
        "bazarak": "panjshir",
        "kabul": "afghanistan",
    }
    for town, region in expect.items():
        assert geoms[region].contains(geoms[town]), (town, region)


def test_approximate_regions_are_flagged() -> None:
    flags = {f["properties"]["id"]: f["properties"]["approximate"] for f in _features("regions.geojson")}
    assert {r for r, a in flags.items() if a} == {"kulyab", "southwest", "east", "west"}


def test_border_length_matches_a_fresh_measurement(geoms: dict[str, shapely.Geometry]) -> None:
    (border,) = _features("border.geojson")
    fresh = measure.geodesic_length_km(shape(border["geometry"]))
    assert border["properties"]["length_km"] == pytest.approx(fresh, abs=0.05)
    assert "1,344" in border["properties"]["caveat"]
    # The border is exactly the shared edge of the committed outlines.
    shared = shapely.intersection(
        geoms["tajikistan"].boundary, shapely.union_all([geoms["afghanistan"], geoms["panjshir"]]).boundary
    )
    assert measure.geodesic_length_km(shared) == pytest.approx(fresh, rel=0.001)


def test_simplification_stays_within_one_percent() -> None:
    prov = json.loads((GEODATA_DIR / "provenance.json").read_text(encoding="utf-8"))
    fig = prov["figures"]
    tj = shape(
        next(f for f in _features("regions.geojson") if f["properties"]["id"] == "tajikistan")["geometry"]
    )
    area = measure.geodesic_area_km2(tj)
    assert area == pytest.approx(fig["tajikistan_area_km2"], abs=0.1)
    assert area == pytest.approx(fig["tajikistan_area_km2_unsimplified"], rel=0.01)
    assert fig["border_km"] == pytest.approx(fig["border_km_unsimplified"], rel=0.01)


def test_geodata_is_small() -> None:
    total = sum(p.stat().st_size for p in GEODATA_DIR.iterdir() if p.is_file())
    assert total < 250_000, total


def test_provenance_hashes_match_files() -> None:
    import hashlib

    prov = json.loads((GEODATA_DIR / "provenance.json").read_text(encoding="utf-8"))
    for name, digest in prov["files_sha256"].items():
        assert hashlib.sha256((GEODATA_DIR / name).read_bytes()).hexdigest() == digest, name
