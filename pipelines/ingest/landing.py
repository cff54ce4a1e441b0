"""Find dump files in the landing folder and decide which are complete. Pure, no Dagster."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipelines.ingest.reference_date import MANIFEST_NAME

# Files that are not dumps, or not finished being written.
_SKIP_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".md", ".tsv", ".json")


@dataclass(frozen=True)
class LandingFile:
    key: str  # path relative to the landing folder, "/"-separated: the partition key
    signature: str  # size and mtime: changes while a writer is still appending


def scan_landing(folder: Path) -> list[LandingFile]:
    if not folder.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or name == MANIFEST_NAME or name.lower().endswith(_SKIP_SUFFIXES):
                continue
            path = Path(root) / name
            try:
                stat = path.stat()
            except OSError:
                continue  # vanished between listing and stat
            key = path.relative_to(folder).as_posix()
            found.append(LandingFile(key, f"{stat.st_size}:{stat.st_mtime_ns}"))
    return sorted(found, key=lambda f: f.key)


def complete_files(current: list[LandingFile], previous_signatures: dict[str, str]) -> list[LandingFile]:
    """A file is complete once its size and mtime are unchanged between two looks."""
    return [f for f in current if previous_signatures.get(f.key) == f.signature]
