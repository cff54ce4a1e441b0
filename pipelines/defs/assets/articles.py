"""The `articles` asset: parse the dump files of the run and load them into DuckDB.

A run loads the files its config names (the landing sensor's new files, or one file an operator
reloads), else every file of its arrival days (a re-run or backfill of whole days).
"""

from collections.abc import Iterator
from datetime import date

import dagster as dg
from pydantic import Field

from pipelines.defs.assets.per_dump import (
    KEYS_CHECK,
    KEYS_CHECK_TEXT,
    PER_DUMP_STEPS,
    failures_recorded,
    record_outcome,
)
from pipelines.defs.checks import check_result
from pipelines.defs.partitions import arrival_day_asset, day_range
from pipelines.defs.progress import step_progress
from pipelines.defs.resources import LandingResource, WarehouseResource
from pipelines.ingest.decode import DecodeLimits
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.parse import PARSER_VERSION
from pipelines.warehouse.arrivals import arrival_days_of, files_of_days, mark_steps_pending, register_arrivals
from pipelines.warehouse.load_articles import load_dumps

LOAD_BATCH = 500  # dumps per load transaction: bounds memory on a large backfill
LOAD_BATCH_BYTES = 64 * 1024 * 1024  # ... and so does the parsed text held: a batch of big dumps loads early

CHECKS = [
    dg.AssetCheckSpec(
        "records_reconcile",
        asset="articles",
        blocking=True,
        description="For every dump: raw records == parsed + quarantined.",
    ),
    dg.AssetCheckSpec(
        "titles_not_empty", asset="articles", blocking=True, description="No article of these dumps has a blank title."
    ),
    dg.AssetCheckSpec(
        "published_on_plausible",
        asset="articles",
        blocking=True,
        description="published_on is after MIN_PUBLISHED_YEAR and at most a year after the dump's reference date.",
    ),
    dg.AssetCheckSpec(KEYS_CHECK, asset="articles", blocking=True, description=KEYS_CHECK_TEXT),
]


class ArticlesConfig(dg.Config):
    files: list[str] | None = Field(
        default=None,
        description="Dump files to (re)load, as keys relative to the landing folder (dumps.file_key); they join "
        "the run's arrival day. Leave empty to reload every file of the run's arrival days.",
    )


@arrival_day_asset(
    check_specs=CHECKS,
    group_name="ingest",
    kinds={"duckdb", "polars"},
    code_version=PARSER_VERSION,
    description="Articles, occurrences (dump + byte range) and quarantined records of each dump file.",
)
def articles(
    context: dg.AssetExecutionContext, config: ArticlesConfig, warehouse: WarehouseResource, landing: LandingResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    first_day, last_day = day_range(context)
    outcomes, keys = [], []
    reference = date.fromisoformat(landing.reference_date) if landing.reference_date else None
    limits = DecodeLimits(landing.max_dump_bytes, landing.max_gzip_ratio)
    with (
        failures_recorded(context, warehouse, "articles", PARSER_VERSION, keys),
        warehouse.connect(on_wait=context.log.warning) as conn,
    ):
        run_id = context.run.run_id
        if config.files is not None:
            keys.extend(config.files)
            register_arrivals(conn, keys, last_day, run_id)
        else:
            keys.extend(files_of_days(conn, first_day, last_day))
        # A repair run keeps failure counts, so a dump that keeps failing is still given up.
        mark_steps_pending(conn, keys, PER_DUMP_STEPS, run_id, fresh=context.run.tags.get("newswh/repair") != "true")
        parsed, held, records = [], 0, 0
        arrived = arrival_days_of(conn, keys)
        for done, key in enumerate(keys, 1):
            dump = ingest_dump(
                landing.file_for(key),
                key,
                reference_override=reference,
                max_record_chars=landing.max_record_chars,
                landing_root=landing.folder,
                limits=limits,
                arrival_day=arrived.get(key, last_day),
            )
            records += dump.records
            step_progress(context, "articles", done, len(keys), 1, "files", f"{records:,} records")
            parsed.append(dump)
            held += dump.articles.estimated_size() + dump.quarantine.estimated_size()
            if len(parsed) >= LOAD_BATCH or held >= LOAD_BATCH_BYTES:
                outcomes.extend(load_dumps(conn, parsed))
                parsed, held = [], 0
        outcomes.extend(load_dumps(conn, parsed))
        for outcome in outcomes:
            if outcome.status == "failed":
                context.log.warning(f"dump {outcome.file_key} failed to load: {outcome.error}")
            if outcome.status == "skipped":
                context.log.warning(f"landing entry {outcome.file_key} skipped, never opened: {outcome.error}")
        checks = list(_checks(conn, keys, date(landing.min_published_year, 1, 1)))
        record_outcome(warehouse, conn, context, keys, "articles", PARSER_VERSION, checks)
    failed = [o for o in outcomes if o.status == "failed"]
    yield dg.MaterializeResult(
        metadata={
            "arrival_days": f"{first_day}..{last_day}",
            "dumps": len(outcomes),
            "loaded": sum(o.status == "loaded" for o in outcomes),
            "duplicates": sum(o.status == "duplicate" for o in outcomes),
            "failed": len(failed),
            "skipped": sum(o.status == "skipped" for o in outcomes),
            "failed_files": dg.MetadataValue.md(
                "\n".join(f"- `{o.file_key}`: {o.error}" for o in failed[:50]) or "none"
            ),
            "records": sum(o.records for o in outcomes),
            "parsed": sum(o.parsed for o in outcomes),
            "quarantined": sum(o.quarantined for o in outcomes),
            "articles_in_dumps": sum(o.articles for o in outcomes),
        }
    )
    yield from checks


def _checks(conn, keys: list[str], min_date: date) -> Iterator[dg.AssetCheckResult]:
    by_keys = {"file_keys": keys}
    queries = {
        "records_reconcile": ("checks/records_reconcile", by_keys),
        "titles_not_empty": ("checks/empty_titles", by_keys),
        "published_on_plausible": ("checks/implausible_dates", {**by_keys, "min_date": min_date}),
        KEYS_CHECK: ("checks/duplicate_keys_articles", by_keys),
    }
    for name, (query, params) in queries.items():
        yield check_result(conn, "articles", name, query, params)
