"""One source of configuration: only pipelines/config.py touches the environment, and commands hand settings on as
objects (`Settings.with_overrides`, `use_settings`) instead of writing os.environ."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.config import Settings, from_environment, settings, training_settings, use_settings

PACKAGE = Path(__file__).resolve().parent.parent / "pipelines"
# Modules allowed to touch the environment besides pipelines/config.py: none.
NOT_YET_MOVED: set[str] = set()
ENVIRONMENT_FUNCTIONS = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def environment_uses(source: str) -> list[int]:
    """Lines that touch the process environment: `os.environ`, `os.getenv(...)`, `os.putenv(...)`, or those
    names imported from os."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT_FUNCTIONS:
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(alias.name in ENVIRONMENT_FUNCTIONS for alias in node.names)
        ):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    "source, touches",
    [
        ("import os\nx = os.environ.get('A')\n", True),  # a read
        ("import os\nos.environ['A'] = '1'\n", True),  # a write
        ("import os\nos.getenv('A')\n", True),
        ("from os import environ\n", True),
        ("import os\nos.path.join('a', 'b')\n", False),  # other os functions are fine
        ("import subprocess\nsubprocess.run(['x'], env={'A': '1'})\n", False),  # a child's environment is given
    ],
)
def test_environment_uses_detects_reads_and_writes(source: str, touches: bool) -> None:
    assert bool(environment_uses(source)) is touches


def test_only_config_touches_the_environment() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "config.py" or relative in NOT_YET_MOVED:
            continue
        lines = environment_uses(path.read_text(encoding="utf-8"))
        if lines:
            offenders[relative] = lines
    assert offenders == {}, "only pipelines/config.py may read or write the environment"
    assert environment_uses((PACKAGE / "config.py").read_text(encoding="utf-8"))  # the check sees config's reads


def test_overrides_replace_settings(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "a" / "news.sqlite"))
    changed = from_environment().with_overrides(warehouse_path=tmp_path / "b" / "x.sqlite", sensor_batch_size=7)
    assert changed.warehouse_path == tmp_path / "b" / "x.sqlite"
    assert changed.lake.data_path == str(tmp_path / "b" / "x.files") + "/"  # the data folder follows, beside it
    assert changed.sensor_batch_size == 7


@pytest.mark.parametrize(
    "location, catalog",
    [
        ("{tmp}/w/news.sqlite", "sqlite:{tmp}/w/news.sqlite"),  # a path: the embedded SQLite catalog
        ("postgres:dbname=x host=127.0.0.1", "postgres:dbname=x host=127.0.0.1"),  # a server catalog
    ],
)
def test_warehouse_option_names_a_file_or_a_server_catalog(
    tmp_path: Path, monkeypatch, location: str, catalog: str
) -> None:
    monkeypatch.setenv("WAREHOUSE_DATA_PATH", str(tmp_path / "shared"))
    changed = from_environment().with_warehouse(location.format(tmp=tmp_path))
    assert changed.lake.catalog == catalog.format(tmp=tmp_path)
    assert changed.lake.data_path == str(tmp_path / "shared") + "/"


def test_use_settings_is_in_force_only_inside_its_block(tmp_path: Path) -> None:
    mine = from_environment().with_overrides(landing_dir=tmp_path)
    with use_settings(mine):
        assert settings() is mine
    assert settings() == from_environment()
    assert isinstance(settings(), Settings)


def test_cli_options_leave_the_environment_untouched(tmp_path: Path, monkeypatch, capsys) -> None:
    """`newswh migrate --warehouse X` used to leave WAREHOUSE_PATH=X set for the rest of the process."""
    monkeypatch.delenv("WAREHOUSE_PATH", raising=False)
    import polars  # noqa: F401  (polars sets _RJEM_MALLOC_CONF when first imported: not ours to compare)

    before = dict(os.environ)
    assert main(["migrate", "--warehouse", str(tmp_path / "w" / "news.sqlite")]) == 0
    assert "applied" in capsys.readouterr().out
    assert (tmp_path / "w" / "news.sqlite").exists()  # the option reached the command
    assert dict(os.environ) == before
    assert settings().warehouse_path != tmp_path / "w" / "news.sqlite"  # and is not in force afterwards


def test_training_settings_come_from_config(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NER_ALGO", "lbfgs")
    monkeypatch.delenv("NER_MAX_ITER", raising=False)
    monkeypatch.setenv("TOPICS_DATA_DIR", str(tmp_path))
    training = training_settings()
    assert (training.ner_algo, training.ner_max_iter) == ("lbfgs", 60)  # lbfgs' own default epochs
    assert training.topics_data_dir == tmp_path


@pytest.mark.parametrize(
    "runs, files, expected",
    [
        ({"step_processes": 1}, 500, {"in_process": {}}),  # the default: every step in the run's process
        ({"step_processes": 2}, 5, {"in_process": {}}),  # too few files to pay for starting step processes
        ({"step_processes": 2}, 20, {"multiprocess": {"max_concurrent": 2}}),  # enough files: steps side by side
        ({"step_processes": 2}, None, {"multiprocess": {"max_concurrent": 2}}),  # a corpus-wide run
    ],
)
def test_a_run_executes_in_one_process_unless_it_pays_for_more(runs: dict, files: int | None, expected: dict) -> None:
    from pipelines.defs.resources import RunsResource

    assert RunsResource(**runs).execution_config(files) == {"execution": {"config": expected}}


def test_a_dask_run_takes_its_executor_from_the_job() -> None:
    from pipelines.defs.resources import RunsResource

    assert RunsResource(executor="dask", step_processes=2).execution_config(500) == {}


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"step_processes": 1}, "in_process"),  # the default: a UI backfill's day-run stays in its own process
        ({"step_processes": 2}, "multiprocess"),  # steps side by side, at most STEP_PROCESSES at once
        ({"executor": "dask", "dask_scheduler": "tcp://127.0.0.1:8786"}, "dask"),  # cluster mode: the workers
    ],
)
def test_runs_no_job_names_use_the_configured_step_processes(overrides: dict, expected: str) -> None:
    from pipelines.defs.jobs import default_executor

    chosen = default_executor(settings().with_overrides(**overrides))
    assert chosen.name == expected


def test_the_linters_see_every_module_of_the_package() -> None:
    # An exclude meant for the data folder warehouse/ once matched pipelines/warehouse too: 22 modules unlinted.
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    listed = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--show-files", "."], cwd=root, capture_output=True, text=True
    ).stdout
    seen = {Path(line.strip()).resolve() for line in listed.splitlines() if line.strip().endswith(".py")}
    missing = sorted(str(p.relative_to(root)) for p in (root / "pipelines").rglob("*.py") if p.resolve() not in seen)
    assert not missing, f"ruff skips these modules: {missing[:10]}"
