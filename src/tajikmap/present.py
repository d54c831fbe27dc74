"""Turn facts into display text for the panel and tables (no UI imports)."""

from __future__ import annotations

import re
from typing import Any

from tajikmap.dataset import Dataset
from tajikmap.models import Fact, Figure

STATUS_LABELS = {
    "reported": "reported",
    "claimed": "claim",
    "disputed": "disputed",
    "denied": "denial",
    "rumoured": "rumour",
    "estimated": "estimate",
    "promised": "promise",
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown (and Streamlit's :color[] / $math$) syntax."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def format_number(value: float) -> str:
    if value >= 1_000_000 and value % 1_000_000 == 0:
        return f"{value / 1_000_000:g} million"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


def format_figure(fig: Figure) -> str:
    """'up to 100,000 refugees', '1,344–1,357 km', 'over 46 % …'."""
    number = format_number(fig.value)
    if fig.qualifier == "range" and fig.value_high is not None:
        number = f"{number}–{format_number(fig.value_high)}"
    elif fig.qualifier != "exact":
        number = f"{fig.qualifier} {number}"
    unit = fig.unit
    sep = "" if unit.startswith("%") else " "
    if unit == "USD":
        return f"{fig.qualifier + ' ' if fig.qualifier != 'exact' else ''}${format_number(fig.value)}"
    return f"{number}{sep}{unit}"


def citation_label(fact: Fact, dataset: Dataset) -> str:
    source = dataset.sources[fact.citation.source]
    return f"{source.title} ({source.year}), ¶{fact.citation.paragraph}"


def who_says(fact: Fact, dataset: Dataset) -> str:
    return ", ".join(dataset.actors[a].name for a in fact.claimed_by)


def fact_record(fact: Fact, dataset: Dataset) -> dict[str, Any]:
    """A flat row for tables and downloads."""
    return {
        "id": fact.id,
        "year": fact.year,
        "date": fact.date,
        "date_precision": fact.date_precision,
        "regions": ", ".join(dataset.regions[r].name for r in fact.regions),
        "region_ids": ", ".join(fact.regions),
        "category": fact.category,
        "status": fact.status,
        "statement": fact.statement,
        "figures": "; ".join(f"{format_figure(f)} ({f.kind})" for f in fact.figures),
        "actors": ", ".join(dataset.actors[a].name for a in fact.actors),
        "claimed_by": who_says(fact, dataset),
        "citation": citation_label(fact, dataset),
        "key_phrase": fact.citation.key_phrase,
        "note": fact.note or "",
    }
