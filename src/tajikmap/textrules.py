"""Rules a review cannot keep by itself: own words, dates the article gives, regions it names.

``tajikmap validate`` runs them when the article texts are at hand. Each rule
returns :class:`~tajikmap.problems.Problem` lines that name both texts, so a
reviewer sees at once what the statement shares with the article, which date
the article does not give, or which region its paragraph does not name.

- **Own words.** A statement (or a role text) is too close to the article when
  it shares a run of :data:`MAX_SHARED_RUN` or more words with one of its
  sentences, not counting names and numbers, or when difflib's word-level ratio
  against a sentence is :data:`MAX_RATIO` or more.
- **Dates.** A month or year in a statement must be in the cited paragraph, in
  the source's documented dating (unless that dating is itself inferred), or in a
  background item's text.
- **Regions.** A fact's region must be named in its paragraph (by the region's
  name or one of its alternates) or in the article's title, which names its subject
  for every paragraph; otherwise a background item must say why the tie holds.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tajikmap.dataset import Dataset
from tajikmap.models import Background, Fact, Region, Source
from tajikmap.problems import Problem

MAX_SHARED_RUN = 8
MAX_RATIO = 0.7

_WORD = re.compile(r"[A-Za-z0-9À-ɏ’'\-]+")
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z“\"(])")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _fold(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (a plain split: good enough to compare wording)."""
    return [s for s in _SENTENCE_END.split(paragraph.strip()) if s]


@dataclass(frozen=True)
class _Token:
    word: str  # lower-case, for matching
    counts: bool  # False for names and numbers: shared names and figures are not copying


def _tokens(text: str) -> list[_Token]:
    out = []
    for i, raw in enumerate(_WORD.findall(_fold(text))):
        word = raw.strip("'-").lower()
        if not word:
            continue
        is_number = any(ch.isdigit() for ch in word)
        # A capital inside a sentence marks a name; the first word's capital says nothing.
        is_name = i > 0 and raw[:1].isupper()
        out.append(_Token(word, counts=not (is_number or is_name)))
    return out


@dataclass(frozen=True)
class Closeness:
    shared_run: int  # longest run of shared words, names and numbers not counted
    ratio: float  # difflib's ratio over the word sequences

    @property
    def too_close(self) -> bool:
        return self.shared_run >= MAX_SHARED_RUN or self.ratio >= MAX_RATIO


def closeness(ours: str, theirs: str) -> Closeness:
    a, b = _tokens(ours), _tokens(theirs)
    matcher = difflib.SequenceMatcher(None, [t.word for t in a], [t.word for t in b], autojunk=False)
    run = 0
    for block in matcher.get_matching_blocks():
        run = max(run, sum(1 for t in a[block.a : block.a + block.size] if t.counts))
    return Closeness(shared_run=run, ratio=matcher.ratio())


def _closest(ours: str, paragraphs: Iterable[tuple[int, str]]) -> tuple[int, str, Closeness] | None:
    """The most similar too-close sentence, with its paragraph number, if any."""
    worst: tuple[int, str, Closeness] | None = None
    for number, paragraph in paragraphs:
        for sentence in sentences(paragraph):
            found = closeness(ours, sentence)
            if found.too_close and (worst is None or found.ratio > worst[2].ratio):
                worst = (number, sentence, found)
    return worst


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wording_problem(
    where: str, ident: str, field: str, ours: str, hit: tuple[int, str, Closeness]
) -> Problem:
    number, sentence, found = hit
    return Problem(
        where,
        ident,
        field,
        f"too close to ¶{number} (shares {found.shared_run} words in a row, ratio {found.ratio:.2f}): "
        f"ours {_short(ours)!r} vs the article's {_short(sentence)!r}; say it in the project's own words",
    )


def dates_in(text: str) -> set[str]:
    """Months (as full names) and four-digit years written in ``text``."""
    found: set[str] = set(_YEAR.findall(text))
    for word in _WORD.findall(text):
        key = word.lower().rstrip(".")
        if key in _MONTHS and word[:1].isupper():
            found.add(calendar.month_name[_MONTHS[key]])
        elif key in _MONTH_ABBR and word[:1].isupper() and key != "may":
            found.add(calendar.month_name[_MONTH_ABBR[key]])
    return found


def _date_problems(
    where: str, ident: str, field: str, text: str, allowed: str, background: Sequence[Background]
) -> list[Problem]:
    given = dates_in(allowed) | dates_in(" ".join(b.text for b in background))
    return [
        Problem(
            where,
            ident,
            field,
            f"{token!r} is not in the article's text here ({_short(allowed, 60)!r}) nor in a printed "
            "dating: if it is outside knowledge or inferred, put it in a background item with its basis",
        )
        for token in sorted(dates_in(text) - given)
    ]


def region_names(region: Region) -> list[str]:
    """A region's name, the parts of a name like 'Southwest (Kurgan-Tyube)', and its alternates."""
    parts = [p.strip() for p in re.split(r"[()]", region.name) if p.strip()]
    names = [region.name, *parts, *region.alt_names]
    return [n for n in names if n.lower() not in {"whole country"}]


def names_region(paragraph: str, region: Region) -> bool:
    text = _fold(paragraph).lower()
    return any(
        re.search(rf"(?<![\w-]){re.escape(_fold(name).lower())}(?![\w-])", text)
        for name in region_names(region)
    )


def fact_problems(fact: Fact, paragraph: str, source: Source, dataset: Dataset, where: str) -> list[Problem]:
    """Every text rule for one fact against its cited paragraph."""
    out: list[Problem] = []
    hit = _closest(fact.statement, [(fact.citation.paragraph, paragraph)])
    if hit is not None:
        out.append(_wording_problem(where, fact.id, "statement", fact.statement, hit))
    # An inferred dating is the project's reasoning, not the article's: a month or year
    # that only it gives must be background, and the date field shows it as inferred.
    allowed = paragraph if source.event_date_inferred else paragraph + " " + source.dating
    out += _date_problems(where, fact.id, "statement", fact.statement, allowed, fact.background)
    explained = {rid for b in fact.background for rid in b.regions}
    for rid in fact.regions:
        region = dataset.regions.get(rid)
        # The headline names the article's subject for every paragraph ("the country").
        if (
            region is not None
            and rid not in explained
            and not names_region(f"{source.title}\n{paragraph}", region)
        ):
            names = ", ".join(region_names(region))
            out.append(
                Problem(
                    where,
                    fact.id,
                    "regions",
                    f"neither ¶{fact.citation.paragraph} nor the title names any of {names!r} "
                    f"for region {rid!r}: "
                    "drop the tie or explain it in a background item with regions: [" + rid + "]",
                )
            )
    return out


def role_problems(dataset: Dataset, paragraphs: dict[str, list[str]], where: str) -> list[Problem]:
    """Role texts against every sentence of their year's article(s)."""
    out: list[Problem] = []
    for region in dataset.regions.values():
        for year, entry in region.years.items():
            ident, field = region.id, f"years.{year}.role"
            sources = dataset.source_for_year(year)
            if not all(s.id in paragraphs for s in sources):
                continue  # without the article texts there is nothing to hold the role against
            numbered = [(n, p) for s in sources for n, p in enumerate(paragraphs.get(s.id, []), start=1)]
            hit = _closest(entry.role, numbered)
            if hit is not None:
                out.append(_wording_problem(where, ident, field, entry.role, hit))
            datings = " ".join(s.dating for s in sources if not s.event_date_inferred)
            allowed = " ".join(p for _, p in numbered) + " " + datings
            out += _date_problems(where, ident, field, entry.role, allowed, entry.background)
    return out


def text_problems(
    dataset: Dataset, paragraphs: dict[str, list[str]], facts_where: str, regions_where: str
) -> list[Problem]:
    """All text rules, for the sources whose paragraphs are given (by source id)."""
    out: list[Problem] = []
    for fact in dataset.facts:
        paras = paragraphs.get(fact.citation.source)
        if paras is None or not 1 <= fact.citation.paragraph <= len(paras):
            continue  # a missing text or paragraph is reported by the citation check
        source = dataset.sources[fact.citation.source]
        out += fact_problems(fact, paras[fact.citation.paragraph - 1], source, dataset, facts_where)
    out += role_problems(dataset, paragraphs, regions_where)
    return out
