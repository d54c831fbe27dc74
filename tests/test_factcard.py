"""Fact cards: the data's status words, who says so, background, inferred dates, escaping."""

from __future__ import annotations

from tajikmap.dataset import Dataset
from tajikmap.factcard import STATUS_MEANING, fact_card, status_badge, status_legend
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
    first = card.body.splitlines()[0]
    assert first.startswith(":orange-badge[rumour] Rumours persisted")
    assert "according to" in first
    assert "¶" in card.details and "Panjshir" in card.details


def test_card_marks_inferred_dates_and_background(dataset: Dataset) -> None:
    inferred = next(f for f in dataset.facts if f.date_inferred)
    assert "\\(inferred\\)" in fact_card(inferred, dataset).details
    item = Background(text="Kulyab lies in today's Khatlon.", basis="1990s oblast maps")
    with_bg = dataset.facts[0].model_copy(update={"background": [item]})
    details = fact_card(with_bg, dataset).details
    assert f"**{BACKGROUND_LABEL}:** Kulyab lies in today's Khatlon\\. (basis: 1990s oblast maps)" in details
    assert BACKGROUND_LABEL not in fact_card(dataset.facts[0], dataset).details


def test_card_figures(dataset: Dataset) -> None:
    fact = next(f for f in dataset.facts if f.id == "f97-russia-20000-troops")
    assert "**20,000 troops** · Russian troops in Tajikistan (reported)" in fact_card(fact, dataset).body


def test_card_escapes_data_text(dataset: Dataset) -> None:
    fact = dataset.facts[0].model_copy(update={"statement": "<b>x</b> [a](javascript:1) :red[y]"})
    body = fact_card(fact, dataset).body
    assert "<b>" not in body and "](javascript" not in body and ":red[" not in body
    assert "\\<b\\>x\\</b\\>" in body
