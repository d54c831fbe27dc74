"""Check what the articles assert against the project's geodata.

Each :class:`Evidence` pairs an article's claim (a cited fact) with a figure
computed here from ``geodata/`` with pyproj's geodesic functions — never typed
in — plus the method and its caveat.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _share(part: float, whole: float) -> float:
    return 100.0 * part / whole


def compute_evidence(dataset: Dataset) -> list[Evidence]:
    layers = dataset.geodata.layers
    facts = {f.id: f for f in dataset.facts}
    tj = layers["tajikistan"].geometry
    tj_area = measure.geodesic_area_km2(tj)
    border = layers["tj-af-border"].geometry
    border_km = measure.geodesic_length_km(border)
    approx_note = "The east and Kulyab regions are approximate reconstructions (see About)."
    out: list[Evidence] = []

    out.append(
        Evidence(
            id="border-length",
            title="How long is the Tajik–Afghan border?",
            regions=("tj-af-border",),
            years=(1997, 2021),
            fact_id="f97-troops-on-border",
            claim="The 1997 article puts the border with Afghanistan at 1,000 km.",
            measured=border_km,
            unit="km",
            measured_text=f"{border_km:,.0f} km measured on the map's border line",
            method="Geodesic length on the WGS84 ellipsoid (pyproj.Geod) of the shared edge "
            "of the Tajik and Afghan outlines (Natural Earth 1:10m).",
            caveat="Generalised 1:10m lines straighten the Panj's meanders, so this is an "
            f"underestimate. {CITED_BORDER_NOTE} Either way, the article's 1,000 km is a "
            "round figure well below the measured length.",
        )
    )

    east_area = measure.geodesic_area_km2(layers["east"].geometry)
    out.append(
        Evidence(
            id="east-share",
            title="How vast were the opposition's eastern provinces?",
            regions=("east",),
            years=(1997,),
            fact_id="f97-east-opposition-sway",
            claim="The 1997 article calls the eastern provinces under the opposition's sway vast.",
            measured=_share(east_area, tj_area),
            unit="% of Tajikistan",
            measured_text=f"{_share(east_area, tj_area):.0f}% of Tajikistan's area "
            f"({east_area:,.0f} of {tj_area:,.0f} km²)",
            method="Geodesic areas (pyproj.Geod) of the east region and of Tajikistan.",
            caveat=approx_note,
        )
    )

    slim = shapely.union_all([layers["dushanbe"].geometry, layers["kulyab"].geometry])
    slim_area = measure.geodesic_area_km2(slim)
    out.append(
        Evidence(
            id="slim-portion",
            title="How slim was the president's portion?",
            regions=("dushanbe", "kulyab"),
            years=(1997,),
            fact_id="f97-slim-portion-president",
            claim="The 1997 article says only a very slim portion, Dushanbe and Kulyab, "
            "was left to the president.",
            measured=_share(slim_area, tj_area),
            unit="% of Tajikistan",
            measured_text=f"{_share(slim_area, tj_area):.0f}% of Tajikistan's area "
            f"({slim_area:,.0f} of {tj_area:,.0f} km²)",
            method="Geodesic areas (pyproj.Geod) of Dushanbe plus Kulyab, and of Tajikistan.",
            caveat=approx_note + " Area says nothing about population or wealth.",
        )
    )

    panjshir_km = measure.geodesic_distance_km(layers["panjshir"].geometry, tj)
    out.append(
        Evidence(
            id="panjshir-distance",
            title="How far is Panjshir from Tajikistan?",
            regions=("panjshir",),
            years=(2021,),
            fact_id="f21-rumoured-aid-nrf",
            claim="The 2021 article reports rumours that Tajikistan aids the resistance in Panjshir.",
            measured=panjshir_km,
            unit="km",
            measured_text=f"{panjshir_km:,.0f} km from Panjshir's edge to the Tajik border, "
            "in a straight line",
            method="Geodesic distance (pyproj.Geod) between the nearest points of the "
            "Panjshir and Tajikistan polygons.",
            caveat="A straight line across the Hindu Kush; any route on the ground is longer.",
        )
    )

    city = layers["dushanbe-city"].geometry
    dushanbe_km = measure.geodesic_distance_km(city, border)
    out.append(
        Evidence(
            id="dushanbe-distance",
            title="How close is Dushanbe to the Afghan border?",
            regions=("dushanbe", "tajikistan", "tj-af-border"),
            years=(1997, 2021),
            fact_id="f97-few-troops-in-dushanbe",
            claim="Context for both articles: in 1997 most Russian troops guarded the Afghan "
            "border rather than Dushanbe; in 2021 Tajikistan sent 20,000 soldiers there.",
            measured=dushanbe_km,
            unit="km",
            measured_text=f"{dushanbe_km:,.0f} km from Dushanbe (GeoNames point) to the "
            "nearest point of the border",
            method="Geodesic distance (pyproj.Geod) from the city point to the nearest point "
            "of the border line.",
            caveat="A straight-line distance.",
        )
    )
    for ev in out:
        if ev.fact_id not in facts:
            raise KeyError(f"evidence {ev.id} cites unknown fact {ev.fact_id}")
    return out


def evidence_for(evidence: list[Evidence], region_id: str, year: int) -> list[Evidence]:
    return [e for e in evidence if region_id in e.regions and year in e.years]
