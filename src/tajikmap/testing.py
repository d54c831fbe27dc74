"""Shared by the browser tests and the benchmarks (bench/), which must not import
from tests/: start a Streamlit app on a free loopback port and wait until it is
healthy, launch Debian's Chromium for it, and find points inside a region to
click (from the committed geodata)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO, Any

import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

from tajikmap.paths import GEODATA_DIR, ROOT
from tajikmap.resources import resource_text

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# In a map frame: true once every map in it has drawn the geometry file, which
# arrives after the map is built (js/geometry_loader.js marks each container).
MAPS_DRAWN_JS = "!document.querySelector('.leaflet-container:not(.tajikmap-drawn)')"
# The app's navigation: in the header in a wide window, in the sidebar's drawer on a
# phone (Streamlit's fallback for ``st.navigation(position="top")``), where
# a new server's pages-directory mode would also list its file names.
NAV = '[data-testid="stTopNav"], [data-testid="stSidebarNav"]'
# For add_init_script: window.__shifts (layout shifts, with what moved) and
# window.__navTexts (every text the navigation showed, header or sidebar).
LOAD_OBSERVERS = resource_text("js/load_observers.js")

# Debian's Chromium, never a downloaded browser.
CHROMIUM = Path(os.environ.get("TAJIKMAP_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium tries to reach outside hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Poll /_stcore/health (never sleep-and-hope) until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit at {url} not healthy after {timeout}s")


def start_streamlit(
    script: Path,
    env: dict[str, str] | None = None,
    output: IO[bytes] | int = subprocess.DEVNULL,
    cwd: Path = ROOT,
) -> tuple[subprocess.Popen[bytes], str]:
    """``streamlit run script`` on 127.0.0.1 from ``cwd`` (whose .streamlit/ config it
    reads); returns the process and its URL once healthy."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
    except RuntimeError:
        proc.kill()
        raise
    return proc, url


def _geoms(filename: str) -> dict[str, Any]:
    fc = json.loads((GEODATA_DIR / filename).read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shape(f["geometry"]) for f in fc["features"]}


def town_latlon(town_id: str) -> tuple[float, float]:
    """(lat, lon) of a town in the built geodata."""
    point = _geoms("towns.geojson")[town_id]
    return point.y, point.x


def _grid_inside(poly: Any, steps: int = 20) -> list[shapely.Point]:
    """Points of a steps x steps grid over ``poly``'s box that lie inside it."""
    minx, miny, maxx, maxy = poly.bounds
    grid = [
        shapely.Point(minx + (maxx - minx) * i / steps, miny + (maxy - miny) * j / steps)
        for i in range(1, steps)
        for j in range(1, steps)
    ]
    return [c for c in grid if poly.contains(c)]


def _biggest_part(region_id: str) -> Any:
    geom = _geoms("regions.geojson")[region_id]
    return max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)


def inner_point(region_id: str) -> tuple[float, float]:
    """(lat, lon) well inside the region and away from town markers."""
    biggest = _biggest_part(region_id)
    towns = shapely.MultiPoint([g for g in _geoms("towns.geojson").values()])
    point = polylabel(biggest, tolerance=0.01)
    if point.distance(towns) < 0.15:
        # Walk a grid for the interior point farthest from both edge and towns.
        inside = _grid_inside(biggest)
        point = max(inside, key=lambda c: min(c.distance(towns), c.distance(biggest.boundary)))
    return point.y, point.x


def inner_points(region_id: str) -> list[tuple[float, float]]:
    """(lat, lon) points inside the region, best first: :func:`inner_point`, then a
    grid's points by distance from the edge (for when something covers the first)."""
    biggest = _biggest_part(region_id)
    inside = sorted(_grid_inside(biggest, steps=12), key=lambda c: -c.distance(biggest.boundary))
    return [inner_point(region_id), *((c.y, c.x) for c in inside)]
