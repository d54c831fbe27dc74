"""Start a Streamlit app on a free loopback port and wait until it is healthy,
and how to launch Debian's Chromium for it.

Shared by the browser tests and the benchmarks (bench/), which drive the same
servers the same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from tajikmap.paths import ROOT

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
    script: Path, env: dict[str, str] | None = None, output: IO[bytes] | int = subprocess.DEVNULL
) -> tuple[subprocess.Popen[bytes], str]:
    """``streamlit run script`` on 127.0.0.1; returns the process and its URL once healthy."""
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
        cwd=ROOT,
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
