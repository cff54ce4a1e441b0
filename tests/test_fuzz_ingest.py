"""Fuzz the pure ingest functions (decode, split, parse) with a fixed seed: no exception, exact byte ranges.

A longer run with plain random inputs: `make fuzz` (tests/hostile/fuzz.py).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.fuzz import check_bytes
from tests.hostile.inputs import CODECS, PIECES, random_dump

FIXED = settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text made of the characters that matter here: CJK, kana, hangul, separators, line breaks, controls.
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(codec="utf-8"), max_size=30)), max_size=12
).map("".join)


@FIXED
@given(raw=st.binary(max_size=600))
def test_arbitrary_bytes(raw: bytes) -> None:
    check_bytes(raw)


@FIXED
@given(text=texts, codec=st.sampled_from(CODECS), cut=st.integers(min_value=0, max_value=5))
def test_encoded_texts_cut_anywhere(text: str, codec: str, cut: int) -> None:
    raw = text.encode(codec, "replace")
    check_bytes(raw)
    check_bytes(raw[: len(raw) - cut])  # truncated mid-character


@FIXED
@given(rng=st.randoms(use_true_random=False))
def test_mutated_dumps(rng) -> None:
    check_bytes(random_dump(rng))
