"""Full-text search: index terms, incremental index maintenance, the search_articles macro, the asset."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipelines.search.terms import TITLE_WEIGHT, document_terms, index_frames, uncut_text
from pipelines.warehouse.connection import is_write_conflict, warehouse
from pipelines.warehouse.load_search import POSTINGS_DDL, TERMS_DDL, compact_index, index_articles
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import SQL_DIR, sql


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


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a teaser cut inside a word: the cut-off last word goes with the cut mark
        ("各地全力做好新冠肺...", "各地全力做好"),
        # cut at a sentence end: nothing but the mark goes
        ("会议今天开幕。...", "会议今天开幕。"),
        # other cut marks
        ("会议今天开幕…", "会议今天"),
        # no cut mark: the body as it is
        ("会议今天开幕", "会议今天开幕"),
    ],
)
def test_uncut_text_drops_the_word_a_teaser_cut_went_through(body: str, expected: str) -> None:
    assert uncut_text(body) == expected


def test_a_teasers_cut_off_word_is_no_index_term() -> None:
    # issue 25: 新冠肺 from a cut 新冠肺炎疫情 became a term and took 新冠肺 out of queries for 新冠肺炎
    assert "新冠肺" in document_terms("疫情防控", "各地全力做好新冠肺...", "full")  # what indexing it whole gave
    assert "新冠肺" not in document_terms("疫情防控", "各地全力做好新冠肺...", "teaser")


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
            "VALUES (?, ?, ?, ?, 'reference', ?, 'test')",
            [a["article_id"], a["title"], a["body"], a.get("kind", "brief"), len(a["title"]) + len(a["body"])],
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
            "a1",
            "a2",
            "a4",
        ]
        assert _df_mismatches(conn) == []
        assert conn.execute("SELECT df FROM search_terms WHERE term = '股市'").fetchone() == (0,)
        assert _search(conn, "股市") == []
        # max_results bounds the ranked list before titles are fetched
        assert len(conn.execute("SELECT * FROM search_articles('南海', max_results := 1)").fetchall()) == 1


def test_compaction_sorts_postings_and_terms_and_keeps_them(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _insert_articles(conn, ARTICLES)
        for article in ARTICLES:  # three appends interleave term ranges
            index_articles(conn, *index_frames([article]))
        before = sorted(conn.execute("SELECT * FROM search_postings").fetchall())
        terms_before = sorted(conn.execute("SELECT * FROM search_terms").fetchall())
        assert conn.execute("SELECT term FROM search_terms ORDER BY rowid").fetchall() != sorted(terms_before)
        compact_index(conn)
        after = conn.execute("SELECT * FROM search_postings ORDER BY rowid").fetchall()
        assert sorted(after) == before and after == sorted(after)
        # the vocabulary too: the same rows, now in term order
        terms_after = conn.execute("SELECT * FROM search_terms ORDER BY rowid").fetchall()
        assert sorted(terms_after) == terms_before and terms_after == sorted(terms_after)
        assert conn.execute(sql("checks/search_postings_unsorted")).fetchall() == []


def _definition(conn, table: str) -> list[tuple]:
    comment = "SELECT comment FROM duckdb_tables() WHERE table_name = ?"
    columns = (
        "SELECT column_name, data_type, is_nullable, comment FROM duckdb_columns() "
        "WHERE table_name = ? ORDER BY column_index"
    )
    return conn.execute(comment, [table]).fetchall() + conn.execute(columns, [table]).fetchall()


@pytest.mark.parametrize(
    ("table", "ddl"),
    [
        # the postings: set aside, dropped and re-created by the daily compaction
        ("search_postings", POSTINGS_DDL),
        # the vocabulary: the same
        ("search_terms", TERMS_DDL),
    ],
)
def test_compaction_recreates_the_table_exactly_as_the_migrations_left_it(tmp_path: Path, table: str, ddl: str) -> None:
    # The compaction drops the table and re-creates it from its DDL file: that file must stay the only one that
    # defines or alters the table, or the daily compaction would quietly undo a later migration.
    defining = [
        path.name
        for path in sorted((SQL_DIR / "schema").glob("*.sql"))
        if re.search(rf"(CREATE TABLE IF NOT EXISTS|ALTER TABLE) {table}\b", path.read_text(encoding="utf-8"))
    ]
    assert defining == [ddl.split("/")[1] + ".sql"]
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _insert_articles(conn, ARTICLES)
        index_articles(conn, *index_frames(ARTICLES))
        before = _definition(conn, table)
        assert before and all(row[-1] for row in before)  # the table and every column are described
        compact_index(conn)
        assert _definition(conn, table) == before


def test_a_postings_insert_beside_the_compaction_conflicts_and_is_retried(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with warehouse(path) as conn:
        migrate(conn)
        _insert_articles(conn, ARTICLES)
        index_articles(conn, *index_frames(ARTICLES[:2]))
    with warehouse(path) as step, warehouse(path) as daily:
        step.execute("BEGIN TRANSACTION")
        step.execute("INSERT INTO search_postings VALUES (999, 999, 1, 1)")
        compact_index(daily)  # commits first: the table the step began inserting into is gone
        with pytest.raises(duckdb.Error) as error:
            step.execute("COMMIT")
        # the per-dump steps retry a batch on a write conflict (connection.retrying): this is one
        assert is_write_conflict(error.value)
        step.execute("INSERT INTO search_postings VALUES (999, 999, 1, 1)")  # the retry lands in the new table
        assert step.execute("SELECT count(*) FROM search_postings WHERE term_id = 999").fetchone() == (1,)


# A full report and a teaser of another story on one subject: BM25's length normalisation favours the short teaser.
FULL_REPORT = {
    "article_id": "f1",
    "kind": "full",
    "title": "江临港口货运量创新高",
    "body": "江临港今年前十个月完成货物吞吐量两亿吨,同比增长百分之十二。港口集团介绍,新建的集装箱码头投入使用后,"
    "航线增加到八十条,集装箱吞吐量增长明显。港口还开通了三条海铁联运班列,内陆货源持续增加。",
}
OTHER_TEASER = {
    "article_id": "t2",
    "kind": "teaser",
    "title": "江临港口新码头投用",
    "body": "江临港口新建集装箱码头今天投入使用,港口货运...",
}
OWN_TEASER = {
    "article_id": "t1",
    "kind": "teaser",
    "title": "江临港口货运量创新高",
    "body": "江临港今年前十个月完成货物吞吐量两亿吨,同比增长百分之十二。港口集团...",
}


def test_teasers_rank_below_full_reports_and_collapse_into_their_own(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        articles = [FULL_REPORT, OTHER_TEASER, OWN_TEASER]
        _insert_articles(conn, articles)
        index_articles(conn, *index_frames(articles))
        ranked = lambda weight: [
            r[0]
            for r in conn.execute(
                "SELECT article_id FROM search_articles('港口', teaser_weight := ?)", [weight]
            ).fetchall()
        ]
        # by BM25 alone the short teasers come first ...
        assert ranked(1.0)[0] in ("t1", "t2")
        # ... by default a teaser's score is weighted down, so the full report leads
        default = [r[0] for r in conn.execute("SELECT article_id FROM search_articles('港口')").fetchall()]
        assert default[0] == "f1"
        # a teaser linked to its full article (story_links, teaser_of) is that article: one hit, the full text
        conn.execute(
            "INSERT INTO story_links (article_id, other_id, relation, similarity, stories_version) "
            "VALUES ('t1', 'f1', 'teaser_of', 0.5, 'test')"
        )
        assert sorted(ranked(1.0)) == ["f1", "t2"] and sorted(ranked(0.8)) == ["f1", "t2"]


def _index_as_the_step_does(conn, article_ids: list[str]) -> None:
    batch = conn.execute(sql("load/articles_by_id"), {"article_ids": article_ids})
    columns = [c[0] for c in batch.description]
    index_articles(conn, *index_frames([dict(zip(columns, row)) for row in batch.fetchall()]))


def _index_problems(conn, article_ids: list[str]) -> list[tuple]:
    return [r[1:] for r in conn.execute(sql("checks/articles_not_indexed"), {"article_ids": article_ids}).fetchall()]


def test_a_teaser_hit_shows_its_full_report_even_one_ranked_below_the_cut(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _insert_articles(conn, [FULL_REPORT, OWN_TEASER])
        _index_as_the_step_does(conn, ["f1", "t1"])
        best = "SELECT article_id, kind, title FROM search_articles('港口', max_results := 1, teaser_weight := 1.0)"
        # by BM25 alone only the teaser makes the cut of one hit
        assert conn.execute(best).fetchall() == [("t1", "teaser", OWN_TEASER["title"])]
        link = (
            "INSERT INTO story_links (article_id, other_id, relation, similarity, stories_version) "
            "VALUES ('t1', ?, 'teaser_of', 0.5, 'test')"
        )
        # linked to an article that is not indexed (yet), the teaser cannot be shown as it: the teaser stays
        conn.execute(link, ["a0"])
        assert conn.execute(best).fetchall() == [("t1", "teaser", OWN_TEASER["title"])]
        # linked to its indexed full report too, the hit is that report, shown from the report's own index row
        conn.execute(link, ["f1"])
        assert conn.execute(best).fetchall() == [("f1", "full", FULL_REPORT["title"])]


def test_the_index_row_shows_the_article_and_the_check_finds_stale_or_missing_rows(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _insert_articles(conn, [FULL_REPORT, OTHER_TEASER])
        conn.execute("UPDATE articles SET published_on = DATE '2024-05-06', source = '中新网' WHERE article_id = 'f1'")
        _index_as_the_step_does(conn, ["f1", "t2"])
        hit = "SELECT article_id, published_on, source, kind, title FROM search_articles('货运量')"
        assert [tuple(map(str, r)) for r in conn.execute(hit).fetchall()] == [
            ("f1", "2024-05-06", "中新网", "full", FULL_REPORT["title"])
        ]
        assert _index_problems(conn, ["f1", "t2"]) == []
        # an article row rewritten without its dump's search step running again: its index row is out of date
        conn.execute("UPDATE articles SET title = '新标题' WHERE article_id = 'f1'")
        assert _index_problems(conn, ["f1", "t2"]) == [("f1", "index row out of date")]
        # ... and one never indexed is named as such
        conn.execute("DELETE FROM search_documents WHERE article_id = 't2'")
        assert sorted(_index_problems(conn, ["f1", "t2"])) == [("f1", "index row out of date"), ("t2", "not indexed")]


def test_migration_170_fills_the_shown_columns_of_an_existing_index(tmp_path: Path) -> None:
    with warehouse(tmp_path / "w.duckdb") as conn:
        migrate(conn)
        _insert_articles(conn, [FULL_REPORT, OTHER_TEASER])
        conn.execute("UPDATE articles SET published_on = DATE '2024-05-06', source = '中新网'")
        _index_as_the_step_does(conn, ["f1", "t2"])
        # as an index written before migration 170: no shown columns
        for column in ("title", "kind", "published_on", "source"):
            conn.execute(f"ALTER TABLE search_documents DROP COLUMN {column}")
        conn.execute("DELETE FROM schema_migrations WHERE version = 170")
        assert migrate(conn) == ["170_search_documents_display.sql"]
        assert _index_problems(conn, ["f1", "t2"]) == []
        assert conn.execute("SELECT count(*) FROM search_documents WHERE title IS NULL").fetchone()[0] == 0
