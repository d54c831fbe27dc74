"""Split the source articles into numbered paragraphs (¶1 … ¶N) to check citations.

The articles themselves live outside the repo (``../shared/sources/``); this
module follows their README: count the non-empty lines of the article body,
after the headline (or the byline, where there is one), skipping page furniture.
The same rules serve the citation checks and ``tajikmap draft`` (which has no
source record yet and finds the headline itself, :func:`find_header`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tajikmap.models import Fact, Source

FURNITURE = ("Get the latest updates", "Pages", "No comments:", "Post a Comment", ". Last Updated")

# A byline is a short run of capitalised words (a name), not a sentence.
_BYLINE = re.compile(r"^(?:By )?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}$")
_DATE_LINE = re.compile(r"^\W*\d{1,2} [A-Z][a-z]+ \d{4}\W*$|^\W*[A-Z][a-z]+\.? \d{1,2}, \d{4}\W*$")
_MIN_PROSE_WORDS = 12


def content_lines(text: str) -> list[str]:
    """The text's non-empty lines, stripped, without page furniture."""
    lines = (ln.strip() for ln in text.splitlines())
    return [ln for ln in lines if ln and not ln.startswith(FURNITURE)]


def furniture_lines(text: str) -> list[str]:
    """The page-furniture lines (some carry a date, e.g. a re-publication stamp)."""
    return [ln.strip() for ln in text.splitlines() if ln.strip().startswith(FURNITURE)]


def split_body(text: str, marker: str) -> list[str]:
    """The paragraphs after the line ``marker`` (the headline or the byline).

    Raises ValueError when ``marker`` is not a line of the text.
    """
    body = content_lines(text)
    try:
        start = body.index(marker) + 1
    except ValueError:
        raise ValueError(f"no line {marker!r} to start the body after") from None
    return body[start:]


def paragraphs(source: Source, sources_dir: Path) -> list[str]:
    text = (sources_dir / source.file).read_text("utf-8")
    return split_body(text, source.author if source.author else source.title)


@dataclass(frozen=True)
class Header:
    """What precedes the body: the headline, the byline if any, other lines (dates)."""

    title: str
    author: str | None
    other: tuple[str, ...]

    @property
    def marker(self) -> str:
        return self.author if self.author else self.title


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _MIN_PROSE_WORDS and line.rstrip("\"”’'").endswith((".", "?", "!", ":"))


def find_header(text: str) -> Header:
    """Find the headline and byline of an article not yet described in data/sources.

    The body starts at the first prose line (a sentence of 12+ words); of the lines
    before it, the last that looks like a name is the byline when it follows a
    headline, and the last other line that is not a date is the headline.
    Raises ValueError when no such layout is found.
    """
    lines = content_lines(text)
    first = next((i for i, ln in enumerate(lines) if _is_prose(ln)), None)
    if first is None:
        raise ValueError("no paragraph found: no line reads as prose (a sentence of 12 or more words)")
    head = [ln for ln in lines[:first] if not _DATE_LINE.match(ln)]
    if not head:
        raise ValueError("no headline found before the first paragraph")
    author: str | None = None
    if len(head) >= 2 and _BYLINE.match(head[-1]):
        author = head[-1]
        head = head[:-1]
    title = head[-1]
    other = tuple(ln for ln in lines[:first] if ln not in (title, author))
    return Header(title=title, author=author, other=other)


def normalise(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def check_citation(fact: Fact, paras: list[str]) -> str | None:
    """None when the key phrase is in the cited paragraph, else what is wrong."""
    n = fact.citation.paragraph
    if not 1 <= n <= len(paras):
        return f"¶{n} does not exist (the article has {len(paras)})"
    if normalise(fact.citation.key_phrase) not in normalise(paras[n - 1]):
        return f"key phrase {fact.citation.key_phrase!r} is not in ¶{n}"
    return None
