"""Split the source articles into numbered paragraphs (¶1 … ¶N) to check citations.

The articles themselves live outside the repo (``../shared/sources/``); this
module follows their README: count the non-empty lines of the article body,
after the headline (or the byline, where there is one), skipping page furniture.
"""

from __future__ import annotations

from pathlib import Path

from tajikmap.models import Fact, Source

FURNITURE = ("Get the latest updates", "Pages", "No comments:", "Post a Comment", ". Last Updated")


def paragraphs(source: Source, sources_dir: Path) -> list[str]:
    lines = [ln.strip() for ln in (sources_dir / source.file).read_text("utf-8").splitlines()]
    body = [ln for ln in lines if ln and not ln.startswith(FURNITURE)]
    marker = source.author if source.author else source.title
    start = body.index(marker) + 1
    return body[start:]


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
