"""Load and check the built layers in ``geodata/`` (no geopandas needed at run time)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from tajikmap.problems import DataError, Problem

# Each layer file holds the features of one kind; the build writes them, the app reads them.
KIND_OF_FILE = {
    "regions.geojson": "region",
    "context.geojson": "context",
    "border.geojson": "border",
    "towns.geojson": "town",
}
LAYER_FILES = tuple(KIND_OF_FILE)
PROVENANCE_FILE = "provenance.json"
KINDS = tuple(KIND_OF_FILE.values())
# Everything we draw lies in this lon/lat box; a coordinate outside it is most
# often a (lat, lon) pair written the wrong way round.
FRAME = (59.0, 28.0, 81.0, 45.0)
# The sides of its dot a town's name may sit on (css/town_label_places.css has one rule per side).
LABEL_SIDES = ("right", "left", "top", "bottom")


@dataclass(frozen=True)
class Layer:
    id: str
    kind: str
    name: str
    alt_names: tuple[str, ...]
    approximate: bool
    method: str
    geometry: BaseGeometry = field(repr=False)
    feature: Mapping[str, Any] = field(repr=False)

    @property
    def properties(self) -> Mapping[str, Any]:
        props: Mapping[str, Any] = self.feature["properties"]
        return props


@dataclass(frozen=True)
class Geodata:
    layers: Mapping[str, Layer]
    provenance: Mapping[str, Any]

    def of_kind(self, kind: str) -> list[Layer]:
        return [layer for layer in self.layers.values() if layer.kind == kind]


def _check_geometry(geom: BaseGeometry, where: str, problems: list[Problem], path: Path) -> None:
    if geom.is_empty:
        problems.append(Problem(str(path), where, "geometry", "is empty"))
        return
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        problems.append(Problem(str(path), where, "geometry", f"is invalid: {reason}"))
    minx, miny, maxx, maxy = geom.bounds
    fx0, fy0, fx1, fy1 = FRAME
    if not (fx0 <= minx and maxx <= fx1 and fy0 <= miny and maxy <= fy1):
        hint = ""
        if fy0 <= minx <= fy1 and fx0 <= miny <= fx1:
            hint = " (looks like (lat, lon); GeoJSON wants (lon, lat))"
        problems.append(
            Problem(
                str(path),
                where,
                "geometry",
                f"bounds {tuple(round(b, 3) for b in geom.bounds)} fall outside the map frame {FRAME}{hint}",
            )
        )


def load_geodata(geodata_dir: Path) -> Geodata:
    """Read every layer file; raise :class:`DataError` listing every problem found."""
    problems: list[Problem] = []
    layers: dict[str, Layer] = {}
    for filename in LAYER_FILES:
        path = geodata_dir / filename
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problems.append(Problem(str(path), "-", "file", "is missing; run python -m tajikmap.geobuild"))
            continue
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(Problem(str(path), "-", "file", f"is not valid GeoJSON: {exc}"))
            continue
        features = collection.get("features") if isinstance(collection, dict) else None
        if not isinstance(features, list):
            problems.append(Problem(str(path), "-", "features", "is not a list of features"))
            continue
        for index, feature in enumerate(features):
            layer = _layer(feature, path, index, problems)
            if layer is None:
                continue
            if layer.id in layers:
                problems.append(Problem(str(path), layer.id, "id", "is used twice"))
                continue
            layers[layer.id] = layer
    provenance: Mapping[str, Any] = {}
    prov_path = geodata_dir / PROVENANCE_FILE
    try:
        provenance = json.loads(prov_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        problems.append(Problem(str(prov_path), "-", "file", f"cannot be read: {exc}"))
    if problems:
        raise DataError(problems)
    return Geodata(layers=layers, provenance=provenance)


def _layer(feature: Any, path: Path, index: int, problems: list[Problem]) -> Layer | None:
    where = f"feature {index}"
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict) or not isinstance(props.get("id"), str):
        problems.append(Problem(str(path), where, "properties.id", "is missing"))
        return None
    where = props["id"]
    if props.get("kind") not in KINDS:
        problems.append(Problem(str(path), where, "properties.kind", f"must be one of {', '.join(KINDS)}"))
        return None
    try:
        geom = shape(feature["geometry"])
    except Exception as exc:  # shapely raises several types for malformed GeoJSON
        problems.append(Problem(str(path), where, "geometry", f"cannot be read: {exc}"))
        return None
    _check_geometry(geom, where, problems, path)
    if props["kind"] == "town" and props.get("label", "right") not in LABEL_SIDES:
        sides = ", ".join(LABEL_SIDES)
        problems.append(Problem(str(path), where, "properties.label", f"must be one of {sides}"))
    return Layer(
        id=props["id"],
        kind=props["kind"],
        name=str(props.get("name", props["id"])),
        alt_names=tuple(str(n) for n in props.get("alt_names", [])),
        approximate=bool(props.get("approximate", False)),
        method=str(props.get("method", "")),
        geometry=geom,
        feature=feature,
    )
