"""The CRF's dense lookup tables, built on arrays (pipelines/extract/ner/tagger.dense_tables)."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.extract.ner.features import DENSE
from pipelines.extract.ner.tagger import DEFAULT_MODEL, CrfModel, dense_tables

SOURCE = {prefix: source for prefix, source, _ in DENSE}
WIDTH = {"U": 1, "B": 2, "K": 2, "T": 3}


def loop_tables(attrs: list[str]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The tables as the model built them before, one attribute at a time: the specification."""
    by_prefix: dict[str, dict[str, int]] = {}
    for row, attr in enumerate(attrs, start=1):
        by_prefix.setdefault(attr[0], {})[attr[1:]] = row
    values: dict[str, set[str]] = {source: set() for source in WIDTH}
    for prefix, source, _ in DENSE:
        values[source].update(v for v in by_prefix.get(prefix, ()) if len(v) == WIDTH[source])
    keys = {s: np.array(sorted({CrfModel._key(s, v) for v in vs}), dtype=np.int64) for s, vs in values.items()}
    rowmap = {}
    for prefix, source, _ in DENSE:
        table = np.zeros(len(keys[source]) + 1, np.int32)
        items = [(CrfModel._key(source, v), r) for v, r in by_prefix.get(prefix, {}).items() if len(v) == WIDTH[source]]
        if items:
            table[np.searchsorted(keys[source], np.array([k for k, _ in items], dtype=np.int64)) + 1] = [
                r for _, r in items
            ]
        rowmap[prefix] = table
    return keys, rowmap


@pytest.mark.parametrize(
    ("attrs", "prefix", "value", "row"),
    [
        (["a中"], "a", "中", 1),  # a character template (U)
        (["x1", "f中国"], "f", "中国", 2),  # a bigram template (B); x is no dense template, rows still count
        (["k上海", "g上海"], "g", "上海", 2),  # one value under two templates: each maps to its own row
        (["tHDL"], "t", "HDL", 1),  # a character-class trigram (T)
        (["e😀"], "e", "😀", 1),  # a character beyond the BMP
    ],
)
def test_each_dense_value_maps_to_its_row(attrs: list[str], prefix: str, value: str, row: int) -> None:
    keys, rowmap = dense_tables(attrs)
    source = SOURCE[prefix]
    assert rowmap[prefix][np.searchsorted(keys[source], CrfModel._key(source, value)) + 1] == row


@pytest.mark.parametrize(
    "attrs",
    [
        ["a中国"],  # two characters under a one-character template: not a dense value
        ["f中"],  # one character under a bigram template
        ["zHDL", "o3"],  # prefixes of no dense template
        ["t中DL", "tH"],  # a class trigram with a character that is no class, and one too short
    ],
)
def test_what_dense_templates_cannot_hold_agrees_with_the_loop(attrs: list[str]) -> None:
    expected_keys, expected_rows = loop_tables(attrs)
    keys, rowmap = dense_tables(attrs)
    assert {s: k.tolist() for s, k in keys.items()} == {s: k.tolist() for s, k in expected_keys.items()}
    assert {p: r.tolist() for p, r in rowmap.items()} == {p: r.tolist() for p, r in expected_rows.items()}


def test_the_shipped_model_gets_the_loops_tables() -> None:
    attrs = bytes(np.load(DEFAULT_MODEL, allow_pickle=False)["attrs"]).decode("utf-8").split("\x00")
    expected_keys, expected_rows = loop_tables(attrs)
    keys, rowmap = dense_tables(attrs)
    assert all(np.array_equal(keys[s], expected_keys[s]) for s in WIDTH)
    assert all(np.array_equal(rowmap[p], expected_rows[p]) for p in SOURCE)
