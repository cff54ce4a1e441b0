"""Tone of an article and of the sentences that mention entities: lexicon scores with negation and degree. No Dagster.

A sentence is cut into words (rjieba, as the rest of the pipeline). Each positive or negative lexicon word
scores 1, times the weight of the degree adverbs (非常, 更加, 略) among the up to `WINDOW` words before it; an odd
number of negation words (不, 没有, 未) in that window turns its polarity over (不满意 counts as negative, 不够好
as negative, 不是不好 as positive). The window stops at punctuation and at the previous sentiment word, so a
negation belongs to one sentiment word only.

positive / negative: the sums; polarity = (positive - negative) / (positive + negative), 0 without sentiment
words. An article's label comes from the smoothed polarity (positive - negative) / (positive + negative +
`LABEL_SMOOTHING`), so one sentiment word does not make a label: negative at or below `NEGATIVE_BELOW`, positive
at or above `POSITIVE_ABOVE`, else neutral. The thresholds are asymmetric because this news is positive by default
(official reports of meetings and achievements): any net negativity is news. They were chosen on one half of the
tone dev set (models/tone/dev, even rows) and measured on the other half (see the README there).
"""

from __future__ import annotations

from dataclasses import dataclass

import rjieba

from pipelines.quotes.sentences import sentences
from pipelines.tone.lexicon import LEXICON_NAME, Lexicon, hownet

TONE_VERSION = f"tone-1.1.0+{LEXICON_NAME}"
WINDOW = 3
LABEL_SMOOTHING = 2.0
NEGATIVE_BELOW = -0.05
POSITIVE_ABOVE = 0.35
PUNCTUATION = set("，,。！？!?；;：:、“”「」『』‘’（）()《》【】 \n\t\r\u3000\xa0") | {"  ", "\r\n"}


@dataclass(frozen=True)
class Tone:
    positive: float
    negative: float
    words: int

    @property
    def polarity(self) -> float:
        total = self.positive + self.negative
        return round((self.positive - self.negative) / total, 4) if total else 0.0

    @property
    def label(self) -> str:
        smoothed = (self.positive - self.negative) / (self.positive + self.negative + LABEL_SMOOTHING)
        if smoothed >= POSITIVE_ABOVE:
            return "positive"
        if smoothed <= NEGATIVE_BELOW:
            return "negative"
        return "neutral"


def tone_of_words(words: list[str], lexicon: Lexicon | None = None) -> Tone:
    lexicon = lexicon or hownet()
    positive = negative = 0.0
    window_start = 0
    breaks = 0
    for i, word in enumerate(words):
        if word in PUNCTUATION:
            window_start = i + 1
            breaks += 1
            continue
        sign = 1 if word in lexicon.positive else -1 if word in lexicon.negative else 0
        if not sign:
            continue
        weight = 1.0
        for before in words[max(window_start, i - WINDOW) : i]:
            if before in lexicon.negations:
                sign = -sign
            elif before in lexicon.degrees:
                weight *= lexicon.degrees[before]
        if sign > 0:
            positive += weight
        else:
            negative += weight
        window_start = i + 1
    return Tone(round(positive, 4), round(negative, 4), len(words) - breaks)


def tone_of_text(text: str, lexicon: Lexicon | None = None) -> Tone:
    return tone_of_words(rjieba.cut(text), lexicon)


@dataclass(frozen=True)
class SentenceTone:
    start: int
    end: int
    tone: Tone


def article_tone(text: str, mention_starts: list[int]) -> tuple[Tone, list[SentenceTone]]:
    """The whole text's tone, and each sentence's that holds one of `mention_starts` (character offsets).

    The article's sums are the sentences' sums: each sentence is cut and scored once.
    """
    lexicon = hownet()
    positive = negative = 0.0
    words = 0
    scored: list[SentenceTone] = []
    starts = sorted(mention_starts)
    k = 0
    for span in sentences(text):
        tone = tone_of_text(text[span.start : span.end], lexicon)
        positive += tone.positive
        negative += tone.negative
        words += tone.words
        while k < len(starts) and starts[k] < span.start:
            k += 1
        if k < len(starts) and starts[k] < span.end:
            scored.append(SentenceTone(span.start, span.end, tone))
    return Tone(round(positive, 4), round(negative, 4), words), scored
