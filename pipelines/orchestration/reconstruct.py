"""The jobs as Dagster rebuilds them in the processes it starts for steps (multiprocess executor, Dask workers).

Those processes import this module and call the function named, so each function lives at module level and
builds the definitions from the environment (the runner exports the settings in force before it starts them).
"""

import dagster as dg


def ingest_job() -> dg.JobDefinition:
    from pipelines.definitions import build_definitions

    return build_definitions().resolve_job_def("ingest_job")


def corpus_job() -> dg.JobDefinition:
    from pipelines.definitions import build_definitions

    return build_definitions().resolve_job_def("corpus_job")


RECONSTRUCTABLE = {"ingest_job": ingest_job, "corpus_job": corpus_job}


def reconstructable_job(name: str):
    return dg.reconstructable(RECONSTRUCTABLE[name])
