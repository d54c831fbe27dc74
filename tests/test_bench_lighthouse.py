"""bench/lighthouse.py measures every page of the app's navigation (pages/_navigation.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tajikmap.paths import ROOT


def _lighthouse_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_lighthouse", ROOT / "bench" / "lighthouse.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pages_come_from_the_navigation(tmp_path: Path) -> None:
    pages = _lighthouse_module().navigation_pages()
    assert pages["Map"] == "/" and pages["Facts"] == "/facts" and pages["Timeline"] == "/timeline"
    entry = tmp_path / "app.py"
    entry.write_text(
        'import streamlit as st\nst.navigation([st.Page("a.py", title="A", default=True),'
        ' st.Page("b.py", title="New page", url_path="new")]).run()\n',
        encoding="utf-8",
    )
    assert _lighthouse_module().navigation_pages(entry) == {"A": "/", "New page": "/new"}
