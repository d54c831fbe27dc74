"""The print look: colours blended as the web map shows them, text printed as written."""

from __future__ import annotations

from matplotlib.text import Text

from tajikmap.imagestyle import LAYOUTS, blend, literal, wrap
from tajikmap.looks import BACKGROUND


def test_blend_mixes_a_fill_over_what_is_under_it() -> None:
    assert blend("#000000", 0.5, "#ffffff") == "#808080"
    assert blend("#D55E00", 1.0) == "#d55e00"
    assert blend("#D55E00", 0.0) == BACKGROUND.lower()


def test_wrap_never_breaks_a_hyphenated_name() -> None:
    lines = wrap("the Kurgan-Tyube oblast of Khatlon", 10).splitlines()
    assert "Kurgan-Tyube" in lines and all(len(line) <= 12 for line in lines)


def test_literal_text_is_never_mathtext() -> None:
    text = literal(Text(0, 0, "$5 million"))
    assert text.get_parse_math() is False


def test_a_column_is_narrow_with_its_legend_under_the_map() -> None:
    column, page = LAYOUTS["column"], LAYOUTS["page"]
    assert column.width_in < page.width_in and not column.legend_right and page.legend_right
    assert column.text_pt < page.text_pt
