"""Dated events for the timeline, each with the interval its date really covers.

A month is not a day: "1997-08" spans the whole of August, "1992" the whole
year, and an approximate date is widened by a month on each side. Events fall
into eras (runs of events with no long silence between them) found from the
dates themselves, so a new article needs no code change.
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
    source: str  # the article's id (one colour per article on the page)
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
                source=fact.citation.source,
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


ERA_GAP_YEARS = 5


@dataclass(frozen=True)
class Era:
    """A run of events with no gap longer than the era gap between them."""

    label: str  # "1991–1997", "2021"
    start: dt.date
    end: dt.date
    events: tuple[TimelineEvent, ...]


def _era_label(start: dt.date, end: dt.date) -> str:
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def eras(events: list[TimelineEvent], gap_years: int = ERA_GAP_YEARS) -> list[Era]:
    """Split date-ordered events wherever more than ``gap_years`` pass with none.

    Each era then gets its own stretch of the page, so months in 1997 are not
    squeezed by the decades between the articles.
    """
    ordered = sorted(events, key=lambda e: (e.start, e.end, e.fact_id))
    groups: list[list[TimelineEvent]] = []
    latest: dt.date | None = None
    for event in ordered:
        if latest is None or (event.start - latest).days > gap_years * 365.25:
            groups.append([])
        groups[-1].append(event)
        latest = event.end if latest is None else max(latest, event.end)
    out = []
    for group in groups:
        start, end = group[0].start, max(e.end for e in group)
        out.append(Era(label=_era_label(start, end), start=start, end=end, events=tuple(group)))
    return out


def gap_before(previous: TimelineEvent | None, event: TimelineEvent) -> str:
    """'about 3 years later' between events far apart in one era; '' when under about a year."""
    if previous is None:
        return ""
    years = round((event.start - previous.end).days / 365.25)
    if years < 1:
        return ""
    return f"about {years} year{'s' if years != 1 else ''} later"


def article_order(events: list[TimelineEvent], dataset: Dataset) -> list[str]:
    """The articles with events, by year: index i gets the page's i-th colour."""
    used = {e.source for e in events}
    return sorted(used, key=lambda sid: (dataset.sources[sid].year, sid))
