"""Serve Leaflet from the app itself so the map works with no internet access.

folium points at CDNs by default; streamlit-folium hands those URLs to its
iframe, which then shows a blank map offline. We copy Leaflet's files from the
registry-installed ``xstatic-leaflet`` package into the app's ``static/``
folder (served by Streamlit at ``app/static/``) and point the map at them.
"""

from __future__ import annotations

import base64
import filecmp
import re
import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

LEAFLET_VERSION: str = xleaflet.VERSION
LEAFLET_DIR = Path(xleaflet.BASE_DIR)

# The files the map loads; nothing else (no jQuery, Bootstrap or Font Awesome:
# the map uses no popups, awesome markers or glyph icons).
LEAFLET_FILES = ("leaflet.js", "leaflet.css")

# The component iframe lives at <base>/component/streamlit_folium.st_folium/index.html,
# so this relative path reaches <base>/app/static/ with or without a base URL path.
STATIC_URL_FROM_COMPONENT = "../../app/static"


def install_static_assets(static_dir: Path) -> list[Path]:
    """Copy Leaflet's JS, CSS and marker images into ``static_dir/leaflet``.

    Idempotent: files already identical are left alone. Returns the files written.
    """
    target = static_dir / "leaflet"
    written: list[Path] = []
    sources = [LEAFLET_DIR / name for name in LEAFLET_FILES]
    sources += sorted((LEAFLET_DIR / "images").glob("*.png"))
    for src in sources:
        dest = target / src.relative_to(LEAFLET_DIR)
        if dest.exists() and filecmp.cmp(src, dest, shallow=False):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        written.append(dest)
    return written


def leaflet_js_url(base: str = STATIC_URL_FROM_COMPONENT) -> str:
    return f"{base}/leaflet/leaflet.js?v={LEAFLET_VERSION}"


def leaflet_css_url(base: str = STATIC_URL_FROM_COMPONENT) -> str:
    return f"{base}/leaflet/leaflet.css?v={LEAFLET_VERSION}"


def leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as data: URIs, for a one-file page (the
    static site, the HTML exports): no request for them."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        encoded = base64.b64encode((LEAFLET_DIR / match.group(1)).read_bytes()).decode()
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def main(argv: list[str] | None = None) -> int:
    """``python -m tajikmap.assets [STATIC_DIR]``: install Leaflet for the app."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    static_dir = Path(args[0]) if args else Path("static")
    written = install_static_assets(static_dir)
    print(f"Leaflet {LEAFLET_VERSION}: {len(written)} file(s) written under {static_dir}/leaflet")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
