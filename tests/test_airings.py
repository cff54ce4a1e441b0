"""Every airing counts (issue 25): an article found in several dumps keeps each occurrence's own day, and the daily
view counts it on every day it was published. Real DuckDB files in tmp_path; all text invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest.dump import ingest_dump
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_articles import load_dumps
from pipelines.warehouse.migrate import migrate

RE_AIRED = ("上海首条跨江隧道通车", "上海市交通委员会今天宣布,上海首条跨江隧道上午正式通车,全长4.2公里,双向六车道。")
ONLY_LATER = ("江临港口货运量创新高", "江临港今年前十个月完成货物吞吐量两亿吨,同比增长百分之十二。")
# The dump's day comes from the date in its file name (no dateline in the texts).
DUMPS = {"2025-03-08_news.txt": [RE_AIRED], "2025-03-10_news.txt": [ONLY_LATER, RE_AIRED]}


def _write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, records in DUMPS.items():
        (folder / name).write_text("\n-\n".join(f"{t}\n{b}" for t, b in records) + "\n", encoding="utf-8")


def _load(conn, folder: Path, names: list[str]) -> None:
    load_dumps(conn, [ingest_dump(folder / n, n, reference_override=None, max_record_chars=10_000) for n in names])


def _daily(conn) -> list[tuple]:
    return conn.execute(
        "SELECT day, sum(articles), sum(first_airings) FROM articles_daily GROUP BY day ORDER BY day"
    ).fetchall()


@pytest.mark.parametrize(
    "order",
    [
        ["2025-03-08_news.txt", "2025-03-10_news.txt"],  # first airing loaded first
        ["2025-03-10_news.txt", "2025-03-08_news.txt"],  # the re-airing arrives before the first airing
    ],
)
def test_a_re_aired_article_counts_on_each_day_it_was_published(tmp_path: Path, order: list[str]) -> None:
    _write(tmp_path / "landing")
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        for name in order:
            _load(conn, tmp_path / "landing", [name])
        days = conn.execute(
            "SELECT o.published_on FROM article_occurrences o JOIN articles a USING (article_id) "
            "WHERE a.title = ? ORDER BY 1",
            [RE_AIRED[0]],
        ).fetchall()
        assert days == [(date(2025, 3, 8),), (date(2025, 3, 10),)]  # one row, one day per airing
        # 8th: the re-aired article's first airing; 9th: nothing; 10th: the new article and the re-airing
        assert _daily(conn) == [(date(2025, 3, 8), 1, 1), (date(2025, 3, 9), 0, 0), (date(2025, 3, 10), 2, 1)]
        # reloading a dump changes nothing
        _load(conn, tmp_path / "landing", [order[-1]])
        assert _daily(conn) == [(date(2025, 3, 8), 1, 1), (date(2025, 3, 9), 0, 0), (date(2025, 3, 10), 2, 1)]
        # the weekly rollup counts airings: the re-aired article twice in its week
        assert conn.execute("SELECT sum(articles) FROM articles_weekly").fetchone() == (3,)
        # so does the story view (no story step ran: every article is a story of its own)
        assert conn.execute("SELECT day, stories, new_stories, articles FROM story_daily ORDER BY day").fetchall() == [
            (date(2025, 3, 8), 1, 1, 1),
            (date(2025, 3, 10), 2, 1, 2),
        ]


def test_topic_and_entity_day_counts_count_every_airing(tmp_path: Path) -> None:
    from pipelines.extract.entities import extract_entities
    from pipelines.topics.assign import classify_articles, iptc_topics_frame
    from pipelines.warehouse.load_extractions import (
        article_batches,
        article_ids_of_files,
        load_entities,
        load_iptc_topics,
    )

    _write(tmp_path / "landing")
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _load(conn, tmp_path / "landing", ["2025-03-08_news.txt"])
        ids = article_ids_of_files(conn, ["2025-03-08_news.txt"])
        articles = [a for batch in article_batches(conn, ids, 100) for a in batch]
        load_entities(conn, ids, extract_entities(articles))
        load_iptc_topics(conn, ids, iptc_topics_frame(), classify_articles(articles))
        # the re-airing arrives after the article's mentions and topics were written: its day is counted too
        _load(conn, tmp_path / "landing", ["2025-03-10_news.txt"])
        re_aired = conn.execute("SELECT article_id FROM articles WHERE title = ?", [RE_AIRED[0]]).fetchone()[0]
        topics = conn.execute("SELECT count(*) FROM article_topics WHERE article_id = ?", [re_aired]).fetchone()[0]
        per_day = dict(conn.execute("SELECT day, sum(articles) FROM topic_day_counts GROUP BY day").fetchall())
        assert topics > 0 and per_day == {date(2025, 3, 8): topics, date(2025, 3, 10): topics}
        places = conn.execute(
            "SELECT day, count(*) FROM entity_day_counts WHERE entity_id IN (SELECT entity_id FROM entity_mentions "
            "WHERE article_id = ?) GROUP BY day ORDER BY day",
            [re_aired],
        ).fetchall()
        assert [day for day, _ in places] == [date(2025, 3, 8), date(2025, 3, 10)]
        assert places[0][1] == places[1][1] > 0
