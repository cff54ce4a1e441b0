"""Benchmarks of the pipeline (`newswh bench`, `bench-concurrent`, `bench-examples`, `bench-scale`, `cluster-demo`).

Kept in the repository, out of the installed package: the pipeline never runs them, and they read ../shared.
"""
