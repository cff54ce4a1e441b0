"""Score the entity step on hand-annotated bench articles (80 records) (CCTV 新闻联播, ../shared/bench/xwlb-2012-2016).

The annotations live in `models/ner/dev/` by reference only (dump file, record number, character offsets
into `title + "\\n" + body`), never the text:
- `xwlb_dev_records.tsv`: file, record_no, scored_chars (spans ending after that offset are not scored);
- `xwlb_dev_spans.tsv`: file, record_no, start, end, type.
What is scored is what analysts get: `extract_entities` (tagger + article-level refinement + rules), without
boilerplate (the outlet and its lead, reporters), nested institution rows, or one-character spans
(abbreviations such as 中 in 中俄, which the annotation leaves out).

Usage: python -m training.ner.news_dev [BENCH_DIR]
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from pipelines.config import PROJECT_ROOT
from pipelines.extract.entities import article_text, extract_entities
from pipelines.extract.entity_types import NAME_TYPES
from pipelines.ingest.dateline import find_dateline
from pipelines.ingest.dump import ingest_dump
from pipelines.package_files import models_dir
from training.metrics import precision_recall_f1

DEV_DIR = models_dir() / "ner" / "dev"
DEFAULT_BENCH = PROJECT_ROOT.parent / "shared" / "bench" / "xwlb-2012-2016"  # beside the checkout, never in it
TYPES = NAME_TYPES
NOT_SCORED_METHODS = frozenset({"source", "byline", "boilerplate", "dateline", "nested"})


def load_records(bench: Path) -> list[dict]:
    """The annotated articles with their text, scored range and gold spans."""
    with open(DEV_DIR / "xwlb_dev_records.tsv", encoding="utf-8") as handle:
        records = [
            {"file": r["file"], "record_no": int(r["record_no"]), "scored_chars": int(r["scored_chars"]), "gold": set()}
            for r in csv.DictReader(handle, delimiter="\t")
        ]
    by_key = {(r["file"], r["record_no"]): r for r in records}
    with open(DEV_DIR / "xwlb_dev_spans.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            by_key[(row["file"], int(row["record_no"]))]["gold"].add((int(row["start"]), int(row["end"]), row["type"]))
    for name in sorted({r["file"] for r in records}):
        dump = ingest_dump(bench / name, name, reference_override=None, max_record_chars=1_000_000)
        articles = {a["article_id"]: a for a in dump.articles.iter_rows(named=True)}
        for occurrence in dump.occurrences.iter_rows(named=True):
            record = by_key.get((name, occurrence["record_no"]))
            if record is not None:
                record["article"] = articles[occurrence["article_id"]]
    return records


def scored_region(record: dict) -> tuple[int, int]:
    """From the end of the lead (the outlet's own words) to scored_chars."""
    article = record["article"]
    dateline = find_dateline(article["body"])
    start = len(article["title"]) + 1 + dateline.end if dateline else 0
    return start, record["scored_chars"]


def in_scope(span: tuple[int, int, str], region: tuple[int, int], title_end: int) -> bool:
    start, end, _ = span
    outside_lead = end <= title_end or start >= region[0]
    return end - start >= 2 and end <= region[1] and outside_lead


def evaluate(bench: Path = DEFAULT_BENCH) -> dict:
    records = load_records(bench)
    frames = extract_entities([dict(r["article"], article_id=str(i)) for i, r in enumerate(records)])
    predicted: dict[str, set] = defaultdict(set)
    for m in frames.mentions.iter_rows(named=True):
        if m["method"] not in NOT_SCORED_METHODS:
            predicted[m["article_id"]].add((m["start"], m["end"], m["type"]))
    counts = {t: Counter() for t in TYPES}
    name_hits: dict[str, Counter] = defaultdict(Counter)
    for i, record in enumerate(records):
        article = record["article"]
        text = article_text(article["title"], article["body"])
        region, title_end = scored_region(record), len(article["title"])
        gold = {s for s in record["gold"] if in_scope(s, region, title_end)}
        pred = {s for s in predicted[str(i)] if in_scope(s, region, title_end)}
        for t in TYPES:
            g, p = {s for s in gold if s[2] == t}, {s for s in pred if s[2] == t}
            counts[t].update(tp=len(g & p), pred=len(p), gold=len(g))
        for span in gold:
            name_hits[f"{text[span[0] : span[1]]}/{span[2]}"].update(gold=1, found=span in pred)
    top = sorted(name_hits.items(), key=lambda kv: (-kv[1]["gold"], kv[0]))[:20]
    return {"records": len(records), "counts": counts, "top_names": top}


def report(result: dict) -> str:
    lines = [f"{result['records']} annotated articles"]
    total = Counter()
    for t, c in result["counts"].items():
        total.update(c)
        lines.append(f"{t}: " + _prf(c))
    lines.append(
        "20 most frequent gold names: "
        + ", ".join(f"{name} {hits['found']}/{hits['gold']}" for name, hits in result["top_names"])
    )
    found = sum(h["found"] for _, h in result["top_names"])
    gold = sum(h["gold"] for _, h in result["top_names"])
    lines.append(f"recall of the 20 most frequent names: {found}/{gold} = {found / gold:.3f}")
    lines.append("overall " + _prf(total))
    return "\n".join(lines)


def _prf(c: Counter) -> str:
    p, r, f = precision_recall_f1(c["tp"], c["pred"], c["gold"])
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (gold {c['gold']}, predicted {c['pred']})"


if __name__ == "__main__":
    print(report(evaluate(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_BENCH)))
