"""Credits and article citations printed on published maps (images and the static site).

One place for the wording, so a print image and the reader's site credit the
same sources in the same words.
"""

from __future__ import annotations

from tajikmap.models import Source
from tajikmap.present import date_label

DATA_CREDITS = "Boundaries: Natural Earth (public domain). Towns: GeoNames (CC BY 4.0)."
APPROXIMATE_NOTE = "Dashed outline: approximate boundary, reconstructed from district centres"
# "Sway" is the project's reading of whom each article ties to a region (a base,
# allies, a home), not a line of control the article draws: said on every legend.
SWAY_NOTE = "Colours: whom the article ties to each region, an approximation of influence, not control"


def source_date(source: Source) -> str:
    """'1 November 2021', or 'August 1997 (inferred)' when the page does not print it."""
    return date_label(source.event_date, source.event_date_precision, source.event_date_inferred)


def article_citation(source: Source) -> str:
    """The article as a reader would cite it: author, title, outlet, date."""
    byline = f"{source.author}, " if source.author else ""
    return f"{byline}“{source.title}”, {source.outlet}, {source_date(source)}."
