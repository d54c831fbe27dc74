"""Soak and load: many reruns in one session, and many concurrent sessions.

    .venv/bin/python bench/soak.py [--reruns 1000] [--sessions 25 --seconds 120 --think 2 4]

Loopback only, bounded in count and time; stops by itself. Writes
bench/results/soak.json and prints a summary. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (
    ARGS,
    CHROMIUM,
    RESULTS,
    App,
    add_think_option,
    click_year,
    load_test,
    other_year,
    rss_mb,
    session,
    shows_year_js,
    start,
    think_label,
    wait_idle,
)


def soak(app: App, reruns: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    assert app.proc is not None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with session(browser) as (page, _):
            page.goto(app.url)
            page.wait_for_function(shows_year_js(app.name, 1997), timeout=60_000)
            wait_idle(page)
            year = 1997
            for _ in range(20):  # warm-up before the baseline
                year = other_year(year)
                click_year(page, year)
                page.wait_for_function(shows_year_js(app.name, year), timeout=60_000)
                wait_idle(page)
            before = rss_mb(app.proc.pid)
            t0 = time.monotonic()
            stalls: list[str] = []
            rss_every_100 = [before]  # a plateau, not a slope, is what "no leak" looks like
            for i in range(reruns):
                if i and i % 100 == 0:
                    rss_every_100.append(rss_mb(app.proc.pid))
                year = other_year(year)
                try:
                    click_year(page, year)
                    page.wait_for_function(shows_year_js(app.name, year), timeout=60_000)
                    wait_idle(page)
                except Exception as exc:  # a stall is a result: record it, look, go on
                    stalls.append(f"rerun {i}: {type(exc).__name__}")
                    page.screenshot(path=str(RESULTS / f"soak-stall-{len(stalls)}.png"))
                    page.goto(app.url)  # the default view (1997), whatever the URL had
                    page.wait_for_function(shows_year_js(app.name, 1997), timeout=60_000)
                    year = 1997
            after = rss_mb(app.proc.pid)
            errors = page.locator('[data-testid="stException"]').count() + len(stalls)
        browser.close()
    return {
        "reruns": reruns,
        "seconds": time.monotonic() - t0,
        "rss_before_mb": before,
        "rss_after_mb": after,
        "growth_pct": 100 * (after - before) / before,
        "rss_every_100_mb": [round(v, 1) for v in [*rss_every_100, after]],
        "errors": errors,
        "stalls": stalls,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reruns", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=120)
    add_think_option(parser, repeat=False)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    app = App("dashboard", root / "dashboard.py")
    start(app, {})
    out = RESULTS / "soak.json"
    try:
        out = RESULTS / "soak.json"
        # Soak and load can be run separately; each run updates its own part.
        result: dict[str, object] = json.loads(out.read_text()) if out.exists() else {}
        result["when"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        if args.reruns:
            result["soak"] = soak(app, args.reruns)
            print("soak", result["soak"], flush=True)
        if args.sessions:
            # Each session toggles the year, then clicks a region and waits for its panel.
            load = load_test(app, args.sessions, args.seconds, tuple(args.think), clicks=True)
            result.pop("load", None)  # the single-run layout of earlier versions
            loads = result.setdefault("loads", {})
            assert isinstance(loads, dict)
            loads[think_label(list(args.think))] = load
            print("load", load, flush=True)
    finally:
        if app.proc:
            app.proc.terminate()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
