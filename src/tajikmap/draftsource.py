"""The article a draft starts from, as a source: its file read safely (text,
UTF-8, not empty), the dates printed on the page, and the year checked against
the data and the page, so a typo in ``--year`` stops the draft.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tajikmap.articles import Header, content_lines, furniture_lines
from tajikmap.dating import RefDate, dates_in, stamp_dates


class DraftError(ValueError):
    """Bad input to the draft: the message says what is wrong, and nothing is written."""


def read_article(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DraftError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise DraftError(f"{path}: is not a text file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftError(f"{path}: is not UTF-8 text (byte {exc.start})") from None
    if not content_lines(text):
        raise DraftError(f"{path}: is empty (no text besides page furniture)")
    return text


def known_years(data_dir: Path) -> set[int]:
    years: set[int] = set()
    for path in sorted((data_dir / "sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        years |= {s["year"] for s in data.get("sources", []) if isinstance(s, dict) and "year" in s}
    return years


def date_candidates(header: Header, text: str, ref_year: int) -> list[dict[str, str]]:
    """Dates printed around the headline, and page stamps (flagged: often a re-publication)."""
    out = []
    for line in header.other:
        for d in dates_in(line, RefDate(ref_year)):
            out.append({"date": d.date, "precision": d.precision, "from": line, "kind": "printed date"})
    for line in furniture_lines(text):
        for d in stamp_dates(line):
            out.append({"date": d.date, "precision": d.precision, "from": line, "kind": "page stamp"})
    return out


def check_year(year: int, data_dir: Path, candidates: list[dict[str, str]], body: list[str]) -> None:
    """A year is accepted when a source in data/sources has it, a date on the page is in it,
    or the body names it ("in 2024"); anything else is most likely a typo."""
    covered = known_years(data_dir)
    on_page = {int(c["date"][:4]) for c in candidates}
    named = {int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", " ".join(body))}
    if year in covered | on_page | named:
        return
    seen = ", ".join(str(y) for y in sorted(covered | on_page | named)) or "none"
    raise DraftError(
        f"year {year} is unknown: no source in {data_dir / 'sources'} covers it, and the article "
        f"neither prints nor names it (years found: {seen})"
    )


def reference_date(year: int, candidates: list[dict[str, str]]) -> tuple[RefDate, str]:
    printed = [c for c in candidates if c["date"].startswith(str(year)) and c["kind"] == "printed date"]
    for c in sorted(printed, key=lambda c: -len(c["date"])):
        parts = [int(p) for p in c["date"].split("-")]
        return RefDate(*parts), f"printed on the page: {c['from']!r}"
    return RefDate(year), f"no date of {year} printed on the page: relative dates resolve to the year only"
