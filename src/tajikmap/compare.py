"""Compare two years: what changed in each region, the two-column panel, and which
regions a compare view may select (the view itself is :class:`tajikmap.urlstate.View`).

Everything is derived from ``data/regions.yaml`` and the facts, so it works for any
two years the data holds. A region a year does not list is still *covered* that year
when the whole it is ``part_of`` is listed (Kulyab in 2021 is part of Rahmon's
Tajikistan); the panel says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tajikmap.dataset import Dataset
from tajikmap.models import Fact, Figure
from tajikmap.present import (
    BACKGROUND_LABEL,
    FactView,
    background_text,
    citation_label,
    fact_view,
    format_figure,
)

ChangeKind = Literal["same", "new", "only-first", "only-second"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("same", "new", "only-first", "only-second")

# Okabe–Ito again (colour-blind safe), chosen apart from the years' own legends'
# meaning: these colours say "how it changed", not "who holds it".
CHANGE_COLORS: dict[ChangeKind, str] = {
    "same": "#009E73",
    "new": "#D55E00",
    "only-first": "#999999",
    "only-second": "#56B4E9",
}


def change_label(kind: ChangeKind, first: int, second: int) -> str:
    """The legend's words for a kind of change between ``first`` and ``second``."""
    return {
        "same": "same holder in both years",
        "new": f"new holder in {second}",
        "only-first": f"only in {first}",
        "only-second": f"only in {second}",
    }[kind]


@dataclass(frozen=True)
class Side:
    """One year of a region: the registry entry that covers it, or none."""

    year: int
    region_id: str | None  # the region itself, or the whole it is part of; None = not in this year
    via_whole: bool  # True when the entry is the whole's (the region has none of its own)
    sway: str | None  # actor id
    line: str | None  # the first actor that sway carries on (models.Continuity), itself if none


def holder_line(dataset: Dataset, actor_id: str) -> str:
    """The earliest actor that ``actor_id`` carries on (itself when it carries on none)."""
    seen: set[str] = set()
    aid = actor_id
    while aid not in seen:
        seen.add(aid)
        link = dataset.actors[aid].continues
        if link is None:
            return aid
        aid = link.actor
    return actor_id  # a loop of links says nothing about who came first


def side(dataset: Dataset, region_id: str, year: int) -> Side:
    """Which registry entry speaks for ``region_id`` in ``year``."""
    region = dataset.regions[region_id]
    if year in region.years:
        sway = region.years[year].sway
        return Side(year, region_id, False, sway, holder_line(dataset, sway))
    whole = dataset.regions.get(region.part_of) if region.part_of else None
    if whole is not None and year in whole.years:
        sway = whole.years[year].sway
        return Side(year, whole.id, True, sway, holder_line(dataset, sway))
    return Side(year, None, False, None, None)


def change_kind(first: Side, second: Side) -> ChangeKind | None:
    """How a region changed between its two sides; None when neither year has it."""
    if first.sway is None and second.sway is None:
        return None
    if first.sway is None:
        return "only-second"
    if second.sway is None:
        return "only-first"
    return "same" if first.line == second.line else "new"


def changes(dataset: Dataset, years: tuple[int, int]) -> dict[str, ChangeKind]:
    """Every region covered in either year, with its kind of change, in registry order."""
    out: dict[str, ChangeKind] = {}
    for rid in dataset.regions:
        kind = change_kind(side(dataset, rid, years[0]), side(dataset, rid, years[1]))
        if kind is not None:
            out[rid] = kind
    return out


def drawn_changes(dataset: Dataset, years: tuple[int, int]) -> dict[str, ChangeKind]:
    """The regions the overview colours: a whole whose parts are listed in either
    year is drawn through its parts (they carry the finer change), not over them."""
    kinds = changes(dataset, years)
    split = {
        r.part_of
        for r in dataset.regions.values()
        if r.part_of and r.id in kinds and any(y in r.years for y in years)
    }
    return {rid: kind for rid, kind in kinds.items() if rid not in split}


# --- the two-column panel -------------------------------------------------------


@dataclass(frozen=True)
class PanelSide:
    """One column of the panel: plain text, not yet escaped."""

    year: int
    present: bool
    holder: str  # actor name ('' when absent)
    holder_color: str | None
    role: str
    covered_by: str  # '' or the whole's name when the entry is the whole's
    background: str
    facts: tuple[FactView, ...]


@dataclass(frozen=True)
class FigureMove:
    unit: str
    first: tuple[str, ...]  # formatted figures of the first year
    second: tuple[str, ...]


@dataclass(frozen=True)
class ComparePanel:
    region_id: str
    name: str
    kind: ChangeKind
    kind_label: str
    sides: tuple[PanelSide, PanelSide]
    holder_change: str  # 'A → B', 'A in both years', or 'only in 1997: A'
    figure_moves: tuple[FigureMove, ...]

    @property
    def what_changed(self) -> str:
        """The generated "what changed" line."""
        parts = [self.holder_change]
        for move in self.figure_moves:
            y1, y2 = self.sides[0].year, self.sides[1].year
            parts.append(f"{move.unit}: {', '.join(move.first)} ({y1}) → {', '.join(move.second)} ({y2})")
        return "; ".join(parts) + "."


def _panel_side(dataset: Dataset, s: Side) -> PanelSide:
    if s.region_id is None or s.sway is None:
        return PanelSide(s.year, False, "", None, "", "", "", ())
    entry = dataset.regions[s.region_id].years[s.year]
    actor = dataset.actors[s.sway]
    facts = tuple(fact_view(f, dataset) for f in dataset.facts_for(s.region_id, s.year))
    return PanelSide(
        year=s.year,
        present=True,
        holder=actor.name,
        holder_color=actor.color,
        role=entry.role,
        covered_by=dataset.regions[s.region_id].name if s.via_whole else "",
        background=background_text(entry.background),
        facts=facts,
    )


def _figures_by_unit(facts: Sequence[Fact]) -> dict[str, list[Figure]]:
    by_unit: dict[str, list[Figure]] = {}
    for fact in facts:
        for fig in fact.figures:
            by_unit.setdefault(fig.unit, []).append(fig)
    return by_unit


def figure_moves(first: Sequence[Fact], second: Sequence[Fact]) -> tuple[FigureMove, ...]:
    """Figures of the same unit that both years' facts give (refugees then and now)."""
    a, b = _figures_by_unit(first), _figures_by_unit(second)
    return tuple(
        FigureMove(
            unit,
            tuple(dict.fromkeys(format_figure(f) for f in a[unit])),
            tuple(dict.fromkeys(format_figure(f) for f in b[unit])),
        )
        for unit in a
        if unit in b
    )


def continued_holder(dataset: Dataset, first: Side, second: Side) -> str:
    """'A (1997) → B (2021), the same holder: why (cited); background' for two actors
    of one continuity, whichever year carries on the other."""
    if first.sway is None or second.sway is None:
        raise ValueError("both years need a holder")
    a, b = dataset.actors[first.sway], dataset.actors[second.sway]
    link = b.continues or a.continues
    if link is None:
        raise ValueError(f"{a.id} and {b.id} carry on no one")
    fact = next(f for f in dataset.facts if f.id == link.fact)
    return (
        f"{a.name} ({first.year}) → {b.name} ({second.year}), the same holder: {link.text}"
        f" ({citation_label(fact, dataset)}); {BACKGROUND_LABEL.lower()}: {link.background.text.rstrip('.')}"
    )


def compare_panel(dataset: Dataset, region_id: str, years: tuple[int, int]) -> ComparePanel:
    """The two-column panel of a region covered in at least one of ``years``."""
    s1, s2 = side(dataset, region_id, years[0]), side(dataset, region_id, years[1])
    kind = change_kind(s1, s2)
    if kind is None:
        raise ValueError(f"{region_id} is in neither {years[0]} nor {years[1]}")
    p1, p2 = _panel_side(dataset, s1), _panel_side(dataset, s2)
    if kind == "only-first":
        holder_change = f"only in {years[0]}: {p1.holder}"
    elif kind == "only-second":
        holder_change = f"only in {years[1]}: {p2.holder}"
    elif kind == "same" and s1.sway == s2.sway:
        holder_change = f"{p1.holder} in both years"
    elif kind == "same":
        holder_change = continued_holder(dataset, s1, s2)
    else:
        holder_change = f"{p1.holder} → {p2.holder}"

    def facts(s: Side) -> list[Fact]:
        return dataset.facts_for(s.region_id, s.year) if s.region_id else []

    return ComparePanel(
        region_id=region_id,
        name=dataset.regions[region_id].name,
        kind=kind,
        kind_label=change_label(kind, *years),
        sides=(p1, p2),
        holder_change=holder_change,
        figure_moves=figure_moves(facts(s1), facts(s2)),
    )


# --- what a compare link may select ------------------------------------------


def covered_by_year(dataset: Dataset) -> dict[int, tuple[str, ...]]:
    """Every year with the regions it covers: its own entries and the parts of those
    wholes (the regions a compare view of that year may select)."""
    return {
        y: tuple(rid for rid in dataset.regions if side(dataset, rid, y).sway is not None)
        for y in dataset.years()
    }


def regions_by_pair(dataset: Dataset) -> dict[tuple[int, int], list[str]]:
    """For every pair of years, the regions a compare view may select, in registry order."""
    ys = dataset.years()
    return {(a, b): list(changes(dataset, (a, b))) for i, a in enumerate(ys) for b in ys[i + 1 :]}
