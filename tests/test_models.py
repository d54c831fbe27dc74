"""The data schema: what it refuses, in words a data author can act on."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tajikmap.models import Actor, Fact, Figure, numbers_in

FACT: dict[str, Any] = {
    "id": "f97-x",
    "year": 1997,
    "date": "1997-08",
    "date_precision": "month",
    "regions": ["kulyab"],
    "category": "military",
    "statement": "Something happened.",
    "status": "reported",
    "citation": {"source": "war-widens-cracks-1997", "paragraph": 1, "key_phrase": "something"},
}


def _errors(model: type, data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return str(info.value)


def test_a_minimal_fact_is_valid_and_frozen() -> None:
    fact = Fact.model_validate(FACT)
    assert fact.claimed_by == [] and fact.background == [] and not fact.date_inferred
    with pytest.raises(ValidationError):
        fact.statement = "changed"  # type: ignore[misc]


def test_unknown_fields_are_refused() -> None:
    assert "Extra inputs are not permitted" in _errors(Fact, {**FACT, "colour": "red"})


def test_a_date_must_match_its_precision() -> None:
    assert "does not match precision 'day'" in _errors(Fact, {**FACT, "date_precision": "day"})


def test_anything_but_a_report_names_who_says_so() -> None:
    assert "needs claimed_by" in _errors(Fact, {**FACT, "status": "rumour"})
    assert Fact.model_validate({**FACT, "status": "rumour", "claimed_by": ["taliban"]}).status == "rumour"


def test_a_range_needs_its_upper_end() -> None:
    figure = {"value": 1, "unit": "km", "kind": "reported", "label": "x"}
    assert "value_high is required" in _errors(Figure, {**figure, "qualifier": "range"})
    assert "value_high is required" in _errors(Figure, {**figure, "value_high": 2.0})


def test_colours_are_hex() -> None:
    assert "String should match pattern" in _errors(Actor, {"id": "a", "name": "A", "color": "red"})


def test_numbers_in_reads_digits_millions_and_small_words() -> None:
    assert numbers_in("1,344 km, 1.5 million people, twice") == {1344.0, 1.5, 1_500_000.0, 2.0}
    assert numbers_in("no figures here") == set()
