"""`newswh`: the project's command line (demo, ingest, bench, evaluation, migrations)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.config import Settings

WAREHOUSE_HELP = ("the lake's catalog: a SQLite file (default: WAREHOUSE_PATH or warehouse/news.sqlite, data beside it) "
                  "or a postgres: connection string")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newswh", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="run the whole asset graph on a landing folder and show what loaded")
    demo.add_argument("--landing", help="landing folder (default: LANDING_DIR or landing/, which `make demo` seeds with the sample)")
    demo.add_argument("--warehouse", help=WAREHOUSE_HELP)

    ingest = sub.add_parser("ingest", help="load what is new in the landing folder on the persistent Dagster instance (DAGSTER_HOME), then exit")
    ingest.add_argument("--landing", help="landing folder (default: LANDING_DIR or landing/)")
    ingest.add_argument("--warehouse", help=WAREHOUSE_HELP)

    reload = sub.add_parser("reload", help="load these landing files again now (a fixed or re-delivered file), on the persistent Dagster instance")
    reload.add_argument("files", nargs="+", help="paths relative to the landing folder (dumps.file_key), or paths inside it")

    bench = sub.add_parser("bench", help="ingest a landing folder into a fresh warehouse through Dagster and time it")
    bench.add_argument("--landing", default="../shared/bench/xwlb-2012-2016")
    bench.add_argument("--skip-extract", action="store_true", help="parse + load only (no entities/topics)")
    bench.add_argument("--summary", action="store_true", help="print what the bench warehouse holds afterwards")

    concurrent = sub.add_parser("bench-concurrent", help="load a landing folder while two analyst processes query")
    concurrent.add_argument("--landing", default="../shared/bench/xwlb-2012-2016")
    concurrent.add_argument("--batch-size", type=int, default=200, help="dumps per run (more runs, more publishes)")

    cluster = sub.add_parser("cluster-demo", help="ingest a landing folder on a local PostgreSQL + Dask cluster "
                             "(127.0.0.1) and compare every table with an embedded run")
    cluster.add_argument("--landing", default="../shared/bench/xwlb-2012-2016")
    cluster.add_argument("--workers", type=int, default=2, help="Dask worker processes")

    bench_examples = sub.add_parser("bench-examples", help="median latency of each sql/examples query on Nx copies of a warehouse")
    bench_examples.add_argument("--warehouse", required=True, help="a loaded warehouse (read only; copies are made)")
    bench_examples.add_argument("--scales", default="1,44", help="comma-separated copy factors")
    bench_examples.add_argument("--runs", type=int, default=5, help="timed runs per query (the median is printed)")
    bench_examples.add_argument("--keep", help="folder to keep (and reuse) the Nx copies in, instead of a temp folder")

    bench_scale = sub.add_parser("bench-scale", help="cost of a full load, of adding 1 and 10 dumps, the idle tick and the examples on Nx copies of the bench (newswh ingest children)")
    bench_scale.add_argument("--source", default="../shared/bench/xwlb-2012-2016", help="dump folder to copy (with its MANIFEST.tsv)")
    bench_scale.add_argument("--scales", default="1,10,44", help="comma-separated copy factors")
    bench_scale.add_argument("--fill", choices=("sql", "ingest"), default="sql",
                             help="build the Nx warehouse by loading copy 0 and replicating its rows in SQL (fast), or by loading every copy")
    bench_scale.add_argument("--adds", default="1,10", help="comma-separated numbers of dumps added in turn")
    bench_scale.add_argument("--runs", type=int, default=5, help="timed runs per example query (the median is printed)")
    bench_scale.add_argument("--files", type=int, help="use only the first FILES source files (a quick run)")
    bench_scale.add_argument("--keep", help="folder for the generated landing folders, warehouses and instances (default: a temp folder, removed)")

    eval_ner = sub.add_parser("eval-ner", help="score the entity extractor on a JSONL file")
    eval_ner.add_argument("file")
    eval_topics = sub.add_parser("eval-topics", help="score the topic classifier on a JSONL file")
    eval_topics.add_argument("file")

    migrate = sub.add_parser("migrate", help="apply pending schema migrations to the warehouse lake")
    migrate.add_argument("--warehouse", help=WAREHOUSE_HELP)
    publish = sub.add_parser("publish", help="publish the lake's current snapshot to analysts now (refused while a dump is half done)")
    publish.add_argument("--warehouse", help=WAREHOUSE_HELP)
    attach = sub.add_parser("attach-sql", help="print the statements a plain DuckDB session runs to attach the published warehouse read-only")
    attach.add_argument("--warehouse", help=WAREHOUSE_HELP)
    attach.add_argument("--snapshot", help="a snapshot id to pin instead of the published one, or 'latest'")
    maintain = sub.add_parser("maintain", help="lake maintenance now: merge small files, expire old snapshots, delete unused files")
    maintain.add_argument("--warehouse", help=WAREHOUSE_HELP)
    rebuild = sub.add_parser("rebuild", help="build a new lake from a landing folder (e.g. to replace a warehouse of an earlier version)")
    rebuild.add_argument("--landing", help="landing folder (default: LANDING_DIR or landing/)")
    rebuild.add_argument("--warehouse", help=WAREHOUSE_HELP)
    clean = sub.add_parser("clean-warehouse", help="reset: delete every file of the embedded warehouse lake (catalog, its WAL, data folder, the "
                           "previous version's files, the report beside it) and the Dagster state of its loads in DAGSTER_HOME")
    clean.add_argument("--warehouse", help=WAREHOUSE_HELP)
    summary = sub.add_parser("summary", help="print tables, row counts and example rows of the warehouse")
    summary.add_argument("--warehouse")
    sql_shell = sub.add_parser("sql", help="open the warehouse read-only in a SQL shell (Harlequin); piped SQL runs and prints")
    sql_shell.add_argument("--warehouse")
    sql_shell.add_argument("-e", "--execute", help="run these statements and print the results instead of opening the shell")
    search = sub.add_parser("search", help="ranked full-text search (BM25) over titles and bodies")
    search.add_argument("query", help="words, e.g. '台风 南海'")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--warehouse")
    report = sub.add_parser("report", help="write the self-contained HTML report (charts, map) of the warehouse")
    report.add_argument("--warehouse")
    report.add_argument("--out", help="HTML file to write (default: REPORT_PATH or warehouse/report.html)")
    report.add_argument("--days", type=int, help="window for the top people/places/organisations (default: REPORT_WINDOW_DAYS)")

    args = parser.parse_args(argv)
    from pipelines.config import use_settings

    # The command's settings: the environment's, with --landing/--warehouse in place of theirs. They are put in
    # force for this process only (never written to os.environ) and passed on to what takes them.
    with use_settings(_settings_of(args)) as current:
        return _run(args, current)


def _settings_of(args: argparse.Namespace) -> Settings:
    from pipelines.config import from_environment

    changes: dict[str, Path] = {}
    if getattr(args, "landing", None):
        changes["landing_dir"] = Path(args.landing).resolve()
    current = from_environment().with_overrides(**changes)
    return current.with_warehouse(args.warehouse) if getattr(args, "warehouse", None) else current


def _run(args: argparse.Namespace, current: Settings) -> int:
    if args.command in ("demo", "bench", "ingest", "rebuild", "reload", "cluster-demo"):
        problem = _landing_problem(args)
        if problem:
            return _fail(args.command, problem)

    if args.command == "demo":
        from pipelines.tools.demo import run_demo

        return run_demo()
    if args.command == "reload":
        from pipelines.ingest.landing import NotALandingFile, landing_key_of
        from pipelines.tools.ingest import run_reload

        try:  # every path checked before anything runs: a bad one would leave a permanent `failed` dump row
            keys = [landing_key_of(current.landing_dir, given) for given in args.files]
        except NotALandingFile as exc:
            return _fail(args.command, str(exc))
        return run_reload(keys)
    if args.command == "ingest":
        from pipelines.tools.ingest import run_ingest

        return run_ingest()
    if args.command == "bench":
        from pipelines.tools.bench import run_bench

        return run_bench(current, extract=not args.skip_extract, print_summary_after=args.summary)
    if args.command == "bench-concurrent":
        from pipelines.tools.bench_concurrent import run_bench_concurrent

        return run_bench_concurrent(current, batch_size=args.batch_size)
    if args.command == "cluster-demo":
        from pipelines.tools.cluster_demo import run_cluster_demo

        return run_cluster_demo(current.with_overrides(landing_settle_s=0), workers=args.workers)
    if args.command == "bench-examples":
        from pipelines.tools.bench_examples import run_bench_examples

        keep = Path(args.keep) if args.keep else None
        return run_bench_examples(Path(args.warehouse), [int(x) for x in args.scales.split(",")], args.runs, keep)
    if args.command == "bench-scale":
        from pipelines.tools.bench_scale import run_bench_scale

        return run_bench_scale(
            Path(args.source).resolve(), [int(x) for x in args.scales.split(",")], fill=args.fill,
            adds=[int(x) for x in args.adds.split(",")], runs=args.runs, files=args.files,
            keep=Path(args.keep).resolve() if args.keep else None,
        )
    if args.command == "eval-ner":
        from pipelines.extract.ner.evaluate import EvaluationInputError, evaluate_file

        try:
            evaluate_file(args.file, out=sys.stdout)
        except (OSError, UnicodeDecodeError, EvaluationInputError) as exc:
            return _fail(args.command, f"{args.file}: {_reason(exc)}")
        return 0
    if args.command == "eval-topics":
        from pipelines.topics.evaluate import EvaluationInputError as TopicsInputError
        from pipelines.topics.evaluate import evaluate_file as evaluate_topics

        try:
            evaluate_topics(args.file, out=sys.stdout)
        except (OSError, UnicodeDecodeError, TopicsInputError) as exc:
            return _fail(args.command, f"{args.file}: {_reason(exc)}")
        return 0
    if args.command in ("migrate", "publish", "attach-sql", "maintain", "rebuild", "clean-warehouse"):
        from pipelines.tools.lake_commands import run_lake_command

        return run_lake_command(args, current)
    if args.command in ("summary", "sql", "search", "report"):
        return _analyst_command(args, current)
    return 2


def _landing_problem(args: argparse.Namespace) -> str | None:
    """A landing folder that is missing is an error; an empty one only earns a warning (nothing to load)."""
    from pipelines.config import settings
    from pipelines.ingest.landing import scan_landing

    folder = settings().landing_dir
    if not folder.exists():
        return f"landing folder {folder} does not exist"
    if not folder.is_dir():
        return f"landing folder {folder} is not a directory"
    if not os.access(folder, os.R_OK | os.X_OK):
        return f"landing folder {folder} is not readable"
    if args.command != "reload" and not scan_landing(folder):
        print(f"newswh {args.command}: warning: landing folder {folder} holds no dump files; nothing to load",
              file=sys.stderr)
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start}: {exc.reason})"
    return str(exc)


def _fail(command: str, message: str) -> int:
    print(f"newswh {command}: error: {message}", file=sys.stderr)
    return 2


def _analyst_command(args: argparse.Namespace, current: Settings) -> int:
    """Commands that read the analysts' warehouse: a missing file is one clear line and exit status 1."""
    from pipelines.tools.summary import MissingWarehouseError
    from pipelines.warehouse.lake import NoWarehouseError, OldWarehouseError

    try:
        if args.command == "summary":
            from pipelines.tools.summary import print_summary

            print_summary()
        elif args.command == "sql":
            from pipelines.tools.sql_shell import open_shell

            return open_shell(current.lake, args.execute)
        elif args.command == "search":
            from pipelines.tools.sql_shell import print_search

            print_search(current.lake, args.query, args.limit)
        else:
            from pipelines.tools.report import write_report_file

            written = write_report_file(out=Path(args.out).resolve() if args.out else None, window_days=args.days)
            print(f"wrote {written.path} ({written.bytes / 1e6:.1f} MB) in {written.seconds:.1f}s")
    except (MissingWarehouseError, NoWarehouseError, OldWarehouseError) as exc:
        print(f"newswh {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
