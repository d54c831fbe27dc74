"""The article a draft starts from: read safely, its year checked, its printed date used."""

from __future__ import annotations

from pathlib import Path

import pytest

from tajikmap.dating import RefDate
from tajikmap.draftsource import DraftError, check_year, known_years, read_article, reference_date
from tajikmap.paths import DATA_DIR


def test_an_article_is_read_as_utf8_text(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Headline\n\nA paragraph about Dushanbe, long enough to be one.\n", encoding="utf-8")
    assert "Dushanbe" in read_article(good)
    with pytest.raises(DraftError, match=r"missing\.txt: cannot be read"):
        read_article(tmp_path / "missing.txt")


def test_the_data_knows_its_years() -> None:
    assert known_years(DATA_DIR) == {1997, 2021}


def test_a_year_must_be_in_the_data_on_the_page_or_in_the_text() -> None:
    check_year(2021, DATA_DIR, [], [])  # a source of the data has it
    check_year(2024, DATA_DIR, [{"date": "2024-03-05", "kind": "printed date"}], [])
    check_year(2024, DATA_DIR, [], ["Elections are due in 2024."])
    with pytest.raises(DraftError, match=r"year 2042 is unknown.*years found: 1997, 2021, 2024"):
        check_year(2042, DATA_DIR, [], ["Elections are due in 2024."])


def test_relative_dates_resolve_against_the_fullest_printed_date() -> None:
    printed = [
        {"date": "2021-11", "kind": "printed date", "from": "November 2021"},
        {"date": "2021-11-01", "kind": "printed date", "from": "1 November 2021"},
        {"date": "2023-01-02", "kind": "page stamp", "from": "printed 2 Jan 2023"},
    ]
    ref, why = reference_date(2021, printed)
    assert ref == RefDate(2021, 11, 1) and "1 November 2021" in why
    ref, why = reference_date(1997, printed)
    assert ref == RefDate(1997) and "no date of 1997 printed" in why
