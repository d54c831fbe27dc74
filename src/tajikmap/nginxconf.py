"""The nginx configuration the cluster runner writes: the shipped site file
(``deploy/nginx/tajikmap.conf``) with only its listen line changed, the upstream
list naming the replicas' ports, and a minimal ``nginx.conf`` for a private
prefix (its own pid file, logs and temp dirs).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tajikmap.paths import ROOT

NGINX = Path(os.environ.get("TAJIKMAP_NGINX", "/usr/sbin/nginx"))
NGINX_SITE = ROOT / "deploy" / "nginx" / "tajikmap.conf"
_LISTEN = re.compile(r"^(\s*)listen\s+8080;", flags=re.M)


class ClusterError(RuntimeError):
    """A replica or nginx did not start, or nginx rejected its configuration."""


def site_config(listen: str, site: Path = NGINX_SITE) -> str:
    """The site file with its ``listen 8080;`` replaced (and nothing else)."""
    text = site.read_text(encoding="utf-8")
    rendered, count = _LISTEN.subn(rf"\g<1>listen {listen};", text)
    if count != 1:
        raise ClusterError(f"{site}: expected one 'listen 8080;' line, found {count}")
    return rendered


def upstreams_config(ports: list[int]) -> str:
    return "".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n" for p in ports)


def main_config(prefix: Path, site: Path, workers: int) -> str:
    """nginx.conf for a private prefix: the site file inside a minimal http block."""
    temp = {name: prefix / "temp" / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    lines = [
        f"worker_processes {workers};",
        f"pid {prefix / 'nginx.pid'};",
        f"error_log {prefix / 'error.log'} warn;",
        "daemon off;",
        "events { worker_connections 4096; }",
        "http {",
        "    default_type application/octet-stream;",
        f"    access_log {prefix / 'access.log'};",
        *(f"    {name}_temp_path {path};" for name, path in temp.items()),
        f"    include {site};",
        "}",
    ]
    return "\n".join(lines) + "\n"
