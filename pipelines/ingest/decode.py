"""Turn a dump file's bytes into text, remembering how, so byte ranges stay traceable.

Byte offsets everywhere refer to the *decompressed* bytes of the file (for `.gz`, the
gunzipped stream), in the file's own encoding: `raw[byte_start:byte_end]` decodes back to
the record.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer


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


def read_dump(path: Path) -> DecodedDump:
    stored = path.read_bytes()
    dump_id = hashlib.sha256(stored).hexdigest()
    compression = None
    raw = stored
    truncated = None
    if stored[:2] == b"\x1f\x8b":
        compression = "gzip"
        raw, truncated = _gunzip(stored)
    encoding, bom_length, text = decode_bytes(raw)
    if truncated is None and _ends_mid_character(text):
        truncated = "file ends in the middle of a character"
    return DecodedDump(dump_id, len(stored), compression, raw, encoding, bom_length, text, truncated)


def _ends_mid_character(text: str) -> bool:
    # A cut multi-byte character decodes to surrogate escapes at the very end.
    return bool(text) and "\udc80" <= text[-1] <= "\udcff"


def _gunzip(stored: bytes) -> tuple[bytes, str | None]:
    """(decompressed bytes, why it is incomplete or None)."""
    try:
        return gzip.decompress(stored), None
    except (EOFError, OSError, zlib.error) as exc:
        # A truncated gzip still yields its intact prefix; keep it rather than lose the file.
        partial = zlib.decompressobj(wbits=31)
        try:
            data = partial.decompress(stored)
        except zlib.error:
            raise DumpDecodeError(f"corrupt gzip stream: {exc}") from exc
        if not data:
            raise DumpDecodeError(f"corrupt gzip stream: {exc}") from exc
        return data, f"gzip stream cut short after {len(data)} decompressed bytes ({exc})"


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
        return "gb18030", 0, raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is not None and best.encoding:
        try:
            return best.encoding, 0, raw.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise DumpDecodeError("undecodable: not UTF-8, UTF-16, GB18030 or any encoding the detector knows")


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
