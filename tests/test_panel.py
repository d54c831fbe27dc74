"""The Map panel's content: what a region shows, in which words, escaped."""

from __future__ import annotations

import re
from dataclasses import replace

from tajikmap.dataset import Dataset
from tajikmap.evidence import compute_evidence
from tajikmap.models import Background
from tajikmap.panel import (
    OVERVIEW_LABEL,
    REPORTED_BADGE,
    SAID_BADGE,
    fact_card,
    overview,
    region_label,
    region_panel,
)
from tajikmap.present import BACKGROUND_LABEL, according_to, escape_markdown, fact_date_label


def test_overview_names_the_source_and_counts_the_facts(dataset: Dataset) -> None:
    text = overview(dataset, 2021)
    assert text.startswith('<div class="prose"><h2>Tajikistan in 2021</h2><p>')  # h2, under the page title
    assert (
        "From <em>Why Tajikistan Is Taking a Stand Against the Taliban</em> by Temur Umarov, 1 November 2021."
        in text
    )
    # The dating method folds away, after the date in plain words.
    assert "<details><summary>How the article is dated</summary>" in overview(dataset, 1997)
    assert ", August 1997 (inferred).</p><details>" in overview(dataset, 1997)
    assert f"<p>{len(dataset.facts_in(2021))} facts." in text


def test_overview_escapes_the_sources_text(dataset: Dataset) -> None:
    src = dataset.source_for_year(2021)[0]
    hostile = src.model_copy(
        update={"title": "<img src=x onerror=alert(1)>", "author": "A & <b>B</b>", "dating": "<script>"}
    )
    text = overview(replace(dataset, sources={**dataset.sources, src.id: hostile}), 2021)
    assert "<img" not in text and "<b>" not in text and "<script>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "A &amp; &lt;b&gt;B&lt;/b&gt;" in text


def test_region_labels(dataset: Dataset) -> None:
    assert region_label(dataset, None) == OVERVIEW_LABEL
    assert region_label(dataset, "panjshir") == dataset.regions["panjshir"].name


def test_a_region_panel_holds_role_evidence_and_every_fact(dataset: Dataset) -> None:
    panel = region_panel(dataset, compute_evidence(dataset), "panjshir", 2021)
    assert panel.heading == "Panjshir"
    assert panel.role == f"**2021:** {escape_markdown(dataset.regions['panjshir'].years[2021].role)}"
    assert len(panel.evidence) == 1 and "### " in panel.evidence[0].body
    facts = dataset.facts_for("panjshir", 2021)
    assert len(panel.facts) == len(facts) > 1
    assert panel.facts_heading == f"**{len(facts)} facts**"
    assert panel.method is None  # Panjshir's boundary is exact
    east = region_panel(dataset, compute_evidence(dataset), "east", 1997)
    assert east.method == escape_markdown(dataset.geodata.layers["east"].method)


def test_one_fact_is_singular(dataset: Dataset) -> None:
    regions = [(r, y) for r in dataset.regions for y in dataset.years() if len(dataset.facts_for(r, y)) == 1]
    rid, year = regions[0]
    assert region_panel(dataset, [], rid, year).facts_heading == "**1 fact**"


def test_badges_dates_and_speakers(dataset: Dataset) -> None:
    reported = next(f for f in dataset.facts if f.status == "reported" and not f.claimed_by)
    said = next(f for f in dataset.facts if f.status != "reported" and f.claimed_by)
    inferred = next(f for f in dataset.facts if f.date_inferred)
    card = fact_card(dataset, reported)
    assert card.statement.startswith(f":{REPORTED_BADGE}-badge[reported] ")
    assert "according to" not in card.statement
    card = fact_card(dataset, said)
    assert card.statement.startswith(f":{SAID_BADGE}-badge[{said.status}] ")
    assert card.statement.endswith(f" — *{escape_markdown(according_to(said, dataset))}*")
    assert f"Date: {escape_markdown(fact_date_label(inferred))}" in fact_card(dataset, inferred).details
    assert fact_date_label(inferred).endswith(" (inferred)")


def test_background_items_are_labelled_with_their_basis(dataset: Dataset) -> None:
    fact = dataset.facts_for("panjshir", 2021)[0]
    extra = Background(text="Outside knowledge", basis="a reference work", regions=["panjshir"])
    card = fact_card(dataset, fact.model_copy(update={"background": [extra]}))
    assert card.details.endswith(f"**{BACKGROUND_LABEL}:** Outside knowledge *(basis: a reference work)*")


def test_hostile_text_is_escaped(dataset: Dataset) -> None:
    payload = "<img src=x>[link](javascript:alert(1)) :red[x] $x$"
    region = dataset.regions["panjshir"]
    evil = replace(
        dataset, regions={**dataset.regions, "panjshir": region.model_copy(update={"name": payload})}
    )
    panel = region_panel(evil, [], "panjshir", 2021)
    assert panel.heading == escape_markdown(payload)
    assert re.search(r"(?<!\\)[\[\]<>:$()]", panel.heading) is None  # each one backslashed
