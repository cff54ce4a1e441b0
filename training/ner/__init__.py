"""Training and evaluation for pipelines.extract.ner."""
