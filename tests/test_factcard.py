"""Fact cards: the data's status words, who says so, background, inferred dates, escaping."""

from __future__ import annotations

from dataclasses import replace

from tajikmap.dataset import Dataset
from tajikmap.factcard import STATUS_MEANING, fact_card, fact_cards_html, status_badge, status_legend
from tajikmap.models import STATUSES, Background
from tajikmap.present import BACKGROUND_LABEL


def test_every_status_has_a_meaning_and_a_badge() -> None:
    assert tuple(STATUS_MEANING) == STATUSES
    assert status_badge("reported") == ":gray-badge[reported]"
    assert status_badge("rumour") == ":orange-badge[rumour]"
    legend = status_legend(list(STATUSES))
    assert legend.count("-badge[") == len(STATUSES) and "claimed" not in legend


def test_card_leads_with_status_statement_and_speaker(dataset: Dataset) -> None:
    fact = next(f for f in dataset.facts if f.id == "f21-rumoured-aid-nrf")
    card = fact_card(fact, dataset)
    first = card.body.split("<br>")[0]
    assert first.startswith('<span class="fact-badge fact-badge-other">rumour</span> Rumours persisted')
    assert "according to" in first
    assert "¶" in card.details and "Panjshir" in card.details


def test_card_marks_inferred_dates_and_background(dataset: Dataset) -> None:
    inferred = next(f for f in dataset.facts if f.date_inferred)
    assert "(inferred)" in fact_card(inferred, dataset).details
    item = Background(text="Kulyab lies in today's Khatlon.", basis="1990s oblast maps")
    with_bg = dataset.facts[0].model_copy(update={"background": [item]})
    details = fact_card(with_bg, dataset).details
    assert (
        f"<strong>{BACKGROUND_LABEL}:</strong> Kulyab lies in today&#x27;s Khatlon. "
        "(basis: 1990s oblast maps)" in details
    )
    assert BACKGROUND_LABEL not in fact_card(dataset.facts[0], dataset).details


def test_card_figures(dataset: Dataset) -> None:
    fact = next(f for f in dataset.facts if f.id == "f97-russia-20000-troops")
    assert (
        "<strong>20,000 troops</strong> · Russian troops in Tajikistan (reported)"
        in fact_card(fact, dataset).body
    )


def test_card_escapes_data_text(dataset: Dataset) -> None:
    fact = dataset.facts[0].model_copy(update={"statement": '<b>x</b> <img src=x onerror="alert(1)"> & co'})
    card = fact_card(fact, dataset)
    assert "<b>" not in card.html and "<img" not in card.html
    assert "&lt;b&gt;x&lt;/b&gt; &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in card.body
    hostile_id = fact.model_copy(update={"id": 'x" onmouseover="alert(1)'})
    assert 'id="fact-x&quot; onmouseover=&quot;alert(1)"' in fact_card(hostile_id, dataset).html


def test_every_data_string_on_a_card_is_escaped(dataset: Dataset) -> None:
    # Speaker and actor names, region names, the source's title, figures, note, background.
    evil = "<img src=x onerror=alert(1)>"
    fact = next(f for f in dataset.facts if f.figures and f.claimed_by)
    poisoned = replace(
        dataset,
        actors={k: a.model_copy(update={"name": evil}) for k, a in dataset.actors.items()},
        regions={k: r.model_copy(update={"name": evil}) for k, r in dataset.regions.items()},
        sources={k: src.model_copy(update={"title": evil}) for k, src in dataset.sources.items()},
    )
    figures = [fig.model_copy(update={"unit": evil, "label": evil}) for fig in fact.figures]
    hostile = fact.model_copy(
        update={"figures": figures, "note": evil, "background": [Background(text=evil, basis=evil)]}
    )
    card = fact_card(hostile, poisoned)
    assert "<img" not in card.html
    # Each field is there, escaped: speaker, figure, note, background, regions, source, actors.
    assert card.html.count("&lt;img src=x onerror=alert(1)&gt;") >= 8


def test_cards_come_with_their_rules_in_one_block(dataset: Dataset) -> None:
    cards = [fact_card(f, dataset) for f in dataset.facts[:3]]
    block = fact_cards_html(cards)
    assert block.startswith("<style>") and ".fact-card {" in block and ".fact-badge-other" in block
    assert block.count('<article class="fact-card"') == 3
    assert block.index(cards[0].id) < block.index(cards[2].id)  # in the order given
