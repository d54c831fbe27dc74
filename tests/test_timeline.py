"""Timeline events keep their date precision."""

from __future__ import annotations

from datetime import date

import pytest

from tajikmap.dataset import Dataset
from tajikmap.timeline import TimelineEvent, article_order, date_interval, eras, gap_before, timeline_events


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("1992", "year", date(1992, 1, 1), date(1992, 12, 31)),
        ("2021-02", "month", date(2021, 2, 1), date(2021, 2, 28)),
        ("2021-10-13", "day", date(2021, 10, 13), date(2021, 10, 13)),
        ("1997-06", "approximate", date(1997, 5, 1), date(1997, 7, 31)),
    ],
)
def test_date_interval(text: str, precision: str, start: date, end: date) -> None:
    assert date_interval(text, precision) == (start, end)  # type: ignore[arg-type]


def test_events_cover_what_the_articles_date(dataset: Dataset) -> None:
    events = {e.title: e for e in timeline_events(dataset)}
    paris = next(e for e in events.values() if "Paris" in e.title)
    assert (paris.start, paris.end, paris.precision) == (date(2021, 10, 13),) * 2 + ("day",)
    kabul = next(e for e in events.values() if "Kabul" in e.title)
    assert kabul.precision == "month" and kabul.regions == ("afghanistan",)
    accord = next(e for e in events.values() if "accord" in e.title)
    assert accord.expected and accord.start == date(1997, 9, 1)
    starts = [e.start for e in timeline_events(dataset)]
    assert starts == sorted(starts) and len(starts) >= 12
    assert all(e.citation.endswith(tuple(f"¶{n}" for n in range(1, 21))) for e in events.values())


def test_event_after_source_needs_expected(data_copy) -> None:  # type: ignore[no-untyped-def]
    from tajikmap.dataset import load_dataset
    from tajikmap.problems import DataError

    facts = data_copy / "data" / "facts" / "1997-war-widens-cracks.yaml"
    text = facts.read_text(encoding="utf-8").replace(", expected: true}", "}")
    facts.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="mark a planned event expected: true"):
        load_dataset(data_copy / "data", data_copy / "geodata")


def _event(start: date, end: date, fid: str = "f", source: str = "s") -> TimelineEvent:
    return TimelineEvent(
        fact_id=fid,
        title=fid,
        year=end.year,
        source=source,
        date=str(start.year),
        precision="year",
        inferred=False,
        date_label=str(start.year),
        start=start,
        end=end,
        expected=False,
        regions=("tajikistan",),
        region_names="Tajikistan",
        citation="x, ¶1",
        statement="x",
    )


def test_eras_come_from_the_dates(dataset: Dataset) -> None:
    found = eras(timeline_events(dataset))
    assert [e.label for e in found] == ["1991–1997", "2021"]
    assert sum(len(e.events) for e in found) == len(timeline_events(dataset))
    # An article about 2010 would make its own era, with no code change.
    extra = _event(date(2010, 3, 1), date(2010, 3, 31), "f10")
    labels = [e.label for e in eras([*timeline_events(dataset), extra])]
    assert labels == ["1991–1997", "2010", "2021"]


def test_an_era_gap_is_counted_from_the_latest_end() -> None:
    long = _event(date(2000, 1, 1), date(2009, 12, 31), "long")
    inside = _event(date(2003, 1, 1), date(2003, 1, 31), "inside")
    after = _event(date(2012, 1, 1), date(2012, 1, 31), "after")
    assert [e.label for e in eras([long, inside, after])] == ["2000–2012"]
    assert [e.label for e in eras([long, after], gap_years=1)] == ["2000–2009", "2012"]


def test_gap_before() -> None:
    a = _event(date(1992, 1, 1), date(1992, 12, 31))
    assert gap_before(None, a) == ""
    assert gap_before(a, _event(date(1993, 3, 1), date(1993, 3, 31))) == ""
    assert gap_before(a, _event(date(1994, 1, 1), date(1994, 1, 31))) == "about 1 year later"
    assert gap_before(a, _event(date(1995, 12, 1), date(1996, 3, 2))) == "about 3 years later"


def test_events_know_their_article_and_articles_go_by_year(dataset: Dataset) -> None:
    events = timeline_events(dataset)
    independence = next(e for e in events if "independence" in e.title)
    assert independence.source == "stand-against-taliban-2021" and independence.year == 2021
    assert article_order(events, dataset) == ["war-widens-cracks-1997", "stand-against-taliban-2021"]
