"""Fuzzing the pure ingest functions: decode, split into records, parse.

`check_bytes(raw)` is the property: no exception but DumpDecodeError, the decoder only picks codecs
with exact byte ranges, and every record's byte range slices back to the record.
`random_dump(rng)` makes one input (texts in many encodings, mutated). Run the long fuzz with
`make fuzz` (= python -m tests.hostile.fuzz --inputs N --seed S): it prints inputs, failures and the
encodings chosen.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import date

from pipelines.ingest.decode import DumpDecodeError, decode_bytes
from pipelines.ingest.parse import parse_record
from pipelines.ingest.records import BYTE_EXACT_CODECS, split_records
from tests.hostile.inputs import random_dump


def check_bytes(raw: bytes) -> str:
    """The property. Returns the codec chosen ("failed" when refused); raises AssertionError otherwise."""
    try:
        encoding, bom, text = decode_bytes(raw)
    except DumpDecodeError as exc:
        assert str(exc), "a refusal must say why"
        return "failed"
    assert encoding in BYTE_EXACT_CODECS, encoding
    errors = "strict" if encoding.startswith(("utf-16", "utf-32")) else "surrogateescape"
    for record in split_records(text, encoding, bom):
        piece = raw[record.byte_start : record.byte_end].decode(encoding, errors)
        assert piece.replace("\r\n", "\n").replace("\r", "\n") == record.text, (encoding, record)
        parse_record(record.text, date(2025, 7, 18), 200_000)
    return encoding


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    chosen: Counter[str] = Counter()
    failures = []
    started = time.perf_counter()
    for number in range(args.inputs):
        raw = random_dump(rng)
        try:
            chosen[check_bytes(raw)] += 1
        except Exception as exc:
            failures.append((number, raw[:80], f"{type(exc).__name__}: {exc}"[:200]))
    seconds = time.perf_counter() - started
    print(f"inputs={args.inputs} seed={args.seed} failures={len(failures)} seconds={seconds:.1f}")
    print("outcomes: " + ", ".join(f"{k}={v}" for k, v in chosen.most_common()))
    for number, head, message in failures[:20]:
        print(f"  input {number}: {message} (first bytes {head!r})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
