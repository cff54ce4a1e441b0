"""One-character place abbreviations (entities, migration 091) stay out of what quotes, tone and threads read,
as they stay out of the rankings: those steps were built and measured before such mentions existed.

All article text here is invented for the tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipelines.warehouse.aggregates import refresh_tone_days
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_quotes import mentions_of_articles
from pipelines.warehouse.migrate import migrate

TEXT = "中美两国元首会谈,美国总统表示满意。"


def _load(conn) -> None:
    conn.execute(
        "INSERT INTO articles (article_id, title, body, kind, published_on, published_on_method, char_count,"
        " extractor_version) VALUES ('a1', 't', ?, 'full', ?, 'reference', ?, 'test')",
        [TEXT, date(2025, 3, 1), len(TEXT) + 1],
    )
    for entity_id, name in (("e1", "中国"), ("e2", "美国")):
        conn.execute(
            "INSERT INTO entities (entity_id, type, name, canonical_key, extractor_version)"
            " VALUES (?, 'LOC', ?, ?, 't')",
            [entity_id, name, name],
        )
    # 中 and 美 of 中美: abbreviations; 美国 later in the sentence: a model mention
    for entity_id, surface, start, method in (
        ("e1", "中", 0, "abbreviation"),
        ("e2", "美", 1, "abbreviation"),
        ("e2", "美国", 9, "model"),
    ):
        conn.execute(
            'INSERT INTO entity_mentions (article_id, entity_id, type, surface, start, "end", method,'
            " extractor_version) VALUES ('a1', ?, 'LOC', ?, ?, ?, ?, 't')",
            [entity_id, surface, start, start + len(surface), method],
        )
    conn.execute("INSERT INTO sentence_tone VALUES ('a1', 0, ?, 1.0, 0.0, 1.0, 'test')", [len(TEXT)])
    # The loaders recompute the tone aggregate the views read (entity_tone_day) in their transaction: rows written
    # by hand need the same.
    refresh_tone_days(conn, ["a1"])


def test_quotes_and_tone_read_no_abbreviation(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _load(conn)
        # the speaker and tone steps see only the model mention
        assert [m.surface for m in mentions_of_articles(conn, ["a1"])["a1"]] == ["美国"]
        # China is mentioned only as 中: no tone row; the United States once, through 美国
        rows = conn.execute("SELECT name, sentences FROM entity_tone_daily ORDER BY name").fetchall()
        assert rows == [("美国", 1)]
