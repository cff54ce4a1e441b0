"""Traditional -> simplified Chinese with every character kept in place.

Extraction (datelines, NER, the geocoder) is built for simplified text. `to_simplified` converts with
OpenCC's `t2s` tables and guarantees `len(result) == len(text)`, so any offset found in the result is an
offset into the original text and its surface is `text[start:end]` in the original script.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` in simplified script, same length; simplified text comes back unchanged."""
    if text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase mapped to a different length (rare): fall back to character by character,
    # keeping any character whose conversion is not exactly one character.
    convert = _converter().convert
    out = []
    for ch in text:
        one = convert(ch)
        out.append(one if len(one) == 1 else ch)
    return "".join(out)
