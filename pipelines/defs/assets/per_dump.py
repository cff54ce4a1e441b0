"""What the per-dump assets share: options, the batch loop over a run's articles, step bookkeeping.

Each per-dump step works on the dump files of the run's arrival days that it still owes (see
`dumps_for_step`): the files `articles` just loaded, and any a failed run left unfinished.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import dagster as dg

from pipelines.defs.checks import check_result
from pipelines.defs.partitions import day_range
from pipelines.defs.progress import step_progress
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.fanout import computed_ahead, worker_pool
from pipelines.warehouse.arrivals import dumps_for_step
from pipelines.warehouse.connection import retrying
from pipelines.warehouse.load_extractions import article_batches, article_ids_of_files

# Every per-dump asset: a dump is finished, and may be shown to analysts, once all of them are done.
PER_DUMP_STEPS = [
    "articles",
    "entity_mentions",
    "article_topics",
    "search_index",
    "article_stories",
    "article_quotations",
    "article_tone",
    "story_threads",
]


KEYS_CHECK = "keys_unique"
KEYS_CHECK_TEXT = (
    "No key of a table this step writes occurs twice for the run's articles (DuckLake has no primary "
    "key; the query is sql/checks/duplicate_keys_<step>.sql)."
)


def with_keys_check(asset: str, checks: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The asset's own checks plus its blocking duplicate-key check, derived from the step name so that a new step
    cannot be added without one (its query file must exist: a test reads every step's)."""
    return {**checks, KEYS_CHECK: (KEYS_CHECK_TEXT, f"checks/duplicate_keys_{asset}")}


def per_dump_asset_options(asset: str, version: str, checks: dict[str, tuple[str, str]], description: str) -> dict:
    """@arrival_day_asset keyword arguments for an asset computed from `articles`.

    `checks` maps a check name to (description, sql/checks query taking $article_ids); the duplicate-key check is
    added to them.
    """
    return {
        "name": asset,
        "deps": ["articles"],
        "group_name": "extract",
        "kinds": {"duckdb", "polars"},
        "code_version": version,
        "check_specs": [
            dg.AssetCheckSpec(name, asset=asset, blocking=True, description=text)
            for name, (text, _) in with_keys_check(asset, checks).items()
        ],
        "description": description,
    }


def dumps_owed(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, conn, step: str, version: str | None
) -> list[str]:
    first_day, last_day = day_range(context)
    return dumps_for_step(conn, step, version, first_day, last_day, warehouse.repair_max_attempts)


@contextmanager
def failures_recorded(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, step: str, version: str, keys: list[str]
) -> Iterator[None]:
    """On the step's last try, write its failure to `dump_steps` for `keys` (the step's dumps, filled in
    by the caller once known), then fail as before.

    Earlier tries are left to Dagster's retry policy; the record is what the publisher, the repair
    sensor and analysts see. Open the step's connection inside it: the record is written on a
    connection of its own once the step's has closed.
    """
    try:
        yield
    except Exception as exc:
        if context.retry_number >= warehouse.step_max_retries and keys:
            try:
                with warehouse.connect(on_wait=context.log.warning) as conn:
                    warehouse.record_failure(
                        conn, list(keys), step, version, context.run.run_id, f"{type(exc).__name__}: {exc}"
                    )
            except Exception as record_error:  # the original failure is what matters; say why it went unrecorded
                context.log.error(f"could not record the failure of {step} in dump_steps: {record_error}")
        raise


def record_outcome(
    warehouse: WarehouseResource,
    conn,
    context,
    keys: list[str],
    step: str,
    version: str,
    checks: list[dg.AssetCheckResult],
) -> None:
    """done, or check_failed naming the checks: a failed blocking check holds back publishing."""
    failed = [result.check_name for result in checks if not result.passed]
    if failed:
        warehouse.record_failure(
            conn,
            keys,
            step,
            version,
            context.run.run_id,
            f"blocking check(s) failed: {', '.join(failed)}",
            status="check_failed",
        )
    else:
        warehouse.record_steps(conn, keys, step, version, context.run.run_id)


@dataclass(frozen=True)
class BatchWork:
    """How a per-dump step handles one batch of articles.

    `prepare(conn, batch)` reads what the extraction needs, in the step's process (default: nothing);
    `extract(batch, *prepared)` is pure and picklable (a module-level function): it may run in a worker process;
    `load(conn, batch, extracted)` writes the result in one transaction and returns how many rows it wrote.
    """

    extract: Callable[..., Any]
    load: Callable[[Any, list[dict], Any], int]
    prepare: Callable[[Any, list[dict]], tuple] | None = None


def run_per_dump(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    runs: RunsResource,
    asset: str,
    checks: dict[str, tuple[str, str]],
    batch_size: int,
    work: BatchWork,
    metadata: dict,
    version: str,
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Extract and load the run's articles batch by batch, record the step as done, then check it.

    Only the run's article ids are held for the whole step; texts are read `batch_size` at a time,
    so memory follows the batch size, not the size of the dumps. With more than one batch, the next batches
    are extracted in `runs.extract_processes` worker processes while this one loads the current one.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    keys: list[str] = []
    with (
        failures_recorded(context, warehouse, asset, version, keys),
        warehouse.connect(on_wait=context.log.warning) as conn,
    ):
        keys.extend(dumps_owed(context, warehouse, conn, asset, version))
        article_ids = article_ids_of_files(conn, keys)
        rows = chars = done = 0
        jobs = (
            (batch, (batch, *(work.prepare(conn, batch) if work.prepare else ())))
            for batch in article_batches(conn, article_ids, batch_size)
        )
        with worker_pool(runs.extract_processes) as pool:
            for batch, extracted in computed_ahead(
                work.extract, jobs, pool, runs.extract_processes, on_broken=context.log.warning
            ):
                # A commit that conflicts with another step's (steps run side by side) loads this batch again;
                # each load deletes and inserts its own articles' rows, so a re-run replaces, never doubles.
                rows += retrying(lambda: work.load(conn, batch, extracted), on_retry=context.log.warning)  # noqa: B023 (called at once)
                chars += sum(len(a["title"]) + len(a["body"]) + 1 for a in batch)
                done += len(batch)
                step_progress(context, asset, done, len(article_ids), len(batch))
        ids = {"article_ids": article_ids}
        results = [
            check_result(conn, asset, name, query, ids) for name, (_, query) in with_keys_check(asset, checks).items()
        ]
        record_outcome(warehouse, conn, context, keys, asset, version, results)
    seconds = time.perf_counter() - started
    yield dg.MaterializeResult(
        metadata={
            **metadata,
            "dumps": len(keys),
            "articles": len(article_ids),
            "rows_written": rows,
            "chars": chars,
            "seconds": round(seconds, 3),
            "chars_per_s": round(chars / seconds) if seconds else 0,
            "cpu_seconds": round(time.process_time() - cpu_started, 3),  # this process's: not the extraction workers'
            "extract_processes": runs.extract_processes if len(article_ids) > batch_size else 1,
        }
    )
    yield from results
