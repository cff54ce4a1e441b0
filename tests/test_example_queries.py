"""Every query in sql/examples gives a sensible answer on a warehouse built by a real sensor-driven Dagster ingest of
the bundled sample, the invented dump and a republished copy of one sample story (tests/fixtures): not just that it
runs, but that its rows say what its comment promises."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.topics import IPTC_TOPICS
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.sql_files import files_in
from tests.conftest import load_example_corpus

IPTC_LABELS = {t.name for t in IPTC_TOPICS}
OUTLETS = {"中新网", "央视网", "中国天气网", "新华社", "浙江在线"}  # dateline sources, left out of rankings


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """Each example's rows (as dicts), keyed by file stem; plus the facts the checks compare against."""
    lake = load_example_corpus(tmp_path_factory.mktemp("examples"))
    found: dict[str, list[dict]] = {}
    with warehouse(lake, read_only=True) as conn:
        for path in files_in("examples"):
            cursor = conn.execute(path.read_text(encoding="utf-8"))
            names = [d[0] for d in cursor.description]
            found[path.stem] = [dict(zip(names, row)) for row in cursor.fetchall()]
        found["_facts"] = [
            dict(
                zip(
                    ("articles", "dumps", "quarantined", "clusters", "tables"),
                    conn.execute(
                        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM dumps), "
                        "(SELECT count(*) FROM quarantine), (SELECT count(DISTINCT cluster_id) FROM article_clusters), "
                        "(SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main')"
                    ).fetchone(),
                )
            )
        ]
    return found


CHECKS = {}


def example_check(function):
    """Registers `check_<example>` as the check of sql/examples/<example>.sql."""
    CHECKS[function.__name__.removeprefix("check_")] = function
    return function


def _descending(values: list) -> bool:
    return all(a >= b for a, b in zip(values, values[1:]))


@example_check
def check_article_bytes(rows, facts):
    assert len(rows) == 10  # LIMIT 10 of more records
    assert all(r["byte_end"] > r["byte_start"] >= 0 and r["title"] for r in rows)
    assert [(r["file_key"], r["record_no"]) for r in rows] == sorted((r["file_key"], r["record_no"]) for r in rows)


@example_check
def check_article_keywords_sample(rows, facts):
    assert len(rows) == 10
    for row in rows:  # up to three distinct keywords per article
        keywords = row["keywords"].split(" / ")
        assert 1 <= len(keywords) <= 3 and len(set(keywords)) == len(keywords) and all(keywords), row


@example_check
def check_dumps_by_status(rows, facts):
    assert [r["status"] for r in rows] == ["loaded"]  # nothing in these fixtures fails
    (loaded,) = rows
    assert loaded["files"] == facts["dumps"] == 6
    assert (
        loaded["records"] == loaded["parsed"] + loaded["quarantined"] and loaded["quarantined"] == facts["quarantined"]
    )


@example_check
def check_money_by_article(rows, facts):
    values = [r["value"] for r in rows]
    assert _descending(values) and all(v > 0 for v in values)
    assert (rows[0]["surface"], rows[0]["value"]) == ("300亿元", 3e10)  # the industrial park's output target
    assert all("元" in r["surface"] for r in rows)


@example_check
def check_places_in_province(rows, facts):
    assert {"宁波市", "诸暨市", "绍兴市"} <= {r["name"] for r in rows}
    for row in rows:  # Zhejiang's adcodes start 33; its coordinates lie in its bounding box
        assert row["adcode"].startswith("33"), row
        assert 118 < row["longitude"] < 123.5 and 27 < row["latitude"] < 31.5, row
    assert _descending([r["mentions"] for r in rows])


@example_check
def check_quarantine_reasons(rows, facts):
    assert {r["reason"]: r["records"] for r in rows} == {"empty": 1, "no_body": 1}  # the BOM sample's bad records
    assert sum(r["records"] for r in rows) == facts["quarantined"]


@example_check
def check_sample_articles(rows, facts):
    assert len(rows) == 8
    assert all(r["kind"] in ("full", "teaser", "brief") for r in rows)
    assert all(date(2025, 7, 1) <= r["published_on"] <= date(2025, 7, 31) for r in rows)
    assert rows[0]["source"] == "中新网" and rows[0]["title"].startswith("杭州湾新区")


@example_check
def check_search_typhoons(rows, facts):
    assert rows and "台风" in rows[0]["title"]  # the typhoon story ranks first
    assert _descending([r["score"] for r in rows]) and all(r["matched_terms"] >= 1 for r in rows)
    both = [r for r in rows if r["matched_terms"] == 2]  # 南海 and 台风: the invented tropical depression teaser
    assert any("热带低压" in r["title"] for r in both), rows


@example_check
def check_stories_carried_most_widely(rows, facts):
    top = rows[0]  # the Hangzhou Bay story: 中新网 first, then 浙江在线's copy
    assert top["title"].startswith("杭州湾新区") and top["source_count"] == 2 and top["articles"] == 2
    assert set(top["sources"]) == {"中新网", "浙江在线"} and top["first_seen"] <= top["last_seen"]
    assert len(rows) == min(20, facts["clusters"])
    assert all(r["articles"] >= r["source_count"] >= 1 for r in rows[1:] if r["source_count"])


@example_check
def check_table_row_counts(rows, facts):
    assert len(rows) == facts["tables"]
    assert all(r["comment"] and "grain" in r["comment"] for r in rows if r["table_name"] != "schema_migrations")
    by_name = {r["table_name"]: r["estimated_rows"] for r in rows}
    assert by_name["articles"] == facts["articles"]


@example_check
def check_themes_latest(rows, facts):
    assert rows and all(r["label"] for r in rows)
    assert _descending([r["articles"] for r in rows])
    assert 0 < sum(r["articles"] for r in rows) <= 3 * facts["articles"]  # up to 3 themes per article


@example_check
def check_top_entities(rows, facts):
    assert 1 <= len(rows) <= 10 and all(r["type"] in ("PER", "LOC", "ORG") for r in rows)
    assert not OUTLETS & {r["name"] for r in rows}  # outlets and reporters of datelines are left out
    assert all(r["mentions"] >= r["articles"] >= 1 for r in rows)
    assert _descending([r["mentions"] for r in rows])


@example_check
def check_topic_attention_by_week(rows, facts):
    assert rows and all(r["week"].weekday() == 0 for r in rows)  # ISO weeks start on Monday
    assert {r["label"] for r in rows} <= IPTC_LABELS
    week = {r["label"]: r["articles"] for r in rows if r["week"] == date(2025, 7, 14)}
    assert max(week, key=week.get) == "weather"  # heat, heatstroke, rain and a typhoon dominate that week


@example_check
def check_topic_counts(rows, facts):
    assert rows[0]["label"] == "weather" and _descending([r["articles"] for r in rows])
    assert {r["label"] for r in rows} <= IPTC_LABELS
    assert sum(r["articles"] for r in rows) >= facts["articles"]  # every article has at least one IPTC topic


@example_check
def check_weather_attention_by_month(rows, facts):
    labels = {r["label"] for r in rows}
    assert labels == {"weather", "disaster, accident and emergency incident", "crime, law and justice"}
    assert {r["month"].date() if hasattr(r["month"], "date") else r["month"] for r in rows} == {date(2025, 7, 1)}


@example_check
def check_who_published_first(rows, facts):
    (story,) = rows  # only the Hangzhou Bay story was carried twice
    assert story["title"].startswith("杭州湾新区") and list(story["first_sources"]) == ["中新网"]
    assert (story["first_day"], story["last_day"], story["days_to_last_copy"]) == (
        date(2025, 7, 16),
        date(2025, 7, 17),
        1,
    )


@example_check
def check_most_quoted_speakers(rows, facts):
    assert rows  # the sample quotes people (他说:“…”, 负责人介绍,…)
    assert _descending([r["quotations"] for r in rows])
    assert all(
        r["name"] and r["type"] in ("PER", "ORG", "LOC") and r["quotations"] >= r["articles"] >= 1 and r["usual_verb"]
        for r in rows
    )


@example_check
def check_country_tone_by_month(rows, facts):
    assert rows  # the sample mentions countries
    assert all(-1 <= r["polarity"] <= 1 and r["sentences"] >= 1 and r["positive"] >= 0 <= r["negative"] for r in rows)
    assert len({r["name"] for r in rows}) <= 5


@example_check
def check_largest_threads(rows, facts):
    assert rows  # every story is at least a thread of its own
    assert _descending([r["stories"] for r in rows])
    for row in rows:
        assert row["first_day"] <= row["day"] <= row["last_day"] and row["titles"] and row["first_title"]


def test_every_example_has_a_check() -> None:
    assert {p.stem for p in files_in("examples")} == set(CHECKS)


@pytest.mark.parametrize("example", sorted(CHECKS))
def test_example_gives_a_sensible_answer(answers, example: str) -> None:
    CHECKS[example](answers[example], answers["_facts"][0])


def test_a_check_fails_on_a_wrong_answer(answers) -> None:
    """The checks can fail: the answer of one query does not pass another's check."""
    with pytest.raises(AssertionError):
        check_dumps_by_status(
            [{"status": "failed", "files": 1, "records": 1, "parsed": 0, "quarantined": 0}], answers["_facts"][0]
        )
    with pytest.raises((AssertionError, KeyError)):
        check_topic_counts(answers["quarantine_reasons"], answers["_facts"][0])
