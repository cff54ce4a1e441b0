"""`newswh`: the project's command line (demo, ingest, bench, evaluation, migrations), built with click.

Each command's --help ends with the settings it reads (environment variables, pipelines/config.py) and the value
in force. --landing and --warehouse replace LANDING_DIR and WAREHOUSE_PATH for this process only: the settings
are put in force with `use_settings`, never written to os.environ.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipelines.cli_base import (
    BENCH,
    LAKE,
    LOAD,
    READ,
    _fail,
    _numbers,
    _offline,
    _reason,
    _run,
    _with_progress,
    bench_landing_option,
    cli,
    command,
    landing_option,
    warehouse_option,
)

if TYPE_CHECKING:
    from pipelines.config import Settings


# --- loading ---------------------------------------------------------------------------------------------------


def _loading_command(name: str, summary: str, details: str, module: str, function: str) -> None:
    """demo and ingest: load the landing folder (--landing, --warehouse) with progress shown."""

    @command(name, summary, details, LOAD)
    @landing_option
    @warehouse_option
    def run(landing: str | None, warehouse: str | None) -> int:
        action = getattr(importlib.import_module(module), function)
        return _run(name, _with_progress(lambda _: action()), landing, warehouse, check_landing=True)


_loading_command(
    "demo",
    "run the whole asset graph on a landing folder and show what loaded",
    "The landing folder defaults to LANDING_DIR or landing/, which `make demo` seeds with the sample.",
    "pipelines.tools.demo",
    "run_demo",
)
_loading_command(
    "ingest",
    "load what is new in the landing folder on the persistent Dagster instance, then exit",
    "Uses DAGSTER_HOME; exit status 1 when a run failed.",
    "pipelines.tools.ingest",
    "run_ingest",
)


@command(
    "reload",
    "load these landing files again now (a fixed or re-delivered file)",
    "FILES are paths relative to the landing folder (dumps.file_key), or paths inside it; one ingest_job run "
    "on the persistent Dagster instance.",
    LOAD,
)
@click.argument("files", nargs=-1, required=True)
def reload(files: tuple[str, ...]) -> int:
    from pipelines.ingest.landing import NotALandingFile, landing_key_of
    from pipelines.tools.ingest import run_reload

    def action(current: Settings) -> int:
        try:  # every path checked before anything runs: a bad one would leave a permanent `failed` dump row
            keys = [landing_key_of(current.landing_dir, given) for given in files]
        except NotALandingFile as exc:
            return _fail("reload", str(exc))
        return run_reload(keys)

    return _run("reload", _with_progress(action), check_landing=True)


# --- benchmarks --------------------------------------------------------------------------------------------------


@command("bench", "ingest a landing folder into a fresh warehouse through Dagster and time it", settings=LOAD)
@bench_landing_option
@click.option("--skip-extract", is_flag=True, help="parse + load only (no entities/topics)")
@click.option("--summary", is_flag=True, help="print what the bench warehouse holds afterwards")
def bench(landing: str, skip_extract: bool, summary: bool) -> int:
    run_bench = _offline("benchmarks.bench").run_bench

    def action(current: Settings) -> int:
        return run_bench(current, extract=not skip_extract, print_summary_after=summary)

    return _run("bench", _with_progress(action), landing, check_landing=True)


@command("bench-concurrent", "load a landing folder while two analyst processes query", settings=LOAD)
@bench_landing_option
@click.option(
    "--batch-size", type=int, default=200, show_default=True, help="dumps per run (more runs, more publishes)"
)
def bench_concurrent(landing: str, batch_size: int) -> int:
    run_bench_concurrent = _offline("benchmarks.bench_concurrent").run_bench_concurrent

    return _run("bench-concurrent", lambda current: run_bench_concurrent(current, batch_size=batch_size), landing)


@command(
    "cluster-demo",
    "ingest a landing folder on a local PostgreSQL + Dask cluster and compare with embedded",
    "Everything on 127.0.0.1; every table is compared with an embedded run of the same files.",
    LOAD,
)
@bench_landing_option
@click.option("--workers", type=int, default=2, show_default=True, help="Dask worker processes")
def cluster_demo(landing: str, workers: int) -> int:
    run_cluster_demo = _offline("benchmarks.cluster_demo").run_cluster_demo

    return _run(
        "cluster-demo",
        lambda current: run_cluster_demo(current.with_overrides(landing_settle_s=0), workers=workers),
        landing,
        check_landing=True,
    )


@command("bench-examples", "median latency of each sql/examples query on Nx copies of a warehouse")
@click.option("--warehouse", required=True, help="a loaded warehouse (read only; copies are made)")
@click.option("--scales", default="1,44", show_default=True, help="comma-separated copy factors")
@click.option("--runs", type=int, default=5, show_default=True, help="timed runs per query (the median is printed)")
@click.option("--keep", help="folder to keep (and reuse) the Nx copies in, instead of a temp folder")
def bench_examples(warehouse: str, scales: str, runs: int, keep: str | None) -> int:
    run_bench_examples = _offline("benchmarks.bench_examples").run_bench_examples

    return _run(
        "bench-examples",
        lambda _: run_bench_examples(Path(warehouse), _numbers(scales), runs, Path(keep) if keep else None),
    )


@command(
    "bench-scale",
    "cost of a full load, of adding dumps, the idle tick and the examples on Nx copies",
    "Copies of the bench loaded by `newswh ingest` children.",
    LOAD,
)
@click.option("--source", default=BENCH, show_default=True, help="dump folder to copy (with its MANIFEST.tsv)")
@click.option("--scales", default="1,10,44", show_default=True, help="comma-separated copy factors")
@click.option(
    "--fill",
    type=click.Choice(["sql", "ingest"]),
    default="sql",
    show_default=True,
    help="build the Nx warehouse by loading copy 0 and replicating its rows in SQL (fast), or by loading every copy",
)
@click.option("--adds", default="1,10", show_default=True, help="comma-separated numbers of dumps added in turn")
@click.option("--runs", type=int, default=5, show_default=True, help="timed runs per example query (the median)")
@click.option("--files", type=int, help="use only the first FILES source files (a quick run)")
@click.option(
    "--keep",
    help="folder for the generated landing folders, warehouses and instances (default: a temp folder, removed)",
)
def bench_scale(source: str, scales: str, fill: str, adds: str, runs: int, files: int | None, keep: str | None) -> int:
    run_bench_scale = _offline("benchmarks.bench_scale").run_bench_scale

    return _run(
        "bench-scale",
        lambda _: run_bench_scale(
            Path(source).resolve(),
            _numbers(scales),
            fill=fill,
            adds=_numbers(adds),
            runs=runs,
            files=files,
            keep=Path(keep).resolve() if keep else None,
        ),
    )


# --- evaluation --------------------------------------------------------------------------------------------------


@command("eval-ner", "score the entity extractor on a JSONL file")
@click.argument("file")
def eval_ner(file: str) -> int:
    evaluation = _offline("training.ner.evaluate")

    try:
        evaluation.evaluate_file(file, out=sys.stdout)
    except (OSError, UnicodeDecodeError, evaluation.EvaluationInputError) as exc:
        return _fail("eval-ner", f"{file}: {_reason(exc)}")
    return 0


@command("eval-topics", "score the topic classifier on a JSONL file")
@click.argument("file")
def eval_topics(file: str) -> int:
    evaluation = _offline("training.topics.evaluate")

    try:
        evaluation.evaluate_file(file, out=sys.stdout)
    except (OSError, UnicodeDecodeError, evaluation.EvaluationInputError) as exc:
        return _fail("eval-topics", f"{file}: {_reason(exc)}")
    return 0


# --- the lake ----------------------------------------------------------------------------------------------------


def _lake_command(name: str, summary: str, details: str = "", settings: tuple[str, ...] = LAKE) -> None:
    """migrate, publish, maintain and clean-warehouse: only --warehouse."""

    @command(name, summary, details, settings)
    @warehouse_option
    def run(warehouse: str | None) -> int:
        from pipelines.tools.lake_commands import run_lake_command

        return _run(name, lambda current: run_lake_command(name, current), warehouse=warehouse)


_lake_command("migrate", "apply pending schema migrations to the warehouse lake")
_lake_command(
    "publish",
    "publish the lake's current snapshot to analysts now (refused while a dump is half done)",
    settings=(*LAKE, "repair_max_attempts"),
)
_lake_command(
    "maintain",
    "lake maintenance now: merge small files, expire old snapshots, delete unused files",
    settings=(*LAKE, "snapshot_retention_days", "file_grace_s"),
)
_lake_command(
    "clean-warehouse",
    "reset: delete every file of the embedded warehouse lake and its Dagster state",
    "Removes the catalog, its WAL, the data folder, the previous version's files, the report beside it "
    "and the Dagster state of its loads in DAGSTER_HOME.",
    (*LAKE, "dagster_home", "report_path"),
)


@command(
    "attach-sql", "print the statements a plain DuckDB session runs to attach the published warehouse", settings=READ
)
@warehouse_option
@click.option("--snapshot", help="a snapshot id to pin instead of the published one, or 'latest'")
def attach_sql(warehouse: str | None, snapshot: str | None) -> int:
    from pipelines.tools.lake_commands import run_lake_command

    return _run("attach-sql", lambda current: run_lake_command("attach-sql", current, snapshot), warehouse=warehouse)


@command(
    "rebuild",
    "build a new lake from a landing folder (e.g. to replace a warehouse of an earlier version)",
    settings=LOAD,
)
@landing_option
@warehouse_option
def rebuild(landing: str | None, warehouse: str | None) -> int:
    from pipelines.tools.lake_commands import run_lake_command

    return _run(
        "rebuild",
        _with_progress(lambda current: run_lake_command("rebuild", current)),
        landing,
        warehouse,
        check_landing=True,
    )


# --- analysts ----------------------------------------------------------------------------------------------------


def _analyst(name: str, action: Callable[[Settings], int | None], warehouse: str | None) -> int:
    """Commands that read the analysts' warehouse: a missing file is one clear line and exit status 1."""
    from pipelines.tools.summary import MissingWarehouseError
    from pipelines.warehouse.lake import NoWarehouseError, OldWarehouseError

    try:
        return _run(name, lambda current: action(current) or 0, warehouse=warehouse)
    except (MissingWarehouseError, NoWarehouseError, OldWarehouseError) as exc:
        print(f"newswh {name}: {exc}", file=sys.stderr)
        return 1


@command("summary", "print tables, row counts and example rows of the warehouse", settings=READ)
@warehouse_option
def summary(warehouse: str | None) -> int:
    from pipelines.tools.summary import print_summary

    return _analyst("summary", lambda _: print_summary(), warehouse)


@command("sql", "open the warehouse read-only in a SQL shell (Harlequin); piped SQL runs and prints", settings=READ)
@warehouse_option
@click.option("-e", "--execute", help="run these statements and print the results instead of opening the shell")
def sql_shell(warehouse: str | None, execute: str | None) -> int:
    from pipelines.tools.sql_shell import open_shell

    return _analyst("sql", lambda current: open_shell(current.lake, execute), warehouse)


@command("search", "ranked full-text search (BM25) over titles and bodies", settings=READ)
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True, help="articles shown")
@warehouse_option
def search(query: str, limit: int, warehouse: str | None) -> int:
    from pipelines.tools.sql_shell import print_search

    return _analyst("search", lambda current: print_search(current.lake, query, limit), warehouse)


@command(
    "report",
    "write the self-contained HTML report (charts, map) of the warehouse",
    settings=(*READ, "report_path", "report_window_days"),
)
@warehouse_option
@click.option("--out", help="HTML file to write (default: REPORT_PATH or warehouse/report.html)")
@click.option("--days", type=int, help="window for the top people/places/organisations (default: REPORT_WINDOW_DAYS)")
def report(warehouse: str | None, out: str | None, days: int | None) -> int:
    from pipelines.tools.report import write_report_file

    def action(_: Settings) -> None:
        written = write_report_file(out=Path(out).resolve() if out else None, window_days=days)
        print(f"wrote {written.path} ({written.bytes / 1e6:.1f} MB) in {written.seconds:.1f}s")

    return _analyst("report", action, warehouse)


def main(argv: list[str] | None = None) -> int:
    """The exit status: the command's, 2 for a usage error (click prints which), 1 when interrupted."""
    try:
        result = cli.main(args=argv, prog_name="newswh", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        print("newswh: interrupted", file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
