"""Hostile and broken input at the edges of the system, one test per case: symlinks leading out of the landing
folder, FIFOs, gzip bombs, file names that are not UTF-8, Big5/Japanese/Korean text, byte ranges of every codec,
trailing blank records, a missing or empty landing folder, bad evaluation files and `make dev` stopped by signals.
Each goes through a public entry point (ingest_dump, decode_bytes, split_records, the CLI, the demo driver).

Not here: "a file still being written" (the demo/bench driver ticks the sensor twice back to back).
"""

from __future__ import annotations

import os
import random
import threading
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.ingest.decode import decode_bytes
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.records import split_records
from tests.hostile.inputs import random_dump
from tests.hostile.texts import JAPANESE, KOREAN, SIMPLIFIED, TRADITIONAL

REF = date(2025, 7, 18)
DUMP = (SIMPLIFIED + "-\n" + SIMPLIFIED.replace("台州", "温州")).encode("utf-8")


def _ingest(path: Path, key: str | None = None):
    return ingest_dump(path, key or path.name, reference_override=REF, max_record_chars=200_000)


def test_row_symlink_pointing_outside_is_not_loaded(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_bytes(DUMP)
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "passwd.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    dump = _ingest(landing / "passwd.txt")
    assert dump.status == "skipped" and dump.articles.height == 0


def test_row_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(_ingest(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the stuck open() so the thread can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO in the landing folder hangs")
    assert outcome[0].status == "skipped"


def test_row_gzip_bomb_fails_in_bounded_memory(tmp_path: Path) -> None:
    import gzip

    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (64 << 20), compresslevel=9) * 16)  # 1 GiB of zeros
    tracemalloc.start()
    try:
        dump = _ingest(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert dump.status == "failed" and "bomb" in dump.error
    assert peak < 64 << 20, f"peak {peak >> 20} MiB"


def test_row_non_utf8_file_name_loads_through_sensor_and_run(tmp_path: Path, monkeypatch, instance) -> None:
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import ingest_landing
    from pipelines.warehouse.connection import warehouse

    landing = tmp_path / "landing"
    landing.mkdir()
    names = [b"name\xff.txt", b"new\nline.txt", b"quo'te\".txt", b"ok.txt"]
    for number, name in enumerate(names):
        Path(os.fsdecode(os.fsencode(landing) + b"/" + name)).write_bytes(DUMP.replace(b"7", str(number).encode()))
    monkeypatch.setenv("LANDING_DIR", str(landing))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "w.sqlite"))
    report = ingest_landing(build_definitions(), instance, include_corpus=False, only_assets=["articles"])
    assert report.files_registered == 4 and not report.failed_runs
    with warehouse(tmp_path / "w.sqlite", read_only=True, snapshot="latest") as conn:
        statuses = [r[0] for r in conn.execute("SELECT status FROM dumps").fetchall()]
    assert statuses == ["loaded"] * 4


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ((TRADITIONAL + "-\n" + TRADITIONAL).encode("big5"), "cp950"),  # real traditional Chinese: decoded
        ((JAPANESE + "-\n" + JAPANESE).encode("shift_jis"), None),  # None: must fail, not load garbled
        ((JAPANESE + "-\n" + JAPANESE).encode("euc_jp"), None),
        ((KOREAN + "-\n" + KOREAN).encode("euc_kr"), None),
    ],
)
def test_row_big5_and_japanese_korean(tmp_path: Path, raw: bytes, expected: str | None) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(raw)
    dump = _ingest(path)
    if expected:
        assert dump.encoding == expected and dump.status == "parsed"
        assert decode_bytes(raw)[2] == raw.decode("big5")
    else:
        assert dump.status == "failed" and dump.articles.height == 0


def test_row_byte_ranges_of_every_chosen_codec_slice_back() -> None:
    rng = random.Random(7)
    broken = []
    for _ in range(3_000):
        raw = random_dump(rng)
        try:
            encoding, bom, text = decode_bytes(raw)
        except ValueError:
            continue
        errors = "strict" if encoding.startswith(("utf-16", "utf-32")) else "surrogateescape"
        try:
            records = split_records(text, encoding, bom)
        except ValueError:
            broken.append(encoding)  # a codec the splitter cannot measure must never be chosen
            continue
        for record in records:
            try:
                piece = raw[record.byte_start : record.byte_end].decode(encoding, errors)
            except UnicodeDecodeError:
                piece = None
            if piece is None or piece.replace("\r\n", "\n").replace("\r", "\n") != record.text:
                broken.append(encoding)
                break
    assert not broken, f"{len(broken)} inputs with ranges that do not slice back: {sorted(set(broken))}"


def test_row_trailing_blank_records_are_counted() -> None:
    assert len(split_records("a\nb\n-\n-\n-\n", "utf-8")) == 3  # "a b", and two blank records


@pytest.mark.parametrize("landing", ["missing", "empty"])
def test_row_demo_on_missing_or_empty_landing(tmp_path: Path, capsys, monkeypatch, landing: str) -> None:
    folder = tmp_path / landing
    if landing == "empty":
        folder.mkdir()
        import pipelines.tools.demo as demo

        monkeypatch.setattr(demo, "run_demo", lambda: 0)  # the warning comes before any Dagster work
    code = main(["demo", "--landing", str(folder), "--warehouse", str(tmp_path / "w.duckdb")])
    err = capsys.readouterr().err
    if landing == "missing":
        assert code == 2 and "does not exist" in err
    else:
        assert code == 0 and "holds no dump files" in err


@pytest.mark.parametrize("command", ["eval-ner", "eval-topics"])
@pytest.mark.parametrize("content", [None, "{oops\n", '{"unrelated": 1}\n'])
def test_row_eval_commands_on_bad_files(tmp_path: Path, capsys, command: str, content: str | None) -> None:
    path = tmp_path / "x.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    try:
        code = main([command, str(path)])
    except Exception as exc:
        pytest.fail(f"raised {type(exc).__name__}: {exc}")
    assert code != 0 and capsys.readouterr().err.count("\n") == 1


def test_row_make_dev_stops_on_signals() -> None:
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert "pipelines.tools.dev_server" in makefile  # behaviour itself: tests/test_dev_server.py
