"""Training and evaluation for pipelines.topics."""
