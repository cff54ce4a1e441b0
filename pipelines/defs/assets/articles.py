"""The `articles` asset: parse every dump of the run's partitions and load it into DuckDB."""


from datetime import date
from pathlib import Path
from collections.abc import Iterator

import dagster as dg

from pipelines.config import settings
from pipelines.defs.assets.per_dump import failures_recorded, record_outcome
from pipelines.defs.checks import check_result
from pipelines.defs.partitions import dump_partitions
from pipelines.defs.resources import LandingResource, WarehouseResource
from pipelines.ingest.decode import DecodeLimits
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.parse import PARSER_VERSION
from pipelines.warehouse.frames import run_file
from pipelines.warehouse.load_articles import load_dumps

LOAD_BATCH = 500  # dumps per load transaction: bounds memory on a large backfill
LOAD_BATCH_BYTES = 64 * 1024 * 1024  # ... and so does the parsed text held: a batch of big dumps loads early

CHECKS = [
    dg.AssetCheckSpec("records_reconcile", asset="articles", blocking=True,
                      description="For every dump: raw records == parsed + quarantined."),
    dg.AssetCheckSpec("titles_not_empty", asset="articles", blocking=True,
                      description="No article of these dumps has a blank title."),
    dg.AssetCheckSpec("published_on_plausible", asset="articles", blocking=True,
                      description="published_on is after MIN_PUBLISHED_YEAR and at most a year after the dump's reference date."),
]


@dg.asset(
    partitions_def=dump_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    check_specs=CHECKS,
    group_name="ingest",
    kinds={"duckdb", "polars"},
    code_version=PARSER_VERSION,
    description="Articles, occurrences (dump + byte range) and quarantined records of each dump file.",
)
def articles(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, landing: LandingResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    config = settings()
    keys = list(context.partition_keys)
    outcomes = []
    with failures_recorded(context, warehouse, "articles", PARSER_VERSION), \
            warehouse.connect(on_wait=context.log.warning) as conn:
        parsed, held = [], 0
        for key in keys:
            dump = ingest_dump(landing.file_for(key), key, reference_override=config.reference_date,
                               max_record_chars=config.max_record_chars, landing_root=Path(landing.path),
                               limits=DecodeLimits(config.max_dump_bytes, config.max_gzip_ratio))
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
        checks = list(_checks(conn, keys, date(config.min_published_year, 1, 1)))
        # The dumps' rows were just rewritten: every later step has to run again before they are finished.
        run_file(conn, "load/clear_dump_steps", {"file_keys": keys})
        record_outcome(warehouse, conn, context, keys, "articles", PARSER_VERSION, checks)
    failed = [o for o in outcomes if o.status == "failed"]
    yield dg.MaterializeResult(
        metadata={
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
    }
    for name, (query, params) in queries.items():
        yield check_result(conn, "articles", name, query, params)
