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


@cache
def script_source(name: str) -> str:
    """A script of ``js/`` without its comment lines: they are for readers of the
    file, and the scripts are resent on every rerun or shipped to every reader."""
    lines = resource_text(f"js/{name}").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("//"))


def app_css() -> str:
    """Rules for every page (the keyboard's focus rings), drawn by dashboard.py."""
    return resource_text("css/app.css")
