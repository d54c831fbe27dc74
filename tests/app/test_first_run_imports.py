"""What a new server's first run imports before it can draw a page."""

from __future__ import annotations

import subprocess
import sys

from tajikmap.paths import ROOT


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_pages_shared_code_leaves_the_image_renderer_for_the_first_download() -> None:
    # matplotlib is ~0.5 s of a new server's first run; only the Share menu's images need it.
    loaded = _imported_after("import pages._shared")
    assert "streamlit" in loaded and "tajikmap.dataset" in loaded  # the import did run
    assert "matplotlib" not in loaded
    assert "tajikmap.images" not in loaded and "tajikmap.export" not in loaded
