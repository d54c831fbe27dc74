"""The Map and Compare pages' own words: their titles and introductions, a
region's name as a reader meets it (the article's name tied to the label on today's map), and the
notice a year switch gives when it leaves a region behind.

Plain strings; the Markdown ones have every data text escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tajikmap.models import Region
from tajikmap.present import escape_markdown

if TYPE_CHECKING:
    from tajikmap.dataset import Dataset

MAP_TITLE = "Who holds sway in Tajikistan and along its Afghan border"
MAP_INTRO = (
    "Pick a year to see who held each region according to that year's article, then click a "
    "region on the map, or choose it in the Region list, to read what the article says about it."
)


COMPARE_INTRO = (
    "The two articles' maps side by side and kept on one view, then a map of what changed: click "
    "a region on any of them, or pick it in the Region list, to read what each year's article says."
)


def compare_title(years: tuple[int, int]) -> str:
    """The Compare page's headline for a pair of years."""
    return f"Tajikistan and its Afghan border, {years[0]} and {years[1]} compared"


def region_title(region: Region) -> str:
    """The region's name with today's map label beside it where the two differ:
    "Kulyab (today's Kulob area)", "Southwest (Kurgan-Tyube, today's Bokhtar area)".

    Not escaped: callers escape for the markup they write.
    """
    today = region.today_label
    if not today or today == region.name:
        return region.name
    if region.name.endswith(")"):  # one bracket, not two in a row
        return f"{region.name[:-1]}, today's {today} area)"
    return f"{region.name} (today's {today} area)"


def year_switch_notice(dataset: Dataset, region_id: str, year: int) -> str:
    """Why the panel went back to the overview when the year changed (Markdown). It
    stands until the next switch, through clicks on other regions: so it tells what
    the switch did, not what the map shows now."""
    name = escape_markdown(region_title(dataset.regions[region_id]))
    return f"{name} has no entry in {year}'s article, so the switch to {year} went back to the overview."
