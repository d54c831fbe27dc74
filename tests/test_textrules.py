"""The text rules: own words, dates the article gives, regions its paragraph names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tajikmap import cli
from tajikmap.dataset import Dataset
from tajikmap.models import Background, Fact
from tajikmap.textrules import (
    MAX_SHARED_RUN,
    closeness,
    dates_in,
    fact_problems,
    names_region,
    role_problems,
    sentences,
)

PARA = (
    "Tajikistan has put hundreds of thousands of its troops on alert and recalled its reservists "
    "to test their combat readiness. Twenty thousand soldiers were sent to the Tajik–Afghan border."
)


def _fact(dataset: Dataset, **update: object) -> Fact:
    base = next(f for f in dataset.facts if f.year == 2021 and f.status == "reported")
    return base.model_copy(update=update)


def _source(dataset: Dataset, fact: Fact):  # type: ignore[no-untyped-def]
    return dataset.sources[fact.citation.source]


def test_sentences_split_a_paragraph() -> None:
    assert len(sentences(PARA)) == 2


def test_a_near_copy_is_too_close_and_own_words_are_not() -> None:
    copied = "Tajikistan put hundreds of thousands of its troops on alert and recalled its reservists."
    own = "Dushanbe mobilised a very large part of its army and called up reserves for a readiness check."
    assert closeness(copied, sentences(PARA)[0]).too_close
    assert not closeness(own, sentences(PARA)[0]).too_close


def test_names_and_numbers_do_not_count_towards_a_shared_run() -> None:
    names = "Emomali Rahmon Ahmad Shah Massoud Burhanuddin Rabbani Abdulaziz Kamilov 1991 2021"
    found = closeness("They met " + names + " there", "We saw " + names + " here")
    assert found.shared_run < MAX_SHARED_RUN


def test_eight_shared_words_are_too_close_even_when_the_rest_differs() -> None:
    shared = "the quiet old road winds slowly up the steep valley"
    found = closeness(
        "In a report of ours, " + shared + ", near a town.", "Somebody once wrote that " + shared + "."
    )
    assert found.shared_run >= MAX_SHARED_RUN
    assert found.too_close


def test_dates_in_finds_months_and_years() -> None:
    assert dates_in("Kabul fell in August 2021, talks on Oct. 13 and in May.") >= {
        "August",
        "2021",
        "October",
    }
    assert "May" not in dates_in("He may go")


def test_a_copied_statement_is_an_error_naming_both_texts(dataset: Dataset) -> None:
    fact = _fact(
        dataset,
        statement="Twenty thousand soldiers were sent to the Tajik–Afghan border by the government.",
        regions=["tj-af-border"],
    )
    problems = fact_problems(fact, PARA, _source(dataset, fact), dataset, "facts")
    wording = [p for p in problems if p.field == "statement" and "too close" in p.message]
    assert len(wording) == 1
    assert "Twenty thousand soldiers were sent" in wording[0].message  # both texts are named
    assert "border by the government" in wording[0].message


def test_a_month_the_paragraph_does_not_give_is_an_error_unless_background_explains_it(
    dataset: Dataset,
) -> None:
    fact = _fact(dataset, statement="In August 2021 Dushanbe mobilised its army.", regions=["tj-af-border"])
    source = _source(dataset, fact)
    months = [p for p in fact_problems(fact, PARA, source, dataset, "facts") if "'August'" in p.message]
    assert months, "an outside month must be flagged"
    explained = fact.model_copy(
        update={"background": [Background(text="The mobilisation began in August 2021.", basis="test")]}
    )
    assert not [
        p for p in fact_problems(explained, PARA, source, dataset, "facts") if "'August'" in p.message
    ]


def test_a_region_the_paragraph_does_not_name_is_an_error_unless_background_explains_it(
    dataset: Dataset,
) -> None:
    fact = _fact(dataset, statement="Dushanbe mobilised its army.", regions=["tj-af-border", "panjshir"])
    source = _source(dataset, fact)
    ties = [p for p in fact_problems(fact, PARA, source, dataset, "facts") if p.field == "regions"]
    assert [("panjshir" in p.message) for p in ties] == [True]  # the paragraph names the border
    explained = fact.model_copy(
        update={"background": [Background(text="Troops faced Panjshir.", basis="test", regions=["panjshir"])]}
    )
    assert not [p for p in fact_problems(explained, PARA, source, dataset, "facts") if p.field == "regions"]


def test_region_names_match_whole_words_with_dashes_folded(dataset: Dataset) -> None:
    border = dataset.regions["tj-af-border"]
    assert names_region("troops along the Tajik-Afghan border", border)
    kulyab = dataset.regions["kulyab"]
    assert names_region("the southern Kulyab region", kulyab)
    assert not names_region("the Kulyabi dialect", kulyab)


def test_a_role_text_copied_from_its_article_is_an_error(dataset: Dataset) -> None:
    region = dataset.regions["uzbekistan"]
    entry = region.years[2021].model_copy(update={"role": sentences(PARA)[1]})
    poisoned = region.model_copy(update={"years": {2021: entry}})
    regions = {**dataset.regions, "uzbekistan": poisoned}
    copy = Dataset(dataset.sources, dataset.actors, regions, dataset.facts, dataset.geodata)
    paragraphs = {s.id: [PARA] for s in dataset.source_for_year(2021)}
    problems = role_problems(copy, paragraphs, "regions.yaml")
    assert any(p.where == "uzbekistan" and "too close" in p.message for p in problems)


def test_validate_fails_on_a_copied_statement(
    data_copy: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_copy / "data" / "facts" / "2021-stand-against-taliban.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    statement: "
    start = text.index(marker) + len(marker)
    end = text.index("\n", start)
    copied = "It has an extensive mountainous border with Afghanistan that is difficult to control."
    path.write_text(text[:start] + copied + text[end:], encoding="utf-8")
    args = ["validate", str(data_copy / "data"), "--geodata", str(data_copy / "geodata")]
    code = cli.main([*args, "--sources", str(sources_dir)])
    out = capsys.readouterr().out
    assert code == 1
    assert "too close to ¶1" in out
    assert "extensive mountainous border" in out


def test_a_month_from_an_inferred_dating_must_be_background(dataset: Dataset) -> None:
    fact = next(f for f in dataset.facts if f.year == 1997)
    source = dataset.sources[fact.citation.source]
    assert source.event_date_inferred and "August" in source.dating
    dated = fact.model_copy(update={"statement": "In August 1997 there was fighting.", "background": []})
    problems = fact_problems(dated, "There was fighting.", source, dataset, "facts")
    assert any("'August'" in p.message for p in problems)


def test_the_title_names_the_articles_subject_for_every_paragraph(dataset: Dataset) -> None:
    fact = _fact(
        dataset, statement="The government mobilised the army.", regions=["tajikistan"], background=[]
    )
    source = _source(dataset, fact)
    assert "Tajikistan" in source.title
    assert not [
        p for p in fact_problems(fact, "The country mobilised.", source, dataset, "f") if p.field == "regions"
    ]


def test_without_the_article_texts_no_text_rule_runs(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    regions = data_copy / "data" / "regions.yaml"
    text = regions.read_text(encoding="utf-8")
    regions.write_text(text.replace("        role: ", "        role: In March 1990, ", 1), encoding="utf-8")
    args = ["validate", str(data_copy / "data"), "--geodata", str(data_copy / "geodata")]
    assert cli.main([*args, "--sources", str(data_copy / "no-such-folder")]) == 0
    assert "citations not checked" in capsys.readouterr().out
