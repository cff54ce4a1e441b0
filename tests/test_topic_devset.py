"""The hand-labelled topic dev set (models/topics/dev): well-formed, resolvable, drawn as documented.

The TSV holds references only; the text lives in the bench (../shared, or NEWSWH_TEST_SHARED). Tests that need the
bench take the `bench_dir` fixture, which skips with the path it looked at when the bench is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipelines.topics import taxonomy
from training.topics.devset import (
    COLUMNS,
    DEVSET_TSV,
    HALVES,
    LEXICON_ONLY,
    SAMPLER_VERSION,
    STRATA,
    BenchRecord,
    DevRecord,
    DevsetError,
    draw,
    half_of,
    iter_bench,
    load_devset,
    order_key,
    read_tsv,
    reference,
    score_devset,
    select,
    stratum_flags,
    title_sha1_8,
    validate,
    weighted_accuracy,
)
from training.topics.training_data import load_bench

# ---- the committed TSV ----------------------------------------------------------------------------------------------


def test_committed_devset_is_well_formed():
    header, rows = read_tsv(DEVSET_TSV)
    validate(header, rows)  # raises on any defect; the checks below spell out the ones that matter most
    assert rows, "the dev set is empty"
    refs = [reference(r["file"], int(r["record"]), r["title_sha1_8"]) for r in rows]
    assert len(set(refs)) == len(refs)
    for r, ref in zip(rows, refs):
        labels = r["labels"].split(",")
        assert r["primary"] in labels and set(labels) <= set(taxonomy.KEYS), r
        assert r["half"] == half_of(ref) and r["stratum"] in STRATA
        # references and labels only: no cell is long enough to hold article text
        assert all(len(r[c]) <= 120 for c in COLUMNS), r
    counts = Counter(r["stratum"] for r in rows)
    assert counts["L"] == int(header["n_L"]) and counts["R"] == int(header["n_R"])
    # a prefix of equal length from each stratum's order (the brief's sampling design)
    assert header["n_L"] == header["n_R"]
    # each half holds rows of both strata, so one can fit calibration and the other score it
    assert {(r["stratum"], r["half"]) for r in rows} == {(s, h) for s in STRATA for h in HALVES}


def test_committed_devset_resolves_against_the_bench(bench_dir):
    records = load_devset(bench_dir)
    header, rows = read_tsv(DEVSET_TSV)
    assert len(records) == len(rows)
    for s in STRATA:
        in_s = [r for r in records if r.stratum == s]
        # inverse-probability weights add up to the stratum's population size
        assert sum(r.weight for r in in_s) == pytest.approx(int(header[f"N_{s}"]))
    # the population the header counts is the one train.load_bench reads
    assert int(header["N_L"]) + int(header["N_R"]) == len(load_bench(bench_dir))
    assert select(records, half="evaluation", full_text=True), "no full articles in the evaluation half"
    assert all(r.title and r.primary in r.labels for r in records)


def test_committed_devset_is_a_prefix_of_each_stratum_order(bench_dir):
    """Re-draws the sample from the strata the drawing classifier gave (models/topics/dev/strata_drawn.tsv: every
    record up to the last drawn one's order key; the classifier itself has been retrained since)."""
    header, rows = read_tsv(DEVSET_TSV)
    strata_file = DEVSET_TSV.with_name("strata_drawn.tsv")
    assert header["classifier"] in strata_file.read_text(encoding="utf-8").splitlines()[0]
    flag_of = {}
    for line in strata_file.read_text(encoding="utf-8").splitlines()[2:]:
        file, record, sha8, stratum = line.split("\t")
        flag_of[reference(file, int(record), sha8)] = stratum == "L"
    stored = {
        s: [reference(r["file"], int(r["record"]), r["title_sha1_8"]) for r in rows if r["stratum"] == s]
        for s in STRATA
    }
    # only records whose order key is below the last stored one can belong to either prefix: the file flags them all
    cutoff = max(order_key(ref) for refs in stored.values() for ref in refs)
    candidates = sorted(
        (r for r in iter_bench(bench_dir) if order_key(r.ref) <= cutoff), key=lambda r: order_key(r.ref)
    )
    assert {r.ref for r in candidates} == set(flag_of)
    orders = draw(candidates, [flag_of[r.ref] for r in candidates])
    for s in STRATA:
        assert [r.ref for r in orders[s][: len(stored[s])]] == sorted(stored[s], key=order_key)


# ---- the sampler and the loader on an invented bench (always run) ---------------------------------------------------


def _write_bench(d: Path) -> Path:
    d.mkdir()
    # file b sorts after a; a record with an empty title and a lone "-" title are skipped, as load_bench skips them
    (d / "dump_b.txt").write_text(
        "暴雨袭击南方\n多地出现内涝。\n-\n\n-\n工资拖欠问题\n农民工讨薪。\n", encoding="utf-8"
    )
    (d / "dump_a.txt").write_text("新闻一\n正文一\n-\n-\n-\n新闻二\n正文二\n", encoding="utf-8")
    return d


def test_iter_bench_reads_what_load_bench_reads(tmp_path):
    bench = _write_bench(tmp_path / "bench")
    records = list(iter_bench(bench))
    assert [(r.title, r.body) for r in records] == load_bench(bench)
    # record indexes count the skipped records, so a reference points at the raw split position
    assert [(r.file, r.record) for r in records] == [
        ("dump_a.txt", 0),
        ("dump_a.txt", 2),
        ("dump_b.txt", 0),
        ("dump_b.txt", 2),
    ]


def test_the_draw_is_deterministic_and_independent_of_the_other_records():
    records = [BenchRecord(f"dump_{i // 10:03d}.txt", i % 10, f"标题{i}", "") for i in range(200)]
    flags = [i % 3 == 0 for i in range(200)]
    first, second = draw(records, flags), draw(list(reversed(records)), list(reversed(flags)))
    assert [r.ref for r in first["L"]] == [r.ref for r in second["L"]]
    assert [r.ref for r in first["R"]] == [r.ref for r in second["R"]]
    assert len(first["L"]) == 67 and len(first["R"]) == 133
    # a record's place depends on its reference only: dropping other records keeps the relative order
    kept = draw(records[:100], flags[:100])
    assert [r.ref for r in kept["L"]] == [r.ref for r in first["L"] if int(r.title[2:]) < 100]
    # another seed gives another order
    assert [r.ref for r in draw(records, flags, seed="other")["L"]] != [r.ref for r in first["L"]]


def test_stratum_flags_use_the_lexicon_only_columns_and_the_threshold():
    import numpy as np

    records = [BenchRecord("f.txt", i, f"t{i}", "") for i in range(4)]

    # per title, so the batches (3 + 1 records) see the right rows
    hits = {
        "t0": ("weather", 0.25),  # exactly the threshold: L
        "t1": ("crime", 0.24),  # just below: R
        "t2": ("health", 0.9),  # a lexicon class, but it has gold rows elsewhere: R
        "t3": ("religion", 0.6),
    }  # L

    def raw_scores(docs):
        s = np.zeros((len(docs), len(taxonomy.KEYS)), dtype=np.float32)
        for i, (title, _) in enumerate(docs):
            key, score = hits[title]
            s[i, taxonomy.KEYS.index(key)] = score
        return s

    assert stratum_flags(records, raw_scores, batch_size=3) == [True, False, False, True]
    assert "health" not in LEXICON_ONLY and len(LEXICON_ONLY) == 6


def _tsv(rows: list[list[str]], n_l: int, n_r: int, n_big: int = 10) -> str:
    head = (
        f"# sampler={SAMPLER_VERSION} classifier=test\n# N_L={n_big} N_R={n_big} n_L={n_l} n_R={n_r}\n"
        + "\t".join(COLUMNS)
        + "\n"
    )
    return head + "".join("\t".join(r) + "\n" for r in rows)


def _row(file: str, record: int, title: str, stratum: str, primary: str, labels: str, note: str = "") -> list[str]:
    sha = title_sha1_8(title)
    return [file, str(record), sha, stratum, half_of(reference(file, record, sha)), primary, labels, note]


def test_load_devset_resolves_invented_references_and_weights(tmp_path):
    bench = _write_bench(tmp_path / "bench")
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(
        _tsv(
            [
                _row("dump_b.txt", 0, "暴雨袭击南方", "L", "disaster", "disaster,weather"),
                _row("dump_b.txt", 2, "工资拖欠问题", "L", "labour", "labour"),
                _row("dump_a.txt", 2, "新闻二", "R", "politics", "politics"),
            ],
            2,
            1,
        ),
        encoding="utf-8",
    )
    recs = load_devset(bench, tsv)
    assert [(r.title, r.body, r.weight) for r in recs] == [
        ("暴雨袭击南方", "多地出现内涝。", 5.0),
        ("工资拖欠问题", "农民工讨薪。", 5.0),
        ("新闻二", "正文二", 10.0),
    ]
    assert recs[0].codes == {taxonomy.BY_KEY["disaster"].code, taxonomy.BY_KEY["weather"].code}


def test_load_devset_names_a_changed_title(tmp_path):
    bench = _write_bench(tmp_path / "bench")
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(_tsv([_row("dump_b.txt", 0, "暴雨袭击北方", "L", "disaster", "disaster")], 1, 0), encoding="utf-8")
    with pytest.raises(DevsetError, match=r"dump_b.txt record 0 has title hash .* expects"):
        load_devset(bench, tsv)
    tsv.write_text(_tsv([_row("dump_z.txt", 0, "新闻", "L", "crime", "crime")], 1, 0), encoding="utf-8")
    with pytest.raises(DevsetError, match="dump_z.txt: not in"):
        load_devset(bench, tsv)


@pytest.mark.parametrize(
    "row,counts,message",
    [
        # a key that is not one of the 17 IPTC top-level keys
        (_row("f.txt", 0, "标题", "L", "weathers", "weathers"), (1, 0), "unknown IPTC key"),
        # the primary must be among the labels
        (_row("f.txt", 0, "标题", "L", "crime", "politics"), (1, 0), "must hold the primary"),
        # a stratum other than L and R
        (_row("f.txt", 0, "标题", "X", "crime", "crime"), (1, 0), "stratum 'X'"),
        # the half is the hash of the reference, not a free choice
        (_row("f.txt", 0, "标题", "L", "crime", "crime")[:4] + ["?", "crime", "crime", ""], (1, 0), "half '\\?'"),
        # the header's n must count the rows of each stratum
        (_row("f.txt", 0, "标题", "L", "crime", "crime"), (2, 0), "stratum L: 1 rows"),
    ],
)
def test_validate_rejects_malformed_rows(tmp_path, row, counts, message):
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(_tsv([row], *counts), encoding="utf-8")
    with pytest.raises(DevsetError, match=message):
        validate(*read_tsv(tsv))


def test_validate_rejects_a_duplicate_reference(tmp_path):
    row = _row("f.txt", 0, "标题", "L", "crime", "crime")
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(_tsv([row, row], 2, 0), encoding="utf-8")
    with pytest.raises(DevsetError, match="duplicate reference"):
        validate(*read_tsv(tsv))


def test_validate_rejects_another_sampler(tmp_path):
    # a sample drawn by another sampler version may mean other strata or another order: refuse it
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(_tsv([], 0, 0).replace(f"sampler={SAMPLER_VERSION}", "sampler=devset-0"), encoding="utf-8")
    with pytest.raises(DevsetError, match="sampler='devset-0'"):
        validate(*read_tsv(tsv))


def test_read_tsv_rejects_wrong_columns(tmp_path):
    tsv = tmp_path / "dev.tsv"
    tsv.write_text("# N_L=1 N_R=1 n_L=0 n_R=0\nfile\trecord\n", encoding="utf-8")
    with pytest.raises(DevsetError, match="columns"):
        read_tsv(tsv)


# ---- scoring ----------------------------------------------------------------------------------------------------------


def _dev(primary: str, labels: set[str], stratum: str, weight: float) -> DevRecord:
    return DevRecord("f.txt", 0, "t", "b", primary, frozenset(labels), stratum, "evaluation", weight)


def test_scoring_reuses_score_predictions_and_weights_by_stratum():
    code = {k: taxonomy.BY_KEY[k].code for k in taxonomy.KEYS}
    recs = [
        _dev("crime", {"crime", "politics"}, "L", 1.0),
        _dev("weather", {"weather"}, "L", 1.0),
        _dev("politics", {"politics"}, "R", 8.0),
    ]
    ranked = [[code["politics"], code["crime"]], [code["disaster"], code["weather"]], [code["politics"]]]
    top1 = score_devset(recs, ranked)
    # record 1: politics is a gold label, so it counts as a hit; record 2 misses at top-1
    assert top1["accuracy"] == pytest.approx(2 / 3)
    assert top1["per_class"][code["weather"]]["recall"] == 0.0
    assert score_devset(recs, ranked, k=2)["accuracy"] == 1.0
    # the R record stands for 8 population records, the two L records for 1 each
    assert weighted_accuracy(recs, ranked) == pytest.approx(9 / 10)
