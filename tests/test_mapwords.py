"""The Map page's words: region titles tying old and new names, the year-switch notice."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tajikmap.dataset import Dataset
from tajikmap.mapwords import (
    COMPARE_INTRO,
    MAP_INTRO,
    MAP_TITLE,
    compare_title,
    region_title,
    year_switch_notice,
)
from tajikmap.models import Region


def test_article_name_and_todays_label_show_together(dataset: Dataset) -> None:
    assert region_title(dataset.regions["kulyab"]) == "Kulyab (today's Kulob area)"
    # A name already in brackets gets the label inside them, not a second pair.
    assert region_title(dataset.regions["southwest"]) == "Southwest (Kurgan-Tyube, today's Bokhtar area)"


@pytest.mark.parametrize("today", [None, "Panjshir"])
def test_a_region_without_a_different_label_keeps_its_name(today: str | None) -> None:
    assert region_title(Region(id="panjshir", name="Panjshir", today_label=today)) == "Panjshir"


def test_every_today_label_is_a_town_on_the_map(dataset: Dataset) -> None:
    towns = {t.name for t in dataset.geodata.of_kind("town")}
    labels = {r.today_label for r in dataset.regions.values() if r.today_label}
    assert labels == {"Kulob", "Bokhtar"} and labels <= towns


def test_year_switch_notice_names_the_region_and_the_year(dataset: Dataset) -> None:
    notice = year_switch_notice(dataset, "kulyab", 2021)
    assert notice.startswith("Kulyab \\(today's Kulob area\\)") and "2021" in notice
    assert "overview" in notice


def test_year_switch_notice_escapes_the_name(dataset: Dataset) -> None:
    evil = dataset.regions["kulyab"].model_copy(update={"name": "<b>*x*</b>", "today_label": None})
    ds = replace(dataset, regions={**dataset.regions, "kulyab": evil})
    notice = year_switch_notice(ds, "kulyab", 2021)
    assert "<b>" not in notice and "*x*" not in notice


def test_title_and_intro_are_plain_sentences() -> None:
    assert "Tajikistan" in MAP_TITLE and "Afghan" in MAP_TITLE
    assert MAP_INTRO.endswith(".") and MAP_INTRO.count(". ") == 0  # one sentence


def test_the_compare_title_names_both_years_in_order() -> None:
    assert compare_title((1997, 2021)).endswith("1997 and 2021 compared")
    assert compare_title((2021, 2030)).endswith("2021 and 2030 compared")
    assert COMPARE_INTRO.endswith(".") and COMPARE_INTRO.count(". ") == 0  # one sentence
