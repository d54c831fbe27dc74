"""The ``tajikmap`` command: ``tajikmap validate [DATA_DIR]``, ``export``, ``site``, ``draft``.

Prints one line per problem (file: where: field: what is wrong) and exits 1,
or prints a summary and exits 0. Never a traceback for bad data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tajikmap import draftcli
from tajikmap.articles import check_citation, paragraphs
from tajikmap.dataset import Dataset, load_dataset
from tajikmap.export import FORMATS, write_export
from tajikmap.images import SIZES
from tajikmap.paths import DATA_DIR, GEODATA_DIR, SOURCES_DIR, data_dir, geodata_dir
from tajikmap.problems import DataError, Problem
from tajikmap.textrules import text_problems


def validate(data_dir: Path, geodata_dir: Path, sources_dir: Path | None) -> list[str]:
    """Return problem lines (empty when all is well), checking citations when possible."""
    try:
        dataset = load_dataset(data_dir, geodata_dir)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    problems: list[Problem] = []
    texts: dict[str, list[str]] = {}
    if sources_dir is not None and sources_dir.is_dir():
        for source in dataset.sources.values():
            path = sources_dir / source.file
            if not path.exists():
                problems.append(Problem(str(path), source.id, "file", "article text is missing"))
                continue
            paras = paragraphs(source, sources_dir)
            texts[source.id] = paras
            if len(paras) != source.paragraphs:
                problems.append(
                    Problem(
                        str(path),
                        source.id,
                        "paragraphs",
                        f"data says {source.paragraphs}, the text has {len(paras)}",
                    )
                )
            for fact in dataset.facts:
                if fact.citation.source == source.id:
                    err = check_citation(fact, paras)
                    if err:
                        problems.append(Problem(str(data_dir / "facts"), fact.id, "citation.key_phrase", err))
            cited = {f.citation.paragraph for f in dataset.facts if f.citation.source == source.id}
            for n in range(1, source.paragraphs + 1):
                if n not in cited and n not in source.no_fact_paragraphs:
                    problems.append(
                        Problem(
                            str(data_dir / "sources"),
                            source.id,
                            "no_fact_paragraphs",
                            f"¶{n} has no fact and no reason for having none",
                        )
                    )
    problems += text_problems(dataset, texts, str(data_dir / "facts"), str(data_dir / "regions.yaml"))
    return [str(p) for p in problems]


def _year_pair(text: str) -> tuple[int, int]:
    parts = text.split(",")
    if len(parts) != 2 or not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts):
        raise argparse.ArgumentTypeError("give two years, e.g. 1997,2021")
    return int(parts[0]), int(parts[1])


def _dataset_or_none() -> Dataset | None:
    """The dataset, or None after printing each problem (one line each, no traceback)."""
    try:
        return load_dataset(data_dir(), geodata_dir())
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def _export(args: argparse.Namespace) -> int:
    dataset = _dataset_or_none()
    if dataset is None:
        return 1
    year = args.year if args.year is not None else dataset.years()[0]
    try:
        write_export(dataset, args.format, args.out, year, args.region, args.size, args.compare)
    except (ValueError, OSError) as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.format}, {args.out.stat().st_size:,} bytes)")
    return 0


def _site(args: argparse.Namespace) -> int:
    from tajikmap.site import write_site

    dataset = _dataset_or_none()
    if dataset is None:
        return 1
    try:
        page = write_site(dataset, args.out)
    except (ValueError, OSError) as exc:
        print(f"site failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {page} ({page.stat().st_size:,} bytes): put {args.out} on any static host")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tajikmap")
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check all data files and citations")
    val.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    val.add_argument("--geodata", type=Path, default=GEODATA_DIR)
    val.add_argument(
        "--sources",
        type=Path,
        default=SOURCES_DIR,
        help="folder of article texts; citations are checked when it exists",
    )
    exp = sub.add_parser("export", help="write the map or the data to a file")
    exp.add_argument("--year", type=int, help="year shown first (default: the first year)")
    exp.add_argument("--region", help="region to select (HTML and images)")
    exp.add_argument("--format", choices=FORMATS, default="html")
    exp.add_argument("--size", choices=SIZES, default="column", help="image size: one column or a page")
    exp.add_argument(
        "--compare",
        type=_year_pair,
        metavar="Y1,Y2",
        help="both years side by side (HTML and images), e.g. 1997,2021",
    )
    exp.add_argument("--out", type=Path, required=True)
    site = sub.add_parser(
        "site", help="build the reader's static site (a page and its scripts) into a folder"
    )
    site.add_argument("--out", type=Path, required=True)
    draftcli.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "draft":
        return draftcli.run(args)
    if args.command == "export":
        return _export(args)
    if args.command == "site":
        return _site(args)
    lines = validate(args.data_dir, args.geodata, args.sources)
    for line in lines:
        print(line)
    if lines:
        print(f"{len(lines)} problem(s) found", file=sys.stderr)
        return 1
    checked = "with citations" if args.sources.is_dir() else "citations not checked: no sources"
    print(f"ok: data in {args.data_dir} is valid ({checked})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
