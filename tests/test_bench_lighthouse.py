"""bench/lighthouse.py measures every page of the app's navigation (pages/_navigation.py)."""

from __future__ import annotations

import base64
import importlib.util
import io
from pathlib import Path

from PIL import Image, ImageDraw

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


def _screenshot(body_block: bool) -> str:
    """A data: URI like Lighthouse's final screenshot: white, Streamlit's header icons at
    the top, and, if ``body_block``, a block of dark text-like pixels below it."""
    picture = Image.new("RGB", (250, 500), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((10, 10, 30, 25), fill="black")  # the header's icons
    if body_block:
        draw.rectangle((20, 120, 230, 160), fill=(40, 40, 40))
    out = io.BytesIO()
    picture.save(out, format="JPEG")
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


def test_a_blank_page_is_told_from_a_drawn_one() -> None:
    lighthouse = _lighthouse_module()
    assert lighthouse.drew_content(_screenshot(body_block=True))
    assert not lighthouse.drew_content(_screenshot(body_block=False))  # the header alone


def test_blank_audits_are_left_out_and_reported() -> None:
    lighthouse = _lighthouse_module()

    def run(perf: int, drawn: bool) -> dict[str, object]:
        figures = {"cls": 0.0, "fcp_ms": 1.0, "lcp_ms": 1.0, "tbt_ms": 0.0, "si_ms": 1.0}
        return {"performance": perf, "accessibility": 100, "a11y_failing": [], "drawn": drawn, **figures}

    page = lighthouse.summarise([run(40, True), run(55, False), run(42, True)])
    assert page["performance"] == 41 and page["blank"] == 1
    none = lighthouse.summarise([run(55, False)])
    floor = lighthouse.summarise([run(55, True)])
    lines = lighthouse.table({"Compare": page, "Map": none, lighthouse.FLOOR: floor}, "cold")
    assert any(line.startswith("| Map | not drawn |") for line in lines)
    assert any("cold, Compare: 1 of 3 audits ended before the page drew" in line for line in lines)
