"""The cluster for real on loopback: Debian's nginx (deploy/nginx/tajikmap.conf) in
front of dashboard replicas (tajikmap.cluster), driven by browserless Streamlit
clients (bench/stclient.py). Counts are asserted, never timings, except for one
generous bound on recovery."""

from __future__ import annotations

import asyncio
import gzip
import random
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bench.readers import Reader, shown_view
from bench.stclient import Session, last_replica
from tajikmap.cluster import Cluster, free_port, healthy
from tajikmap.paths import ROOT

# A replica's death must be repaired well within this (measured: well under 1 s;
# bench/results/cluster.md); generous so a loaded CI machine does not fail it.
T = TypeVar("T")
RECOVERY_BOUND_S = 15.0
SESSIONS = 12
THINK = (0.2, 0.6)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    lines: list[str] = []
    with Cluster(replicas=2, port=free_port(), say=lines.append, check_interval=0.5) as running:
        yield running


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()


def test_the_proxy_compresses_and_caches_the_frontend(cluster: Cluster) -> None:
    _, page_headers, page = _get(cluster.url + "/")
    assert page_headers["cache-control"] == "no-cache"  # the page itself is never cached
    script = next(part.split('"')[0] for part in page.decode().split('src="./')[1:] if ".js" in part)
    direct = _get(f"{cluster.members[0].url}/{script}", {"Accept-Encoding": "gzip"})
    status, headers, body = _get(f"{cluster.url}/{script}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == direct[2]  # the same file, a third of the bytes or less
    assert len(body) * 3 < len(direct[2]) and "content-encoding" not in direct[1]
    assert headers["cache-control"] == "public, max-age=31536000, immutable"


def test_a_session_sticks_to_one_replica_and_sessions_spread(cluster: Cluster) -> None:
    async def open_sessions() -> list[tuple[str, set[str]]]:
        seen = []
        for _ in range(10):
            session = Session(cluster.url, query_string="year=1997&region=kulyab")
            await session.open()
            assert shown_view(session) == ("1997", "Kulyab")
            # The page, the health check and assets go where the websocket went.
            cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
            http = {
                last_replica(_get(cluster.url + path, {"Cookie": cookie})[1]["x-tajikmap-replica"])
                for path in ("/", "/_stcore/health")
            }
            seen.append((session.replica, http))
            await session.close()
        return seen

    seen = _run(open_sessions())
    assert all(http == {ws} for ws, http in seen), seen
    assert {ws for ws, _ in seen} == {m.address for m in cluster.members}, "all sessions on one replica"


def test_a_fresh_replica_serves_readers_arriving_together() -> None:
    """A replica that has just started (a restart, a deploy, a scale-up) gets its
    first readers all at once. Each must see the page, not an error: the first run
    of a process switches Streamlit out of its pages-directory mode with a rerun,
    and when that rerun was raised while importing pages/_shared.py, a second
    session importing it meanwhile got the half-run module (ImportError)."""

    async def arrive_together(url: str) -> list[object]:
        sessions = [Session(url, query_string="year=2021&region=panjshir") for _ in range(8)]
        results = await asyncio.gather(*(s.open() for s in sessions), return_exceptions=True)
        for session in sessions:
            await session.close()
        return [
            r if isinstance(r, Exception) else shown_view(s) for r, s in zip(results, sessions, strict=True)
        ]

    with Cluster(replicas=1, port=free_port(), say=lambda _line: None) as fresh:
        views = _run(arrive_together(fresh.url))
    assert views == [("2021", "Panjshir")] * 8


def test_killing_a_replica_under_load_loses_no_session(cluster: Cluster) -> None:
    """Readers on both replicas; one replica is killed (SIGKILL). Each of its readers
    reconnects to the survivor with its view restored from its URL; the survivor's
    readers see nothing; the runner restarts the dead replica and it takes new
    sessions again; an nginx reload under load then drops no connection."""
    rng = random.Random(21)

    async def scenario() -> None:
        readers = []
        for i in range(SESSIONS):
            year, region = rng.choice(
                [("1997", "kulyab"), ("1997", "east"), ("2021", "panjshir"), ("2021", "")]
            )
            query = f"year={year}" + (f"&region={region}" if region else "")
            reader = Reader(Session(cluster.url, query_string=query), think=THINK, rng=random.Random(i))
            await reader.open()
            readers.append(reader)
        by_replica = {m.address: [r for r in readers if r.replica == m.address] for m in cluster.members}
        assert all(by_replica.values()), f"readers not on both replicas: {by_replica.keys()}"
        victim = cluster.members[0]
        survivors = by_replica[cluster.members[1].address]
        doomed = by_replica[victim.address]

        stop = asyncio.Event()
        tasks = [asyncio.create_task(r.run(stop)) for r in readers]
        await _until(lambda: all(len(r.runs) >= 2 for r in readers), 20, "readers interacting")

        killed_at = time.monotonic()
        cluster.kill(victim.index)
        await _until(lambda: all(r.recoveries for r in doomed), RECOVERY_BOUND_S + 5, "recoveries")
        runs_after = {id(r): len(r.runs) for r in readers}
        await _until(lambda: all(len(r.runs) >= runs_after[id(r)] + 2 for r in readers), 20, "runs after")

        for reader in doomed:
            (recovery,) = reader.recoveries
            assert recovery.restored and recovery.replica_after == cluster.members[1].address
            assert recovery.closed_at - killed_at + recovery.seconds < RECOVERY_BOUND_S
        assert not any(r.recoveries for r in survivors), "a survivor's reader was disconnected"

        # The runner's health check restarts the dead replica; new readers reach it.
        cluster.wait_replica_healthy(victim.index, starts=2, timeout=60)
        # nginx keeps it out for fail_timeout (5 s) after the failed connections.
        newcomer, tried, deadline = None, 0, time.monotonic() + 30
        while newcomer is None and time.monotonic() < deadline:
            candidate = Reader(Session(cluster.url, query_string="year=2021"), think=THINK, rng=rng)
            await candidate.open()
            tried += 1
            if candidate.replica == victim.address:
                newcomer = candidate
            else:
                await candidate.close()
                await asyncio.sleep(0.2)
        assert newcomer is not None, f"the restarted replica took none of {tried} new sessions in 30 s"
        readers.append(newcomer)
        tasks.append(asyncio.create_task(newcomer.run(stop)))

        # A reload under load: old workers keep their websockets until they close.
        await asyncio.to_thread(cluster.reload)
        runs_after = {id(r): len(r.runs) for r in readers}
        await _until(
            lambda: all(len(r.runs) >= runs_after[id(r)] + 2 for r in readers), 20, "runs after reload"
        )
        stop.set()
        await asyncio.gather(*tasks)

        assert [r.errors for r in readers] == [[] for _ in readers]
        assert sum(len(r.recoveries) for r in readers) == len(doomed)  # the reload dropped none
        for reader in readers:
            await reader.close()

    _run(scenario())


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API, used by the browser
    tests in the same pytest process, may hold an event loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _until(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    """Await a condition (checked every 50 ms) instead of sleeping a fixed time."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


def test_serve_cluster_stops_everything_on_ctrl_c() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tajikmap.cluster", "--replicas", "1", "--port", str(port)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not healthy(f"http://127.0.0.1:{port}", 1):
            assert proc.poll() is None and time.monotonic() < deadline, "the cluster did not come up"
            time.sleep(0.2)
        children = _descendants(proc.pid)
        assert len(children) >= 3  # a replica, nginx's master and its workers
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "stopping nginx and the replicas" in (proc.stderr.read() if proc.stderr else "")
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]
    assert not healthy(f"http://127.0.0.1:{port}", 1)


def _descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == parent:
                found.append(int(stat.parent.name))
                frontier.append(int(stat.parent.name))
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
