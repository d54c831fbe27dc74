"""Several dashboard replicas behind Debian's nginx on loopback (``make serve-cluster``).

Starts N Streamlit replicas of the dashboard with the hosted-mode flags, waits for
each one's ``/_stcore/health``, runs nginx with ``deploy/nginx/tajikmap.conf``
unchanged but for its listen line (in a private prefix: its own pid file, logs,
temp dirs and ``tajikmap-upstreams.conf`` naming the replicas' ports), and keeps
checking the replicas' health actively: a replica whose process exits, or whose
health check fails three times running, is started again on its port (what
compose's ``restart:`` and a Deployment's liveness probe do). Open-source nginx
only checks passively (a refused connection marks a replica failed and the
request goes to the next one), so this loop is the active half.

Ctrl-C (or SIGTERM) stops nginx, then every replica, and waits for them.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from tajikmap.nginxconf import (
    NGINX,
    NGINX_SITE,
    ClusterError,
    main_config,
    site_config,
    upstreams_config,
)
from tajikmap.paths import ROOT

# nginx's side, importable from here as before the split.
__all__ = ["NGINX", "NGINX_SITE", "Cluster", "ClusterError", "free_port", "healthy", "main", "main_config"]
__all__ += ["site_config"]

DASHBOARD = ROOT / "dashboard.py"
# The same production flags as `make serve` and the Dockerfile, on loopback.
HOSTED_FLAGS = (
    "--server.headless=true",
    "--client.showErrorDetails=none",
    "--server.fileWatcherType=none",
    "--server.runOnSave=false",
    "--browser.gatherUsageStats=false",
)
FAILS_BEFORE_RESTART = 3
STARTUP_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def healthy(url: str, timeout: float = 2.0) -> bool:
    """One active health check: ``/_stcore/health`` answers 200."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


def _die_with_parent() -> None:
    # A child outliving a killed runner would hold its port; PR_SET_PDEATHSIG (1)
    # makes the kernel send it SIGTERM when the runner goes.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


@dataclass
class Replica:
    index: int
    port: int
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    starts: int = 0
    failed_checks: int = 0
    started_at: float = 0.0
    up: bool = False  # healthy once since its last start (a startup probe passed)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        """As nginx names it in ``$upstream_addr``."""
        return f"127.0.0.1:{self.port}"


@dataclass
class Cluster:
    """N replicas and nginx on loopback; use as a context manager."""

    replicas: int = 2
    port: int = 8080
    app: Path = DASHBOARD
    restart: bool = True
    check_interval: float = 1.0
    nginx_workers: int = 2
    say: Callable[[str], None] = field(default=lambda line: print(line, file=sys.stderr, flush=True))
    prefix: Path = field(init=False)
    members: list[Replica] = field(init=False, default_factory=list)
    nginx: subprocess.Popen[bytes] | None = field(init=False, default=None)
    _stopping: threading.Event = field(init=False, default_factory=threading.Event)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _monitor: threading.Thread | None = field(init=False, default=None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- set-up ------------------------------------------------------------
    def start(self) -> None:
        if not NGINX.exists():
            raise ClusterError(f"nginx not found at {NGINX}: apt-get install nginx")
        if self.replicas < 1:
            raise ClusterError("at least one replica is needed")
        self.prefix = Path(tempfile.mkdtemp(prefix="tajikmap-cluster-"))
        self.prefix.chmod(0o755)  # nginx's workers (user nobody when run as root) read it
        try:
            self.members = [
                Replica(i, free_port(), self.prefix / f"replica-{i}.log") for i in range(self.replicas)
            ]
            for replica in self.members:
                self._spawn(replica)
            for replica in self.members:
                self._wait_healthy(replica)
            self._write_nginx_config()
            self.check_nginx_config()
            self.nginx = subprocess.Popen(
                [str(NGINX), "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_die_with_parent,
                start_new_session=True,
            )
            self._wait_until(lambda: healthy(self.url, 1.0), 15, "nginx", self.nginx)
        except BaseException:
            self.stop()
            raise
        self._monitor = threading.Thread(target=self._watch, name="cluster-health", daemon=True)
        self._monitor.start()

    def _write_nginx_config(self) -> None:
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            path = self.prefix / "temp" / name
            path.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:  # nginx's workers run as nobody and buffer into these
                nobody = pwd.getpwnam("nobody")
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        site = self.prefix / "tajikmap.conf"
        site.write_text(site_config(f"127.0.0.1:{self.port}"), encoding="utf-8")
        self.write_upstreams()
        (self.prefix / "nginx.conf").write_text(
            main_config(self.prefix, site, self.nginx_workers), encoding="utf-8"
        )

    def write_upstreams(self) -> None:
        # Relative includes resolve against nginx.conf's directory: the prefix.
        (self.prefix / "tajikmap-upstreams.conf").write_text(
            upstreams_config([r.port for r in self.members]), encoding="utf-8"
        )

    def check_nginx_config(self) -> None:
        result = subprocess.run(
            [str(NGINX), "-t", "-q", "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise ClusterError(f"nginx rejected the configuration:\n{result.stderr}")

    def _spawn(self, replica: Replica) -> None:
        with replica.log.open("ab") as log:
            replica.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    str(self.app),
                    "--server.address=127.0.0.1",
                    f"--server.port={replica.port}",
                    *HOSTED_FLAGS,
                ],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
                start_new_session=True,  # Ctrl-C reaches the runner, which stops them in order
            )
        replica.starts += 1
        replica.failed_checks = 0
        replica.started_at = time.monotonic()
        replica.up = False

    def _wait_healthy(self, replica: Replica, timeout: float = STARTUP_TIMEOUT) -> None:
        assert replica.proc is not None
        self._wait_until(lambda: healthy(replica.url, 1.0), timeout, f"replica {replica.index}", replica.proc)
        replica.up = True

    def _wait_until(
        self, ready: Callable[[], bool], timeout: float, what: str, proc: subprocess.Popen[bytes]
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise ClusterError(f"{what} exited with code {proc.returncode} {err}".strip())
            if ready():
                return
            time.sleep(0.1)
        raise ClusterError(f"{what} not healthy after {timeout:.0f} s")

    # -- running -----------------------------------------------------------
    def _watch(self) -> None:
        while not self._stopping.wait(self.check_interval):
            for replica in self.members:
                with self._lock:
                    if self._stopping.is_set():
                        return
                    self._check(replica)

    def _check(self, replica: Replica) -> None:
        proc = replica.proc
        if proc is None:
            return
        if proc.poll() is None:
            if healthy(replica.url):
                replica.failed_checks = 0
                replica.up = True
                return
            if not replica.up and time.monotonic() - replica.started_at < STARTUP_TIMEOUT:
                return  # still starting: importing, loading data
            replica.failed_checks += 1
            if replica.failed_checks < FAILS_BEFORE_RESTART:
                return
            self.say(f"replica {replica.index} failed {replica.failed_checks} health checks: restarting it")
            proc.kill()
            proc.wait()
        else:
            self.say(f"replica {replica.index} (port {replica.port}) exited with code {proc.returncode}")
        if self.restart:
            self._spawn(replica)
            self.say(f"replica {replica.index} started again (start {replica.starts})")

    def kill(self, index: int, sig: int = signal.SIGKILL) -> None:
        """Kill a replica the hard way (a crash, an OOM kill): no goodbye to its sessions."""
        proc = self.members[index].proc
        assert proc is not None
        os.kill(proc.pid, sig)

    def wait_replica_healthy(self, index: int, starts: int, timeout: float = 90) -> None:
        """Wait until replica ``index`` has been started ``starts`` times and is healthy."""
        replica = self.members[index]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            alive = replica.proc is not None and replica.proc.poll() is None
            if replica.starts >= starts and alive and healthy(replica.url, 1.0):
                return
            time.sleep(0.1)
        raise ClusterError(f"replica {index} not back after {timeout:.0f} s")

    def nginx_workers_pids(self) -> set[int]:
        assert self.nginx is not None
        master = self.nginx.pid
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == master:
                    pids.add(int(stat.parent.name))
        return pids

    def reload(self, timeout: float = 15) -> None:
        """``nginx -s reload``, returning once new workers run the new configuration.
        Old workers finish their open connections (websockets included) first."""
        before = self.nginx_workers_pids()
        self.check_nginx_config()
        subprocess.run(
            [str(NGINX), "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"), "-s", "reload"],
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.nginx_workers_pids() - before) >= self.nginx_workers:
                return
            time.sleep(0.05)
        raise ClusterError(f"nginx started no new workers within {timeout:.0f} s of a reload")

    def pids(self) -> dict[str, list[int]]:
        """Process ids, for measuring CPU and memory: nginx (master and workers) and replicas."""
        replicas = [r.proc.pid for r in self.members if r.proc is not None]
        nginx = [self.nginx.pid, *self.nginx_workers_pids()] if self.nginx else []
        return {"nginx": nginx, "replicas": replicas}

    def stop(self) -> None:
        self._stopping.set()
        if self._monitor is not None and self._monitor is not threading.current_thread():
            self._monitor.join(timeout=10)
        with self._lock:
            procs = [p for p in [self.nginx, *(r.proc for r in self.members)] if p is not None]
            for proc in procs:  # nginx first: no new requests reach a stopping replica
                if proc.poll() is None:
                    proc.terminate()
                    try:
                        proc.wait(timeout=15)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
            for proc in procs:
                if proc.stderr is not None:
                    proc.stderr.close()
        if getattr(self, "prefix", None) is not None and not os.environ.get("TAJIKMAP_KEEP_CLUSTER_DIR"):
            shutil.rmtree(self.prefix, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    parser.add_argument("--no-restart", action="store_true", help="leave a dead replica dead")
    args = parser.parse_args(argv)

    def stop_on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_term)
    cluster = Cluster(replicas=args.replicas, port=args.port, restart=not args.no_restart)
    try:
        cluster.start()
        for replica in cluster.members:
            cluster.say(f"replica {replica.index}: {replica.url} (log {replica.log})")
        cluster.say(f"nginx: {cluster.url}  (config {cluster.prefix / 'nginx.conf'}); Ctrl-C stops all")
        assert cluster.nginx is not None
        while cluster.nginx.poll() is None:
            time.sleep(0.5)
        cluster.say(f"nginx exited with code {cluster.nginx.returncode}")
        return 1
    except KeyboardInterrupt:
        cluster.say("stopping nginx and the replicas…")
        return 0
    except ClusterError as exc:
        cluster.say(f"error: {exc}")
        return 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
