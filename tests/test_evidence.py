"""Claims vs measurement: figures recomputed independently from the GeoJSON files."""

from __future__ import annotations

import json

import pytest
import shapely
import shapely.ops
from pyproj import Geod
from shapely.geometry import shape

from tajikmap.dataset import Dataset
from tajikmap.evidence import compute_evidence, evidence_for
from tajikmap.paths import GEODATA_DIR

GEOD = Geod(ellps="WGS84")


def _geom(filename: str, fid: str) -> shapely.Geometry:
    fc = json.loads((GEODATA_DIR / filename).read_text(encoding="utf-8"))
    return shape(next(f for f in fc["features"] if f["properties"]["id"] == fid)["geometry"])


def _area(geom: shapely.Geometry) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


@pytest.fixture(scope="module")
def evidence(dataset: Dataset) -> dict[str, object]:
    return {e.id: e for e in compute_evidence(dataset)}


def test_border_length_is_measured_not_typed(evidence: dict, dataset: Dataset) -> None:  # type: ignore[type-arg]
    border = _geom("border.geojson", "tj-af-border")
    assert evidence["border-length"].measured == pytest.approx(GEOD.geometry_length(border) / 1000)
    assert 1100 < evidence["border-length"].measured < 1250
    fact = next(f for f in dataset.facts if f.id == evidence["border-length"].fact_id)
    assert fact.figures[0].value == 1000  # the article's figure, shown beside the measurement


def test_area_shares(evidence: dict) -> None:  # type: ignore[type-arg]
    tj = _area(_geom("regions.geojson", "tajikistan"))
    east = _area(_geom("regions.geojson", "east"))
    slim = _area(_geom("regions.geojson", "dushanbe")) + _area(_geom("regions.geojson", "kulyab"))
    assert evidence["east-share"].measured == pytest.approx(100 * east / tj, rel=1e-3)
    assert evidence["slim-portion"].measured == pytest.approx(100 * slim / tj, rel=1e-3)
    # The article's words hold up: the east is most of the country, the president's part small.
    assert evidence["east-share"].measured > 50 > 15 > evidence["slim-portion"].measured


def test_distances(evidence: dict) -> None:  # type: ignore[type-arg]
    city = _geom("towns.geojson", "dushanbe-city")
    border = _geom("border.geojson", "tj-af-border")
    nearest = shapely.ops.nearest_points(city, border)[1]
    km = GEOD.inv(city.x, city.y, nearest.x, nearest.y)[2] / 1000
    assert evidence["dushanbe-distance"].measured == pytest.approx(km, rel=1e-6)
    assert 50 < evidence["panjshir-distance"].measured < 300


def test_evidence_for_region_and_year(dataset: Dataset) -> None:
    ev = compute_evidence(dataset)
    assert [e.id for e in evidence_for(ev, "panjshir", 2021)] == ["panjshir-distance"]
    assert evidence_for(ev, "panjshir", 1997) == []
    assert "east-share" in [e.id for e in evidence_for(ev, "east", 1997)]
    assert all(e.caveat and e.method for e in ev)


def test_a_new_claim_is_one_more_spec(dataset: Dataset) -> None:
    from dataclasses import replace

    from tajikmap.evidence import SPECS

    kulyab = replace(SPECS[1], id="kulyab-share", layers=("kulyab",), regions=("kulyab",))
    (ev,) = compute_evidence(dataset, (kulyab,))
    assert ev.measured == pytest.approx(
        100 * _area(_geom("regions.geojson", "kulyab")) / _area(_geom("regions.geojson", "tajikistan"))
    )
    assert ev.measured_text.startswith(f"{ev.measured:.0f}% of Tajikistan's area (")
    with pytest.raises(KeyError, match="evidence kulyab-share cites unknown fact f-none"):
        compute_evidence(dataset, (replace(kulyab, fact_id="f-none"),))


def test_a_claim_names_no_year_but_its_citations(dataset: Dataset) -> None:
    # The Dushanbe card once stated the 2021 article's 20,000 soldiers while citing only
    # the 1997 article: a claim may speak of the cited article's year alone (shown for
    # another year too, as context, it says whose it is).
    from tajikmap.evidence import SPECS

    facts = {f.id: f for f in dataset.facts}
    article_years = {s.year for s in dataset.sources.values()}
    for spec in SPECS:
        cited = facts[spec.fact_id].year
        assert cited in spec.years, spec.id
        assert {y for y in article_years if str(y) in spec.claim} <= {cited}, spec.id
