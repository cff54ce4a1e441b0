"""Corpus-wide assets refreshed by the daily schedule: discovered themes and keywords."""

import time

import dagster as dg

from pipelines.defs.checks import check_result
from pipelines.defs.resources import WarehouseResource
from pipelines.topics.assign import discover_themes, keywords_for
from pipelines.warehouse.load_extractions import load_theme_run, replace_keywords
from pipelines.warehouse.sql_files import sql


def _all_articles(conn) -> list[dict]:
    return [dict(zip(("article_id", "title", "body"), row)) for row in conn.execute(sql("load/all_articles")).fetchall()]


@dg.asset(
    deps=["articles"],
    group_name="corpus",
    kinds={"duckdb", "sklearn"},
    check_specs=[dg.AssetCheckSpec("weights_in_unit_interval", asset="discovered_themes")],
    description="A topic model (NMF over TF-IDF) fitted on the whole corpus; each run is a new, versioned set of themes.",
)
def discovered_themes(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    started = time.perf_counter()
    with warehouse.connect() as conn:
        articles = _all_articles(conn)
        version, topics, assignments = discover_themes(articles)
        load_theme_run(conn, version, topics, assignments)
        check = check_result(conn, "discovered_themes", "weights_in_unit_interval",
                             "checks/theme_weights_out_of_range", {"model_version": version})
    yield dg.MaterializeResult(
        metadata={
            "model_version": version,
            "articles": len(articles),
            "themes": topics.height,
            "assignments": assignments.height,
            "seconds": round(time.perf_counter() - started, 3),
            "labels": dg.MetadataValue.md("\n".join(f"- {label}" for label in topics["label"].to_list()[:30]) or "none"),
        }
    )
    yield check


@dg.asset(
    deps=["articles"],
    group_name="corpus",
    kinds={"duckdb"},
    description="Top TF-IDF keywords per article against the current corpus statistics.",
)
def article_keywords(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started = time.perf_counter()
    with warehouse.connect() as conn:
        articles = _all_articles(conn)
        keywords = keywords_for(articles)
        replace_keywords(conn, keywords)
    return dg.MaterializeResult(
        metadata={"articles": len(articles), "keywords": keywords.height,
                  "seconds": round(time.perf_counter() - started, 3)}
    )
