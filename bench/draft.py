"""How much of the curated data ``tajikmap draft`` proposes: both articles drafted as if new.

    .venv/bin/python bench/draft.py [--sources ../shared/sources]

Drafts each article in data/sources (from its text alone: the draft never reads the
source record or the curated facts) and scores it with ``tajikmap draft --check``
against the curated facts citing it. The region rules are added one at a time
(named in the sentence → named earlier in the paragraph → actors' sway in another
year → the article's most-named region), so each rule's gain in recall and cost in
precision is measured in the same run; the first row is the baseline. Writes
bench/results/draft.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tajikmap.draft import REGION_RULES, draft_article  # noqa: E402
from tajikmap.draftcheck import check  # noqa: E402
from tajikmap.gazetteer import load_gazetteer  # noqa: E402
from tajikmap.paths import SOURCES_DIR, data_dir, geodata_dir  # noqa: E402


def _curated(source_id: str) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = []
    for path in sorted((data_dir() / "facts").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        facts += [f for f in data.get("facts", []) if f.get("citation", {}).get("source") == source_id]
    return [f for f in facts if f.get("review") != "draft"]


def _sum(results: list[dict[str, Any]], key: str) -> dict[str, Any]:
    found = sum(r[key]["found"] for r in results)
    total = sum(r[key]["of"] for r in results)
    right = sum(r[key]["right"] for r in results)
    proposed = sum(r[key]["proposed"] for r in results)
    return {
        "recall": round(found / total, 3) if total else None,
        "found": found,
        "of": total,
        "precision": round(right / proposed, 3) if proposed else None,
        "right": right,
        "proposed": proposed,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=Path, default=SOURCES_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "draft.json")
    args = parser.parse_args()
    gaz = load_gazetteer(data_dir(), geodata_dir())
    sources = []
    for path in sorted((data_dir() / "sources").glob("*.yaml")):
        sources += (yaml.safe_load(path.read_text("utf-8")) or {}).get("sources", [])
    rows = []
    for n in range(1, len(REGION_RULES) + 1):
        rules = REGION_RULES[:n]
        per_article = {}
        for source in sources:
            text = (args.sources / source["file"]).read_text("utf-8")
            draft = draft_article(text, source["id"], source["year"], data_dir(), gaz, source["file"], rules)
            per_article[source["id"]] = check(draft, _curated(source["id"]))
        results = list(per_article.values())
        rows.append(
            {
                "region_rules": list(rules),
                "figures": _sum(results, "figures"),
                "region_ties": _sum(results, "region_ties"),
                "actor_ties": _sum(results, "actor_ties"),
                "per_article": per_article,
            }
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"articles": [s["id"] for s in sources], "runs": rows}, indent=2) + "\n")
    print("| region rules | figures recall | figures precision | region-tie recall | region-tie precision |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        f, r = row["figures"], row["region_ties"]
        print(
            f"| {' + '.join(row['region_rules'])} | {f['recall']:.0%} ({f['found']}/{f['of']}) "
            f"| {f['precision']:.0%} ({f['right']}/{f['proposed']}) "
            f"| {r['recall']:.0%} ({r['found']}/{r['of']}) "
            f"| {r['precision']:.0%} ({r['right']}/{r['proposed']}) |"
        )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
