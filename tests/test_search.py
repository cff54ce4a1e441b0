"""Full-text search: index terms, incremental index maintenance, the search_articles macro, the asset."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.search.terms import TITLE_WEIGHT, document_terms, index_frames
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_search import compact_postings, index_articles
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import sql


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # a title word counts TITLE_WEIGHT times, a body word once
        ("台风登陆", "台风", {"台风": TITLE_WEIGHT + 1, "登陆": TITLE_WEIGHT}),
        # search mode: the compound and the words inside it are all terms
        ("", "南海舰队", {"南海": 1, "舰队": 1, "南海舰队": 1}),
        # full-width letters are NFKC-normalised and lower-cased; punctuation and stopwords are dropped
        ("", "ＧＤＰ，的", {"gdp": 1}),
        # nothing indexable
        ("", "。。。", {}),
    ],
)
def test_document_terms(title: str, body: str, expected: dict[str, int]) -> None:
    assert dict(document_terms(title, body)) == expected


ARTICLES = [
    {"article_id": "a1", "title": "台风登陆海南", "body": "超强台风在南海生成，海南启动应急响应。"},
    {"article_id": "a2", "title": "南海渔业丰收", "body": "南海渔民出海捕捞，今年渔获增长。"},
    {"article_id": "a3", "title": "股市上涨", "body": "沪深股市今天全线上涨，成交量放大。"},
    {"article_id": "a4", "title": "北方出现雾霾天气", "body": "空气质量下降。"},
]


def _insert_articles(conn, articles: list[dict]) -> None:
    for a in articles:
        conn.execute(
            "INSERT INTO articles (article_id, title, body, kind, published_on_method, char_count, extractor_version) "
            "VALUES (?, ?, ?, 'brief', 'reference', ?, 'test')",
            [a["article_id"], a["title"], a["body"], len(a["title"]) + len(a["body"])],
        )


def _df_mismatches(conn) -> list[tuple]:
    return conn.execute(
        "SELECT t.term, t.df, count(p.doc_no) FROM search_terms t LEFT JOIN search_postings p USING (term_id) "
        "GROUP BY ALL HAVING t.df <> count(p.doc_no)"
    ).fetchall()


def _search(conn, query: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT article_id FROM search_articles(?)", [query]).fetchall()]


def test_index_is_incremental_and_ranked(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _insert_articles(conn, ARTICLES)
        index_articles(conn, *index_frames(ARTICLES[:2]))  # two loads, as two dumps would
        index_articles(conn, *index_frames(ARTICLES[2:]))
        assert _df_mismatches(conn) == []
        # both words in a1 (台风 in its title); a2 has only 南海; a3 neither
        assert _search(conn, "台风 南海") == ["a1", "a2"]
        # an unsegmented phrase is split against the vocabulary: same terms, same ranking
        assert _search(conn, "台风南海") == ["a1", "a2"]
        assert _search(conn, "股市") == ["a3"]
        # jieba's dictionary lacks 雾霾 (indexed as 雾, 霾): the query falls back to its single characters
        assert _search(conn, "雾霾") == ["a4"]
        assert _search(conn, "不存在的词") == []
        # re-indexing an article replaces its rows; an article deleted from `articles` leaves the index
        postings = conn.execute("SELECT count(*) FROM search_postings").fetchone()[0]
        conn.execute("DELETE FROM articles WHERE article_id = 'a3'")
        index_articles(conn, *index_frames(ARTICLES[:1]))
        assert conn.execute("SELECT count(*) FROM search_postings").fetchone()[0] < postings
        assert sorted(r[0] for r in conn.execute("SELECT article_id FROM search_documents").fetchall()) == [
            "a1", "a2", "a4"]
        assert _df_mismatches(conn) == []
        assert conn.execute("SELECT df FROM search_terms WHERE term = '股市'").fetchone() == (0,)
        assert _search(conn, "股市") == []
        # max_results bounds the ranked list before titles are fetched
        assert len(conn.execute("SELECT * FROM search_articles('南海', max_results := 1)").fetchall()) == 1


def test_compaction_sorts_postings_and_keeps_them(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _insert_articles(conn, ARTICLES)
        for article in ARTICLES:  # three appends interleave term ranges
            index_articles(conn, *index_frames([article]))
        before = sorted(conn.execute("SELECT * FROM search_postings").fetchall())
        compact_postings(conn)
        after = conn.execute("SELECT * FROM search_postings ORDER BY rowid").fetchall()
        assert sorted(after) == before and after == sorted(after)
        assert conn.execute(sql("checks/search_postings_unsorted")).fetchall() == []

