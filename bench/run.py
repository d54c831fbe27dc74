"""Browser benchmark: the dashboard against a floor app and a naive app, in one run.

    .venv/bin/python bench/run.py [--rounds 7] [--load-sessions 20 --load-seconds 60]

Starts the three apps with ``streamlit run`` on loopback, drives Debian's
Chromium with Playwright in interleaved rounds (app order shuffled each round,
since only ratios measured side by side hold on a noisy machine) and writes
bench/results/latest.json and latest.md with medians and ratios. Timings are
reported, never asserted: this is not part of the test suite's pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tajikmap import geobuild  # noqa: E402
from tajikmap.assets import install_static_assets  # noqa: E402
from tests.browser.helpers import IFRAME, inner_point  # noqa: E402
from tests.browser.server import CHROMIUM, start_streamlit  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS as ARGS  # noqa: E402

RESULTS = ROOT / "bench" / "results"
OUTSIDE: list[str] = []  # requests any benchmarked page made to a host other than loopback
COLORS = {1997: "#E69F00", 2021: "#CC79A7"}


@dataclass
class App:
    name: str
    script: Path
    url: str = ""
    proc: subprocess.Popen[bytes] | None = None
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, key: str, value: float) -> None:
        self.samples.setdefault(key, []).append(value)

    def median(self, key: str) -> float | None:
        values = self.samples.get(key)
        return statistics.median(values) if values else None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def naive_geojson() -> Path:
    """Full-resolution TJK + AFG admin-1 features for the naive app."""
    out = ROOT / "build" / "naive-tjk-afg.geojson"
    if out.exists():
        return out
    admin1 = geobuild.fetch_admin1(Path.home() / ".cache" / "tajikmap")
    data = json.loads(admin1.read_text(encoding="utf-8"))
    keep = [f for f in data["features"] if f["properties"].get("adm0_a3") in ("TJK", "AFG")]
    for f in keep:
        f["properties"] = {k: f["properties"][k] for k in ("name", "adm0_a3", "adm1_code")}
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"type": "FeatureCollection", "features": keep}), encoding="utf-8")
    return out


def start(app: App, env: dict[str, str]) -> None:
    install_static_assets(app.script.parent / "static")
    app.proc, app.url = start_streamlit(app.script, env)


@contextmanager
def session(browser: Any) -> Iterator[tuple[Any, list[int]]]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    # No request interception here: routing every request through Playwright adds
    # latency to whatever the page fetches (fonts, files) and would skew timings.
    # The browser tests prove the app makes no outside request; here it is counted.
    context.on("request", lambda r: None if "127.0.0.1" in r.url else OUTSIDE.append(r.url))
    page = context.new_page()
    received: list[int] = []

    def on_ws(ws: Any) -> None:
        ws.on("framereceived", lambda payload: received.append(len(payload)))

    page.on("websocket", on_ws)

    # The dashboard serves its geometry as a static file; its bytes are counted
    # with the websocket's (see static_bytes) so the comparison stays honest.
    # Leaflet itself, which all three apps load, is not counted.
    page.static_responses = []  # type: ignore[attr-defined]
    page.on(
        "response", lambda r: page.static_responses.append(r) if "/app/static/tajikmap/" in r.url else None
    )
    try:
        yield page, received
    finally:
        context.close()


def fill_js(color: str) -> str:
    return (
        "() => { const f = document.querySelector('" + IFRAME.replace("'", "\\'") + "');"
        " if (!f || !f.contentDocument) return false;"
        " return [...f.contentDocument.querySelectorAll('path.leaflet-interactive')]"
        f".some(p => (p.getAttribute('fill') || '').toUpperCase() === '{color}'); }}"
    )


def wait_idle(page: Any) -> None:
    """Streamlit shows its status widget while a script runs; wait until it is gone."""
    page.wait_for_timeout(50)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )


def click_year(page: Any, year: int) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=str(year)).click()


def measure(app: App, browser: Any) -> None:
    with session(browser) as (page, received):
        t0 = time.perf_counter()
        page.goto(app.url)
        page.wait_for_function(fill_js(COLORS[1997]), timeout=60_000)
        app.add("first_paint_ms", (time.perf_counter() - t0) * 1000)
        wait_idle(page)
        static = sum(len(r.body()) for r in page.static_responses)
        app.add("first_render_kb", (sum(received) + static) / 1024)
        for year in (2021, 1997):
            before = sum(received)
            t0 = time.perf_counter()
            click_year(page, year)
            page.wait_for_function(fill_js(COLORS[year]), timeout=60_000)
            wait_idle(page)
            app.add("toggle_ms", (time.perf_counter() - t0) * 1000)
            app.add("toggle_kb", (sum(received) - before) / 1024)
        if app.name == "dashboard":
            frame = page.locator(IFRAME).element_handle().content_frame()
            lat, lon = inner_point("kulyab")
            point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
            t0 = time.perf_counter()
            page.locator(IFRAME).click(position={"x": point["x"], "y": point["y"]})
            try:
                # Checked every animation frame, like the other timings: a locator's
                # wait backs off to 500 ms polls and would add up to that much.
                page.wait_for_function(
                    "() => [...document.querySelectorAll('h3')].some(h => h.textContent.trim() === 'Kulyab')",
                    timeout=15_000,
                )
                app.add("click_panel_ms", (time.perf_counter() - t0) * 1000)
            except Exception:  # reported, not hidden: a click that never filled the panel
                app.add("click_lost", 1)


def load_test(app: App, sessions: int, seconds: float) -> dict[str, Any]:
    """``sessions`` concurrent browser sessions flipping years for ``seconds``.

    One Chromium, one context per session, driven by asyncio; sessions join one
    per second so that start-up does not swamp a 2-core machine. Loopback only,
    bounded in count and time.
    """
    import asyncio

    from playwright.async_api import async_playwright

    toggles: list[float] = []
    errors: list[str] = []
    assert app.proc is not None
    rss_start = 0.0
    server_cpu: dict[str, float] = {}
    # Polling every 200 ms instead of every animation frame: with many pages on
    # two cores, rAF polling would load the machine more than the app does.
    poll = 200

    async def one(browser: Any, index: int, deadline: float) -> None:
        await asyncio.sleep(index * 1.0)
        context = await browser.new_context(viewport={"width": 1200, "height": 900})
        page = await context.new_page()
        page.on("pageerror", lambda e: errors.append(f"session {index}: {e}"))
        try:
            await page.goto(app.url, timeout=120_000)
            await page.wait_for_function(fill_js(COLORS[1997]), timeout=120_000, polling=poll)
            year = 1997
            while time.monotonic() < deadline:
                year = 2021 if year == 1997 else 1997
                t0 = time.perf_counter()
                await page.locator('[data-testid="stRadio"] label').filter(has_text=str(year)).click()
                await page.wait_for_function(fill_js(COLORS[year]), timeout=60_000)
                await page.wait_for_function(
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                    timeout=60_000,
                    polling=poll,
                )
                toggles.append((time.perf_counter() - t0) * 1000)
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"session {index}: exception on page")
        except Exception as exc:  # a failed session is a result, not a crash
            errors.append(f"session {index}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        finally:
            await context.close()

    async def run() -> None:
        nonlocal rss_start
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            warm = await browser.new_page()  # warm the server before the memory baseline
            await warm.goto(app.url, timeout=120_000)
            await warm.wait_for_function(fill_js(COLORS[1997]), timeout=120_000, polling=poll)
            await warm.close()
            assert app.proc is not None
            rss_start = rss_mb(app.proc.pid)
            deadline = time.monotonic() + sessions * 1.0 + seconds
            cpu0, wall0 = cpu_seconds(app.proc.pid), time.monotonic()
            await asyncio.gather(*(one(browser, i, deadline) for i in range(sessions)))
            # How busy the server itself was: if far from 100% of one core while
            # toggles queue, the browsers (same 2 cores) are the bottleneck.
            server_cpu["pct"] = 100 * (cpu_seconds(app.proc.pid) - cpu0) / (time.monotonic() - wall0)
            server_cpu["loadavg"] = os.getloadavg()[0]
            await browser.close()

    asyncio.run(run())
    rss_end = rss_mb(app.proc.pid)
    toggles.sort()
    p95 = toggles[int(0.95 * (len(toggles) - 1))] if toggles else float("nan")
    return {
        "sessions": sessions,
        "seconds": seconds,
        "toggles": len(toggles),
        "errors": len(errors),
        "error_samples": errors[:5],
        "toggle_p95_ms": p95,
        "toggle_median_ms": statistics.median(toggles) if toggles else float("nan"),
        "rss_start_mb": rss_start,
        "rss_end_mb": rss_end,
        "rss_per_session_mb": (rss_end - rss_start) / sessions,
        "server_cpu_pct_of_one_core": server_cpu.get("pct", float("nan")),
        "machine_loadavg_1min": server_cpu.get("loadavg", float("nan")),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def report(apps: dict[str, App], load: dict[str, Any] | None, rounds: int) -> dict[str, Any]:
    d, f, n = apps["dashboard"], apps["floor"], apps["naive"]
    metrics = ["first_paint_ms", "toggle_ms", "click_panel_ms", "first_render_kb", "toggle_kb"]
    medians = {a.name: {m: a.median(m) for m in metrics} for a in apps.values()}
    budgets = [
        ("first paint ÷ floor", ratio(d.median("first_paint_ms"), f.median("first_paint_ms")), 1.25),
        ("year toggle ÷ floor toggle", ratio(d.median("toggle_ms"), f.median("toggle_ms")), 1.5),
        ("click → panel ÷ floor toggle", ratio(d.median("click_panel_ms"), f.median("toggle_ms")), 1.5),
        ("first-render bytes ÷ naive", ratio(d.median("first_render_kb"), n.median("first_render_kb")), 0.5),
        ("per-toggle bytes ÷ naive", ratio(d.median("toggle_kb"), n.median("toggle_kb")), 0.25),
    ]
    if load:
        single = d.median("toggle_ms")
        budgets.append(
            ("load: p95 toggle ÷ single-session median", ratio(load["toggle_p95_ms"], single), 3.0)
        )
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "rounds": rounds,
        "medians": medians,
        "ratios": [
            {"name": b[0], "value": b[1], "budget": b[2], "met": b[1] is not None and b[1] <= b[2]}
            for b in budgets
        ],
        "server_rss_mb": {a.name: a.samples.get("rss_mb", [None])[-1] for a in apps.values()},
        "clicks_lost": len(d.samples.get("click_lost", [])),
        "outside_requests": len(OUTSIDE),
        "clicks_measured": len(d.samples.get("click_panel_ms", [])),
        "load": load,
    }


def markdown(result: dict[str, Any]) -> str:
    def fmt(v: float | None, digits: int = 0) -> str:
        return "—" if v is None else f"{v:,.{digits}f}"

    lines = [
        f"Benchmark {result['when']} ({result['machine']}, {result['rounds']} interleaved rounds, medians).",
        "",
        "| metric | dashboard | floor | naive |",
        "|---|---:|---:|---:|",
    ]
    m = result["medians"]
    for key, label, digits in [
        ("first_paint_ms", "first paint (ms)", 0),
        ("toggle_ms", "year toggle (ms)", 0),
        ("click_panel_ms", "click → panel (ms)", 0),
        ("first_render_kb", "first-render KB (websocket + geometry file)", 1),
        ("toggle_kb", "per-toggle websocket KB", 1),
    ]:
        lines.append(
            f"| {label} | {fmt(m['dashboard'][key], digits)} | "
            f"{fmt(m['floor'][key], digits)} | {fmt(m['naive'][key], digits)} |"
        )
    lines += ["", "| ratio | value | budget | met |", "|---|---:|---:|:---:|"]
    for r in result["ratios"]:
        lines.append(
            f"| {r['name']} | {fmt(r['value'], 2)} | ≤ {r['budget']} | {'yes' if r['met'] else 'no'} |"
        )
    lines.append(
        f"\nClicks that filled the panel: {result['clicks_measured']}; lost: {result['clicks_lost']}. "
        f"Requests to hosts other than 127.0.0.1: {result.get('outside_requests', 0)}."
    )
    rss = result["server_rss_mb"]
    lines += ["", "Server RSS after the rounds (MB): " + ", ".join(f"{k} {fmt(v)}" for k, v in rss.items())]
    if result["load"]:
        ld = result["load"]
        lines.append(
            f"Load: {ld['sessions']} sessions × {ld['seconds']:.0f} s, {ld['toggles']} toggles, "
            f"{ld['errors']} errors, p95 toggle {fmt(ld['toggle_p95_ms'])} ms, RSS "
            f"{fmt(ld['rss_start_mb'])} → {fmt(ld['rss_end_mb'])} MB "
            f"({fmt(ld['rss_per_session_mb'], 1)} MB per session); server CPU "
            f"{fmt(ld['server_cpu_pct_of_one_core'])}% of one core, machine load average "
            f"{fmt(ld['machine_loadavg_1min'], 1)} on {os.cpu_count()} cores."
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--load-sessions", type=int, default=0)
    parser.add_argument("--load-seconds", type=float, default=60)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    env = {"TAJIKMAP_NAIVE_GEOJSON": str(naive_geojson())}
    apps = {
        "dashboard": App("dashboard", ROOT / "dashboard.py"),
        "floor": App("floor", ROOT / "bench" / "floor_app.py"),
        "naive": App("naive", ROOT / "bench" / "naive_app.py"),
    }
    try:
        for app in apps.values():
            start(app, env)
            assert app.proc is not None
            app.add("rss_start_mb", rss_mb(app.proc.pid))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            order = list(apps.values())
            for app in order:  # warm-up: first sessions pay for imports and caches
                measure(app, browser)
                app.samples = {k: v for k, v in app.samples.items() if k == "rss_start_mb"}
            for i in range(args.rounds):
                random.Random(i).shuffle(order)
                for app in order:
                    measure(app, browser)
                print(f"round {i + 1}/{args.rounds} done", flush=True)
            browser.close()
        for app in apps.values():
            assert app.proc is not None
            app.add("rss_mb", rss_mb(app.proc.pid))
        load = None
        if args.load_sessions:
            load = load_test(apps["dashboard"], args.load_sessions, args.load_seconds)
    finally:
        for app in apps.values():
            if app.proc:
                app.proc.terminate()
    result = report(apps, load, args.rounds)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "latest.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
