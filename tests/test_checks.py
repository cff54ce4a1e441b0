"""Check files report every violation, not just the rows they return (their LIMIT keeps the examples short)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.warehouse.checks import EXAMPLES_SHOWN, run_check
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import files_in

# Check files that are not pass/fail checks of an asset: they return states or dumps for other code to read.
NOT_ASSET_CHECKS = {"published_partial_states", "unfinished_dumps"}
PARAMS = {"file_keys": [], "article_ids": [], "min_date": "1990-01-01", "model_version": "v"}


@pytest.fixture
def conn(tmp_path: Path):
    with warehouse(tmp_path / "w.duckdb") as connection:
        migrate(connection)
        yield connection


@pytest.mark.parametrize("name", sorted(p.stem for p in files_in("checks") if p.stem not in NOT_ASSET_CHECKS))
def test_every_asset_check_counts_its_violations_first_and_passes_on_an_empty_warehouse(conn, name: str) -> None:
    text = (files_in("checks")[0].parent / f"{name}.sql").read_text(encoding="utf-8")
    used = {key: value for key, value in PARAMS.items() if f"${key}" in text}
    outcome = run_check(conn, f"checks/{name}", used)
    assert outcome.passed and outcome.violations == 0 and outcome.examples == []


def test_violations_count_every_bad_row_beyond_the_limit(conn) -> None:
    ids = [f"article-{n:03}" for n in range(45)]  # more than the file's LIMIT 20
    conn.executemany(
        "INSERT INTO article_topics (article_id, topic_id, score, rank, model_version) VALUES (?, 'iptc:x', ?, 1, 'v')",
        [(article_id, 2.0 if n < 30 else 0.5) for n, article_id in enumerate(ids)],  # 30 out of range, 15 fine
    )
    outcome = run_check(conn, "checks/topic_scores_out_of_range", {"article_ids": ids})
    assert not outcome.passed
    assert outcome.violations == 30
    assert len(outcome.examples) == EXAMPLES_SHOWN
    assert all(len(row) == 3 and row[2] == 2.0 for row in outcome.examples)  # (article_id, topic_id, score)


def test_a_file_without_the_count_column_is_refused(conn) -> None:
    with pytest.raises(ValueError, match="violations"):
        run_check(conn, "checks/unfinished_dumps", {"steps": ["articles"], "max_attempts": 3})
