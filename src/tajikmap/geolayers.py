"""What each layer of the built geodata says about itself: its name (from the
region registry), kind (region, context, border, town), whether it is
approximate, and the method that drew it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from tajikmap.geoinputs import load_yaml

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


@dataclass(frozen=True)
class Feature:
    id: str
    geometry: BaseGeometry
    properties: Mapping[str, Any]


def layer_metadata(regions_file: Path) -> dict[str, dict[str, Any]]:
    """Names of every layer: regions from the project's region registry, plus context."""
    data = load_yaml(regions_file)
    meta: dict[str, dict[str, Any]] = {}
    for region in data["regions"]:
        meta[region["id"]] = {"name": region["name"], "alt_names": region.get("alt_names", [])}
    for cid, name in CONTEXT_COUNTRIES.values():
        meta.setdefault(cid, {"name": name, "alt_names": []})
    return meta


def layer_properties(rid: str, meta: Mapping[str, Any]) -> dict[str, Any]:
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
