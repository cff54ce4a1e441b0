"""Dagster wiring: thin assets, checks, sensors and schedule over the pure code. Importing it has no side effects."""
