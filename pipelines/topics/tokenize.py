"""Text normalisation and feature extraction shared by training and inference.

Training and serving must produce identical features, so everything that turns
text into feature strings lives here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import rjieba

from pipelines.ingest.dateline import strip_source_lead

RESOURCES = Path(__file__).with_name("resources")

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# A token is kept only if it has a CJK character or a letter: drops numbers,
# dates and punctuation, which carry no topic.
_KEEP_TOKEN = re.compile(r"[\u3400-\u9fffa-z]")

# Articles are scored on title + the start of the body: the lead paragraphs
# carry the topic, the model was trained mostly on headlines, and long tails
# dilute the signal.  Also bounds the cost per article.
MAX_BODY_CHARS = 1200
TITLE_REPEAT = 2
# Longest character n-gram feature. 3 adds three-character names and terms (房地产, 世界杯, 手游) the segmenter often
# splits; the shipped artifact was trained with it (retrain with `make train-topics` after changing it).
CHAR_NGRAM_MAX = 2


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    path = RESOURCES / "stopwords_zh.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    words.add(" ")
    return frozenset(words)


def normalize(text: str) -> str:
    """NFKC (full-width -> half-width), lower-case."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).lower()


def strip_lead(body: str) -> str:
    # Datelines and source leads name the outlet, not the topic; left in, the outlet would
    # become a topic feature (every CCTV item would look like politics). The ingest parser
    # recognises them; reuse it rather than keep a second pattern.
    return strip_source_lead(body)


def compose(title: str, body: str, max_body: int = MAX_BODY_CHARS) -> str:
    """The text a document is classified on (normalised)."""
    title = normalize(title or "").strip()
    body = strip_lead(normalize(body or "").strip())[:max_body]
    if not title:
        return body
    return "\n".join([title] * TITLE_REPEAT + [body])


def words(text: str) -> list[str]:
    """rjieba tokens minus stopwords and number/punctuation tokens."""
    sw = stopwords()
    keep = _KEEP_TOKEN.search
    return [w for w in rjieba.cut(text) if w not in sw and keep(w)]


def features(text: str) -> list[str]:
    """Word unigrams (prefixed '_') + CJK char 1..CHAR_NGRAM_MAX-grams.

    Char n-grams cover words the segmenter splits badly (names, new terms) and
    make short headlines less sparse; the prefix keeps the word "经济" apart from
    the char bigram "经济" so each gets its own weight.
    """
    sw = stopwords()
    out = ["_" + w for w in words(text)]
    for run in _CJK_RUN.findall(text):
        out.extend(c for c in run if c not in sw)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        if CHAR_NGRAM_MAX >= 3:
            out.extend(run[i : i + 3] for i in range(len(run) - 2))
    return out
