"""The whole bad-input corpus, mixed with good files, through the real sensor and real Dagster runs.

For every kind (tests/hostile/corpus.py): no crash, no hang, bounded memory, a `dumps` row with a
readable status, raw records = parsed + quarantined, byte ranges that slice back, nothing read from
outside the landing folder.
"""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import pytest

from pipelines.defs.checks import WARNING_CHECKS, blocking_failures
from pipelines.ingest.decode import read_dump
from pipelines.ingest.landing import path_for_key
from pipelines.warehouse.connection import warehouse
from tests.hostile.corpus import build_corpus, close_sockets

TIME_LIMIT_S = 240  # the whole run, sensor ticks included; a hang (FIFO) would block forever
MEMORY_LIMIT_KB = 2 << 20  # peak RSS growth; the bomb alone would need 4 GiB if decompressed whole


class Hung(Exception):
    pass


@pytest.fixture
def hang_guard():
    def alarm(signum, frame):
        raise Hung(f"no result after {TIME_LIMIT_S} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(TIME_LIMIT_S)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("hang_guard")
def test_bad_input_corpus_through_sensor_and_runs(tmp_path: Path, monkeypatch, instance) -> None:
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import ingest_landing

    landing = tmp_path / "landing"
    landing.mkdir()
    warehouse_path = tmp_path / "w.duckdb"
    monkeypatch.setenv("LANDING_DIR", str(landing))
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse_path))
    try:
        expected = build_corpus(landing, tmp_path / "outside")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        report = ingest_landing(build_definitions(), instance, include_corpus=False)  # corpus job: not per file
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    finally:
        close_sockets()

    # garbage text may well put odd names on top: the ranking check warns (never blocks), nothing else may fail
    assert not report.failed_runs and not blocking_failures(report.check_failures)
    assert set(report.check_failures) <= WARNING_CHECKS
    assert report.files_registered == len(expected)  # every name became a partition key via the sensor
    assert grown < MEMORY_LIMIT_KB, f"peak RSS grew by {grown} kB"

    with warehouse(warehouse_path, read_only=True) as conn:
        dumps = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT file_key, status, error, encoding, dump_id, records, parsed, quarantined FROM dumps"
            ).fetchall()
        }
        occurrences = conn.execute(
            "SELECT d.file_key, o.byte_start, o.byte_end, a.title FROM article_occurrences o "
            "JOIN dumps d USING (dump_id) JOIN articles a USING (article_id) WHERE d.status = 'loaded'"
        ).fetchall()
        quarantined = conn.execute(
            "SELECT d.file_key, q.byte_start, q.byte_end, q.raw_text FROM quarantine q "
            "JOIN dumps d USING (dump_id) WHERE d.status = 'loaded'"
        ).fetchall()
        rows = dict(
            conn.execute(
                "SELECT d.file_key, (SELECT count(*) FROM article_occurrences o WHERE o.dump_id = d.dump_id)"
                " + (SELECT count(*) FROM quarantine q WHERE q.dump_id = d.dump_id) FROM dumps d"
                " WHERE d.status = 'loaded'"
            ).fetchall()
        )
        leaked = conn.execute("SELECT count(*) FROM articles WHERE body LIKE '%嘉兴%'").fetchone()[0]

    assert set(dumps) == set(expected), "every landing entry has a dumps row"
    assert leaked == 0, "text from outside the landing folder was loaded"
    problems = []
    for key, kind in expected.items():
        status, error, encoding, dump_id, records, parsed, quarantined_count = dumps[key]
        if status not in kind.statuses:
            problems.append(f"{kind.name}: status {status} ({error}), expected {sorted(kind.statuses)}")
        if status in ("failed", "skipped") and not (error and error.isprintable()):
            problems.append(f"{kind.name}: {status} without a readable error")
        if kind.error_contains and kind.error_contains not in (error or ""):
            problems.append(f"{kind.name}: error {error!r} lacks {kind.error_contains!r}")
        if status == "loaded":
            if records != parsed + quarantined_count or rows[key] != records:
                problems.append(f"{kind.name}: records {records} != {parsed} + {quarantined_count} ({rows[key]} rows)")
            if parsed < kind.min_parsed:
                problems.append(f"{kind.name}: {parsed} articles, expected at least {kind.min_parsed}")
    assert not problems, "\n".join(problems)

    # Byte ranges slice back to the record, in the file's own encoding.
    raws = {}
    for key, start, end, text in occurrences + quarantined:
        if key not in raws:
            dump = read_dump(path_for_key(landing, key))
            raws[key] = (dump.raw, dump.encoding)
        raw, encoding = raws[key]
        errors = "strict" if encoding.startswith("utf-16") or encoding.startswith("utf-32") else "surrogateescape"
        piece = raw[start:end].decode(encoding, errors).replace("\r\n", "\n").replace("\r", "\n")
        piece = piece.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        assert text.strip()[:20] in piece, (key, start, end)
