"""`newswh ingest`: the daemon's incremental path on a persistent Dagster instance (real SQLite instance in
tmp_path, real DuckDB files, the bundled sample dumps)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pytest

from pipelines.cli import main
from pipelines.tools.ingest import CURSORS_FILE, ingest_once
from pipelines.warehouse.connection import warehouse

# Written for this test: one short report, so the added dump holds an article the sample does not.
NEW_DUMP = "港珠澳大桥迎来通车以来第五千万辆次车辆\n记者从广东省交通运输厅获悉,今年以来经大桥往来三地的车辆持续增长,口岸通关效率明显提升。\n"
REWRITTEN = (
    "台风过境后沿海城市恢复供电\n受台风影响停电的沿海城区今天上午已全部恢复供电,电力部门组织抢修队伍连夜作业。\n"
)


@pytest.fixture
def dagster_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


def _dumps(path: Path) -> list[tuple]:
    with warehouse(path, read_only=True) as conn:
        return conn.execute("SELECT * FROM dumps ORDER BY file_key").fetchall()


def _titles(path: Path, file_key: str) -> list[str]:
    with warehouse(path, read_only=True) as conn:
        return [
            row[0]
            for row in conn.execute(
                "SELECT a.title FROM articles a JOIN article_occurrences o USING (article_id) JOIN dumps d USING (dump_id)"
                " WHERE d.file_key = ? ORDER BY a.title",
                [file_key],
            ).fetchall()
        ]


def _runs(home: Path, job_name: str) -> list[dg.DagsterRun]:
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return list(instance.get_runs(dg.RunsFilter(job_name=job_name)))


def test_ingest_loads_only_what_is_new_and_resumes_on_the_persistent_instance(
    dagster_home: Path, landing: Path, warehouse_path: Path
) -> None:
    first = ingest_once()
    assert first.files_registered == 4 and not first.failed_runs and not first.check_failures
    assert first.runs == 2  # the four sample dumps in one ingest run, then the corpus job
    assert any(publish.get("published") for publish in first.publishes)
    loaded = _dumps(warehouse_path)
    assert len(loaded) == 4
    assert (dagster_home / "dagster.yaml").exists() and (dagster_home / CURSORS_FILE).exists()
    published_mtime = warehouse_path.stat().st_mtime_ns

    second = ingest_once()  # nothing new: no run, no publish, the warehouse untouched
    assert (second.files_registered, second.runs, second.publishes) == (0, 0, [])
    assert warehouse_path.stat().st_mtime_ns == published_mtime
    assert _dumps(warehouse_path) == loaded

    added = landing / "2025-07-21_added.txt"
    added.write_text(NEW_DUMP, encoding="utf-8")
    third = ingest_once()  # only the added file: one partition in one run, then the corpus job once
    assert third.files_registered == 1 and third.runs == 2 and not third.failed_runs
    ingest_runs = _runs(dagster_home, "ingest_job")
    assert len(ingest_runs) == 2
    assert ingest_runs[0].run_config["ops"]["articles"]["config"]["files"] == [added.name]
    assert ingest_runs[0].tags["dagster/partition"] == datetime.now(UTC).date().isoformat()  # arrival day
    corpus_runs = _runs(dagster_home, "corpus_job")  # newest first
    assert len(corpus_runs) == 2
    # The first call did the daily refresh as the schedule would; later ones only the new articles' keywords
    # and themes (no index compaction, no report: those rewrite corpus-wide things once a day).
    assert corpus_runs[1].tags.get("newswh/corpus") == "daily" and "newswh/corpus" not in corpus_runs[0].tags
    assert {key.to_user_string() for key in corpus_runs[0].asset_selection} == {
        "article_keywords",
        "discovered_themes",
        "published_corpus",
    }
    assert _titles(warehouse_path, added.name) == ["港珠澳大桥迎来通车以来第五千万辆次车辆"]
    assert len(_dumps(warehouse_path)) == 5

    rewritten = landing / "2025-07-20_bom.txt"
    before = _titles(warehouse_path, rewritten.name)
    rewritten.write_text(REWRITTEN, encoding="utf-8")
    fourth = ingest_once()  # rewritten in place: that file alone is loaded again
    assert fourth.files_registered == 1 and fourth.runs == 2 and not fourth.failed_runs
    assert _runs(dagster_home, "ingest_job")[0].run_config["ops"]["articles"]["config"]["files"] == [rewritten.name]
    after = _titles(warehouse_path, rewritten.name)
    assert after == ["台风过境后沿海城市恢复供电"] and after != before

    assert ingest_once().runs == 0  # and then it is quiet again


def test_every_ingest_publishes_and_the_next_call_is_quiet(
    dagster_home: Path, landing: Path, warehouse_path: Path
) -> None:
    first = ingest_once()
    assert not first.failed_runs and first.publishes and first.publishes[-1]["published"]
    second = ingest_once()
    assert (second.runs, second.publishes) == (0, [])


def test_cli_prints_what_it_did_then_nothing_new(
    dagster_home: Path, landing: Path, warehouse_path: Path, capsys
) -> None:
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert "files registered: 4" in out and "failed runs: 0" in out and "publishes: " in out
    assert main(["ingest"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("nothing new")


def test_cli_exits_non_zero_when_a_run_failed_and_a_given_up_dump_stays_given_up(
    dagster_home: Path, landing: Path, warehouse_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from pipelines.defs.assets import topics

    monkeypatch.setenv("STEP_MAX_RETRIES", "0")
    monkeypatch.setenv("REPAIR_MAX_ATTEMPTS", "1")
    monkeypatch.setattr(topics, "_load", lambda conn, batch, assignments: 1 / 0)
    assert main(["ingest"]) == 1
    out = capsys.readouterr().out
    assert "RUN FAILED" in out and "ZeroDivisionError" in out and "files registered: 4" in out
    # The repair sensor's cursor persisted: it gave up on these dumps and does not start over.
    assert main(["ingest"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("nothing new")


def test_reload_loads_one_file_again_and_analysts_see_it_at_once(
    dagster_home: Path, landing: Path, warehouse_path: Path, capsys, monkeypatch
) -> None:
    assert ingest_once().files_registered == 4
    rewritten = landing / "2025-07-20_bom.txt"
    rewritten.write_text(REWRITTEN, encoding="utf-8")
    assert main(["reload", rewritten.name]) == 0
    out = capsys.readouterr().out
    assert "ingest_job: succeeded" in out and "corpus_job: succeeded" in out
    # The snapshot analysts read holds the reloaded file at once.
    assert _titles(warehouse_path, rewritten.name) == ["台风过境后沿海城市恢复供电"]
    runs = _runs(dagster_home, "ingest_job")
    assert runs[0].run_config["ops"]["articles"]["config"]["files"] == [rewritten.name]
