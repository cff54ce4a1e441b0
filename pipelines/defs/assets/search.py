"""The `search_index` asset: the BM25 full-text index (terms, postings, lengths) of each dump's articles."""

import time

import dagster as dg

from pipelines.defs.assets.per_dump import BatchWork, per_dump_asset_options, run_per_dump
from pipelines.defs.checks import check_result
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.search.terms import SEARCH_VERSION, index_frames
from pipelines.warehouse.load_search import compact_index, index_articles

BATCH_ARTICLES = 5_000  # bounds the memory of one segmentation + load round on a big backfill
CHECKS = {
    "articles_indexed": (
        "Every article of the run has a search_documents row showing its current title, kind, day and source.",
        "checks/articles_not_indexed",
    ),
    "document_frequencies_match": (
        "search_terms.df equals the postings count of the run's terms.",
        "checks/search_df_mismatch",
    ),
}


def _load(conn, batch: list[dict], frames) -> int:
    documents, postings = frames
    index_articles(conn, documents, postings)
    return postings.height


@arrival_day_asset(
    **per_dump_asset_options(
        "search_index",
        SEARCH_VERSION,
        CHECKS,
        "Full-text index of the dump's articles (rjieba words, BM25) behind the search_articles(query) SQL macro.",
    )
)
def search_index(context: dg.AssetExecutionContext, warehouse: WarehouseResource, runs: RunsResource):
    yield from run_per_dump(
        context,
        warehouse,
        runs,
        "search_index",
        CHECKS,
        BATCH_ARTICLES,
        BatchWork(extract=index_frames, load=_load),
        {"search_version": SEARCH_VERSION},
        SEARCH_VERSION,
    )


@dg.asset(
    deps=["search_index"],
    group_name="corpus",
    kinds={"duckdb"},
    check_specs=[dg.AssetCheckSpec("postings_in_term_order", asset="search_index_compaction", blocking=True)],
    description="Daily rewrite of search_postings and search_terms in term order so search_articles stays fast as "
    "loads accumulate.",
)
def search_index_compaction(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    started = time.perf_counter()
    with warehouse.connect() as conn:
        compact_index(conn)
        postings = conn.execute("SELECT count(*) FROM search_postings").fetchone()[0]
        check = check_result(
            conn, "search_index_compaction", "postings_in_term_order", "checks/search_postings_unsorted", {}
        )
    yield dg.MaterializeResult(metadata={"postings": postings, "seconds": round(time.perf_counter() - started, 3)})
    yield check
