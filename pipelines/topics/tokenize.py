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

RESOURCES = Path(__file__).with_name("resources")

# Wire/broadcast leads ("央视网消息(新闻联播):", "中新网台州4月7日电(傅飞扬 元萌)",
# "中国天气网讯") name the outlet, not the topic; left in, the outlet would become
# a topic feature (every CCTV item looks like politics).
_LEAD_RE = re.compile(
    r"^\s*(?:"
    r"[^\s:,。(]{0,12}?消息\s*(?:\([^()]{0,20}\))?\s*[:,]"  # 央视网消息(新闻联播):
    r"|[^\s:,。(]{0,16}?\d{1,2}月\d{1,2}日电\s*(?:\([^()]{0,30}\))?"  # 中新网台州4月7日电(...)
    r"|[^\s:,。(]{1,10}?网讯"  # 中国天气网讯
    r")\s*"
)
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# A token is kept only if it has a CJK character or a letter: drops numbers,
# dates and punctuation, which carry no topic.
_KEEP_TOKEN = re.compile(r"[\u3400-\u9fffa-z]")

# Articles are scored on title + the start of the body: the lead paragraphs
# carry the topic, the model was trained mostly on headlines, and long tails
# dilute the signal.  Also bounds the cost per article.
MAX_BODY_CHARS = 1200
TITLE_REPEAT = 2


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
    # CCTV stacks two leads: "中国网络电视台消息(新闻联播):本台消息,"
    for _ in range(2):
        body = _LEAD_RE.sub("", body, count=1)
    return body


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
    """Word unigrams (prefixed '_') + CJK char 1-2grams.

    Char n-grams cover words the segmenter splits badly (names, new terms) and
    make short headlines less sparse; the prefix keeps the word "经济" apart from
    the char bigram "经济" so each gets its own weight.
    """
    sw = stopwords()
    out = ["_" + w for w in words(text)]
    for run in _CJK_RUN.findall(text):
        out.extend(c for c in run if c not in sw)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out
