"""The lake gives every sql/examples answer the single-file warehouse gave on the same corpus (recorded before the
switch: tests/recorded_answers/README.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.sql_files import SQL_DIR
from tests.conftest import INVENTED_DUMP, SAMPLE_LANDING
from tests.recorded_answers.answers import collect

RECORDED = Path(__file__).parent / "recorded_answers" / "answers.json"
REPUBLISHED = Path(__file__).parent / "fixtures" / "examples" / "republished_2025-07-17.txt"
ADDED_BY_THE_LAKE = {"view_definitions", "view_column_comments"}
REDOCUMENTED_BY_THE_LAKE = {"warehouse_publishes"}  # publishing is a recorded snapshot now, not a file copy


@pytest.fixture(scope="module")
def lake_answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.instance import temporary_instance
    from pipelines.orchestration.runner import ingest_landing

    base = tmp_path_factory.mktemp("recorded")
    landing = base / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    shutil.copy(INVENTED_DUMP, landing)
    shutil.copy(REPUBLISHED, landing)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANDING_DIR", str(landing))
        patch.setenv("WAREHOUSE_PATH", str(base / "news.sqlite"))
        patch.setenv("REFERENCE_DATE", "2025-07-18")
        patch.setenv("LANDING_SETTLE_S", "0")
        patch.setenv("REPORT_PATH", str(base / "report.html"))
        with temporary_instance(base / "dagster_home") as instance:
            report = ingest_landing(build_definitions(), instance)
    assert not report.failed_runs and not report.check_failures
    with warehouse(base / "news.sqlite", read_only=True) as conn:
        return json.loads(json.dumps(collect(conn, SQL_DIR / "examples")))


RECORDED_ANSWERS = json.loads(RECORDED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", sorted(RECORDED_ANSWERS))
def test_the_lake_gives_the_recorded_answer(example: str, lake_answers: dict[str, list[dict]]) -> None:
    got = lake_answers[example]
    if example == "table_row_counts":
        got = [row for row in got if row["table_name"] not in ADDED_BY_THE_LAKE]
        for row in got + RECORDED_ANSWERS[example]:
            if row["table_name"] in REDOCUMENTED_BY_THE_LAKE:
                row["comment"] = "(redocumented by the lake)"
    assert got == RECORDED_ANSWERS[example]


def test_every_example_was_recorded() -> None:
    assert sorted(RECORDED_ANSWERS) == sorted(p.stem for p in (SQL_DIR / "examples").glob("*.sql"))
