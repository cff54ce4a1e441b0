"""A long step's progress, for the Dagster UI (log events as it goes) and for the command that runs it."""

import dagster as dg

from pipelines import progress

LOGGED_STEPS = 10  # a step of several batches logs when it passes each tenth of its work


def step_progress(
    context: dg.AssetExecutionContext,
    step: str,
    done: int,
    total: int,
    batch: int,
    unit: str = "articles",
    detail: str = "",
) -> None:
    """Tell the command (pipelines/progress.py) after every batch of `batch` items; log to the run's events when
    the step passes a tenth of its work, so the UI shows how far a long step got, in at most ten lines, and a
    step of one batch logs nothing."""
    progress.report(step, done, total, unit, detail)
    if total > batch and done * LOGGED_STEPS // total > (done - batch) * LOGGED_STEPS // total:
        context.log.info(f"{step}: {done:,}/{total:,} {unit}" + (f", {detail}" if detail else ""))
