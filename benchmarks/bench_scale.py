"""`newswh bench-scale`: what a run costs as the warehouse grows, through the real `newswh ingest`.

For each scale N it builds a warehouse of N distinct copies of the bench corpus (`scale_corpus`), in a temp folder,
then adds 1 and then 10 new dumps (the feed's next days) and ticks once with nothing new, each a `newswh ingest`
child process on the persistent Dagster instance of that scale (its own LANDING_DIR, WAREHOUSE_PATH,
WORKING_WAREHOUSE_PATH and DAGSTER_HOME, set for the child only). The same adds to an empty warehouse are the
baseline of the ratios. CPU seconds and peak RSS are the child's own (`os.wait4`: user + system of the process and
everything it waited for), so they count the whole graph: sensor, runs, corpus job, publish.

Two ways to build the Nx warehouse (`--fill`):
- `ingest`: every copy lands in the landing folder and one `newswh ingest` loads all of them (the real full load;
  at 44x about 1 M articles and an hour on a 2-core machine);
- `sql` (default): one real `newswh ingest` of copy 0, then its lake's rows are replicated N-1 times
  with distinct ids (`scale_fill`) and `newswh publish` publishes it. The Dagster instance and the landing folder
  then hold only copy 0's files: the sensor tick and instance size rows are for 1x files and Nx rows. One
  unmeasured `newswh ingest` follows the fill, so no measured step pays for the first open of the filled file.
The table says which rows were measured how. Nothing is written into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.scale_corpus import SourceCorpus, add_dumps, load_source, write_copies, write_copy
from benchmarks.scale_fill import copy_lake, mark_copied_landing_registered
from pipelines.config import child_environment
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.lake import Lake

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MAX_INGEST_CALLS = 3  # a sensor may want a second look at a file before it loads it


@dataclass
class Step:
    """One child command: exit status, wall seconds, CPU seconds (user + system), peak RSS in MB, calls made."""

    returncode: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    calls: int = 1
    output: str = ""


@dataclass
class ScaleResult:
    factor: int | None  # None: the empty-warehouse baseline
    how: str = ""
    full_load_articles: int = 0  # articles the measured full load wrote (copy 0's for a filled scale)
    filled_articles: int = 0  # articles before the adds
    articles: int = 0  # articles after the adds
    full_load: Step | None = None
    fill_s: float | None = None
    idle: Step | None = None
    adds: dict[int, Step] = field(default_factory=dict)
    instance_mb: float = 0.0
    working_mb: float = 0.0
    examples_ms: dict[str, float] = field(default_factory=dict)


def run_child(args: list[str], env: dict[str, str]) -> Step:
    """Run a command in the project root with `env`; measure it alone (os.wait4 gives this child's rusage)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(args, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        wall = time.perf_counter() - started
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux.
    return Step(process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, 1, text)


# The project's own command line, run by this interpreter (the checkout's environment).
NEWSWH = (sys.executable, "-m", "pipelines.cli")


def newswh(command: str, driver: tuple[str, ...] = NEWSWH) -> list[str]:
    return [*driver, command]


def scale_env(folder: Path) -> dict[str, str]:
    """The environment of one scale's children: its own landing folder, warehouse files and Dagster instance."""
    env = child_environment(
        LANDING_DIR=str(folder / "landing"),
        WAREHOUSE_PATH=str(folder / "warehouse" / "news.sqlite"),
        REPORT_PATH=str(folder / "warehouse" / "report.html"),
        DAGSTER_HOME=str(folder / "dagster_home"),
        # The files are complete before the first tick: no need to wait for them to settle (wall time only).
        LANDING_SETTLE_S="0",
    )
    (folder / "landing").mkdir(parents=True, exist_ok=True)
    (folder / "warehouse").mkdir(parents=True, exist_ok=True)
    return env


def counts(lake_path: Path) -> tuple[int, int]:
    """(dumps, articles) in the lake's latest snapshot (0, 0 before the first load)."""
    lake = Lake.at(lake_path)
    if not lake.exists():
        return 0, 0
    with warehouse(lake, read_only=True, snapshot="latest") as conn:
        dumps = conn.execute("SELECT count(*) FROM dumps").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        return dumps, articles


def ingest_until_loaded(env: dict[str, str], expected_dumps: int, driver: tuple[str, ...] = NEWSWH) -> Step:
    """`newswh ingest` until the working database holds `expected_dumps` (at most MAX_INGEST_CALLS calls,
    costs summed): a sensor that wants two looks at a file across calls is measured as the operator would see it."""
    working = Path(env["WAREHOUSE_PATH"])
    total: Step | None = None
    for _ in range(MAX_INGEST_CALLS):
        step = run_child(newswh("ingest", driver), env)
        if total is None:
            total = step
        else:
            total = Step(
                max(total.returncode, step.returncode),
                total.wall_s + step.wall_s,
                total.cpu_s + step.cpu_s,
                max(total.peak_rss_mb, step.peak_rss_mb),
                total.calls + 1,
                total.output + step.output,
            )
        if step.returncode or counts(working)[0] >= expected_dumps:
            break
    if total.returncode or counts(working)[0] < expected_dumps:
        raise RuntimeError(
            f"newswh ingest did not load {expected_dumps} dumps in {env['LANDING_DIR']}:\n{total.output[-3000:]}"
        )
    return total


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure_adds(
    result: ScaleResult,
    corpus: SourceCorpus,
    env: dict[str, str],
    adds: list[int],
    runs: int,
    driver: tuple[str, ...] = NEWSWH,
) -> None:
    """Idle tick, then each add in turn (dumps numbered on from the previous add), then sizes and examples."""
    landing, working = Path(env["LANDING_DIR"]), Path(env["WAREHOUSE_PATH"])
    result.idle = run_child(newswh("ingest", driver), env)
    if result.idle.returncode:
        raise RuntimeError(f"idle newswh ingest failed:\n{result.idle.output[-3000:]}")
    first = 0
    for count in adds:
        add_dumps(corpus, first, count, landing / f"added_{first:05d}_{count}")
        first += count
        result.adds[count] = ingest_until_loaded(env, counts(working)[0] + count, driver)
    result.instance_mb = folder_mb(Path(env["DAGSTER_HOME"]))
    result.working_mb = folder_mb(working.parent)  # the catalog, its WAL and the data folder
    result.articles = counts(working)[1]
    result.examples_ms = {
        name: seconds * 1000
        for name, seconds in _in_child(_examples_code(Path(env["WAREHOUSE_PATH"]), runs), env).items()
    }


# Heavy work of the tool itself (the SQL fill, the example queries) runs in children too. On Linux a process's
# peak RSS (ru_maxrss) starts at the peak of the process it was forked from and survives exec, so every
# measured `newswh` child of a parent that had grown to GBs would report the parent's peak, not its own.
def _fill_code(working: Path, factor: int) -> str:
    return (
        f"import json; from pathlib import Path; from benchmarks.scale_fill import fill_copies; "
        f"print(json.dumps(fill_copies(Path({str(working)!r}), {int(factor)})))"
    )


def _examples_code(published: Path, runs: int) -> str:
    return (
        f"import json; from pathlib import Path; from benchmarks.bench_examples import example_latencies; "
        f"print(json.dumps(example_latencies(Path({str(published)!r}), {int(runs)})))"
    )


def _in_child(code: str, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"bench-scale child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_scale(
    corpus: SourceCorpus,
    factor: int,
    fill: str,
    work: Path,
    adds: list[int],
    runs: int,
    base: tuple[Path, Step] | None,
    driver: tuple[str, ...] = NEWSWH,
) -> ScaleResult:
    """One scale: build the Nx warehouse (a real load, or copy 0's loaded base filled by SQL), then the adds."""
    folder = work / f"scale_{factor}x"
    result = ScaleResult(factor)
    if fill == "sql" and base is not None:
        base_folder, result.full_load = base
        shutil.copytree(base_folder, folder, symlinks=True, ignore=shutil.ignore_patterns("warehouse"))
        copy_lake(base_folder / "warehouse" / "news.sqlite", folder / "warehouse" / "news.sqlite")
        _rehome(base_folder, folder)  # copy 0 is loaded once and reused by every scale
        mark_copied_landing_registered(folder / "warehouse" / "news.sqlite")
        env = scale_env(folder)
        if factor > 1:
            started = time.perf_counter()
            _in_child(_fill_code(Path(env["WAREHOUSE_PATH"]), factor), env)
            publish = run_child(newswh("publish", driver), env)
            if publish.returncode:
                raise RuntimeError(f"newswh publish failed:\n{publish.output[-3000:]}")
            result.fill_s = time.perf_counter() - started
            # One unmeasured call first: the first `newswh ingest` on a freshly filled 10x database peaked at
            # 895 MB and a later idle one at 263 MB, a one-off of the fill that no real warehouse pays.
            warm_up = run_child(newswh("ingest", driver), env)
            if warm_up.returncode:
                raise RuntimeError(f"newswh ingest after the fill failed:\n{warm_up.output[-3000:]}")
        result.how = "1x ingest + SQL fill" if factor > 1 else "ingest"
        result.full_load_articles = counts(base_folder / "warehouse" / "news.sqlite")[1]
    else:
        env = scale_env(folder)
        write_copies(corpus, factor, Path(env["LANDING_DIR"]))
        result.full_load = ingest_until_loaded(env, len(corpus.files) * factor, driver)
        result.how = "ingest"
        result.full_load_articles = counts(Path(env["WAREHOUSE_PATH"]))[1]
    result.filled_articles = counts(Path(env["WAREHOUSE_PATH"]))[1]
    measure_adds(result, corpus, env, adds, runs, driver)
    return result


def load_base(corpus: SourceCorpus, work: Path, driver: tuple[str, ...] = NEWSWH) -> tuple[Path, Step]:
    """Copy 0 loaded by a real `newswh ingest` into `work/base`: the start of every `--fill sql` scale."""
    base = work / "base"
    env = scale_env(base)
    write_copy(corpus, 0, Path(env["LANDING_DIR"]))
    return base, ingest_until_loaded(env, len(corpus.files), driver)


def _rehome(old: Path, new: Path) -> None:
    """A copied Dagster home still names the old folder in its config files: point them at the copy."""
    for path in (new / "dagster_home").rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".yml", ".json"):
            text = path.read_text(encoding="utf-8")
            if str(old) in text:
                path.write_text(text.replace(str(old), str(new)), encoding="utf-8")


def run_bench_scale(
    source: Path,
    factors: list[int],
    *,
    fill: str = "sql",
    adds: list[int] | None = None,
    runs: int = 5,
    keep: Path | None = None,
    files: int | None = None,
    driver: tuple[str, ...] = NEWSWH,
) -> int:
    """Print the table; `driver` is the command whose `ingest` and `publish` are measured (the tests' stand-in
    replaces it; everything else is the same code)."""
    adds = adds or [1, 10]
    if not source.is_dir():
        print(f"newswh bench-scale: error: source folder {source} does not exist", file=sys.stderr)
        return 2
    corpus = load_source(source, files)
    with tempfile.TemporaryDirectory(prefix="newswh-bench-scale-") as temporary:
        work = keep or Path(temporary)
        if work.exists() and any(work.iterdir()):
            print(f"newswh bench-scale: error: {work} is not empty (each run needs fresh warehouses)", file=sys.stderr)
            return 2
        work.mkdir(parents=True, exist_ok=True)
        print(f"source {source} ({len(corpus.files)} files); work folder {work}; fill {fill}", flush=True)
        empty = ScaleResult(None, how="empty warehouse")
        measure_adds(empty, corpus, scale_env(work / "empty"), adds, runs, driver)
        print(f"empty: adds {', '.join(f'{n}: {s.cpu_s:.1f} CPU-s' for n, s in empty.adds.items())}", flush=True)
        base = load_base(corpus, work, driver) if fill == "sql" else None
        results = []
        for factor in factors:
            results.append(run_scale(corpus, factor, fill, work, adds, runs, base, driver))
            print(f"{factor}x: {results[-1].filled_articles:,} articles built ({results[-1].how})", flush=True)
        print()
        print(render_table(empty, results, adds))
    return 0


def render_table(empty: ScaleResult, results: list[ScaleResult], adds: list[int]) -> str:
    """One table: a row per figure, a column for the empty warehouse and one per scale."""
    columns = [empty, *results]
    heads = ["empty", *[f"{r.factor}x" for r in results]]
    rows: list[tuple[str, list[str]]] = [
        ("built by", [r.how for r in columns]),
        ("articles before the adds", ["0", *[f"{r.filled_articles:,}" for r in results]]),
        ("full load: CPU-s per 1,000 articles", ["", *[_per_thousand(r) for r in results]]),
        ("full load: wall s / peak RSS MB", ["", *[_load_wall_rss(r) for r in results]]),
        ("SQL fill + publish: wall s", ["", *[f"{r.fill_s:.1f}" if r.fill_s is not None else "" for r in results]]),
        (
            "idle tick (ingest, nothing new): wall s",
            [
                f"{r.idle.wall_s:.2f}" + ("" if "nothing new" in r.idle.output else " (it ran something)")
                for r in columns
            ],
        ),
        ("idle tick: CPU-s / peak RSS MB", [f"{r.idle.cpu_s:.1f} / {r.idle.peak_rss_mb:.0f}" for r in columns]),
    ]
    for count in adds:
        label = f"add {count} dump{'s' if count > 1 else ''}"
        rows += [
            (f"{label}: CPU-s", [f"{r.adds[count].cpu_s:.1f}" for r in columns]),
            (f"{label}: x empty", [f"{r.adds[count].cpu_s / empty.adds[count].cpu_s:.2f}" for r in columns]),
            (
                f"{label}: wall s / peak RSS MB",
                [
                    f"{r.adds[count].wall_s:.1f} / {r.adds[count].peak_rss_mb:.0f}"
                    + (f" ({r.adds[count].calls} calls)" if r.adds[count].calls > 1 else "")
                    for r in columns
                ],
            ),
        ]
    rows += [
        ("articles after the adds", [f"{r.articles:,}" for r in columns]),
        ("Dagster instance (DAGSTER_HOME) MB", [f"{r.instance_mb:.1f}" for r in columns]),
        ("lake MB (catalog + data files)", [f"{r.working_mb:.1f}" for r in columns]),
    ]
    for name in sorted({name for r in columns for name in r.examples_ms}):
        rows.append((f"example {name}: median ms", [f"{r.examples_ms.get(name, float('nan')):.1f}" for r in columns]))
    label_width = max(len(label) for label, _ in rows)
    widths = [max(len(head), *(len(values[i]) for _, values in rows)) for i, head in enumerate(heads)]
    lines = [" | ".join([f"{'':<{label_width}}", *[f"{h:>{w}}" for h, w in zip(heads, widths)]])]
    lines.append("-+-".join(["-" * label_width, *["-" * w for w in widths]]))
    lines += [
        " | ".join([f"{label:<{label_width}}", *[f"{v:>{w}}" for v, w in zip(values, widths)]])
        for label, values in rows
    ]
    lines += ["", *_notes(results)]
    return "\n".join(lines)


def _per_thousand(result: ScaleResult) -> str:
    if result.full_load is None or not result.full_load_articles:
        return ""
    figure = f"{result.full_load.cpu_s / (result.full_load_articles / 1000):.2f}"
    return figure if result.how == "ingest" else f"{figure} (1x)"


def _load_wall_rss(result: ScaleResult) -> str:
    if result.full_load is None:
        return ""
    figure = f"{result.full_load.wall_s:.0f} / {result.full_load.peak_rss_mb:.0f}"
    return figure if result.how == "ingest" else f"{figure} (1x)"


def _notes(results: list[ScaleResult]) -> list[str]:
    notes = [
        "Every figure is one `newswh ingest` (or `newswh publish`) child process on the scale's own persistent",
        "DAGSTER_HOME: CPU-s = its user + system time, peak RSS = its max RSS (os.wait4), wall = its wall clock.",
        "Adds: new dumps (the corpus's next days, distinct texts) in one ingest each, whole graph incl. the corpus",
        "job and publish; 'x empty' divides by the same adds to an empty warehouse (the second add follows the first).",
        "Idle tick: a `newswh ingest` that finds nothing new (start-up, two landing sensor ticks, the repair sensor).",
        "Examples: median of each sql/examples query on the published warehouse after the adds.",
    ]
    if any(r.how == "1x ingest + SQL fill" for r in results):
        notes += [
            "'1x ingest + SQL fill' scales: copy 0 was loaded by a real `newswh ingest` (its full-load figures are",
            "marked (1x)), then its lake's rows were replicated N-1 times with distinct ids and published.",
            "Their landing folder and Dagster instance hold copy 0's files only, so the idle tick and "
            "instance size are",
            "those of 1x files beside Nx rows; adds, RSS, database size and example latencies are measured at Nx rows.",
        ]
    return notes
