"""The day aggregates (entity_day_counts, topic_day_counts, entity_tone_day) stay equal to a full GROUP BY through
loads, re-loads, changed, re-dated and removed dumps; the views and examples that read them answer as the scans did."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from pipelines.extract.entities import extract_entities
from pipelines.ingest.dump import ingest_dump
from pipelines.tone.batch import tone_frames
from pipelines.topics.assign import classify_articles, iptc_topics_frame
from pipelines.warehouse import aggregates as aggregates_module
from pipelines.warehouse.aggregates import moved_or_removed_days
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_articles import load_dumps
from pipelines.warehouse.load_extractions import article_batches, article_ids_of_files, load_entities, load_iptc_topics
from pipelines.warehouse.load_quotes import load_tone, mention_starts_of_articles
from pipelines.warehouse.migrate import migrate
from tests.conftest import SAMPLE_LANDING

EXAMPLES = Path(__file__).resolve().parent.parent / "sql" / "examples"
STORY = "m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')"

# Full recomputations: what the aggregates must always equal (scores rounded: float sums may differ in order).
# Days are airing days (issue 25): every day one of an article's occurrences was published.
AIRINGS = """(SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
              FROM articles a LEFT JOIN article_occurrences o USING (article_id))"""
ENTITY_FULL = f"""
SELECT m.entity_id, w.day, count(*), count(DISTINCT m.article_id)
FROM entity_mentions m JOIN {AIRINGS} w USING (article_id) WHERE {STORY} GROUP BY ALL ORDER BY ALL"""
ENTITY_AGG = "SELECT entity_id, day, mentions, articles FROM entity_day_counts ORDER BY ALL"
TOPIC_FULL = f"""
SELECT tp.topic_id, w.day, count(*), round(sum(tp.score), 9)
FROM article_topics tp JOIN {AIRINGS} w USING (article_id) GROUP BY ALL ORDER BY ALL"""
TOPIC_AGG = "SELECT topic_id, day, articles, round(score_sum, 9) FROM topic_day_counts ORDER BY ALL"
# entity_tone_day: the query entity_tone_daily ran before the table (migration 160), without the entity columns.
# Days are articles.published_on, not airings.
MENTION_SENTENCES = f"""(
    SELECT DISTINCT m.entity_id, s.article_id, s.start, s.positive, s.negative, s.polarity
    FROM entity_mentions m ASOF JOIN sentence_tone s ON s.article_id = m.article_id AND m.start >= s.start
    WHERE {STORY} AND m.start < s."end")"""
TONE_FULL = f"""
SELECT x.entity_id, a.published_on, count(*), count(DISTINCT x.article_id), round(sum(x.positive), 9),
       round(sum(x.negative), 9)
FROM {MENTION_SENTENCES} x JOIN articles a USING (article_id) WHERE a.published_on IS NOT NULL
GROUP BY ALL ORDER BY ALL"""
TONE_AGG = """SELECT entity_id, day, sentences, articles, round(positive, 9), round(negative, 9)
FROM entity_tone_day ORDER BY ALL"""

# The view and example definitions from before the aggregates, scanning the base tables.
SCANS = {
    "entity_mentions_daily": f"""
        SELECT a.published_on AS day, m.entity_id, e.type, e.name, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
        FROM entity_mentions m JOIN articles a USING (article_id) JOIN entities e USING (entity_id)
        WHERE {STORY} GROUP BY ALL""",
    "entity_mentions_weekly": f"""
        SELECT CAST(date_trunc('week', a.published_on) AS DATE) AS week, m.entity_id, e.type, e.name,
               count(*) AS mentions, count(DISTINCT m.article_id) AS articles
        FROM entity_mentions m JOIN articles a USING (article_id) JOIN entities e USING (entity_id)
        WHERE {STORY} GROUP BY ALL""",
    "entity_mentions_monthly": f"""
        SELECT CAST(date_trunc('month', a.published_on) AS DATE) AS month, m.entity_id, e.type, e.name,
               count(*) AS mentions, count(DISTINCT m.article_id) AS articles
        FROM entity_mentions m JOIN articles a USING (article_id) JOIN entities e USING (entity_id)
        WHERE {STORY} GROUP BY ALL""",
    "top_entities": f"""
        SELECT e.type, e.name, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
        FROM entity_mentions m JOIN entities e USING (entity_id)
        WHERE {STORY} GROUP BY ALL ORDER BY mentions DESC, e.name LIMIT 10""",
    "places_geo": f"""
        SELECT e.entity_id, e.name, e.country_code, e.adcode, e.province, e.city, e.county, e.geo_level,
               e.longitude, e.latitude, count(m.article_id) AS mentions, count(DISTINCT m.article_id) AS articles
        FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.entity_id AND {STORY}
        WHERE e.type = 'LOC' GROUP BY ALL""",
    "article_bytes": """
        SELECT p.article_id, p.file_key, p.record_no, p.byte_start, p.byte_end, a.title
        FROM article_provenance p JOIN articles a USING (article_id) ORDER BY p.file_key, p.record_no LIMIT 10""",
    "sample_articles": """
        SELECT a.article_id, a.published_on, a.kind, a.source, a.title, d.file_key, o.byte_start, o.byte_end
        FROM articles a JOIN article_occurrences o USING (article_id)
        JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded' ORDER BY d.file_key, o.record_no LIMIT 8""",
    "topic_counts": """
        SELECT t.label, t.label_zh, count(*) AS articles
        FROM article_topics tp JOIN topics t USING (topic_id) WHERE t.taxonomy = 'iptc'
        GROUP BY ALL ORDER BY articles DESC, t.label LIMIT 17""",
    "entity_tone_daily": f"""
        SELECT a.published_on AS day, x.entity_id, e.type, e.name, e.geo_level, e.country_code,
               count(*) AS sentences, count(DISTINCT x.article_id) AS articles,
               round(sum(x.positive), 9) AS positive, round(sum(x.negative), 9) AS negative,
               round(CASE WHEN sum(x.positive) + sum(x.negative) > 0
                     THEN (sum(x.positive) - sum(x.negative)) / (sum(x.positive) + sum(x.negative)) ELSE 0 END, 9)
                   AS polarity
        FROM {MENTION_SENTENCES} x JOIN articles a USING (article_id) JOIN entities e USING (entity_id)
        WHERE a.published_on IS NOT NULL GROUP BY ALL""",
    "topic_daily": """
        WITH calendar AS (
            SELECT CAST(unnest(generate_series(min(published_on), max(published_on), INTERVAL 1 DAY)) AS DATE) AS day FROM articles
        ), counts AS (
            SELECT a.published_on AS day, tp.topic_id, count(DISTINCT tp.article_id) AS articles, avg(tp.score) AS mean_score
            FROM article_topics tp JOIN articles a USING (article_id) GROUP BY ALL
        )
        SELECT c.day, t.taxonomy, t.topic_id, t.code, t.label, t.label_zh, coalesce(n.articles, 0) AS articles,
               round(n.mean_score, 9) AS mean_score
        FROM calendar c CROSS JOIN (SELECT * FROM topics WHERE taxonomy = 'iptc') t
        LEFT JOIN counts n ON n.day = c.day AND n.topic_id = t.topic_id""",
}
NOW = {
    "entity_mentions_daily": "SELECT * FROM entity_mentions_daily",
    "entity_mentions_weekly": "SELECT * FROM entity_mentions_weekly",
    "entity_mentions_monthly": "SELECT * FROM entity_mentions_monthly",
    "places_geo": "SELECT * FROM places_geo",
    **{
        name: (EXAMPLES / f"{name}.sql").read_text(encoding="utf-8").strip().rstrip(";")
        for name in ("top_entities", "topic_counts", "article_bytes", "sample_articles")
    },
    "topic_daily": "SELECT * REPLACE (round(mean_score, 9) AS mean_score) FROM topic_daily WHERE taxonomy = 'iptc'",
    "entity_tone_daily": "SELECT * REPLACE (round(positive, 9) AS positive, round(negative, 9) AS negative, "
    "round(polarity, 9) AS polarity) FROM entity_tone_daily",
}


@pytest.fixture
def conn(tmp_path: Path):
    with warehouse(tmp_path / "w.duckdb") as connection:
        migrate(connection)
        yield connection


def load(conn, folder: Path, *names: str) -> None:
    load_dumps(conn, [ingest_dump(folder / n, n, reference_override=None, max_record_chars=200_000) for n in names])


def extract(conn, *names: str) -> None:
    """The per-dump entity, IPTC and tone steps, as the assets run them."""
    ids = article_ids_of_files(conn, list(names))
    articles = [article for batch in article_batches(conn, ids, len(ids) or 1) for article in batch]
    load_entities(conn, ids, extract_entities(articles))
    load_iptc_topics(conn, ids, iptc_topics_frame(), classify_articles(articles))
    load_tone(conn, ids, *tone_frames(articles, mention_starts_of_articles(conn, ids)))


def aggregates(conn) -> tuple[list, list, list]:
    return conn.execute(ENTITY_AGG).fetchall(), conn.execute(TOPIC_AGG).fetchall(), conn.execute(TONE_AGG).fetchall()


def assert_equal_to_full_recomputation(conn) -> None:
    entities, topics, tone = aggregates(conn)
    assert entities == conn.execute(ENTITY_FULL).fetchall()
    assert topics == conn.execute(TOPIC_FULL).fetchall()
    assert tone == conn.execute(TONE_FULL).fetchall()


def test_aggregates_follow_loads_reloads_changes_and_removals(conn, landing: Path) -> None:
    names = sorted(p.name for p in landing.iterdir())
    load(conn, landing, *names)
    extract(conn, *names)
    assert_equal_to_full_recomputation(conn)
    first = aggregates(conn)
    days = {r[1] for r in first[0]}
    assert len(first[0]) > 20 and len(first[1]) > 3 and len(days) >= 2  # the sample spans several days
    assert len({r[1] for r in first[2]}) >= 2  # tone on several days too

    # Re-running the same dumps (one, then all in another order) leaves identical rows.
    load(conn, landing, names[0])
    extract(conn, names[0])
    load(conn, landing, *reversed(names))
    extract(conn, *reversed(names))
    assert aggregates(conn) == first

    # A changed dump: its first record goes (that article is orphaned and deleted with its mentions) ...
    path = landing / "2025-07-17_wire.txt"
    records = path.read_text(encoding="utf-8").split("\n-\n")
    assert len(records) > 1
    path.write_text("\n-\n".join(records[1:]), encoding="utf-8")
    load(conn, landing, path.name)
    assert_equal_to_full_recomputation(conn)  # before the extraction steps run again
    extract(conn, path.name)
    assert_equal_to_full_recomputation(conn)
    assert aggregates(conn) != first

    # ... a removed dump takes its articles' counts with it ...
    gone = landing / "2025-07-19_evening.txt.gz"
    gone.unlink()
    load(conn, landing, gone.name)
    assert_equal_to_full_recomputation(conn)

    # ... and restoring every file brings back exactly the first counts.
    path.write_text("\n-\n".join(records), encoding="utf-8")
    (landing / gone.name).write_bytes((SAMPLE_LANDING / gone.name).read_bytes())
    load(conn, landing, *names)
    extract(conn, *names)
    assert aggregates(conn) == first


@pytest.mark.parametrize(
    "days_per_statement",
    [
        1,  # one statement per day: the undated rows must come with the first only, never twice or not at all
        2,  # chunks that split the sample's days unevenly
    ],
)
def test_days_recomputed_a_few_at_a_time_equal_a_full_recomputation(
    conn, landing: Path, monkeypatch, days_per_statement: int
) -> None:
    monkeypatch.setattr(aggregates_module, "DAYS_PER_STATEMENT", days_per_statement)
    names = sorted(p.name for p in landing.iterdir())
    load(conn, landing, *names)
    extract(conn, *names)
    assert len({r[1] for r in aggregates(conn)[0]}) > days_per_statement + 1  # more days than one chunk holds
    assert_equal_to_full_recomputation(conn)


def test_a_migrated_warehouse_builds_the_aggregates_from_its_rows(conn, landing: Path) -> None:
    names = sorted(p.name for p in landing.iterdir())
    load(conn, landing, *names)
    extract(conn, *names)
    first = aggregates(conn)
    # As a warehouse from before migration 045 would be: rows in the base tables, no aggregates yet.
    conn.execute("DROP TABLE entity_day_counts").fetchall()
    conn.execute("DROP TABLE topic_day_counts").fetchall()
    conn.execute("DROP TABLE entity_tone_day").fetchall()  # and one from before migration 160
    conn.execute("DELETE FROM schema_migrations WHERE version IN (45, 46, 160)").fetchall()
    assert migrate(conn) == ["045_entity_day_counts.sql", "046_topic_day_counts.sql", "160_entity_tone_day.sql"]
    assert aggregates(conn) == first


def test_mentions_rewritten_under_the_old_sentence_tone_move_the_tone_rows(conn, landing: Path) -> None:
    names = sorted(p.name for p in landing.iterdir())
    load(conn, landing, *names)
    extract(conn, *names)
    first = aggregates(conn)
    # The entity step re-run (say a new model) finds every name but the most mentioned one, before the tone step
    # runs again: the sentences keep their tone, the entity's tone rows must go with its mentions.
    ids = article_ids_of_files(conn, names)
    articles = [article for batch in article_batches(conn, ids, len(ids)) for article in batch]
    frames = extract_entities(articles)
    dropped = max(first[2], key=lambda r: (r[2], r[0]))[0]  # the entity with the most sentences on a day
    load_entities(conn, ids, replace(frames, mentions=frames.mentions.filter(pl.col("entity_id") != dropped)))
    assert_equal_to_full_recomputation(conn)
    assert dropped not in {r[0] for r in aggregates(conn)[2]}
    load_entities(conn, ids, frames)  # and found again
    assert aggregates(conn) == first


def test_a_redated_article_takes_its_tone_to_its_new_day(conn, landing: Path) -> None:
    names = sorted(p.name for p in landing.iterdir())
    load(conn, landing, *names)
    extract(conn, *names)
    first = aggregates(conn)
    # entity_tone_day counts articles.published_on, which only a newer parser rewrites (an article already loaded
    # keeps its row): make one article look parsed by an older version that dated it otherwise.
    article_id, day, name = conn.execute(
        "SELECT s.article_id, a.published_on, min(d.file_key) FROM sentence_tone s JOIN articles a USING (article_id)"
        " JOIN article_occurrences o USING (article_id) JOIN dumps d USING (dump_id)"
        " WHERE a.published_on IS NOT NULL GROUP BY ALL ORDER BY ALL LIMIT 1"
    ).fetchone()
    old_day = date(2001, 1, 1)
    conn.execute(
        "UPDATE articles SET published_on = ?, extractor_version = 'older' WHERE article_id = ?", [old_day, article_id]
    ).fetchall()
    aggregates_module.refresh_days(conn, {day, old_day}, (aggregates_module.TONE_DAYS,))
    assert_equal_to_full_recomputation(conn)
    assert old_day in {r[1] for r in aggregates(conn)[2]}
    # Loading its dump again with the current parser re-dates it: its tone leaves the old day for its own.
    load(conn, landing, name)
    assert_equal_to_full_recomputation(conn)
    assert aggregates(conn) == first


def test_views_and_examples_answer_as_the_scans_did(conn, landing: Path) -> None:
    names = sorted(p.name for p in landing.iterdir())
    load(conn, landing, *names)
    extract(conn, *names)
    for name, scan in SCANS.items():
        ordered = "SELECT * FROM ({}) ORDER BY ALL"
        expected = conn.execute(ordered.format(scan)).fetchall()
        assert expected, name  # a comparison of two empty answers would prove nothing
        assert conn.execute(ordered.format(NOW[name])).fetchall() == expected, name
        kinds = [d[1] for d in conn.execute(NOW[name]).description]
        assert kinds == [d[1] for d in conn.execute(scan).description], name  # same column types


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # nothing changed: no day to recompute
        ({"a": {date(2020, 1, 1)}}, {"a": {date(2020, 1, 1)}}, set()),
        # an article deleted: its day
        ({"a": {date(2020, 1, 1)}, "b": {date(2020, 1, 2)}}, {"b": {date(2020, 1, 2)}}, {date(2020, 1, 1)}),
        # an article re-dated (a newer parser): its old and new day
        ({"a": {date(2020, 1, 1)}}, {"a": {date(2020, 1, 3)}}, {date(2020, 1, 1), date(2020, 1, 3)}),
        # an article re-aired (a dump with it on another day loaded): the new day only
        ({"a": {date(2020, 1, 1)}}, {"a": {date(2020, 1, 1), date(2021, 5, 4)}}, {date(2021, 5, 4)}),
        # a re-aired article deleted: every day it had
        ({"a": {date(2020, 1, 1), date(2021, 5, 4)}}, {}, {date(2020, 1, 1), date(2021, 5, 4)}),
        # an undated article deleted: the undated bucket (None)
        ({"a": {None}}, {}, {None}),
        # a new article: no mentions or topics yet, nothing to recompute
        ({}, {"a": {date(2020, 1, 1)}}, set()),
    ],
)
def test_days_to_recompute(before, after, expected) -> None:
    frozen = lambda days: {k: frozenset(v) for k, v in days.items()}
    assert moved_or_removed_days(frozen(before), frozen(after)) == expected
