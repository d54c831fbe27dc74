"""Dated events for the timeline, each with the interval its date really covers.

A month is not a day: "1997-08" spans the whole of August, "1992" the whole
year, and an approximate date is widened by a month on each side.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from datetime import date, timedelta

from tajikmap.dataset import Dataset
from tajikmap.models import DatePrecision
from tajikmap.present import citation_label, date_label


@dataclass(frozen=True)
class TimelineEvent:
    fact_id: str
    title: str
    year: int  # the snapshot (article) year the event belongs to
    date: str
    precision: DatePrecision
    inferred: bool
    date_label: str  # as a reader sees it, inferred dates marked
    start: dt.date
    end: dt.date
    expected: bool
    regions: tuple[str, ...]
    region_names: str
    citation: str
    statement: str


def date_interval(text: str, precision: DatePrecision) -> tuple[date, date]:
    """First and last day a date of this precision can mean."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        start, end = date(parts[0], 1, 1), date(parts[0], 12, 31)
    elif len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        start, end = date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    else:
        start = end = date(parts[0], parts[1], parts[2])
    if precision == "approximate":
        start, end = start - timedelta(days=31), end + timedelta(days=31)
    return start, end


def timeline_events(dataset: Dataset) -> list[TimelineEvent]:
    out: list[TimelineEvent] = []
    for fact in dataset.facts:
        if fact.event is None:
            continue
        when, precision = fact.event_date
        start, end = date_interval(when, precision)
        out.append(
            TimelineEvent(
                fact_id=fact.id,
                title=fact.event.title,
                year=fact.year,
                date=when,
                precision=precision,
                inferred=fact.event_date_inferred,
                date_label=date_label(when, precision, fact.event_date_inferred),
                start=start,
                end=end,
                expected=fact.event.expected,
                regions=tuple(fact.regions),
                region_names=", ".join(dataset.regions[r].name for r in fact.regions),
                citation=citation_label(fact, dataset),
                statement=fact.statement,
            )
        )
    return sorted(out, key=lambda e: (e.start, e.end, e.fact_id))
