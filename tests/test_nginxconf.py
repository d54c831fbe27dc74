"""The nginx configuration the cluster runner writes, checked by Debian's nginx itself."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tajikmap.nginxconf import NGINX, NGINX_SITE, ClusterError, main_config, site_config, upstreams_config


def test_nginx_accepts_the_shipped_configuration(tmp_path: Path) -> None:
    # As on Debian: the site file beside the shipped upstream list, included from
    # an http block (here in a private prefix instead of /etc/nginx).
    shutil.copy(NGINX_SITE.parent / "tajikmap-upstreams.conf", tmp_path)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "temp" / name).mkdir(parents=True)
    (tmp_path / "nginx.conf").write_text(main_config(tmp_path, NGINX_SITE, 1))
    result = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_only_the_listen_line_changes() -> None:
    shipped = NGINX_SITE.read_text(encoding="utf-8")
    rendered = site_config("127.0.0.1:9")
    assert "listen 127.0.0.1:9;" in rendered and "listen 8080;" not in rendered
    assert rendered.replace("listen 127.0.0.1:9;", "listen 8080;") == shipped


def test_a_site_file_without_one_listen_line_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site.conf"
    site.write_text("server {\n  listen 8080;\n  listen 8080;\n}\n", encoding="utf-8")
    with pytest.raises(ClusterError, match="expected one 'listen 8080;' line, found 2"):
        site_config("127.0.0.1:9", site)


def test_the_upstream_list_names_each_replica() -> None:
    assert upstreams_config([8601, 8602]).splitlines() == [
        "server 127.0.0.1:8601 max_fails=1 fail_timeout=5s;",
        "server 127.0.0.1:8602 max_fails=1 fail_timeout=5s;",
    ]
