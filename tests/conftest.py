"""Shared fixtures: the real dataset, and a helper that copies it for breaking."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tajikmap.dataset import Dataset, load_dataset
from tajikmap.paths import DATA_DIR, GEODATA_DIR, ROOT, SOURCES_DIR

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# On a fresh checkout (no .hypothesis/ yet, as in CI) Hypothesis builds its
# Unicode tables on the first text draw: ~1.2 s once, which its "input
# generation is slow" check reports as a failure of whichever text test runs
# first. Our strategies are small; the one-time cost is not theirs.
settings.register_profile("tajikmap", suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tajikmap")


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(DATA_DIR, GEODATA_DIR)


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The article texts; their absence fails the run in CI and skips elsewhere."""
    if not SOURCES_DIR.is_dir():
        if IN_CI:
            pytest.fail(f"article texts missing at {SOURCES_DIR} (required in CI)")
        pytest.skip(f"article texts not found at {SOURCES_DIR} (../shared/sources)")
    return SOURCES_DIR


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ and geodata/ side by side: tmp/data, tmp/geodata."""
    shutil.copytree(DATA_DIR, tmp_path / "data")
    shutil.copytree(GEODATA_DIR, tmp_path / "geodata")
    return tmp_path


__all__ = ["IN_CI", "ROOT"]
