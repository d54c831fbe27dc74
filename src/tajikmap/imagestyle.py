"""The print look that a static map and its legend share: layouts and type sizes,
the projection, colours blended as the web map shows them, and text that prints
as written (wrapped at spaces, never read as mathtext).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal

from matplotlib.text import Text

from tajikmap.looks import BACKGROUND

SizeName = Literal["column", "page"]
SIZES: tuple[SizeName, ...] = ("column", "page")
# Lambert azimuthal equal-area centred on the frame: areas true, and the scale
# bar's kilometres hold across the map to within a fraction of a percent.
MAP_CRS = "+proj=laea +lat_0=37.8 +lon_0=70.5 +datum=WGS84 +units=m +no_defs"

FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs on every machine


@dataclass(frozen=True)
class Size:
    """A layout: figure width, where the legend goes, and type sizes in points."""

    width_in: float
    legend_right: bool
    title_pt: float
    text_pt: float
    small_pt: float
    wrap: int  # characters per legend line
    footer_wrap: int


LAYOUTS: dict[SizeName, Size] = {
    # One newspaper/CMS column (~89 mm): legend under the map.
    "column": Size(3.5, False, 9.5, 6.5, 5.2, 46, 82),
    # A full page, landscape: legend beside the map.
    "page": Size(10.0, True, 17.0, 9.5, 7.5, 30, 170),
}


def blend(color: str, opacity: float, under: str = BACKGROUND) -> str:
    """The colour a fill of ``color`` at ``opacity`` shows over ``under`` (as on the web map)."""
    top = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    bottom = [int(under[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(opacity * t + (1 - opacity) * b) for t, b in zip(top, bottom, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def wrap(text: str, width: int) -> str:
    # Never at a hyphen: "Kurgan-Tyube" stays one word (and one searchable string).
    return textwrap.fill(text, width, break_on_hyphens=False, break_long_words=False)


def literal(text: Text) -> Text:
    # A "$" in data must print as a dollar sign, not start matplotlib's mathtext.
    text.set_parse_math(False)
    return text
