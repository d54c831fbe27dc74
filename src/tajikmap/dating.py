"""Date expressions in an article, resolved against the article's own date.

A small set of rules of our own rather than dateparser (which wants whole date
strings, not "last month" inside a sentence, and pulls in regex, tzlocal and
pytz): explicit dates ("1 November 2021", "Oct. 13", "January 1996"), months
("in September", "in early September", "in mid-October"), years ("in 1991",
"since 1991"), and relative ones ("last month", "Monday", "over the weekend",
"in the summer", "in recent weeks"). Each result keeps the text it came from
and a precision in the project's vocabulary (day, month, year, approximate).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tajikmap.extract import MONTHS

_MONTH_NO = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {
    m[:3].lower(): i for i, m in enumerate(MONTHS, 1)
}
_MONTH_NO["sept"] = 9
_MON = r"(?P<mon>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}


@dataclass(frozen=True)
class RefDate:
    """The article's date as far as it is known (month and day may be unknown)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return _ym(self.year, self.month)
        return f"{_ym(self.year, self.month)}-{self.day:02d}"

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"


@dataclass(frozen=True)
class DateMention:
    text: str
    date: str
    precision: str
    note: str = ""


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _month_year(ref: RefDate, month: int) -> int:
    """The year of a bare month name: the article's, or the year before if that month is yet to come."""
    return ref.year - 1 if ref.month is not None and month > ref.month else ref.year


def _shift_month(ref: RefDate, delta: int) -> tuple[int, int] | None:
    if ref.month is None:
        return None
    n = ref.year * 12 + ref.month - 1 + delta
    return n // 12, n % 12 + 1


_RULES: list[tuple[str, str]] = [
    ("day_month_year", r"\b(?P<day>\d{1,2}) " + _MON + r",? (?P<year>\d{4})\b"),
    ("month_day_year", r"\b" + _MON + r" (?P<day>\d{1,2}), (?P<year>\d{4})\b"),
    ("month_year", r"\b" + _MON + r",? (?P<year>\d{4})\b"),
    ("month_day", r"\b" + _MON + r" (?P<day>\d{1,2})\b"),
    ("part_month", r"\b(?:in )?(?P<part>early|mid|late)[- ]" + _MON),
    ("month", r"\b(?i:in|since|until|by|the|this|last|of|from) " + _MON + r"(?!\s*\d)"),
    ("since_year", r"\b(?i:for the first time )?(?i:since) "
                   r"(?:declaring independence in |the \w+ (?:war )?in )?(?P<year>\d{4})\b"),
    ("year", r"\b(?:in|of|until|by|from|after|before|mid-|early|late) (?P<year>1[89]\d\d|20\d\d)\b"),
    ("relative_month", r"\b(?P<rel>last|this|next) month\b"),
    ("relative_year", r"\b(?P<rel>last|this|next) year\b"),
    ("recent", r"\b(?:in )?(?:recent (?:weeks|days|months)|recently"
               r"|the last few (?:days|weeks|months|years))\b"),
    ("weekday", r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b"),
    ("weekend", r"\b(?:over )?the weekend\b"),
    ("season", r"\b(?:in|back in|during|this|last) (?:the )?(?P<season>spring|summer|autumn|fall|winter)\b"),
]  # fmt: skip
_ANY_CASE = ("relative_month", "relative_year", "recent", "weekend", "season")
_COMPILED = [(name, re.compile(rx, re.IGNORECASE if name in _ANY_CASE else 0)) for name, rx in _RULES]


def _resolve(name: str, m: re.Match[str], ref: RefDate) -> DateMention | None:
    text = m.group(0)
    g = m.groupdict()
    mon = _MONTH_NO[g["mon"].rstrip(".").lower()] if g.get("mon") else 0
    if name in ("day_month_year", "month_day_year"):
        return DateMention(text, f"{int(g['year']):04d}-{mon:02d}-{int(g['day']):02d}", "day")
    if name == "month_year":
        return DateMention(text, _ym(int(g["year"]), mon), "month")
    if name == "month_day":
        year = _month_year(ref, mon)
        return DateMention(
            text, f"{_ym(year, mon)}-{int(g['day']):02d}", "day", f"year {year} from the article's date"
        )
    if name in ("part_month", "month"):
        year = _month_year(ref, mon)
        note = f"{g['part']} in the month; " if g.get("part") else ""
        return DateMention(text, _ym(year, mon), "month", note + f"year {year} from the article's date")
    if name == "since_year":
        return DateMention(text, g["year"], "year", "a starting point ('since'), not the event's date")
    if name == "year":
        return DateMention(text, g["year"], "year")
    if name == "relative_month":
        shifted = _shift_month(ref, {"last": -1, "this": 0, "next": 1}[g["rel"].lower()])
        if shifted is None:
            return DateMention(text, str(ref.year), "approximate", "the article's month is not known")
        return DateMention(text, _ym(*shifted), "month", "relative to the article's date")
    if name == "relative_year":
        year = ref.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        return DateMention(text, str(year), "year", "relative to the article's date")
    if name in ("recent", "weekend", "weekday"):
        if ref.month is not None and ref.day is not None and name == "weekday":
            day = dt.date(ref.year, ref.month, ref.day)
            back = (day.weekday() - WEEKDAYS.index(g["wd"].capitalize())) % 7
            hit = day - dt.timedelta(days=back)
            return DateMention(
                text, hit.isoformat(), "day", f"the last {g['wd']} on or before the article's date"
            )
        return DateMention(text, ref.iso(), "approximate", "shortly before the article's date")
    if name == "season":
        month = _SEASONS[g["season"].lower()]
        return DateMention(text, _ym(_month_year(ref, month), month), "approximate", f"the {g['season']}")
    return None


def dates_in(sentence: str, ref: RefDate) -> list[DateMention]:
    """Every date expression in ``sentence``, resolved against ``ref``; overlapping matches are dropped."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, DateMention]] = []
    for name, rx in _COMPILED:
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if name == "weekday" and m.start() == 0:
                continue
            mention = _resolve(name, m, ref)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append((m.start(), mention))
    return [d for _, d in sorted(found, key=lambda x: x[0])]


_STAMP = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})")


def stamp_dates(line: str) -> list[DateMention]:
    """Dates written mm/dd/yyyy (page stamps such as "Last Updated: 07/27/2016")."""
    return [
        DateMention(m.group(0), f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}", "day")
        for m in _STAMP.finditer(line)
    ]
