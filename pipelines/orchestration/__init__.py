"""Running the code location outside the daemon: Dagster instances and a driver that ticks the sensors
and executes what they request (the demo, the bench, `newswh ingest`, the tests). Not definitions."""
