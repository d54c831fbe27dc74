"""Timeline events keep their date precision."""

from __future__ import annotations

from datetime import date

import pytest

from tajikmap.dataset import Dataset
from tajikmap.timeline import date_interval, timeline_events


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
