"""Training and evaluation for pipelines.threads."""
