"""Entities and topics through the real pipeline: expectations on an invented dump (tests/fixtures), offsets,
blocking checks."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import dagster as dg
import pytest

from pipelines.orchestration.instance import temporary_instance
from pipelines.orchestration.runner import QUIET, run_files
from pipelines.warehouse.connection import warehouse


@pytest.fixture
def seed_landing(tmp_path: Path, invented_dump: Path, monkeypatch, warehouse_path: Path) -> Path:
    folder = tmp_path / "landing"
    folder.mkdir()
    shutil.copy(invented_dump, folder / invented_dump.name)
    shutil.copy(Path(__file__).parent.parent / "sample" / "landing" / "2025-07-17_wire.txt", folder)
    monkeypatch.setenv("LANDING_DIR", str(folder))
    monkeypatch.setenv("REFERENCE_DATE", "2025-07-18")
    return folder


def run_all(instance, folder: Path) -> dg.ExecuteInProcessResult:
    from pipelines.definitions import build_definitions

    return run_files(build_definitions(), instance, sorted(p.name for p in folder.iterdir()))


def seed_rows(path: Path, query: str, snapshot: str = "published") -> list[tuple]:
    with warehouse(path, read_only=True, snapshot=snapshot) as conn:
        return conn.execute(query).fetchall()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pipeline run shared by the read-only tests of this module."""
    from tests.conftest import INVENTED_DUMP, SAMPLE_LANDING

    root = tmp_path_factory.mktemp("seed")
    folder = root / "landing"
    folder.mkdir()
    shutil.copy(INVENTED_DUMP, folder / INVENTED_DUMP.name)
    shutil.copy(SAMPLE_LANDING / "2025-07-17_wire.txt", folder)
    (root / "home").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANDING_DIR", str(folder))
        patch.setenv("WAREHOUSE_PATH", str(root / "w.duckdb"))
        patch.setenv("REFERENCE_DATE", "2025-07-18")
        with temporary_instance(root / "home") as module_instance:
            result = run_all(module_instance, folder)
            assert result.success
            assert all(e.passed for e in result.get_asset_check_evaluations())
    return root / "w.duckdb"


def mentions(path: Path, kind: str) -> set[str]:
    return {r[0] for r in seed_rows(path, f"SELECT surface FROM entity_mentions WHERE type = '{kind}'")}


@pytest.mark.parametrize(
    ("kind", "surface"),
    [
        ("PER", "郑明远"),  # reporter in the dateline
        ("PER", "白若溪"),  # second reporter in the dateline
        ("PER", "穆萨·奥蒂诺"),  # foreign engineer, Chinese transliteration
        ("PER", "林女士"),  # surname + title
        ("ORG", "中新网"),  # agency from the dateline
        ("ORG", "绍兴市科学技术局"),  # government bureau
        ("ORG", "中央气象台"),  # national weather service
        ("LOC", "诸暨市"),  # county-level city
        ("LOC", "改则县"),  # county in Tibet
        ("LOC", "曼谷"),  # foreign city
    ],
)
def test_seed_entities(loaded: Path, kind: str, surface: str) -> None:
    assert surface in mentions(loaded, kind)


def test_seed_university_is_an_organisation(loaded: Path) -> None:
    # 绍兴文理学院 appears only inside 绍兴文理学院土木工程学院: the nested rule reports it too.
    assert {"绍兴文理学院", "绍兴文理学院土木工程学院"} <= mentions(loaded, "ORG")


def test_places_are_geocoded_and_aliases_merge(loaded: Path) -> None:
    zhuji = seed_rows(
        loaded, "SELECT adcode, province, city, longitude IS NOT NULL FROM entities WHERE name = '诸暨市'"
    )
    assert zhuji == [("330681", "浙江省", "绍兴市", True)]
    shaoxing = seed_rows(
        loaded,
        "SELECT a.alias FROM entity_aliases a JOIN entities e USING (entity_id) WHERE e.adcode = '330600' ORDER BY 1",
    )
    assert {"绍兴", "绍兴市"} <= {r[0] for r in shaoxing}  # 绍兴 and 绍兴市 in the text are one place
    bangkok = seed_rows(loaded, "SELECT country_code FROM entities WHERE name = '曼谷'")
    assert bangkok == [("TH",)]


def test_money_and_dates(loaded: Path) -> None:
    money = set(seed_rows(loaded, "SELECT surface, value, currency FROM amounts WHERE kind = 'money'"))
    assert ("8万元", 80000.0, "CNY") in money and ("3000元", 3000.0, "CNY") in money
    dates = set(seed_rows(loaded, "SELECT surface, value, precision FROM dates_mentioned"))
    assert ("7月15日20时", "2025-07-15T20:00", "hour") in dates
    assert ("2023年5月", "2023-05", "month") in dates


@pytest.mark.parametrize(
    ("record_no", "expected"),
    [
        (1, {"labour", "economy, business and finance"}),  # a service station for foreign experts
        (2, {"crime, law and justice"}),  # telecom fraud ring
        (3, {"health", "weather"}),  # heatstroke myths
        (4, {"health", "weather"}),  # heat illness in emergency rooms
        (5, {"arts, culture, entertainment and media", "lifestyle and leisure"}),  # drone show, tourism
        (6, {"weather", "disaster, accident and emergency incident"}),  # tropical depression
        (7, {"weather"}),  # ice-cream index in the heat
    ],
)
def test_seed_topics_in_top_two(loaded: Path, record_no: int, expected: set[str]) -> None:
    top = seed_rows(
        loaded,
        "SELECT t.label FROM article_topics tp JOIN topics t USING (topic_id) "
        "JOIN article_occurrences o USING (article_id) JOIN dumps d ON d.dump_id = o.dump_id "
        f"WHERE d.file_key LIKE 'invented_%' AND o.record_no = {record_no} AND t.taxonomy = 'iptc' AND tp.rank <= 2",
    )
    assert expected & {r[0] for r in top}, top


def test_every_article_carries_extractor_versions(loaded: Path) -> None:
    versions = seed_rows(
        loaded,
        "SELECT (SELECT count(DISTINCT extractor_version) FROM entity_mentions),"
        " (SELECT count(*) FROM article_topics WHERE model_version IS NULL),"
        " (SELECT count(*) FROM articles WHERE extractor_version IS NULL)",
    )
    assert versions == [(1, 0, 0)]


def test_a_failing_blocking_check_stops_downstream_assets(
    instance, seed_landing: Path, warehouse_path: Path, working_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("MIN_PUBLISHED_YEAR", "2100")  # every article now fails the plausibility check
    result = run_all(instance, seed_landing)
    assert not result.success
    failed = [e.check_name for e in result.get_asset_check_evaluations() if not e.passed]
    assert failed == ["published_on_plausible"]
    assert seed_rows(working_path, "SELECT count(*) FROM entity_mentions", "latest") == [(0,)]
    assert seed_rows(working_path, "SELECT count(*) FROM article_topics", "latest") == [(0,)]
    # The dump is marked as held back, and analysts never see its articles: nothing was published.
    steps = seed_rows(
        working_path, "SELECT DISTINCT step, status, error FROM dump_steps ORDER BY step <> 'articles', step", "latest"
    )
    assert steps[0] == ("articles", "check_failed", "blocking check(s) failed: published_on_plausible")
    assert {status for _, status, _ in steps[1:]} == {"pending"}  # the later steps never ran
    with pytest.raises(FileNotFoundError, match="nothing published"):
        seed_rows(warehouse_path, "SELECT 1")


def test_corpus_refresh_is_idempotent_and_versioned(instance, seed_landing: Path, warehouse_path: Path) -> None:
    from pipelines.definitions import build_definitions

    assert run_all(instance, seed_landing).success
    loaded = warehouse_path
    job = build_definitions().resolve_job_def("corpus_job")
    assert job.execute_in_process(instance=instance, run_config=QUIET).success
    query = "SELECT * FROM {} ORDER BY ALL"
    first = {t: seed_rows(loaded, query.format(t)) for t in ("topics", "article_topics", "article_keywords")}
    assert job.execute_in_process(instance=instance, run_config=QUIET).success
    assert {t: seed_rows(loaded, query.format(t)) for t in first} == first
    themes = seed_rows(
        loaded, "SELECT count(*), count(DISTINCT model_version) FROM topics WHERE taxonomy = 'discovered'"
    )
    assert themes[0][0] >= 1 and themes[0][1] == 1


def test_boilerplate_mentions_are_kept_but_left_out_of_rankings(loaded: Path) -> None:
    # The outlet of the dateline (中新网) and its reporters keep their rows, marked by method ...
    kept = set(seed_rows(loaded, "SELECT surface, method FROM entity_mentions WHERE method IN ('source', 'byline')"))
    assert {("中新网", "source"), ("陈思远", "byline")} <= kept
    # ... and the ranking view and the example query do not count them.
    ranked = seed_rows(loaded, "SELECT DISTINCT name FROM entity_mentions_daily")
    assert ("中新网",) not in ranked and ("陈思远",) not in ranked
    top = seed_rows(loaded, (Path(__file__).parent.parent / "sql" / "examples" / "top_entities.sql").read_text())
    assert all(name not in ("中新网", "陈思远") for _, name, _, _ in top)


def test_publication_dates_carry_method_and_confidence(loaded: Path) -> None:
    # The sample wire article has a dateline (中新网宁波7月16日电) and the run sets REFERENCE_DATE:
    # the dateline's date, high confidence, year not guessed from a file's mtime.
    rows = seed_rows(
        loaded,
        "SELECT published_on, published_on_method, published_on_confidence, published_on_year_guessed "
        "FROM articles WHERE title LIKE '杭州湾新区%'",
    )
    assert rows == [(date(2025, 7, 16), "dateline", 0.95, False)]
