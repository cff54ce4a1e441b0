"""The `article_tone` asset: tone of the dump's articles and of the sentences that mention entities."""

import dagster as dg

from pipelines.defs.assets.per_dump import per_dump_asset_options, run_per_dump
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import WarehouseResource
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


def _score_and_load(conn, batch: list[dict]) -> int:
    single_threaded(conn)  # also holds for the checks that follow on this connection
    ids = [a["article_id"] for a in batch]
    articles, sentences = tone_frames(batch, mention_starts_of_articles(conn, ids))
    load_tone(conn, ids, articles, sentences)
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
def article_tone(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    yield from run_per_dump(
        context,
        warehouse,
        "article_tone",
        CHECKS,
        BATCH_ARTICLES,
        _score_and_load,
        {"tone_version": TONE_VERSION},
        TONE_VERSION,
    )
