"""Bounded memory: the per-dump steps read a run's articles a batch at a time, with the same result."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest

from pipelines.defs.assets import entities, search, stories, topics
from pipelines.orchestration.runner import run_files
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_extractions import article_batches
from pipelines.warehouse.migrate import migrate

# What the per-dump steps write; none of these columns depends on the run or the clock. The search
# index numbers its terms and documents in arrival order, so it is compared by term and article.
TABLES = (
    "entity_mentions",
    "entities",
    "entity_aliases",
    "amounts",
    "dates_mentioned",
    "article_topics",
    "story_links",
    "article_clusters",
)
SEARCH_INDEX = """
    SELECT t.term, t.df, d.article_id, d.length, d.search_version, p.tf, p.doc_length
    FROM search_postings p JOIN search_terms t USING (term_id) JOIN search_documents d USING (doc_no)
    ORDER BY ALL"""


def run_ingest(root: Path, landing: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One real ingest_job run (every file in one run) into its own warehouse and Dagster instance."""
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.instance import temporary_instance

    working = root / "news.sqlite"
    monkeypatch.setenv("WAREHOUSE_PATH", str(working))
    keys = sorted(p.name for p in landing.iterdir())
    with temporary_instance(root / "home") as instance:
        result = run_files(build_definitions(), instance, keys)
        assert result.success
        assert all(e.passed for e in result.get_asset_check_evaluations())
    return working


def tables(path: Path) -> dict[str, list[tuple]]:
    with warehouse(path, read_only=True, snapshot="latest") as conn:
        found = {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
        return {**found, "search_index": conn.execute(SEARCH_INDEX).fetchall()}


def test_per_dump_steps_in_small_batches_write_what_one_batch_writes(
    tmp_path: Path, bench_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    for dump in sorted(bench_dir.glob("dump_*.txt"))[:3]:  # about 50 articles
        shutil.copy(dump, landing / dump.name)
    monkeypatch.setenv("LANDING_DIR", str(landing))
    whole = tables(run_ingest(tmp_path / "whole", landing, monkeypatch))  # batch sizes 2,000-5,000: one batch

    batches: dict[str, list[int]] = {"entities": [], "topics": [], "search": [], "stories": []}

    def counting(name: str, process):
        def wrapped(conn, batch, *rest):  # what was extracted (the stories step: its time bounds and keys too)
            batches[name].append(len(batch))
            return process(conn, batch, *rest)

        return wrapped

    for name, module, process in (
        ("entities", entities, "_load"),
        ("topics", topics, "_load"),
        ("search", search, "_load"),
        ("stories", stories, "update_stories"),
    ):
        monkeypatch.setattr(module, "BATCH_ARTICLES", 7)
        monkeypatch.setattr(module, process, counting(name, getattr(module, process)))
    small = tables(run_ingest(tmp_path / "small", landing, monkeypatch))

    articles = sum(batches["entities"])
    assert articles > 3 * 7  # several batches, all of them full but the last
    for name, sizes in batches.items():
        assert sum(sizes) == articles and max(sizes) == 7 and len(sizes) == -(-articles // 7), name
    assert all(small[t] for t in ("entity_mentions", "article_topics", "search_index", "article_clusters"))
    assert small == whole


def synthetic_warehouse(path: Path, count: int) -> list[str]:
    """`count` articles of 10,000 characters each (about 20 KB apiece as Python strings)."""
    with warehouse(path) as conn:
        migrate(conn)
        conn.execute(
            "INSERT INTO articles (article_id, title, body, kind, published_on_method, char_count, extractor_version)"
            " SELECT printf('a%08d', i), '标题' || i, repeat('新闻', 5000) || i, 'full', 'reference', 10000, 'test'"
            " FROM range($count) t(i)",
            {"count": count},
        ).fetchall()
        return [r[0] for r in conn.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]


@pytest.mark.parametrize("count", [200, 2_000])  # 4 MB and 40 MB of text: the peak must not follow
def test_the_batch_reader_holds_one_batch_not_the_run(tmp_path: Path, count: int) -> None:
    ids = synthetic_warehouse(tmp_path / "w.duckdb", count)
    bound = 4_000_000  # two 50-article batches (2 MB) and the ids, with room to spare
    with warehouse(tmp_path / "w.duckdb", read_only=True, snapshot="latest") as conn:
        tracemalloc.start()
        try:
            seen = sum(len(batch) for batch in article_batches(conn, ids, 50))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert seen == count
    assert peak < bound, f"peak {peak} bytes reading {count} articles"
    if count == 2_000:
        assert count * 20_000 >= 10 * bound  # reading the run at once could not pass this bound
