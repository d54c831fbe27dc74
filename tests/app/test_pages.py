"""Every page through streamlit.testing.v1.AppTest: smoke, URL state, selection sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages._shared import SHARE_KEY
from tajikmap.dataset import Dataset
from tajikmap.paths import ROOT
from tajikmap.present import escape_markdown
from tajikmap.urlstate import OVERVIEW_CHOICE

APP = str(ROOT / "dashboard.py")
PAGES = [
    "pages/map.py",
    "pages/facts.py",
    "pages/sources.py",
    "pages/timeline.py",
    "pages/evidence.py",
    "pages/about.py",
]


def _app(*, embedded: bool = False, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    # What a browser reports for ?embed=true (Streamlit keeps embed out of st.query_params).
    at.context["is_embedded"] = embedded
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in (*at.header, *at.subheader)]
    parts += [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [h.value for h in at.html if "<style>" not in h.value and "<script>" not in h.value]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page: str) -> None:
    at = _app()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception
    assert not at.error


def test_map_defaults_to_first_year_overview() -> None:
    at = _app()
    assert at.radio(key="year").value == 1997
    assert at.radio(key="region").value == OVERVIEW_CHOICE
    assert "Tajikistan in 1997" in _texts(at)
    assert at.query_params == {"year": "1997"}


def test_url_opens_year_and_region() -> None:
    at = _app(year="2021", region="panjshir")
    assert at.radio(key="year").value == 2021
    assert at.radio(key="region").value == "panjshir"
    text = _texts(at)
    assert "Panjshir" in text and "98%" in text and "rumour" in text
    assert "Why Tajikistan Is Taking a Stand Against the Taliban \\(2021\\), ¶5" in text


@pytest.mark.parametrize(
    "params",
    [
        {"year": "1888"},
        {"year": "<script>alert(1)</script>"},
        {"year": "2021", "region": "x" * 10_000},
        {"region": "\u202eevil\u0000"},
        {"year": "2021", "region": "kulyab"},
        {"year": "[1997]", "region": "<img src=x onerror=alert(1)>"},
    ],
)
def test_hostile_urls_fall_back_with_a_notice(params: dict[str, str]) -> None:
    at = _app(**params)
    assert not at.exception
    assert at.radio(key="year").value in (1997, 2021)
    assert at.radio(key="region").value == OVERVIEW_CHOICE
    assert at.info, "a short notice explains what was ignored"
    for value in params.values():
        if len(value) > 4 and not value.isdigit():
            assert value not in _texts(at)


def test_region_list_drives_the_panel_and_url() -> None:
    at = _app()
    assert at.radio(key="region").options[0] == "Overview (no region)"
    at.radio(key="region").set_value("southwest").run()
    text = _texts(at)
    assert "Khudoberdiyev" in text and "remained loyal to the government" in text
    assert at.query_params == {"year": "1997", "region": "southwest"}
    at.radio(key="region").set_value(OVERVIEW_CHOICE).run()  # back to the overview
    assert "Tajikistan in 1997" in _texts(at)
    assert "region" not in at.query_params


def test_share_popover_is_drawn_only_while_open() -> None:
    at = _app(year="2021", region="panjshir")
    assert not at.code and not at.get("download_button")  # closed: nothing of it is sent
    at.session_state[SHARE_KEY] = True  # what opening it in the browser sets
    at.run()
    links = [c.value for c in at.code]
    assert any(link.endswith("?year=2021&region=panjshir") for link in links)
    at.session_state[SHARE_KEY] = False
    at.run()
    assert not at.code


def test_share_popover_holds_link_and_download() -> None:
    at = _app(year="2021", region="panjshir")
    at.session_state[SHARE_KEY] = True
    at.run()
    links = [c.value for c in at.code]
    assert any(link.endswith("?year=2021&region=panjshir") for link in links)
    page, *images = at.get("download_button")
    assert page.proto.label == "Download this map (offline HTML)"
    labels = " ".join(b.proto.label for b in images)
    assert all(kind in labels for kind in ("PNG", "SVG", "PDF")), labels


def test_year_switch_keeps_a_region_that_exists_in_both(dataset: Dataset) -> None:
    at = _app(year="1997", region="tj-af-border")
    assert "1,000" in _texts(at)
    at.radio(key="year").set_value(2021).run()
    assert at.radio(key="region").value == "tj-af-border"
    text = _texts(at)
    facts = dataset.facts_for("tj-af-border", 2021)
    assert facts and all(escape_markdown(f.statement) in text for f in facts)  # the 2021 panel, every fact


def test_year_switch_drops_a_region_missing_in_the_new_year() -> None:
    at = _app(year="1997", region="kulyab")
    assert not at.info
    at.radio(key="year").set_value(2021).run()
    assert not at.exception
    assert at.radio(key="region").value == OVERVIEW_CHOICE
    notices = [i.value for i in at.info]
    assert len(notices) == 1 and "Kulyab" in notices[0] and "2021" in notices[0] and "overview" in notices[0]
    at.radio(key="region").set_value("tj-af-border").run()  # a choice in the new year leaves it
    assert [i.value for i in at.info] == notices
    at.radio(key="year").set_value(1997).run()  # the notice is for the switch, not for good
    assert not at.info


def test_year_switch_that_keeps_the_region_gives_no_notice() -> None:
    at = _app(year="1997", region="tj-af-border")
    at.radio(key="year").set_value(2021).run()
    assert not at.info


def test_map_page_opens_with_a_title_and_an_introduction() -> None:
    at = _app()
    assert at.title and at.title[0].value == "Who holds sway in Tajikistan and along its Afghan border"
    first = at.markdown[0].value
    assert "click a region" in first and "From *" not in first  # the introduction, not the dating


def test_panel_heading_ties_the_article_name_to_todays_label() -> None:
    at = _app(year="1997", region="kulyab")
    assert at.header[0].value == "Kulyab \\(today's Kulob area\\)"
    at.radio(key="region").set_value("southwest").run()
    assert at.header[0].value == "Southwest \\(Kurgan\\-Tyube, today's Bokhtar area\\)"


def test_broken_data_shows_an_error_page(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = data_copy / "data" / "facts" / "1997-war-widens-cracks.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("year: 1997", "year: soon", 1))
    monkeypatch.setenv("TAJIKMAP_DATA_DIR", str(data_copy / "data"))
    monkeypatch.setenv("TAJIKMAP_GEODATA_DIR", str(data_copy / "geodata"))
    at = _app()
    assert not at.exception
    assert at.error and "cannot start" in at.error[0].value
    assert "1997-war-widens-cracks.yaml" in at.code[0].value
    assert not at.radio  # no half-drawn map


def test_map_view_survives_a_visit_to_another_page() -> None:
    at = _app(year="2021", region="panjshir")
    at.switch_page("pages/facts.py").run()
    at.switch_page("pages/map.py").run()
    assert at.radio(key="year").value == 2021
    assert at.radio(key="region").value == "panjshir"


def test_embed_layout_and_copy_link() -> None:
    assert [round(c.weight, 2) for c in _app(year="2021").columns] == [0.71, 0.29]  # map beside the panel
    at = _app(year="2021", region="panjshir", embed="true", embedded=True)
    assert not at.exception and not at.info  # embed is a known parameter, no notice
    assert list(at.columns) == []  # map first, panel below
    at.session_state[SHARE_KEY] = True
    at.run()
    links = [c.value for c in at.code]
    assert any(link.endswith("?year=2021&region=panjshir&embed=true") for link in links)


def test_the_panels_small_print_is_in_the_text_colour_not_captions_grey() -> None:
    # st.caption's faded grey is ~3.9:1 at 14 px, under WCAG's 4.5:1 for small text.
    at = _app(year="1997", region="tj-af-border")  # also-known-as, evidence, background, facts
    assert not at.exception
    assert len(at.caption) == 0
    assert any(":small[" in m.value for m in at.markdown)
