"""Extraction in worker processes (EXTRACT_PROCESSES) through a real sensor-driven ingest: the steps hand their
batches to spawned workers, and every table equals the one-process load of the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.compare import differences, fingerprints
from pipelines.defs.assets import corpus, entities, quotes, search, stories, tone, topics
from pipelines.fanout import WorkerPool
from pipelines.warehouse.connection import warehouse
from tests.conftest import load_example_corpus

STEPS_WITH_BATCHES = (entities, topics, search, tone, quotes, corpus, stories)


def test_extraction_in_workers_gives_the_one_process_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches of three articles: every step of the example corpus has several, so the workers get work. Both
    # loads use them (search term ids, for one, are handed out batch by batch); only the processes differ.
    for module in STEPS_WITH_BATCHES:
        monkeypatch.setattr(module, "BATCH_ARTICLES", 3)
    submitted: list[str] = []
    submit = WorkerPool.submit

    def counted(pool: WorkerPool, work, *args):
        submitted.append(work.__name__)
        return submit(pool, work, *args)

    monkeypatch.setattr(WorkerPool, "submit", counted)
    in_one_process = _tables(load_example_corpus(tmp_path / "one", REFERENCE_DATE="2025-07-18", EXTRACT_PROCESSES="1"))
    assert submitted == []
    in_workers = _tables(load_example_corpus(tmp_path / "workers", REFERENCE_DATE="2025-07-18", EXTRACT_PROCESSES="2"))

    assert {"extract_entities", "classify_articles", "index_frames", "tone_frames", "quotations_frame"} <= set(
        submitted
    )
    assert {"terms_frame", "keys_of"} <= set(submitted)  # the keyword step's tokenisation, the story sketches
    assert sum(rows for rows, _ in in_workers.values()) > 500
    # dumps.path names each load's own landing folder; its rows are compared by count.
    assert in_workers.pop("dumps")[0] == in_one_process.pop("dumps")[0]
    assert [d.table for d in differences(in_workers, in_one_process)] == []


def _tables(lake: Path) -> dict[str, tuple[int, int]]:
    with warehouse(lake, snapshot="latest") as conn:
        return fingerprints(conn)
