"""Pure style decisions: which layers a year draws, their colours, tooltips, legend."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tajikmap.credits import SWAY_NOTE
from tajikmap.dataset import Dataset
from tajikmap.looks import (
    INACTIVE_STYLE,
    LegendEntry,
    draw_modes,
    escape_html,
    legend,
    legend_html,
    year_looks,
)
from tajikmap.models import RegionYear


def _shown(dataset: Dataset, year: int) -> set[str]:
    return {rid for rid, look in year_looks(dataset, year).items() if look.mode != "hidden"}


def test_layers_change_with_the_year(dataset: Dataset) -> None:
    six = {"dushanbe", "kulyab", "southwest", "east", "north", "west"}
    shown97, shown21 = _shown(dataset, 1997), _shown(dataset, 2021)
    assert six <= shown97 and not six & shown21
    assert "tajikistan" in shown21 and "tajikistan" not in shown97
    assert {"panjshir", "afghanistan", "uzbekistan", "tj-af-border"} <= shown21
    looks97 = year_looks(dataset, 1997)
    assert looks97["panjshir"].mode == "inactive"
    assert looks97["panjshir"].style["fillColor"] == INACTIVE_STYLE["fillColor"]


def test_every_drawn_region_has_a_mode(dataset: Dataset) -> None:
    for year in dataset.years():
        modes = draw_modes(dataset, year)
        active = {r for r, m in modes.items() if m == "active"}
        # A whole is drawn through its parts when they are regions of the year.
        wholes = {r.part_of for r in dataset.regions_in(year) if r.part_of}
        assert active == {r.id for r in dataset.regions_in(year)} - wholes
        assert all(modes[w] == "hidden" for w in wholes)


def test_styles_use_the_sway_colour_and_dash_approximations(dataset: Dataset) -> None:
    styles = {rid: look.style for rid, look in year_looks(dataset, 1997).items()}
    assert styles["kulyab"]["fillColor"] == dataset.actors["kulyab-clan"].color
    assert styles["southwest"]["fillColor"] == dataset.actors["khudoberdiyev"].color
    assert styles["kulyab"]["dashArray"] and not styles["north"]["dashArray"]


def test_selection_is_outlined_and_drawn_last(dataset: Dataset) -> None:
    looks = year_looks(dataset, 2021, "panjshir")
    assert list(looks)[-1] == "panjshir" and looks["panjshir"].style["weight"] == 4
    assert year_looks(dataset, 2021)["panjshir"].style["color"] != "#000000"
    whole = year_looks(dataset, 1997, "tajikistan")["tajikistan"]  # drawn through its parts
    assert whole.style["fillOpacity"] == 0 and whole.style["opacity"] == 1 and not whole.interactive


def test_an_inactive_region_is_not_outlined_when_selected(dataset: Dataset) -> None:
    assert year_looks(dataset, 1997, "panjshir")["panjshir"] == year_looks(dataset, 1997)["panjshir"]


def test_tooltips_tie_the_article_name_to_todays_label(dataset: Dataset) -> None:
    assert (year_looks(dataset, 1997)["kulyab"].tooltip or "").startswith(
        "<b>Kulyab (today&#x27;s Kulob area)</b>"
    )
    southwest = year_looks(dataset, 1997)["southwest"].tooltip or ""
    assert southwest.startswith("<b>Southwest (Kurgan-Tyube, today&#x27;s Bokhtar area)</b>")


def test_tooltips_show_name_and_role_escaped(dataset: Dataset) -> None:
    payload = "<img src=x onerror=alert(1)>`${alert(2)}`\\"
    region = dataset.regions["kulyab"]
    evil = replace(
        dataset,
        regions={
            **dataset.regions,
            "kulyab": region.model_copy(
                update={
                    "name": payload,
                    "today_label": None,
                    "years": {1997: RegionYear(sway="kulyab-clan", role=payload)},
                }
            ),
        },
    )
    tooltip = year_looks(evil, 1997)["kulyab"].tooltip or ""
    escaped = "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;&#92;"
    assert tooltip.startswith(f"<b>{escaped}</b><br>{escaped}")
    assert "<img" not in tooltip and "${" not in tooltip


@pytest.mark.parametrize("text", ["<b>", "a`b", "${x}", "\\u0041", "\"'&"])
def test_escape_html_leaves_no_active_characters(text: str) -> None:
    out = escape_html(text)
    assert not re.search(r"[<>`$\\\"']", out)


def test_legend_names_the_actors_of_the_year(dataset: Dataset) -> None:
    labels97 = {e.actor_id for e in legend(dataset, 1997)}
    labels21 = {e.actor_id for e in legend(dataset, 2021)}
    assert {"kulyab-clan", "khudoberdiyev", "industrialists", "uto"} <= labels97
    assert {"taliban", "nrf", "rahmon"} <= labels21 and "uto" not in labels21


def test_legend_html_escapes_labels() -> None:
    html = legend_html([LegendEntry("a", "<img src=x onerror=alert(1)>", "#E69F00", ("r",))])
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "background:#E69F00" in html and "approximate boundary" in html
    assert escape_html(SWAY_NOTE) in html  # every live legend says sway is an approximation
