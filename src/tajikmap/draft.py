"""``tajikmap draft``: propose a new article's facts for a person to review.

The tedious part is proposed — paragraphs numbered by the sources README's rules
(:mod:`tajikmap.articles`), the source's metadata, and for each sentence its
figures, places (tied to region ids), actors, dates and status cue with the
speaker — and every judgement is left to a person: each candidate fact carries
``review: draft`` and a ``statement`` of ``TODO``, never the article's sentence.
``tajikmap validate`` refuses draft entries in data/facts/.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tajikmap import extract
from tajikmap.articles import find_header, split_body
from tajikmap.dating import WEEKDAYS, DateMention, RefDate, dates_in
from tajikmap.draftsource import DraftError, check_year, date_candidates, reference_date
from tajikmap.gazetteer import Gazetteer, Mention, article_names, find, proper_phrases
from tajikmap.models import ID_PATTERN, MAX_KEY_PHRASE_WORDS

TODO = "TODO"
NEEDS_SPEAKER = ("claim", "denial", "promise")
CATEGORY_WORDS = {
    "refugees": ("refugee", "asylum"),
    "military": ("troops", "soldiers", "military", "army", "commander", "fighters", "reservists", "parade"),
    "economy": ("trade", "debt", "electricity", "export", "economic", "aluminum", "currency", "money"),
    "ethnicity": ("ethnic", "Tajiks", "Uzbeks", "diaspora", "nationalist"),
    "security": ("terrorist", "drug", "border", "security"),
    "diplomacy": ("recognize", "negotiat", "relations", "ties", "foreign", "peace", "international", "talks"),
}
_CALENDAR = set(extract.MONTHS) | set(WEEKDAYS)


@dataclass
class Sentence:
    """One sentence of the body (¶ ``paragraph``, ``index`` within it) and its candidate fact."""

    paragraph: int
    index: int
    text: str
    candidate: dict[str, Any] = field(default_factory=dict)


@dataclass
class Draft:
    """What the draft file holds (source proposal, new actors, candidates) and the text behind it."""

    source: dict[str, Any]
    facts: list[dict[str, Any]]
    new_actors: list[dict[str, Any]]
    sentences: list[Sentence]
    paragraphs: list[str]

    def as_yaml(self) -> str:
        head = (
            f"# Draft facts for {self.source['id']}, proposed by `tajikmap draft`. Nothing here is\n"
            "# reviewed: check every proposal against the article, write each statement in your own\n"
            "# words, fill in the TODOs, delete `review: draft` and `proposals`, then move the\n"
            "# source block to data/sources/. `tajikmap validate` refuses draft entries.\n"
        )
        body = {"source": self.source, "new_actors": self.new_actors, "facts": self.facts}
        return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def key_phrase(sentence: str, around: int | None) -> str:
    """≤ 12 verbatim words of ``sentence`` (around offset ``around`` when given)."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", sentence)]
    start = 0
    if around is not None and len(words) > MAX_KEY_PHRASE_WORDS:
        at = max(i for i, (pos, _) in enumerate(words) if pos <= around)
        start = min(max(0, at - 3), len(words) - MAX_KEY_PHRASE_WORDS)
    chosen = [w for _, w in words[start : start + MAX_KEY_PHRASE_WORDS]]
    return " ".join(chosen).strip(" ,;:.\"“”'‘’—()")


def _category(sentence: str) -> tuple[str, str]:
    for category, words in CATEGORY_WORDS.items():
        for w in words:
            if re.search(r"\b" + re.escape(w), sentence):
                return category, w
    return "politics", "(no keyword: the default)"


def _speaker(
    clause: str, offset: int, cue: extract.Cue, actors: list[Mention], places: list[Mention]
) -> dict[str, Any]:
    """Who says so: the known actor nearest the cue in its clause, else (for a claim, denial
    or promise) the nearest name or place ("Dushanbe denies"), left for a person to map."""
    if cue.status == "rumour":
        return {}
    near = [a for a in actors if offset <= a.start < offset + len(clause)]
    if near:
        best = min(near, key=lambda a: abs(a.start - cue.start))
        return {"text": best.text, "actor": best.target}
    if cue.status not in ("claim", "denial", "promise"):
        return {}
    names = [(offset + s, p) for s, p in proper_phrases(clause)]
    names += [(p.start, p.text) for p in places if offset <= p.start < offset + len(clause)]
    if names:
        _, phrase = min(names, key=lambda n: abs(n[0] - cue.start))
        return {"text": phrase, "actor": None}
    return {}


# How a candidate's regions are proposed (see _regions), in the order the bench adds them.
REGION_RULES = ("named", "earlier", "sway", "main")


def _regions(
    places: list[Mention],
    actors: list[Mention],
    earlier: list[str],
    main: str | None,
    gaz: Gazetteer,
    year: int,
    rules: Sequence[str],
) -> dict[str, str]:
    """Each proposed region with why: named here, named earlier in the paragraph, the sway
    of an actor named here (in another year's data: a new year has none yet), or the
    region the article names most (its subject; the measured recall needs it)."""
    why: dict[str, str] = {}
    for p in places:
        why.setdefault(p.target, f"named here: {p.text!r} ({p.via})")
    for r in earlier if "earlier" in rules else []:
        why.setdefault(r, "named earlier in this paragraph")
    for a in actors if "sway" in rules else []:
        for r in gaz.sway_of(a.target, besides_year=year):
            why.setdefault(r, f"{a.target} holds sway there (data/regions.yaml, another year)")
    if main is not None and "main" in rules:
        why.setdefault(main, "the region the article names most")
    return why


def _cues(
    s: Sentence, actor_hits: list[Mention], places: list[Mention]
) -> tuple[list[dict[str, Any]], list[str], list[extract.Cue]]:
    """Status cues clause by clause (as proposals), the actors they name as speakers, the cues."""
    cues: list[dict[str, Any]] = []
    claimed_by: list[str] = []
    all_cues: list[extract.Cue] = []
    for offset, clause in extract.clauses(s.text):
        for cue in extract.cues_in(clause):
            cue = extract.Cue(cue.word, cue.status, cue.start + offset)
            all_cues.append(cue)
            who = _speaker(clause, offset, cue, actor_hits, places)
            cues.append({"cue": cue.word, "status": cue.status, "speaker": who.get("text")})
            if who.get("actor") and who["actor"] not in claimed_by:
                claimed_by.append(who["actor"])
    return cues, claimed_by, all_cues


def _one_sentence(
    s: Sentence,
    source_id: str,
    year: int,
    ref: RefDate,
    gaz: Gazetteer,
    earlier: list[str],
    main: str | None,
    rules: Sequence[str],
) -> dict[str, Any]:
    places = find(s.text, gaz.places)
    actor_hits = find(s.text, gaz.actors)
    dates: list[DateMention] = dates_in(s.text, ref)
    figures = extract.figures_in(s.text)
    cues, claimed_by, all_cues = _cues(s, actor_hits, places)
    regions = _regions(places, actor_hits, earlier, main, gaz, year, rules)
    status = extract.strongest(all_cues)
    if status in NEEDS_SPEAKER and not claimed_by:
        claimed_by = [TODO]  # the schema wants who says so; the cue's speaker is not a known actor
    dated = next((d for d in dates if "starting point" not in d.note), None)
    category, because = _category(s.text)
    around = figures[0].start if figures else (all_cues[0].start if all_cues else None)
    return {
        "id": f"draft-{source_id}-p{s.paragraph}-s{s.index}",
        "review": "draft",
        "year": year,
        "date": dated.date if dated else ref.iso(),
        "date_precision": dated.precision if dated else ref.precision,
        "date_inferred": dated is None,
        "regions": list(regions),
        "actors": list(dict.fromkeys(a.target for a in actor_hits)),
        "category": category,
        "statement": TODO,
        "figures": [
            {
                "value": f.value,
                "unit": f.unit or TODO,
                "qualifier": f.qualifier,
                "kind": extract.figure_kind(s.text, f),
                "label": TODO,
            }
            for f in figures
        ],
        "claimed_by": claimed_by,
        "status": status,
        "citation": {"source": source_id, "paragraph": s.paragraph, "key_phrase": key_phrase(s.text, around)},
        "proposals": {
            "places": [{"text": p.text, "region": p.target, "via": p.via} for p in places],
            "regions_why": regions,
            "actors": [{"text": a.text, "actor": a.target, "via": a.via} for a in actor_hits],
            "dates": [
                {"text": d.text, "date": d.date, "precision": d.precision, "note": d.note} for d in dates
            ],
            "figures": [{"text": f.text, **({"vague": f.vague} if f.vague else {})} for f in figures],
            "cues": cues,
            "category_because": because,
        },
    }


def _background(candidate: dict[str, Any], named_in: str, gaz: Gazetteer) -> list[dict[str, Any]]:
    """A background item to write for each tie that neither the paragraph nor the title names
    by a region's name or alternate (validate's text rules ask for one), with the draft's reason."""
    by_name = [n for n in gaz.places if n.via in ("region name", "alternate name")]
    named = {m.target for m in find(named_in, by_name)}
    why = candidate["proposals"]["regions_why"]
    return [{"text": TODO, "basis": why[r], "regions": [r]} for r in candidate["regions"] if r not in named]


def _new_actors(sentences: list[Sentence], gaz: Gazetteer) -> list[dict[str, Any]]:
    seen: dict[str, list[int]] = {}
    for s in sentences:
        known = [(m.start, m.start + len(m.text)) for m in find(s.text, gaz.actors + gaz.places)]
        for start, phrase in proper_phrases(s.text):
            end = start + len(phrase)
            if any(a < end and start < b for a, b in known) or set(phrase.split()) & _CALENDAR:
                continue
            seen.setdefault(phrase, [])
            if s.paragraph not in seen[phrase]:
                seen[phrase].append(s.paragraph)
    return [{"name": name, "paragraphs": paras, "id": TODO} for name, paras in seen.items()]


def draft_article(
    text: str,
    source_id: str,
    year: int,
    data_dir: Path,
    gaz: Gazetteer,
    file_name: str = "",
    region_rules: Sequence[str] = REGION_RULES,
) -> Draft:
    """Draft ``text``; ``region_rules`` picks which of REGION_RULES propose regions (the bench
    measures what each adds)."""
    if not re.match(ID_PATTERN, source_id):
        raise DraftError(f"source id {source_id!r} must be lower-case words joined by hyphens")
    if not 1900 <= year <= 2100:
        raise DraftError(f"year {year} is outside 1900-2100")
    try:
        header = find_header(text)
        body = split_body(text, header.marker)
    except ValueError as exc:
        raise DraftError(f"the paragraph rule found nothing: {exc}") from None
    if not body:
        raise DraftError("the paragraph rule found nothing: no paragraph after the headline or byline")
    candidates = date_candidates(header, text, year)
    check_year(year, data_dir, candidates, body)
    ref, ref_note = reference_date(year, candidates)
    sentences = [
        Sentence(n, i, s) for n, para in enumerate(body, 1) for i, s in enumerate(extract.sentences(para), 1)
    ]
    extra = article_names("\n".join(body), gaz.places)
    gaz = Gazetteer(places=gaz.places + extra, actors=gaz.actors, sway=gaz.sway)
    mentions = Counter(p.target for s in sentences for p in find(s.text, gaz.places))
    main = mentions.most_common(1)[0][0] if mentions else None
    earlier: list[str] = []
    for s in sentences:
        if s.index == 1:
            earlier = []
        s.candidate = _one_sentence(s, source_id, year, ref, gaz, earlier, main, region_rules)
        earlier += [p["region"] for p in s.candidate["proposals"]["places"] if p["region"] not in earlier]
        s.candidate["background"] = _background(s.candidate, f"{header.title}\n{body[s.paragraph - 1]}", gaz)
    source = {
        "id": source_id,
        "year": year,
        "title": {"value": header.title, "from": header.title},
        "author": {"value": header.author, "from": header.author} if header.author else None,
        "outlet": TODO,
        "date_candidates": candidates,
        "reference_date": {"date": ref.iso(), "precision": ref.precision, "why": ref_note},
        "dating": TODO,
        "paragraphs": len(body),
        "file": file_name,
        "body_starts_after": header.marker,
    }
    return Draft(source, [s.candidate for s in sentences], _new_actors(sentences, gaz), sentences, body)


def write_draft(draft: Draft, out: Path) -> None:
    """Write atomically: a half-written draft never replaces anything."""
    text = draft.as_yaml()
    tmp = out.with_name(out.name + ".tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, "utf-8")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DraftError(f"{out}: cannot be written: {exc.strerror or exc}") from None
