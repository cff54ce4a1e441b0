"""The `article_quotations` asset: who said what in the dump's articles (direct and reported speech)."""

import dagster as dg

from pipelines.defs.assets.per_dump import BatchWork, per_dump_asset_options, run_per_dump
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.quotes.batch import quotations_frame
from pipelines.quotes.extract import QUOTES_VERSION
from pipelines.warehouse.load_quotes import load_quotations, mentions_of_articles
from pipelines.warehouse.settings import single_threaded

BATCH_ARTICLES = 5_000  # bounds memory of one round (texts + mentions) on a big backfill, as the other text steps
CHECKS = {
    "quotation_offsets_slice_to_quote": (
        "text[start:end] == quote, and the byte range is the quote's UTF-8 bytes.",
        "checks/quotation_offsets",
    ),
}


def _mentions(conn, batch: list[dict]) -> tuple:
    single_threaded(conn)  # also holds for the loads and checks that follow on this connection
    return (mentions_of_articles(conn, [a["article_id"] for a in batch]),)


def _load(conn, batch: list[dict], frame) -> int:
    load_quotations(conn, [a["article_id"] for a in batch], frame)
    return frame.height


@arrival_day_asset(
    **{
        **per_dump_asset_options(
            "article_quotations",
            QUOTES_VERSION,
            CHECKS,
            "Quotations (direct and reported speech) of the dump's articles: quote, offsets, verb, speaker as written "
            "and the entity it stands for.",
        ),
        "deps": ["articles", "entity_mentions"],  # speakers are resolved on the article's entity mentions
    }
)
def article_quotations(context: dg.AssetExecutionContext, warehouse: WarehouseResource, runs: RunsResource):
    yield from run_per_dump(
        context,
        warehouse,
        runs,
        "article_quotations",
        CHECKS,
        BATCH_ARTICLES,
        BatchWork(extract=quotations_frame, load=_load, prepare=_mentions),
        {"quotes_version": QUOTES_VERSION},
        QUOTES_VERSION,
    )
