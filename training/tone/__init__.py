"""Training and evaluation for pipelines.tone."""
