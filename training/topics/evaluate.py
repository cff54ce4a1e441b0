"""Evaluate the topic classifier on a labelled JSONL file.

Input lines: {"title": ..., "body": ..., "labels": ["weather", ...]} with IPTC
names (full names, short keys, codes or Chinese labels; case-insensitive).
The last printed line is exactly `macro-F1=0.xxx` (top-1, macro over the
classes present in the gold labels) so scripts can `tail -1` it.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import numpy as np

from pipelines.topics import taxonomy
from training.metrics import precision_recall_f1


def score_predictions(gold: Sequence[set[str]], ranked: Sequence[Sequence[str]], k: int = 1) -> dict:
    """Per-class P/R/F1 when the system may offer its top-k labels.

    A document's prediction is the first of its top-k labels that is a gold
    label, else its top-1.  With k=1 that is plain top-1 classification; with
    multi-label gold, hitting any gold label counts as correct, and the other
    gold labels are not counted as misses.
    """
    classes = sorted({c for g in gold for c in g}, key=taxonomy.CODES.index)
    tp = dict.fromkeys(taxonomy.CODES, 0)
    fp = dict.fromkeys(taxonomy.CODES, 0)
    fn = dict.fromkeys(taxonomy.CODES, 0)
    correct = 0
    for g, r in zip(gold, ranked):
        hit = next((c for c in r[:k] if c in g), None)
        if hit is not None:
            tp[hit] += 1
            correct += 1
        else:
            fp[r[0]] += 1
            for c in g:
                fn[c] += 1
    per = {}
    for c in classes:
        p, rc, f = precision_recall_f1(tp[c], tp[c] + fp[c], tp[c] + fn[c])
        per[c] = {"precision": p, "recall": rc, "f1": f, "support": sum(c in g for g in gold)}
    macro = float(np.mean([v["f1"] for v in per.values()])) if per else 0.0
    return {"per_class": per, "macro_f1": macro, "accuracy": correct / len(gold) if gold else 0.0}


class EvaluationInputError(ValueError):
    """The file is not in the topics JSONL format; the message names the line and what is wrong."""


def read_jsonl(path: str | Path) -> tuple[list[tuple[str, str]], list[set[str]], int]:
    """(documents, gold IPTC codes, records skipped for lack of a known label); EvaluationInputError on bad input."""
    docs, gold, skipped = [], [], 0
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationInputError(f"line {number}: not JSON ({exc.msg})") from exc
            if not isinstance(rec, dict) or not ("title" in rec or "body" in rec) or "labels" not in rec:
                raise EvaluationInputError(f'line {number}: expected an object with "title"/"body" and "labels"')
            if not all(isinstance(rec.get(k) or "", str) for k in ("title", "body")):
                raise EvaluationInputError(f'line {number}: "title" and "body" must be strings')
            labels = rec.get("labels") or []
            if not isinstance(labels, (list, str)) or not all(isinstance(x, str) for x in labels):
                raise EvaluationInputError(f'line {number}: "labels" must be a list of strings')
            if isinstance(labels, str):
                labels = [labels]
            codes = set()
            for lab in labels:
                with contextlib.suppress(KeyError):
                    codes.add(taxonomy.resolve(lab).code)
            if not codes:  # no usable gold label: cannot be scored
                skipped += 1
                continue
            docs.append((rec.get("title") or "", rec.get("body") or ""))
            gold.append(codes)
    if not docs:
        raise EvaluationInputError(f"no record with a known IPTC label ({skipped} without one): nothing to score")
    return docs, gold, skipped


def evaluate_docs(docs, gold, clf=None) -> dict:
    if clf is None:
        from pipelines.topics.classifier import default_classifier

        clf = default_classifier()
    t0 = time.perf_counter()
    ranked = [[code for code, _ in r[:2]] for i in range(0, len(docs), 512) for r in clf.ranked_many(docs[i : i + 512])]
    dt = time.perf_counter() - t0
    chars = sum(len(t) + len(b) for t, b in docs)
    return {
        "n": len(docs),
        "top1": score_predictions(gold, ranked, 1),
        "top2": score_predictions(gold, ranked, 2),
        "chars": chars,
        "seconds": dt,
        "chars_per_s": chars / dt if dt > 0 else 0.0,
    }


def evaluate_file(path: str | Path, out: IO[str] | None = sys.stdout, clf=None) -> dict:
    docs, gold, skipped = read_jsonl(path)
    res = evaluate_docs(docs, gold, clf)
    res["skipped"] = skipped
    res["macro_f1"] = res["top1"]["macro_f1"]
    if out is not None:
        w = out.write
        w(f"file={path} docs={res['n']} skipped_no_label={skipped}\n")
        w(f"{'class':<16}{'n':>6}  {'P@1':>6}{'R@1':>6}{'F1@1':>6}  {'P@2':>6}{'R@2':>6}{'F1@2':>6}\n")
        for c, v1 in res["top1"]["per_class"].items():
            v2 = res["top2"]["per_class"][c]
            w(
                f"{taxonomy.BY_CODE[c].key:<16}{v1['support']:>6}  "
                f"{v1['precision']:6.3f}{v1['recall']:6.3f}{v1['f1']:6.3f}  "
                f"{v2['precision']:6.3f}{v2['recall']:6.3f}{v2['f1']:6.3f}\n"
            )
        w(
            f"accuracy@1={res['top1']['accuracy']:.3f} accuracy@2={res['top2']['accuracy']:.3f} "
            f"macro-F1@2={res['top2']['macro_f1']:.3f}\n"
        )
        w(f"chars/s={res['chars_per_s']:.0f} ({res['chars']} chars in {res['seconds']:.2f}s, one process)\n")
        w(f"macro-F1={res['macro_f1']:.3f}\n")
    return res


if __name__ == "__main__":
    for p in sys.argv[1:]:
        evaluate_file(p)
