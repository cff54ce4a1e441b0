"""The package's layers, read from the source (every import statement, at module level or inside a function).

From the bottom: pure text/ML code (no Dagster, no DuckDB) < warehouse code (DuckDB, no Dagster) < Dagster wiring
(defs/, definitions, orchestration/) < commands (tools/, cli). A layer imports only from its own and lower layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pipelines"

# The first part of a module's name under pipelines/ -> its layer (a higher number may import a lower one).
PURE, WAREHOUSE, WIRING, COMMANDS = 0, 1, 2, 3
LAYER_OF = {
    "ingest": PURE,
    "extract": PURE,
    "quotes": PURE,
    "search": PURE,
    "stories": PURE,
    "topics": PURE,
    "tone": PURE,
    "threads": PURE,
    "rows": PURE,
    "package_files": PURE,
    "progress": PURE,
    "progress_display": PURE,
    "fanout": PURE,  # worker processes for pure extraction (no DuckDB, no Dagster)
    "report": PURE,  # builds the page from rows a caller queried (pipelines/warehouse/reports.py)
    "config": WAREHOUSE,
    "warehouse": WAREHOUSE,
    "defs": WIRING,
    "definitions": WIRING,
    "orchestration": WIRING,
    "tools": COMMANDS,
    "cli": COMMANDS,
    "cli_base": COMMANDS,
}
# Third-party packages a layer below the named one may not import.
FORBIDDEN_BELOW = {"dagster": WIRING, "dagster_dask": WIRING, "dagster_postgres": WIRING, "duckdb": WAREHOUSE}


def imported_modules(path: Path, root: Path) -> list[str]:
    """Absolute names of every module `path` imports (relative imports resolved against its package)."""
    package = ".".join(path.relative_to(root.parent).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.append(".".join(base + ([node.module] if node.module else [])))
            else:
                names.append(node.module or "")
    return names


def layer_of_module(name: str) -> int | None:
    parts = name.split(".")
    if parts[0] == "pipelines" and len(parts) > 1:
        return LAYER_OF[parts[1]]
    return None


def violations(path: Path, root: Path = PACKAGE) -> list[str]:
    own = LAYER_OF[path.relative_to(root).parts[0].removesuffix(".py")]
    found = []
    for name in imported_modules(path, root):
        target = layer_of_module(name)
        if target is not None and target > own:
            found.append(f"imports {name} from a higher layer")
        limit = FORBIDDEN_BELOW.get(name.split(".")[0])
        if limit is not None and own < limit:
            found.append(f"imports {name}")
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "__init__.py")


def test_every_module_has_a_layer():
    # A new top-level package must be given its layer here, or the checks below would skip it.
    unknown = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in SOURCES} - set(LAYER_OF)
    assert not unknown


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_respect_the_layers(path):
    assert violations(path) == []


def test_the_package_imports_no_offline_tool():
    # benchmarks/ and training/ are not in the wheel: the CLI loads them by name (cli._offline), nothing imports them.
    found = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in SOURCES
        for name in imported_modules(path, PACKAGE)
        if name.split(".")[0] in ("benchmarks", "training")
    }
    assert found == set()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a pure module importing Dagster
        ("import dagster as dg\n", ["imports dagster"]),
        # a pure module importing DuckDB inside a function still counts
        ("def f():\n    import duckdb\n", ["imports duckdb"]),
        # a pure module reaching up into the commands
        (
            "from pipelines.tools.report import write_report_file\n",
            ["imports pipelines.tools.report from a higher layer"],
        ),
        # a relative import of a sibling module is resolved and allowed
        ("from .tokenize import words\n", []),
        # pure code importing pure code is allowed
        ("from pipelines.ingest.parse import parse\n", []),
    ],
)
def test_violations_are_found(tmp_path, source, expected):
    # A throwaway tree with the real package's layout: pipelines/topics/probe.py
    fake = tmp_path / "pipelines" / "topics"
    fake.mkdir(parents=True)
    probe = fake / "probe.py"
    probe.write_text(source, encoding="utf-8")
    assert violations(probe, tmp_path / "pipelines") == expected
