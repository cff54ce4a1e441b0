"""Turn a dump file's bytes into text, remembering how, so byte ranges stay traceable.

Byte offsets everywhere refer to the *decompressed* bytes of the file (for `.gz`, the
gunzipped stream), in the file's own encoding: `raw[byte_start:byte_end]` decodes back to
the record.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipelines.ingest.languages import LegacyDecodeError, best_legacy_decoding


class DumpDecodeError(ValueError):
    """The file cannot be read as text; the message says why, for the `dumps.error` column."""


@dataclass(frozen=True)
class DecodedDump:
    dump_id: str  # sha256 of the file's bytes as stored (compressed if .gz)
    size_bytes: int
    compression: str | None  # "gzip" or None
    raw: bytes  # decompressed bytes
    encoding: str  # Python codec name used
    bom_length: int  # bytes of BOM before the first character
    text: str  # decoded, line endings untouched; undecodable bytes kept as surrogate escapes
    truncated: str | None = None  # why the file looks cut short (its last record is then incomplete)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A UTF-8 file with a handful of damaged bytes (a cut multi-byte character at a truncated
# end, a flipped byte) is still UTF-8; the records holding the damage get quarantined.
_MAX_UTF8_DAMAGE = 0.001


@dataclass(frozen=True)
class DecodeLimits:
    """Caps on what one dump may expand to, so a hostile file cannot exhaust memory."""

    max_bytes: int = 256 * 1024 * 1024  # decompressed (or plain) bytes of one dump
    max_ratio: int = 200  # decompressed / compressed, judged once past _RATIO_FLOOR bytes of output


_CHUNK = 1 << 16  # bytes read from the file at a time
_PIECE = 1 << 20  # most bytes one decompress call may produce
_RATIO_FLOOR = 1 << 20  # small outputs compress oddly well; judge the ratio only past 1 MiB


def read_dump(path: Path, limits: DecodeLimits | None = None) -> DecodedDump:
    """Read a dump by path. The pipeline opens landing files with landing.open_landing_file instead."""
    with open(path, "rb") as stream:
        return read_dump_stream(stream, limits)


def read_dump_stream(stream: BinaryIO, limits: DecodeLimits | None = None) -> DecodedDump:
    """Read and decode an open dump in bounded memory; raises DumpDecodeError past the limits."""
    limits = limits or DecodeLimits()
    hasher = hashlib.sha256()
    first = stream.read(_CHUNK)
    hasher.update(first)
    compression = None
    truncated = None
    if first[:2] == b"\x1f\x8b":
        compression = "gzip"
        raw, truncated, stored_size = _gunzip_stream(stream, first, hasher, limits)
    else:
        raw, stored_size = _read_plain(stream, first, hasher, limits)
    encoding, bom_length, text = decode_bytes(raw)
    if truncated is None and _ends_mid_character(text):
        truncated = "file ends in the middle of a character"
    return DecodedDump(hasher.hexdigest(), stored_size, compression, raw, encoding, bom_length, text, truncated)


def _read_plain(stream: BinaryIO, first: bytes, hasher, limits: DecodeLimits) -> tuple[bytes, int]:
    parts, size = [first], len(first)
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limits.max_bytes:
            raise DumpDecodeError(f"file larger than MAX_DUMP_BYTES ({limits.max_bytes} bytes); not read further")
        hasher.update(chunk)
        parts.append(chunk)
    if size > limits.max_bytes:
        raise DumpDecodeError(f"file larger than MAX_DUMP_BYTES ({limits.max_bytes} bytes); not read further")
    return b"".join(parts), size


def _gunzip_stream(stream: BinaryIO, first: bytes, hasher, limits: DecodeLimits) -> tuple[bytes, str | None, int]:
    """(decompressed bytes, why it is incomplete or None, stored size), never holding more than the cap.

    Handles concatenated gzip members and zero padding like gzip.decompress; a stream cut short
    keeps its intact prefix (the last record is then quarantined as truncated).
    """
    out: list[bytes] = []
    produced = 0
    stored = len(first)
    pending = first
    inflater = zlib.decompressobj(wbits=31)
    member_has_data = False
    while True:
        if not pending:
            pending = stream.read(_CHUNK)
            if not pending:
                break
            hasher.update(pending)
            stored += len(pending)
        try:
            piece = inflater.decompress(pending, _PIECE)
        except zlib.error as exc:
            raise DumpDecodeError(f"corrupt gzip stream after {produced} decompressed bytes: {exc}") from exc
        pending = inflater.unconsumed_tail
        member_has_data = True
        produced += len(piece)
        if produced > limits.max_bytes:
            raise DumpDecodeError(
                f"gzip expands past MAX_DUMP_BYTES ({limits.max_bytes} bytes) after {stored} compressed bytes:"
                " refused as a decompression bomb"
            )
        if produced > _RATIO_FLOOR and produced > limits.max_ratio * stored:
            raise DumpDecodeError(
                f"gzip expands more than MAX_GZIP_RATIO ({limits.max_ratio}:1): {produced} bytes from {stored}"
                " compressed bytes; refused as a decompression bomb"
            )
        out.append(piece)
        if inflater.eof:
            rest = inflater.unused_data + pending
            pending = b""
            if rest.strip(b"\x00") and rest.lstrip(b"\x00")[:2] != b"\x1f\x8b":
                return (
                    b"".join(out),
                    f"{len(rest)} bytes of trailing garbage after the gzip stream",
                    _drain(stream, hasher, stored),
                )
            pending = rest.lstrip(b"\x00")
            inflater = zlib.decompressobj(wbits=31)
            member_has_data = False
    if member_has_data and not inflater.eof:
        if not produced:
            raise DumpDecodeError("corrupt gzip stream: cut short before any data")
        return b"".join(out), f"gzip stream cut short after {produced} decompressed bytes", stored
    return b"".join(out), None, stored


def _drain(stream: BinaryIO, hasher, stored: int) -> int:
    while chunk := stream.read(_CHUNK):  # the id hashes every stored byte
        hasher.update(chunk)
        stored += len(chunk)
    return stored


def _ends_mid_character(text: str) -> bool:
    # A cut multi-byte character decodes to surrogate escapes at the very end.
    return bool(text) and "\udc80" <= text[-1] <= "\udcff"


def decode_bytes(raw: bytes) -> tuple[str, int, str]:
    """Return (encoding, bom_length, text). Raises DumpDecodeError when nothing fits."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            errors = "surrogateescape" if encoding == "utf-8" else "strict"
            try:
                return encoding, len(bom), body.decode(encoding, errors=errors)
            except UnicodeDecodeError as exc:
                raise DumpDecodeError(f"{encoding} BOM but invalid {encoding} data: {exc}") from exc
    if b"\x00" in raw[:4096] and raw.count(b"\x00") > len(raw) // 8:
        utf16 = _utf16_without_bom(raw)
        if utf16:
            return utf16
        raise DumpDecodeError("binary data: NUL bytes and not UTF-16 text")
    try:
        return "utf-8", 0, raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8", errors="surrogateescape")
    damaged = sum(1 for ch in lenient if "\udc80" <= ch <= "\udcff")
    if damaged <= max(4, len(raw) * _MAX_UTF8_DAMAGE):
        return "utf-8", 0, lenient
    try:
        return best_legacy_decoding(raw, max_damage=max(4, int(len(raw) * _MAX_UTF8_DAMAGE)))
    except LegacyDecodeError as exc:
        raise DumpDecodeError(str(exc)) from exc


def _utf16_without_bom(raw: bytes) -> tuple[str, int, str] | None:
    # ASCII-range characters put the NUL in the high byte: even offsets hold NULs for BE.
    even_nuls = raw[0::2].count(0)
    odd_nuls = raw[1::2].count(0)
    encoding = "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    try:
        return encoding, 0, raw.decode(encoding)
    except UnicodeDecodeError:
        return None


_DAMAGE = re.compile("[\ufffd\udc80-\udcff]")


def is_damaged(text: str) -> bool:
    """True when text holds bytes that did not decode (surrogate escapes or U+FFFD)."""
    return _DAMAGE.search(text) is not None
