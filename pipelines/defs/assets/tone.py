"""The `article_tone` asset: tone of the dump's articles and of the sentences that mention entities."""

import dagster as dg

from pipelines.defs.assets.per_dump import BatchWork, per_dump_asset_options, run_per_dump
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.tone.batch import tone_frames
from pipelines.tone.score import TONE_VERSION
from pipelines.warehouse.load_quotes import load_tone, mention_starts_of_articles
from pipelines.warehouse.settings import single_threaded

BATCH_ARTICLES = 5_000  # bounds memory of one round (texts + mentions) on a big backfill, as the other text steps
CHECKS = {
    "tone_in_range": ("Polarity within [-1, 1], sums not negative, labels known.", "checks/tone_out_of_range"),
    "every_article_has_tone": (
        "Each article of the partition has an article_tone row.",
        "checks/articles_without_tone",
    ),
}


def _mention_starts(conn, batch: list[dict]) -> tuple:
    single_threaded(conn)  # also holds for the loads and checks that follow on this connection
    return (mention_starts_of_articles(conn, [a["article_id"] for a in batch]),)


def _load(conn, batch: list[dict], frames) -> int:
    articles, sentences = frames
    load_tone(conn, [a["article_id"] for a in batch], articles, sentences)
    return articles.height + sentences.height


@arrival_day_asset(
    **{
        **per_dump_asset_options(
            "article_tone",
            TONE_VERSION,
            CHECKS,
            "Tone (positive, negative, polarity) of the dump's articles and of each sentence mentioning an entity, "
            "from the HowNet lexicon with negation and degree adverbs.",
        ),
        "deps": ["articles", "entity_mentions"],  # sentence tone is kept for the sentences that mention entities
    }
)
def article_tone(context: dg.AssetExecutionContext, warehouse: WarehouseResource, runs: RunsResource):
    yield from run_per_dump(
        context,
        warehouse,
        runs,
        "article_tone",
        CHECKS,
        BATCH_ARTICLES,
        BatchWork(extract=tone_frames, load=_load, prepare=_mention_starts),
        {"tone_version": TONE_VERSION},
        TONE_VERSION,
    )
