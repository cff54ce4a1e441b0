"""What tells one event from the next when two texts come from one template.

Recurring news is written from templates: the same sentences around another name, count, date or year
(a yearly anniversary, a daily bulletin, an expulsion notice, a book-release notice). Such texts pass any
similarity threshold, so a copy link also needs the two texts to agree on what distinguishes events:

* **figures**: the digit runs that are neither dates (3月5日, 2014年, 8时) nor ordinals (第3, 12届) must
  mostly agree (`figures_agree`); dates are left out because every text of one day shares them, ordinals
  because list numbering is no event;
* **substitutions**: where the two texts differ only by a short span between the same surrounding
  characters (`substitutions`), that span must not be a number (a count, a date, a year, 二次 vs 三次)
  nor a name the tagger finds replaced by another name of the same kind (person, place, organisation):
  a copy may re-word (今天 -> 今日) but does not change who, where, how many or when;
* **works**: titles in 《...》 (book, speech or law titles) named by both texts must overlap (one shared,
  or two at least `MIN_WORK_SIMILARITY` alike).

Pure text code: no warehouse, no Dagster. The name check runs the project's NER tagger on a few characters
around each short substitution only, and only for pairs already similar enough to be copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from pipelines.extract.entity_types import NAME_TYPES
from pipelines.stories.normalize import plain
from pipelines.stories.signatures import SHINGLE_CHARS, window_hashes

MIN_SHARED_FIGURES = 0.5  # share of the smaller set of distinguishing figures the other text must carry
MAX_SUBSTITUTION_CHARS = 12  # longer replaced spans are re-written passages (a new lead), not a template slot
MIN_WORK_SIMILARITY = 0.8  # two 《》 titles this alike (difflib ratio) are one work re-worded
NAME_WINDOW_CHARS = 10  # context on each side of a substituted span the tagger sees
# A digit run followed by a date or time unit, a four-digit year, or an ordinal (第3 / 12届).
_DATE_OR_ORDINAL = re.compile(r"第\d+|\d+(?:年|月|日|号|时|点|分|届)|(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGITS = re.compile(r"\d+")
_NUMERAL = set("0123456789〇零一二三四五六七八九十百千万亿两")
# Units after a numeral that keep a span numeric: 二次, 三届, 120周年, 12人, 5日.
_NUMERAL_SPAN = re.compile(r"[0-9〇零一二三四五六七八九十百千万亿两]+[次届期周年月日号时个名人位批轮项条]*")
_WORK = re.compile(r"《([^《》]{1,60})》")
_NAME_TYPES = NAME_TYPES


@dataclass(frozen=True)
class Substitution:
    a_start: int  # the replaced span in text a: a[a_start:a_end]
    a_end: int
    b_start: int  # ... and what stands in its place in text b
    b_end: int


def distinguishing_figures(text: str) -> frozenset[str]:
    """Digit runs of a (plain) text that are not part of a date, a time, a year or an ordinal."""
    return frozenset(_DIGITS.findall(_DATE_OR_ORDINAL.sub(" ", text)))


def figures_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Copies carry the same counts and amounts (a shortened copy a subset); a template's next issue does not."""
    if not a or not b:
        return True
    return len(a & b) / min(len(a), len(b)) >= MIN_SHARED_FIGURES


def works(raw_text: str) -> frozenset[str]:
    """Titles in 《...》 of a raw (not plain) text, plain-folded."""
    return frozenset(w for w in (plain(m) for m in _WORK.findall(raw_text)) if w)


def works_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name no work, or one they share (nearly: a copy-edit may touch a title's wording)."""
    if not a or not b or a & b:
        return True
    return any(SequenceMatcher(None, x, y).ratio() >= MIN_WORK_SIMILARITY for x in a for y in b)


def _changed_runs(text: str, hashes: np.ndarray, other: np.ndarray) -> list[tuple[int, int, str, str]]:
    """(start, end, left, right) of each span of `text` whose shingles the other text lacks.

    A span of m replaced characters leaves m + k - 1 windows without a match; the k - 1 characters before
    and after the span (its context) are shared. At either end of the text the context is empty.
    """
    if len(hashes) == 0:
        return []
    missing = ~np.isin(hashes, other, assume_unique=False)
    if not missing.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], missing.astype(np.int8), [0]))))
    k, last = SHINGLE_CHARS, len(hashes) - 1
    runs = []
    for first, stop in zip(edges[::2], edges[1::2]):
        end_window = stop - 1
        start = 0 if first == 0 else first + k - 1
        end = len(text) if end_window == last else end_window + 1
        left = "" if first == 0 else text[first : first + k - 1]
        right = "" if end_window == last else text[end : end + k - 1]
        runs.append((start, max(start, end), left, right))
    return runs


def substitutions(a: str, b: str) -> list[Substitution]:
    """Spans where a and b differ between the same surrounding characters (both spans short)."""
    ha, hb = window_hashes(a), window_hashes(b)
    ua, ub = np.unique(ha), np.unique(hb)
    in_b: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for start, end, left, right in _changed_runs(b, hb, ua):
        if end - start <= MAX_SUBSTITUTION_CHARS:
            in_b.setdefault((left, right), []).append((start, end))
    found = []
    for start, end, left, right in _changed_runs(a, ha, ub):
        if end - start > MAX_SUBSTITUTION_CHARS or (not left and not right):
            continue
        for b_start, b_end in in_b.get((left, right), []):
            if a[start:end] != b[b_start:b_end]:
                found.append(Substitution(start, end, b_start, b_end))
    return found


def _numeric(text: str, start: int, end: int) -> bool:
    """The span, widened to the numeral run around it, is a number (digits, 二次, 一百二十周年)."""
    if start == end or not any(c in _NUMERAL for c in text[start:end]):
        return False  # 今天 -> 今日 next to 7月: the changed characters themselves are no numeral
    while start > 0 and text[start - 1] in _NUMERAL:
        start -= 1
    while end < len(text) and text[end] in _NUMERAL:
        end += 1
    span = text[start:end]
    if any(c.isdigit() for c in span):
        return True
    return bool(_NUMERAL_SPAN.fullmatch(span))


def distinguishing_substitution(a: str, b: str, found: list[Substitution], tagger=None) -> Substitution | None:
    """The first substitution that changes a number or a name, if any (None: the texts agree)."""
    named = []
    for sub in found:
        if _numeric(a, sub.a_start, sub.a_end) and _numeric(b, sub.b_start, sub.b_end):
            return sub
        if sub.a_start < sub.a_end and sub.b_start < sub.b_end:
            named.append(sub)
    if not named:
        return None
    if tagger is None:
        from pipelines.extract.ner import default_tagger  # loaded once per process, shared with the entity step

        tagger = default_tagger()
    windows, spans = [], []
    for sub in named:
        for text, start, end in ((a, sub.a_start, sub.a_end), (b, sub.b_start, sub.b_end)):
            offset = max(0, start - NAME_WINDOW_CHARS)
            windows.append(text[offset : end + NAME_WINDOW_CHARS])
            spans.append((start - offset, end - offset))
    tagged = tagger.spans_many(windows)

    def types(side: int) -> set[str]:
        start, end = spans[side]
        return {t for s, e, t in tagged[side] if t in _NAME_TYPES and s < end and start < e}

    for n, sub in enumerate(named):
        # A name replaced by a name of the same kind (陈某 -> 罗某, 浙江代表团 -> 江苏代表团); a re-worded clause
        # that drops a name (经江临省委批准 -> 记者从) is editing, not another event.
        if types(2 * n) & types(2 * n + 1):
            return sub
    return None
