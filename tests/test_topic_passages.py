"""The hand-labelled passages resolve against their source file by reference, and are the drawn prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.topics import taxonomy
from tests.conftest import SHARED
from training.topics.passages import NO_CLASS, PASSAGES_TSV, PassagesError, draw, load_passages, read_rows, source_texts

NER_DIR = SHARED / "datasets" / "ner"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    if not (NER_DIR / "cluener_train.jsonl").exists():
        pytest.skip(f"needs {NER_DIR / 'cluener_train.jsonl'}")
    return source_texts(NER_DIR)


def test_every_passage_resolves_and_the_set_is_the_drawn_prefix(texts) -> None:
    rows = read_rows()
    assert [int(r["line"]) for r in rows] == draw(texts, len(rows))
    passages = load_passages(NER_DIR)
    assert len(passages) == sum(r["labels"] != NO_CLASS for r in rows)
    assert all(p.labels <= set(taxonomy.KEYS) and p.labels for p in passages)


def test_a_reference_whose_text_changed_is_refused(texts, tmp_path: Path) -> None:
    lines = PASSAGES_TSV.read_text(encoding="utf-8").splitlines()
    header_end = next(i for i, line in enumerate(lines) if line.startswith("line\t"))
    first = lines[header_end + 1].split("\t")
    first[1] = "00000000" if first[1] != "00000000" else "11111111"
    lines[header_end + 1] = "\t".join(first)
    (tmp_path / "passages.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PassagesError, match="does not match its hash"):
        load_passages(NER_DIR, tmp_path / "passages.tsv")


def test_an_unknown_class_is_refused(texts, tmp_path: Path) -> None:
    row = read_rows()[0]
    (tmp_path / "passages.tsv").write_text(
        f"line\ttext_sha1_8\tlabels\tnote\n{row['line']}\t{row['text_sha1_8']}\tgossip\t\n", encoding="utf-8"
    )
    with pytest.raises(PassagesError, match="unknown class"):
        load_passages(NER_DIR, tmp_path / "passages.tsv")
