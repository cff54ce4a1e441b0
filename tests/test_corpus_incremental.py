"""Incremental corpus assets on a real DuckDB file: keywords of new articles, document frequencies, theme runs."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.assets.corpus import article_keywords, discovered_themes
from pipelines.defs.resources import WarehouseResource
from pipelines.orchestration.runner import QUIET
from pipelines.topics.assign import KEYWORDS_PER_ARTICLE, KEYWORDS_VERSION, tokenize_article
from pipelines.topics.keywords import KeywordExtractor
from pipelines.topics.terms import TOKENIZER_VERSION, article_text, candidates, term_specificity
from pipelines.topics.themes import needs_refit
from pipelines.topics.worthiness import min_worthiness, term_worthiness
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.corpus import insert_new_keywords, update_article_terms
from pipelines.warehouse.migrate import migrate

# Invented articles on a few subjects, so that document frequencies differ between terms.
ARTICLES = [
    ("国足主场战胜泰国队", "国足在主场以二比零战胜泰国队,球队主教练赛后表示球员表现出色。"),
    ("央行下调存款准备金率", "中国人民银行宣布下调存款准备金率,释放长期资金支持实体经济,股市随后上涨。"),
    ("中央气象台发布高温预警", "中央气象台发布高温橙色预警,多地最高气温超过四十度,提醒市民注意防暑降温。"),
    ("女排联赛决赛落幕", "女排联赛决赛在上海落幕,卫冕冠军再次夺冠,球队主教练感谢球迷支持。"),
    ("股市三大指数集体上涨", "沪深股市三大指数集体上涨,银行板块领涨,成交额超过一万亿元,资金流入明显。"),
    ("台风将登陆广东沿海", "今年第五号台风将于明天登陆广东沿海,气象台发布台风橙色预警,渔船回港避风。"),
    ("篮球联赛总决赛开打", "篮球联赛总决赛今晚开打,两支球队主教练都表示做好了准备,球迷期待精彩比赛。"),
    ("银行下调房贷利率", "多家银行下调首套房贷款利率,分析人士认为楼市和股市信心将逐步恢复。"),
]


def _ids(n: int) -> list[str]:
    return [f"a{i:03d}" for i in range(n)]


def _add_articles(conn, rows: list[tuple[str, str]], ids: list[str]) -> None:
    for article_id, (title, body) in zip(ids, rows):
        conn.execute(
            "INSERT INTO articles (article_id, title, body, kind, published_on, published_on_method, char_count,"
            " extractor_version) SELECT $id, $title, $body, 'full', DATE '2025-07-18', 'reference', $chars, 'test'"
            " WHERE $id NOT IN (SELECT article_id FROM articles)",
            {"id": article_id, "title": title, "body": body, "chars": len(title) + len(body)},
        ).fetchall()


def _keywords_step(conn, tokenizer_version: str = TOKENIZER_VERSION, batch_size: int = 3) -> tuple[int, int]:
    retired, tokenised = update_article_terms(conn, tokenizer_version, tokenize_article, batch_size)
    insert_new_keywords(conn, KEYWORDS_VERSION, KEYWORDS_PER_ARTICLE)
    return retired, tokenised


def _keywords(conn, article_id: str) -> list[tuple[str, float]]:
    return [
        (k, w)
        for k, w in conn.execute(
            "SELECT keyword, weight FROM article_keywords WHERE article_id = $id ORDER BY rank", {"id": article_id}
        ).fetchall()
    ]


def _expected_df(rows: list[tuple[str, str]]) -> dict[str, int]:
    df: Counter[str] = Counter()
    for title, body in rows:
        df.update(set(candidates(article_text(title, body))))
    return dict(df)


def _stored_df(conn) -> dict[str, int]:
    return dict(conn.execute("SELECT term, df FROM term_document_frequency").fetchall())


def _assert_keywords_match(actual: list[tuple[str, float]], expected: list[tuple[str, float]]) -> None:
    assert [k for k, _ in actual] == [k for k, _ in expected]
    assert all(abs(a - e) <= 1e-4 for (_, a), (_, e) in zip(actual, expected))


@pytest.fixture
def conn(tmp_path: Path):
    with warehouse(tmp_path / "corpus.duckdb") as connection:
        migrate(connection)
        yield connection


def test_keywords_of_new_articles_equal_a_full_recomputation(conn) -> None:
    first, second = ARTICLES[:5], ARTICLES[5:]
    _add_articles(conn, first, _ids(8)[:5])
    assert _keywords_step(conn) == (0, 5)
    _add_articles(conn, second, _ids(8)[5:])
    assert _keywords_step(conn) == (0, 3)  # only the new articles are tokenised

    full = KeywordExtractor().fit(article_text(t, b) for t, b in ARTICLES)
    for article_id, (title, body) in zip(_ids(8)[5:], second):
        _assert_keywords_match(_keywords(conn, article_id), full.top_keywords(article_text(title, body), k=10))
    # Earlier articles keep the keywords they got against the corpus of their day (not recomputed).
    early = KeywordExtractor().fit(article_text(t, b) for t, b in first)
    _assert_keywords_match(_keywords(conn, "a000"), early.top_keywords(article_text(*first[0]), k=10))
    assert _stored_df(conn) == _expected_df(ARTICLES)
    # the agreement covers the worthiness rule: a term both paths dropped for it (主场, worthiness 0.21)
    assert term_worthiness("主场") < min_worthiness() and "主场" in _stored_df(conn)
    assert conn.execute("SELECT count(*) FROM article_keywords WHERE keyword = '主场'").fetchone() == (0,)


def test_reloading_the_same_articles_does_not_double_count(conn) -> None:
    _add_articles(conn, ARTICLES, _ids(8))
    _keywords_step(conn)
    before = (_stored_df(conn), conn.execute("SELECT * FROM article_keywords ORDER BY ALL").fetchall())
    _add_articles(conn, ARTICLES, _ids(8))  # the same dump loaded again: same article ids
    assert _keywords_step(conn) == (0, 0)
    assert (_stored_df(conn), conn.execute("SELECT * FROM article_keywords ORDER BY ALL").fetchall()) == before


def test_deleted_articles_and_new_tokenizer_versions_leave_the_frequencies(conn) -> None:
    _add_articles(conn, ARTICLES, _ids(8))
    _keywords_step(conn)
    conn.execute("DELETE FROM articles WHERE article_id IN ('a001', 'a004')").fetchall()
    assert _keywords_step(conn) == (2, 0)
    kept = [a for i, a in enumerate(ARTICLES) if i not in (1, 4)]
    assert _stored_df(conn) == _expected_df(kept)
    assert conn.execute("SELECT count(*) FROM article_keywords WHERE article_id IN ('a001', 'a004')").fetchone() == (0,)
    # Another tokenizer version: every row is retired and tokenised again, still counted once.
    assert _keywords_step(conn, tokenizer_version="terms-test") == (6, 6)
    assert _stored_df(conn) == _expected_df(kept)
    assert conn.execute("SELECT DISTINCT tokenizer_version FROM article_terms").fetchall() == [("terms-test",)]


def test_every_term_gets_its_specificity_and_older_rows_are_filled(conn) -> None:
    _add_articles(conn, ARTICLES[:5], _ids(8)[:5])
    _keywords_step(conn)
    stored = dict(conn.execute("SELECT term, specificity FROM term_document_frequency").fetchall())
    assert stored and stored == {term: pytest.approx(term_specificity(term)) for term in stored}
    worthiness = dict(conn.execute("SELECT term, worthiness FROM term_document_frequency").fetchall())
    assert worthiness == {term: pytest.approx(term_worthiness(term)) for term in stored}
    # rows written before the specificity column existed (NULL) are filled by the next step, with the new terms
    conn.execute("UPDATE term_document_frequency SET specificity = NULL").fetchall()
    _add_articles(conn, ARTICLES[5:], _ids(8)[5:])
    _keywords_step(conn)
    assert conn.execute("SELECT count(*) FROM term_document_frequency WHERE specificity IS NULL").fetchone() == (0,)
    # ... and so are rows older than the worthiness column (migration 081)
    conn.execute("UPDATE term_document_frequency SET worthiness = NULL WHERE term = '主场'").fetchall()
    _keywords_step(conn)
    assert conn.execute("SELECT worthiness FROM term_document_frequency WHERE term = '主场'").fetchone()[
        0
    ] == pytest.approx(term_worthiness("主场"))


def test_keywords_of_another_model_version_are_recomputed_with_fresh_term_scores(conn) -> None:
    _add_articles(conn, ARTICLES, _ids(8))
    _keywords_step(conn)
    current = conn.execute("SELECT * FROM article_keywords ORDER BY ALL").fetchall()
    # a warehouse whose keywords and term scores came from older rules (another version, stale worthiness)
    conn.execute("UPDATE article_keywords SET model_version = 'keywords-old', weight = 0.5").fetchall()
    conn.execute("UPDATE term_document_frequency SET worthiness = 0.0, specificity = 0.9").fetchall()
    assert _keywords_step(conn) == (0, 0)  # nothing to tokenise: only the keyword rules changed
    assert conn.execute("SELECT * FROM article_keywords ORDER BY ALL").fetchall() == current
    worthiness = dict(conn.execute("SELECT term, worthiness FROM term_document_frequency").fetchall())
    assert worthiness == {term: pytest.approx(term_worthiness(term)) for term in worthiness}
    # the same version again retires nothing
    assert insert_new_keywords(conn, KEYWORDS_VERSION, KEYWORDS_PER_ARTICLE) == 0
    assert conn.execute("SELECT * FROM article_keywords ORDER BY ALL").fetchall() == current


@pytest.mark.parametrize(
    "created,last_corpus,corpus,expected",
    [
        (None, 0, 0, False),  # nothing to fit on
        (None, 0, 3, True),  # first run
        (0, 100, 120, False),  # grew by exactly the threshold: not more
        (0, 100, 121, True),  # grew by more than 20 %
        (6, 100, 100, False),  # six days old, no growth
        (7, 100, 100, True),  # a week old: refit even without growth
    ],
)
def test_needs_refit(created, last_corpus, corpus, expected) -> None:
    now = datetime(2026, 1, 10)
    last = None if created is None else now - timedelta(days=created)
    assert needs_refit(last, last_corpus, corpus, now, 0.2, timedelta(days=7)) is expected


def _materialize(instance, path: Path) -> dg.ExecuteInProcessResult:
    from pipelines.defs.resources import default_resources

    warehouse_resource = WarehouseResource(path=str(path))
    return dg.materialize(
        [article_keywords, discovered_themes],
        instance=instance,
        run_config=QUIET,
        resources={**default_resources(), "warehouse": warehouse_resource},
    )


def _theme_state(path: Path) -> dict[str, list[tuple]]:
    with warehouse(path, read_only=True, snapshot="latest") as conn:
        return {
            "runs": conn.execute(
                "SELECT model_version, run_no, corpus_articles FROM theme_runs ORDER BY run_no"
            ).fetchall(),
            "topics": conn.execute(
                "SELECT DISTINCT model_version FROM topics WHERE taxonomy = 'discovered' ORDER BY 1"
            ).fetchall(),
            "assigned": conn.execute(
                "SELECT DISTINCT model_version FROM article_topics WHERE topic_id NOT LIKE 'iptc:%' ORDER BY 1"
            ).fetchall(),
            "latest_example": conn.execute(
                "SELECT DISTINCT model_version FROM topics WHERE topic_id IN"
                " (SELECT topic_id FROM topic_daily WHERE taxonomy = 'discovered')"
            ).fetchall(),
            "rows": conn.execute("SELECT * FROM article_topics ORDER BY ALL").fetchall(),
            "scored": conn.execute("SELECT * FROM article_theme_runs ORDER BY ALL").fetchall(),
            # the day counts topic_daily reads, and what a recount of every assignment gives (they must agree)
            "day_counts": conn.execute(
                "SELECT topic_id, day, articles, round(score_sum, 9) FROM topic_day_counts ORDER BY ALL"
            ).fetchall(),
            "recount": conn.execute(
                "SELECT tp.topic_id, a.published_on, count(*), round(sum(tp.score), 9)"
                " FROM article_topics tp JOIN articles a USING (article_id) GROUP BY ALL ORDER BY ALL"
            ).fetchall(),
        }


def test_theme_runs_latest_is_the_last_created_and_old_runs_are_pruned(instance, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("THEME_RUNS_KEPT", "2")
    path = tmp_path / "themes.duckdb"
    versions = []
    for n in (3, 4, 5):  # each step grows the corpus by more than 20 %: a refit each time
        with warehouse(path) as conn:
            migrate(conn)
            _add_articles(conn, ARTICLES[:n], _ids(n))
        assert _materialize(instance, path).success
        versions.append(_theme_state(path)["runs"][-1][0])
    state = _theme_state(path)
    assert state["day_counts"] == state["recount"] and state["day_counts"]  # pruned runs' themes left the counts
    assert len(set(versions)) == 3
    # Latest = the 5-article run, whatever the order of the version strings; the 3-article run is gone.
    assert [(v, c) for v, _, c in state["runs"]] == [(versions[1], 4), (versions[2], 5)]
    assert state["topics"] == state["assigned"] == [(v,) for v in sorted(versions[1:])]
    assert state["latest_example"] == [(versions[2],)]
    with warehouse(path, read_only=True, snapshot="latest") as conn:
        # every article was themed by the latest run
        assert conn.execute(
            "SELECT count(*) FROM article_theme_runs WHERE model_version = $v", {"v": versions[2]}
        ).fetchone() == (5,)

    # A re-run with nothing new changes nothing.
    assert _materialize(instance, path).success
    assert _theme_state(path) == state

    # One more article (20 % growth, not more): no refit; the latest run themes the new article.
    with warehouse(path) as conn:
        _add_articles(conn, ARTICLES[5:6], ["a005"])
    assert _materialize(instance, path).success
    after = _theme_state(path)
    assert after["day_counts"] == after["recount"]  # the new article's theme was added to its day
    assert after["runs"] == state["runs"]
    assert ("a005", versions[2]) in {(a, v) for a, v, _ in after["scored"]}


def test_refitting_the_same_sample_makes_that_run_the_latest_again(instance, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "themes.duckdb"
    with warehouse(path) as conn:
        migrate(conn)
        _add_articles(conn, ARTICLES, _ids(8))
    assert _materialize(instance, path).success
    before = _theme_state(path)
    monkeypatch.setenv("THEME_REFIT_DAYS", "0")  # the model is "too old" at once: refit on the same sample
    assert _materialize(instance, path).success
    after = _theme_state(path)
    assert [v for v, _, _ in after["runs"]] == [v for v, _, _ in before["runs"]]  # same model version, one row
    assert after["runs"][-1][1] == before["runs"][-1][1] + 1  # but a new run number: it is the latest
    assert after["rows"] == before["rows"]  # nothing re-scored: every article was already scored by this run
