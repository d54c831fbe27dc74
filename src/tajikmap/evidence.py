"""Check what the articles assert against the project's geodata.

Each :class:`Evidence` pairs an article's claim (a cited fact) with a figure
computed here from ``geodata/`` with pyproj's geodesic functions — never typed
in — plus the method and its caveat.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import shapely

from tajikmap import measure
from tajikmap.dataset import Dataset

# Published figures that are not in the articles, kept apart and labelled as such.
CITED_BORDER_KM = (1344.0, 1357.0)
CITED_BORDER_NOTE = (
    "The Tajik-Afghan border is usually given as about 1,344-1,357 km; that figure is not from the articles."
)


@dataclass(frozen=True)
class Evidence:
    id: str
    title: str
    regions: tuple[str, ...]
    years: tuple[int, ...]
    fact_id: str
    claim: str
    measured: float
    unit: str
    measured_text: str
    method: str
    caveat: str

    @property
    def headline(self) -> str:
        if self.unit == "km":
            return f"{self.measured:,.0f} km"
        return f"{self.measured:.0f}%"


Measure = Literal["length", "share", "distance"]


@dataclass(frozen=True)
class Spec:
    """One claim to check: which layers to measure, how, and the words around the figure.

    ``measured_text`` is a format string over ``km`` (length, distance) or ``pct``,
    ``part`` and ``whole`` (share: the layers' area as a part of Tajikistan's).
    """

    id: str
    title: str
    regions: tuple[str, ...]
    years: tuple[int, ...]
    fact_id: str
    claim: str
    measure: Measure
    layers: tuple[str, ...]
    measured_text: str
    method: str
    caveat: str


APPROX_NOTE = "The east and Kulyab regions are approximate reconstructions (see About)."
_DUSHANBE_1997 = Spec(
    id="dushanbe-distance",
    title="How close is Dushanbe to the Afghan border? (1997 article)",
    regions=("dushanbe", "tajikistan", "tj-af-border"),
    years=(1997,),
    fact_id="f97-few-troops-in-dushanbe",
    claim="In 1997 most Russian troops guarded the Afghan border rather than Dushanbe.",
    measure="distance",
    layers=("dushanbe-city", "tj-af-border"),
    measured_text="{km:,.0f} km from Dushanbe (GeoNames point) to the nearest point of the border",
    method="Geodesic distance (pyproj.Geod) from the city point to the nearest point of the border line.",
    caveat="A straight-line distance.",
)
SPECS = (
    Spec(
        id="border-length",
        title="How long is the Tajik–Afghan border?",
        regions=("tj-af-border",),
        years=(1997, 2021),
        fact_id="f97-troops-on-border",
        claim="The 1997 article puts the border with Afghanistan at 1,000 km.",
        measure="length",
        layers=("tj-af-border",),
        measured_text="{km:,.0f} km measured on the map's border line",
        method="Geodesic length on the WGS84 ellipsoid (pyproj.Geod) of the shared edge "
        "of the Tajik and Afghan outlines (Natural Earth 1:10m).",
        caveat="Generalised 1:10m lines straighten the Panj's meanders, so this is an "
        f"underestimate. {CITED_BORDER_NOTE} Either way, the article's 1,000 km is a "
        "round figure well below the measured length.",
    ),
    Spec(
        id="east-share",
        title="How vast were the opposition's eastern provinces?",
        regions=("east",),
        years=(1997,),
        fact_id="f97-east-opposition-sway",
        claim="The 1997 article calls the eastern provinces under the opposition's sway vast.",
        measure="share",
        layers=("east",),
        measured_text="{pct:.0f}% of Tajikistan's area ({part:,.0f} of {whole:,.0f} km²)",
        method="Geodesic areas (pyproj.Geod) of the east region and of Tajikistan.",
        caveat=APPROX_NOTE,
    ),
    Spec(
        id="slim-portion",
        title="How slim was the president's portion?",
        regions=("dushanbe", "kulyab"),
        years=(1997,),
        fact_id="f97-slim-portion-president",
        claim="The 1997 article says only a very slim portion, Dushanbe and Kulyab, "
        "was left to the president.",
        measure="share",
        layers=("dushanbe", "kulyab"),
        measured_text="{pct:.0f}% of Tajikistan's area ({part:,.0f} of {whole:,.0f} km²)",
        method="Geodesic areas (pyproj.Geod) of Dushanbe plus Kulyab, and of Tajikistan.",
        caveat=APPROX_NOTE + " Area says nothing about population or wealth.",
    ),
    Spec(
        id="panjshir-distance",
        title="How far is Panjshir from Tajikistan?",
        regions=("panjshir",),
        years=(2021,),
        fact_id="f21-rumoured-aid-nrf",
        claim="The 2021 article reports rumours that Tajikistan aids the resistance in Panjshir.",
        measure="distance",
        layers=("panjshir", "tajikistan"),
        measured_text="{km:,.0f} km from Panjshir's edge to the Tajik border, in a straight line",
        method="Geodesic distance (pyproj.Geod) between the nearest points of the "
        "Panjshir and Tajikistan polygons.",
        caveat="A straight line across the Hindu Kush; any route on the ground is longer.",
    ),
    # One measurement, two claims: each year's card cites that year's article.
    _DUSHANBE_1997,
    replace(
        _DUSHANBE_1997,
        id="dushanbe-distance-2021",
        title="How close is Dushanbe to the Afghan border? (2021 article)",
        years=(2021,),
        fact_id="f21-20000-to-border",
        claim="In 2021 Tajikistan sent 20,000 soldiers to the Afghan border.",
    ),
)


def _measure(spec: Spec, dataset: Dataset) -> tuple[float, str]:
    """The figure for ``spec`` (km or % of Tajikistan) and its sentence."""
    geoms = [dataset.geodata.layers[lid].geometry for lid in spec.layers]
    if spec.measure == "length":
        km = measure.geodesic_length_km(shapely.union_all(geoms))
        return km, spec.measured_text.format(km=km)
    if spec.measure == "distance":
        km = measure.geodesic_distance_km(geoms[0], geoms[1])
        return km, spec.measured_text.format(km=km)
    part = measure.geodesic_area_km2(shapely.union_all(geoms))
    whole = measure.geodesic_area_km2(dataset.geodata.layers["tajikistan"].geometry)
    pct = 100.0 * part / whole
    return pct, spec.measured_text.format(pct=pct, part=part, whole=whole)


def compute_evidence(dataset: Dataset, specs: tuple[Spec, ...] = SPECS) -> list[Evidence]:
    """Each spec measured on the geodata; a spec citing a fact the data lacks is an error."""
    fact_ids = {f.id for f in dataset.facts}
    out: list[Evidence] = []
    for spec in specs:
        if spec.fact_id not in fact_ids:
            raise KeyError(f"evidence {spec.id} cites unknown fact {spec.fact_id}")
        value, text = _measure(spec, dataset)
        unit = "km" if spec.measure != "share" else "% of Tajikistan"
        out.append(
            Evidence(
                id=spec.id,
                title=spec.title,
                regions=spec.regions,
                years=spec.years,
                fact_id=spec.fact_id,
                claim=spec.claim,
                measured=value,
                unit=unit,
                measured_text=text,
                method=spec.method,
                caveat=spec.caveat,
            )
        )
    return out


def evidence_for(evidence: list[Evidence], region_id: str, year: int) -> list[Evidence]:
    return [e for e in evidence if region_id in e.regions and year in e.years]
