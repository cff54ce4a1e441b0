"""Training and evaluation for pipelines.stories."""
