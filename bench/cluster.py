"""Hosting at scale, measured: nginx in front of replicas, load from browserless clients.

    .venv/bin/python bench/cluster.py [--steps 10 20 40 ...] [--step-seconds 20] [--think 2 4]

1. Capacity: one replica behind nginx; readers (bench/readers.py, speaking
   Streamlit's websocket protocol) open the Map page and switch the year or pick
   a region every 2–4 s. Readers are added step by step; each step reports the
   p95 rerun time (BackMsg sent → script finished, all deltas in), the replica's
   CPU per interaction and its memory per session. Capacity = the most readers
   whose p95 stays ≤ 250 ms. Then two replicas at twice that, to see it scale.
2. Bytes over the wire: one Map page load in Debian's Chromium (CDP's encoded
   sizes), straight from a replica and through nginx, first and repeat visit;
   plus the websocket bytes of a page view and an interaction.
3. Failover: two replicas under load, one killed (SIGKILL): the time until each
   of its readers shows its view again (from its URL) on the survivor, errors
   after recovery, the restarted replica's return, and an nginx reload under load.

Loopback only; every phase is bounded in time and count. Writes
bench/results/cluster.{json,md}. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.procstat import cpu_seconds, rss_mb  # noqa: E402
from bench.readers import Reader  # noqa: E402
from bench.stclient import Session  # noqa: E402
from tajikmap.cluster import Cluster, free_port  # noqa: E402
from tajikmap.testing import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

RESULTS = ROOT / "bench" / "results"
BUDGET_MS = 250.0
QUERIES = ["year=1997", "year=1997&region=kulyab", "year=2021", "year=2021&region=panjshir"]


def runqueue_wait_seconds(pid: int) -> float:
    """Time a process's threads spent runnable but waiting for a CPU (schedstat):
    how much of a slow rerun is the machine being busy with other work."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        try:
            total += int(stat.read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # a thread that ended meanwhile
    return total / 1e9


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def new_reader(url: str, i: int, think: tuple[float, float]) -> Reader:
    rng = random.Random(i)
    return Reader(Session(url, query_string=rng.choice(QUERIES)), think=think, rng=rng)


async def open_readers(readers: list[Reader], batch: int = 5) -> None:
    """Arrivals in small batches, as readers come, not all in one instant."""
    for start in range(0, len(readers), batch):
        await asyncio.gather(*(r.open() for r in readers[start : start + batch]))


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


# -- 1. capacity ---------------------------------------------------------------
async def warm_up(cluster: Cluster) -> None:
    """Every view once on every replica (data loaded, caches filled) before measuring:
    a fresh process's first runs are not what a steady state costs."""
    for _ in range(4 * len(cluster.members)):
        session = Session(cluster.url, query_string="year=1997")
        await session.open()
        for year in session.radios["Year"].options:
            await session.choose("Year", year)
            for region in session.radios["Region"].options:
                await session.choose("Region", region)
        await session.close()


async def capacity_steps(
    cluster: Cluster, steps: list[int], seconds: float, think: tuple[float, float], stop_over: bool
) -> list[dict[str, Any]]:
    replicas = [m.proc.pid for m in cluster.members if m.proc is not None]
    nginx = cluster.pids()["nginx"]
    readers: list[Reader] = []
    stop = asyncio.Event()
    tasks: list[asyncio.Task[None]] = []
    rows = []
    await warm_up(cluster)
    rss_before = sum(rss_mb(p) for p in replicas)
    for count in steps:
        fresh = [new_reader(cluster.url, len(readers) + i, think) for i in range(count - len(readers))]
        await open_readers(fresh)
        readers += fresh
        tasks += [asyncio.create_task(r.run(stop)) for r in fresh]
        await asyncio.sleep(think[1])  # every reader past its first pause: a steady state
        cpu0 = [cpu_seconds(p) for p in replicas]
        wait0 = sum(runqueue_wait_seconds(p) for p in replicas)
        ngx0 = sum(cpu_seconds(p) for p in nginx if Path(f"/proc/{p}").exists())
        own0, t0 = own_cpu(), time.monotonic()
        await asyncio.sleep(seconds)
        t1 = time.monotonic()
        cpu = sum(cpu_seconds(p) for p in replicas) - sum(cpu0)
        waited = sum(runqueue_wait_seconds(p) for p in replicas) - wait0
        ngx = sum(cpu_seconds(p) for p in nginx if Path(f"/proc/{p}").exists()) - ngx0
        own = own_cpu() - own0
        times = [s for r in readers for at, s in r.runs if t0 <= at < t1]
        errors = sum(1 for r in readers for at, _ in r.errors if t0 <= at < t1)
        rss = sum(rss_mb(p) for p in replicas)
        row = {
            "replicas": len(replicas),
            "sessions": count,
            "interactions": len(times),
            "per_second": round(len(times) / (t1 - t0), 1),
            "median_ms": ms(statistics.median(times)) if times else None,
            "p95_ms": ms(p95(times)),
            "p99_ms": ms(sorted(times)[min(len(times) - 1, round(0.99 * (len(times) - 1)))])
            if times
            else None,
            "load_average": round(os.getloadavg()[0], 1),
            "errors": errors,
            "server_cpu_ms_per_interaction": ms(cpu / len(times)) if times else None,
            "server_cpu_cores": round(cpu / (t1 - t0), 2),
            "server_runqueue_wait_ms_per_interaction": ms(waited / len(times)) if times else None,
            "nginx_cpu_ms_per_interaction": ms(ngx / len(times)) if times else None,
            "client_cpu_ms_per_interaction": ms(own / len(times)) if times else None,
            "rss_mb": round(rss, 1),
            "rss_mb_per_session": round((rss - rss_before) / count, 2),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
        # The p95 also carries whatever else the (shared) machine runs; the ramp goes
        # on until the replica itself is saturated: errors, or a median over budget.
        if stop_over and (errors or (row["median_ms"] or 0) > BUDGET_MS):
            break
    stop.set()
    await asyncio.gather(*tasks)
    for reader in readers:
        await reader.close()
    return rows


async def one_reader(cluster: Cluster, seconds: float) -> dict[str, Any]:
    """The baseline, in the same run: one reader alone (quick pauses, for enough
    samples). Its p95 is what this machine adds by itself, load or not."""
    await warm_up(cluster)
    reader = new_reader(cluster.url, 10_000, (0.2, 0.4))
    await reader.open()
    stop = asyncio.Event()
    task = asyncio.create_task(reader.run(stop))
    await asyncio.sleep(seconds)
    stop.set()
    await task
    await reader.close()
    times = [s for _, s in reader.runs]
    return {
        "interactions": len(times),
        "median_ms": ms(statistics.median(times)),
        "p95_ms": ms(p95(times)),
        "errors": len(reader.errors),
        "load_average": round(os.getloadavg()[0], 1),
    }


def run_capacity(steps: list[int], seconds: float, think: tuple[float, float]) -> dict[str, Any]:
    with Cluster(replicas=1, port=free_port(), say=lambda _line: None) as one:
        alone = asyncio.run(one_reader(one, seconds))
        print(json.dumps({"one_reader": alone}), flush=True)
        rows = asyncio.run(capacity_steps(one, steps, seconds, think, stop_over=True))
    held = [r["sessions"] for r in rows if r["p95_ms"] <= BUDGET_MS and not r["errors"]]
    capacity = max(held) if held else 0
    # Where one replica (one process, one GIL: one core at most) runs out of CPU,
    # from the CPU it spent per interaction and how often a reader interacts.
    busiest = max(rows, key=lambda r: r["sessions"])
    rate = busiest["per_second"] / busiest["sessions"]
    cpu_ms = statistics.median(r["server_cpu_ms_per_interaction"] for r in rows)
    ceiling = round(1000 / (cpu_ms * rate))
    # The busiest step again, split over two replicas.
    with Cluster(replicas=2, port=free_port(), say=lambda _line: None) as two:
        scaled = asyncio.run(capacity_steps(two, [busiest["sessions"]], seconds, think, stop_over=False))
    return {
        "one_reader": alone,
        "one_replica": rows,
        "capacity_per_replica": capacity,
        "cpu_ceiling_sessions_per_replica": ceiling,
        "interactions_per_session_per_second": round(rate, 3),
        "two_replicas": scaled,
    }


# -- 2. bytes --------------------------------------------------------------------
def page_bytes(url: str) -> dict[str, float]:
    """Bytes a Map page view costs Chromium: a first visit and a repeat visit."""
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        totals = {"http": 0.0, "ws": 0.0, "requests": 0.0}

        def finished(event: dict[str, Any]) -> None:
            totals["http"] += event["encodedDataLength"]
            totals["requests"] += 1

        def frame(event: dict[str, Any]) -> None:
            totals["ws"] += len(event["response"]["payloadData"]) * (
                3 / 4 if event["response"]["opcode"] == 2 else 1
            )

        cdp.on("Network.loadingFinished", finished)
        cdp.on("Network.webSocketFrameReceived", frame)
        for visit in ("first", "repeat"):
            for key in totals:
                totals[key] = 0.0
            page.goto(f"{url}/?year=2021&region=panjshir")
            page.get_by_role("heading", name="Panjshir", exact=True).wait_for(timeout=60_000)
            page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(
                ".leaflet-interactive"
            ).first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            out[f"{visit}_http_kb"] = round(totals["http"] / 1024, 1)
            out[f"{visit}_requests"] = totals["requests"]
            out[f"{visit}_ws_kb"] = round(totals["ws"] / 1024, 1)
        browser.close()
    return out


async def session_bytes(url: str) -> dict[str, float]:
    session = Session(url, query_string="year=2021&region=panjshir")
    opened = await session.open()
    switched = await session.choose("Year", "1997")
    picked = await session.choose("Region", "Kulyab")
    await session.close()
    return {
        "ws_open_kb": round(opened.bytes / 1024, 1),
        "ws_year_switch_kb": round(switched.bytes / 1024, 1),
        "ws_region_pick_kb": round(picked.bytes / 1024, 1),
    }


def run_bytes() -> dict[str, Any]:
    with Cluster(replicas=1, port=free_port(), say=lambda _line: None) as one:
        direct, proxied = one.members[0].url, one.url
        page_bytes(direct)  # warm the replica's caches for both measured loads
        return {
            "direct": page_bytes(direct) | asyncio.run(session_bytes(direct)),
            "nginx": page_bytes(proxied) | asyncio.run(session_bytes(proxied)),
        }


# -- 3. failover -----------------------------------------------------------------
async def failover(cluster: Cluster, sessions: int, think: tuple[float, float]) -> dict[str, Any]:
    readers = [new_reader(cluster.url, i, think) for i in range(sessions)]
    await open_readers(readers)
    stop = asyncio.Event()
    tasks = [asyncio.create_task(r.run(stop)) for r in readers]
    await asyncio.sleep(think[1] * 2)
    victim = cluster.members[0]
    doomed = [r for r in readers if r.replica == victim.address]
    killed_at = time.monotonic()
    cluster.kill(victim.index)
    deadline = killed_at + 60
    while not all(r.recoveries for r in doomed) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    recovered = [r.recoveries[0] for r in doomed if r.recoveries]
    from_kill = [rec.closed_at - killed_at + rec.seconds for rec in recovered]
    await asyncio.to_thread(cluster.wait_replica_healthy, victim.index, 2, 90)
    back_in = time.monotonic() - killed_at
    after = time.monotonic()
    await asyncio.sleep(think[1] * 2)
    reload_at = time.monotonic()
    await asyncio.to_thread(cluster.reload)
    await asyncio.sleep(think[1] * 2)
    stop.set()
    await asyncio.gather(*tasks)
    survivors = [r for r in readers if r not in doomed]
    result = {
        "sessions": sessions,
        "on_killed_replica": len(doomed),
        "recovered": len(recovered),
        "restored_view": sum(rec.restored for rec in recovered),
        "recovery_ms_median": ms(statistics.median(from_kill)) if from_kill else None,
        "recovery_ms_max": ms(max(from_kill)) if from_kill else None,
        "reconnect_ms_median": ms(statistics.median(rec.seconds for rec in recovered)) if recovered else None,
        "errors_after_recovery": sum(1 for r in readers for at, _ in r.errors if at >= after),
        "errors_total": sum(len(r.errors) for r in readers),
        "survivor_disconnects": sum(len(r.recoveries) for r in survivors),
        "replica_back_healthy_s": round(back_in, 1),
        "disconnects_from_reload": sum(
            1 for r in readers for rec in r.recoveries if rec.closed_at >= reload_at
        ),
        "interactions": sum(len(r.runs) for r in readers),
    }
    for reader in readers:
        await reader.close()
    return result


def run_failover(sessions: int, think: tuple[float, float]) -> dict[str, Any]:
    with Cluster(replicas=2, port=free_port(), say=lambda _line: None) as two:
        return asyncio.run(failover(two, sessions, think))


# -- report ------------------------------------------------------------------------
def report(data: dict[str, Any]) -> str:
    cap, by, fo = data["capacity"], data["bytes"], data["failover"]
    alone = cap["one_reader"]
    lines = [
        f"Cluster benchmark {data['when']} ({data['machine']}); nginx {data['nginx']}, "
        f"think {data['think'][0]}–{data['think'][1]} s, {data['step_seconds']} s per step; "
        f"1-min load average {data['load_average_at_start']:.1f} at the start, "
        f"{data['load_average_at_end']:.1f} at the end.",
        "",
        "Capacity: one replica behind nginx, browserless readers (Streamlit's websocket protocol).",
        "",
        "| replicas | sessions | interactions/s | median ms | p95 ms | p99 ms | load avg | errors "
        "| server CPU ms / interaction | server cores | server ms waiting for a CPU / interaction "
        "| nginx CPU ms / interaction "
        "| client CPU ms / interaction | replica RSS MB | MB / session |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in cap["one_replica"] + cap["two_replicas"]:
        lines.append(
            f"| {row['replicas']} | {row['sessions']} | {row['per_second']} | {row['median_ms']} "
            f"| {row['p95_ms']} | {row['p99_ms']} | {row['load_average']} | {row['errors']} "
            f"| {row['server_cpu_ms_per_interaction']} "
            f"| {row['server_cpu_cores']} | {row['server_runqueue_wait_ms_per_interaction']} "
            f"| {row['nginx_cpu_ms_per_interaction']} | {row['client_cpu_ms_per_interaction']} "
            f"| {row['rss_mb']} | {row['rss_mb_per_session']} |"
        )
    lines += [
        "",
        f"Baseline in the same run, one reader alone on the replica: median {alone['median_ms']} ms, "
        f"p95 {alone['p95_ms']} ms ({alone['interactions']} interactions; "
        f"load average {alone['load_average']}).",
        "",
        f"Sessions one replica holds with p95 rerun ≤ {BUDGET_MS:.0f} ms: **{cap['capacity_per_replica']}**. "
        f"Its CPU ceiling (one core at {cap['interactions_per_session_per_second']} interactions per "
        f"reader per second): **{cap['cpu_ceiling_sessions_per_replica']}** readers.",
        "",
        "Bytes for one Map page view (Chromium, CDP encoded sizes; websocket from the protocol client):",
        "",
        "| | first visit HTTP KB (requests) | repeat visit HTTP KB (requests) "
        "| websocket KB: page | year switch | region pick |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in ("direct", "nginx"):
        b = by[name]
        lines.append(
            f"| {'straight from a replica' if name == 'direct' else 'through nginx'} "
            f"| {b['first_http_kb']} ({b['first_requests']:.0f}) "
            f"| {b['repeat_http_kb']} ({b['repeat_requests']:.0f}) "
            f"| {b['ws_open_kb']} | {b['ws_year_switch_kb']} | {b['ws_region_pick_kb']} |"
        )
    lines += [
        "",
        f"Failover: 2 replicas, {fo['sessions']} readers; replica 0 killed with SIGKILL under load.",
        "",
        f"- readers on the killed replica: {fo['on_killed_replica']}; reconnected: {fo['recovered']}; "
        f"view restored from the URL: {fo['restored_view']}",
        f"- kill → view shown again: median {fo['recovery_ms_median']} ms, max {fo['recovery_ms_max']} ms "
        f"(reconnect alone: median {fo['reconnect_ms_median']} ms)",
        f"- errors after recovery: {fo['errors_after_recovery']} (in all: {fo['errors_total']}); "
        f"disconnects of the survivor's readers: {fo['survivor_disconnects']}",
        f"- killed replica restarted by the runner, healthy {fo['replica_back_healthy_s']} s after the kill",
        f"- nginx reload under load: {fo['disconnects_from_reload']} disconnects; "
        f"{fo['interactions']} interactions in all",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--steps", type=int, nargs="+", default=[10, 25, 50, 100, 150, 200, 300])
    parser.add_argument("--step-seconds", type=float, default=20)
    parser.add_argument("--think", type=float, nargs=2, default=[2.0, 4.0])
    parser.add_argument("--failover-sessions", type=int, default=40)
    args = parser.parse_args()
    think = (args.think[0], args.think[1])
    import subprocess

    data: dict[str, Any] = {
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "nginx": subprocess.run(["/usr/sbin/nginx", "-v"], capture_output=True, text=True).stderr.strip(),
        "think": think,
        "step_seconds": args.step_seconds,
        # The machine is shared: other work running meanwhile shows here.
        "load_average_at_start": os.getloadavg()[0],
    }
    data["bytes"] = run_bytes()
    print(json.dumps(data["bytes"]), flush=True)
    data["failover"] = run_failover(args.failover_sessions, think)
    print(json.dumps(data["failover"]), flush=True)
    data["capacity"] = run_capacity(sorted(args.steps), args.step_seconds, think)
    data["load_average_at_end"] = os.getloadavg()[0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cluster.json").write_text(json.dumps(data, indent=2) + "\n")
    text = report(data)
    (RESULTS / "cluster.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
