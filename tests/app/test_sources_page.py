"""The Sources page: each paragraph's extracted facts, their statuses, speakers and background."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tajikmap.dataset import Dataset
from tajikmap.paths import ROOT
from tajikmap.present import plural


def _text(at: AppTest) -> str:
    """The page's Markdown as a reader sees it (Markdown escapes removed)."""
    return "\n".join(str(m.value) for m in at.markdown).replace("\\", "")


def _sources_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    return at


def test_every_paragraph_lists_its_facts_and_statuses(dataset: Dataset) -> None:
    at = _sources_page()
    labels = [e.label for e in at.expander]
    for src in dataset.sources.values():
        facts = [f for f in dataset.facts if f.citation.source == src.id]
        for n in range(1, src.paragraphs + 1):
            para = [f for f in facts if f.citation.paragraph == n]
            expected = f"¶{n} — {plural(len(para), 'fact')}"
            if para:
                expected += f" ({', '.join(sorted({f.status for f in para}))})"
            assert any(label.startswith(expected) for label in labels), expected


def test_the_1997_date_reads_as_inferred() -> None:
    assert "August 1997 (inferred)" in _text(_sources_page())


def test_speakers_are_named(dataset: Dataset) -> None:
    text = _text(_sources_page())
    for claim in (f for f in dataset.facts if f.claimed_by):
        assert f"according to {dataset.actors[claim.claimed_by[0]].name}" in text
