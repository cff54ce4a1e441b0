"""Decoding hostile bytes: decompression limits, CJK encodings told apart, every record counted."""

from __future__ import annotations

import gzip
import random
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest.decode import DecodeLimits, DumpDecodeError, decode_bytes, read_dump
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.records import split_records
from tests.hostile.corpus import gzip_bomb
from tests.hostile.texts import JAPANESE, KOREAN, SIMPLIFIED, TRADITIONAL


def test_gzip_bomb_fails_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip_bomb(4))  # 4 GiB of zeros from about 4 MB
    tracemalloc.start()
    try:
        with pytest.raises(DumpDecodeError, match="decompression bomb"):
            read_dump(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20, f"peak {peak} bytes"


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (DecodeLimits(max_bytes=2 << 20, max_ratio=10_000), "MAX_DUMP_BYTES"),  # size cap alone
        (DecodeLimits(max_bytes=1 << 30, max_ratio=50), "MAX_GZIP_RATIO"),  # ratio cap alone
    ],
)
def test_each_decompression_limit_applies(tmp_path: Path, limits: DecodeLimits, message: str) -> None:
    path = tmp_path / "zeros.txt.gz"
    path.write_bytes(gzip.compress(b"\0" * (16 << 20)))
    with pytest.raises(DumpDecodeError, match=message):
        read_dump(path, limits)


def test_plain_file_over_the_size_cap_fails(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(SIMPLIFIED.encode("utf-8") * 20_000)
    with pytest.raises(DumpDecodeError, match="MAX_DUMP_BYTES"):
        read_dump(path, DecodeLimits(max_bytes=1 << 20))


def test_ordinary_text_compresses_within_the_limits(tmp_path: Path) -> None:
    # Real dumps compress about 2-3:1 (the bench corpus: 2.6:1); 4 MB of varied text must pass.
    path = tmp_path / "ok.txt.gz"
    rng = random.Random(0)
    chars = list(SIMPLIFIED.replace("\n", ""))
    text = "".join(
        "".join(rng.sample(chars, 40)) + "\n" + "".join(rng.choices(chars, k=300)) + "\n-\n" for _ in range(4_000)
    )
    path.write_bytes(gzip.compress(text.encode("utf-8")) + gzip.compress(b"\n"))  # two members
    dump = read_dump(path)
    assert dump.text == text + "\n" and dump.truncated is None


def test_bomb_fails_the_dump_not_the_process(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip_bomb(1))
    dump = ingest_dump(path, path.name, reference_override=None, max_record_chars=200_000)
    assert dump.status == "failed" and "decompression bomb" in dump.error
    assert dump.dump_id and dump.size_bytes == path.stat().st_size


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (TRADITIONAL, "big5", "cp950"),  # Taiwanese news in Big5: decoded, not read as GB18030
        (TRADITIONAL, "cp950", "cp950"),  # Microsoft's Big5
        (SIMPLIFIED, "gb18030", "gb18030"),  # mainland legacy encoding
        (SIMPLIFIED, "gbk", "gb18030"),  # GBK is a subset
        (SIMPLIFIED, "gb2312", "gb18030"),  # and GB2312 of GBK
    ],
)
def test_chinese_legacy_encodings_decode_exactly(text: str, codec: str, expected: str) -> None:
    raw = ((text + "-\n") * 3).encode(codec)
    encoding, bom, decoded = decode_bytes(raw)
    assert (encoding, decoded) == (expected, (text + "-\n") * 3)
    for record in split_records(decoded, encoding, bom):
        assert raw[record.byte_start : record.byte_end].decode(encoding) == record.text


@pytest.mark.parametrize(
    ("text", "codec", "language"),
    [
        (JAPANESE, "shift_jis", "Japanese"),  # valid GB18030 bytes too: used to load as garbled Chinese
        (JAPANESE, "cp932", "Japanese"),
        (JAPANESE, "euc_jp", "Japanese"),
        (KOREAN, "euc_kr", "Korean"),  # every Hangul syllable is a valid GB2312 character
        (KOREAN, "cp949", "Korean"),
    ],
)
def test_japanese_and_korean_fail_clearly(tmp_path: Path, text: str, codec: str, language: str) -> None:
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(((text + "-\n") * 3).encode(codec))
    dump = ingest_dump(path, path.name, reference_override=date(2025, 7, 18), max_record_chars=200_000)
    assert dump.status == "failed" and language in dump.error and dump.articles.height == 0


def test_decoder_never_chooses_a_codec_without_exact_byte_ranges() -> None:
    # euc_jis_2004 & co. were picked by the detector and broke byte ranges; only the whitelist remains.
    with pytest.raises(ValueError, match="not exact"):
        split_records("a\n-\nb", "euc_jis_2004")


def test_damaged_gb18030_keeps_its_encoding_and_quarantines_the_damage() -> None:
    raw = ((SIMPLIFIED + "-\n") * 40).encode("gb18030") + b"\xff\xff\n-\n" + ("尾部标题\n正文。\n").encode("gb18030")
    encoding, _, text = decode_bytes(raw)
    assert encoding == "gb18030"
    records = split_records(text, encoding)
    assert len(records) == 42
    for record in records:
        assert raw[record.byte_start : record.byte_end].decode(encoding, "surrogateescape") == record.text


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ("a\nb\n-\n-\n", 2),  # one blank record between the last two separators
        ("a\nb\n-\n-\n-\n", 3),  # two of them
        ("a\nb\n-\n  \n-\n\n", 2),  # whitespace-only record, then the trailing framing blank
        ("a\nb\n-\n", 1),  # a final separator frames nothing
        ("-\n-\na\nb\n", 2),  # a blank record at the start, after the leading framing blank
    ],
)
def test_blank_records_at_the_end_are_counted(text: str, records: int) -> None:
    assert len(split_records(text, "utf-8")) == records


def test_trailing_blank_records_are_quarantined_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "tail.txt"
    path.write_text(SIMPLIFIED + "-\n-\n-\n", encoding="utf-8")
    dump = ingest_dump(path, path.name, reference_override=date(2025, 7, 18), max_record_chars=200_000)
    assert dump.records == 3 == dump.parsed + dump.quarantined
    assert dump.quarantine["reason"].to_list() == ["empty", "empty"]
