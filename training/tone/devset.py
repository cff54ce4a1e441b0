"""A hand-labelled tone dev set of real CCTV 新闻联播 bench records, stored by reference only. No Dagster.

Rows of `models/tone/dev/bench_tone.tsv`: (file, record index in the file's `\\n-\\n` split, first 8 hex of
sha1(title), label) with label negative / neutral / positive; no article text is stored (text (c) CCTV).
Guidelines: models/tone/dev/README.md. Sample: every bench record in a fixed-seed random order
(sha1(seed | reference)), a prefix of it; the labeller read the title and the first `SHOWN_CHARS` characters of
the body, blind (no score shown). The scorer scores the whole text, as the pipeline does.

`python -m training.tone.devset show N` prints records to label; `... score` prints agreement and per-class
precision / recall / F1 against the labels (`--set heldout`: the second 150 records, labelled blind before the
label model existed and never used to choose anything); `... train` fits the label model on the dev set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from pipelines.package_files import models_dir
from pipelines.tone.label import MODEL_JSON, features, fit
from pipelines.tone.score import TONE_VERSION, article_tone, placed_tone
from training.metrics import precision_recall_f1
from training.topics.devset import BenchRecord, iter_bench

DEVSET_TSV = models_dir() / "tone" / "dev" / "bench_tone.tsv"
# The next 150 records of the same order, labelled blind after tone-1.1 and kept out of every choice of tone-1.2.
HELDOUT_TSV = models_dir() / "tone" / "dev" / "bench_tone_heldout.tsv"
SETS = {"dev": DEVSET_TSV, "heldout": HELDOUT_TSV}
SEED = "tonedev-20261206"
SHOWN_CHARS = 260
LABELS = ("negative", "neutral", "positive")


def draw(bench_dir: Path, n: int, seed: str = SEED) -> list[BenchRecord]:
    records = list(iter_bench(bench_dir))
    return sorted(records, key=lambda r: hashlib.sha1(f"{seed}|{r.ref}".encode()).hexdigest())[:n]


def read_labels(bench_dir: Path, tsv: Path = DEVSET_TSV) -> list[tuple[BenchRecord, str]]:
    records = {(r.file, r.record): r for r in iter_bench(bench_dir)}
    out = []
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("file\t"):
            continue
        file, record, sha, label = line.split("\t")[:4]
        r = records[(file, int(record))]
        if r.title_sha1_8 != sha or label not in LABELS:
            raise ValueError(f"bad row: {line}")
        out.append((r, label))
    return out


def score(bench_dir: Path, rows_kept: str = "all", labels: str = "dev") -> dict:
    """`rows_kept`: all, even or odd rows of the set; `labels`: dev (tone-1.1's set) or heldout."""
    rows = read_labels(bench_dir, SETS[labels])
    rows = {"all": rows, "even": rows[0::2], "odd": rows[1::2]}[rows_kept]
    pairs = [(label, article_tone(f"{r.title}\n{r.body}", [], len(r.title)).label) for r, label in rows]
    agree = sum(g == p for g, p in pairs)
    per_class = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        gold = sum(g == label for g, _ in pairs)
        precision, recall, f1 = precision_recall_f1(tp, predicted, gold)
        per_class[label] = {
            "gold": gold,
            "predicted": predicted,
            "right": tp,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        }
    return {
        "n": len(pairs),
        "agreement": agree / len(pairs) if pairs else 0.0,
        "per_class": per_class,
        "confusion": Counter(pairs),
        "version": TONE_VERSION,
    }


def train(bench_dir: Path, c: float = 1.0) -> dict:
    """Fit the label model on every row of the dev set (never the held-out set) and write models/tone/label_lr.json."""
    rows = read_labels(bench_dir, DEVSET_TSV)
    x = [features(r.title, placed_tone(f"{r.title}\n{r.body}", [], len(r.title))[1]) for r, _ in rows]
    document = {**fit(x, [label for _, label in rows], c), "trained_on": "models/tone/dev/bench_tone.tsv (150 rows)"}
    MODEL_JSON.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.tone.devset")
    parser.add_argument("command", choices=["show", "score", "train"])
    parser.add_argument("n", nargs="?", type=int, default=10)
    parser.add_argument("--skip", type=int, default=0)
    parser.add_argument(
        "--rows",
        choices=["all", "even", "odd"],
        default="all",
        help="score: even = the rows the label thresholds were chosen on, odd = held out",
    )
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="dev",
        help="score: dev = bench_tone.tsv, heldout = bench_tone_heldout.tsv (no choice made on it)",
    )
    parser.add_argument("--bench", type=Path, default=Path("../shared/bench/xwlb-2012-2016"))
    args = parser.parse_args(argv)
    if args.command == "show":
        for r in draw(args.bench, args.skip + args.n)[args.skip :]:
            print(f"### {r.file}\t{r.record}\t{r.title_sha1_8}\n{r.title} | {r.body[:SHOWN_CHARS]}")
        return 0
    if args.command == "train":
        document = train(args.bench)
        print(f"wrote {MODEL_JSON}: classes {document['classes']}, C={document['C']}")
        return 0
    result = score(args.bench, args.rows, args.set)
    print(
        f"{result['version']} ({args.set} set, {args.rows} rows): {result['n']} articles, "
        f"agreement {result['agreement']:.3f}"
    )
    for label, c in result["per_class"].items():
        print(
            f"  {label:<9} gold {c['gold']:>3} predicted {c['predicted']:>3} right {c['right']:>3} "
            f"P={c['precision']:.3f} R={c['recall']:.3f} F1={c['f1']:.3f}"
        )
    print(
        "  confusion (gold, predicted): "
        + ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(result["confusion"].items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
