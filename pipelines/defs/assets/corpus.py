"""Corpus assets, incremental: keywords and themes for the articles that are new since the last run.

`article_keywords` tokenises each new article once (article_terms), updates the stored document frequencies and
scores the new articles' keywords against them. `discovered_themes` refits the theme model on a bounded sample
only when the corpus grew enough or the model is old, and themes every article the latest model has not scored.
"""

import time
from datetime import UTC, datetime, timedelta

import dagster as dg

from pipelines.defs.assets.per_dump import KEYS_CHECK
from pipelines.defs.checks import check_result
from pipelines.defs.resources import RunsResource, ThemesResource, WarehouseResource
from pipelines.fanout import worker_pool
from pipelines.topics.assign import (
    KEYWORDS_PER_ARTICLE,
    KEYWORDS_VERSION,
    theme_assignments,
    theme_topics_frame,
    tokenize_article,
)
from pipelines.topics.terms import TOKENIZER_VERSION
from pipelines.topics.themes import MAX_FIT_DOCS, ThemeModel, fit_theme_model, needs_refit
from pipelines.warehouse.corpus import (
    apply_theme_run,
    corpus_size,
    insert_new_keywords,
    latest_theme_run,
    prune_theme_runs,
    save_theme_run,
    theme_fit_sample,
    update_article_terms,
)

BATCH_ARTICLES = 5_000


@dg.asset(
    deps=["articles"],
    group_name="corpus",
    kinds={"duckdb"},
    description="Top TF-IDF keywords of each new article against document frequencies kept in the warehouse; "
    "each article is tokenised once (article_terms).",
)
def article_keywords(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, runs: RunsResource
) -> dg.MaterializeResult:
    started = time.perf_counter()
    with warehouse.connect() as conn, worker_pool(runs.extract_processes) as pool:
        retired, tokenised = update_article_terms(
            conn, TOKENIZER_VERSION, tokenize_article, BATCH_ARTICLES, pool=pool, on_broken=context.log.warning
        )
        keywords = insert_new_keywords(conn, KEYWORDS_VERSION, KEYWORDS_PER_ARTICLE)
        articles, terms = corpus_size(conn)
    return dg.MaterializeResult(
        metadata={
            "articles_tokenised": tokenised,
            "articles_retired": retired,
            "keywords_written": keywords,
            "corpus_articles": articles,
            "vocabulary": terms,
            "model_version": KEYWORDS_VERSION,
            "seconds": round(time.perf_counter() - started, 3),
        }
    )


@dg.asset(
    deps=["article_keywords"],  # themes read the article_terms that step keeps
    group_name="corpus",
    kinds={"duckdb", "sklearn"},
    check_specs=[
        dg.AssetCheckSpec("weights_in_unit_interval", asset="discovered_themes"),
        dg.AssetCheckSpec(
            KEYS_CHECK,
            asset="discovered_themes",
            blocking=True,
            description="No theme run, topic or article of the latest run occurs twice.",
        ),
    ],
    description="Discovered themes (NMF over TF-IDF) refitted on a bounded sample when the corpus grew or the model "
    "aged, applied to every article the latest run has not themed; the last few runs are kept.",
)
def discovered_themes(context: dg.AssetExecutionContext, warehouse: WarehouseResource, themes: ThemesResource):
    started = time.perf_counter()
    with warehouse.connect() as conn:
        corpus, _ = corpus_size(conn)
        latest = latest_theme_run(conn)
        now = datetime.now(UTC).replace(tzinfo=None)
        refit = needs_refit(
            latest.created_at if latest else None,
            latest.corpus_articles if latest else 0,
            corpus,
            now,
            themes.refit_growth,
            timedelta(days=themes.refit_days),
        )
        model = ThemeModel.from_bytes(latest.model) if latest else None
        sample_size = 0
        if refit:
            ids, docs = theme_fit_sample(conn, MAX_FIT_DOCS)
            sample_size = len(ids)
            fitted = fit_theme_model(docs, ids)
            if fitted is not None:
                model = fitted
                save_theme_run(
                    conn,
                    {
                        "model_version": model.version,
                        "created_at": now,
                        "corpus_articles": corpus,
                        "sample_articles": sample_size,
                        "n_themes": model.n_themes,
                        "model": model.to_bytes(),
                    },
                    theme_topics_frame(model),
                )
        prune_theme_runs(conn, themes.runs_kept)
        scored = written = 0
        if model is not None:
            scored, written = apply_theme_run(
                conn, model.version, lambda batch: theme_assignments(model, batch), BATCH_ARTICLES
            )
        version = model.version if model else ""
        checks = [
            check_result(
                conn,
                "discovered_themes",
                "weights_in_unit_interval",
                "checks/theme_weights_out_of_range",
                {"model_version": version},
            ),
            check_result(
                conn,
                "discovered_themes",
                KEYS_CHECK,
                "checks/duplicate_keys_discovered_themes",
                {"model_version": version},
            ),
        ]
    yield dg.MaterializeResult(
        metadata={
            "model_version": version,
            "refitted": bool(refit and sample_size),
            "fit_sample_articles": sample_size,
            "corpus_articles": corpus,
            "articles_themed": scored,
            "assignments": written,
            "themes": model.n_themes if model else 0,
            "seconds": round(time.perf_counter() - started, 3),
            "labels": dg.MetadataValue.md(
                "\n".join(f"- {'/'.join(t[:3])}" for t in (model.top_terms[:30] if model else [])) or "none"
            ),
        }
    )
    yield from checks
