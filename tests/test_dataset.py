"""The loader and its cross-record checks, on the real data and on broken copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tajikmap.dataset import Dataset, load_dataset
from tajikmap.problems import DataError


def test_real_data_loads(dataset: Dataset) -> None:
    assert dataset.years() == [1997, 2021]
    per_year = {y: len(dataset.facts_in(y)) for y in dataset.years()}
    # The issue asks for every claim: roughly 35-50 per article.
    assert all(30 <= n <= 60 for n in per_year.values()), per_year


def test_every_region_of_a_year_has_facts(dataset: Dataset) -> None:
    for year in dataset.years():
        for region in dataset.regions_in(year):
            assert dataset.facts_for(region.id, year), (region.id, year)


def test_facts_for_is_filtered_and_ordered(dataset: Dataset) -> None:
    facts = dataset.facts_for("panjshir", 2021)
    assert facts and all("panjshir" in f.regions and f.year == 2021 for f in facts)
    paras = [f.citation.paragraph for f in facts]
    assert paras == sorted(paras)
    assert dataset.facts_for("panjshir", 1997) == []


def test_opposite_claims_stay_side_by_side(dataset: Dataset) -> None:
    """Rahmon's 46% and the researchers' 20% are both there, both labelled."""
    figs = {
        (fig.kind, fig.value)
        for f in dataset.facts_for("afghanistan", 2021)
        for fig in f.figures
        if "Tajiks" in fig.label
    }
    assert ("claim", 46) in figs and ("estimate", 20) in figs
    statuses = {f.status for f in dataset.facts_for("panjshir", 2021)}
    assert {"rumour", "denial"} <= statuses


def test_region_ids_match_geodata(dataset: Dataset) -> None:
    assert set(dataset.regions) <= set(dataset.geodata.layers)
    used = {r for f in dataset.facts for r in f.regions}
    assert used <= set(dataset.regions)


def _edit_yaml(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


FACTS_1997 = "data/facts/1997-war-widens-cracks.yaml"
DATED_1997 = (
    '    date: "{date}"\n    date_precision: month\n    date_inferred: true\n    regions: [tajikistan]'
)

# (file, old text, new text, expected fragment of the problem line)
BROKEN = [
    (FACTS_1997, "facts:\n", "facts:\n  - [unclosed\n", "is not valid YAML"),
    (FACTS_1997, "    year: 1997\n", "    year: nineteen\n", "year: Input should be a valid integer"),
    (
        FACTS_1997,
        "regions: [tajikistan]",
        "regions: [atlantis]",
        "regions: unknown region 'atlantis'",
    ),
    (FACTS_1997, "id: f97-unity-threatened", "id: f97-fighting-derails-peace", "fact id is used 2 times"),
    (
        FACTS_1997,
        'paragraph: 1, key_phrase: "knocked',
        'paragraph: 21, key_phrase: "knocked',
        "¶21 is past the source's 20 paragraphs",
    ),
    (
        FACTS_1997,
        'key_phrase: "knocked the peace process off track"',
        'key_phrase: "one two three four five six seven eight nine ten eleven twelve thirteen"',
        "key_phrase: Value error, key_phrase has 13 words; at most 12",
    ),
    (
        FACTS_1997,
        DATED_1997.format(date="1997-08"),
        DATED_1997.format(date="1998-01"),
        "date: 1998-01 is after the source's date 1997-08",
    ),
    (
        FACTS_1997,
        DATED_1997.format(date="1997-08"),
        DATED_1997.format(date="1997-08-32x"),
        "date: String should match pattern",
    ),
    (
        FACTS_1997,
        "Russia kept 20,000 troops in Tajikistan.",
        "Russia kept troops in Tajikistan.",
        "figures.0.value: 20000 does not appear in the statement",
    ),
    (
        FACTS_1997,
        "    status: reported\n    citation: {source: war-widens-cracks-1997, paragraph: 3,",
        "    status: gossip\n    citation: {source: war-widens-cracks-1997, paragraph: 3,",
        "status: Input should be",
    ),
    (FACTS_1997, "actors: [russia]", "actors: [martians]", "actors: unknown actor 'martians'"),
    (
        FACTS_1997,
        "source: war-widens-cracks-1997, paragraph: 2,",
        "source: nowhere-news, paragraph: 2,",
        "citation.source: unknown source 'nowhere-news'",
    ),
    (
        FACTS_1997,
        "    category: politics\n",
        "    category: politics\n    colour: red\n",
        "colour: Extra inputs are not permitted",
    ),
    (FACTS_1997, "    date_inferred: true\n", "", "is the source's inferred date: mark it date_inferred"),
    (
        FACTS_1997,
        "    category: politics\n",
        "    category: politics\n    background: [{text: x, basis: y, regions: [panjshir]}]\n",
        "background.0.regions: 'panjshir' is not one of the fact's regions",
    ),
    (
        FACTS_1997,
        "    category: politics\n",
        "    category: politics\n    background: [{text: x}]\n",
        "background.0.basis: Field required",
    ),
    ("data/regions.yaml", "sway: khudoberdiyev", "sway: nobody", "sway: unknown actor 'nobody'"),
    ("data/regions.yaml", "  - id: uzbekistan\n", "  - id: uzbekistan-x\n", "has no layer in geodata/"),
    ("data/actors.yaml", 'color: "#D55E00"', 'color: "red"', "color: String should match"),
    (
        "data/actors.yaml",
        "      actor: kulyab-clan",
        "      actor: rahmon",
        "continues.actor: not another known actor",
    ),
    (
        "data/actors.yaml",
        "fact: f21-regime-fatigue",
        "fact: f21-nothing",
        "continues.fact: unknown fact 'f21-nothing'",
    ),
    (
        "data/regions.yaml",
        "today_label: Kulob",
        "today_label: Kulobb",
        "today_label: no town is named 'Kulobb'",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), BROKEN, ids=[b[3][:40] for b in BROKEN])
def test_broken_data_is_named_precisely(
    data_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    target = data_copy / file
    _edit_yaml(target, old, new)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    lines = [str(p) for p in info.value.problems]
    assert any(expected in line for line in lines), lines
    assert any(str(target) in line or "data" in line for line in lines)


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    """Reading, registry, fact and citation checks all run before anything is raised."""
    # One edit per kind of check, each in a different record (a record that fails its
    # schema is not cross-checked, so schema errors are taken from the actors file).
    kinds = ("atlantis", "used 2 times", "¶21", "figures.0", "martians", "nowhere-news", "nobody")
    kinds += ("has no layer", "Kulobb", "color: String")
    chosen = [b for b in BROKEN if any(k in b[3] for k in kinds)]
    for file, old, new, _ in chosen:
        _edit_yaml(data_copy / file, old, new)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    lines = [str(p) for p in info.value.problems]
    missing = [expected for *_, expected in chosen if not any(expected in line for line in lines)]
    assert not missing and len(chosen) == len(kinds), (missing, lines)


def test_yaml_error_names_the_line(data_copy: Path) -> None:
    target = data_copy / FACTS_1997
    _edit_yaml(target, "    category: politics\n", "    category: [politics\n")
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    (problem,) = info.value.problems
    assert problem.file == str(target) and problem.where.startswith("line ")


def test_schema_error_names_line_and_fact(data_copy: Path) -> None:
    target = data_copy / FACTS_1997
    _edit_yaml(target, "    category: military\n", "    category: magic\n")
    lines = target.read_text(encoding="utf-8").splitlines()
    expected = 1 + next(i for i, ln in enumerate(lines) if "category: magic" in ln)
    expected = 1 + max(i for i, ln in enumerate(lines[:expected]) if ln.startswith("  - id:"))
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    (problem,) = info.value.problems
    assert problem.where == f"line {expected} (f97-russia-20000-troops)"
    assert problem.field == "category"


def test_missing_geodata_file_is_named(data_copy: Path) -> None:
    (data_copy / "geodata" / "border.geojson").unlink()
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert any("border.geojson" in str(p) and "is missing" in str(p) for p in info.value.problems)


def _rewrite_feature(path: Path, fid: str, change: object) -> None:
    fc = json.loads(path.read_text(encoding="utf-8"))
    for feature in fc["features"]:
        if feature["properties"]["id"] == fid:
            change(feature)  # type: ignore[operator]
    path.write_text(json.dumps(fc), encoding="utf-8")


def test_swapped_coordinates_are_caught(data_copy: Path) -> None:
    def swap(feature: dict) -> None:  # type: ignore[type-arg]
        feature["geometry"]["coordinates"] = feature["geometry"]["coordinates"][::-1]

    _rewrite_feature(data_copy / "geodata" / "towns.geojson", "kulob", swap)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert any("kulob" in str(p) and "(lat, lon)" in str(p) for p in info.value.problems)


def test_a_town_label_side_the_map_cannot_draw_is_caught(data_copy: Path) -> None:
    def odd_side(feature: dict) -> None:  # type: ignore[type-arg]
        feature["properties"]["label"] = 'left"><img src=x onerror=alert(1)>'  # it becomes a class name

    _rewrite_feature(data_copy / "geodata" / "towns.geojson", "kulob", odd_side)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert any("kulob" in str(p) and "properties.label" in str(p) for p in info.value.problems)


def test_invalid_geometry_is_caught(data_copy: Path) -> None:
    def bowtie(feature: dict) -> None:  # type: ignore[type-arg]
        feature["geometry"] = {
            "type": "Polygon",
            "coordinates": [[[68, 37], [70, 39], [70, 37], [68, 39], [68, 37]]],
        }

    _rewrite_feature(data_copy / "geodata" / "regions.geojson", "kulyab", bowtie)
    with pytest.raises(DataError) as info:
        load_dataset(data_copy / "data", data_copy / "geodata")
    assert any("kulyab" in str(p) and "invalid" in str(p) for p in info.value.problems)


def test_adding_an_article_is_adding_files(data_copy: Path) -> None:
    """A third year appears from data alone: a source, a region entry and a fact."""
    data = data_copy / "data"
    (data / "sources" / "extra-2025.yaml").write_text(
        "sources:\n  - {id: extra-2025, year: 2025, title: T, outlet: O, event_date: '2025-01',\n"
        "     event_date_precision: month, dating: printed, paragraphs: 1, file: x.txt}\n",
        encoding="utf-8",
    )
    (data / "facts" / "2025.yaml").write_text(
        "facts:\n  - {id: f25-a, year: 2025, date: '2025-01', date_precision: month,\n"
        "     regions: [afghanistan], category: politics, statement: S, status: reported,\n"
        "     citation: {source: extra-2025, paragraph: 1, key_phrase: k}}\n",
        encoding="utf-8",
    )
    _edit_yaml(
        data / "regions.yaml",
        "      2021:\n        sway: taliban\n",
        "      2025:\n        sway: taliban\n        role: R\n      2021:\n        sway: taliban\n",
    )
    loaded = load_dataset(data, data_copy / "geodata")
    assert loaded.years() == [1997, 2021, 2025]
    assert [f.id for f in loaded.facts_for("afghanistan", 2025)] == ["f25-a"]
