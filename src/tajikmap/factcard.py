"""A fact as a card on the Facts page: escaped HTML, every data string escaped (no UI imports).

The card leads with what a reader needs (status, statement, who says so, figures),
then the small print (date, regions, source, background). The status words and
their meanings are the data's own; the filter's legend is Markdown, with the
same badges as Streamlit draws them.

HTML, not Markdown: Streamlit runs a Markdown pipeline per element, and ten cards
as ten Markdown elements were the Facts page's longest task in Lighthouse (about
430 ms of blocking time on its simulated phone); one HTML block of ten costs far less.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from tajikmap.dataset import Dataset
from tajikmap.models import Fact, Status
from tajikmap.present import BACKGROUND_LABEL, escape_markdown, fact_view
from tajikmap.resources import resource_text

# What each status word means for a reader, in the data's order.
STATUS_MEANING: dict[Status, str] = {
    "reported": "the article states it as fact",
    "claim": "someone says so; the article does not confirm it",
    "disputed": "contested; others give a different account",
    "rumour": "talk the article passes on, unconfirmed",
    "denial": "someone denies it",
    "estimate": "someone's approximate figure or judgement",
    "promise": "something someone has pledged to do",
}


def status_badge(status: str) -> str:
    """Streamlit badge Markdown: grey for what the article reports, orange for anything less."""
    colour = "gray" if status == "reported" else "orange"
    return f":{colour}-badge[{escape_markdown(status)}]"


@dataclass(frozen=True)
class FactCard:
    """One fact's card as escaped HTML: ``body`` (status, statement, figures) and ``details``."""

    id: str
    body: str
    details: str

    @property
    def html(self) -> str:
        """The card, its details in small print in the text colour (st.caption's
        faded grey fails the WCAG contrast ratio)."""
        return (
            f'<article class="fact-card" id="fact-{escape(self.id)}">'
            f'<p>{self.body}</p><p class="fact-small">{self.details}</p></article>'
        )


def small(text: str) -> str:
    """Markdown lines (joined by hard breaks) in Streamlit's small print, line by line."""
    return "  \n".join(f":small[{line}]" for line in text.split("  \n"))


def _badge(status: str) -> str:
    """The status as Streamlit draws ``status_badge``: grey for reported, orange for anything less."""
    kind = "reported" if status == "reported" else "other"
    return f'<span class="fact-badge fact-badge-{kind}">{escape(status)}</span>'


def fact_card(fact: Fact, dataset: Dataset) -> FactCard:
    fv = fact_view(fact, dataset)
    said = f" — <em>{escape(fv.according_to)}</em>" if fv.according_to else ""
    body = [f"{_badge(fv.status)} {escape(fv.statement)}{said}"]
    body += [
        f"<strong>{escape(figure)}</strong> · {escape(label)} ({escape(kind)})"
        for figure, label, kind in fv.figures
    ]
    regions = ", ".join(dataset.regions[r].name for r in fact.regions)
    details = [f"{escape(fv.date)} · {escape(regions)}", f"Source: {escape(fv.citation)}"]
    if fv.actors:
        details.append(f"Actors: {escape(fv.actors)}")
    if fv.note:
        details.append(f"Note: {escape(fv.note)}")
    details += [
        f"<strong>{escape(BACKGROUND_LABEL)}:</strong> {escape(text)} (basis: {escape(basis)})"
        for text, basis in fv.background
    ]
    return FactCard(id=fv.id, body="<br>".join(body), details="<br>".join(details))


def fact_cards_html(cards: Iterable[FactCard]) -> str:
    """Cards as one HTML block, with the rules that draw them (css/fact_cards.css)
    in the same block: they apply from its first frame, so nothing moves."""
    return f"<style>{resource_text('css/fact_cards.css')}</style>" + "".join(c.html for c in cards)


def status_legend(statuses: tuple[Status, ...] | list[Status]) -> str:
    """One Markdown line per status: its badge and what it means."""
    return "  \n".join(f"{status_badge(s)} {escape_markdown(STATUS_MEANING[s])}" for s in statuses)
