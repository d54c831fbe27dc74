"""Display text for facts: figures, citations, markdown escaping."""

from __future__ import annotations

import pytest

from tajikmap.dataset import Dataset
from tajikmap.models import STATUSES, Background, DatePrecision, Fact, Figure
from tajikmap.present import (
    citation_label,
    date_label,
    escape_markdown,
    fact_record,
    fact_view,
    format_figure,
    plural,
)


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (Figure(value=20000, unit="troops", kind="reported", label="x"), "20,000 troops"),
        (
            Figure(value=100000, unit="refugees", qualifier="up to", kind="promise", label="x"),
            "up to 100,000 refugees",
        ),
        (
            Figure(value=46, unit="% of people", qualifier="over", kind="claim", label="x"),
            "over 46% of people",
        ),
        (
            Figure(value=11_000_000, unit="USD", qualifier="over", kind="reported", label="x"),
            "over $11 million",
        ),
        (
            Figure(value=1344, value_high=1357, unit="km", qualifier="range", kind="estimate", label="x"),
            "1,344–1,357 km",
        ),
        (Figure(value=1.5, unit="%", kind="reported", label="x"), "1.5%"),
    ],
)
def test_format_figure(figure: Figure, expected: str) -> None:
    assert format_figure(figure) == expected


def test_range_needs_high_value() -> None:
    with pytest.raises(ValueError, match="value_high"):
        Figure(value=1, unit="km", qualifier="range", kind="estimate", label="x")


def test_escape_markdown_neutralises_syntax() -> None:
    text = "[link](javascript:alert(1)) **b** :red[x] $x$ <b>"
    out = escape_markdown(text)
    for raw in ("[link]", "**", ":red[", "$x$", "<b>"):
        assert raw not in out


def test_citation_label_and_record(dataset: Dataset) -> None:
    fact = next(f for f in dataset.facts if f.id == "f21-tajik-share-rahmon")
    assert citation_label(fact, dataset) == (
        "Why Tajikistan Is Taking a Stand Against the Taliban (2021), ¶3"
    )
    row = fact_record(fact, dataset)
    assert row["status"] == "disputed" and "over 46%" in row["figures"]
    assert "Rahmon" in row["claimed_by"]


@pytest.mark.parametrize(
    ("date", "precision", "inferred", "expected"),
    [
        ("2021-10-13", "day", False, "13 October 2021"),
        ("1997-08", "month", True, "August 1997 (inferred)"),
        ("1997-06", "approximate", True, "about June 1997 (inferred)"),
        ("1992", "year", False, "1992"),
    ],
)
def test_date_label_marks_precision_and_inference(
    date: str, precision: DatePrecision, inferred: bool, expected: str
) -> None:
    assert date_label(date, precision, inferred) == expected


def test_plural() -> None:
    assert [plural(n, "fact") for n in (0, 1, 2)] == ["0 facts", "1 fact", "2 facts"]


def test_fact_view_names_the_speaker_and_keeps_background_apart(dataset: Dataset) -> None:
    base = next(f for f in dataset.facts if f.year == 1997)
    claim = base.model_copy(
        update={
            "status": "claim",
            "claimed_by": ["foreign-diplomat"],
            "date": "1997-08",
            "date_precision": "month",
            "date_inferred": True,
            "background": [Background(text="Outside knowledge.", basis="A reference work.")],
        }
    )
    view = fact_view(claim, dataset)
    assert view.according_to == "according to " + dataset.actors["foreign-diplomat"].name
    assert view.date == "August 1997 (inferred)"
    assert view.background == (("Outside knowledge.", "A reference work."),)
    assert "Outside knowledge." not in view.statement
    row = fact_record(claim, dataset)
    assert row["according_to"] == view.according_to
    assert row["background"] == "Outside knowledge. (Basis: A reference work.)"
    assert row["date_label"] == "August 1997 (inferred)" and row["date_inferred"] is True


def test_a_reported_fact_has_no_according_to(dataset: Dataset) -> None:
    reported = next(f for f in dataset.facts if f.status == "reported").model_copy(update={"claimed_by": []})
    assert fact_view(reported, dataset).according_to == ""


def test_every_status_but_reported_needs_a_speaker(dataset: Dataset) -> None:
    base = next(f for f in dataset.facts if f.status == "reported").model_dump()
    for status in STATUSES:
        raw = {**base, "status": status, "claimed_by": []}
        if status == "reported":
            Fact.model_validate(raw)
        else:
            with pytest.raises(ValueError, match="needs claimed_by"):
                Fact.model_validate(raw)
