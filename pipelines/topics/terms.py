"""One tokenisation pass per article: its keyword-candidate terms with counts.

Document frequencies, keywords and discovered themes are all computed from these term counts, which the
warehouse keeps in `article_terms`, so an article is tokenised once however often the corpus steps run.
"""
from __future__ import annotations

import re
from collections import Counter

from .tokenize import normalize, strip_lead, words

# Bump when `candidates` changes: stored term rows of another version are retired and recomputed.
TOKENIZER_VERSION = "terms-1"

TermCounts = tuple[list[str], list[int]]

_NUMERIC = re.compile(r"^[\d.,%:+\-年月日号时分秒万亿千百]+$")


def candidates(text: str) -> list[str]:
    # Single characters are rarely useful keywords in Chinese and mostly noise.
    return [w for w in words(strip_lead(normalize(text))) if len(w) >= 2 and not _NUMERIC.match(w)]


def article_text(title: str | None, body: str | None) -> str:
    return f"{title or ''}\n{body or ''}"


def term_counts(text: str) -> TermCounts:
    """(sorted distinct terms, their counts) of a text."""
    counts = Counter(candidates(text))
    terms = sorted(counts)
    return terms, [counts[t] for t in terms]
