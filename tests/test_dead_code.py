"""No dead code: vulture (pinned in the dev group) finds no unused function, class, variable or parameter in
pipelines/ or tests/; pyproject's [tool.vulture] lists the few names used in ways it cannot see, each with why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_vulture_finds_no_dead_code() -> None:
    found = subprocess.run([sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True, text=True)
    assert found.returncode == 0, found.stdout + found.stderr
    assert found.stdout == ""


def test_vulture_would_report_an_unused_function(tmp_path: Path) -> None:
    """The check above can fail: the same command reports a function nobody calls."""
    (tmp_path / "module.py").write_text("def never_called():\n    return 1\n", encoding="utf-8")
    found = subprocess.run(
        [sys.executable, "-m", "vulture", str(tmp_path)], cwd=tmp_path, capture_output=True, text=True
    )
    assert "unused function 'never_called'" in found.stdout


def test_every_statement_file_is_used() -> None:
    """Each file of sql/load, sql/maintenance and sql/reports is named in the code (as "load/name", or by its name
    for the report's queries), so a statement nothing runs any more is deleted instead of kept in step."""
    source = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in ("pipelines", "benchmarks", "training")
        for p in (ROOT / folder).rglob("*.py")
    )
    unused = [
        f"{folder}/{path.stem}"
        for folder in ("load", "maintenance", "reports")
        for path in sorted((ROOT / "sql" / folder).glob("*.sql"))
        if f'"{folder}/{path.stem}"' not in source and f'"{path.stem}"' not in source
    ]
    assert unused == []
