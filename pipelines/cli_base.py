"""What the `newswh` commands share (pipelines/cli.py): the click group, the help that lists a command's settings,
the settings in force for a command, progress display, and one error line per failure."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pipelines.config import Settings

WAREHOUSE_HELP = (
    "the lake's catalog: a SQLite file (default: WAREHOUSE_PATH or warehouse/news.sqlite, data beside it) "
    "or a postgres: connection string"
)
BENCH = "../shared/bench/xwlb-2012-2016"

# The settings (pipelines.config.Settings fields) each kind of command reads, listed in its --help.
LAKE = ("warehouse_path", "warehouse_catalog", "warehouse_data_path", "lock_timeout_s")
LOAD = (
    "landing_dir",
    *LAKE,
    "dagster_home",
    "sensor_batch_size",
    "step_processes",
    "executor",
    "max_record_chars",
    "reference_date",
    "landing_settle_s",
)
READ = ("warehouse_path", "warehouse_catalog", "warehouse_data_path")


class SettingsCommand(click.Command):
    """A command whose --help ends with the settings it reads: variable, value in force, and where it came from."""

    def __init__(self, *args, settings: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.settings_read = settings

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.settings_read:
            from pipelines.config import ENVIRONMENT_NAMES, from_environment, set_in_environment

            current = from_environment()
            rows = []
            for field in self.settings_read:
                name = ENVIRONMENT_NAMES[field]
                value = getattr(current, field)
                shown = "unset" if value in (None, "") else str(value)
                origin = "set in the environment" if set_in_environment(field) else "default"
                rows.append((name, f"{shown} ({origin})"))
            with formatter.section("Settings (environment variables, see .env.example)"):
                formatter.write_dl(rows)
        super().format_epilog(ctx, formatter)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120, "terminal_width": 120})
def cli() -> None:
    """News warehouse: load raw news dumps into the lake, publish it, and read it."""


def command(name: str, summary: str, details: str = "", settings: tuple[str, ...] = ()) -> Callable:
    """A subcommand: `summary` is its one line in `newswh --help`, `details` follow it in its own --help."""
    return cli.command(
        name,
        cls=SettingsCommand,
        settings=settings,
        short_help=summary,
        help=f"{summary}.\n\n{details}" if details else f"{summary}.",
    )


landing_option = click.option("--landing", help="landing folder (default: LANDING_DIR or landing/)")
warehouse_option = click.option("--warehouse", help=WAREHOUSE_HELP)
bench_landing_option = click.option("--landing", default=BENCH, show_default=True, help="landing folder to load")


def _settings(landing: str | None, warehouse: str | None) -> Settings:
    from pipelines.config import from_environment

    current = from_environment()
    if landing:
        current = current.with_overrides(landing_dir=Path(landing).resolve())
    return current.with_warehouse(warehouse) if warehouse else current


def _run(
    name: str,
    action: Callable[[Settings], int],
    landing: str | None = None,
    warehouse: str | None = None,
    check_landing: bool = False,
) -> int:
    """Run `action` with the command's settings in force; a landing folder it needs is checked first."""
    from pipelines.config import use_settings

    with use_settings(_settings(landing, warehouse)) as current:
        if check_landing:
            problem = _landing_problem(name, current.landing_dir)
            if problem:
                return _fail(name, problem)
        return action(current)


def _with_progress(action: Callable[[Settings], int]) -> Callable[[Settings], int]:
    """The action with its progress shown on stderr (pipelines/progress_display.py)."""
    from pipelines.progress_display import shown

    def shown_action(current: Settings) -> int:
        with shown():
            return action(current)

    return shown_action


def _landing_problem(name: str, folder: Path) -> str | None:
    """A landing folder that is missing is an error; an empty one only earns a warning (nothing to load)."""
    from pipelines.ingest.landing import scan_landing

    if not folder.exists():
        return f"landing folder {folder} does not exist"
    if not folder.is_dir():
        return f"landing folder {folder} is not a directory"
    if not os.access(folder, os.R_OK | os.X_OK):
        return f"landing folder {folder} is not readable"
    if name != "reload" and not scan_landing(folder):
        print(f"newswh {name}: warning: landing folder {folder} holds no dump files; nothing to load", file=sys.stderr)
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start}: {exc.reason})"
    return str(exc)


def _fail(name: str, message: str) -> int:
    print(f"newswh {name}: error: {message}", file=sys.stderr)
    return 2


def _offline(module: str) -> ModuleType:
    """A module of benchmarks/ or training/: in the repository, not in the installed package (the pipeline never
    runs them); from an installed wheel the command says so instead of failing with a traceback."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("benchmarks", "training"):
            raise click.ClickException(
                f"{module} is not installed: this command runs from a checkout of the "
                "repository (benchmarks/ and training/ are not in the package)"
            ) from exc
        raise


def _numbers(text: str) -> list[int]:
    return [int(x) for x in text.split(",")]
