"""`make bench-files`: the lake's file count and disk after the bench and after many small adds, before and after
maintenance (issue 19 item 5: maintenance keeps both bounded).

Loads a base folder of dumps in one run (the bench by default), then adds small dumps one run each, as the landing
sensor hands over files that arrive one at a time, and prints the lake's files every `--every` adds; finally the
maintenance job's work (merge small files, expire snapshots beyond the retention, delete unused files) with a
retention of zero days, so every snapshot but the published one goes. In-process Dagster runs on a throwaway
instance and lake; nothing configured is touched.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pipelines.config import PROJECT_ROOT, settings, use_settings
from pipelines.warehouse.lake import Lake
from pipelines.warehouse.maintenance import LakeFiles, lake_files, maintain


def describe(files: LakeFiles) -> str:
    disk = f", {files.files_on_disk} files / {files.bytes_on_disk / 1e6:.1f} MB on disk" if files.files_on_disk else ""
    return (
        f"{files.data_files} data files ({files.data_bytes / 1e6:.1f} MB), {files.delete_files} delete files, "
        f"{files.snapshots} snapshots{disk}"
    )


def run(base: Path, adds: Path, count: int, every: int, keep: Path | None = None) -> int:
    import dagster as dg

    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import run_files
    from pipelines.warehouse.connection import warehouse

    small = sorted(p for p in adds.iterdir() if p.suffix == ".txt")  # plain text: a record is appended to each
    with tempfile.TemporaryDirectory(prefix="newswh-bench-files-") as temporary:
        work = keep or Path(temporary)
        landing, lake_path = work / "landing", work / "news.sqlite"
        landing.mkdir()
        config = settings().with_overrides(
            landing_dir=landing,
            warehouse_path=lake_path,
            warehouse_catalog="",
            warehouse_data_path="",
            report_path=work / "report.html",
        )
        with use_settings(config), dg.instance_for_test(temp_dir=str(work)) as instance:
            defs, lake = build_definitions(), Lake.at(lake_path)

            def report(label: str) -> None:
                with warehouse(lake, snapshot="latest") as conn:
                    print(f"{label:<28} {describe(lake_files(conn, lake))}", flush=True)

            names = []
            for path in sorted(p for p in base.iterdir() if p.suffix in (".txt", ".gz")):
                shutil.copyfile(path, landing / path.name)
                names.append(path.name)
            started = time.perf_counter()
            if not run_files(defs, instance, names).success:
                raise RuntimeError("the base load failed")
            report(f"base ({len(names)} dumps, {time.perf_counter() - started:.0f} s)")

            def add(number: int) -> None:
                source = small[(number - 1) % len(small)]
                name = f"add_{number:04d}_{source.name}"
                (landing / name).write_bytes(source.read_bytes() + f"\n-\n增补{number}\n正文{number}。\n".encode())
                if not run_files(defs, instance, [name]).success:
                    raise RuntimeError(f"add {number} failed")

            def maintenance(label: str) -> None:
                with warehouse(lake) as conn:
                    done = maintain(conn, lake, retention_days=0, file_grace_s=0)
                print(
                    f"{label:<28} {describe(done.after)} "
                    f"({done.expired_snapshots} snapshots expired, {done.deleted_files} files deleted)",
                    flush=True,
                )

            for number in range(1, count + 1):
                add(number)
                if number % every == 0 or number == count:
                    report(f"after {number} small adds")
            maintenance("after maintenance")
            # Files that maintenance replaced are still read by the published snapshot: the next maintenance after
            # the next publish deletes them (the scheduled job runs daily).
            add(count + 1)
            maintenance("after one more add + maint.")
    return 0


def main(argv: list[str] | None = None) -> int:
    bench = PROJECT_ROOT.parent / "shared" / "bench" / "xwlb-2012-2016"
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_files", description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=bench, help="dumps loaded first, in one run")
    parser.add_argument(
        "--adds-from",
        type=Path,
        default=PROJECT_ROOT / "sample" / "landing",
        help="small dumps added one run each (cycled; each add is made distinct)",
    )
    parser.add_argument("--adds", type=int, default=100)
    parser.add_argument("--every", type=int, default=25, help="print the lake's files every N adds")
    parser.add_argument("--keep", type=Path, help="an empty folder to build in and leave (default: a temp folder)")
    args = parser.parse_args(argv)
    return run(args.base, args.adds_from, args.adds, args.every, args.keep)


if __name__ == "__main__":
    sys.exit(main())
