"""Operator tools behind the `newswh` command: demo, bench, summary."""
