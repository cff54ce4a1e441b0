import dagster as dg


# Everything that hangs off a dump partition: parse/load, then per-article extraction.
ingest_job = dg.define_asset_job(
    "ingest_job",
    selection=dg.AssetSelection.groups("ingest", "extract") | dg.AssetSelection.assets("article_stories"),
)
# Corpus-wide assets (discovered themes, keywords) refreshed by the daily schedule.
corpus_job = dg.define_asset_job("corpus_job", selection=dg.AssetSelection.groups("corpus"))
