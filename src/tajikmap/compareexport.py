"""Compare mode as one offline HTML file: two synchronised maps and every region's
two-column panel, with Leaflet, Leaflet.Sync and the page's scripts inlined.

Kept apart from :mod:`tajikmap.export` (the single-year export) so either can change
alone. Every text is HTML-escaped here; the data travels as JSON in a
``<script type="application/json">`` block with "<" written as ``\\u003c``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from string import Template

from tajikmap.assets import LEAFLET_DIR, leaflet_css
from tajikmap.compare import ComparePanel, PanelSide, changes, compare_panel, covered_by_year
from tajikmap.comparemap import LEGEND_POSITION
from tajikmap.dataset import Dataset, load_dataset
from tajikmap.elements import looks_payload, map_css
from tajikmap.geometry import geometry_payload
from tajikmap.looks import (
    CONTEXT_STYLE,
    DATA_ATTRIBUTION,
    HIDDEN_STYLE,
    TOWN_STYLE,
    escape_html,
    legend,
    legend_html,
    year_looks,
)
from tajikmap.mapview import focus_bounds
from tajikmap.paths import data_dir, geodata_dir
from tajikmap.present import BACKGROUND_LABEL, FactView, plural
from tajikmap.problems import DataError
from tajikmap.resources import script_source
from tajikmap.urlstate import parse_view, regions_by_year


def _web(name: str) -> str:
    return files("tajikmap").joinpath("web", name).read_text(encoding="utf-8")


def _sync_js() -> str:
    return files("tajikmap").joinpath("vendor", "leaflet.sync", "L.Map.Sync.js").read_text(encoding="utf-8")


def _script(text: str) -> str:
    """A script's or stylesheet's text, unable to close its element early."""
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


def _fact_html(fv: FactView) -> str:
    figures = "".join(
        f"<b>{escape_html(fig)}</b> {escape_html(label)} · <i>{escape_html(kind)}</i><br>"
        for fig, label, kind in fv.figures
    )
    css = "status" if fv.status == "reported" else "status status-other"
    said = f" — <i>{escape_html(fv.according_to)}</i>" if fv.according_to else ""
    return (
        f'<div class="fact">{figures}<span class="{css}">{escape_html(fv.status)}</span> '
        f"{escape_html(fv.statement)}{said}<br>"
        f"<small>Date: {escape_html(fv.date)} · Source: {escape_html(fv.citation)}</small>"
        + "".join(
            f"<br><small><b>{BACKGROUND_LABEL}:</b> {escape_html(text)} "
            f"<i>(basis: {escape_html(basis)})</i></small>"
            for text, basis in fv.background
        )
        + "</div>"
    )


def _side_html(s: PanelSide) -> str:
    parts = [f"<h3>{s.year}</h3>"]
    if not s.present:
        parts.append(f"<p><i>Not on the {s.year} map: the {s.year} article does not place it.</i></p>")
        return "".join(parts)
    parts.append(f"<p><b>Who held sway:</b> {escape_html(s.holder)}</p><p>{escape_html(s.role)}</p>")
    if s.covered_by:
        parts.append(
            f"<p><small>The {s.year} entry is that of {escape_html(s.covered_by)}, which it is part of."
            "</small></p>"
        )
    if s.background:
        parts.append(f"<p><small><b>{BACKGROUND_LABEL}:</b> {escape_html(s.background)}</small></p>")
    facts = "".join(_fact_html(fv) for fv in s.facts)
    heading = plural(len(s.facts), "fact") + (f" about {escape_html(s.covered_by)}" if s.covered_by else "")
    if s.covered_by:
        parts.append(f"<details><summary>{heading}</summary>{facts}</details>")
    else:
        parts.append(f"<p><b>{heading}</b></p>{facts}")
    return "".join(parts)


def panel_html(panel: ComparePanel) -> str:
    """A region's two-column panel as escaped HTML."""
    columns = "".join(f"<section>{_side_html(s)}</section>" for s in panel.sides)
    return (
        f"<h2>{escape_html(panel.name)}</h2>"
        f"<p><b>What changed ({escape_html(panel.kind_label)}):</b> {escape_html(panel.what_changed)}</p>"
        f'<div class="columns">{columns}</div>'
    )


def export_compare_html(dataset: Dataset, years: tuple[int, int], region: str | None = None) -> str:
    """One HTML file, no outside requests: ``years`` side by side, panels on click."""
    known = dataset.years()
    if years[0] == years[1] or any(y not in known for y in years):
        raise ValueError(f"compare needs two different years of the data ({known})")
    covered = changes(dataset, years)
    if region is not None and region not in covered:
        raise ValueError(f"region {region!r} is in neither {years[0]} nor {years[1]}")

    data = {
        "years": list(years),
        # Framed as the dashboard frames its maps (the country, its Afghan border and the
        # regions within), at whatever size the file is opened: a phone's too.
        "bounds": [list(corner) for corner in focus_bounds(dataset)],
        "attribution": escape_html(DATA_ATTRIBUTION),
        "geometry": json.loads(geometry_payload(dataset)),
        "contextStyle": CONTEXT_STYLE,
        "hiddenStyle": HIDDEN_STYLE,
        "townStyle": TOWN_STYLE,
        "legendPosition": LEGEND_POSITION,
        "looks": [looks_payload(year_looks(dataset, y, region)) for y in years],
        "legends": [legend_html(legend(dataset, y)) for y in years],
        "legendTitles": [f"Who holds sway, {y}" for y in years],
        "panels": {rid: panel_html(compare_panel(dataset, rid, years)) for rid in covered},
        "selected": region,
    }
    sources = "; ".join(
        escape_html(f"{s.title} ({s.year})") for s in dataset.sources.values() if s.year in years
    )
    title = f"tajikmap: {years[0]} and {years[1]} side by side"
    intro = (
        "<p>Click a region on either map to see both years side by side.</p>"
        f"<p><small>{escape_html(DATA_ATTRIBUTION)}</small></p>"
    )
    template = Template(_web("compare-export.html"))
    return template.substitute(
        title=escape_html(title),
        sources=f"Sources: {sources}",
        intro=intro,
        leaflet_css=_script(leaflet_css()),
        map_css=_script(map_css()),
        compare_css=_script(_web("compare.css")),
        page_css=_script(_web("compare-export.css")),
        leaflet_js=_script((LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")),
        sync_js=_script(_sync_js()),
        year_look_js=_script(script_source("year_look.js")),
        town_labels_js=_script(script_source("town_labels.js")),
        town_label_places_js=_script(script_source("town_label_places.js")),
        export_js=_script(_web("compare-export.js")),
        data=json.dumps(data, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c"),
    )


def write_compare_html(dataset: Dataset, years: tuple[int, int], region: str | None, out: Path) -> None:
    """Write the file whole or not at all: built first, then written aside and renamed."""
    text = export_compare_html(dataset, years, region)
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tajikmap.compareexport --compare 1997,2021 [--region ID] --out FILE``."""
    parser = argparse.ArgumentParser(prog="python -m tajikmap.compareexport", description=main.__doc__)
    parser.add_argument("--compare", required=True, help="two years of the data, e.g. 1997,2021")
    parser.add_argument("--region", help="region whose panel opens first")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(data_dir(), geodata_dir())
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    view, notices = parse_view(
        {"compare": args.compare}, regions_by_year(dataset), covered=covered_by_year(dataset)
    )
    if view.compare is None or notices:
        listed = ", ".join(str(y) for y in dataset.years())
        print(f"export failed: --compare needs two different years of the data ({listed})", file=sys.stderr)
        return 1
    try:
        write_compare_html(dataset, view.compare, args.region, args.out)
    except (ValueError, OSError) as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
