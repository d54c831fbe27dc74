"""The one schema for tajikmap's data: sources, actors, regions and facts.

Each model checks what can be checked about a single record; checks across
records (ids that must exist, paragraphs within a source) live in
:mod:`tajikmap.dataset`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Id = str
DatePrecision = Literal["day", "month", "year", "approximate"]
Category = Literal[
    "military",
    "politics",
    "refugees",
    "economy",
    "ethnicity",
    "diplomacy",
    "security",
    "geography",
]
# One status vocabulary, the same word in the data, the panel, the filters and the exports.
Status = Literal["reported", "claim", "disputed", "rumour", "denial", "estimate", "promise"]
STATUSES: tuple[Status, ...] = ("reported", "claim", "disputed", "rumour", "denial", "estimate", "promise")
FigureKind = Literal["reported", "claim", "estimate", "promise", "denial"]
Qualifier = Literal["exact", "about", "up to", "over", "at least", "almost", "range"]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_KEY_PHRASE_WORDS = 12
_PRECISION_PARTS = {"year": 1, "month": 2, "day": 3}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_date(date: str, precision: DatePrecision) -> None:
    parts = len(date.split("-"))
    if precision != "approximate" and parts != _PRECISION_PARTS[precision]:
        raise ValueError(f"date {date!r} does not match precision {precision!r}")


class Source(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    year: int = Field(ge=1900, le=2100, description="The snapshot year this article feeds.")
    title: str = Field(min_length=1)
    author: str | None = None
    outlet: str
    published: str | None = Field(default=None, pattern=DATE_PATTERN)
    published_note: str = ""
    event_date: str = Field(pattern=DATE_PATTERN)
    event_date_precision: DatePrecision
    event_date_inferred: bool = Field(
        default=False, description="The event date is worked out from the content, not printed."
    )
    dating: str = Field(min_length=1, description="How the event date was established.")
    paragraphs: int = Field(ge=1)
    file: str
    no_fact_paragraphs: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dates(self) -> Source:
        _check_date(self.event_date, self.event_date_precision)
        if not self.event_date.startswith(str(self.year)):
            raise ValueError(f"event_date {self.event_date} is not in year {self.year}")
        return self


class Background(Strict):
    """Knowledge that is not in the article (a month, an identification, where a place is).

    Kept apart from what the article says and shown as "Background, not from the article".
    ``regions`` lists the region ties this knowledge explains (a fact tied to a region
    its paragraph does not name).
    """

    text: str = Field(min_length=1, max_length=300)
    basis: str = Field(min_length=1, max_length=300, description="Where this knowledge comes from.")
    regions: list[Id] = Field(default_factory=list)


class Continuity(Strict):
    """An earlier year's actor that this one carries on, under another name or form:
    the 2021 article's President Rahmon, in power almost thirty years, is the 1997
    article's President Rakhmonov. Compare calls a region held by the two the same
    holder. ``text`` says what ties them in the project's words, ``fact`` is the
    article's fact that says so (with its paragraph); ``background`` is what the
    articles do not say (a change of name), labelled so.
    """

    actor: Id
    text: str = Field(min_length=1, max_length=200, description="What ties them, from the article.")
    fact: Id
    background: Background


class Actor(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    kind: Literal["person", "group", "force", "state"]
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")
    continues: Continuity | None = None


class RegionYear(Strict):
    # Whom the year's article ties to the region (a base, allies, a home): the
    # project's approximation of influence, not a line of control (credits.SWAY_NOTE).
    sway: Id
    role: str = Field(min_length=1, max_length=200)
    background: list[Background] = Field(default_factory=list)


class Region(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    alt_names: list[str] = Field(default_factory=list)
    # The town label on the map that marks the region today, where the article's
    # name differs (Kulyab → Kulob): shown beside the name so the two connect.
    today_label: str | None = Field(default=None, min_length=1)
    part_of: Id | None = None
    years: dict[int, RegionYear] = Field(default_factory=dict)


class Figure(Strict):
    value: float
    value_high: float | None = Field(default=None, description="Upper end when qualifier is range.")
    unit: str = Field(min_length=1)
    qualifier: Qualifier = "exact"
    kind: FigureKind
    label: str = Field(min_length=1)

    @model_validator(mode="after")
    def _range(self) -> Figure:
        if (self.qualifier == "range") != (self.value_high is not None):
            raise ValueError("value_high is required for, and only for, qualifier 'range'")
        return self


class Citation(Strict):
    source: Id
    paragraph: int = Field(ge=1)
    key_phrase: str = Field(min_length=1)

    @field_validator("key_phrase")
    @classmethod
    def _short(cls, phrase: str) -> str:
        words = len(phrase.split())
        if words > MAX_KEY_PHRASE_WORDS:
            raise ValueError(f"key_phrase has {words} words; at most {MAX_KEY_PHRASE_WORDS}")
        return phrase


class Event(Strict):
    """Marks a fact as a dated event for the timeline."""

    title: str = Field(min_length=1, max_length=80)
    date: str | None = Field(default=None, pattern=DATE_PATTERN, description="Default: the fact's.")
    date_precision: DatePrecision | None = None
    date_inferred: bool = Field(default=False, description="The event's own date is inferred.")
    expected: bool = Field(default=False, description="Hoped for or planned, not (yet) happened.")

    @model_validator(mode="after")
    def _pair(self) -> Event:
        if (self.date is None) != (self.date_precision is None):
            raise ValueError("give both date and date_precision, or neither")
        if self.date is not None and self.date_precision is not None:
            _check_date(self.date, self.date_precision)
        return self


class Fact(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    year: int
    date: str = Field(pattern=DATE_PATTERN)
    date_precision: DatePrecision
    date_inferred: bool = Field(default=False, description="The date is inferred, not given by the article.")
    regions: list[Id] = Field(min_length=1)
    actors: list[Id] = Field(default_factory=list)
    category: Category
    statement: str = Field(min_length=1)
    figures: list[Figure] = Field(default_factory=list)
    claimed_by: list[Id] = Field(default_factory=list)
    status: Status
    citation: Citation
    note: str | None = None
    background: list[Background] = Field(default_factory=list)
    event: Event | None = None

    @property
    def event_date_inferred(self) -> bool:
        if self.event is not None and self.event.date:
            return self.event.date_inferred
        return self.date_inferred

    @property
    def event_date(self) -> tuple[str, DatePrecision]:
        if self.event is not None and self.event.date and self.event.date_precision:
            return self.event.date, self.event.date_precision
        return self.date, self.date_precision

    @model_validator(mode="after")
    def _consistent(self) -> Fact:
        _check_date(self.date, self.date_precision)
        # Only what the article itself reports goes without a speaker; every claim,
        # estimate, denial, rumour, dispute and promise names who says so.
        if self.status != "reported" and not self.claimed_by:
            raise ValueError(f"status {self.status!r} needs claimed_by (who says so)")
        return self


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Small numbers are often better written as words ("twice in 20 months").
NUMBER_WORDS = {"once": 1, "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
WORD = re.compile(r"[A-Za-z]+")


def numbers_in(text: str) -> set[float]:
    """Every number written in ``text``: digits (with a 'million' multiplier) and small words."""
    found: set[float] = {
        float(NUMBER_WORDS[w.lower()]) for w in WORD.findall(text) if w.lower() in NUMBER_WORDS
    }
    for match in NUMBER.finditer(text):
        raw = match.group().rstrip(",")
        value = float(raw.replace(",", ""))
        found.add(value)
        tail = text[match.end() : match.end() + 9].lower()
        if tail.lstrip().startswith("million"):
            found.add(value * 1_000_000)
    return found
