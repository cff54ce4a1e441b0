"""Exact-span P/R/F1 evaluation on the project's NER jsonl format.

Usage: python -m training.ner.evaluate FILE.jsonl [MODEL]
"""

from __future__ import annotations

import json
import sys
import time

from pipelines.extract.ner.tagger import TYPES, NerTagger, default_tagger
from training.metrics import precision_recall_f1


def gold_spans(record: dict) -> set[tuple[int, int, str]]:
    """Gold type is `coarse` when present (null -> ignored), else `type`."""
    out = set()
    for ent in record.get("entities", []):
        typ = ent["coarse"] if "coarse" in ent else ent.get("type")
        if typ in TYPES:
            out.add((ent["start"], ent["end"], typ))
    return out


class EvaluationInputError(ValueError):
    """The file is not in the NER JSONL format; the message names the line and what is wrong."""


def read_jsonl(path: str) -> list[dict]:
    """Records of an NER JSONL file, validated: {"text": str, "entities": [{"start", "end", "type"|"coarse"}]}."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationInputError(f"line {number}: not JSON ({exc.msg})") from exc
            _validate(record, number)
            records.append(record)
    if not records:
        raise EvaluationInputError("no records")
    if not any(record["entities"] for record in records):
        raise EvaluationInputError("no record has any gold entity: not an NER evaluation file?")
    return records


def _validate(record: object, number: int) -> None:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise EvaluationInputError(f'line {number}: expected an object with a "text" string')
    entities = record.get("entities", [])
    if not isinstance(entities, list):
        raise EvaluationInputError(f'line {number}: "entities" must be a list')
    record.setdefault("entities", entities)
    for ent in entities:
        if not isinstance(ent, dict) or not all(type(ent.get(k)) is int for k in ("start", "end")):
            raise EvaluationInputError(f'line {number}: each entity needs integer "start" and "end"')
        if "coarse" not in ent and "type" not in ent:
            raise EvaluationInputError(f'line {number}: each entity needs a "type" (or "coarse")')
        if not 0 <= ent["start"] <= ent["end"] <= len(record["text"]):
            raise EvaluationInputError(f"line {number}: entity offsets {ent['start']}..{ent['end']} outside the text")


def score(records: list[dict], predictions: list[set]) -> dict:
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, pred, gold
    for rec, pred in zip(records, predictions):
        gold = gold_spans(rec)
        for s in pred:
            counts[s[2]][1] += 1
            if s in gold:
                counts[s[2]][0] += 1
        for s in gold:
            counts[s[2]][2] += 1
    result = {t: dict(zip(("p", "r", "f1"), precision_recall_f1(*counts[t])), n_gold=counts[t][2]) for t in TYPES}
    tot = [sum(c[k] for c in counts.values()) for k in range(3)]
    result["overall"] = dict(zip(("p", "r", "f1"), precision_recall_f1(*tot)), n_gold=tot[2])
    return result


def evaluate_records(records: list[dict], tagger: NerTagger | None = None, out=sys.stdout, name: str = "") -> dict:
    tagger = tagger or default_tagger()
    texts = [r["text"] for r in records]
    t0 = time.process_time()  # per-core throughput, robust to a busy shared machine
    tagged = tagger.tag_many(texts)
    dt = time.process_time() - t0
    preds = [{(s.start, s.end, s.type) for s in spans} for spans in tagged]
    res = score(records, preds)
    n_chars = sum(len(t) for t in texts)
    res["chars_per_s"] = n_chars / dt if dt > 0 else 0.0
    res["n_sentences"] = len(records)
    if name:
        print(f"# {name}: {len(records)} texts, {n_chars} chars", file=out)
    for t in TYPES:
        r = res[t]
        print(f"{t}: P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f} (gold {r['n_gold']})", file=out)
    print(f"speed: {res['chars_per_s']:.0f} chars/s (CPU time, one core)", file=out)
    o = res["overall"]
    print(f"overall P={o['p']:.3f} R={o['r']:.3f} F1={o['f1']:.3f}", file=out)
    return res


def evaluate_file(path: str, out=sys.stdout, tagger: NerTagger | None = None) -> dict:
    return evaluate_records(read_jsonl(path), tagger=tagger, out=out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    tagger = NerTagger(argv[1]) if len(argv) > 1 else None
    for path in argv[:1]:
        evaluate_file(path, tagger=tagger)
    return 0


if __name__ == "__main__":
    sys.exit(main())
