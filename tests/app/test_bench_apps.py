"""The benchmark's reference apps still run (bench/run.py measures them against the dashboard)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tajikmap.paths import ROOT


@pytest.mark.parametrize("script", ["floor_app.py", "map_alone_app.py"])
def test_reference_app_runs_and_toggles(script: str) -> None:
    at = AppTest.from_file(str(ROOT / "bench" / script), default_timeout=30).run()
    assert not at.exception
    year = at.radio[0]
    assert year.value == 1997
    year.set_value(2021).run()
    assert not at.exception and at.radio[0].value == 2021
