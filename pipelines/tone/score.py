"""Tone of an article and of the sentences that mention entities: lexicon scores with negation and degree. No Dagster.

A sentence is cut into words (rjieba, as the rest of the pipeline). Each positive or negative lexicon word
scores 1, times the weight of the degree adverbs (非常, 更加, 略) among the up to `WINDOW` words before it; an odd
number of negation words (不, 没有, 未) in that window turns its polarity over (不满意 counts as negative, 不够好
as negative, 不是不好 as positive). The window stops at punctuation and at the previous sentiment word, so a
negation belongs to one sentiment word only.

positive / negative: the sums; polarity = (positive - negative) / (positive + negative), 0 without sentiment
words. An article's label comes from `pipelines.tone.label` (a small fitted model over where those sums fall:
title, lead, body, and what kind of item the title announces). A text without a title (a sentence, a snippet)
has the lexicon's own label, from the smoothed polarity (positive - negative) / (positive + negative +
`LABEL_SMOOTHING`), so one sentiment word does not make a label: negative at or below `NEGATIVE_BELOW`, positive
at or above `POSITIVE_ABOVE`, else neutral. The thresholds are asymmetric because this news is positive by default
(official reports of meetings and achievements): any net negativity is news. They were chosen on one half of the
tone dev set (models/tone/dev, even rows) and measured on the other half (see the README there).
"""

from __future__ import annotations

from dataclasses import dataclass

import rjieba

from pipelines.quotes.sentences import sentences
from pipelines.tone.label import LEAD_CHARS, PlacedSums, features, label_model
from pipelines.tone.lexicon import LEXICON_NAME, Lexicon, hownet

TONE_VERSION = f"tone-1.2.0+{LEXICON_NAME}"
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


@dataclass(frozen=True)
class ArticleTone:
    tone: Tone  # the lexicon sums of the whole text
    label: str  # negative / neutral / positive, from the label model
    sentences: list[SentenceTone]  # the sentences holding a mention


def article_tone(text: str, mention_starts: list[int], title_end: int = 0) -> ArticleTone:
    """The whole text's tone and label, and each sentence's tone that holds one of `mention_starts` (offsets).

    `text` is the title, a line break and the body; `title_end` is the title's length (0: no title).
    """
    tone, sums, scored = placed_tone(text, mention_starts, title_end)
    return ArticleTone(tone, label_model().label(features(text[:title_end], sums)), scored)


def placed_tone(
    text: str, mention_starts: list[int], title_end: int = 0
) -> tuple[Tone, PlacedSums, list[SentenceTone]]:
    """Each sentence is cut and scored once: the article's sums are the sentences' sums, and the label model's
    features are the same sums placed (title, lead, body)."""
    lexicon = hownet()
    positive = negative = 0.0
    words = 0
    placed = dict.fromkeys(
        ("title_positive", "title_negative", "lead_positive", "lead_negative", "body_positive", "body_negative"), 0.0
    )
    lead_end = title_end + 1 + LEAD_CHARS if title_end else LEAD_CHARS
    scored: list[SentenceTone] = []
    starts = sorted(mention_starts)
    k = 0
    for span in sentences(text):
        tone = tone_of_text(text[span.start : span.end], lexicon)
        positive += tone.positive
        negative += tone.negative
        words += tone.words
        place = "title" if span.start < title_end else "body"
        placed[f"{place}_positive"] += tone.positive
        placed[f"{place}_negative"] += tone.negative
        if place == "body" and span.start < lead_end:
            placed["lead_positive"] += tone.positive
            placed["lead_negative"] += tone.negative
        while k < len(starts) and starts[k] < span.start:
            k += 1
        if k < len(starts) and starts[k] < span.end:
            scored.append(SentenceTone(span.start, span.end, tone))
    sums = PlacedSums(**placed, body_chars=max(0, len(text) - title_end - 1))
    return Tone(round(positive, 4), round(negative, 4), words), sums, scored
