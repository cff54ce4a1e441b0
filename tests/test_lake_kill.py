"""SIGKILL during lake commits, during maintenance and during a pipeline run: readers of the published snapshot never
see a partial state, and the next run completes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.lake import Lake
from pipelines.warehouse.maintenance import maintain
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.publish import publish
from pipelines.warehouse.sql_files import sql
from tests.conftest import ROOT, SAMPLE_LANDING

ROWS = 5_000  # rows per committed batch: each commit writes files, a catalog transaction and a publish
STEPS = ["articles"]

# A writer that commits batches of ROWS quarantine rows (one dump each) and publishes after each, forever.
WRITER = f"""
import sys
from pipelines.warehouse.connection import transaction, warehouse
from pipelines.warehouse.lake import Lake
from pipelines.warehouse.publish import publish
lake = Lake.at(sys.argv[1])
with warehouse(lake) as conn:
    start = conn.execute("SELECT count(*) FROM dumps").fetchone()[0]
for n in range(start, start + 10_000):
    with warehouse(lake) as conn, transaction(conn):
        conn.execute("INSERT INTO dumps (file_key, path, bytes, status, records, parsed, quarantined, extractor_version, "
                     "loaded_at) VALUES (?, ?, 0, 'loaded', {ROWS}, 0, {ROWS}, 't', now())", [f"k{{n}}", f"k{{n}}"])
        conn.execute("INSERT INTO quarantine BY NAME SELECT ? AS dump_id, range::INTEGER AS record_no, 'x' AS reason, "
                     "0::BIGINT AS byte_start, 0::BIGINT AS byte_end, repeat('正文', 20) AS raw_text, "
                     "'t' AS extractor_version FROM range({ROWS})", [f"k{{n}}"])
        conn.execute("INSERT INTO dump_steps (file_key, step, status, attempts, updated_at) "
                     "VALUES (?, 'articles', 'done', 0, now())", [f"k{{n}}"])
    publish(lake, steps={STEPS!r}, max_attempts=3)
"""


def _kill_after(command: list[str], seconds: float, env: dict | None = None, ready=lambda: True) -> None:
    """Start `command`, wait until `ready()` (polled, 300 s at most), then `seconds`, then SIGKILL its group."""
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 300
    while not ready() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(seconds)
    assert child.poll() is None, "the child finished before it could be killed"
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)


def _latest_dumps(lake: Lake) -> int:
    try:
        with warehouse(lake, read_only=True, snapshot="latest") as conn:
            return conn.execute("SELECT count(*) FROM dumps").fetchone()[0]
    except Exception:  # not created yet, or its schema not yet
        return 0


def _published_dumps(lake: Lake) -> int:
    try:
        with warehouse(lake, read_only=True) as conn:
            return conn.execute("SELECT count(*) FROM dumps").fetchone()[0]
    except Exception:  # not published yet
        return 0


def _consistent(lake: Lake, snapshot: str) -> int:
    """Every dump visible at `snapshot` has all its rows; returns how many dumps are visible."""
    with warehouse(lake, read_only=True, snapshot=snapshot) as conn:
        dumps = conn.execute("SELECT count(*) FROM dumps").fetchone()[0]
        partial = conn.execute(
            "SELECT d.file_key, count(q.record_no) FROM dumps d LEFT JOIN quarantine q ON q.dump_id = d.file_key "
            "GROUP BY d.file_key HAVING count(q.record_no) <> ?",
            [ROWS],
        ).fetchall()
        orphans = conn.execute(
            "SELECT count(*) FROM quarantine WHERE dump_id NOT IN (SELECT file_key FROM dumps)"
        ).fetchone()[0]
    assert partial == [] and orphans == 0, (snapshot, partial, orphans)
    return dumps


def test_sigkill_during_commits_and_maintenance_leaves_whole_snapshots(tmp_path: Path) -> None:
    lake = Lake.at(tmp_path / "news.sqlite")
    with warehouse(lake) as conn:
        migrate(conn)
    publish(lake, steps=STEPS, max_attempts=3)
    rng = random.Random(7)
    seen = 0
    for _ in range(3):  # kill the writer at random moments: inside a commit, a publish, or between them
        _kill_after(
            [sys.executable, "-c", WRITER, str(lake.catalog_file)],
            rng.uniform(0.0, 1.5),
            ready=lambda seen=seen: _published_dumps(lake) > seen,
        )  # a loaded machine may start it slowly
        published = _consistent(lake, "published")
        assert _consistent(lake, "latest") >= published >= seen
        seen = published
    assert seen > 0  # the writer got commits through between the kills
    code = (
        "import sys\nfrom pipelines.warehouse.connection import warehouse\nfrom pipelines.warehouse.lake import Lake\n"
        "from pipelines.warehouse.maintenance import maintain\nlake = Lake.at(sys.argv[1])\n"
        "while True:\n    with warehouse(lake) as conn:\n"
        "        maintain(conn, lake, retention_days=0, file_grace_s=0)\n"
    )
    for _ in range(2):  # and maintenance, which rewrites files and expires snapshots
        _kill_after([sys.executable, "-c", code, str(lake.catalog_file)], rng.uniform(1.5, 3.5))
        assert _consistent(lake, "published") == seen
    with warehouse(lake) as conn:  # the next runs complete
        maintain(conn, lake, retention_days=0, file_grace_s=0)
    finished = subprocess.run(
        [sys.executable, "-c", WRITER.replace("start + 10_000", "start + 1"), str(lake.catalog_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    assert _consistent(lake, "published") == _consistent(lake, "latest") > seen


def test_sigkill_of_a_pipeline_run_then_the_next_run_completes(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "LANDING_DIR": str(SAMPLE_LANDING),
        "WAREHOUSE_PATH": str(tmp_path / "news.sqlite"),
        "LANDING_SETTLE_S": "0",
        "REPORT_PATH": str(tmp_path / "report.html"),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    demo = [sys.executable, "-m", "pipelines.cli", "demo"]
    lake = Lake.at(tmp_path / "news.sqlite")
    _kill_after(demo, 1.0, env, ready=lambda: _latest_dumps(lake) > 0)  # mid-run: the first dumps loaded, not finished
    with warehouse(lake, read_only=True) as conn:
        partial = conn.execute(sql("checks/published_partial_states")).fetchall()
    assert all(rows == 0 for _, rows in partial), partial
    finished = subprocess.run(demo, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
    with warehouse(lake, read_only=True) as conn:
        partial = conn.execute(sql("checks/published_partial_states")).fetchall()
        assert conn.execute("SELECT count(*) FROM dumps").fetchone()[0] == len(list(SAMPLE_LANDING.iterdir()))
    assert all(rows == 0 for _, rows in partial), partial
