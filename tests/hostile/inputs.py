"""Random fuzz inputs for the ingest functions (texts in many encodings, mutated). Imports nothing from pipelines."""

from __future__ import annotations

import random

from tests.hostile.texts import JAPANESE, KOREAN, SIMPLIFIED, TRADITIONAL

CODECS = [
    "utf-8",
    "utf-8-sig",
    "gb18030",
    "gbk",
    "big5",
    "cp950",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "shift_jis",
    "euc_jp",
    "euc_jis_2004",
    "euc_kr",
    "cp949",
    "iso2022_jp",
    "latin-1",
    "koi8_r",
]
PIECES = [
    SIMPLIFIED,
    TRADITIONAL,
    JAPANESE,
    KOREAN,
    "\n-\n",
    "\r\n-\r\n",
    "\r",
    "\n",
    " - ",
    "--",
    "\t",
    "(完)",
    "…",
    "😀",
    "\x00",
    "\ufeff",
    "abc",
    "'; DROP TABLE x; --",
    "<b>",
    "\u2028",
    "\x85",
    "ｱｲｳｴｵｶﾞｷﾞ",
    "①②③㈱",
    "ÀÉÎõüÿ",
    "Привет мир",
    "Ελληνικά",
    "𠀋𡈽𡌛",
    "〜～－",
    "é̄",
]


def random_dump(rng: random.Random) -> bytes:
    """One fuzz input: texts glued with separators in a random codec, then mutated."""
    if rng.random() < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
    text = "".join(rng.choice(PIECES)[: rng.randrange(1, 200)] for _ in range(rng.randrange(1, 12)))
    codec = rng.choice(CODECS)
    raw = text.encode(codec, "replace") if codec != "utf-8" else text.encode("utf-8", "surrogatepass")
    raw = bytearray(raw)
    for _ in range(rng.choice([0, 0, 1, 3])):  # flip, drop or insert bytes
        if not raw:
            break
        at = rng.randrange(len(raw))
        action = rng.randrange(3)
        if action == 0:
            raw[at] = rng.randrange(256)
        elif action == 1:
            del raw[at]
        else:
            raw.insert(at, rng.choice([0x0A, 0x0D, 0x2D, 0x00, 0xFF, 0x80]))
    if rng.random() < 0.2:
        raw = raw[: rng.randrange(len(raw) + 1)]  # truncated
    return bytes(raw)
