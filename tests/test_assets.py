"""Offline Leaflet assets: copied from the xstatic-leaflet package, once."""

from __future__ import annotations

from pathlib import Path

from tajikmap import assets


def test_install_static_assets_is_idempotent(tmp_path: Path) -> None:
    written = assets.install_static_assets(tmp_path)
    names = {p.name for p in written}
    assert {"leaflet.js", "leaflet.css", "marker-icon.png"} <= names
    copied = (tmp_path / "leaflet" / "leaflet.js").read_bytes()
    assert copied == (assets.LEAFLET_DIR / "leaflet.js").read_bytes()
    assert f"Leaflet {assets.LEAFLET_VERSION}".encode() in copied[:200]
    assert assets.install_static_assets(tmp_path) == []


def test_the_map_loads_leaflet_from_the_app() -> None:
    assert assets.leaflet_js_url() == f"../../app/static/leaflet/leaflet.js?v={assets.LEAFLET_VERSION}"
    assert assets.leaflet_css_url("/x") == f"/x/leaflet/leaflet.css?v={assets.LEAFLET_VERSION}"


def test_inlined_css_needs_no_image_request() -> None:
    css = assets.leaflet_css()
    shipped = (assets.LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    assert "url(images/" in shipped and "url(images/" not in css
    assert css.count("url(data:image/png;base64,") == shipped.count("url(images/")
