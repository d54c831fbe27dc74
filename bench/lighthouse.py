"""Lighthouse (npm lighthouse@12.2.3, mobile preset) on every dashboard page and the floor app.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--pages Map Facts]

Two measurements of every URL, in the same run:

- **cold**: each audit is the first visit to a freshly started server (what a
  reader following a shared link meets after a deploy or a restart);
- **warm**: one server per app, every URL opened once in Chromium and left idle
  first, then audited.

``--runs`` audits of each kind per URL, in a shuffled order each round; writes
bench/results/lighthouse-pages.json and .md with medians, and the machine's load
average before and after (bench/lighthouse_site.py owns lighthouse.json and .md:
the static site).

Budgets (reported, not asserted): accessibility 100 on every page, CLS ≤ 0.1,
performance score no lower than the floor's minus 5 (the same run, the same kind).
Lighthouse is installed with npm into bench/.node/ (gitignored) when missing.
"""

from __future__ import annotations

import argparse
import ast
import base64
import datetime as dt
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tajikmap.assets import install_static_assets  # noqa: E402
from tajikmap.testing import CHROMIUM, CHROMIUM_ARGS, start_streamlit  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"
NODE_DIR = ROOT / "bench" / ".node"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results"
REPORTS = ROOT / "build" / "lighthouse"  # each URL's last full report, for looking into (gitignored)
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def navigation_pages(entry: Path = ROOT / "pages" / "_navigation.py") -> dict[str, str]:
    """Page title -> URL path, read from the ``st.Page(...)`` calls of the app's navigation,
    so a page added there is measured with no change here."""
    pages: dict[str, str] = {}
    for node in ast.walk(ast.parse(entry.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            kw = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            path = "" if kw.get("default") else str(kw.get("url_path", ""))
            pages[str(kw["title"])] = f"/{path}"
    if not pages:
        raise SystemExit(f"no st.Page(...) found in {entry}")
    return pages


FLOOR = "floor app"
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "-E",
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True)
    if version.stdout.strip() != LIGHTHOUSE_VERSION:
        raise SystemExit(f"bench/.node has lighthouse {version.stdout.strip()}, not {LIGHTHOUSE_VERSION}")
    return LIGHTHOUSE


def warm(urls: dict[str, str]) -> None:
    """Open every URL once in Chromium and wait until its script is idle."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for url in urls.values():
            page.goto(url)
            page.get_by_test_id("stMainBlockContainer").wait_for(timeout=60_000)
            page.wait_for_function(IDLE, timeout=60_000)
        browser.close()


def drew_content(screenshot: str, header: float = 0.1, share: float = 0.01) -> bool:
    """Whether a Lighthouse final screenshot (a data: URI) shows more than Streamlit's
    header: at least ``share`` of the picture below its top ``header`` is not white.

    A cold server may take longer over its first run (imports, the data) than
    Lighthouse waits for a quiet network; such an audit ends on a blank page and
    measures nothing, so it is left out of the medians and counted in the report.
    """
    from PIL import Image

    picture = Image.open(io.BytesIO(base64.b64decode(screenshot.split(",", 1)[1]))).convert("L")
    width, height = picture.size
    body = picture.crop((0, int(height * header), width, height))
    histogram = body.histogram()  # 256 grey levels
    return sum(histogram[:200]) / (body.width * body.height) >= share


def audit(lighthouse: Path, url: str, name: str) -> dict[str, Any]:
    """One Lighthouse run (mobile preset); the figures this report uses."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [str(lighthouse), url, "--output=json", f"--output-path={out}", "--quiet",
             "--only-categories=performance,accessibility", "--form-factor=mobile",
             f"--chrome-flags={CHROME_FLAGS}"],
            check=True,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            timeout=300,
        )  # fmt: skip
        report = json.loads(out.read_text(encoding="utf-8"))
        REPORTS.mkdir(parents=True, exist_ok=True)
        (REPORTS / f"{name.replace(' ', '-').lower()}.json").write_bytes(out.read_bytes())
    audits = report["audits"]
    failing = sorted(
        a["id"]
        for a in audits.values()
        if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0
        and a["id"] in {r["id"] for r in report["categories"]["accessibility"]["auditRefs"]}
    )  # fmt: skip
    return {
        "performance": round(100 * report["categories"]["performance"]["score"]),
        "accessibility": round(100 * report["categories"]["accessibility"]["score"]),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "si_ms": audits["speed-index"]["numericValue"],
        "a11y_failing": failing,
        "lighthouse": report["lighthouseVersion"],
        "drawn": drew_content(audits["final-screenshot"]["details"]["data"]),
    }


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the audits that saw the page drawn (all of them if none did, flagged)."""
    drawn = [r for r in runs if r.get("drawn", True)]
    used = drawn or runs
    keys = ("performance", "accessibility", "cls", "fcp_ms", "lcp_ms", "tbt_ms", "si_ms")
    out: dict[str, Any] = {k: statistics.median(r[k] for r in used) for k in keys}
    out["cls_max"] = max(r["cls"] for r in used)
    out["accessibility_min"] = min(r["accessibility"] for r in used)
    out["a11y_failing"] = sorted({a for r in used for a in r["a11y_failing"]})
    out["blank"] = len(runs) - len(drawn)
    out["runs"] = runs
    return out


def table(results: dict[str, dict[str, Any]], kind: str) -> list[str]:
    floor_perf = results[FLOOR]["performance"]
    lines = [
        "| page | performance | accessibility | CLS (median / max) | FCP s | LCP s | TBT ms "
        "| a11y 100 | CLS ≤ 0.1 | perf ≥ floor − 5 |",
        "|---|---:|---:|---:|---:|---:|---:|:---:|:---:|:---:|",
    ]
    for name, r in results.items():
        if r.get("blank", 0) == len(r["runs"]):  # nothing was measured
            lines.append(f"| {name} | not drawn | | | | | | | | |")
            continue
        ok_a11y = "yes" if r["accessibility_min"] == 100 else "no"
        ok_cls = "yes" if r["cls_max"] <= 0.1 else "no"
        ok_perf = "—" if name == FLOOR else ("yes" if r["performance"] >= floor_perf - 5 else "no")
        lines.append(
            f"| {name} | {r['performance']:.0f} | {r['accessibility']:.0f} "
            f"| {r['cls']:.3f} / {r['cls_max']:.3f} | {r['fcp_ms'] / 1000:.1f} | {r['lcp_ms'] / 1000:.1f} "
            f"| {r['tbt_ms']:.0f} | {ok_a11y} | {ok_cls} | {ok_perf} |"
        )
    lines.append("")
    for name, r in results.items():
        if r.get("blank"):
            lines.append(
                f"- {kind}, {name}: {r['blank']} of {len(r['runs'])} audits ended before the page drew "
                "its content (a blank final screenshot); left out of the figures above"
            )
        if r["a11y_failing"]:
            lines.append(f"- {kind}, {name}: failing accessibility audits: {', '.join(r['a11y_failing'])}")
    return lines


def report(results: dict[str, dict[str, dict[str, Any]]], meta: dict[str, Any]) -> str:
    lines = [
        f"Lighthouse {meta['lighthouse']} (mobile preset: simulated slow 4G and a 4× slower CPU), "
        f"{meta['when']}, {meta['machine']}, load average {meta['load_before']} before and "
        f"{meta['load_after']} after (1, 5, 15 min), median of {meta['runs']} runs per URL and kind, "
        "the pages and the floor app shuffled together in each round.",
        "",
        "**Cold server**: each audit is the first visit to a freshly started server.",
        "",
        *table(results["cold"], "cold"),
        "",
        "**Warm server**: every URL was opened once in Chromium and left idle before any run.",
        "",
        *table(results["warm"], "warm"),
    ]
    return "\n".join(lines).rstrip() + "\n"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cold_audits(
    lighthouse: Path, targets: dict[str, tuple[Path, str]], runs: int
) -> dict[str, list[dict[str, Any]]]:
    """Each audit on a server started for it alone, so it is that server's first visit."""
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    for round_no in range(runs):
        order = list(targets)
        random.shuffle(order)
        for name in order:
            script, path = targets[name]
            proc, url = start_streamlit(script)
            try:
                samples[name].append(audit(lighthouse, url + path, f"{name} cold"))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
            print(f"cold round {round_no + 1}: {name}: {samples[name][-1]['performance']} perf, "
                  f"{samples[name][-1]['accessibility']} a11y, CLS {samples[name][-1]['cls']:.3f}",
                  flush=True)  # fmt: skip
    return samples


def warm_audits(
    lighthouse: Path, targets: dict[str, tuple[Path, str]], runs: int
) -> dict[str, list[dict[str, Any]]]:
    """One server per app, every URL visited once first, then audited ``runs`` times."""
    servers: dict[Path, tuple[subprocess.Popen[bytes], str]] = {}
    try:
        for script, _ in targets.values():
            if script not in servers:
                servers[script] = start_streamlit(script)
        urls = {name: servers[script][1] + path for name, (script, path) in targets.items()}
        warm(urls)
        samples: dict[str, list[dict[str, Any]]] = {name: [] for name in urls}
        for round_no in range(runs):
            order = list(urls)
            random.shuffle(order)
            for name in order:
                samples[name].append(audit(lighthouse, urls[name], name))
                print(f"warm round {round_no + 1}: {name}: {samples[name][-1]['performance']} perf, "
                      f"{samples[name][-1]['accessibility']} a11y, CLS {samples[name][-1]['cls']:.3f}",
                      flush=True)  # fmt: skip
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=10)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="Lighthouse runs per URL and kind (median reported)"
    )
    parser.add_argument("--pages", nargs="*", default=None, help="only these pages (and the floor)")
    args = parser.parse_args()
    lighthouse = ensure_lighthouse()
    install_static_assets(ROOT / "static")
    install_static_assets(ROOT / "bench" / "static")
    pages = navigation_pages()
    targets = {
        name: (ROOT / "dashboard.py", path) for name, path in pages.items() if name in (args.pages or pages)
    }
    targets[FLOOR] = (ROOT / "bench" / "floor_app.py", "/")
    load_before = load_average()
    samples = {
        "cold": cold_audits(lighthouse, targets, args.runs),
        "warm": warm_audits(lighthouse, targets, args.runs),
    }
    results = {kind: {name: summarise(runs) for name, runs in s.items()} for kind, s in samples.items()}
    meta = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_before": load_before,
        "load_after": load_average(),
        "runs": args.runs,
        "lighthouse": samples["warm"][FLOOR][0]["lighthouse"],
    }
    RESULTS.mkdir(exist_ok=True)
    # Written whole or not at all: a failed run above leaves the last results in place.
    (RESULTS / "lighthouse-pages.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "lighthouse-pages.md").write_text(report(results, meta), encoding="utf-8")
    print(report(results, meta))


if __name__ == "__main__":
    main()
