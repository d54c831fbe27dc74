"""Where the project's data lives (the repository checkout, installed editable).

``TAJIKMAP_DATA_DIR`` and ``TAJIKMAP_GEODATA_DIR`` point the app at other data
(tests use them for broken and hostile fixtures); they are read at call time.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
GEODATA_DIR = ROOT / "geodata"
BUILD_INPUTS_DIR = DATA_DIR / "build"
SOURCES_DIR = ROOT.parent / "shared" / "sources"
STATIC_DIR = ROOT / "static"


def data_dir() -> Path:
    return Path(os.environ.get("TAJIKMAP_DATA_DIR") or DATA_DIR)


def geodata_dir() -> Path:
    return Path(os.environ.get("TAJIKMAP_GEODATA_DIR") or GEODATA_DIR)
