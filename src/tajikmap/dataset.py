"""Load, validate and query all of tajikmap's data: the one loader the app and
``tajikmap validate`` share, so they can never disagree.

Layout under the data folder::

    sources/*.yaml   one article each (adding an article = adding files)
    actors.yaml      people, forces, states
    regions.yaml     region registry and per-year roles
    facts/*.yaml     the facts, any number of files
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from tajikmap.display import display_geometries
from tajikmap.geodata import Geodata, load_geodata
from tajikmap.models import Actor, Fact, Region, Source, numbers_in
from tajikmap.problems import DataError, Problem

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Dataset:
    sources: dict[str, Source]
    actors: dict[str, Actor]
    regions: dict[str, Region]
    facts: list[Fact]
    geodata: Geodata
    # Lighter geometries for drawing (see tajikmap.display); empty = draw geodata as is.
    display: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def years(self) -> list[int]:
        """The snapshot years, as the data has them (the year toggle's options)."""
        return sorted({s.year for s in self.sources.values()})

    def regions_in(self, year: int) -> list[Region]:
        return [r for r in self.regions.values() if year in r.years]

    def facts_for(self, region_id: str, year: int) -> list[Fact]:
        """A region's facts in a year, in article order."""
        hits = [f for f in self.facts if f.year == year and region_id in f.regions]
        return sorted(hits, key=lambda f: (f.citation.source, f.citation.paragraph))

    def facts_in(self, year: int) -> list[Fact]:
        return [f for f in self.facts if f.year == year]

    def source_for_year(self, year: int) -> list[Source]:
        return [s for s in self.sources.values() if s.year == year]


def _records(path: Path, key: str, problems: list[Problem]) -> list[tuple[int, Any]]:
    """The items of the top-level list ``key`` with their 1-based line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), "-", "file", f"cannot be read: {exc}"))
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "-"
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(str(path), where, "yaml", f"is not valid YAML: {reason}"))
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(Problem(str(path), "-", key, f"top level must be a mapping with a list '{key}'"))
        return []
    lines = [1] * len(data[key])
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.SequenceNode):
                lines = [item.start_mark.line + 1 for item in v.value]
    return list(zip(lines, data[key], strict=True))


def _parse(
    model: type[M], path: Path, records: Iterable[tuple[int, Any]], problems: list[Problem]
) -> list[M]:
    out: list[M] = []
    for line, raw in records:
        label = f"line {line}"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            label = f"line {line} ({raw['id']})"
        try:
            out.append(model.model_validate(raw))
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"]) or "-"
                problems.append(Problem(str(path), label, field, err["msg"]))
    return out


def _unique(items: Sequence[Any], what: str, path: str, problems: list[Problem]) -> None:
    for ident, count in Counter(i.id for i in items).items():
        if count > 1:
            problems.append(Problem(path, ident, "id", f"{what} id is used {count} times"))


def _undrafted(path: Path, records: list[tuple[int, Any]], problems: list[Problem]) -> list[tuple[int, Any]]:
    """Refuse candidates from ``tajikmap draft`` (``review: draft``): nothing unreviewed reaches the map."""
    drafts = [line for line, raw in records if isinstance(raw, dict) and raw.get("review") == "draft"]
    if drafts:
        problems.append(
            Problem(
                str(path),
                f"line {drafts[0]}",
                "review",
                f"{len(drafts)} draft fact(s) not yet reviewed: write each statement in your own words, "
                "check every proposal, then remove `review: draft` (or keep the draft outside data/facts/)",
            )
        )
    return [(line, raw) for line, raw in records if line not in drafts]


@dataclass(frozen=True)
class _Files:
    """What the data files hold, each record parsed on its own, before any cross-check."""

    sources: list[Source]
    actors: list[Actor]
    regions: list[Region]
    facts: list[tuple[Path, Fact]]  # with the file each came from, for its problems
    geodata: Geodata | None  # None: geodata/ has problems (already reported)


def _read(data_dir: Path, geodata_dir: Path, problems: list[Problem]) -> _Files:
    """Read and parse every file; a broken file or record is a problem, not an end."""
    try:
        geodata: Geodata | None = load_geodata(geodata_dir)
    except DataError as exc:
        problems.extend(exc.problems)
        geodata = None
    source_files = sorted((data_dir / "sources").glob("*.yaml"))
    fact_files = sorted((data_dir / "facts").glob("*.yaml"))
    for folder, files in (("sources", source_files), ("facts", fact_files)):
        if not files:
            problems.append(Problem(str(data_dir / folder), "-", "file", "has no .yaml files"))
    sources: list[Source] = []
    for path in source_files:
        sources += _parse(Source, path, _records(path, "sources", problems), problems)
    actors_path, regions_path = data_dir / "actors.yaml", data_dir / "regions.yaml"
    actors = _parse(Actor, actors_path, _records(actors_path, "actors", problems), problems)
    regions = _parse(Region, regions_path, _records(regions_path, "regions", problems), problems)
    facts: list[tuple[Path, Fact]] = []
    for path in fact_files:
        records = _undrafted(path, _records(path, "facts", problems), problems)
        facts += [(path, f) for f in _parse(Fact, path, records, problems)]
    return _Files(sources, actors, regions, facts, geodata)


def _check_unique(files: _Files, data_dir: Path, problems: list[Problem]) -> None:
    _unique(files.sources, "source", str(data_dir / "sources"), problems)
    _unique(files.actors, "actor", str(data_dir / "actors.yaml"), problems)
    _unique(files.regions, "region", str(data_dir / "regions.yaml"), problems)
    _unique([f for _, f in files.facts], "fact", str(data_dir / "facts"), problems)


@dataclass(frozen=True)
class _Index:
    """The parsed records by id, and what the cross-checks look up."""

    sources: dict[str, Source]
    actors: dict[str, Actor]
    regions: dict[str, Region]
    years: set[int]
    layer_ids: set[str] | None  # None: no geodata to check against
    town_names: set[str] | None


def _index(files: _Files) -> _Index:
    geodata = files.geodata
    return _Index(
        sources={s.id: s for s in files.sources},
        actors={a.id: a for a in files.actors},
        regions={r.id: r for r in files.regions},
        years={s.year for s in files.sources},
        layer_ids=set(geodata.layers) if geodata is not None else None,
        town_names={t.name for t in geodata.of_kind("town")} if geodata is not None else None,
    )


def _check_region(r: Region, idx: _Index, rp: str, problems: list[Problem]) -> None:
    """A registry entry's links: its layer, its whole, its town label, each year's holder."""
    if idx.layer_ids is not None and r.id not in idx.layer_ids:
        problems.append(Problem(rp, r.id, "id", "has no layer in geodata/"))
    if r.part_of is not None and r.part_of not in idx.regions:
        problems.append(Problem(rp, r.id, "part_of", f"unknown region {r.part_of!r}"))
    if idx.town_names is not None and r.today_label is not None and r.today_label not in idx.town_names:
        problems.append(Problem(rp, r.id, "today_label", f"no town is named {r.today_label!r}"))
    for year, entry in r.years.items():
        if year not in idx.years:
            problems.append(Problem(rp, r.id, f"years.{year}", "no source covers this year"))
        actor = idx.actors.get(entry.sway)
        if actor is None:
            problems.append(Problem(rp, r.id, f"years.{year}.sway", f"unknown actor {entry.sway!r}"))
        elif actor.color is None:
            problems.append(
                Problem(rp, r.id, f"years.{year}.sway", f"actor {entry.sway!r} has no color for the map")
            )


def _check_actor(a: Actor, idx: _Index, fact_ids: set[str], ap: str, problems: list[Problem]) -> None:
    """An actor that carries on an earlier one: that actor, and the fact that ties them."""
    link = a.continues
    if link is None:
        return
    if link.actor == a.id or link.actor not in idx.actors:
        problems.append(Problem(ap, a.id, "continues.actor", f"not another known actor: {link.actor!r}"))
    if link.fact not in fact_ids:
        problems.append(Problem(ap, a.id, "continues.fact", f"unknown fact {link.fact!r}"))


def _check_fact_links(f: Fact, idx: _Index, fp: str, problems: list[Problem]) -> None:
    """A fact's regions (each with an entry that year), its background's ties, its actors."""
    for rid in f.regions:
        region = idx.regions.get(rid)
        if region is None:
            problems.append(Problem(fp, f.id, "regions", f"unknown region {rid!r}"))
        elif f.year not in region.years:
            problems.append(
                Problem(fp, f.id, "regions", f"region {rid!r} has no {f.year} entry in regions.yaml")
            )
    for i, item in enumerate(f.background):
        for rid in item.regions:
            if rid not in f.regions:
                problems.append(
                    Problem(fp, f.id, f"background.{i}.regions", f"{rid!r} is not one of the fact's regions")
                )
    for field_name, ids in (("actors", f.actors), ("claimed_by", f.claimed_by)):
        for aid in ids:
            if aid not in idx.actors:
                problems.append(Problem(fp, f.id, field_name, f"unknown actor {aid!r}"))


def _check_fact_source(f: Fact, src: Source, fp: str, problems: list[Problem]) -> None:
    """A fact against the source it cites: paragraph, year, and no date after the article's."""
    if f.citation.paragraph > src.paragraphs:
        problems.append(
            Problem(
                fp,
                f.id,
                "citation.paragraph",
                f"¶{f.citation.paragraph} is past the source's {src.paragraphs} paragraphs",
            )
        )
    if f.year != src.year:
        problems.append(Problem(fp, f.id, "year", f"is {f.year} but the cited source is {src.year}"))
    if src.event_date_inferred and f.date == src.event_date and not f.date_inferred:
        problems.append(
            Problem(
                fp,
                f.id,
                "date_inferred",
                f"{f.date} is the source's inferred date: mark it date_inferred: true",
            )
        )
    if f.date[: len(src.event_date)] > src.event_date:
        problems.append(Problem(fp, f.id, "date", f"{f.date} is after the source's date {src.event_date}"))
    ev_date = f.event_date[0]
    expected = f.event is not None and f.event.expected
    if not expected and ev_date[: len(src.event_date)] > src.event_date:
        problems.append(
            Problem(
                fp,
                f.id,
                "event.date",
                f"{ev_date} is after the source's date {src.event_date} "
                "(mark a planned event expected: true)",
            )
        )


def _check_fact(path: Path, f: Fact, idx: _Index, problems: list[Problem]) -> None:
    fp = str(path)
    _check_fact_links(f, idx, fp, problems)
    src = idx.sources.get(f.citation.source)
    if src is None:
        problems.append(Problem(fp, f.id, "citation.source", f"unknown source {f.citation.source!r}"))
    else:
        _check_fact_source(f, src, fp, problems)
    stated = numbers_in(f.statement)
    for i, fig in enumerate(f.figures):
        for value in (fig.value, fig.value_high):
            if value is not None and value not in stated:
                problems.append(
                    Problem(fp, f.id, f"figures.{i}.value", f"{value:g} does not appear in the statement")
                )


def _check_source(src: Source, folder: str, problems: list[Problem]) -> None:
    for para in src.no_fact_paragraphs:
        if not 1 <= para <= src.paragraphs:
            problems.append(
                Problem(folder, src.id, "no_fact_paragraphs", f"¶{para} is outside 1..{src.paragraphs}")
            )


def _link(files: _Files, idx: _Index, geodata: Geodata) -> Dataset:
    """The checked records as a :class:`Dataset`, with each whole's parts drawn lighter."""
    wholes: dict[str, list[str]] = {}
    for r in files.regions:
        if r.part_of:
            wholes.setdefault(r.part_of, []).append(r.id)
    return Dataset(
        sources=idx.sources,
        actors=idx.actors,
        regions=idx.regions,
        facts=[f for _, f in files.facts],
        geodata=geodata,
        display=display_geometries(geodata, wholes),
    )


def load_dataset(data_dir: Path, geodata_dir: Path) -> Dataset:
    """Load everything; raise :class:`DataError` with every problem found."""
    problems: list[Problem] = []
    files = _read(data_dir, geodata_dir, problems)
    _check_unique(files, data_dir, problems)
    idx = _index(files)
    fact_ids = {f.id for _, f in files.facts}
    for actor in files.actors:
        _check_actor(actor, idx, fact_ids, str(data_dir / "actors.yaml"), problems)
    for region in files.regions:
        _check_region(region, idx, str(data_dir / "regions.yaml"), problems)
    for path, fact in files.facts:
        _check_fact(path, fact, idx, problems)
    for source in files.sources:
        _check_source(source, str(data_dir / "sources"), problems)
    if problems or files.geodata is None:
        raise DataError(problems)
    return _link(files, idx, files.geodata)
