"""The files shipped in the package (``js/…``, ``css/…``), read once per process.

Apart from tajikmap.elements so that dashboard.py can draw every page's
stylesheet before it imports folium (seconds on a new server).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def resource_text(name: str) -> str:
    """A file shipped in the package, as text."""
    return files("tajikmap").joinpath(name).read_text(encoding="utf-8")


def app_css() -> str:
    """Rules for every page (the keyboard's focus rings), drawn by dashboard.py."""
    return resource_text("css/app.css")
