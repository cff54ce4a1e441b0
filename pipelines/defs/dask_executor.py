"""Steps on the workers of a Dask cluster (cluster mode, EXECUTOR=dask): dagster-dask's executor, with what it
hands to Dask packed into one pickled payload.

Why not `dagster_dask.dask_executor` as it is: version 0.29.27 passes Dagster's run and plan objects to
`Client.submit` as task arguments, and the Dask scheduler walks named tuples inside task arguments looking for
futures; Dagster's records refuse iteration, so every run of a partitioned job fails in the scheduler's
`update_graph` ("Iteration is not allowed on `@record` TimeWindowPartitionsDefinition"). Packed into bytes, the
arguments leave the scheduler nothing to walk; the worker unpacks them and runs dagster-dask's own
`query_on_dask_worker`, and returns the step's events packed the same way. Everything else (one Dask task per
step, dependencies through futures, Dask re-running a task whose worker died) is dagster-dask's design.
tests/test_cluster.py runs the stock executor too and fails once it works, so this module can then go.
"""

from __future__ import annotations

import cloudpickle
import dagster as dg
import dask.distributed
from dagster_dask.executor import DaskExecutor, query_on_dask_worker


def run_packed_step(dependencies: list, payload: bytes) -> bytes:
    """On a worker: unpack the step's arguments, execute it, pack its events."""
    return cloudpickle.dumps(query_on_dask_worker(dependencies, *cloudpickle.loads(payload)))


class PackedDaskExecutor(DaskExecutor):
    """Runs each step of a run as one task on an existing Dask scheduler."""

    def execute(self, plan_context, execution_plan):
        if not plan_context.instance.is_persistent:
            raise dg.DagsterInvariantViolationError("Dask execution requires a persistent Dagster instance")
        futures: dict[str, dask.distributed.Future] = {}
        with dask.distributed.Client(self.cluster_configuration["address"]) as client:
            for level in execution_plan.get_steps_to_execute_by_level():
                for step in level:
                    dependencies = [
                        futures[key] for step_input in step.step_inputs for key in step_input.dependency_keys
                    ]
                    payload = cloudpickle.dumps(
                        (
                            plan_context.reconstructable_job,
                            plan_context.dagster_run,
                            plan_context.run_config,
                            [step.key],
                            plan_context.instance.get_ref(),
                            execution_plan.known_state,
                        )
                    )
                    # The run id in the key: a long-lived scheduler must not take a step of an earlier run for this one.
                    futures[step.key] = client.submit(
                        run_packed_step, dependencies, payload, key=f"{plan_context.dagster_run.run_id}.{step.key}"
                    )
            for _, packed in dask.distributed.as_completed(list(futures.values()), with_results=True):
                yield from cloudpickle.loads(packed)


@dg.executor(
    name="dask",
    requirements=dg.multiple_process_executor_requirements(),
    config_schema={"address": dg.Field(dg.StringSource, description="The Dask scheduler's address.")},
)
def packed_dask_executor(init_context: dg.InitExecutorContext) -> PackedDaskExecutor:
    return PackedDaskExecutor("existing", {"address": init_context.executor_config["address"]})
