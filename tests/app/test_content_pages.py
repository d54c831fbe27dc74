"""Facts, Timeline, Sources, Evidence and About through AppTest: URL views, plain words, plurals."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tajikmap.credits import source_date
from tajikmap.dataset import Dataset
from tajikmap.paths import ROOT
from tajikmap.timeline import eras, timeline_events

APP = str(ROOT / "dashboard.py")
JARGON = re.compile(r"WGS84|pyproj|Geod\b|admin-1|TJK-\d|Voronoi|geobuild", re.IGNORECASE)


def _page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(page).run()
    # As in a browser, which opens another page without the Map's query string;
    # ``params`` is a link opened on this page (the URL changed from outside).
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


CARD = re.compile(r'<article class="fact-card".*?</article>')


def _cards(at: AppTest) -> list[str]:
    """The fact cards on the page (one HTML block of them: tajikmap.factcard)."""
    return [card for block in at.html for card in CARD.findall(str(block.proto.body))]


def _query(at: AppTest) -> dict[str, str]:
    return {k: v[-1] if isinstance(v, list) else v for k, v in at.query_params.items()}


def test_facts_page_opens_the_view_its_link_names(dataset: Dataset) -> None:
    at = _page("pages/facts.py", year="2021", status="rumour,denial")
    assert at.multiselect(key="facts_years").value == [2021]
    assert at.multiselect(key="facts_statuses").value == ["rumour", "denial"]
    cards = _cards(at)
    expected = [f for f in dataset.facts if f.year == 2021 and f.status in ("rumour", "denial")]
    assert len(cards) == len(expected) > 0
    assert all(re.search(r'fact-badge-other">(rumour|denial)</span>', c) for c in cards)
    assert any(f"{len(expected)} of {len(dataset.facts)} facts" in m.value for m in at.markdown)
    assert not at.info


def test_facts_widgets_write_the_url_and_clear_resets() -> None:
    at = _page("pages/facts.py")
    assert _query(at) == {}
    at.multiselect(key="facts_statuses").set_value(["claim"]).run()
    at.text_input(key="facts_query").set_value("Russia").run()
    assert _query(at) == {"status": "claim", "q": "Russia"}
    assert _cards(at) and all('fact-badge-other">claim</span>' in c for c in _cards(at))
    at.button[0].click().run()  # "Show all facts"
    assert _query(at) == {}
    assert at.text_input(key="facts_query").value == ""


def test_facts_come_ten_at_a_time_and_a_new_view_starts_again(dataset: Dataset) -> None:
    at = _page("pages/facts.py")
    assert len(_cards(at)) == 10
    more = next(b for b in at.button if b.label.startswith("Show 10 more facts"))
    assert more.label == f"Show 10 more facts (10 of {len(dataset.facts)} shown)"
    more.click().run()
    assert len(_cards(at)) == 20
    at.multiselect(key="facts_years").set_value([1997]).run()
    assert len(_cards(at)) == 10


def test_facts_odd_link_values_are_ignored_with_a_notice() -> None:
    at = _page("pages/facts.py", status="<script>alert(1)</script>", region="panjshir")
    assert [i.value for i in at.info] == [
        "Part of the link's status filter was not recognised and is ignored."
    ]
    assert at.multiselect(key="facts_regions").value == ["panjshir"]
    assert _query(at) == {"region": "panjshir"}  # the address bar drops what was ignored


def test_facts_downloads_hold_the_facts_shown(dataset: Dataset) -> None:
    at = _page("pages/facts.py", region="panjshir")
    shown = [f.id for f in dataset.facts if "panjshir" in f.regions]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [f"Download {len(shown)} facts (CSV)", f"Download {len(shown)} facts (JSON)"]


def test_timeline_shows_every_era_and_event(dataset: Dataset) -> None:
    at = _page("pages/timeline.py")
    headers = [h.value for h in at.header]
    assert headers == [e.label for e in eras(timeline_events(dataset))]
    text = "\n".join(str(m.value) for m in at.markdown)
    for event in timeline_events(dataset):
        assert event.title.split(";")[0].split("(")[0].strip()[:20] in text.replace("\\", "")
    assert "(inferred)" in text.replace("\\", "")  # date labels mark inferred dates
    # One colour per article on the whole page: every badge for an article has one colour.
    colours: dict[str, set[str]] = {}
    for colour, year in re.findall(r":(\w+)-badge\[(\d{4})\]", text):
        colours.setdefault(year, set()).add(colour)
    assert set(colours) == {"1997", "2021"} and all(len(c) == 1 for c in colours.values())
    assert colours["1997"] != colours["2021"]


def test_timeline_event_opens_the_map_on_its_region(dataset: Dataset) -> None:
    at = _page("pages/timeline.py")
    found = eras(timeline_events(dataset))
    era = next(i for i, e in enumerate(found) if any("Kabul" in ev.title for ev in e.events))
    kabul = next(ev for ev in found[era].events if "Kabul" in ev.title)
    box = at.selectbox(key=f"event-{era}")
    box.set_value(next(o for o in box.options if kabul.title in o)).run()
    at.button(key=f"open-{era}").click().run()
    assert not at.exception
    assert at.radio(key="year").value == 2021
    assert at.radio(key="region").value == "afghanistan"


def test_timeline_pickers_offer_every_event_by_its_date_and_title(dataset: Dataset) -> None:
    # "(Tajikistan (whole country), 2021 map)" after each title cut every option short on a phone.
    at = _page("pages/timeline.py")
    for i, era in enumerate(eras(timeline_events(dataset))):
        options = at.selectbox(key=f"event-{i}").options
        assert len(set(options)) == len(era.events)
        assert options == [f"{e.date_label}: {e.title}" for e in era.events]  # no two alike in this data


def _outside_expanders(at: AppTest) -> str:
    inside = {id(m) for exp in at.expander for m in exp.markdown}
    inside |= {id(c) for exp in at.expander for c in exp.caption}
    parts = [m.value for m in at.markdown if id(m) not in inside]
    parts += [c.value for c in at.caption if id(c) not in inside]
    parts += [h.value for h in (*at.title, *at.header, *at.subheader)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", ["pages/evidence.py", "pages/about.py", "pages/sources.py"])
def test_plain_words_first_method_behind_an_expander(page: str) -> None:
    at = _page(page)
    assert not JARGON.search(_outside_expanders(at)), JARGON.findall(_outside_expanders(at))
    if page != "pages/sources.py":
        inside = "\n".join(str(m.value) for exp in at.expander for m in exp.markdown)
        assert JARGON.search(inside)  # the method is still there, one click away


def test_sources_paragraph_labels_count_facts_right(dataset: Dataset) -> None:
    at = _page("pages/sources.py")
    labels = [e.label for e in at.expander]
    assert any(re.match(r"¶\d+ — 1 fact \(", lbl) for lbl in labels)
    assert not any(re.search(r"\b1 facts\b", lbl) for lbl in labels)
    # Each paragraph still lists its facts with status, speaker and the key phrase.
    inside = "\n".join(str(m.value) for exp in at.expander for m in exp.markdown)
    assert "**rumour**, according to" in inside and "key phrase" in inside


@pytest.mark.parametrize("page", ["pages/about.py", "pages/sources.py"])
def test_the_date_in_plain_words_and_how_it_was_worked_out_folded(page: str, dataset: Dataset) -> None:
    # The 1997 dating is a paragraph of reasoning: it led each article's entry, before
    # anything a reader came for.
    at = _page(page)
    outside = _outside_expanders(at).replace("\\", "")
    inside = "\n".join(str(m.value) for exp in at.expander for m in exp.markdown).replace("\\", "")
    for src in dataset.sources.values():
        assert source_date(src) in outside
        assert src.dating not in outside
        assert src.dating in inside
