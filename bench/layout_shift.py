"""What moves while each page loads: layout shifts on a cold and on a warm server, in Chromium.

    .venv/bin/python bench/layout_shift.py [--pages Map Compare] [--rounds 1]

For every page of dashboard.py's navigation (and the floor app) it starts a
fresh ``streamlit run`` and opens the page as that server's first visit (cold),
then opens it again on the same server (warm), at Lighthouse's mobile size
(412 × 823, a touch screen) and at 1400 × 1000. A PerformanceObserver installed before the page
loads records every 'layout-shift' entry with the elements that moved; a
MutationObserver records every text the navigation ever showed. The
page counts as loaded when its title (or its map) is drawn, on a desktop the
navigation in the header too, the script is idle, and no shift has come for 1.5 s.
CLS is Lighthouse's: the largest session window (shifts less than 1 s apart, at
most 5 s long), input-driven shifts left out. Writes
bench/results/layout-shift.json and .md. Reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lighthouse import FLOOR, IDLE, navigation_pages  # noqa: E402
from tajikmap.assets import install_static_assets  # noqa: E402
from tajikmap.testing import CHROMIUM, CHROMIUM_ARGS, IFRAME, LOAD_OBSERVERS, NAV, start_streamlit  # noqa: E402

RESULTS = ROOT / "bench" / "results"
VIEWPORTS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1400, "height": 1000}}
# The phone is a touch screen, as Lighthouse's mobile preset emulates one: CSS for
# a coarse pointer (app.css's taller radio choices) applies there.
TOUCH = {"phone": {"has_touch": True, "is_mobile": True}, "desktop": {}}
SETTLED = "() => window.__shifts && performance.now() - window.__shifts.last > 1500"


def session_windows(shifts: list[dict[str, Any]]) -> float:
    """Lighthouse's CLS: the largest sum over a window of shifts < 1 s apart, ≤ 5 s long."""
    best = current = 0.0
    start = prev = -1e9
    for s in sorted(shifts, key=lambda s: s["t"]):
        if s["input"]:
            continue
        if s["t"] - prev > 1000 or s["t"] - start > 5000:
            current, start = 0.0, s["t"]
        current += s["value"]
        prev = s["t"]
        best = max(best, current)
    return best


def visit(browser: Any, url: str, viewport: str, has_map: bool, nav: bool = True) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORTS[viewport], **TOUCH[viewport])
    context.add_init_script(LOAD_OBSERVERS)
    page = context.new_page()
    page.goto(url)
    # Drawn, not merely connected: the page's title (or its map), and on a desktop
    # the navigation in the header; then the script idle and no shift for 1.5 s.
    if has_map:
        page.frame_locator(IFRAME).first.locator("path.leaflet-interactive").first.wait_for(timeout=90_000)
    else:
        page.locator("h1").first.wait_for(timeout=90_000)
    if nav and VIEWPORTS[viewport]["width"] >= 900:
        page.locator(NAV).locator("a").first.wait_for(timeout=90_000)
    page.wait_for_function(IDLE, timeout=90_000)
    page.wait_for_function(SETTLED, timeout=90_000, polling=250)
    record = page.evaluate("() => ({shifts: window.__shifts.list, nav: [...window.__navTexts]})")
    context.close()
    return {
        "cls": round(session_windows(record["shifts"]), 4),
        "shifts": record["shifts"],
        "nav_texts": record["nav"],
    }


def table(results: dict[str, Any], meta: dict[str, Any]) -> str:
    lines = [
        f"Layout shift while loading (bench/layout_shift.py), {meta['when']}, {meta['machine']}, "
        f"load average {meta['load_before']} before and {meta['load_after']} after. Cold: the page "
        "is a fresh server's first visit; warm: the same page again. CLS as Lighthouse counts it "
        "(largest session window).",
        "",
        "| page | phone cold | phone warm | desktop cold | desktop warm | navigation texts seen (cold) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, r in results.items():
        texts = sorted({t for v in r.values() for t in v["cold"]["nav_texts"]})
        cells = [f"{r[v][k]['cls']:.3f}" for v in VIEWPORTS for k in ("cold", "warm")]
        lines.append(f"| {name} | {' | '.join(cells)} | {', '.join(texts) or '—'} |")
    lines += ["", "Largest shifts (value, what moved):", ""]
    for name, r in results.items():
        for vname, v in r.items():
            for kind in ("cold", "warm"):
                big = sorted(v[kind]["shifts"], key=lambda s: -s["value"])[:3]
                for s in big:
                    if s["value"] >= 0.005:
                        lines.append(f"- {name}, {vname} {kind}: {s['value']:.3f} at {s['t']:.0f} ms: "
                                     f"{'; '.join(s['sources'])}")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", nargs="*", default=None, help="only these pages (and the floor)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    install_static_assets(ROOT / "static")
    install_static_assets(ROOT / "bench" / "static")
    pages = {n: p for n, p in navigation_pages().items() if n in (args.pages or navigation_pages())}
    targets = [(n, ROOT / "dashboard.py", p) for n, p in pages.items()]
    targets.append((FLOOR, ROOT / "bench" / "floor_app.py", "/"))
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, script, path in targets:
            results[name] = {}
            for vname in VIEWPORTS:
                proc, url = start_streamlit(script)
                try:
                    has_map = name in ("Map", "Compare", FLOOR)
                    cold = visit(browser, url + path, vname, has_map, nav=name != FLOOR)
                    warm = visit(browser, url + path, vname, has_map, nav=name != FLOOR)
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)
                results[name][vname] = {"cold": cold, "warm": warm}
                print(f"{name} {vname}: cold {cold['cls']:.3f}, warm {warm['cls']:.3f}, "
                      f"nav {sorted(set(cold['nav_texts']))}", flush=True)  # fmt: skip
        browser.close()
    meta = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_before": load_before,
        "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "layout-shift.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "layout-shift.md").write_text(table(results, meta), encoding="utf-8")
    print(table(results, meta))


if __name__ == "__main__":
    main()
