"""Assembles the Dagster code location; nothing is defined here."""

import dagster as dg

from pipelines.config import settings
from pipelines.defs.assets.articles import articles
from pipelines.defs.assets.corpus import article_keywords, discovered_themes
from pipelines.defs.assets.entities import entity_mentions
from pipelines.defs.assets.published import published_corpus, published_dumps
from pipelines.defs.assets.quotes import article_quotations
from pipelines.defs.assets.report import analyst_report
from pipelines.defs.assets.search import search_index, search_index_compaction
from pipelines.defs.assets.stories import article_stories
from pipelines.defs.assets.threads import story_threads
from pipelines.defs.assets.tone import article_tone
from pipelines.defs.assets.topics import article_topics
from pipelines.defs.jobs import build_jobs, default_executor
from pipelines.defs.maintenance import lake_maintenance_job, lake_maintenance_schedule
from pipelines.defs.repair import repair_sensor
from pipelines.defs.resources import default_resources
from pipelines.defs.schedules import daily_corpus_refresh
from pipelines.defs.sensors import landing_sensor


def build_definitions() -> dg.Definitions:
    """Resources and jobs read the environment when called, so tools can point them elsewhere first."""
    return dg.Definitions(
        assets=[
            articles,
            entity_mentions,
            article_topics,
            discovered_themes,
            article_keywords,
            search_index,
            search_index_compaction,
            analyst_report,
            article_stories,
            article_quotations,
            article_tone,
            story_threads,
            published_dumps,
            published_corpus,
        ],
        jobs=[*build_jobs(settings()), lake_maintenance_job],
        sensors=[landing_sensor, repair_sensor],
        schedules=[daily_corpus_refresh, lake_maintenance_schedule],
        resources=default_resources(),
        executor=default_executor(settings()),
    )


defs = build_definitions()
