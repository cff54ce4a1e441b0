"""Choose the reference date a dump's missing years are inferred from, and infer them."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

# Digits must not touch other letters or digits: hex hashes in file names are full of digit runs.
_PATH_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<y>(?:19|20)\d{2})[-_./]?(?P<m>0[1-9]|1[0-2])[-_./]?(?P<d>0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"
)
MANIFEST_NAME = "MANIFEST.tsv"


def reference_date_for(path: Path, override: date | None = None) -> tuple[date, str]:
    """Return (reference date, source) where source is override/manifest/path/mtime."""
    if override is not None:
        return override, "override"
    from_manifest = _manifest_days(path.parent).get(path.name)
    if from_manifest is not None:
        return from_manifest, "manifest"
    from_path = date_in_path(path)
    if from_path is not None:
        return from_path, "path"
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
    return mtime, "mtime"


def date_in_path(path: Path) -> date | None:
    # The file name wins over folder names: it is the most specific.
    for part in reversed(path.parts):
        for match in _PATH_DATE.finditer(part):
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
    return None


@lru_cache(maxsize=64)
def _manifest_days_cached(folder: str, mtime_ns: int) -> dict[str, date]:
    days: dict[str, date] = {}
    with open(Path(folder) / MANIFEST_NAME, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name, day = row.get("file"), row.get("day") or row.get("date")
            if not name or not day:
                continue
            try:
                days[name] = date.fromisoformat(day if "-" in day else f"{day[:4]}-{day[4:6]}-{day[6:8]}")
            except ValueError:
                continue
    return days


def _manifest_days(folder: Path) -> dict[str, date]:
    """A landing folder may carry MANIFEST.tsv (columns `file`, `day`) from the exporter."""
    manifest = folder / MANIFEST_NAME
    try:
        stat = manifest.stat()
    except OSError:
        return {}
    return _manifest_days_cached(str(folder), stat.st_mtime_ns)


def infer_year(month: int, day: int, reference: date, latest: date | None = None) -> date | None:
    """The date with this month/day nearest to the reference, in either direction: a January
    dateline in a late-November dump is next January, a December one in a January dump last
    December. On an exact tie the earlier date wins (news is rarely dated ahead of its dump).

    `latest` (the file's arrival day) bounds the answer: news is never published after the file
    that carries it arrived, so a nearest date beyond it gives way to the latest year that is not."""
    best: tuple[int, int, date] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        distance = (candidate - reference).days
        key = (abs(distance), distance > 0, candidate)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is None:
        return None
    if latest is not None and best[2] > latest:
        return latest_not_after(month, day, latest)
    return best[2]


def latest_not_after(month: int, day: int, latest: date) -> date | None:
    """The last date with this month/day on or before `latest` (29 February: up to 8 years back)."""
    for year in range(latest.year, latest.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= latest:
            return candidate
    return None
