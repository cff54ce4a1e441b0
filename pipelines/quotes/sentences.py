"""Sentences and clauses of Chinese news text, with character offsets. No Dagster.

A sentence ends after 。！？!? (and any closing quotation marks right after them) or at a line break; a clause
also ends at ，,；;：: . Terminators inside quotation marks do not end a sentence: a quoted passage of several
sentences belongs to the sentence that introduces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_ENDS = "。！？!?"
CLAUSE_ENDS = "，,；;：:"
OPENING_QUOTES = "“「『‘"
CLOSING_QUOTES = "”」』’"
MAX_QUOTE_DEPTH_CHARS = 600  # an unclosed quotation mark stops hiding terminators after this many characters


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # exclusive


_SPECIAL = re.compile("[" + re.escape(OPENING_QUOTES + CLOSING_QUOTES + SENTENCE_ENDS) + "\n]")


def sentences(text: str) -> list[Span]:
    """Non-empty sentence spans covering the text (whitespace at their edges left out).

    Only quotation marks, terminators and line breaks are visited (a regular expression finds them), so the cost
    is that of the marks, not of every character.
    """
    spans: list[Span] = []
    start = depth = 0
    opened_at = -1
    skip_until = 0
    n = len(text)
    for match in _SPECIAL.finditer(text):
        i = match.start()
        if i < skip_until:
            continue
        ch = text[i]
        if depth and i - opened_at > MAX_QUOTE_DEPTH_CHARS:
            depth = 0  # an unbalanced mark: stop treating the rest of the text as quoted
        if ch in OPENING_QUOTES:
            if depth == 0:
                opened_at = i
            depth += 1
        elif ch in CLOSING_QUOTES and depth:
            depth -= 1
        if ch == "\n" or (ch in SENTENCE_ENDS and depth == 0):
            end = i + 1 if ch != "\n" else i
            while end < n and text[end] in CLOSING_QUOTES:  # 。” closes the sentence after the mark
                end += 1
            _add(spans, text, start, end)
            start = end if ch != "\n" else i + 1
            depth = 0 if ch == "\n" else depth
            skip_until = end
    _add(spans, text, start, n)
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def sentence_at(spans: list[Span], offset: int) -> int:
    """Index of the sentence holding `offset` (or the last one starting before it)."""
    low, high = 0, len(spans) - 1
    found = 0
    while low <= high:
        mid = (low + high) // 2
        if spans[mid].start <= offset:
            found = mid
            low = mid + 1
        else:
            high = mid - 1
    return found


def clause_start(text: str, end: int, floor: int) -> int:
    """Where the clause ending at `end` starts: after the last clause or sentence mark before it, not before `floor`."""
    i = end - 1
    while i >= floor:
        if (
            text[i] in CLAUSE_ENDS
            or text[i] in SENTENCE_ENDS
            or text[i] in "\n、"
            or text[i] in OPENING_QUOTES
            or text[i] in CLOSING_QUOTES
        ):
            return i + 1
        i -= 1
    return floor
