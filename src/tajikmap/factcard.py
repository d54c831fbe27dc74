"""A fact as a card on a page: Markdown text, every data string escaped (no UI imports).

The card leads with what a reader needs (status, statement, who says so, figures),
then the small print (date, regions, source, background). Pages render the two
parts as they like; the status words and their meanings are the data's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from tajikmap.dataset import Dataset
from tajikmap.models import Fact, Status
from tajikmap.present import BACKGROUND_LABEL, escape_markdown, fact_view

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
    """Markdown for one fact: ``body`` (status, statement, figures) and ``details``."""

    id: str
    body: str
    details: str

    @property
    def markdown(self) -> str:
        """The whole card as one Markdown block, the details in small print.

        Small print in the text colour (``:small[]``), not st.caption's faded grey,
        which fails the WCAG contrast ratio; one block, not two, because every
        element costs the browser work on a page of many cards.
        """
        return f"{self.body}\n\n{small(self.details)}"


def small(text: str) -> str:
    """Markdown lines (joined by hard breaks) in Streamlit's small print, line by line."""
    return "  \n".join(f":small[{line}]" for line in text.split("  \n"))


def fact_card(fact: Fact, dataset: Dataset) -> FactCard:
    fv = fact_view(fact, dataset)
    md = escape_markdown
    said = f" — *{md(fv.according_to)}*" if fv.according_to else ""
    body = [f"{status_badge(fv.status)} {md(fv.statement)}{said}"]
    body += [f"**{md(figure)}** · {md(label)} ({md(kind)})" for figure, label, kind in fv.figures]
    regions = ", ".join(dataset.regions[r].name for r in fact.regions)
    details = [f"{md(fv.date)} · {md(regions)}", f"Source: {md(fv.citation)}"]
    if fv.actors:
        details.append(f"Actors: {md(fv.actors)}")
    if fv.note:
        details.append(f"Note: {md(fv.note)}")
    details += [f"**{BACKGROUND_LABEL}:** {md(text)} (basis: {md(basis)})" for text, basis in fv.background]
    return FactCard(id=fv.id, body="  \n".join(body), details="  \n".join(details))


def status_legend(statuses: tuple[Status, ...] | list[Status]) -> str:
    """One Markdown line per status: its badge and what it means."""
    return "  \n".join(f"{status_badge(s)} {escape_markdown(STATUS_MEANING[s])}" for s in statuses)
