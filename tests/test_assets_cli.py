"""Offline Leaflet assets and the ``tajikmap validate`` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tajikmap import assets, cli


def test_install_static_assets_is_idempotent(tmp_path: Path) -> None:
    written = assets.install_static_assets(tmp_path)
    names = {p.name for p in written}
    assert {"leaflet.js", "leaflet.css", "marker-icon.png"} <= names
    copied = (tmp_path / "leaflet" / "leaflet.js").read_bytes()
    assert copied == (assets.LEAFLET_DIR / "leaflet.js").read_bytes()
    assert f"Leaflet {assets.LEAFLET_VERSION}".encode() in copied[:200]
    assert assets.install_static_assets(tmp_path) == []


def test_validate_passes_on_committed_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_validate_reports_each_problem(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = data_copy / "data" / "facts" / "2021-stand-against-taliban.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("regions: [panjshir]", "regions: [narnia]", 1)
    text = text.replace("category: military", "category: sorcery", 1)
    facts.write_text(text, encoding="utf-8")
    code = cli.main(["validate", str(data_copy / "data"), "--geodata", str(data_copy / "geodata")])
    out = capsys.readouterr()
    assert code == 1
    lines = out.out.strip().splitlines()
    assert len(lines) == 2
    assert any("regions: unknown region 'narnia'" in ln for ln in lines)
    assert any("category: Input should be" in ln for ln in lines)
    assert "Traceback" not in out.out + out.err


def test_validate_flags_a_wrong_key_phrase(
    data_copy: Path, sources_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = data_copy / "data" / "facts" / "1997-war-widens-cracks.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("knocked the peace process off track", "knocked the peace talks off track"),
        encoding="utf-8",
    )
    code = cli.main(
        [
            "validate",
            str(data_copy / "data"),
            "--geodata",
            str(data_copy / "geodata"),
            "--sources",
            str(sources_dir),
        ]
    )
    assert code == 1
    assert "f97-fighting-derails-peace: citation.key_phrase" in capsys.readouterr().out
