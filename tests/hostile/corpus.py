"""A bad-input corpus: every kind of hostile or broken landing entry, with the outcome each must get.

`build_corpus(landing, outside)` writes the entries and returns {partition key: Kind}. Texts are
invented (tests/hostile/texts.py); nothing is copied from ../shared.
"""

from __future__ import annotations

import codecs
import gzip
import os
import random
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipelines.ingest.landing import file_key_for
from tests.hostile.texts import JAPANESE, KOREAN, SIMPLIFIED, TRADITIONAL

ARTICLE = SIMPLIFIED
SECOND = "央视快讯\n央视网消息：国家统计局今天公布上半年经济数据，国内生产总值同比增长百分之五。\n"
DUMP = ARTICLE + "-\n" + SECOND


@dataclass(frozen=True)
class Kind:
    name: str
    statuses: frozenset[str]  # acceptable dumps.status values
    min_parsed: int = 0  # records that must have become articles (checks good content really loads)
    error_contains: str | None = None


def _kind(name: str, *statuses: str, min_parsed: int = 0, error: str | None = None) -> Kind:
    return Kind(name, frozenset(statuses), min_parsed, error)


def gzip_bomb(decompressed_gib: int) -> bytes:
    """That many GiB of zeros in a few MB: one 64 MiB member repeated (multi-member gzip is valid)."""
    member = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    return member * (decompressed_gib * 16)


def _files() -> list[tuple[bytes, bytes, Kind]]:
    """(file name as bytes, content, expected outcome) for every regular-file kind."""
    rng = random.Random(10)
    utf8 = DUMP.encode("utf-8")
    big = gzip.compress((DUMP * 3).encode("utf-8"))
    ok = ("loaded",)
    return [
        (b"utf8.txt", utf8, _kind("utf8", "loaded", "duplicate")),  # duplicate.txt has the same bytes
        (b"bom.txt", codecs.BOM_UTF8 + utf8, _kind("utf8 with BOM", "loaded", "duplicate", min_parsed=0)),
        (b"gb18030.txt", DUMP.encode("gb18030"), _kind("gb18030", *ok, min_parsed=2)),
        (b"gbk_crlf.txt", DUMP.replace("\n", "\r\n").encode("gbk"), _kind("gbk + CRLF", *ok, min_parsed=2)),
        (
            b"big5.txt",
            (TRADITIONAL + "-\n" + TRADITIONAL.replace("臺北", "高雄")).encode("big5"),
            _kind("big5", *ok, min_parsed=2),
        ),
        (b"utf16le_bom.txt", codecs.BOM_UTF16_LE + DUMP.encode("utf-16-le"), _kind("utf-16 le", *ok, min_parsed=2)),
        (b"utf16be_bom.txt", codecs.BOM_UTF16_BE + DUMP.encode("utf-16-be"), _kind("utf-16 be", *ok, min_parsed=2)),
        (b"utf16le_nobom.txt", DUMP.encode("utf-16-le"), _kind("utf-16 no BOM", *ok, min_parsed=2)),
        (b"utf32.txt", codecs.BOM_UTF32_LE + DUMP.encode("utf-32-le"), _kind("utf-32", *ok, min_parsed=2)),
        (b"crlf.txt", DUMP.replace("\n", "\r\n").encode("utf-8"), _kind("CRLF", *ok, min_parsed=2)),
        (b"lone_cr.txt", DUMP.replace("\n", "\r").encode("utf-8"), _kind("lone CR", *ok, min_parsed=2)),
        (
            b"mixed_eol.txt",
            (ARTICLE.replace("\n", "\r\n") + "-\r" + SECOND).encode("utf-8"),
            _kind("mixed line ends", *ok, min_parsed=2),
        ),
        (b"bad_bytes.txt", utf8.replace("中新网".encode(), b"\xff\xfe\xfd"), _kind("bad bytes", *ok)),
        (b"truncated.txt", (DUMP + "第三条标题\n正文").encode("utf-8")[:-1], _kind("cut mid-character", *ok)),
        (b"gzip.txt.gz", big, _kind("gzip", *ok, min_parsed=2)),
        (
            b"gzip_multi.txt.gz",
            gzip.compress(utf8) + gzip.compress(b"-\n" + SECOND.encode()),
            _kind("multi-member gzip", *ok, min_parsed=2),
        ),
        (b"gzip_cut.txt.gz", big[: len(big) * 2 // 3], _kind("truncated gzip", *ok)),
        (b"gzip_corrupt.txt.gz", b"\x1f\x8b\x08\x00not deflate at all", _kind("corrupt gzip", "failed")),
        (b"gzip_bomb.txt.gz", gzip_bomb(4), _kind("gzip bomb", "failed", error="decompression bomb")),
        (
            b"sql.txt",
            ("标题'); DROP TABLE articles; --\n正文\"; DELETE FROM dumps; SELECT '1\n-\n" + SECOND).encode(),
            _kind("SQL in text", *ok, min_parsed=2),
        ),
        (
            b"html.txt",
            ("<script>alert(1)</script>标题\n<b>正文</b><img src=x onerror=alert(1)>\n").encode(),
            _kind("HTML in text", *ok, min_parsed=1),
        ),
        (b"empty.txt", b"", _kind("empty file", *ok)),
        (b"separators.txt", b"-\n-\n-\n", _kind("only separators", *ok)),
        (b"trailing_blanks.txt", (DUMP + "-\n-\n \n-\n").encode(), _kind("trailing blank records", *ok, min_parsed=2)),
        (b"whitespace.txt", b" \n\t\n\n", _kind("whitespace only", *ok)),
        (b"duplicate.txt", utf8, _kind("duplicate bytes", "loaded", "duplicate", min_parsed=2)),  # sorts first: owner
        (b"random.bin", bytes(rng.randrange(256) for _ in range(20_000)), _kind("random binary", "failed", "loaded")),
        (b"elf.txt", b"\x7fELF\x02\x01\x01" + bytes(4000), _kind("binary with NULs", "failed", "loaded")),
        (
            b"png.txt",
            b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000)),
            _kind("image", "failed", "loaded"),
        ),
        (
            b"oversized.txt",
            ("巨型标题\n" + "字" * 250_000 + "\n-\n" + SECOND).encode(),
            _kind("oversized record", *ok, min_parsed=1),
        ),
        (b"no_title.txt", ("\n只有正文没有标题。\n-\n" + SECOND).encode(), _kind("no title", *ok, min_parsed=1)),
        (b"long_title.txt", ("长" * 400 + "\n正文。\n").encode(), _kind("title too long", *ok)),
        (
            b"nul_inside.txt",
            (ARTICLE + "-\n标题\x00\n正文\x00含NUL。\n").encode(),
            _kind("NUL in text", *ok, min_parsed=1),
        ),
        (b"controls.txt", ("标题\x07\x1b[31m\n正文\x0b\x0c。\n").encode(), _kind("control characters", *ok)),
        (b"emoji.txt", ("表情😀标题\n正文🎉𠀀。\n").encode(), _kind("4-byte characters", *ok, min_parsed=1)),
        (
            b"shift_jis.txt",
            (JAPANESE + "-\n" + JAPANESE).encode("shift_jis"),
            _kind("Shift_JIS", "failed", error="Japanese"),
        ),
        (b"euc_jp.txt", (JAPANESE + "-\n" + JAPANESE).encode("euc_jp"), _kind("EUC-JP", "failed", error="Japanese")),
        (b"euc_kr.txt", (KOREAN + "-\n" + KOREAN).encode("euc_kr"), _kind("EUC-KR", "failed", error="Korean")),
        (b"name\xff.txt", DUMP.replace("台州", "温州").encode(), _kind("non-UTF-8 name", *ok, min_parsed=2)),
        (b"new\nline.txt", DUMP.replace("台州", "湖州").encode(), _kind("newline in name", *ok, min_parsed=2)),
        (b"quo'te\"s.txt", DUMP.replace("台州", "丽水").encode(), _kind("quotes in name", *ok, min_parsed=2)),
        (b"dots...name.txt", DUMP.replace("台州", "衢州").encode(), _kind("... in name", *ok, min_parsed=2)),
        (b"100%.txt", DUMP.replace("台州", "舟山").encode(), _kind("% in name", *ok, min_parsed=2)),
        (b"sub/dir/nested.txt", DUMP.replace("台州", "金华").encode(), _kind("nested folder", *ok, min_parsed=2)),
    ]


def build_corpus(landing: Path, outside: Path) -> dict[str, Kind]:
    """Write every kind into `landing` (and targets into `outside`); return {partition key: Kind}."""
    expected: dict[str, Kind] = {}
    for name, content, kind in _files():
        path = Path(os.fsdecode(os.fsencode(landing) + b"/" + name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        expected[file_key_for(path.relative_to(landing))] = kind

    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_bytes(DUMP.replace("台州", "嘉兴").encode())  # parseable: loading it would be a leak
    specials: list[tuple[str, Callable[[Path], None], Kind]] = [
        ("link_out.txt", lambda p: p.symlink_to(secret), _kind("symlink out", "skipped", error="outside")),
        ("link_etc.txt", lambda p: p.symlink_to("/etc/hostname"), _kind("symlink to /etc", "skipped")),
        ("link_in.txt", lambda p: p.symlink_to(landing / "utf8.txt"), _kind("symlink in", "loaded", "duplicate")),
        ("link_dangling.txt", lambda p: p.symlink_to(landing / "nothing.txt"), _kind("dangling", "skipped")),
        ("link_dir", lambda p: p.symlink_to(outside), _kind("symlinked directory", "skipped")),
        ("fifo.txt", lambda p: os.mkfifo(p), _kind("FIFO", "skipped", error="FIFO")),
        ("socket.txt", _make_socket, _kind("socket", "skipped", error="socket")),
        ("devnull.txt", lambda p: p.symlink_to("/dev/null"), _kind("device (via symlink)", "skipped")),
    ]
    for name, make, kind in specials:
        make(landing / name)
        expected[name] = kind
    return expected


_SOCKETS: list[socket.socket] = []


def _make_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    _SOCKETS.append(server)  # kept open while the test runs; the file stays after close anyway


def close_sockets() -> None:
    while _SOCKETS:
        _SOCKETS.pop().close()
