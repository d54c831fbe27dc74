"""Every citation points at a paragraph that really contains its key phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from tajikmap.articles import check_citation, find_header, paragraphs, split_body
from tajikmap.dataset import Dataset
from tajikmap.models import numbers_in


def test_paragraph_counts_follow_the_sources_readme(dataset: Dataset, sources_dir: Path) -> None:
    for source in dataset.sources.values():
        paras = paragraphs(source, sources_dir)
        assert len(paras) == source.paragraphs
    p97 = paragraphs(dataset.sources["war-widens-cracks-1997"], sources_dir)
    assert p97[0].startswith("The last few days of fighting")
    assert p97[19].startswith('"It would not be a unified state')
    p21 = paragraphs(dataset.sources["stand-against-taliban-2021"], sources_dir)
    assert p21[0].startswith("In recent weeks, Tajikistan")
    assert p21[18].startswith("Assuming that the situation")


def test_the_draft_finds_the_same_body_without_a_source_record(dataset: Dataset, sources_dir: Path) -> None:
    for source in dataset.sources.values():
        text = (sources_dir / source.file).read_text("utf-8")
        header = find_header(text)
        assert (header.title, header.author) == (source.title, source.author)
        assert split_body(text, header.marker) == paragraphs(source, sources_dir)


def test_find_header_reads_a_byline_after_the_headline() -> None:
    text = "Pages\n\n2 May 2024\n\nA Headline Here\n\nAnna Lee\n\n" + "Word " * 12 + "end.\n\nLast.\n"
    header = find_header(text)
    assert (header.title, header.author, header.other) == ("A Headline Here", "Anna Lee", ("2 May 2024",))
    assert split_body(text, header.marker) == ["Word " * 12 + "end.", "Last."]


@pytest.mark.parametrize(
    "text", ["", "Headline\n\nshort\n", "Only prose, no headline at all, just one long sentence here.\n"]
)
def test_find_header_says_when_the_rule_finds_nothing(text: str) -> None:
    with pytest.raises(ValueError, match=r"no (paragraph|headline) found"):
        find_header(text)


def test_split_body_names_a_missing_marker() -> None:
    with pytest.raises(ValueError, match="no line 'Nope'"):
        split_body("Title\n\nBody.\n", "Nope")


def test_every_key_phrase_is_in_its_paragraph(dataset: Dataset, sources_dir: Path) -> None:
    cache = {s.id: paragraphs(s, sources_dir) for s in dataset.sources.values()}
    errors = [
        f"{f.id}: {err}"
        for f in dataset.facts
        if (err := check_citation(f, cache[f.citation.source])) is not None
    ]
    assert errors == []


def test_a_wrong_paragraph_is_reported(dataset: Dataset, sources_dir: Path) -> None:
    fact = next(f for f in dataset.facts if f.citation.paragraph == 3)
    moved = fact.model_copy(update={"citation": fact.citation.model_copy(update={"paragraph": 4})})
    paras = paragraphs(dataset.sources[fact.citation.source], sources_dir)
    assert "is not in ¶4" in (check_citation(moved, paras) or "")


def test_every_paragraph_yields_a_fact_or_a_reason(dataset: Dataset) -> None:
    for source in dataset.sources.values():
        cited = {f.citation.paragraph for f in dataset.facts if f.citation.source == source.id}
        missing = set(range(1, source.paragraphs + 1)) - cited - set(source.no_fact_paragraphs)
        assert not missing, (source.id, sorted(missing))


def test_statements_are_own_words(dataset: Dataset, sources_dir: Path) -> None:
    """No statement copies a run of 7+ words from its paragraph (key phrases may)."""
    for fact in dataset.facts:
        para = paragraphs(dataset.sources[fact.citation.source], sources_dir)[fact.citation.paragraph - 1]
        words = fact.statement.lower().replace("’", "'").split()
        source_text = " ".join(para.lower().replace("’", "'").split())
        runs = [" ".join(words[i : i + 7]) for i in range(len(words) - 6)]
        assert not [r for r in runs if r in source_text], fact.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20,000 troops", {20000.0}),
        ("over $11 million", {11.0, 11_000_000.0}),
        ("1.5% of trade", {1.5}),
        ("twice in 20 months", {2.0, 20.0}),
        ("the 1,000-km border", {1000.0}),
    ],
)
def test_numbers_in(text: str, expected: set[float]) -> None:
    assert numbers_in(text) == expected
