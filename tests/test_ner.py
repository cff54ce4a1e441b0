"""Tests for the CRF NER tagger (pipelines/extract/ner)."""

from __future__ import annotations

import io
import json

import pytest

from pipelines.extract.ner import NER_VERSION, EntitySpan, NerTagger, default_tagger
from pipelines.extract.ner.features import cluster_features, gazetteers, normalise, sentence_features
from pipelines.extract.ner.tagger import decode, decode_path, postprocess, split_chunks
from tests.conftest import INVENTED_DUMP
from training.ner.evaluate import evaluate_file, gold_spans, score


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ＡＢＣ１２３", "abc000"),  # full-width Latin/digits fold to half-width, lower-case, digits collapse
        ("Kashan Khan", "kashan khan"),  # Latin case-folding for the lower-cased PD test set
        ("台州学院", "台州学院"),  # Han characters are untouched
        ("\u3000x", " x"),  # ideographic space becomes a plain space (length preserved)
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected and len(normalise(text)) == len(text)


@pytest.mark.parametrize(
    "labels, spans",
    [
        (["B-PER", "E-PER", "O"], [(0, 2, "PER")]),  # well-formed BIOES
        (["S-LOC", "S-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),  # adjacent singletons stay separate
        (["I-ORG", "E-ORG"], [(0, 2, "ORG")]),  # missing B still yields a span
        (["B-ORG", "I-ORG"], [(0, 2, "ORG")]),  # unterminated span closes at the end
        (["B-PER", "E-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),  # a type switch starts a new span
        (["O", "O"], []),  # nothing
    ],
)
def test_decode(labels, spans):
    assert decode(labels) == spans


LABELS = ["O"] + [f"{kind}-{t}" for t in ("PER", "LOC", "ORG") for kind in "BIES"]


def reference_decode(labels: list[str]) -> list[tuple[int, int, str]]:
    """The straightforward walk over every label, O included: what the decoders must agree with."""
    spans, start, typ = [], -1, None
    for i, lab in enumerate(labels):
        if lab == "O":
            if typ is not None:
                spans.append((start, i, typ))
            start, typ = -1, None
            continue
        pos, t = lab[0], lab[2:]
        if pos in "BS" or t != typ:
            if typ is not None:
                spans.append((start, i, typ))
            start, typ = i, t
        if pos in "ES":
            spans.append((start, i + 1, typ))
            start, typ = -1, None
    if typ is not None:
        spans.append((start, len(labels), typ))
    return spans


@pytest.mark.parametrize("seed", range(5))
def test_decoders_agree_with_a_walk_over_every_label(seed):
    # The runtime decodes label ids looking only at non-O positions; on any label sequence, well
    # formed or not (O runs, type switches, I/E without B, spans open at the end), it must agree.
    import random

    rng = random.Random(seed)
    kinds = [name[0] for name in LABELS]
    types = [name[2:] or None for name in LABELS]
    for _ in range(500):
        path = [rng.choice([0, 0, 0, rng.randrange(len(LABELS))]) for _ in range(rng.randrange(0, 25))]
        inside = [i for i, x in enumerate(path) if x]
        got = decode_path(inside, [path[i] for i in inside], kinds, types)
        labels = [LABELS[x] for x in path]
        assert got == decode(labels) == reference_decode(labels), path


@pytest.mark.parametrize(
    "text",
    [
        "短句。",  # one short sentence
        "第一句。第二句！第三句？\n第四句",  # several terminators and a newline
        "，".join(["很长的分句"] * 100),  # over-long sentence split at commas
        "x" * 1000,  # no break at all: hard cut
        "  \n\n ",  # blank only: no chunks
    ],
)
def test_split_chunks_cover_text(text):
    chunks = split_chunks(text)
    assert all(text[o : o + len(c)] == c for o, c in chunks)
    assert all(len(c) <= 160 for _, c in chunks)
    assert "".join(c for _, c in chunks).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        # a bare surname tagged PER takes its polite title along
        ("徐女士说", [(0, 1, "PER")], [(0, 3, "PER")]),
        # an untagged common surname + title after a function word becomes PER
        ("近日，65岁的徐女士在家", [], [(7, 10, "PER")]),
        # "这位先生": 位 follows a demonstrative, so no PER
        ("这位先生", [], []),
        # gazetteer admin name with a level suffix becomes LOC when unlabelled
        ("温岭市外国人签证点", [], [(0, 3, "LOC")]),
        # ...but not inside an existing span
        ("台州市科学技术局", [(0, 8, "ORG")], [(0, 8, "ORG")]),
    ],
)
def test_postprocess(text, spans, expected):
    assert postprocess(text, spans, gazetteers()) == expected


def test_features_one_item_per_char():
    text = "中新网台州4月7日电(傅飞扬 元萌)"
    feats = sentence_features(text)
    assert len(feats) == len(text) and all(f for f in feats)


_CLUSTERS = {"总统": "7", "普京": "3", "说": "9"}


@pytest.mark.parametrize(
    "words, expected",
    [
        # every character of a word gets its word's cluster; the neighbours' clusters ride along
        (
            ["总统", "普京", "说"],
            (["z7", "z7", "z3", "z3", "z9"], ["zp^", "zp^", "zp7", "zp7", "zp3"], ["zn3", "zn3", "zn9", "zn9", "zn$"]),
        ),
        # a word with no cluster (a rare name) is "-", and so is it as a neighbour
        (["纳雷什金", "说"], (["z-"] * 4 + ["z9"], ["zp^"] * 4 + ["zp-"], ["zn9"] * 4 + ["zn$"])),
        # one word alone sits between both chunk edges
        (["说"], (["z9"], ["zp^"], ["zn$"])),
    ],
)
def test_cluster_features(words, expected):
    assert cluster_features(words, _CLUSTERS) == expected


def test_batch_scores_with_word_clusters():
    # The shipped model has no cluster features, so give a small model weights on some cluster features
    # (and on characters) and check the batch scorer adds the same rows as the per-character reference,
    # including a word without a cluster and the chunk-edge marks of the first and last words.
    import copy

    import numpy as np

    from pipelines.extract.ner.tagger import CrfModel

    gaz = copy.copy(gazetteers())
    gaz.word_cluster = dict(_CLUSTERS)
    attrs = ["z7", "z3", "z-", "zp^", "zp7", "zp-", "zn9", "zn$", "zn3", "a普", "w=说"]
    rng = np.random.default_rng(0)
    model = CrfModel(["O", "S-PER"], np.zeros((2, 2), np.float32), rng.normal(size=(len(attrs), 2)), attrs)
    chunks = ["总统普京说", "说", "纳雷什金总统说普京", "总统"]
    batch = model.emissions(chunks, gaz)
    want = np.concatenate([_reference_scores(model, c, gaz) for c in chunks])
    assert batch.shape == want.shape and np.abs(want).max() > 0
    assert np.abs(batch - want).max() < 1e-4


def test_gold_spans_use_coarse():
    rec = {
        "text": "abc",
        "entities": [
            {"start": 0, "end": 1, "type": "name", "text": "a", "coarse": "PER"},
            {"start": 1, "end": 2, "type": "game", "text": "b", "coarse": None},
            {"start": 2, "end": 3, "type": "LOC", "text": "c"},
        ],
    }
    assert gold_spans(rec) == {(0, 1, "PER"), (2, 3, "LOC")}
    res = score([rec], [{(0, 1, "PER"), (1, 2, "ORG")}])
    assert res["overall"]["p"] == 0.5 and res["overall"]["r"] == 0.5


def test_interface_and_offsets():
    tagger = default_tagger()
    assert tagger is default_tagger() and NER_VERSION.startswith("ner-crf-")
    texts = [
        "新华社北京3月5日电 国务院总理李克强在人民大会堂作政府工作报告。",
        "",
        "无实体的句子。",
        "😀𠀀王小明在北京ＡＢＣ公司工作",
        "，".join(["记者张伟在上海市浦东新区采访"] * 60),
    ]
    batch = tagger.tag_many(texts)
    assert batch == [tagger.tag(t) for t in texts]
    for text, spans in zip(texts, batch):
        for s in spans:
            assert isinstance(s, EntitySpan) and s.type in ("PER", "LOC", "ORG")
            assert text[s.start : s.end] == s.surface


def test_fast_path_matches_crfsuite_features():
    # the table-lookup scorer must see exactly the features the trainer saw
    tagger = default_tagger()
    m = tagger.model
    text = "来自巴基斯坦的“90后”小伙卡山(Kashan Khan)受访时说，台州市科学技术局介绍。"
    E = m.emissions([text], gazetteers())
    g = m.full.get
    for i, feats in enumerate(sentence_features(text)):
        want = sum((m.W[g(f, 0)] for f in feats), start=m.W[0] * 0)
        assert abs(E[i] - want).max() < 1e-3


def _reference_scores(model, text: str, gaz=None):
    """Emission rows of one chunk summed from the trainer's per-character feature strings."""
    import numpy as np

    g = model.full.get
    rows = [sum((model.W[g(f, 0)] for f in feats), start=model.W[0] * 0) for feats in sentence_features(text, gaz)]
    return np.array(rows).reshape(len(rows), model.W.shape[1])


def test_batch_scores_match_per_chunk_features():
    # Many chunks in one batch: every gazetteer, word and template feature must land on the right
    # character of the right chunk, including hits at chunk edges and next to the "^^...$$" padding.
    import numpy as np

    model = default_tagger().model
    chunks = [
        "台州市科学技术局介绍",  # a place at the start, an organisation head word at the end
        "局",  # a one-character head word alone: no "before" mark outside the chunk
        "北京",  # a place that is the whole chunk
        "记者张伟在上海市浦东新区采访",  # surname, nested places
        "^^北京$$上海^",  # the padding characters inside a chunk
        "😀𠀀王小明在北京ＡＢＣ公司工作",  # characters beyond the BMP, full-width Latin
        "巴基斯坦",
        "a",
        "中华人民共和国国务院总理李克强和俄罗斯联邦总统普京在人民大会堂会谈",
    ]
    batch = model.emissions(chunks, gazetteers())
    want = np.concatenate([_reference_scores(model, c) for c in chunks])
    assert batch.shape == want.shape
    assert np.abs(batch - want).max() < 1e-4


def test_batch_scores_with_a_one_character_place():
    # Today every gazetteer place has two or more characters; should a one-character one appear, the batch
    # scorer must still mark it as place_tags does (gE only, never on a chunk's last character).
    import copy

    import numpy as np

    model = default_tagger().model
    gaz = copy.copy(gazetteers())
    gaz.places = gaz.places | {"京"}
    gaz.place_first = {**gaz.place_first, "京": tuple(sorted({1, *gaz.place_first.get("京", ())}, reverse=True))}
    chunks = ["北京", "京", "在京召开", "京津冀协同", "进京", "京京"]
    batch = model.emissions(chunks, gaz)
    want = np.concatenate([_reference_scores(model, c, gaz) for c in chunks])
    assert np.abs(batch - want).max() < 1e-4


def test_invented_dump_entities():
    text = INVENTED_DUMP.read_text(encoding="utf-8")
    spans = NerTagger.load().tag(text)
    assert all(text[s.start : s.end] == s.surface for s in spans)
    found = {(s.surface, s.type) for s in spans}
    assert ("穆萨·奥蒂诺", "PER") in found  # a Kenyan name written in Chinese, with its dot
    assert ("林女士", "PER") in found  # surname + title
    for org in ("绍兴市科学技术局", "中央气象台", "绍兴市公安局"):
        assert (org, "ORG") in found, org
    # MSRA and CLUENER both annotate a nested org as one span ("清华大学建筑学院"), so
    # "绍兴文理学院土木工程学院" may come back whole; it must still start an ORG span.
    assert any(t == "ORG" and s.startswith("绍兴文理学院") for s, t in found)
    for loc in ("诸暨市", "改则县", "曼谷"):
        assert (loc, "LOC") in found, loc


def test_evaluate_file_round_trip(tmp_path):
    recs = [
        {
            "text": "李克强在北京会见了联合国秘书长。",
            "entities": [
                {"start": 0, "end": 3, "type": "PER", "text": "李克强"},
                {"start": 4, "end": 6, "type": "LOC", "text": "北京"},
                {"start": 9, "end": 12, "type": "ORG", "text": "联合国"},
            ],
        },
        {"text": "今天天气很好。", "entities": []},
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n", encoding="utf-8")
    out = io.StringIO()
    res = evaluate_file(str(path), out=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[-1].startswith("overall P=") and " R=" in lines[-1] and " F1=" in lines[-1]
    assert any("chars/s" in line for line in lines)
    assert 0.0 <= res["overall"]["f1"] <= 1.0
