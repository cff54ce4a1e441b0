import dagster as dg

from pipelines.defs.partitions import dump_partitions

# Everything that hangs off a dump partition: parse/load, then per-article extraction.
ingest_job = dg.define_asset_job(
    "ingest_job",
    selection=dg.AssetSelection.groups("ingest", "extract"),
    partitions_def=dump_partitions,
)
# Corpus-wide assets (discovered themes, keywords) refreshed by the daily schedule.
corpus_job = dg.define_asset_job("corpus_job", selection=dg.AssetSelection.groups("corpus"))
