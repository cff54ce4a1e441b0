"""The warning check on the day's top names (issue 22 item 5): the pure judge, and the query it reads on a real
DuckDB file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.extract.ranking_check import TopName, judge_top_names, suspicious_names
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.rankings import publication_days_of_files, top_names_for_review

PLACES = {"巴赫穆特", "北京"}
ORGANISATIONS = {"北约"}
PEOPLE = {"普京"}


def _judge(kind: str, name: str, mentions: int = 10, fragments: int = 0) -> str | None:
    found = suspicious_names(
        [TopName(kind, "e", name, 5, mentions, fragments)],
        is_place=PLACES.__contains__,
        is_organisation=ORGANISATIONS.__contains__,
        is_person=PEOPLE.__contains__,
    )
    return found[0].why if found else None


@pytest.mark.parametrize(
    ("kind", "name", "mentions", "fragments", "expected"),
    [
        ("PER", "八", 10, 0, "one character; a number"),  # a digit of 十八大 as a person
        ("PER", "九", 10, 0, "one character; a number"),  # 十九大
        ("PER", "巴赫穆特", 10, 0, "a person's name that is a known place"),  # a front-line city as a person
        ("PER", "乌军", 10, 0, "a person's name that is an organisation"),  # an army as a person
        ("PER", "约翰斯", 10, 8, "a fragment of a longer name in 8 of 10 mentions"),  # cut at a name dot
        ("LOC", "普京", 10, 0, "a place's name that is a known person or organisation"),  # a person as a place
        ("ORG", "北京", 10, 0, "an organisation's name that is a known place"),  # a place as an organisation
        ("ORG", "十九大", 10, 0, None),  # a party congress's short name is a name (its digit alone is not)
        ("ORG", "二十", 10, 0, "a number"),  # numerals only
        ("ORG", "十二届全国人大", 10, 0, None),  # an ordinal before a name is fine for an organisation
        ("PER", "习近平", 10, 2, None),  # a real name, fragments below half
        ("LOC", "台州市", 10, 0, None),  # a real place
    ],
)
def test_suspicious_names(kind, name, mentions, fragments, expected) -> None:
    assert _judge(kind, name, mentions, fragments) == expected


def test_judge_uses_the_project_lists() -> None:
    # a country as a person, and a known organisation as a place, with the geocoder and known-names lists
    top = [
        TopName("PER", "p", "乌克兰", 3, 3, 0),
        TopName("LOC", "l", "联合国", 3, 3, 0),
        TopName("PER", "q", "李克强", 3, 3, 0),
    ]
    assert [(s.name, s.why) for s in judge_top_names(top)] == [
        ("乌克兰", "a person's name that is a known place"),
        ("联合国", "a place's name that is a known person or organisation"),
    ]


@pytest.fixture
def conn(tmp_path: Path):
    with warehouse(tmp_path / "w.duckdb") as connection:
        migrate(connection)
        yield connection


def _article(conn, article_id: str, title: str, body: str, day: date) -> None:
    conn.execute(
        "INSERT INTO articles (article_id, title, body, kind, published_on, published_on_method, char_count,"
        " extractor_version) VALUES (?, ?, ?, 'full', ?, 'reference', ?, 'test')",
        [article_id, title, body, day, len(title) + len(body)],
    )


def _mention(
    conn, article_id: str, entity: tuple[str, str, str], start: int, end: int, surface: str, method: str = "model"
) -> None:
    conn.execute(
        "INSERT INTO entities (entity_id, type, name, canonical_key, extractor_version) SELECT ?, ?, ?, ?, 't'"
        " WHERE ? NOT IN (SELECT entity_id FROM entities)",
        [entity[0], entity[1], entity[2], entity[2], entity[0]],
    )
    conn.execute(
        'INSERT INTO entity_mentions (article_id, entity_id, type, surface, start, "end", method,'
        " extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, 't')",
        [article_id, entity[0], entity[1], surface, start, end, method],
    )


def test_the_query_counts_fragments_and_leaves_abbreviations_out(conn) -> None:
    day = date(2025, 3, 1)
    # 约翰斯·霍普金斯大学 cut at its dot: 约翰斯 (PER) then 霍普金斯大学 (ORG); 浙江台州: two places side by side.
    text = "t\n约翰斯·霍普金斯大学发布报告,浙江台州的专家中美合作。"
    _article(conn, "a1", "t", text[2:], day)
    johns, hopkins = ("e1", "PER", "约翰斯"), ("e2", "ORG", "霍普金斯大学")
    zhejiang, taizhou, china = ("e3", "LOC", "浙江省"), ("e4", "LOC", "台州市"), ("e5", "LOC", "中国")
    _mention(conn, "a1", johns, 2, 5, "约翰斯")
    _mention(conn, "a1", hopkins, 6, 12, "霍普金斯大学")
    _mention(conn, "a1", zhejiang, 17, 19, "浙江")
    _mention(conn, "a1", taizhou, 19, 21, "台州")
    _mention(conn, "a1", china, 24, 25, "中", method="abbreviation")
    conn.execute(
        "INSERT INTO entity_day_counts SELECT m.entity_id, a.published_on, count(*), count(DISTINCT m.article_id)"
        " FROM entity_mentions m JOIN articles a USING (article_id)"
        " WHERE m.method <> 'abbreviation' GROUP BY ALL"
    )
    rows = {row.name: row for row in top_names_for_review(conn, [day], 15)}
    assert set(rows) == {"约翰斯", "霍普金斯大学", "浙江省", "台州市"}  # the abbreviation is in no ranking
    assert rows["约翰斯"].fragment_mentions == 1  # beside the name dot
    assert rows["浙江省"].fragment_mentions == 0  # a place before a place is a chain, not a fragment
    # both halves of the cut name are fragments (each sits beside the dot); the places are not
    assert sorted(s.name for s in judge_top_names(list(rows.values()))) == ["约翰斯", "霍普金斯大学"]
    assert publication_days_of_files(conn, []) == []


def _ranking_evaluations(instance) -> list[dict]:
    """The metadata of every `top_names_look_right` evaluation, oldest run first."""
    import dagster as dg

    found = []
    for run in reversed(instance.get_runs(filters=dg.RunsFilter(job_name="ingest_job"))):
        for record in instance.get_records_for_run(run.run_id).records:
            event = record.event_log_entry.dagster_event
            if event and event.event_type_value == "ASSET_CHECK_EVALUATION":
                evaluation = event.event_specific_data
                if evaluation.check_name == "top_names_look_right":
                    found.append({k: v.value for k, v in evaluation.metadata.items()})
    return found


def test_the_check_judges_the_days_of_the_runs_own_dumps(landing, warehouse_path, instance, invented_dump) -> None:
    """A second dump of the same arrival day is judged on its own publication days, not on those of every dump that
    arrived that day (which, on the day a backfill arrived, meant ranking the whole warehouse)."""
    import shutil

    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import ingest_landing

    defs = build_definitions()
    assert not ingest_landing(defs, instance).failed_runs
    shutil.copy(invented_dump, landing)
    assert not ingest_landing(defs, instance).failed_runs
    first, second = _ranking_evaluations(instance)
    with warehouse(warehouse_path, read_only=True, snapshot="latest") as conn:
        invented_days = publication_days_of_files(conn, [invented_dump.name])
        sample_days = publication_days_of_files(
            conn, [p.name for p in landing.iterdir() if p.is_file() and p.name != invented_dump.name]
        )
        assert set(invented_days) < {*invented_days, *sample_days}  # the day's other dumps bring other days
        assert second["names_judged"] == len(top_names_for_review(conn, invented_days, 15))
        assert second["names_judged"] != len(top_names_for_review(conn, sorted({*invented_days, *sample_days}), 15))
    assert first["names_judged"] > 0
