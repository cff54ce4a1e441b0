"""Decoding dump bytes and splitting them into records with exact byte ranges."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from pipelines.ingest.decode import DumpDecodeError, decode_bytes, is_damaged, read_dump
from pipelines.ingest.records import split_records

TEXT = "标题一\n中新网台州4月7日电(傅飞扬)正文第一段。\n第二段。(完)\n-\n标题二\n央视网消息:一条快讯..."


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),  # plain UTF-8
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),  # UTF-8 with BOM
        (TEXT.encode("gb18030"), "gb18030"),  # GB18030 from older mainland systems
        (TEXT.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),  # UTF-16 LE with BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),  # UTF-16 BE with BOM
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # UTF-16 without BOM, guessed from NUL positions
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),  # Windows line endings
        (TEXT.replace("\n", "\r").encode("gb18030"), "gb18030"),  # old Mac line endings
    ],
)
def test_decodes_and_byte_ranges_slice_back(raw: bytes, encoding: str) -> None:
    used, bom, text = decode_bytes(raw)
    assert used == encoding
    records = split_records(text, used, bom)
    assert [r.text.split("\n")[0] for r in records] == ["标题一", "标题二"]
    for record in records:
        sliced = raw[record.byte_start : record.byte_end].decode(used)
        assert sliced.replace("\r\n", "\n").replace("\r", "\n") == record.text


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("a\nb\n-\nc\nd\n", ["a", "c"]),  # trailing newline after last record
        ("a\nb\n  -  \nc\nd", ["a", "c"]),  # separator with surrounding spaces
        ("-\na\nb\n-\nc\nd\n-\n", ["a", "c"]),  # separators at both ends frame nothing
        ("a\nb\n-\n-\nc\nd", ["a", "", "c"]),  # a blank record between separators is kept (quarantined later)
        ("a\n--\nb", ["a"]),  # `--` is body text, not a separator
    ],
)
def test_split_records(text: str, titles: list[str]) -> None:
    records = split_records(text, "utf-8")
    assert [r.text.split("\n")[0] for r in records] == titles
    assert [r.record_no for r in records] == list(range(1, len(titles) + 1))


def test_gzip_is_read_transparently_and_ids_hash_stored_bytes(tmp_path: Path) -> None:
    path = tmp_path / "d.txt.gz"
    path.write_bytes(gzip.compress(TEXT.encode("utf-8")))
    dump = read_dump(path)
    assert dump.compression == "gzip" and dump.encoding == "utf-8" and dump.text == TEXT
    assert len(dump.dump_id) == 64


def test_truncated_gzip_keeps_its_intact_prefix(tmp_path: Path) -> None:
    compressed = gzip.compress((TEXT * 200).encode("utf-8"))
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    dump = read_dump(path)
    assert dump.text.startswith("标题一") and len(dump.text) < len(TEXT * 200)


def test_truncated_utf8_character_stays_utf8() -> None:
    # A file cut in the middle of a multi-byte character must not be misread as GB18030.
    raw = (TEXT + "正文").encode("utf-8")[:-1]
    encoding, _, text = decode_bytes(raw)
    assert encoding == "utf-8"
    assert is_damaged(text) and text.startswith("标题一")


@pytest.mark.parametrize(
    "raw",
    [
        bytes(range(256)) * 8,  # binary noise with NULs that is not UTF-16
        b"\x1f\x8b\x08\x00garbage-not-deflate",  # gzip magic, corrupt stream
    ],
)
def test_unreadable_files_raise_a_readable_error(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(DumpDecodeError) as error:
        read_dump(path)
    assert str(error.value)
