"""tajikmap.resources: package files, and every page's stylesheet without folium."""

from __future__ import annotations

import subprocess
import sys

from tajikmap.paths import ROOT
from tajikmap.resources import app_css, resource_text


def test_app_css_rings_the_navigation_and_the_radios() -> None:
    css = app_css()
    for testid in ("stTopNavLink", "stSidebarNavLink", "stPageLink-NavLink", "stRadioOption"):
        assert f'[data-testid="{testid}"]' in css
    assert "focus-visible" in css


def test_resource_text_reads_the_shipped_file() -> None:
    for name in ("css/app.css", "js/geometry_loader.js"):
        assert resource_text(name) == (ROOT / "src" / "tajikmap" / name).read_text(encoding="utf-8")


def test_importing_it_does_not_import_folium() -> None:
    # dashboard.py draws the stylesheet before the slow imports; folium is one of them.
    code = "import sys, tajikmap.resources; print('folium' in sys.modules, 'geopandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
