"""A hand-labelled dev set of full-text news passages of everyday classes, stored by reference only.

The passages are body text of Sina news articles (THUCTC), as CLUENER 2020 cut them into sentences
(`cluener_train.jsonl` in ../shared/datasets/ner, the NER training split, never its evaluation splits): finance and
banking, real estate, football and betting, video games, film, art, travel, home, military. The headline sets
(THUCNews, TNEWS, NLPCC) measure titles only and the bench dev set is CCTV broadcast news; these are the body
text of the everyday classes the classifier is asked to read. The labels live in
`models/topics/dev/passages_iptc.tsv` (references: line index + first 8 hex of sha1(text)); guidelines in
`models/topics/dev/README.md`.

    python -m training.topics.passages score              per-class top-1 and top-2 scores of the shipped model
    python -m training.topics.passages export OUT.jsonl   the passages as `newswh eval-topics` input (outside the repo)

Sampling (`draw`): every line of the file in a fixed-seed order (sha1 of seed | index | text); the set is a prefix.
Pure module: no Dagster.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pipelines.package_files import models_dir
from pipelines.topics import taxonomy

PASSAGES_TSV = models_dir() / "topics" / "dev" / "passages_iptc.tsv"
SOURCE_FILE = "cluener_train.jsonl"
SEED = "passages-20261206"
NO_CLASS = "-"  # a passage that names no subject (a byline, a greeting, spam): drawn, not scored


class PassagesError(ValueError):
    """The TSV is malformed or a reference does not resolve against the source file (the message says which)."""


@dataclass(frozen=True)
class Passage:
    line: int
    text: str
    labels: frozenset[str]  # IPTC keys
    note: str


def text_sha1_8(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def source_texts(ner_dir: Path) -> list[str]:
    with open(ner_dir / SOURCE_FILE, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def draw(texts: list[str], n: int) -> list[int]:
    """The first n line indices of the fixed-seed order (a prefix: drawing more keeps the earlier ones)."""
    keys = sorted((hashlib.sha1(f"{SEED}|{i}|{t}".encode()).hexdigest(), i) for i, t in enumerate(texts))
    return [i for _, i in keys[:n]]


def read_rows(path: Path = PASSAGES_TSV) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    if header != ["line", "text_sha1_8", "labels", "note"]:
        raise PassagesError(f"{path}: unexpected header {header}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != 4:
            raise PassagesError(f"{path}: row {number} has {len(cells)} cells, expected 4")
        rows.append(dict(zip(header, cells)))
    return rows


def load_passages(ner_dir: Path, path: Path = PASSAGES_TSV) -> list[Passage]:
    """The labelled passages with their text read from the source file; every text hash is checked."""
    texts = source_texts(ner_dir)
    out = []
    for row in read_rows(path):
        index = int(row["line"])
        if not 0 <= index < len(texts) or text_sha1_8(texts[index]) != row["text_sha1_8"]:
            raise PassagesError(f"line {index}: the text does not match its hash {row['text_sha1_8']}")
        if row["labels"] == NO_CLASS:
            continue
        labels = frozenset(label.strip() for label in row["labels"].split(","))
        unknown = labels - set(taxonomy.KEYS)
        if unknown:
            raise PassagesError(f"line {index}: unknown class {sorted(unknown)}")
        out.append(Passage(index, texts[index], labels, row["note"]))
    return out


def passage_scores(clf, passages: list[Passage]) -> dict:
    """Top-1 and top-2 scores (a hit is any of a passage's labels), the passages as bodies without a title."""
    from training.topics.evaluate import score_predictions

    ranked = [[code for code, _ in r[:2]] for r in clf.ranked_many([("", p.text) for p in passages])]
    gold = [{taxonomy.BY_KEY[k].code for k in p.labels} for p in passages]
    result = score_predictions(gold, ranked, 1)
    result["top2"] = score_predictions(gold, ranked, 2)["macro_f1"]
    result["n"] = len(passages)
    return result


def _ner_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    from pipelines.config import training_settings

    return training_settings().ner_data_dir  # NER_DATA_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.topics.passages", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["score", "export"])
    parser.add_argument("out", nargs="?", help="export: the JSONL file to write")
    parser.add_argument("--ner-dir", help="folder holding cluener_train.jsonl (default: NER_DATA_DIR)")
    args = parser.parse_args(argv)
    passages = load_passages(_ner_dir(args.ner_dir))
    if args.command == "export":
        if not args.out:
            parser.error("export needs an output file")
        with open(args.out, "w", encoding="utf-8") as f:
            for p in passages:
                f.write(
                    json.dumps({"title": "", "body": p.text, "labels": sorted(p.labels)}, ensure_ascii=False) + "\n"
                )
        print(f"{len(passages)} passages written to {args.out}")
        return 0
    from pipelines.topics.classifier import default_classifier

    result = passage_scores(default_classifier(), passages)
    for code, v in result["per_class"].items():
        print(
            f"{taxonomy.BY_CODE[code].key:<15} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} "
            f"n={v['support']}"
        )
    print(
        f"passages n={result['n']} accuracy={result['accuracy']:.3f} macro-F1(top-2)={result['top2']:.3f} "
        f"macro-F1={result['macro_f1']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
