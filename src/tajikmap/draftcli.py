"""The ``tajikmap draft`` subcommand: arguments, messages, exit codes.

``tajikmap draft ARTICLE.txt --source-id ID --year Y --out data/facts/ID.draft.yaml``
writes a draft; ``--check CURATED.yaml`` compares it with curated facts (and
``--json`` saves the numbers). Bad input prints one clear line and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tajikmap.draft import draft_article, write_draft
from tajikmap.draftcheck import check, load_curated, report_lines
from tajikmap.draftsource import DraftError, read_article
from tajikmap.gazetteer import load_gazetteer
from tajikmap.paths import data_dir, geodata_dir


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("draft", help="propose a new article's facts for a person to review")
    p.add_argument("article", type=Path, help="the article's text file")
    p.add_argument("--source-id", required=True, help="id for the new source, e.g. my-article-2024")
    p.add_argument("--year", type=int, required=True, help="the snapshot year the article feeds")
    p.add_argument("--out", type=Path, help="where to write the draft (e.g. data/facts/ID.draft.yaml)")
    p.add_argument(
        "--check", type=Path, metavar="CURATED.yaml", help="report precision and recall against it"
    )
    p.add_argument("--json", type=Path, help="with --check: also write the numbers to this JSON file")


def run(args: argparse.Namespace) -> int:
    if args.out is None and args.check is None:
        print(
            "draft: give --out (write the draft) or --check (compare with curated facts), or both",
            file=sys.stderr,
        )
        return 2
    try:
        text = read_article(args.article)
        gazetteer = load_gazetteer(data_dir(), geodata_dir())
        draft = draft_article(text, args.source_id, args.year, data_dir(), gazetteer, args.article.name)
        result = check(draft, load_curated(args.check, args.source_id)) if args.check else None
        if args.out is not None:
            write_draft(draft, args.out)
            print(
                f"wrote {args.out}: {len(draft.facts)} candidate facts"
                f" from {len(draft.paragraphs)} paragraphs"
            )
    except DraftError as exc:
        print(f"draft: {exc}", file=sys.stderr)
        return 1
    if result is not None:
        for line in report_lines(result):
            print(line)
        if args.json is not None:
            args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0
