"""Which articles are copies of one story: near-duplicate pairs and teaser -> full links.

Both relations are decided per pair from the two texts alone, so the set of links (and the clusters built
from it) does not depend on the order in which articles arrive. Candidates come from shared index keys
(LSH bands, the opening characters); every candidate is verified here on the exact texts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import numpy as np

from pipelines.stories.events import (
    distinguishing_figures,
    distinguishing_substitution,
    figures_agree,
    substitutions,
    works,
    works_agree,
)
from pipelines.stories.normalize import opening_text, teaser_text, title_text
from pipelines.stories.signatures import (
    BANDS,
    ROWS,
    SHINGLE_CHARS,
    Sketch,
    jaccard,
    opening_key,
    shingle_hashes,
    sketch,
)

MIN_JACCARD = 0.65  # near-duplicate: shingle-set Jaccard at least this (see docs/stories.md for the sweep)
MIN_CONTAINMENT = 0.9  # ... or the shorter text lies almost wholly inside the longer (a shortened copy)
MIN_LENGTH_RATIO = 0.45  # ... and is not much shorter: one item of a round-up is not the round-up's story
MIN_SHINGLES = 20  # texts shorter than this are too generic to call copies unless identical once normalised
OPENING_CHARS = 12  # a teaser needs this many characters of text to be linked, and shares them as its key
TEASER_OPENING_BAND = -1  # index rows holding opening keys, next to the LSH bands 0..BANDS-1: a teaser's ...
FULL_OPENING_BAND = -2  # ... and a non-teaser's; only a teaser and a non-teaser sharing one are candidates
MIN_TITLE_CHARS = 4  # a title contained in the other one must be at least this long to count as the same
# Defaults of STORY_MAX_GAP_DAYS / STORY_TEASER_MAX_GAP_DAYS (pipelines/config.py): copies of one event are
# published within days of each other; a teaser may announce or recall its full report longer before or after.
MAX_GAP_DAYS = 3
TEASER_MAX_GAP_DAYS = 14
_TRAILING_DIGITS = re.compile(r"\d+$")
# Every row the step writes carries this; change it (re-materialising all partitions) when a rule changes.
STORIES_VERSION = f"stories-2.0.0+k{SHINGLE_CHARS}b{BANDS}r{ROWS}j{MIN_JACCARD}"


@dataclass(frozen=True)
class TimeBounds:
    """Most days between the publication days of two linked articles (unknown days are not bounded)."""

    max_gap_days: int = MAX_GAP_DAYS  # near_duplicate (texts identical once normalised: unbounded, a re-airing)
    teaser_max_gap_days: int = TEASER_MAX_GAP_DAYS  # teaser_of


DEFAULT_BOUNDS = TimeBounds()


@dataclass(frozen=True)
class StoryArticle:
    article_id: str
    title: str
    body: str
    kind: str  # full | teaser | brief (articles.kind)
    published_on: date | None
    char_count: int


@dataclass(frozen=True)
class ArticleKeys:
    article: StoryArticle
    text: str  # story_text
    shingles: np.ndarray
    bands: list[int]
    opening: str  # teaser_text for a teaser, opening_text otherwise
    title: str
    figures: frozenset[str]  # digit runs of the text that are not dates, times, years or ordinals
    works: frozenset[str]  # titles in 《...》


@dataclass(frozen=True)
class Link:
    article_id: str  # near_duplicate: the smaller id; teaser_of: the teaser
    other_id: str  # near_duplicate: the larger id; teaser_of: the full article
    relation: str  # near_duplicate | teaser_of
    similarity: float  # Jaccard of shingle sets; for teaser_of the share of the full text the teaser covers


def keys_for(article: StoryArticle, *, bands: bool = True) -> ArticleKeys:
    """Everything matching needs; `bands=False` skips the MinHash (a candidate only needs verifying)."""
    # story_text is title_text + opening_text: each part is normalised once.
    title, body = title_text(article.title), opening_text(article.body)
    text = title + body
    sk = sketch(text) if bands else Sketch(shingle_hashes(text), [])
    opening = teaser_text(article.body) if article.kind == "teaser" else body
    # A teaser's cut may go through a number (未来100年 cut as 未来10): its last digit run is no figure.
    figure_text = _TRAILING_DIGITS.sub("", text) if article.kind == "teaser" else text
    return ArticleKeys(
        article,
        text,
        sk.shingles,
        sk.bands,
        opening,
        title,
        distinguishing_figures(figure_text),
        works(article.title + "\n" + article.body),
    )


def keys_of(articles: list[StoryArticle]) -> dict[str, ArticleKeys]:
    """Each article's keys by id: the pure part of a batch, which may run in a worker process."""
    return {article.article_id: keys_for(article) for article in articles}


def index_rows(keys: ArticleKeys) -> list[tuple[str, int, int]]:
    """(article_id, band, key) rows of the warehouse index: one per LSH band, plus the opening key."""
    rows = [(keys.article.article_id, band, key) for band, key in enumerate(keys.bands)]
    opening = opening_key(keys.opening, OPENING_CHARS)
    if opening is not None:
        band = TEASER_OPENING_BAND if keys.article.kind == "teaser" else FULL_OPENING_BAND
        rows.append((keys.article.article_id, band, opening))
    return rows


def link(a: ArticleKeys, b: ArticleKeys, bounds: TimeBounds = DEFAULT_BOUNDS) -> Link | None:
    """The link between two articles, if they are copies of one story; None otherwise.

    Every rule that can link two articles is here (docs/stories.md lists them with their thresholds).
    """
    if a.article.article_id == b.article.article_id:
        return None
    teaser = _teaser_link(a, b, bounds) or _teaser_link(b, a, bounds)
    if teaser:
        return teaser
    first, second = sorted((a, b), key=lambda k: k.article.article_id)
    if first.text == second.text and first.text:  # the same text aired again: a copy whatever the gap
        return Link(first.article.article_id, second.article.article_id, "near_duplicate", 1.0)
    if min(len(a.shingles), len(b.shingles)) < MIN_SHINGLES or _gap_days(a, b) > bounds.max_gap_days:
        return None
    if not figures_agree(a.figures, b.figures) or not works_agree(a.works, b.works):
        return None
    similarity = jaccard(a.shingles, b.shingles)
    if similarity < MIN_JACCARD and not _shortened_copy(a.shingles, b.shingles, similarity):
        return None
    if distinguishing_substitution(a.text, b.text, substitutions(a.text, b.text)) is not None:
        return None  # one template, another name, count, date or year: another event
    return Link(first.article.article_id, second.article.article_id, "near_duplicate", round(similarity, 4))


def _gap_days(a: ArticleKeys, b: ArticleKeys) -> int:
    day_a, day_b = a.article.published_on, b.article.published_on
    return abs((day_a - day_b).days) if day_a and day_b else 0


def _teaser_link(teaser: ArticleKeys, full: ArticleKeys, bounds: TimeBounds) -> Link | None:
    """Teaser -> full: its text is a prefix of the full body and their titles name the same story.

    The title test keeps standard openings (obituaries, 国内联播快讯 round-ups, 应...邀请 visits) from
    linking a teaser to another story that happens to start with the same sentences.
    """
    if teaser.article.kind != "teaser" or full.article.kind == "teaser":
        return None
    if len(teaser.opening) < OPENING_CHARS or not full.opening.startswith(teaser.opening):
        return None
    if not same_title(teaser.title, full.title) or _gap_days(teaser, full) > bounds.teaser_max_gap_days:
        return None
    coverage = len(teaser.opening) / max(len(full.opening), 1)
    return Link(teaser.article.article_id, full.article.article_id, "teaser_of", round(coverage, 4))


def _shortened_copy(a: np.ndarray, b: np.ndarray, similarity: float) -> bool:
    """The shorter text is (nearly) contained in the longer one, which is less than ~2x longer."""
    shorter, longer = sorted((len(a), len(b)))
    if shorter / longer < MIN_LENGTH_RATIO:
        return False
    shared = similarity * (shorter + longer) / (1 + similarity)  # |A & B| from the Jaccard index
    return shared / shorter >= MIN_CONTAINMENT


def same_title(a: str, b: str) -> bool:
    if a == b:
        return bool(a)
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= MIN_TITLE_CHARS and shorter in longer


def candidate_pairs(keys: list[ArticleKeys]) -> set[tuple[int, int]]:
    """In-memory LSH over a list of keys (what the warehouse index does with a join): index pairs."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for position, item in enumerate(keys):
        for _, band, key in index_rows(item):
            buckets[(band, key)].append(position)
    pairs = set()
    for (band, key), members in buckets.items():
        if band >= 0:
            pairs.update(combinations(members, 2))
        elif band == TEASER_OPENING_BAND:
            fulls = buckets.get((FULL_OPENING_BAND, key), [])
            pairs.update((min(t, f), max(t, f)) for t in members for f in fulls)
    return pairs


def links_among(keys: list[ArticleKeys], bounds: TimeBounds = DEFAULT_BOUNDS) -> list[Link]:
    found = (link(keys[i], keys[j], bounds) for i, j in sorted(candidate_pairs(keys)))
    return sorted({lk for lk in found if lk}, key=lambda lk: (lk.article_id, lk.other_id))
