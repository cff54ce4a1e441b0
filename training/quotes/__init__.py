"""Training and evaluation for pipelines.quotes."""
