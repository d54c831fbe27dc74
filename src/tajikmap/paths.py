"""Where the project's data lives (the repository checkout, installed editable)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
GEODATA_DIR = ROOT / "geodata"
BUILD_INPUTS_DIR = DATA_DIR / "build"
SOURCES_DIR = ROOT.parent / "shared" / "sources"
