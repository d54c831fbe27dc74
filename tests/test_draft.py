"""``tajikmap draft``: the grammar (figures, cues, dates), the gazetteer, the draft file,
bad input, the validate guard, and the measured recall on the two articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tajikmap import cli
from tajikmap.articles import check_citation, normalise
from tajikmap.dataset import Dataset
from tajikmap.dating import RefDate, dates_in
from tajikmap.draft import draft_article
from tajikmap.draftcheck import check, load_curated
from tajikmap.draftsource import DraftError
from tajikmap.extract import cues_in, figure_kind, figures_in, sentences, strongest
from tajikmap.gazetteer import Gazetteer, find, load_gazetteer
from tajikmap.models import Citation, Fact
from tajikmap.paths import DATA_DIR, GEODATA_DIR


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(DATA_DIR, GEODATA_DIR)


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        (
            "Tajikistan promised to take in up to 100,000 Afghan refugees.",
            100_000,
            "up to",
            "Afghan refugees",
        ),
        (
            "Tajiks comprise over 46 percent of Afghanistan's population",
            46,
            "over",
            "% of Afghanistan's population",
        ),
        ("Twenty thousand soldiers were sent to the border.", 20_000, "exact", "soldiers"),
        ("only several thousand troops are based there", 1_000, "over", "troops"),
        ("put hundreds of thousands of its troops on alert", 100_000, "over", "troops"),
        ("has already accrued over $11 million in debt", 11_000_000, "over", "USD"),
        ("strung out along the 1,000- kilometer border", 1_000, "exact", "km"),
        ("estimates hover around 20 percent.", 20, "about", "%"),
        ("just 1.5% of the country's total trade volume", 1.5, "exact", "% of the country's total trade"),
        ("one of three key regional powers", 3, "exact", "key regional powers"),
    ],
)
def test_figures_with_qualifier_and_unit(text: str, value: float, qualifier: str, unit: str) -> None:
    (fig,) = figures_in(text)
    assert (fig.value, fig.qualifier, normalise(fig.unit)) == (value, qualifier, unit)


@pytest.mark.parametrize(
    "text",
    ["for the first time since declaring independence in 1991", "negotiations in Paris on Oct. 13, when"],
)
def test_years_and_days_are_not_figures(text: str) -> None:
    assert figures_in(text) == []


def test_twice_counts() -> None:
    assert [(f.value, f.unit) for f in figures_in("Twice in 20 months he has raised his troops")] == [
        (2.0, "times"),
        (20.0, "months"),
    ]


def test_a_figure_takes_the_kind_of_its_own_clause() -> None:
    s = "According to Rahmon, Tajiks are over 46 percent, though researchers' guesses estimate about 20%."
    kinds = [figure_kind(s, f) for f in figures_in(s)]
    assert kinds == ["claim", "estimate"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("allegedly supporting the opposition (though Dushanbe denies this)", "denial"),
        ("There have been persistent rumors that Tajikistan is aiding them", "rumour"),
        ("the Tajik military is believed to be the weakest in Central Asia", "estimate"),
        ("the only country in the region that promised to take in refugees", "promise"),
        ("Rahmon has repeatedly said that Tajikistan will not recognize it", "claim"),
        ("Twenty thousand soldiers were sent to the Afghan border.", "reported"),
    ],
)
def test_status_cues(text: str, status: str) -> None:
    assert strongest(cues_in(text)) == status


REF = RefDate(2021, 11, 1)


@pytest.mark.parametrize(
    ("text", "ref", "date", "precision"),
    [
        ("The Kremlin last month brokered a peace deal", REF, "2021-10", "month"),
        ("that figure was already 10,000 in early September", REF, "2021-09", "month"),
        ("the talks planned in December", REF, "2020-12", "month"),
        ("for the first time since 1991, troops", REF, "1991", "year"),
        ("analysts said Monday", REF, "2021-11-01", "day"),
        ("analysts said Thursday", REF, "2021-10-28", "day"),
        ("in Paris on Oct. 13, when", REF, "2021-10-13", "day"),
        ("Back in the summer, Tajikistan", REF, "2021-07", "approximate"),
        ("The Kremlin last month brokered a peace deal", RefDate(1997), "1997", "approximate"),
        ("the mutiny of January 1996", RefDate(1997), "1996-01", "month"),
    ],
)
def test_dates_resolve_against_the_article(text: str, ref: RefDate, date: str, precision: str) -> None:
    (found,) = dates_in(text, ref)
    assert (found.date, found.precision) == (date, precision)


def test_sentences_do_not_break_after_abbreviations() -> None:
    para = 'He went to Paris on Oct. 13, when they met. "It is late," he said. Then U.S. officials came.'
    assert len(sentences(para)) == 3


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("the road to Khorog", "east"),  # a town, tied to the smallest polygon holding its point
        ("the valley around Bazarak", "panjshir"),
        ("who is based in southwestern Tajikistan", "southwest"),
        ("industrial bosses in northern and western parts", "north"),
        ("the Gorno-Badakhshan mountains", "east"),
        ("15,000 Afghan refugees", "afghanistan"),
        ("troops on the border", "tj-af-border"),
    ],
)
def test_places_are_tied_to_regions(gaz: Gazetteer, text: str, region: str) -> None:
    assert region in {m.target for m in find(text, gaz.places)}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("the pro-Moscow Tajik President Imomali Rakhmonov", "rahmon"),
        ('"Rakhmonov is looking weaker," the foreign diplomat said', "foreign-diplomat"),
        ("according to Susarev, whose think tank", "andrei-susarev"),
        ("most researchers' estimates", "researchers"),
        ("between the government and the opposition", "uto"),
        ("the National Resistance Front of Afghanistan in Panjshir", "nrf"),
    ],
)
def test_actors_by_name_part_surname_and_description(gaz: Gazetteer, text: str, actor: str) -> None:
    assert actor in {m.target for m in find(text, gaz.actors)}


ARTICLE = """Get the latest updates as we post them

3 March 2024

Border Talks Stall Again

Jane Roe

Talks between Dushanbe and the Taliban stalled last month, officials said, and up to 5,000 troops \
remain near Kulob.

The Ministry of Water Resources denies that the dam at Nurek is at risk, though local engineers \
have spread rumours of cracks.

No comments:
"""


def _draft(gaz: Gazetteer, text: str = ARTICLE, year: int = 2024) -> dict[str, object]:
    return yaml.safe_load(draft_article(text, "border-talks-2024", year, DATA_DIR, gaz, "x.txt").as_yaml())


def test_a_draft_proposes_metadata_with_where_it_came_from(gaz: Gazetteer) -> None:
    source = _draft(gaz)["source"]
    assert isinstance(source, dict)
    assert source["title"] == {"value": "Border Talks Stall Again", "from": "Border Talks Stall Again"}
    assert source["author"]["value"] == "Jane Roe"
    assert source["date_candidates"] == [
        {"date": "2024-03-03", "precision": "day", "from": "3 March 2024", "kind": "printed date"}
    ]
    assert source["paragraphs"] == 2


def test_candidates_are_drafts_with_citations_and_no_copied_statement(gaz: Gazetteer) -> None:
    draft = draft_article(ARTICLE, "border-talks-2024", 2024, DATA_DIR, gaz, "x.txt")
    first = draft.facts[0]
    assert first["review"] == "draft"
    assert first["statement"] == "TODO"
    assert first["date"] == "2024-02" and first["date_precision"] == "month"
    assert {"dushanbe", "kulyab"} <= set(first["regions"])
    assert "taliban" in first["actors"]
    assert first["status"] == "claim"
    assert [(f["value"], f["qualifier"]) for f in first["figures"]] == [(5000.0, "up to")]
    for cand in draft.facts:
        fact = Fact.model_construct(citation=Citation.model_validate(cand["citation"]))
        assert check_citation(fact, draft.paragraphs) is None
        assert normalise(cand["statement"]) not in normalise(" ".join(draft.paragraphs))
    assert draft.facts[1]["status"] == "denial"
    assert draft.facts[1]["claimed_by"] == ["TODO"]  # "The Ministry of Water Resources": not a known actor
    assert draft.facts[1]["proposals"]["cues"][0]["speaker"] == "Ministry of Water Resources"
    assert {"name": "Ministry of Water Resources", "paragraphs": [2], "id": "TODO"} in draft.new_actors


def _run(tmp_path: Path, text: str | bytes, *extra: str) -> tuple[int, Path]:
    article = tmp_path / "article.txt"
    if isinstance(text, bytes):
        article.write_bytes(text)
    else:
        article.write_text(text, "utf-8")
    out = tmp_path / "out" / "d.draft.yaml"
    code = cli.main(
        ["draft", str(article), "--source-id", "x-2024", "--year", "2024", "--out", str(out), *extra]
    )
    return code, out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        (b"caf\xe9 au lait", "is not UTF-8 text"),
        ("\n\n   \nPages\n", "is empty"),
        ("Headline\n\nshort line\nanother short line\n", "the paragraph rule found nothing"),
        (ARTICLE.replace("2024", "2019"), "year 2024 is unknown"),
    ],
)
def test_bad_input_gets_a_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | bytes, message: str
) -> None:
    code, out = _run(tmp_path, text)
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and "Traceback" not in err
    assert not out.exists() and not out.parent.exists()


def test_an_existing_draft_survives_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(tmp_path, ARTICLE)
    assert code == 0
    before = out.read_text("utf-8")
    code, _ = _run(tmp_path, "")
    assert code == 1 and out.read_text("utf-8") == before
    assert list(out.parent.iterdir()) == [out]


def test_validate_refuses_a_draft_in_data_facts(
    data_copy: Path, gaz: Gazetteer, capsys: pytest.CaptureFixture[str]
) -> None:
    target = data_copy / "data" / "facts" / "border-talks-2024.draft.yaml"
    target.write_text(draft_article(ARTICLE, "border-talks-2024", 2024, DATA_DIR, gaz).as_yaml(), "utf-8")
    code = cli.main(["validate", str(data_copy / "data"), "--geodata", str(data_copy / "geodata")])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{target}: line ") and "2 draft fact(s) not yet reviewed" in lines[0]


def _measure(dataset: Dataset, sources_dir: Path, gaz: Gazetteer) -> list[dict[str, object]]:
    results = []
    for source in dataset.sources.values():
        text = (sources_dir / source.file).read_text("utf-8")
        draft = draft_article(text, source.id, source.year, DATA_DIR, gaz, source.file)
        curated = load_curated(DATA_DIR / "facts" / source.file.replace(".txt", ".yaml"), source.id)
        results.append(check(draft, curated))
    return results


def test_drafting_the_two_articles_finds_the_curated_figures_and_ties(
    dataset: Dataset, sources_dir: Path, gaz: Gazetteer
) -> None:
    results = _measure(dataset, sources_dir, gaz)

    def total(key: str, part: str) -> int:
        return sum(int(r[key][part]) for r in results)  # type: ignore[index]

    assert total("figures", "found") >= 0.9 * total("figures", "of")
    assert total("region_ties", "found") >= 0.8 * total("region_ties", "of")


def test_check_reports_and_saves_the_numbers(
    tmp_path: Path, dataset: Dataset, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = dataset.sources["stand-against-taliban-2021"]
    curated = DATA_DIR / "facts" / "2021-stand-against-taliban.yaml"
    saved = tmp_path / "r.json"
    args = ["draft", str(sources_dir / source.file), "--source-id", source.id, "--year", "2021"]
    assert cli.main([*args, "--check", str(curated), "--json", str(saved)]) == 0
    out = capsys.readouterr().out
    numbers = json.loads(saved.read_text("utf-8"))
    assert f"({numbers['figures']['found']}/{numbers['figures']['of']})" in out
    assert numbers["curated_facts"] == numbers["facts_matched_to_a_candidate"] > 0


def test_check_scores_a_wrong_draft_low(dataset: Dataset, sources_dir: Path, gaz: Gazetteer) -> None:
    source = dataset.sources["stand-against-taliban-2021"]
    text = (sources_dir / source.file).read_text("utf-8")
    draft = draft_article(text, source.id, 2021, DATA_DIR, gaz)
    for cand in draft.facts:
        cand["regions"], cand["figures"] = ["uzbekistan"], []
    result = check(draft, load_curated(DATA_DIR / "facts" / "2021-stand-against-taliban.yaml", source.id))
    assert result["figures"]["found"] == 0
    assert result["region_ties"]["recall"] < 0.1


def test_a_bad_source_id_is_refused(gaz: Gazetteer) -> None:
    with pytest.raises(DraftError, match="lower-case words"):
        draft_article(ARTICLE, "Not An Id", 2024, DATA_DIR, gaz)


def test_ties_the_paragraph_does_not_name_get_a_background_to_write(gaz: Gazetteer) -> None:
    draft = draft_article(ARTICLE, "border-talks-2024", 2024, DATA_DIR, gaz)
    second = draft.facts[1]
    assert second["proposals"]["places"] == []
    assert second["regions"] and second["background"] == [
        {"text": "TODO", "basis": "the region the article names most", "regions": [r]}
        for r in second["regions"]
    ]
    # Dushanbe and Kulob are region names; Afghanistan comes from the Taliban's sway in 2021.
    assert draft.facts[0]["background"] == [
        {
            "text": "TODO",
            "basis": "taliban holds sway there (data/regions.yaml, another year)",
            "regions": ["afghanistan"],
        }
    ]
    assert [c["date_inferred"] for c in draft.facts] == [False, True]


def test_a_reviewed_candidate_is_a_valid_fact(gaz: Gazetteer) -> None:
    """Once a person writes the statement and drops the draft markers, the schema accepts it."""
    for cand in _draft(gaz)["facts"]:  # type: ignore[union-attr]
        reviewed = {k: v for k, v in cand.items() if k not in ("review", "proposals")}
        reviewed["statement"] = "Written by a person."
        reviewed["claimed_by"] = ["tajik-government" if a == "TODO" else a for a in cand["claimed_by"]]
        Fact.model_validate(reviewed)


def test_draft_needs_out_or_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, "utf-8")
    assert cli.main(["draft", str(article), "--source-id", "x-2024", "--year", "2024"]) == 2
    assert "give --out" in capsys.readouterr().err


def test_an_unwritable_out_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out" / "d.draft.yaml").mkdir(parents=True)  # a folder where the file should go
    code, out = _run(tmp_path, ARTICLE)
    err = capsys.readouterr().err
    assert code == 1 and "cannot be written" in err and "Traceback" not in err
    assert out.is_dir() and list(out.parent.iterdir()) == [out]


def test_a_tie_the_title_names_needs_no_background(gaz: Gazetteer) -> None:
    titled = ARTICLE.replace("Border Talks Stall Again", "Dushanbe Talks Stall Again")
    second = draft_article(titled, "border-talks-2024", 2024, DATA_DIR, gaz).facts[1]
    assert second["regions"] == ["dushanbe"] and second["background"] == []
