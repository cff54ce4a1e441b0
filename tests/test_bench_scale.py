"""`newswh bench-scale`: the Nx copies of the bench corpus (deterministic, every record distinct, a valid dump read
by the real parser), the SQL fill of a real working database, and a smoke run of the whole tool at 2 files."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

from benchmarks.bench_scale import run_bench_scale
from benchmarks.scale_corpus import TEASER_END, add_dumps, load_source, read_records, write_copies
from benchmarks.scale_fill import fill_copies, mark_copied_landing_registered
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.landing import scan_landing
from pipelines.warehouse.arrivals import registered_ns
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_articles import load_dumps
from pipelines.warehouse.migrate import migrate

FILES = 3
EXAMPLES = Path(__file__).resolve().parent.parent / "sql" / "examples"
STAND_IN = (sys.executable, "-m", "tests.bench_scale_driver")


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _parse_all(landing: Path):
    return [
        ingest_dump(
            p, str(p.relative_to(landing)), reference_override=None, max_record_chars=200_000, landing_root=landing
        )
        for p in sorted(landing.rglob("*.txt"))
    ]


def test_copies_are_the_same_bytes_every_time(bench_dir: Path, tmp_path: Path) -> None:
    write_copies(load_source(bench_dir, FILES), 3, tmp_path / "a")
    write_copies(load_source(bench_dir, FILES), 3, tmp_path / "b")
    first = _digest(tmp_path / "a")
    assert first == _digest(tmp_path / "b")
    assert len(first) == 3 * (FILES + 1)  # three copies of the files, each folder with its MANIFEST.tsv


def test_every_record_of_every_copy_is_a_distinct_article_with_the_source_day_and_shape(
    bench_dir: Path, tmp_path: Path
) -> None:
    corpus = load_source(bench_dir, FILES)
    write_copies(corpus, 3, tmp_path)
    parsed = _parse_all(tmp_path)
    assert len(parsed) == 3 * FILES and all(dump.status == "parsed" for dump in parsed)
    # Nothing quarantined, every record an article, and no article id twice across the copies.
    assert sum(dump.quarantined for dump in parsed) == 0
    ids = [article_id for dump in parsed for article_id in dump.articles["article_id"].to_list()]
    assert len(ids) == len(set(ids)) == sum(dump.records for dump in parsed)
    for dump in parsed:
        source = bench_dir / Path(dump.file_key).name
        original = read_records(source.read_text(encoding="utf-8"))
        copied = read_records((tmp_path / dump.file_key).read_text(encoding="utf-8"))
        # The day comes from the copy's own MANIFEST.tsv and is the source file's day.
        assert dump.reference_date_source == "manifest"
        assert dump.reference_date.strftime("%Y%m%d") == corpus.days[source.name]
        # Same records and paragraphs; a teaser stays a teaser of the same length; the lead is kept.
        assert [len(lines) for lines in copied] == [len(lines) for lines in original]
        for old, new in zip(original, copied):
            for old_line, new_line in zip(old[1:], new[1:]):
                if old_line.endswith(TEASER_END):
                    assert new_line.endswith(TEASER_END) and len(new_line) == len(old_line)
            if len(old) > 1 and old[1].strip():
                assert new[1].split(":")[0] == old[1].split(":")[0]


def test_added_dumps_are_new_articles_dated_after_the_corpus(bench_dir: Path, tmp_path: Path) -> None:
    corpus = load_source(bench_dir, FILES)
    write_copies(corpus, 2, tmp_path / "copies")
    add_dumps(corpus, 0, 2, tmp_path / "added")
    copies = {i for dump in _parse_all(tmp_path / "copies") for i in dump.articles["article_id"].to_list()}
    added = _parse_all(tmp_path / "added")
    last_day = max(corpus.days[p.name] for p in corpus.files)
    assert [dump.reference_date.strftime("%Y%m%d") > last_day for dump in added] == [True, True]
    assert added[0].reference_date < added[1].reference_date
    new_ids = [i for dump in added for i in dump.articles["article_id"].to_list()]
    assert new_ids and not copies & set(new_ids) and len(new_ids) == len(set(new_ids))


def test_sql_fill_multiplies_the_rows_with_distinct_keys_and_the_pipeline_can_load_on_top(
    bench_dir: Path, tmp_path: Path
) -> None:
    corpus = load_source(bench_dir, FILES)
    write_copies(corpus, 1, tmp_path / "landing")
    add_dumps(corpus, 0, 1, tmp_path / "landing" / "added")
    dumps = _parse_all(tmp_path / "landing")
    working = tmp_path / "news.sqlite"
    with warehouse(working) as conn:
        migrate(conn)
        load_dumps(conn, dumps[1:])  # the copy; the added dump (sorted first) comes after the fill
        conn.execute("INSERT INTO entity_day_counts VALUES ('e1', DATE '2012-07-02', 5, 2)").fetchall()
        before = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "dumps", "article_occurrences")
        }
    fill_copies(working, 4)
    with warehouse(working) as conn:
        after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
        assert after == {t: 4 * n for t, n in before.items()}
        copies = conn.execute("SELECT count(*) FROM articles WHERE article_id LIKE '%~3'").fetchone()[0]
        assert copies == before["articles"]
        # Occurrences point at their own copy's article and dump.
        orphans = conn.execute(
            "SELECT count(*) FROM article_occurrences o ANTI JOIN articles a USING (article_id)"
        ).fetchone()[0]
        assert orphans == 0
        assert conn.execute("SELECT mentions, articles FROM entity_day_counts").fetchall() == [(20, 8)]
        # The real loader adds a new dump on top, and no key was duplicated by the fill.
        outcomes = load_dumps(conn, dumps[:1])
        assert [o.status for o in outcomes] == ["loaded"]
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == after["articles"] + outcomes[0].articles
        assert conn.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchone()[0] == 0


def test_the_tool_prints_one_table_for_each_scale(
    bench_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Smoke run of the whole tool at 2 files and scales 1, 2 with a stand-in for `newswh ingest` (see
    tests/bench_scale_driver.py): real children measured by os.wait4, the SQL fill, the example queries."""
    work = tmp_path / "work"
    assert run_bench_scale(bench_dir, [1, 2], adds=[1], runs=1, files=2, keep=work, driver=STAND_IN) == 0
    table = capsys.readouterr().out
    # A kept folder is never measured twice: its warehouses are no longer fresh.
    assert run_bench_scale(bench_dir, [1], adds=[1], runs=1, files=2, keep=work, driver=STAND_IN) == 2
    rows = {
        line.split("|")[0].strip(): [cell.strip() for cell in line.split("|")[1:]]
        for line in table.splitlines()
        if "|" in line
    }
    assert rows[""] == ["empty", "1x", "2x"]
    assert rows["built by"] == ["empty warehouse", "ingest", "1x ingest + SQL fill"]
    one, two = (int(v.replace(",", "")) for v in rows["articles before the adds"][1:])
    assert one > 0 and two == 2 * one
    assert rows["add 1 dump: x empty"][0] == "1.00"
    assert not any("ran something" in cell for cell in rows["idle tick (ingest, nothing new): wall s"])
    assert all(float(v) > 0 for v in rows["add 1 dump: CPU-s"])
    after = [int(v.replace(",", "")) for v in rows["articles after the adds"]]
    assert after[0] > 0 and after[1:] == [one + after[0], two + after[0]]  # the same added dump everywhere
    examples = [label for label in rows if label.startswith("example ")]
    assert len(examples) == len(list(EXAMPLES.glob("*.sql")))
    assert all(float(v) >= 0 for label in examples for v in rows[label])


def test_a_copied_landing_folder_is_not_handed_over_again_once_marked(bench_dir: Path, tmp_path: Path) -> None:
    write_copies(load_source(bench_dir, 2), 1, tmp_path / "base")
    lake = tmp_path / "news.sqlite"
    with warehouse(lake) as conn:
        migrate(conn)
        load_dumps(conn, _parse_all(tmp_path / "base"))
    shutil.copytree(tmp_path / "base", tmp_path / "copy")  # as bench-scale copies copy 0 for each scale
    files = scan_landing(tmp_path / "copy")

    def registered_unchanged() -> set[str]:  # the landing sensor's test (pipelines/defs/sensors.py)
        with warehouse(lake, read_only=True, snapshot="latest") as conn:
            registered = registered_ns(conn, [f.key for f in files])
        return {f.key for f in files if f.key in registered and registered[f.key] >= f.ctime_ns}

    assert len(files) == 2
    # the copies are newer than the load: without the mark, the sensor would hand every one over again
    assert registered_unchanged() == set()
    mark_copied_landing_registered(lake)
    assert registered_unchanged() == {f.key for f in files}
