"""A hand-labelled quotation dev set of real CCTV 新闻联播 bench articles, stored by reference only. No Dagster.

Rows of `models/quotes/dev/bench_quotations.tsv` are references (file, record index in the file's `\\n-\\n` split,
first 8 hex of sha1(title)) plus character offsets into `title + "\\n" + body` as `topics.devset.iter_bench`
reads the record; no article text is stored (text (c) CCTV). Guidelines: models/quotes/dev/README.md.

Sample (`draw`): the full articles (records 0-3 of a day) in a fixed-seed random order (sha1(seed | reference)),
keeping those whose labelled window holds a quotation mark or a speech verb; the window is the title and the body
up to the end of the sentence holding character `WINDOW_CHARS` (labelling whole 3,000-character transcripts would
have allowed a tenth of the articles). Only quotations starting inside the window are scored.

`python -m training.quotes.devset show N` prints the next N windows to label (text only, never a prediction);
`python -m training.quotes.devset score` scores the extractor on the labelled rows.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from pipelines.package_files import models_dir
from pipelines.quotes.extract import QUOTES_VERSION, SPEECH_VERBS, find_quotations
from pipelines.quotes.sentences import sentence_at, sentences
from pipelines.quotes.speakers import Mention
from training.metrics import precision_recall_f1
from training.topics.devset import BenchRecord, iter_bench

DEVSET_TSV = models_dir() / "quotes" / "dev" / "bench_quotations.tsv"
ARTICLES_TSV = models_dir() / "quotes" / "dev" / "articles.tsv"
SEED = "quotesdev-20261206"
WINDOW_CHARS = 500
MIN_OVERLAP = 0.5  # a predicted span matches a gold span when they share >= this share of their union


def window_end(text: str) -> int:
    spans = sentences(text)
    if not spans or len(text) <= WINDOW_CHARS:
        return len(text)
    return spans[sentence_at(spans, WINDOW_CHARS)].end


def _has_trigger(text: str) -> bool:
    return "“" in text or "「" in text or any(v in text for v in SPEECH_VERBS)


def draw(bench_dir: Path, n: int, seed: str = SEED) -> list[BenchRecord]:
    full = [r for r in iter_bench(bench_dir) if r.record < 4]
    ordered = sorted(full, key=lambda r: hashlib.sha1(f"{seed}|{r.ref}".encode()).hexdigest())
    picked = []
    for r in ordered:
        text = f"{r.title}\n{r.body}"
        if _has_trigger(text[: window_end(text)]):
            picked.append(r)
            if len(picked) == n:
                break
    return picked


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    speaker: tuple[int, int] | None  # offsets of the speaker's name as written in the article; None: unresolved


def read_gold(bench_dir: Path) -> dict[BenchRecord, list[GoldQuote]]:
    """The labelled articles (every one, also those with no quotation) and their gold quotations."""
    records = {(r.file, r.record): r for r in iter_bench(bench_dir) if r.record < 4}
    labelled: dict[BenchRecord, list[GoldQuote]] = {}
    for line in ARTICLES_TSV.read_text(encoding="utf-8").splitlines()[1:]:
        file, record, sha = line.split("\t")[:3]
        r = records[(file, int(record))]
        if r.title_sha1_8 != sha:
            raise ValueError(f"{file} record {record}: title hash {r.title_sha1_8} != {sha}")
        labelled[r] = []
    for line in DEVSET_TSV.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        file, record, _, _kind, start, end, s_start, s_end = line.split("\t")[:8]
        speaker = (int(s_start), int(s_end)) if s_start else None
        labelled[records[(file, int(record))]].append(GoldQuote(int(start), int(end), speaker))
    return labelled


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def score(bench_dir: Path) -> dict:
    from pipelines.extract.entities import extract_entities

    gold = read_gold(bench_dir)
    records = list(gold)
    frames = extract_entities(
        [{"article_id": r.ref, "title": r.title, "body": r.body, "published_on": None} for r in records]
    )
    # the methods sql/load/mentions_of_articles leaves out, so the score measures what the pipeline sees
    boiler = {"source", "byline", "boilerplate", "dateline", "abbreviation"}
    mentions: dict[str, list[Mention]] = {}
    for row in frames.mentions.iter_rows(named=True):
        if row["method"] not in boiler:
            mentions.setdefault(row["article_id"], []).append(
                Mention(row["start"], row["end"], row["entity_id"], row["type"], row["surface"])
            )
    counts = {"gold": 0, "predicted": 0, "exact": 0, "matched": 0, "speaker_right": 0, "articles": len(records)}
    errors = []
    for r in records:
        text = f"{r.title}\n{r.body}"
        limit = window_end(text)
        found = [q for q in find_quotations(text, mentions.get(r.ref, []), len(r.title) + 1) if q.start < limit]
        golds = gold[r]
        counts["gold"] += len(golds)
        counts["predicted"] += len(found)
        used = set()
        for g in golds:
            best = max(
                ((i, _overlap((g.start, g.end), (q.start, q.end))) for i, q in enumerate(found) if i not in used),
                key=lambda x: x[1],
                default=(None, 0.0),
            )
            if best[0] is None or best[1] < MIN_OVERLAP:
                errors.append(("missed", r.ref, text[g.start : g.end][:40]))
                continue
            used.add(best[0])
            q = found[best[0]]
            counts["matched"] += 1
            counts["exact"] += (q.start, q.end) == (g.start, g.end)
            if _speaker_right(text, g, q, mentions.get(r.ref, [])):
                counts["speaker_right"] += 1
            else:
                errors.append(
                    (
                        "speaker",
                        r.ref,
                        q.speaker.text,
                        q.speaker.entity_id,
                        text[g.speaker[0] : g.speaker[1]] if g.speaker else None,
                    )
                )
        errors.extend(("spurious", r.ref, q.text[:40]) for i, q in enumerate(found) if i not in used)
    p, rec, f1 = precision_recall_f1(counts["matched"], counts["predicted"], counts["gold"])
    counts.update(
        precision=p,
        recall=rec,
        f1=f1,
        exact_share=counts["exact"] / counts["matched"] if counts["matched"] else 0.0,
        attribution=counts["speaker_right"] / counts["matched"] if counts["matched"] else 0.0,
    )
    return {"counts": counts, "errors": errors, "version": QUOTES_VERSION}


def _speaker_right(text: str, gold: GoldQuote, predicted, mentions: list[Mention]) -> bool:
    """Right: both unresolved, or the predicted entity is mentioned with the gold name (劳尔 of 劳尔·卡斯特罗), or
    inside one of its occurrences (周 of 老周)."""
    if gold.speaker is None:
        return predicted.speaker.entity_id is None
    if predicted.speaker.entity_id is None:
        return False
    name = text[gold.speaker[0] : gold.speaker[1]]
    occurrences = [i for i in range(len(text)) if text.startswith(name, i)]
    for m in mentions:
        if m.entity_id != predicted.speaker.entity_id:
            continue
        if name in m.surface or any(at <= m.start and m.end <= at + len(name) for at in occurrences):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.quotes.devset")
    parser.add_argument("command", choices=["show", "score"])
    parser.add_argument("n", nargs="?", type=int, default=10)
    parser.add_argument("--skip", type=int, default=0)
    parser.add_argument("--bench", type=Path, default=Path("../shared/bench/xwlb-2012-2016"))
    args = parser.parse_args(argv)
    if args.command == "show":
        for r in draw(args.bench, args.skip + args.n)[args.skip :]:
            text = f"{r.title}\n{r.body}"
            print(f"### {r.file}\t{r.record}\t{r.title_sha1_8}")
            print(text[: window_end(text)])
        return 0
    result = score(args.bench)
    for error in result["errors"]:
        print("\t".join(str(x) for x in error))
    c = result["counts"]
    print(
        f"{result['version']}: {c['articles']} articles, {c['gold']} gold quotations, {c['predicted']} predicted, "
        f"{c['matched']} matched (overlap >= {MIN_OVERLAP}), {c['exact']} exact"
    )
    print(
        f"span P={c['precision']:.3f} R={c['recall']:.3f} F1={c['f1']:.3f}; exact spans {c['exact_share']:.3f} of "
        f"matched; speaker attribution {c['attribution']:.3f} ({c['speaker_right']}/{c['matched']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
