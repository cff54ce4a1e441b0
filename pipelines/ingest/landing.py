"""Find dump files in the landing folder, decide which are complete, and open them safely. Pure, no Dagster.

The landing folder is a security boundary: whoever can drop files there must not be able to make
the pipeline read anything else, or hang it.

- Only regular files whose real path lies inside the landing folder are ever opened for reading.
- Symlinks pointing outside it (or nowhere), FIFOs, sockets, devices and symlinked directories are
  still listed (so they show up in `dumps` with status `skipped` and a reason) but never opened.
- Opening re-checks after the fact (O_NOFOLLOW | O_NONBLOCK, then fstat and the descriptor's real
  path), so a file swapped for a FIFO or a symlink between the scan and the read is refused too.

Partition keys are the path relative to the landing folder, "/"-separated, in a reversible escaped
form (`file_key_for` / `path_for_key`): bytes that are not UTF-8, control characters (newlines...),
`%` itself and the `...` Dagster reserves for ranges become `%XX`, so every name the filesystem allows
is a valid Dagster partition key and maps back to exactly one file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipelines.ingest.reference_date import MANIFEST_NAME

# Files that are not dumps, or not finished being written.
_SKIP_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".md", ".tsv", ".json")


class LandingSkip(Exception):
    """The entry is not a regular file inside the landing folder; the message says what it is."""


@dataclass(frozen=True)
class LandingFile:
    key: str  # escaped path relative to the landing folder, "/"-separated: the partition key
    signature: str  # size and mtime: changes while a writer is still appending
    skip_reason: str | None = None  # set for entries that will be recorded as skipped, never read
    ctime_ns: int = 0  # inode change time: set when the entry appears (created, renamed, copied) or is written


def _entries(folder: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(path, lstat) of every entry a dump may be, by the landing folder's rules. Dot entries, `.part`-like
    names and the manifest are left out; symlinked directories are listed (and later recorded as skipped),
    never walked. scandir's d_type tells directories apart without a stat call."""
    stack = [os.fspath(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    continue
                if name == MANIFEST_NAME or name.lower().endswith(_SKIP_SUFFIXES):
                    continue
                try:
                    yield entry.path, entry.stat(follow_symlinks=False)
                except OSError:
                    continue  # vanished between listing and stat


def _landing_file(folder: Path, root: Path, path: Path, info: os.stat_result) -> LandingFile | None:
    reason = skip_reason(path, root)
    ctime = info.st_ctime_ns
    if reason is None:
        try:
            info = os.stat(path)  # a symlink inside the folder: its target's size and mtime
        except OSError:
            return None
    return LandingFile(
        file_key_for(path.relative_to(folder)),
        f"{info.st_size}:{info.st_mtime_ns}",
        reason,
        max(ctime, info.st_ctime_ns),
    )


def scan_landing(folder: Path) -> list[LandingFile]:
    """Every entry of the landing folder (the sensor uses `changed_since`, which costs what is new)."""
    return changed_since(folder, -1, {})


def changed_since(folder: Path, watermark_ns: int, handed: dict[str, int]) -> list[LandingFile]:
    """Entries that appeared or changed after `watermark_ns` (inode change time), except those already
    `handed` over with that change time.

    The change time (ctime) cannot be set by users (unlike mtime, which `cp -p` or `rsync -t` keep from
    the source), and creating, renaming into the folder or writing a file all move it. So one listing and
    one lstat per entry (both in C) find the new files; the Python work is proportional to what changed.
    """
    if not folder.is_dir():
        return []
    root = Path(os.path.realpath(folder))
    found = []
    for raw_path, info in _entries(folder):
        if max(info.st_ctime_ns, _target_ctime_ns(raw_path, info)) <= watermark_ns:
            continue
        landing_file = _landing_file(folder, root, Path(raw_path), info)
        if landing_file is None:
            continue
        if handed.get(landing_file.key) != landing_file.ctime_ns:
            found.append(landing_file)
    return sorted(found, key=lambda f: f.key)


def _target_ctime_ns(path: Path, info: os.stat_result) -> int:
    """A symlink's target can change under it: its change time counts too (symlinks are rare)."""
    if not stat.S_ISLNK(info.st_mode):
        return 0
    try:
        return os.stat(path).st_ctime_ns
    except OSError:
        return 0


def skip_reason(path: Path, root: Path) -> str | None:
    """Why `path` must not be read (None: a regular file inside `root`, a real path). Never opens it."""
    return _check(path, root)[0]


def _check(path: Path, root: Path) -> tuple[str | None, Path]:
    """(skip reason or None, real path)."""
    real = Path(os.path.realpath(path))
    return _reason(path, root, real), real


def _reason(path: Path, root: Path, real: Path) -> str | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None  # gone or unreadable: opening it reports the error (the dump then fails)
    if stat.S_ISLNK(info.st_mode):
        if not _inside(real, root):
            return f"symlink pointing outside the landing folder (to {_printable_path(real)})"
        try:
            info = os.stat(path)
        except OSError:
            return "dangling symlink"
        if stat.S_ISDIR(info.st_mode):
            return "symlink to a directory (not followed)"
    elif not _inside(real, root):  # `..` in a hand-made key, or a symlinked parent directory
        return f"outside the landing folder (resolves to {_printable_path(real)})"
    kind = _kind(info.st_mode)
    return None if kind == "regular file" else f"not a regular file ({kind})"


def open_landing_file(path: Path, root: Path) -> BinaryIO:
    """Open a dump for reading; LandingSkip for what must not be read, OSError if it cannot be.

    Safe against swaps after the scan."""
    root = Path(os.path.realpath(root))
    reason, real = _check(path, root)
    if reason:
        raise LandingSkip(reason)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
    # O_NONBLOCK: a FIFO swapped in after the check opens at once instead of hanging;
    # O_NOFOLLOW: so does a symlink swapped in for the last component (ELOOP). Other OSErrors propagate.
    fd = os.open(real, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LandingSkip(f"not a regular file ({_kind(info.st_mode)})")
        proc = f"/proc/self/fd/{fd}"
        if os.path.exists(proc) and not _inside(Path(os.readlink(proc)), root):
            raise LandingSkip("resolves outside the landing folder")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def file_key_for(relative: Path | str) -> str:
    """Partition key of a path relative to the landing folder (reversible; see module docstring)."""
    raw = os.fsencode(Path(relative).as_posix())
    text = raw.decode("utf-8", "surrogateescape")
    out = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            out.append(f"%{ord(ch) - 0xDC00:02X}")  # a byte that is not UTF-8
        elif ch == "%" or ord(ch) < 0x20 or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
        else:
            out.append(ch)
    key = "".join(out)
    while "..." in key:  # Dagster reserves "..." for partition ranges
        key = key.replace("...", "%2E..", 1)
    return key


class NotALandingFile(ValueError):
    """A path an operator gave is not a dump file of the landing folder; the message says why."""


def landing_key_of(folder: Path, given: str) -> str:
    """The file key of a dump an operator names: a key (path relative to the landing folder), or a path, absolute
    or relative to the current directory, inside the landing folder. Nothing is opened or recorded; a path that
    does not name an existing dump of the folder raises NotALandingFile (a run would record it as failed)."""
    folder = Path(os.path.abspath(folder))
    tries = [] if os.path.isabs(given) else [Path(os.path.abspath(path_for_key(folder, given)))]
    tries.append(Path(os.path.abspath(given)))  # abspath folds `..` without following symlinks
    existing = [path for path in tries if os.path.lexists(path)]
    if not existing:
        raise NotALandingFile(f"{given}: no such file in the landing folder {folder}")
    for path in existing:
        for root in (folder, Path(os.path.realpath(folder))):
            if root in path.parents:
                return _dump_key(path, root, given)
    raise NotALandingFile(f"{given}: not inside the landing folder {folder}")


def _dump_key(path: Path, root: Path, given: str) -> str:
    relative = path.relative_to(root)
    if path.is_dir() and not path.is_symlink():
        raise NotALandingFile(f"{given}: a directory, not a dump file (name the files inside it)")
    name = relative.name
    if (
        any(part.startswith(".") for part in relative.parts)
        or name == MANIFEST_NAME
        or name.lower().endswith(_SKIP_SUFFIXES)
    ):
        raise NotALandingFile(f"{given}: not a dump file (the landing folder's rules ignore this name)")
    return file_key_for(relative)


def path_for_key(root: Path, key: str) -> Path:
    """The file a partition key names (inverse of file_key_for)."""
    raw = bytearray()
    i = 0
    while i < len(key):
        if key[i] == "%" and _is_hex(key[i + 1 : i + 3]):
            raw.append(int(key[i + 1 : i + 3], 16))
            i += 3
        else:
            raw.extend(key[i].encode("utf-8"))
            i += 1
    return Path(root) / os.fsdecode(bytes(raw))


def display_path(path: Path | str) -> str:
    """A path as text any database accepts: undecodable bytes become `%XX`, like partition keys."""
    return _printable_path(Path(path))


def _printable_path(path: Path) -> str:
    return file_key_for(path)


def _is_hex(text: str) -> bool:
    return len(text) == 2 and all(c in "0123456789abcdefABCDEF" for c in text)


def _inside(real: Path, root: Path) -> bool:
    return real == root or root in real.parents


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "regular file"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISDIR(mode):
        return "directory"
    return "unknown file type"
