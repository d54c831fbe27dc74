"""Lighthouse (mobile preset, simulated slow 4G) on the static reader's site and on the
Streamlit Map page, in one run.

    .venv/bin/python bench/lighthouse_site.py [--runs 3]

Builds the site (``tajikmap site``) into a temporary folder and serves it with
``python -m http.server`` on loopback (a plain static server: no compression,
as the worst static host would be), starts ``streamlit run dashboard.py`` on a
free port, and runs Lighthouse 12.2.3 against both in interleaved rounds (the
Streamlit server is visited once first, so its start-up state does not count
against it). Lighthouse is installed with npm into ~/.cache/tajikmap/lighthouse
(outside the repository) on first use. Writes bench/results/lighthouse.json and
lighthouse.md: medians per page, and the budgets as measured against the
Streamlit page in the same run. Reports, never asserts.
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
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tajikmap.dataset import load_dataset  # noqa: E402
from tajikmap.paths import data_dir, geodata_dir  # noqa: E402
from tajikmap.site import write_site  # noqa: E402
from tajikmap.testing import CHROMIUM, free_port, start_streamlit  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_DIR = Path.home() / ".cache" / "tajikmap" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
METRICS = {
    "performance": None,
    "accessibility": None,
    "first-contentful-paint": "ms",
    "largest-contentful-paint": "ms",
    "speed-index": "ms",
    "total-blocking-time": "ms",
    "cumulative-layout-shift": "",
    "total-byte-weight": "bytes",
}
LOOPBACK = {"127.0.0.1", "localhost"}


def lighthouse_bin() -> Path:
    """Lighthouse's CLI, installed with npm (pinned, exact) on first use."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "i", "-E", f"lighthouse@{LIGHTHOUSE_VERSION}", "--prefix", str(LIGHTHOUSE_DIR)],
            check=True,
        )
    return binary


def wait_serving(url: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} not serving after {timeout}s")


def audit(url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile preset, the default); the numbers this bench reports."""
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run(
        [
            str(lighthouse_bin()),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    result: dict[str, Any] = {
        "performance": report["categories"]["performance"]["score"] * 100,
        "accessibility": report["categories"]["accessibility"]["score"] * 100,
    }
    for key in list(METRICS)[2:]:
        result[key] = report["audits"][key]["numericValue"]
    requests = report["audits"]["network-requests"]["details"]["items"]
    result["requests"] = len(requests)
    result["outside_requests"] = [
        r["url"]
        for r in requests
        if urlparse(r["url"]).scheme in ("http", "https") and urlparse(r["url"]).hostname not in LOOPBACK
    ]
    failed = [
        ref["id"]
        for ref in report["categories"]["accessibility"]["auditRefs"]
        if report["audits"][ref["id"]].get("score") not in (None, 1)
    ]
    result["accessibility_failures"] = failed
    return result


def median(samples: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(s[key] for s in samples))


def fmt(key: str, value: float) -> str:
    if key == "cumulative-layout-shift":
        return f"{value:.3f}"
    if key == "total-byte-weight":
        return f"{value / 1024:,.0f} KB"
    return f"{value:,.0f}"


def report(samples: dict[str, list[dict[str, Any]]], runs: int) -> tuple[dict[str, Any], str]:
    site, app = samples["static site"], samples["Streamlit Map page"]
    medians = {name: {k: median(s, k) for k in METRICS} for name, s in samples.items()}
    ratio = medians["static site"]["total-byte-weight"] / medians["Streamlit Map page"]["total-byte-weight"]
    budgets = [
        ("static site: performance score", medians["static site"]["performance"], "≥ 90", lambda v: v >= 90),
        ("static site: CLS", medians["static site"]["cumulative-layout-shift"], "≤ 0.1", lambda v: v <= 0.1),
        (
            "static site: accessibility score",
            medians["static site"]["accessibility"],
            "= 100",
            lambda v: v == 100,
        ),
        ("bytes transferred: static site ÷ Streamlit Map page", ratio, "≤ 0.15", lambda v: v <= 0.15),
    ]
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f"Lighthouse {LIGHTHOUSE_VERSION} {now} ({platform.machine()}, {os.cpu_count()} cores, "
        f"mobile preset, simulated slow 4G, {runs} interleaved runs each, medians).",
        "",
        "| metric | static site | Streamlit Map page |",
        "|---|---:|---:|",
    ]
    for key in METRICS:
        unit = f" ({METRICS[key]})" if METRICS[key] and METRICS[key] != "bytes" else ""
        lines.append(
            f"| {key}{unit} | {fmt(key, medians['static site'][key])} | "
            f"{fmt(key, medians['Streamlit Map page'][key])} |"
        )
    lines.append(f"| requests | {site[0]['requests']} | {app[0]['requests']} |")
    lines += ["", "| budget | value | budget | met |", "|---|---:|---:|:---:|"]
    for name, value, limit, ok in budgets:
        shown = f"{value:.2f}" if isinstance(value, float) and value < 10 else f"{value:.0f}"
        lines.append(f"| {name} | {shown} | {limit} | {'yes' if ok(value) else 'no'} |")
    outside = sorted({u for s in samples.values() for r in s for u in r["outside_requests"]})
    lines += ["", f"Requests to hosts other than loopback: {len(outside)}."]
    failures = sorted({f for s in site for f in s["accessibility_failures"]})
    lines.append(f"Accessibility audits failed on the static site: {', '.join(failures) or 'none'}.")
    data = {
        "when": now,
        "runs": runs,
        "samples": samples,
        "medians": medians,
        "bytes_ratio": ratio,
        "budgets": {name: {"value": v, "budget": b, "met": ok(v)} for name, v, b, ok in budgets},
    }
    return data, "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lighthouse_bin()
    with tempfile.TemporaryDirectory(prefix="tajikmap-site-") as tmp:
        site_dir = Path(tmp) / "site"
        write_site(load_dataset(data_dir(), geodata_dir()), site_dir)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(site_dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        app, app_url = start_streamlit(ROOT / "dashboard.py")
        try:
            site_url = f"http://127.0.0.1:{port}/"
            wait_serving(site_url)
            targets = {"static site": site_url, "Streamlit Map page": f"{app_url}/"}
            # A first visit to a fresh Streamlit server waits for its imports and data
            # (bench/lighthouse.py measures that "cold" case); the app's readers meet a warm server.
            audit(targets["Streamlit Map page"], Path(tmp) / "warm.json")
            samples: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
            for i in range(args.runs):
                order = list(targets)
                random.shuffle(order)
                for name in order:
                    result = audit(targets[name], Path(tmp) / f"{i}-{name.split()[0]}.json")
                    samples[name].append(result)
                    print(
                        f"run {i + 1} {name}: performance {result['performance']:.0f}, "
                        f"CLS {result['cumulative-layout-shift']:.3f}, "
                        f"{result['total-byte-weight'] / 1024:,.0f} KB",
                        flush=True,
                    )
        finally:
            server.terminate()
            app.terminate()
            server.wait(timeout=10)
            app.wait(timeout=10)
    data, table = report(samples, args.runs)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lighthouse.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "lighthouse.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
