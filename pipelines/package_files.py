"""Where the package's data files are: `sql/` and `models/`, from a checkout or from an installed wheel.

The wheel carries the repository's `sql/` and `models/` inside the package (`pipelines/sql`, `pipelines/models`:
pyproject's `[tool.hatch.build.targets.wheel.force-include]`), so an installed package finds them through
`importlib.resources`; a checkout (the editable install `uv sync` makes) has them at the repository root. Every
module asks here instead of counting parent folders. Files inside the package itself (`pipelines/*/resources/`)
are found next to their module and ship in the wheel as they are.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CHECKOUT_ROOT = Path(__file__).resolve().parent.parent  # the repository root, when running from a checkout


def data_dir(name: str) -> Path:
    """`data_dir("sql")` -> the folder holding sql/ files: inside the installed package, else in the checkout."""
    packaged = files("pipelines") / name
    if packaged.is_dir():
        # A wheel is installed unpacked, so the package's files are real paths DuckDB and numpy can open.
        return Path(str(packaged))
    checkout = CHECKOUT_ROOT / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"{name}/ is neither in the installed package ({packaged}) nor in a checkout ({checkout})")


def is_checkout() -> bool:
    """Running from the repository (editable install), not from an installed wheel."""
    return (CHECKOUT_ROOT / "pyproject.toml").is_file() and (CHECKOUT_ROOT / "pipelines" / "package_files.py").is_file()


def sql_dir() -> Path:
    return data_dir("sql")


def models_dir() -> Path:
    return data_dir("models")
