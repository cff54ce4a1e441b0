"""Story threads: stories (copy clusters) that continue one event over days, linked and grouped. No Dagster.

Two stories continue one event when, compared on their representatives only (so a link depends on the two
stories alone, never on what else is loaded):
- their first days are at most `MAX_GAP_DAYS` apart;
- their titles share a term that is not a person's name (芦山, 马航, 杭州峰会, 海燕): a leader's name alone does
  not make two of his meetings one event, and a daily round-up (国内联播快讯) shares no title term with anything;
- they share at least `MIN_SHARED_ENTITIES` entities, and the shared ones are at least `MIN_ENTITY_OVERLAP` of
  the smaller story's entities;
- their content terms (title and lead, the keyword step's terms, each weighted by how specific it is outside
  news: `term_specificity`) overlap by at least `MIN_TERM_OVERLAP` of the smaller story's weight, counting only
  the terms that are not entity names. A weekly meeting or a daily column shares its names and its template
  (国务院常务会议, 会见, 主持) with its next instalment, but not what it decided or discussed.

A thread is a connected component of those links; its id is the cluster_id of its earliest story (first day, then
the smallest cluster_id), so the same stories give the same thread ids in any load order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from datetime import date

from pipelines.stories.cluster import components
from pipelines.topics.terms import candidates, term_specificity

MAX_GAP_DAYS = 3
MIN_SHARED_ENTITIES = 2
MIN_ENTITY_OVERLAP = 0.34
MIN_TERM_OVERLAP = 0.2
MIN_SHARED_TERMS = 1
LEAD_CHARS = 300
MIN_TERM_SPECIFICITY = 0.45
THREADS_VERSION = (f"threads-1.1.0+g{MAX_GAP_DAYS}e{MIN_SHARED_ENTITIES}/{MIN_ENTITY_OVERLAP}"
                   f"t{MIN_SHARED_TERMS}/{MIN_TERM_OVERLAP}")


@dataclass(frozen=True)
class StoryDigest:
    cluster_id: str
    day: date
    entities: frozenset[str]  # entity ids of the representative's mentions (boilerplate left out)
    title_terms: frozenset[str]  # terms of the title that are not a person's name
    title_words: tuple[str, ...] = ()  # every term of the title, in order
    lead: str = ""  # the body's first LEAD_CHARS characters
    names: frozenset[str] = frozenset()  # surfaces of the representative's entity mentions

    @cached_property
    def terms(self) -> dict[str, float]:
        """Content terms of title + lead that are not names -> specificity; computed only for the stories that
        pass the cheaper tests with some neighbour (segmenting every lead was most of the step's cost)."""
        terms = {}
        for term in [*self.title_words, *candidates(f"\n{self.lead}")]:
            if term in self.names or any(term in name for name in self.names):
                continue  # names are compared as entities
            weight = term_specificity(term)
            if weight >= MIN_TERM_SPECIFICITY:
                terms[term] = weight
        return terms


def digest(cluster_id: str, day: date, title: str, body: str, entity_ids: Iterable[str],
           entity_surfaces: Iterable[str] = (), person_surfaces: Iterable[str] = ()) -> StoryDigest:
    people = {p for p in person_surfaces if len(p) > 1}
    in_title = tuple(candidates(f"{title}\n"))
    title_terms = frozenset(t for t in in_title if not any(t in p or p in t for p in people))
    return StoryDigest(cluster_id, day, frozenset(entity_ids), title_terms, in_title, body[:LEAD_CHARS],
                       frozenset(entity_surfaces))


@dataclass(frozen=True)
class ThreadLink:
    cluster_id: str  # the smaller id first
    other_id: str
    entity_overlap: float
    term_overlap: float


def same_event(a: StoryDigest, b: StoryDigest) -> ThreadLink | None:
    if a.cluster_id == b.cluster_id or abs((a.day - b.day).days) > MAX_GAP_DAYS:
        return None
    if not a.title_terms & b.title_terms:
        return None
    shared = a.entities & b.entities
    if len(shared) < MIN_SHARED_ENTITIES:
        return None
    entity_overlap = len(shared) / min(len(a.entities), len(b.entities))
    if entity_overlap < MIN_ENTITY_OVERLAP:
        return None
    common = a.terms.keys() & b.terms.keys()
    smaller = min(sum(a.terms.values()), sum(b.terms.values()))
    if len(common) < MIN_SHARED_TERMS or not smaller:
        return None
    term_overlap = sum(a.terms[t] for t in common) / smaller
    if term_overlap < MIN_TERM_OVERLAP:
        return None
    first, second = sorted((a.cluster_id, b.cluster_id))
    return ThreadLink(first, second, round(entity_overlap, 4), round(min(term_overlap, 1.0), 4))


def assign_threads(days: dict[str, date], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """cluster_id -> thread_id for every story in `days` (a story without links is a thread of its own)."""
    thread_of = {}
    for group in components(days, links):  # the stories' union-find: the thread id is its earliest story
        thread_id = min(group, key=lambda c: (days[c], c))
        for c in group:
            thread_of[c] = thread_id
    return thread_of
