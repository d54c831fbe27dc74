"""The ``tajikmap`` command: validate prints one line per problem; export writes whole files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tajikmap import cli


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


def test_export_refuses_a_region_of_another_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.html"
    assert cli.main(["export", "--year", "2021", "--region", "kulyab", "--out", str(out)]) == 1
    assert "export failed: region 'kulyab' has no layer in 2021" in capsys.readouterr().err
    assert not out.exists()  # nothing half-written


def test_export_writes_the_file_it_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.csv"
    assert cli.main(["export", "--format", "csv", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out} (csv, ")
    assert out.read_text(encoding="utf-8").startswith("id,")


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["site"]])
def test_export_and_site_on_broken_data_name_the_problem_and_write_nothing(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    facts = data_copy / "data" / "facts" / "2021-stand-against-taliban.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("category: military", "category: sorcery", 1))
    monkeypatch.setenv("TAJIKMAP_DATA_DIR", str(data_copy / "data"))
    monkeypatch.setenv("TAJIKMAP_GEODATA_DIR", str(data_copy / "geodata"))
    out = data_copy / "out"
    assert cli.main([*command, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "category: Input should be" in err and "Traceback" not in err
    assert not out.exists()
