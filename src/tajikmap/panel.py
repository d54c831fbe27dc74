"""What the Map page's side panel says: the overview of a year, or one region's
role, measurements and facts. Plain dataclasses whose text fields are Markdown
(the overview: HTML) with every data text escaped, so the page only draws them.

The presentation rules live here: which lines a fact shows, its badge colour,
plurals, the "Background, not from the article" items.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tajikmap.credits import source_date
from tajikmap.dataset import Dataset
from tajikmap.evidence import Evidence, evidence_for
from tajikmap.mapwords import region_title
from tajikmap.models import Fact
from tajikmap.present import (
    BACKGROUND_LABEL,
    DATING_LABEL,
    FactView,
    background_text,
    escape_markdown,
    fact_view,
    plural,
)

OVERVIEW_LABEL = "Overview (no region)"
# What the article reports itself reads quietly; anything a speaker says stands out.
REPORTED_BADGE = "gray"
SAID_BADGE = "orange"

md = escape_markdown


@dataclass(frozen=True)
class EvidenceCard:
    body: str  # title, headline figure, "measured from the map's geodata"
    caption: str  # claim, measured text, caveat


@dataclass(frozen=True)
class FactCard:
    figures: tuple[str, ...]  # each "### figure" over its label and kind
    statement: str  # status badge, statement, "according to …"
    details: str  # actors, date, source, note, background: one line each


@dataclass(frozen=True)
class RegionPanel:
    heading: str
    also: str | None
    role: str
    background: str | None
    method: str | None  # how an approximate boundary was drawn
    evidence: tuple[EvidenceCard, ...]
    facts_heading: str
    facts: tuple[FactCard, ...]


def region_label(dataset: Dataset, region_id: str | None) -> str:
    """A choice of the Region list: the overview or the region's name."""
    return OVERVIEW_LABEL if region_id is None else dataset.regions[region_id].name


def overview(dataset: Dataset, year: int) -> str:
    """The panel with no region selected, as HTML: where the year's facts come from.

    One HTML block, not a heading and paragraphs in Markdown: each element is more
    work for the browser on the first view and on every year switch, and Markdown
    elements most of all (each runs a Markdown pipeline of its own).
    """
    parts = [f'<div class="prose"><h2>Tajikistan in {year}</h2>']  # h2: under the page's h1 title
    for src in dataset.source_for_year(year):
        by = f" by {html.escape(src.author)}" if src.author else ""
        # The date first, in plain words; how it was worked out folds away (it is method).
        when = html.escape(source_date(src))
        parts.append(
            f"<p>From <em>{html.escape(src.title)}</em>{by}, {when}.</p>"
            f"<details><summary>{DATING_LABEL}</summary><p>{html.escape(src.dating)}</p></details>"
        )
    parts.append(
        f"<p>{plural(len(dataset.facts_in(year)), 'fact')}. Click a region on the map, or pick one in "
        "the <strong>Region</strong> list, to see what the article says about it.</p></div>"
    )
    return "".join(parts)


def evidence_card(ev: Evidence) -> EvidenceCard:
    # Markdown, not st.metric: the metric widget makes a first click fetch and
    # parse several more frontend bundles (charting included).
    return EvidenceCard(
        body=f"**{md(ev.title)}**\n### {md(ev.headline)}\nmeasured from the map's geodata",
        caption=f"{md(ev.claim)}  \n{md(ev.measured_text)}.  \n{md(ev.caveat)}",
    )


def fact_card(dataset: Dataset, fact: Fact) -> FactCard:
    return view_card(fact_view(fact, dataset))


def view_card(fv: FactView) -> FactCard:
    """A fact as a card (the Map's panel and Compare's columns draw the same)."""
    badge = REPORTED_BADGE if fv.status == "reported" else SAID_BADGE
    said = f" — *{md(fv.according_to)}*" if fv.according_to else ""
    details = [f"Actors: {md(fv.actors)}"] if fv.actors else []
    details += [f"Date: {md(fv.date)}", f"Source: {md(fv.citation)}"]
    if fv.note:
        details.append(f"Note: {md(fv.note)}")
    details += [f"**{BACKGROUND_LABEL}:** {md(text)} *(basis: {md(basis)})*" for text, basis in fv.background]
    return FactCard(
        figures=tuple(f"### {md(figure)}\n{md(label)} · *{kind}*" for figure, label, kind in fv.figures),
        statement=f":{badge}-badge[{fv.status}] {md(fv.statement)}{said}",
        details="  \n".join(details),
    )


def region_panel(dataset: Dataset, evidence: list[Evidence], region_id: str, year: int) -> RegionPanel:
    """Everything the panel shows for ``region_id`` in ``year`` (a region of that year)."""
    region = dataset.regions[region_id]
    layer = dataset.geodata.layers[region_id]
    entry = region.years[year]
    facts = dataset.facts_for(region_id, year)
    return RegionPanel(
        heading=md(region_title(region)),
        also="Also: " + md(", ".join(region.alt_names)) if region.alt_names else None,
        role=f"**{year}:** {md(entry.role)}",
        background=f"**{BACKGROUND_LABEL}:** {md(background_text(entry.background))}"
        if entry.background
        else None,
        method=md(layer.method) if layer.approximate else None,
        evidence=tuple(evidence_card(ev) for ev in evidence_for(evidence, region_id, year)),
        facts_heading=f"**{plural(len(facts), 'fact')}**",
        facts=tuple(fact_card(dataset, f) for f in facts),
    )
