"""A small grammar that finds figures, status cues and their speakers in a sentence.

Used by ``tajikmap draft`` to propose what a person then reviews. It is a grammar
of our own rather than quantulum3 0.10 (``pip install --dry-run`` here: it brings
six more packages — inflect, num2words, docopt, typeguard, jaraco.functools,
more-itertools — for units the articles never use): news figures are few and
regular — a qualifier ("up to", "over", "about", "several"), a number in digits
or words with a scale ("20,000", "Twenty thousand", "$11 million", "46 percent")
and the noun that follows as the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ONES = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# The project's qualifier vocabulary (models.Qualifier), keyed by the words that signal it.
QUALIFIERS = {
    "up to": "up to", "as many as": "up to", "less than": "up to", "fewer than": "up to",
    "over": "over", "more than": "over", "just over": "over", "upwards of": "over",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "nearly": "almost", "almost": "almost", "just under": "almost", "at least": "at least",
}  # fmt: skip
_WORD_NUMBER = "|".join([*TENS, *ONES])
_NUMBER = re.compile(
    r"(?P<qual>\b(?:" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<cur>\$|US\$|€|£)?"
    r"(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<words>\b(?:" + _WORD_NUMBER + r")(?:[- ](?:" + "|".join(ONES) + r"))?\b)"
    r"|(?P<vague>\b(?:several|a few|tens of|hundreds of|thousands of|dozens of)))"
    r"(?P<scale>(?:\s+(?:of\s+)?(?:hundred|thousand|million|billion)s?\b)*)"
    r"(?P<pct>\s*(?:%|percent\b|per cent\b))?",
    re.IGNORECASE,
)
_VAGUE_BASE = {
    "several": 1.0,
    "a few": 1.0,
    "tens of": 10.0,
    "hundreds of": 100.0,
    "thousands of": 1000.0,
    "dozens of": 12.0,
}
_TWICE = re.compile(r"\b(twice|thrice)\b", re.IGNORECASE)
# Words that end a unit: function words and common verbs that follow a count.
_STOP_WORDS = (
    "a an the in on at of to from by for with and or but as is are was were be been has have "
    "had that which who whom this these those its their his her it they he she we try tried "
    "per every each than into across along said says will would could may might can not no already "
    "back"
)
_STOP = set(_STOP_WORDS.split())
_MONTHS_LOW = {m.lower() for m in MONTHS}
_UNIT_NORMAL = {"kilometer": "km", "kilometre": "km", "kilometers": "km", "kilometres": "km", "miles": "mi"}


@dataclass(frozen=True)
class FigureMention:
    value: float
    unit: str
    qualifier: str
    text: str
    start: int
    vague: str | None = None


def _words_after(rest: str, limit: int, allow_first_the: bool) -> tuple[list[str], int]:
    """Up to ``limit`` words at the start of ``rest``, stopping at a function word or punctuation."""
    words: list[str] = []
    pos = 0
    for w in re.finditer(r"\s*([A-Za-z][\w'’]*(?:-[\w'’]+)*)", rest):
        word = w.group(1)
        if w.start() != pos or len(words) == limit:
            break
        low = word.lower()
        if (low in _STOP and not (allow_first_the and low == "the" and not words)) or low in _MONTHS_LOW:
            break
        words.append(word)
        pos = w.end()
    return words, pos


def _unit_after(sentence: str, end: int, pct: bool, cur: bool, vague: bool) -> tuple[str, int]:
    """The unit after a number (the noun that follows, "%" or "% of …", a currency) and where it ends."""
    rest = sentence[end:]
    if cur:
        return ("USD" if "$" in sentence[max(0, end - 40) : end] else "currency"), end
    if pct:
        of = re.match(r"\s+of\s+", rest)
        if not of:
            return "%", end
        words, pos = _words_after(rest[of.end() :], 4, allow_first_the=True)
        return ("% of " + " ".join(words), end + of.end() + pos) if words else ("%", end)
    skip = (
        re.match(r"\s+of\s+(?:its|their|the|his|her)\b|\s*[-–]\s*", rest)
        if vague or rest[:1] in "-–"
        else None
    )
    start = skip.end() if skip else 0
    words, pos = _words_after(rest[start:], 3, allow_first_the=False)
    if words and words[0].lower() in _UNIT_NORMAL:
        return _UNIT_NORMAL[words[0].lower()], end + start + pos
    return " ".join(words), end + start + pos


def _value(m: re.Match[str]) -> tuple[float, str | None]:
    vague = None
    if m.group("digits"):
        value = float(m.group("digits").replace(",", ""))
    elif m.group("words"):
        parts = re.split(r"[- ]", m.group("words").lower())
        value = float(sum(TENS.get(p, 0) + ONES.get(p, 0) for p in parts))
    else:
        # "several thousand", "hundreds of thousands": only the lower bound is known.
        vague = m.group(0).strip()
        value = _VAGUE_BASE[m.group("vague").lower()]
    for scale in re.findall(r"hundred|thousand|million|billion", m.group("scale") or "", re.IGNORECASE):
        value *= SCALES[scale.lower()]
    return value, vague


def _is_year_or_day(sentence: str, m: re.Match[str]) -> bool:
    digits = m.group("digits")
    if not digits or m.group("pct") or m.group("cur") or m.group("scale"):
        return False
    before = sentence[: m.start("digits")].rstrip()
    after_month = re.search(r"\b(?:" + "|".join(mo[:3] for mo in MONTHS) + r")[a-z]*\.?$", before)
    if after_month or re.match(r"^\s*(?:" + "|".join(MONTHS) + r")\b", sentence[m.end() :]):
        return True
    return "," not in digits and "." not in digits and 1800 <= float(digits) <= 2100


def figures_in(sentence: str) -> list[FigureMention]:
    """Every figure the grammar finds in ``sentence``, in order, years and days left out."""
    found: list[FigureMention] = []
    for m in _NUMBER.finditer(sentence):
        if _is_year_or_day(sentence, m):
            continue
        if m.group("vague") and m.group("vague").lower() in ("several", "a few") and not m.group("scale"):
            continue
        value, vague = _value(m)
        unit, end = _unit_after(
            sentence, m.end(), bool(m.group("pct")), bool(m.group("cur")), bool(m.group("vague"))
        )
        qual_words = (m.group("qual") or "").strip().lower()
        qualifier = QUALIFIERS.get(qual_words, "over" if vague else "exact")
        if re.search(r"\bhover(?:s|ing)? $", sentence[: m.start()]):
            qualifier = "about"
        text = sentence[m.start() : end].strip(" ,.;")
        found.append(FigureMention(value, unit, qualifier, text, m.start(), vague))
    for m in _TWICE.finditer(sentence):
        found.append(
            FigureMention(
                2.0 if m.group(1).lower() == "twice" else 3.0, "times", "exact", m.group(1), m.start()
            )
        )
    return sorted(found, key=lambda f: f.start)


# Status cues, in the project's status vocabulary (reported is the default).
CUES: dict[str, tuple[str, ...]] = {
    "denial": ("denies", "denied", "deny", "denying", "rejects", "rejected"),
    "rumour": ("rumours", "rumors", "rumoured", "rumored", "rumour", "rumor", "allegedly", "reportedly"),
    "promise": ("promised", "promises", "promise", "pledged", "pledges", "vowed", "vows"),
    "estimate": ("is believed to be", "are believed to be", "believed", "estimates", "estimated", "estimate"),
    "disputed": ("disputed", "disputes", "contested", "questioned"),
    "claim": (
        "according to", "said", "says", "say", "told", "claims", "claimed", "insisted", "reported that",
        "stated", "announced", "argues", "argued",
    ),
}  # fmt: skip
_CUE = re.compile(
    r"\b(" + "|".join(sorted((c for cs in CUES.values() for c in cs), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_STATUS_OF = {c: status for status, cs in CUES.items() for c in cs}
# Which cue wins when a clause has several: a denial outweighs the claim it answers.
_RANK = ("denial", "rumour", "promise", "disputed", "estimate", "claim")


@dataclass(frozen=True)
class Cue:
    word: str
    status: str
    start: int


def cues_in(text: str) -> list[Cue]:
    return [Cue(m.group(1), _STATUS_OF[m.group(1).lower()], m.start()) for m in _CUE.finditer(text)]


def strongest(cues: list[Cue]) -> str:
    statuses = {c.status for c in cues}
    return next((s for s in _RANK if s in statuses), "reported")


_CLAUSE = re.compile(r";|,\s+(?=(?:though|although|but|while|whereas)\b)|\s+—\s+")


def clauses(sentence: str) -> list[tuple[int, str]]:
    """``sentence`` cut where a contrast starts ("…, though …"), with each part's offset."""
    out, start = [], 0
    for m in _CLAUSE.finditer(sentence):
        out.append((start, sentence[start : m.start()]))
        start = m.end()
    out.append((start, sentence[start:]))
    return out


FIGURE_KIND = {"claim": "claim", "estimate": "estimate", "promise": "promise", "denial": "denial"}


def figure_kind(sentence: str, figure: FigureMention) -> str:
    """The figure kind (models.FigureKind) from the cues in the figure's clause."""
    for offset, clause in clauses(sentence):
        if offset <= figure.start < offset + len(clause) + 1:
            return FIGURE_KIND.get(strongest(cues_in(clause)), "reported")
    return "reported"


_ABBREVIATIONS = (
    "Oct.",
    "Sept.",
    "Sep.",
    "Nov.",
    "Dec.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Mr.",
    "Dr.",
    "St.",
    "U.S.",
    "No.",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    """``paragraph`` cut into sentences (not after abbreviations such as "Oct.")."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : m.start()]
        if before.endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", before):
            continue
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]
