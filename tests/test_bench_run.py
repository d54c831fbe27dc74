"""bench/run.py's report and its baseline app (no browser: samples are given)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench import run
from tajikmap.paths import ROOT


def _app(name: str, **samples: list[float]) -> run.App:
    app = run.App(name, ROOT / "dashboard.py", ref="abc123" if name == "baseline" else "")
    for key, values in samples.items():
        for value in values:
            app.add(key, value)
    return app


def _apps(with_baseline: bool) -> dict[str, run.App]:
    apps = {
        "dashboard": _app("dashboard", first_paint_ms=[1200, 1300, 1250], toggle_ms=[150, 160, 170]),
        "floor": _app("floor", first_paint_ms=[1000], toggle_ms=[80]),
        "naive": _app("naive", first_paint_ms=[1500], toggle_ms=[400]),
    }
    if with_baseline:
        apps["baseline"] = _app("baseline", first_paint_ms=[1000, 1000], toggle_ms=[200, 200])
    return apps


def test_the_baseline_is_reported_against_the_dashboard_measured_with_it() -> None:
    result = run.report(_apps(True), [], rounds=3)
    refs = {r["name"]: r["value"] for r in result["references"]}
    assert refs["dashboard ÷ its baseline abc123: first paint"] == pytest.approx(1250 / 1000)
    assert refs["dashboard ÷ its baseline abc123: year toggle"] == pytest.approx(160 / 200)
    assert refs["baseline abc123: year toggle ÷ floor toggle"] == pytest.approx(200 / 80)
    text = run.markdown(result)
    assert "| baseline abc123 |" in text.splitlines()[2]  # a column of its own
    assert "dashboard ÷ its baseline abc123: year toggle (a reference) | 0.80 |" in text


def test_without_a_baseline_no_baseline_rows() -> None:
    result = run.report(_apps(False), [], rounds=3)
    assert result["baseline"] is None
    assert not any("baseline" in r["name"] for r in result["references"])


def test_the_baseline_app_runs_the_commits_own_code_and_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "BASELINES", tmp_path / "baseline")
    app = run.baseline_app("HEAD")
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
        assert app.ref == head.stdout.strip()[:12]
        assert app.cwd == tmp_path / "baseline" / app.ref  # its .streamlit/ config, not ours
        assert (app.cwd / "dashboard.py").read_bytes() == (ROOT / "dashboard.py").read_bytes()
        assert app.env["PYTHONPATH"] == str(app.cwd / "src")
        assert run.baseline_app("HEAD").cwd == app.cwd  # made once per commit
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(app.cwd)], check=True)
