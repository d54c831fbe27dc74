"""Main-thread JavaScript per year switch: the dashboard against the map alone and the floor.

    .venv/bin/python bench/toggle_js.py [--rounds 4]

A year switch's wall time on this 2-core machine swings by more than what one
element beside the map costs, so this measures what the browser's main thread
spends running JavaScript for a switch instead: Chromium's own trace
(``devtools.timeline``: the ``FunctionCall`` and ``EvaluateScript`` events of
every renderer main thread, nested ones counted once) from the click on the
Year radio until the map's frame shows the new year. Streamlit's frontend,
streamlit-folium's frame and the page's own scripts all run there; so do
Playwright's click and the MutationObserver that waits for the map (bench/run.py's
OBSERVE_JS), the same for every app, so they are in the floor's figure too. The
server's time is in the wall time only.

The three apps of bench/run.py that switch years (the dashboard, the dashboard's
map alone and the floor) run side by side in shuffled rounds, two switches per
round and app (to 2021 and back). Writes bench/results/toggle-js.json and .md
with medians and the ratios to the map alone and the floor. Reported, never
asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lighthouse import load_average  # noqa: E402
from bench.run import VIEWPORT, App, click_year, observe_sync, shows_year_js, start  # noqa: E402
from tajikmap.testing import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

RESULTS = ROOT / "bench" / "results"
APPS = {
    "dashboard": ROOT / "dashboard.py",
    "map": ROOT / "bench" / "map_alone_app.py",
    "floor": ROOT / "bench" / "floor_app.py",
}
TITLES = {"dashboard": "dashboard", "map": "dashboard's map alone", "floor": "floor"}
JS_EVENTS = {"FunctionCall", "EvaluateScript"}


def main_thread_js_ms(trace: bytes) -> float:
    """Milliseconds of JavaScript on the renderers' main threads in a Chromium trace.

    An event inside another counted one on the same thread (a call made while a
    script runs) is not counted twice.
    """
    data = json.loads(trace)
    events = data["traceEvents"] if isinstance(data, dict) else data
    mains = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    spans = sorted(
        (e["ts"], e["ts"] + e["dur"], (e["pid"], e["tid"]))
        for e in events
        if e.get("ph") == "X" and e.get("name") in JS_EVENTS and "dur" in e and (e["pid"], e["tid"]) in mains
    )
    total = 0.0
    ends: dict[tuple[int, int], float] = {}  # per thread, the end of what is counted so far
    for begin, end, thread in spans:
        last = ends.get(thread, begin)
        if end > last:
            total += end - max(begin, last)
            ends[thread] = end
    return total / 1000


def switch(browser: Any, page: Any, app: str, year: int) -> tuple[float, float]:
    """One year switch: (wall ms until the map shows ``year``, main-thread JS ms)."""
    browser.start_tracing(page=page, categories=["devtools.timeline"])
    t0 = time.perf_counter()
    click_year(page, year)
    observe_sync(page, shows_year_js(app, year), in_frame=True)
    wall = (time.perf_counter() - t0) * 1000
    return wall, main_thread_js_ms(browser.stop_tracing())


def measure(browser: Any, app: str, url: str, samples: dict[str, list[float]]) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(url)
        page.wait_for_function(shows_year_js(app, 1997), timeout=90_000)
        # Settled: the first render's late work (fonts, the frame's own scripts) done.
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")
        page.evaluate("() => new Promise(r => requestIdleCallback(() => r(), {timeout: 3000}))")
        for year in (2021, 1997):
            wall, js = switch(browser, page, app, year)
            samples["wall"].append(wall)
            samples["js"].append(js)
            page.evaluate("() => new Promise(r => requestIdleCallback(() => r(), {timeout: 3000}))")
    finally:
        page.close()


def report(samples: dict[str, dict[str, list[float]]], rounds: int, load: tuple[str, str]) -> dict[str, Any]:
    med = {app: {k: statistics.median(v) for k, v in s.items()} for app, s in samples.items()}
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "rounds": rounds,
        "switches_per_app": len(samples["dashboard"]["js"]),
        "load_average": {"before": load[0], "after": load[1]},
        "median_ms": med,
        "ratios": {
            "dashboard JS ÷ map alone JS": med["dashboard"]["js"] / med["map"]["js"],
            "dashboard JS ÷ floor JS": med["dashboard"]["js"] / med["floor"]["js"],
            "dashboard wall ÷ map alone wall": med["dashboard"]["wall"] / med["map"]["wall"],
            "dashboard wall ÷ floor wall": med["dashboard"]["wall"] / med["floor"]["wall"],
        },
        "samples": samples,
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "Main-thread JavaScript per year switch (bench/toggle_js.py), "
        f"{result['date']}, {result['machine']}, "
        f"{result['rounds']} shuffled rounds, {result['switches_per_app']} switches per app, load average "
        f"{result['load_average']['before']} before and {result['load_average']['after']} after; medians.",
        "",
        "| app | main-thread JS (ms) | wall, click → map shows the year (ms) |",
        "|---|---:|---:|",
    ]
    for app, title in TITLES.items():
        m = result["median_ms"][app]
        lines.append(f"| {title} | {m['js']:.1f} | {m['wall']:.0f} |")
    lines += ["", "| ratio | value |", "|---|---:|"]
    lines += [f"| {name} | {value:.2f} |" for name, value in result["ratios"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    load_before = load_average()
    apps = {name: App(name, script) for name, script in APPS.items()}
    try:
        for app in apps.values():
            start(app, {})  # bench/run.py's: its static files, then streamlit run
        urls = {name: app.url for name, app in apps.items()}
        samples: dict[str, dict[str, list[float]]] = {app: {"wall": [], "js": []} for app in APPS}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for app in APPS:  # warm-up: the servers' imports and caches, left out
                measure(browser, app, urls[app], {"wall": [], "js": []})
            order = list(APPS)
            for i in range(args.rounds):
                random.Random(i).shuffle(order)
                for app in order:
                    measure(browser, app, urls[app], samples[app])
                print(f"round {i + 1}/{args.rounds} done", flush=True)
            browser.close()
    finally:
        for app in apps.values():
            if app.proc:
                app.proc.terminate()
    result = report(samples, args.rounds, (load_before, load_average()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "toggle-js.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "toggle-js.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
