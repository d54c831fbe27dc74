"""How good a draft is: precision and recall of ``tajikmap draft`` against curated facts.

Each curated fact is matched to the draft candidate of the sentence that holds
its key phrase (key phrases are verbatim, so this is exact). Then:

- figures: a curated figure is found when a candidate of the same paragraph
  proposes the same value (and upper value, for a range); a proposed figure is
  right when the paragraph's curated facts have that value;
- region ties (fact → region): found when the matched candidate lists the region;
  a proposed tie is right when a curated fact matched to that candidate has it
  (precision over candidates some curated fact matched, and over all candidates);
- actors likewise, and agreement of status, figure qualifier and date among matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tajikmap.articles import normalise
from tajikmap.draft import Draft, Sentence
from tajikmap.draftsource import DraftError


@dataclass(frozen=True)
class Score:
    found: int
    total: int
    right: int
    proposed: int

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 3),
            "found": self.found,
            "of": self.total,
            "precision": round(self.precision, 3),
            "right": self.right,
            "proposed": self.proposed,
        }


def load_curated(path: Path, source_id: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DraftError(f"{path}: cannot be read as YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise DraftError(f"{path}: top level must be a mapping with a list 'facts'")
    facts = [
        f for f in data["facts"] if isinstance(f, dict) and f.get("citation", {}).get("source") == source_id
    ]
    if not facts:
        raise DraftError(f"{path}: has no facts citing source {source_id!r}")
    return facts


def _sentence_of(fact: dict[str, Any], sentences: list[Sentence]) -> Sentence | None:
    para = fact["citation"]["paragraph"]
    phrase = normalise(fact["citation"]["key_phrase"])
    in_para = [s for s in sentences if s.paragraph == para]
    hit = next((s for s in in_para if phrase in normalise(s.text)), None)
    if hit is None:
        # A key phrase across a sentence break: the sentence where it starts.
        words = phrase.split()
        hit = next((s for s in in_para if " ".join(words[:3]) in normalise(s.text)), None)
    return hit


def _ties(
    curated: list[dict[str, Any]], matched: list[Sentence | None], draft: Draft, key: str
) -> dict[str, Any]:
    found = total = 0
    truth: dict[str, set[str]] = {}
    for fact, s in zip(curated, matched, strict=True):
        want = set(fact.get(key) or [])
        total += len(want)
        if s is not None:
            found += len(want & set(s.candidate[key]))
            truth.setdefault(s.candidate["id"], set()).update(want)
    right = sum(len(set(c[key]) & truth[c["id"]]) for c in draft.facts if c["id"] in truth)
    proposed = sum(len(c[key]) for c in draft.facts if c["id"] in truth)
    out = Score(found, total, right, proposed).as_dict()
    out["precision_all_candidates"] = round(right / max(1, sum(len(c[key]) for c in draft.facts)), 3)
    return out


def _figures(curated: list[dict[str, Any]], draft: Draft) -> dict[str, Any]:
    """Curated and proposed figures paired one to one by value within each paragraph."""
    wanted: dict[int, list[dict[str, Any]]] = {}
    for fact in curated:
        wanted.setdefault(fact["citation"]["paragraph"], []).extend(fact.get("figures") or [])
    offered: dict[int, list[dict[str, Any]]] = {}
    for c in draft.facts:
        offered.setdefault(c["citation"]["paragraph"], []).extend(c["figures"])
    found = qualifier_same = 0
    for para, figs in wanted.items():
        left = list(offered.get(para, []))
        for fig in figs:
            key = (float(fig["value"]), fig.get("value_high"))
            hit = next((f for f in left if (f["value"], f.get("value_high")) == key), None)
            if hit is not None:
                left.remove(hit)
                found += 1
                qualifier_same += hit["qualifier"] == fig.get("qualifier", "exact")
    total = sum(len(v) for v in wanted.values())
    proposed = sum(len(v) for v in offered.values())
    return Score(found, total, found, proposed).as_dict() | {"qualifier_agrees": qualifier_same}


def check(draft: Draft, curated: list[dict[str, Any]]) -> dict[str, Any]:
    matched = [_sentence_of(f, draft.sentences) for f in curated]
    figures = _figures(curated, draft)
    pairs = [(f, s) for f, s in zip(curated, matched, strict=True) if s is not None]
    # Curated files are data/facts/ files, whose statuses validation holds to
    # models.STATUSES: the words the draft proposes too, so no mapping between them.
    status_same = sum(f["status"] == s.candidate["status"] for f, s in pairs)
    date_same = sum(str(f["date"]) == s.candidate["date"] for f, s in pairs)
    return {
        "curated_facts": len(curated),
        "facts_matched_to_a_candidate": len(pairs),
        "candidates": len(draft.facts),
        "figures": figures,
        "region_ties": _ties(curated, matched, draft, "regions"),
        "actor_ties": _ties(curated, matched, draft, "actors"),
        "status_agrees": {"same": status_same, "of": len(pairs)},
        "date_agrees": {"same": date_same, "of": len(pairs)},
    }


def _rp(score: dict[str, Any]) -> str:
    return (
        f"recall {score['recall']:.0%} ({score['found']}/{score['of']}), "
        f"precision {score['precision']:.0%} ({score['right']}/{score['proposed']})"
    )


def report_lines(result: dict[str, Any]) -> list[str]:
    fig, reg, act = result["figures"], result["region_ties"], result["actor_ties"]
    return [
        f"curated facts matched to a drafted sentence: {result['facts_matched_to_a_candidate']}"
        f"/{result['curated_facts']} ({result['candidates']} candidates)",
        f"figures: {_rp(fig)}; qualifier agrees {fig['qualifier_agrees']}/{fig['found']}",
        f"region ties: {_rp(reg)}; {reg['precision_all_candidates']:.0%} precise over all candidates",
        f"actor ties: {_rp(act)}",
        f"status agrees: {result['status_agrees']['same']}/{result['status_agrees']['of']}; "
        f"date agrees: {result['date_agrees']['same']}/{result['date_agrees']['of']}",
    ]
