"""Turn facts into display text for the panel, tables, exports and pages (no UI imports).

Every place that shows a fact goes through :func:`fact_view` (or :func:`fact_record`
for flat rows), so the status word, "according to …", the date (inferred dates marked)
and background knowledge read the same everywhere.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from tajikmap.dataset import Dataset
from tajikmap.models import Background, DatePrecision, Fact, Figure

BACKGROUND_LABEL = "Background, not from the article"
INFERRED_MARK = "inferred"
# What folds away an article's dating (method, not the date itself), wherever it is shown.
DATING_LABEL = "How the article is dated"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown (and Streamlit's :color[] / $math$) syntax."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 fact', '2 facts'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


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


def date_label(date: str, precision: DatePrecision, inferred: bool = False) -> str:
    """'August 1997', '13 October 2021', 'about June 1997', '1992'; '(inferred)' when it is."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        text = f"{parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"
    elif len(parts) == 2:
        text = f"{calendar.month_name[parts[1]]} {parts[0]}"
    else:
        text = str(parts[0])
    if precision == "approximate":
        text = f"about {text}"
    return f"{text} ({INFERRED_MARK})" if inferred else text


def fact_date_label(fact: Fact) -> str:
    return date_label(fact.date, fact.date_precision, fact.date_inferred)


def according_to(fact: Fact, dataset: Dataset) -> str:
    """'according to X, Y' for anything a speaker says; '' for what the article reports itself."""
    if not fact.claimed_by:
        return ""
    return "according to " + who_says(fact, dataset)


def background_text(items: list[Background]) -> str:
    """Background items as one line, each with its basis ('' when there is none)."""
    return " ".join(f"{b.text} (Basis: {b.basis})" for b in items)


@dataclass(frozen=True)
class FactView:
    """A fact as every page and export shows it: plain text, not yet escaped."""

    id: str
    status: str
    statement: str
    according_to: str
    date: str
    figures: tuple[tuple[str, str, str], ...]  # (figure, label, kind)
    actors: str
    citation: str
    note: str
    background: tuple[tuple[str, str], ...]  # (text, basis)


def fact_view(fact: Fact, dataset: Dataset) -> FactView:
    return FactView(
        id=fact.id,
        status=fact.status,
        statement=fact.statement,
        according_to=according_to(fact, dataset),
        date=fact_date_label(fact),
        figures=tuple((format_figure(f), f.label, f.kind) for f in fact.figures),
        actors=", ".join(dataset.actors[a].name for a in fact.actors),
        citation=citation_label(fact, dataset),
        note=fact.note or "",
        background=tuple((b.text, b.basis) for b in fact.background),
    )


def fact_record(fact: Fact, dataset: Dataset) -> dict[str, Any]:
    """A flat row for tables and downloads."""
    return {
        "id": fact.id,
        "year": fact.year,
        "date": fact.date,
        "date_precision": fact.date_precision,
        "date_inferred": fact.date_inferred,
        "date_label": fact_date_label(fact),
        "regions": ", ".join(dataset.regions[r].name for r in fact.regions),
        "region_ids": ", ".join(fact.regions),
        "category": fact.category,
        "status": fact.status,
        "statement": fact.statement,
        "figures": "; ".join(f"{format_figure(f)} ({f.kind})" for f in fact.figures),
        "actors": ", ".join(dataset.actors[a].name for a in fact.actors),
        "claimed_by": who_says(fact, dataset),
        "according_to": according_to(fact, dataset),
        "citation": citation_label(fact, dataset),
        "key_phrase": fact.citation.key_phrase,
        "note": fact.note or "",
        "background": background_text(fact.background),
    }
