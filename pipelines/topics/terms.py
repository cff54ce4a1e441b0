"""One tokenisation pass per article: its keyword-candidate terms with counts.

Document frequencies, keywords and discovered themes are all computed from these term counts, which the
warehouse keeps in `article_terms`, so an article is tokenised once however often the corpus steps run.

Terms are phrase-aware: entity spans (from `entity_mentions`, when the caller has them) are kept whole, repaired
where the tagger cut them one character wrong and extended to the places where a tagged name recurs untagged; without
spans, runs of person-name pieces the segmenter splits (斯托尔/滕/贝格, 罗纳德·里根) are joined again.
Function words (pronouns, adverbs, particles, adjectives like 很大), plain verbs, generic words of news prose
(resources/keyword_stoplist_zh.txt, for spans too), a title's column label (【时代先锋】) and words the segmenter
guessed outside its dictionary (fragments such as 稳是, 中尼是, 中说) are not terms, nor is a piece whose every
occurrence lies inside a longer term of the article (博拉 of 埃博拉) or a name span that cuts a word of the text around
it (埃博拉隔|离, which is segmented like plain text instead); names the dictionary lacks
survive through the entity spans or the name joining. `term_specificity` says how generic a term is outside the
corpus (keyword scores are multiplied by it).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import rjieba

from pipelines.ingest.dateline import strip_source_lead
from pipelines.topics.tokenize import RESOURCES, normalize, stopwords

# Bump when the terms of a text change: stored term rows of another version are retired and recomputed.
# terms-9: overlapping names of the same length claim the text in one fixed order, not a hash-seeded one.
# terms-10: four-character phrases of manner + predicate (充分肯定, 稳步推进, 隆重举行) are no terms.
# terms-11: the same terms, stored with their context in the article (name, inside a longer term, first position, glued
# to the next word).
TOKENIZER_VERSION = "terms-11"

TermCounts = tuple[list[str], list[int]]
Span = tuple[int, int]  # [start, end) character offsets into title + "\n" + body

_NUMERIC = re.compile(r"^[\d.,%:+\-年月日号时分秒万亿千百]+$")
_KEEP_TOKEN = re.compile(r"[\u3400-\u9fffa-z]")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
# A numeral and one character (四大, 六大, 九连, 三实) stands for a list the article spells out, or is a piece of a
# longer word; the named lists keep their own words (两会, 五中全会 have more characters or are listed names).
_NUMBERED_KIND = re.compile(r"^[一二三四五六七八九十两百千万][\u3400-\u9fff]$")
# Parts of speech a keyword may have (jieba tags): nouns and names, verbal nouns, abbreviations, foreign words.
# Plain verbs (v: 观摩, 符合, 预留, 奔赴) are not: on the bench they were mostly generic; the topical ones (纵火, 排雷)
# usually have a noun beside them in the article (纵火案, 地雷).
_KEEP_POS = ("n", "vn", "j", "eng")
_DROP_POS = {"vd", "vg", "vq", "vi", "ad", "ag", "a", "d", "df", "r", "p", "c", "u", "m", "q", "f", "y"}
_NAME_POS = {"nr", "nrt", "nrfg"}
_JOINED = "joined"  # POS given to name pieces joined again
# Conjunctions the tagger or the dictionary glue onto a name (和普京): such a word or span is the name without them.
_CONJUNCTIONS = frozenset("和与同及跟")


def _pieces(text: str) -> list[tuple[str, str]]:
    """(word, POS) with split transliterated and Chinese names joined again."""
    out: list[tuple[str, str]] = []
    for word, pos in rjieba.tag(text):
        if out and word == "·":
            out.append((word, "x"))
            continue
        # name·name (罗纳德·里根); a one-character side is a phrase joined by a separator dot (基层·他乡), not a name
        if (
            out
            and out[-1][0] == "·"
            and len(out) >= 2
            and _CJK.match(word)
            and _CJK.match(out[-2][0])
            and len(word) >= 2
            and len(out[-2][0]) >= 2
        ):
            out.pop()
            prev, _ = out.pop()
            out.append((f"{prev}·{word}", _JOINED))
            continue
        # a one-character place piece before a name piece is one transliterated name (埃|博拉 for 埃博拉); a place
        # name before 舰 names a ship (辽宁|舰)
        if out and (
            (pos in _NAME_POS and out[-1][1] == "ns" and len(out[-1][0]) == 1)
            or (word == "舰" and out[-1][1] == "ns" and len(out[-1][0]) >= 2)
        ):
            prev, _ = out.pop()
            out.append((prev + word, _JOINED))
            continue
        if (
            out
            and pos in _NAME_POS
            and out[-1][1] in (*_NAME_POS, _JOINED)
            and (len(word) == 1 or len(out[-1][0]) == 1 or not (rjieba.has_word(word) and rjieba.has_word(out[-1][0])))
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
    if _NUMERIC.match(word) or _NUMBERED_KIND.match(word):
        return False
    # adjectival -性 nouns and -时 clauses (战略性, 突破性, 全球性; 演讲时) qualify, they name nothing
    if len(word) >= 3 and word[-1] in "性时" and pos != _JOINED:
        return False
    if pos == _JOINED:
        return True
    # the dictionary holds a few conjunction + name words (和普京): not a term, the name occurs alone elsewhere
    if len(word) >= 3 and word[0] in _CONJUNCTIONS and rjieba.has_word(word[1:]):
        return False
    if pos in _DROP_POS or not pos.startswith(_KEEP_POS):
        return False
    if _manner_and_predicate(word):
        return False
    # A CJK word the dictionary does not know was guessed by the segmenter's HMM: mostly fragments across word
    # boundaries (中说, 互办, 乌欠, 拉方愿). Real names among them are kept whole through the entity spans.
    return not (_CJK.match(word) and not rjieba.has_word(word))


# jieba tags of the halves of a four-character phrase that says how something was done, not what: an adverb or
# adjective of manner, then a verb or adjective (充分|肯定, 明显|改善, 稳步|推进, 严厉|打击, 隆重|举行, 圆满|成功).
# Such set phrases of official prose (the dictionary lists them, often tagged as names) were judged evaluative or
# generic on the bench; a phrase the dictionary tags as a noun stays (恐怖|袭击), and a verbal-noun tail names an
# activity (紧急|救援).
_MANNER_POS = {"a", "ad", "d"}
_PREDICATE_POS = {"v", "a", "ad"}


@lru_cache(maxsize=50_000)
def _manner_and_predicate(word: str) -> bool:
    if len(word) != 4 or not _CJK.match(word):
        return False
    whole = rjieba.tag(word)
    if len(whole) == 1 and whole[0][1] == "n":
        return False
    head, tail = rjieba.tag(word[:2]), rjieba.tag(word[2:])
    return len(head) == 1 and len(tail) == 1 and head[0][1] in _MANNER_POS and tail[0][1] in _PREDICATE_POS


# Sum of the word frequencies of jieba's general dictionary (dict.txt, about 60 million), the scale of term_specificity.
_LOG_DICTIONARY_TOTAL = math.log(60_101_967)
_MIN_SPECIFICITY = 0.05
_GENERIC_PREFIXES = frozenset("新大无谋全老小高总")
_GENERIC_SUFFIXES = frozenset("型式感期化率者界")


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
    if own == 1.0 or len(term) < 3:
        return own
    if len(term) == 3:
        # a common word with a one-character affix is as generic as the word (新机制, 大提速, 创造型, 参与者)
        if term[0] in _GENERIC_PREFIXES and rjieba.has_word(term[1:]):
            return min(own, _dictionary_specificity(term[1:]))
        if term[-1] in _GENERIC_SUFFIXES and rjieba.has_word(term[:-1]):
            return min(own, _dictionary_specificity(term[:-1]))
        return own
    for cut in range(2, len(term) - 1):
        head, tail = term[:cut], term[cut:]
        if rjieba.has_word(head) and rjieba.has_word(tail):
            return min(own, (_dictionary_specificity(head) + _dictionary_specificity(tail)) / 2)
    return own


def _segment_pieces(text: str) -> list[tuple[str, bool]]:
    """(term, whether it is a name joined again from pieces) of a stretch of text that holds no entity span."""
    return [(w, p == _JOINED) for w, p in _pieces(normalize(text)) if _is_term(w, p)]


# One occurrence of a term in an article and whether it is a name (an entity span, or name pieces joined again):
# context the keyword filter reads (keyword_context.py). A plain tuple: a named tuple per occurrence cost a tenth of
# the tokenisation time.
Occurrence = tuple[str, bool]


# A CJK name span with a digit or a quotation mark inside is a tagger overrun into the text (利比亚大使馆16号发布安,
# 福特”号飞行), not a name.
# A span ending in a dot and one character was cut short (马丁·沃 for 马丁·沃尔夫).
_DIGIT_IN_CJK = re.compile(r"[\u3400-\u9fff].*[\d“”\"'《》「」]|[\d“”\"'《》「」].*[\u3400-\u9fff]|·[\u3400-\u9fff]$")


# A name span the tagger started on a conjunction (和普京 in 习近平主席和普京总统) or ended one character into the next
# word (珠三角区|域, 巴哈马参|议员, 京津冀协|同, 西江村村|民) is cut back to the name; a span whose last character
# ends a name of an institution (外交部|部长, 福岛县|县政府) is left alone.
_INSTITUTION_ENDS = frozenset("部省县市军会局党团")
_DOUBLED_PLACE_ENDS = frozenset("村镇乡县市区岛湖河江山路街桥港")
_COLUMN_LABEL = re.compile(r"^\s*【[^】]*】")


def _repair_span(text: str, start: int, end: int, names: frozenset[str]) -> tuple[int, int]:
    """The span cut back to the name; `names` are the article's other span surfaces (陈岗 beside 陈岗调|任)."""
    surface = text[start:end]
    if len(surface) >= 3 and surface[0] in _CONJUNCTIONS and rjieba.has_word(surface[1:]):
        start, surface = start + 1, surface[1:]
    # started one character late (全|国新华书店, 十八|届中央纪委): the first character ends a word begun before the
    # span and the rest is a name of three or more characters (a two-character rest is often a person's given name:
    # 局长|龙秀林)
    rest = surface[1:]
    if (
        len(rest) >= 3
        and start > 0
        and _CJK.match(text[start - 1])
        and rjieba.has_word(text[start - 1] + surface[0])
        and (rest in names or rjieba.has_word(rest))
        and not rjieba.has_word(surface)
    ):
        start, surface = start + 1, rest
    if len(surface) >= 3 and end < len(text) and _CJK.match(text[end]) and surface[-1] not in _INSTITUTION_ENDS:
        # 西江村村|文书, 港珠澳大桥桥|梁; a doubled character that ends a person's name stays (屠呦呦)
        if surface[-1] == surface[-2] and surface[-1] in _DOUBLED_PLACE_ENDS:
            return start, end - 1
        shorter_is_a_name = surface[:-1] in names or (rjieba.has_word(surface[:-1]) and not rjieba.has_word(surface))
        if shorter_is_a_name and len(rjieba.cut(text[end - 1 : end + 3], False)[0]) >= 2:
            end -= 1
    return start, end


def _boundary_inside_a_word(text: str, at: int, lo: int, hi: int) -> bool:
    """Whether jieba, cutting text[lo:hi], puts a word across position `at` (lo < at < hi)."""
    pos = lo
    for word in rjieba.cut(text[lo:hi], False):
        if pos < at < pos + len(word):
            return True
        pos += len(word)
        if pos >= at:
            return False
    return False


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether a span starts or ends inside a word of the text around it: the tagger overran a name into the next
    word (埃博拉隔|离, 中俄战略协|作) or began inside the word before (浙|江金华, 友|好合作委员会).
    A dictionary word (钓鱼岛 in 在钓鱼岛屿) and a name of an institution followed by a title (国防部|长) are left
    alone."""
    surface = text[start:end]
    if rjieba.has_word(surface):
        return False
    if (
        end < len(text)
        and _CJK.match(text[end - 1 : end + 1])
        and surface[-1] not in _INSTITUTION_ENDS
        and _boundary_inside_a_word(text, end, max(start, end - 4), min(len(text), end + 4))
    ):
        return True
    return (
        start > 0
        and bool(_CJK.match(text[start - 1 : start + 1]))
        and _boundary_inside_a_word(text, start, max(0, start - 4), min(end, start + 4))
    )


def _untagged_repeats(text: str, chosen: list[Span]) -> list[Span]:
    """Places where a name the tagger marked elsewhere in the article occurs without a span (塔伊兹 tagged once,
    then segmented 塔伊|兹), so that every occurrence stays whole."""
    names = {text[s:e] for s, e in chosen if e - s >= 3 and _CJK.match(text[s:e])}
    covered = bytearray(len(text))
    for s, e in chosen:
        covered[s:e] = b"\x01" * (e - s)
    extra: list[Span] = []
    # longest first, then by text: names of the same length that overlap (十二届全国人大 / 全国人大常委会) must
    # claim the text in the same order in every process, not in the set's hash-seeded order
    for name in sorted(names, key=lambda n: (-len(n), n)):
        at = text.find(name)
        while at >= 0:
            if not any(covered[at : at + len(name)]):
                extra.append((at, at + len(name)))
                covered[at : at + len(name)] = b"\x01" * len(name)
            at = text.find(name, at + len(name))
    return extra


def _entity_term(surface: str) -> str | None:
    term = normalize(surface).strip()
    if len(term) < 2 or not _KEEP_TOKEN.search(term) or _NUMERIC.match(term):
        return None
    # a span that is a listed generic word (中国, 中央, 五中 of 五中全会) is no better a keyword than the plain word
    return None if term in stopwords() or term in keyword_stoplist() else term


def article_terms(title: str | None, body: str | None, spans: Sequence[Span] = ()) -> list[str]:
    """Terms of an article in text order; entity spans stay whole (repaired where the tagger cut them one character
    wrong), the body's dateline/source lead and a title's column label (【时代先锋】, 【新春走基层】) are skipped."""
    return [term for term, _ in term_occurrences(title, body, spans)]


def term_occurrences(title: str | None, body: str | None, spans: Sequence[Span] = ()) -> list[Occurrence]:
    """The terms of `article_terms`, in text order, each with whether it is a name."""
    title, body = title or "", body or ""
    text = f"{title}\n{body}"
    label = _COLUMN_LABEL.match(title)
    label_end = label.end() if label else 0
    body_start = len(title) + 1
    lead_end = body_start + len(body) - len(strip_source_lead(body))
    valid = [(start, end) for start, end in spans if 0 <= start < end <= len(text)]
    names = frozenset(text[start:end] for start, end in valid)
    repaired = [_repair_span(text, start, end, names) for start, end in valid]
    # a span still inside a word after the repair is an overrun the repair could not place (埃博拉隔|离): its text
    # is segmented like any other, unless the same name stands clean elsewhere in the article
    clean = {text[r[0] : r[1]] for r, v in zip(repaired, valid) if r != v or not _cuts_a_word(text, *r)}
    repaired = [(start, end) for start, end in repaired if text[start:end] in clean]
    chosen: list[Span] = []
    for start, end in sorted(repaired, key=lambda s: (s[0], -(s[1] - s[0]))):  # outermost span first
        if (
            start < end
            and (not chosen or start >= chosen[-1][1])
            and not (body_start <= start < lead_end or start < label_end)
        ):
            chosen.append((start, end))
    extra = [(s, e) for s, e in _untagged_repeats(text, chosen) if not (body_start <= s < lead_end or s < label_end)]
    chosen = sorted(chosen + extra)
    out: list[Occurrence] = []
    cursor = label_end
    for start, end in chosen + [(len(text), len(text))]:
        for a, b in ((cursor, min(start, body_start)), (max(cursor, lead_end), start)):
            if a < b:
                out.extend(_segment_pieces(text[a:b]))
        if start < end and _DIGIT_IN_CJK.search(text[start:end]):
            # an overrun span: its words, as if it were not a name
            out.extend(_segment_pieces(text[start:end]))
        elif start < end and (term := _entity_term(text[start:end])):
            out.append((term, True))
        cursor = max(cursor, end)
    kept = set(_without_contained_terms(text, [term for term, _ in out]))
    return [o for o in out if o[0] in kept]


def _without_contained_terms(text: str, terms: list[str]) -> list[str]:
    """The terms without those whose every occurrence in the text lies inside a longer term of the same article:
    a piece the segmenter or the tagger cut off a longer name or compound (博拉 of 埃博拉, 屠呦 of 屠呦呦) is a
    fragment of it; a short name that also occurs on its own (南非 beside 南非总统府) stays."""
    distinct = set(terms)
    containers: dict[str, list[str]] = {}
    for longer in distinct:
        for size in range(2, len(longer)):
            for at in range(len(longer) - size + 1):
                part = longer[at : at + size]
                if part in distinct:
                    containers.setdefault(part, []).append(longer)
    if not containers:
        return terms
    contained = set()
    for short, longers in containers.items():
        covered = bytearray(len(text))
        for longer in set(longers):
            at = text.find(longer)
            while at >= 0:
                covered[at : at + len(longer)] = b"\x01" * len(longer)
                at = text.find(longer, at + 1)
        at, alone = text.find(short), False
        while at >= 0 and not alone:
            alone = not all(covered[at : at + len(short)])
            at = text.find(short, at + 1)
        if not alone:
            contained.add(short)
    return [t for t in terms if t not in contained] if contained else terms


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
