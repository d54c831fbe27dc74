"""Credits and article citations printed on published maps (images and the static site).

One place for the wording, so a print image and the reader's site credit the
same sources in the same words.
"""

from __future__ import annotations

from datetime import date

from tajikmap.models import Source

DATA_CREDITS = "Boundaries: Natural Earth (public domain). Towns: GeoNames (CC BY 4.0)."
APPROXIMATE_NOTE = "Dashed outline: approximate boundary, reconstructed from district centres"


def event_date_text(source: Source) -> str:
    """'1 November 2021', 'August 1997' or '1997' as the source's precision allows."""
    parts = [int(p) for p in source.event_date.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return f"{day.day} {day:%B %Y}"
    if len(parts) == 2:
        return f"{date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0])


def date_is_inferred(source: Source) -> bool:
    """True when the page does not print the event date (it was worked out from the text)."""
    return source.published is None or not source.published.startswith(source.event_date)


def article_citation(source: Source) -> str:
    """The article as a reader would cite it: author, title, outlet, date."""
    when = event_date_text(source)
    if date_is_inferred(source):
        when += " (date inferred from the text)"
    byline = f"{source.author}, " if source.author else ""
    return f"{byline}“{source.title}”, {source.outlet}, {when}."
