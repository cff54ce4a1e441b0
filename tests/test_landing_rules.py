"""The landing folder as a security boundary, and file names of any shape as partition keys."""

from __future__ import annotations

import os
import socket
from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.landing import (
    LandingSkip,
    file_key_for,
    open_landing_file,
    path_for_key,
    scan_landing,
    skip_reason,
)
from tests.hostile.texts import SIMPLIFIED

GOOD = (SIMPLIFIED + "-\n").encode("utf-8")


def _ingest(path: Path, root: Path):
    return ingest_dump(
        path,
        file_key_for(path.relative_to(root)),
        reference_override=date(2025, 7, 18),
        max_record_chars=200_000,
        landing_root=root,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "landing"
    root.mkdir()
    (root / "good.txt").write_bytes(GOOD)
    return root


def test_symlink_pointing_outside_is_skipped_and_never_read(folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(GOOD)  # parseable, so reading it would load it as an article
    (folder / "passwd.txt").symlink_to(secret)
    dump = _ingest(folder / "passwd.txt", folder)
    assert dump.status == "skipped" and "outside the landing folder" in dump.error
    assert dump.records == 0 and dump.dump_id is None


def test_symlink_inside_the_folder_is_read(folder: Path) -> None:
    (folder / "alias.txt").symlink_to(folder / "good.txt")
    assert _ingest(folder / "alias.txt", folder).status == "parsed"


def test_symlink_through_a_parent_directory_outside_is_skipped(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_bytes(GOOD)
    (folder / "linked_dir").symlink_to(outside)
    # Not walked by the scan (recorded as a skipped entry), and refused if its key is requested anyway.
    keys = {f.key: f.skip_reason for f in scan_landing(folder)}
    assert "linked_dir" in keys and "linked_dir/x.txt" not in keys
    assert _ingest(folder / "linked_dir" / "x.txt", folder).status == "skipped"


def test_key_climbing_out_of_the_folder_is_skipped(folder: Path, tmp_path: Path) -> None:
    # A partition key added by hand ("../secret.txt") must not reach outside either.
    (tmp_path / "secret.txt").write_bytes(GOOD)
    path = path_for_key(folder, "../secret.txt")
    assert "outside the landing folder" in skip_reason(path, folder)
    assert _ingest(path, folder).status == "skipped"


def test_fifo_is_skipped_without_blocking(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")  # opening it for reading without O_NONBLOCK would hang forever
    dump = _ingest(folder / "pipe.txt", folder)
    assert dump.status == "skipped" and "FIFO" in dump.error


def test_socket_is_skipped(folder: Path) -> None:
    path = folder / "s.sock.txt"
    if len(str(path)) > 100:
        pytest.fail("tmp path too long for an AF_UNIX socket; shorten the fixture")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        dump = _ingest(path, folder)
    finally:
        server.close()
    assert dump.status == "skipped" and "socket" in dump.error


def test_device_is_skipped(folder: Path) -> None:
    (folder / "null.txt").symlink_to("/dev/null")  # a symlink out *and* a device: refused either way
    assert _ingest(folder / "null.txt", folder).status == "skipped"
    assert skip_reason(Path("/dev/null"), Path("/dev")) == "not a regular file (character device)"


def test_dangling_symlink_is_skipped(folder: Path) -> None:
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    dump = _ingest(folder / "gone.txt", folder)
    assert dump.status == "skipped" and dump.error == "dangling symlink"


def test_swapped_for_a_fifo_after_the_check_is_refused(folder: Path, monkeypatch) -> None:
    # Time-of-check/time-of-use: the lstat check passes, then a FIFO takes the name before open().
    path = folder / "swap.txt"
    path.write_bytes(GOOD)
    import pipelines.ingest.landing as landing

    real_check = landing._check

    def check_then_swap(p, root):
        verdict = real_check(p, root)
        p.unlink()
        os.mkfifo(p)
        return verdict

    monkeypatch.setattr(landing, "_check", check_then_swap)
    with pytest.raises(LandingSkip, match="FIFO"):
        open_landing_file(path, folder)


def test_swapped_for_a_symlink_after_the_check_is_refused(folder: Path, tmp_path: Path, monkeypatch) -> None:
    path = folder / "swap.txt"
    path.write_bytes(GOOD)
    (tmp_path / "secret").write_bytes(b"root:x:0:0")
    import pipelines.ingest.landing as landing

    real_check = landing._check

    def check_then_swap(p, root):
        verdict = real_check(p, root)
        p.unlink()
        p.symlink_to(tmp_path / "secret")
        return verdict

    monkeypatch.setattr(landing, "_check", check_then_swap)
    # Refused either by O_NOFOLLOW (ELOOP) or by the descriptor's real path; never read.
    with pytest.raises((LandingSkip, OSError)):
        open_landing_file(path, folder).read()


def test_scan_lists_skipped_entries_with_their_reason(folder: Path, tmp_path: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    (folder / "out.txt").symlink_to(tmp_path)
    found = {f.key: f.skip_reason for f in scan_landing(folder)}
    assert found["good.txt"] is None
    assert "FIFO" in found["pipe.txt"] and "outside" in found["out.txt"]


@pytest.mark.parametrize(
    "name",
    [
        b"plain.txt",  # unchanged
        "新闻 2025-07-18.txt".encode(),  # Chinese and spaces stay readable
        b"bad\xffname.txt",  # not UTF-8: Dagster cannot store surrogates
        b"line\nbreak.txt",  # newline: Dagster rejects control characters in keys
        b"tab\there\r.txt",  # tab and carriage return
        b"quote'\"both.txt",  # quotes
        b"100%.txt",  # the escape character itself
        b"%FF.txt",  # looks like an escape: must not collide with bad\xff
        b"wait...what.txt",  # Dagster reserves "..." for ranges
        b"dots.....txt",  # runs longer than three
        "\u0085nel.txt".encode("utf-8"),  # a C1 control character
        "gbk-名字".encode("gbk") + b".txt",  # a GBK file name on a UTF-8 system
    ],
)
def test_file_keys_are_printable_text_and_reversible(tmp_path: Path, name: bytes) -> None:
    """File keys go into run config, tags, logs and the warehouse: text any of them stores and shows."""
    relative = os.fsdecode(b"sub/" + name)
    key = file_key_for(relative)
    key.encode("utf-8")  # storable: no surrogates
    assert key.isprintable() and "..." not in key
    assert path_for_key(tmp_path, key) == tmp_path / relative
    assert key.startswith("sub/")


def test_distinct_names_get_distinct_keys() -> None:
    names = [b"a\xff", b"a%FF", b"a%25FF", b"a\n", b"a%0A", b"a...", b"a%2E.."]
    keys = [file_key_for(os.fsdecode(n)) for n in names]
    assert len(set(keys)) == len(keys)
