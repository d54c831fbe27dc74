"""Display text for facts: figures, citations, markdown escaping."""

from __future__ import annotations

import pytest

from tajikmap.dataset import Dataset
from tajikmap.models import Figure
from tajikmap.present import citation_label, escape_markdown, fact_record, format_figure


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
