"""One tokenisation pass per article: its keyword-candidate terms with counts.

Document frequencies, keywords and discovered themes are all computed from these term counts, which the
warehouse keeps in `article_terms`, so an article is tokenised once however often the corpus steps run.

Terms are phrase-aware: entity spans (from `entity_mentions`, when the caller has them) are kept whole, and
without spans, runs of person-name pieces the segmenter splits (斯托尔/滕/贝格, 罗纳德·里根) are joined again.
Function words (pronouns, adverbs, particles, adjectives like 很大), generic news verbs (resources/
keyword_stoplist_zh.txt) and words the segmenter guessed outside its dictionary (fragments such as 稳是, 中尼是,
中说) are not terms; names the dictionary lacks survive through the entity spans or the name joining.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from collections.abc import Sequence

import rjieba

from pipelines.ingest.dateline import strip_source_lead

from .tokenize import RESOURCES, normalize, stopwords

# Bump when the terms of a text change: stored term rows of another version are retired and recomputed.
TOKENIZER_VERSION = "terms-7"

TermCounts = tuple[list[str], list[int]]
Span = tuple[int, int]  # [start, end) character offsets into title + "\n" + body

_NUMERIC = re.compile(r"^[\d.,%:+\-年月日号时分秒万亿千百]+$")
_KEEP_TOKEN = re.compile(r"[\u3400-\u9fffa-z]")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
# Parts of speech a keyword may have (jieba tags): nouns and names, verbal nouns, abbreviations, foreign words.
# Plain verbs (v: 观摩, 符合, 预留, 奔赴) are not: on the bench they were mostly generic; the topical ones (纵火, 排雷)
# usually have a noun beside them in the article (纵火案, 地雷).
_KEEP_POS = ("n", "vn", "j", "eng")
_DROP_POS = {"vd", "vg", "vq", "vi", "ad", "ag", "a", "d", "df", "r", "p", "c", "u", "m", "q", "f", "y"}
_NAME_POS = {"nr", "nrt", "nrfg"}
_JOINED = "joined"  # POS given to name pieces joined again


def _pieces(text: str) -> list[tuple[str, str]]:
    """(word, POS) with split transliterated and Chinese names joined again."""
    out: list[tuple[str, str]] = []
    for word, pos in rjieba.tag(text):
        if out and word == "·":
            out.append((word, "x"))
            continue
        # name·name (罗纳德·里根); a one-character side is a phrase joined by a separator dot (基层·他乡), not a name
        if (out and out[-1][0] == "·" and len(out) >= 2 and _CJK.match(word) and _CJK.match(out[-2][0])
                and len(word) >= 2 and len(out[-2][0]) >= 2):
            out.pop()
            prev, _ = out.pop()
            out.append((f"{prev}·{word}", _JOINED))
            continue
        if out and pos in _NAME_POS and out[-1][1] in (*_NAME_POS, _JOINED) and (
            len(word) == 1 or len(out[-1][0]) == 1 or not (rjieba.has_word(word) and rjieba.has_word(out[-1][0]))
        ):
            prev, _ = out.pop()
            out.append((prev + word, _JOINED))
            continue
        out.append((word, pos))
    return [(w, p) for w, p in out if w != "·"]


@lru_cache(maxsize=1)
def keyword_stoplist() -> frozenset[str]:
    lines = (RESOURCES / "keyword_stoplist_zh.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_term(word: str, pos: str) -> bool:
    if len(word) < 2 or word in stopwords() or word in keyword_stoplist() or not _KEEP_TOKEN.search(word):
        return False
    if _NUMERIC.match(word):
        return False
    # adjectival -性 nouns and -时 clauses (战略性, 突破性, 全球性; 演讲时) qualify, they name nothing
    if len(word) >= 3 and word[-1] in "性时" and pos != _JOINED:
        return False
    if pos == _JOINED:
        return True
    if pos in _DROP_POS or not pos.startswith(_KEEP_POS):
        return False
    # A CJK word the dictionary does not know was guessed by the segmenter's HMM: mostly fragments across word
    # boundaries (中说, 互办, 乌欠, 拉方愿). Real names among them are kept whole through the entity spans.
    return not (_CJK.match(word) and not rjieba.has_word(word))


# Sum of the word frequencies of jieba's general dictionary (dict.txt, about 60 million), the scale of term_specificity.
_LOG_DICTIONARY_TOTAL = math.log(60_101_967)
_MIN_SPECIFICITY = 0.05


def _dictionary_specificity(word: str) -> float:
    if not rjieba.has_word(word):
        return 1.0
    return max(_MIN_SPECIFICITY, 1.0 - math.log1p(rjieba.suggest_freq(word)) / _LOG_DICTIONARY_TOTAL)


@lru_cache(maxsize=200_000)
def term_specificity(term: str) -> float:
    """How specific a term is outside this corpus, in (0, 1]: 1 - ln(1 + f) / ln(total) for a word of jieba's
    general dictionary with frequency f, 1.0 for a term the dictionary lacks (names and entity spans).

    Keyword scores are multiplied by it, so among terms of equal TF-IDF the generic words of any prose (经济 0.40,
    会议 0.43, 学习 0.47) rank below rare words and names (萨特巴尔季耶夫 1.0). The dictionary also lists set phrases
    made of two common words with a tiny frequency of their own (挖掘潜力, 合作伙伴, 今天上午, 消息人士): such a word of
    four or more characters that splits into two dictionary words of two or more is as generic as its halves on
    average.
    """
    own = _dictionary_specificity(term)
    if len(term) < 4 or own == 1.0:
        return own
    for cut in range(2, len(term) - 1):
        head, tail = term[:cut], term[cut:]
        if rjieba.has_word(head) and rjieba.has_word(tail):
            return min(own, (_dictionary_specificity(head) + _dictionary_specificity(tail)) / 2)
    return own


def segment_terms(text: str) -> list[str]:
    """Terms of a stretch of text that holds no entity span."""
    return [w for w, p in _pieces(normalize(text)) if _is_term(w, p)]


# A CJK name span with a digit or a quotation mark inside is a tagger overrun into the text (利比亚大使馆16号发布安,
# 福特”号飞行), not a name.
# A span ending in a dot and one character was cut short (马丁·沃 for 马丁·沃尔夫).
_DIGIT_IN_CJK = re.compile(r"[\u3400-\u9fff].*[\d“”\"'《》「」]|[\d“”\"'《》「」].*[\u3400-\u9fff]|·[\u3400-\u9fff]$")


def _entity_term(surface: str) -> str | None:
    term = normalize(surface).strip()
    return term if len(term) >= 2 and _KEEP_TOKEN.search(term) and not _NUMERIC.match(term) else None


def article_terms(title: str | None, body: str | None, spans: Sequence[Span] = ()) -> list[str]:
    """Terms of an article in text order; entity spans stay whole, the body's dateline/source lead is skipped."""
    title, body = title or "", body or ""
    text = f"{title}\n{body}"
    body_start = len(title) + 1
    lead_end = body_start + len(body) - len(strip_source_lead(body))
    chosen: list[Span] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):  # outermost span first
        if 0 <= start < end <= len(text) and (not chosen or start >= chosen[-1][1]):
            if not (body_start <= start < lead_end):
                chosen.append((start, end))
    out: list[str] = []
    cursor = 0
    for start, end in chosen + [(len(text), len(text))]:
        for a, b in ((cursor, min(start, body_start)), (max(cursor, lead_end), start)):
            if a < b:
                out.extend(segment_terms(text[a:b]))
        if start < end and _DIGIT_IN_CJK.search(text[start:end]):
            out.extend(segment_terms(text[start:end]))  # an overrun span: its words, as if it were not a name
        elif start < end and (term := _entity_term(text[start:end])):
            out.append(term)
        cursor = max(cursor, end)
    return out


def candidates(text: str) -> list[str]:
    """Terms of `title + "\\n" + body` without entity spans (the fallback when no mentions are known)."""
    title, _, body = (text or "").partition("\n")
    return article_terms(title, body)


def article_text(title: str | None, body: str | None) -> str:
    return f"{title or ''}\n{body or ''}"


def term_counts(text: str) -> TermCounts:
    """(sorted distinct terms, their counts) of a `title + "\\n" + body` text."""
    return counted(candidates(text))


def counted(terms: list[str]) -> TermCounts:
    counts = Counter(terms)
    ordered = sorted(counts)
    return ordered, [counts[t] for t in ordered]
