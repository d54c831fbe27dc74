"""The reader's static site: a page and three scripts (or, as the HTML export, one
self-contained file); no server, no outside request.

Readers arrive from a news article, mostly on phones; a static page on any
host or CDN survives any traffic, where the Streamlit app ships megabytes of
frontend first. The page holds both years, the legend of the year shown, the
region panel (role, evidence cards, facts with status, who says so, date and
citation) and links that reproduce a view (``#year=2021&region=panjshir``).

Leaflet comes from the xstatic-leaflet package; the page's own HTML, JS and CSS
are files in ``site_assets/``; the data travels as JSON in which
``<`` is written ``\\u003c``, and the script puts every text in the page with
``textContent``, never as HTML. All fact wording comes from
:mod:`tajikmap.present`, so the page says what the app says; the data itself is
built in :mod:`tajikmap.sitedata`.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from tajikmap.assets import LEAFLET_DIR, LEAFLET_VERSION, leaflet_css
from tajikmap.credits import DATA_CREDITS, article_citation
from tajikmap.dataset import Dataset
from tajikmap.present import DATING_LABEL
from tajikmap.resources import resource_text, script_source
from tajikmap.sitedata import site_data

ASSETS = "site_assets"
PAGE_NAME = "index.html"


def asset_text(name: str) -> str:
    """One of the page's own files (site.js, site.css, page.html), from the installed package."""
    return resources.files("tajikmap").joinpath(ASSETS, name).read_text(encoding="utf-8")


def site_script() -> str:
    """site_assets/site.js, after the town-name placement it shares with the Map's
    frame (js/town_label_places.js), which it calls as ``townLabelPlaces``."""
    return f"var townLabelPlaces = ({script_source('town_label_places.js')});\n{asset_text('site.js')}"


def script_json(value: Any) -> str:
    """JSON safe inside a <script> block: no "</script>", no "<!--" can end or bend it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _inline_script(code: str) -> str:
    # Leaflet and our script are trusted files, but guard the inline block anyway.
    return code.replace("</script", "<\\/script")


def legend_html(view: dict[str, Any], approximate_note: str) -> str:
    """The year's legend as the script draws it, for the page's first paint: the
    map's first view then needs no shift when the script arrives. Escaped."""
    esc = html.escape
    items = []
    for item in view["legend"]:
        text = item["label"] + ": " + ", ".join(item["regions"])
        items.append(
            f'<li><span class="swatch{" line" if item["line"] else ""}" style="background: '
            f'{esc(item["color"])}" aria-hidden="true"></span><span>{esc(text)}</span></li>'
        )
    if view["approximate"]:
        items.append(
            '<li><span class="swatch approx" aria-hidden="true"></span>'
            f"<span>{esc(approximate_note)}</span></li>"
        )
    return f'<h2 class="legend-title">Who holds sway, {int(view["year"])}</h2><ul>{"".join(items)}</ul>'


def overview_html(view: dict[str, Any]) -> str:
    """The year's overview as the script draws it (escaped), for the first paint."""
    esc = html.escape
    overview = view["overview"]
    parts = [f"<h2>{esc(overview['title'])}</h2>"]
    parts += [
        f"<p><cite>{esc(s['title'])}</cite>{esc(s['rest'])}</p>"
        f"<details><summary>{esc(DATING_LABEL)}</summary><p>{esc(s['dating'])}</p></details>"
        for s in overview["sources"]
    ]
    parts.append(f"<p>{esc(overview['count'])}</p>")
    return "".join(parts)


def regions_html(view: dict[str, Any], selected: str | None) -> str:
    """The year's region list as the script draws it (escaped)."""
    items = [(None, "Overview"), *((r["id"], r["name"]) for r in view["regions"])]
    buttons = "".join(
        f'<li><button class="region-list-button" type="button" aria-pressed="{str(rid == selected).lower()}">'
        f"{html.escape(name)}</button></li>"
        for rid, name in items
    )
    return (
        f'<h2 class="regions-title">Regions in {int(view["year"])}</h2><ul class="region-list">{buttons}</ul>'
    )


def _page(dataset: Dataset, data: dict[str, Any], scripts: str) -> str:
    first_year = data["initial"]["year"]
    sources = "; ".join(s.title for s in dataset.sources.values())
    fills = {
        "{{TITLE}}": "Who holds sway: Tajikistan and its Afghan border, "
        + " and ".join(map(str, data["years"])),
        "{{DESCRIPTION}}": f"An interactive map of who holds sway, built from: {sources}.",
        "{{INTRO}}": " and ".join(f"“{s.title}” ({s.year})" for s in dataset.sources.values()),
        "{{CREDITS}}": DATA_CREDITS,
        "{{CITATIONS}}": " ".join(f"Sources: {article_citation(s)}" for s in dataset.sources.values()),
        "{{LEAFLET_VERSION}}": LEAFLET_VERSION,
    }
    blocks = {key: html.escape(value, quote=True) for key, value in fills.items()}
    # In the HTML from the start, so the header does not move when the script runs.
    blocks["{{YEAR_BUTTONS}}"] = "".join(
        f'<button type="button" data-year="{int(y)}" aria-pressed="{str(y == first_year).lower()}">'
        f"{int(y)}</button>"
        for y in data["years"]
    )
    first = data["byYear"][str(first_year)]
    blocks["{{LEGEND}}"] = legend_html(first, data["approximateNote"])
    blocks["{{REGIONS}}"] = regions_html(first, data["initial"]["region"])
    blocks["{{OVERVIEW}}"] = overview_html(first) if data["initial"]["region"] is None else ""
    blocks["{{YEAR}}"] = str(int(first_year))
    blocks["{{LEAFLET_CSS}}"] = leaflet_css()
    # The site's own rules, then where town names sit, the Map's (they override .town-label).
    blocks["{{SITE_CSS}}"] = asset_text("site.css") + resource_text("css/town_label_places.css")
    blocks["{{SCRIPTS}}"] = scripts
    # One pass over the template: a value that happens to contain "{{…}}" is
    # never itself filled in.
    pattern = re.compile("|".join(re.escape(k) for k in blocks))
    return pattern.sub(lambda m: blocks[m.group(0)], asset_text("page.html"))


def site_page(dataset: Dataset, year: int | None = None, region: str | None = None) -> str:
    """The reader's page as one HTML document that opens from disk with no network
    (the HTML export). ``year`` and ``region`` set the view shown when the link has
    no ``#year=…``."""
    data = site_data(dataset, year, region)
    scripts = (
        f'<script type="application/json" id="tajikmap-data">{script_json(data)}</script>\n'
        f"<script>{_inline_script((LEAFLET_DIR / 'leaflet.js').read_text(encoding='utf-8'))}</script>\n"
        f"<script>{_inline_script(site_script())}</script>"
    )
    return _page(dataset, data, scripts)


def _hashed(stem: str, body: str) -> str:
    return f"{stem}.{hashlib.sha256(body.encode()).hexdigest()[:12]}.js"


def site_files(dataset: Dataset) -> dict[str, str]:
    """The site as files: a small page that paints at once, and its scripts beside
    it under content-hashed names (a CDN may cache them forever), asked for by
    ``loader.js`` once the page has painted. It opens from disk too: scripts load
    from file:// where fetching JSON would not."""
    data = site_data(dataset)
    files = {
        _hashed("leaflet", leaflet := (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")): leaflet,
        _hashed("data", data_js := f"window.TAJIKMAP_DATA = {script_json(data)};\n"): data_js,
        _hashed("site", site_js := site_script()): site_js,
    }
    names = " ".join(html.escape(name) for name in files)
    scripts = f'<script data-scripts="{names}">{_inline_script(asset_text("loader.js"))}</script>'

    return {PAGE_NAME: _page(dataset, data, scripts), **files}


def write_site(dataset: Dataset, out_dir: Path) -> Path:
    """Write the site into ``out_dir``; each file appears whole (written aside, then
    renamed), the page last, so it never names a script not yet there."""
    files = site_files(dataset)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in sorted(files, key=lambda n: n == PAGE_NAME):
        target = out_dir / name
        part = target.with_name(name + ".part")
        part.write_text(files[name], encoding="utf-8")
        part.replace(target)
    return out_dir / PAGE_NAME
