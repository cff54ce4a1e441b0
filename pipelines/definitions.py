"""Assembles the Dagster code location; nothing is defined here."""

import dagster as dg

from pipelines.defs.assets.articles import articles
from pipelines.defs.assets.corpus import article_keywords, discovered_themes
from pipelines.defs.assets.entities import entity_mentions
from pipelines.defs.assets.stories import article_stories
from pipelines.defs.assets.topics import article_topics
from pipelines.defs.resources import default_resources
from pipelines.defs.schedules import daily_corpus_refresh
from pipelines.defs.sensors import landing_sensor


def build_definitions() -> dg.Definitions:
    """Resources read the environment when called, so tools can point them elsewhere first."""
    return dg.Definitions(
        assets=[articles, entity_mentions, article_topics, discovered_themes, article_keywords,
                article_stories],
        sensors=[landing_sensor],
        schedules=[daily_corpus_refresh],
        resources=default_resources(),
    )


defs = build_definitions()
