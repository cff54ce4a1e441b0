"""The package works outside the checkout: the wheel is built (offline, no download), installed into a fresh
virtual environment, and `newswh migrate`, `newswh demo` and `newswh summary` run from a folder that is not the
repository, reading sql/ and models/ from the installed package (pipelines/package_files.py).

The fresh environment installs the wheel alone (`--no-deps`) and borrows the project environment's third-party
packages through a `.pth` line: a plain path line is put on sys.path without running that folder's own `.pth`
files, so the checkout's editable install (a `.pth` there) cannot leak in. Nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from pipelines.warehouse.connection import warehouse

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LANDING = ROOT / "sample" / "landing"


def _uv() -> str:
    """`uv run` (so `make test`) sets UV; otherwise uv from PATH or where the Makefile bootstraps it."""
    for candidate in (os.environ.get("UV"), shutil.which("uv"), str(ROOT / ".tools" / "bin" / "uv")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.skip("uv not found: run the suite with `make test` (it sets UV)")


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A virtual environment holding the freshly built wheel; its bin/ folder and an environment to run it in."""
    uv = _uv()
    work = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT")}
    env.update(UV_OFFLINE="1", UV_PYTHON_DOWNLOADS="never", UV_NO_CONFIG="1")
    _run([uv, "build", "--wheel", "--offline", "--out-dir", str(work / "dist"), str(ROOT)], cwd=ROOT, env=env)
    (wheel,) = (work / "dist").glob("news_warehouse-*.whl")
    with zipfile.ZipFile(wheel) as archive:  # what the installed package will read
        names = set(archive.namelist())
    assert "pipelines/sql/schema/001_dumps.sql" in names
    # Every runtime model file is in the wheel; the hand-labelled dev sets (evaluation data) are not.
    runtime = {
        f"pipelines/{p.relative_to(ROOT).as_posix()}"
        for p in (ROOT / "models").rglob("*")
        if p.is_file() and "dev" not in p.relative_to(ROOT / "models").parts and p.name != ".gitkeep"
    }
    assert runtime and runtime <= names, sorted(runtime - names)
    assert not [name for name in names if name.startswith("pipelines/models/") and "/dev/" in name]

    venv = work / "venv"
    _run([uv, "venv", "--offline", "--python", sys.executable, str(venv)], cwd=work, env=env)
    python = venv / "bin" / "python"
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work, env=env
        ).stdout.strip()
    )
    (site / "borrowed_project_packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([uv, "pip", "install", "--offline", "--no-deps", "--python", str(python), str(wheel)], cwd=work, env=env)
    return venv / "bin", env


def test_wheel_runs_migrate_demo_and_summary_outside_the_checkout(installed, tmp_path: Path) -> None:
    bin_dir, base_env = installed
    elsewhere = tmp_path / "elsewhere"  # no sql/, no models/, no pyproject.toml here
    elsewhere.mkdir()
    shutil.copytree(SAMPLE_LANDING, elsewhere / "landing")
    env = {
        k: v
        for k, v in base_env.items()
        if k not in ("LANDING_DIR", "WAREHOUSE_PATH", "WAREHOUSE_CATALOG", "WAREHOUSE_DATA_PATH")
    }
    env.update(DAGSTER_HOME=str(tmp_path / "dagster_home"), LANDING_SETTLE_S="0")
    (tmp_path / "dagster_home").mkdir()

    where = _run(
        [
            str(bin_dir / "python"),
            "-c",
            "import pipelines, pipelines.package_files as p; print(pipelines.__file__); print(p.sql_dir())",
        ],
        cwd=elsewhere,
        env=env,
    ).stdout.split()
    assert not Path(where[0]).is_relative_to(ROOT), f"imported the checkout, not the wheel: {where[0]}"
    assert Path(where[1]) == Path(where[0]).parent / "sql"

    migrated = _run([str(bin_dir / "newswh"), "migrate"], cwd=elsewhere, env=env).stdout
    assert migrated.startswith("applied ") and "001_dumps" in migrated
    # Defaults are relative to the current folder when installed: the lake lands here.
    assert (elsewhere / "warehouse" / "news.sqlite").exists() and (elsewhere / "warehouse" / "news.files").is_dir()

    demo = _run(
        [str(bin_dir / "newswh"), "demo", "--landing", "landing", "--warehouse", "out/news.sqlite"],
        cwd=elsewhere,
        env=env,
    )
    assert "RUN FAILED" not in demo.stdout and "CHECK FAILED" not in demo.stdout, demo.stdout
    with warehouse(elsewhere / "out" / "news.sqlite", read_only=True) as conn:
        loaded = conn.execute("SELECT count(*) FROM dumps WHERE status = 'loaded'").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        mentions = conn.execute("SELECT count(*) FROM entity_mentions").fetchone()[0]  # the NER model was found
        iptc = conn.execute(
            "SELECT count(DISTINCT article_id) FROM article_topics JOIN topics USING (topic_id) WHERE taxonomy = 'iptc'"
        ).fetchone()[0]  # and the topic model
    assert loaded == len(list(SAMPLE_LANDING.iterdir()))
    assert articles > 0 and mentions > 0 and iptc == articles

    summary = _run([str(bin_dir / "newswh"), "summary", "--warehouse", "out/news.sqlite"], cwd=elsewhere, env=env)
    assert "articles" in summary.stdout
