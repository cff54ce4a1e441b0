"""The lake's housekeeping as a Dagster job and schedule (logic in pipelines/warehouse/maintenance.py)."""

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse.maintenance import maintain


@dg.op(
    description="Merge small Parquet files, expire snapshots older than SNAPSHOT_RETENTION_DAYS (never the "
    "published one) and delete data files unused for LAKE_FILE_GRACE_S."
)
def maintain_lake(context: dg.OpExecutionContext, warehouse: WarehouseResource) -> dg.Output:
    with warehouse.connect(on_wait=context.log.warning) as conn:
        report = maintain(
            conn,
            warehouse.lake,
            retention_days=warehouse.snapshot_retention_days,
            file_grace_s=warehouse.file_grace_s,
            on_retry=context.log.warning,
        )
    before, after = report.before, report.after
    context.log.info(
        f"data files {before.data_files} -> {after.data_files}, snapshots {before.snapshots} -> "
        f"{after.snapshots}, deleted {report.deleted_files} file(s)"
    )
    return dg.Output(
        None,
        metadata={
            "data_files_before": before.data_files,
            "data_files_after": after.data_files,
            "data_bytes_after": after.data_bytes,
            "delete_files_after": after.delete_files,
            "snapshots_before": before.snapshots,
            "snapshots_after": after.snapshots,
            "expired_snapshots": report.expired_snapshots,
            "deleted_files": report.deleted_files,
            "files_on_disk_after": after.files_on_disk if after.files_on_disk is not None else -1,
        },
    )


@dg.job(description="Lake maintenance: keeps file counts and disk bounded however many runs committed.")
def lake_maintenance_job() -> None:
    maintain_lake()


lake_maintenance_schedule = dg.ScheduleDefinition(
    name="lake_maintenance_schedule",
    job=lake_maintenance_job,
    cron_schedule="30 4 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily lake maintenance (after the 03:00 corpus refresh): merge small files, expire old snapshots, "
    "delete unused files.",
)
