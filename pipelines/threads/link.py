"""Story threads: stories (copy clusters) that continue one event over days, linked and grouped. No Dagster.

Two stories continue one event when, compared on their representatives only (so a link depends on the two
stories alone, never on what else is loaded):
- their first days are at most `MAX_GAP_DAYS` apart;
- their titles share a term that is not a person's name (芦山, 马航, 杭州峰会, 海燕): a leader's name alone does
  not make two of his meetings one event, and a daily round-up (国内联播快讯) shares no title term with anything;
- they share at least `MIN_SHARED_ENTITIES` entities, and the shared ones are at least `MIN_ENTITY_OVERLAP` of
  the smaller story's entities; or, where the tagger found fewer shared entities (it misses 东方之星, H7N9 …), the
  title says more: with one shared entity (same overlap share), two shared title terms or one at least
  `MIN_TITLE_SPECIFICITY_ONE_ENTITY` specific; with none, a shared title term at least
  `MIN_TITLE_SPECIFICITY_NO_ENTITY` specific (an event's own name: 马航, H7N9, 埃博拉, 残奥会), and then the content
  terms must overlap by `MIN_TERM_OVERLAP_NO_ENTITY`. Terms of news templates (在京举行, 人民日报社论 …) never count;
- their content terms (title and lead, the keyword step's terms, each weighted by how specific it is outside
  news: `term_specificity`) overlap by at least `MIN_TERM_OVERLAP` of the smaller story's weight, counting only
  the terms that are not entity names. A weekly meeting or a daily column shares its names and its template
  (国务院常务会议, 会见, 主持) with its next instalment, but not what it decided or discussed.

A thread is a connected component of those links; its id is the cluster_id of its earliest story (first day, then
the smallest cluster_id), so the same stories give the same thread ids in any load order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from pipelines.stories.cluster import components
from pipelines.topics.terms import candidates, term_specificity

MAX_GAP_DAYS = 3
MIN_SHARED_ENTITIES = 2
MIN_ENTITY_OVERLAP = 0.34
MIN_TITLE_SPECIFICITY_ONE_ENTITY = 0.6
MIN_TITLE_SPECIFICITY_NO_ENTITY = 0.9
MIN_TERM_OVERLAP_NO_ENTITY = 0.3
# Title terms of recurring news formats, shared by items of different substance.
NEWS_TEMPLATE_TERMS = frozenset(
    {"在京举行", "人民日报社", "社论", "评论员", "新华社", "述评", "综述", "快讯", "本台", "联播", "看点", "特写"}
)
MIN_TERM_OVERLAP = 0.2
MIN_SHARED_TERMS = 1
LEAD_CHARS = 300
MIN_TERM_SPECIFICITY = 0.45
THREADS_VERSION = (
    f"threads-1.2.0+g{MAX_GAP_DAYS}e{MIN_SHARED_ENTITIES}/{MIN_ENTITY_OVERLAP}"
    f"t{MIN_SHARED_TERMS}/{MIN_TERM_OVERLAP}s{MIN_TITLE_SPECIFICITY_ONE_ENTITY}/"
    f"{MIN_TITLE_SPECIFICITY_NO_ENTITY}/{MIN_TERM_OVERLAP_NO_ENTITY}"
)


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


def digest(
    cluster_id: str,
    day: date,
    title: str,
    body: str,
    entity_ids: Iterable[str],
    entity_surfaces: Iterable[str] = (),
    person_surfaces: Iterable[str] = (),
) -> StoryDigest:
    people = {p for p in person_surfaces if len(p) > 1}
    in_title = tuple(candidates(f"{title}\n"))
    title_terms = frozenset(
        t for t in in_title if t not in NEWS_TEMPLATE_TERMS and not any(t in p or p in t for p in people)
    )
    return StoryDigest(
        cluster_id, day, frozenset(entity_ids), title_terms, in_title, body[:LEAD_CHARS], frozenset(entity_surfaces)
    )


@dataclass(frozen=True)
class ThreadLink:
    cluster_id: str  # the smaller id first
    other_id: str
    entity_overlap: float
    term_overlap: float


def _term_overlap_needed(a: StoryDigest, b: StoryDigest, shared: frozenset[str], entity_overlap: float) -> float | None:
    """The content-term overlap the pair needs, given what its entities and titles share; None: no link."""
    if len(shared) >= MIN_SHARED_ENTITIES and entity_overlap >= MIN_ENTITY_OVERLAP:
        return MIN_TERM_OVERLAP
    titles = [t for t in a.title_terms & b.title_terms if len(t) >= 2]
    best = max(map(term_specificity, titles), default=0.0)
    if (
        shared
        and entity_overlap >= MIN_ENTITY_OVERLAP
        and (len(titles) >= 2 or best >= MIN_TITLE_SPECIFICITY_ONE_ENTITY)
    ):
        return MIN_TERM_OVERLAP
    if best >= MIN_TITLE_SPECIFICITY_NO_ENTITY:
        return MIN_TERM_OVERLAP_NO_ENTITY
    return None


def same_event(a: StoryDigest, b: StoryDigest) -> ThreadLink | None:
    if a.cluster_id == b.cluster_id or abs((a.day - b.day).days) > MAX_GAP_DAYS:
        return None
    if not a.title_terms & b.title_terms:
        return None
    shared = a.entities & b.entities
    entity_overlap = len(shared) / min(len(a.entities), len(b.entities)) if shared else 0.0
    needed = _term_overlap_needed(a, b, shared, entity_overlap)
    if needed is None:
        return None
    common = a.terms.keys() & b.terms.keys()
    smaller = min(sum(a.terms.values()), sum(b.terms.values()))
    if len(common) < MIN_SHARED_TERMS or not smaller:
        return None
    term_overlap = sum(a.terms[t] for t in common) / smaller
    if term_overlap < needed:
        return None
    first, second = sorted((a.cluster_id, b.cluster_id))
    return ThreadLink(first, second, round(entity_overlap, 4), round(min(term_overlap, 1.0), 4))


def candidate_pairs(mine: Iterable[StoryDigest], everyone: Iterable[StoryDigest]) -> set[tuple[str, str]]:
    """Pairs (smaller id first) of a story of `mine` and any story of `everyone` that share a title term and whose
    first days are at most `MAX_GAP_DAYS` apart: every link needs both, so only these are compared. Indexed by
    (term, day), so a frequent title word costs the stories of a few days, not of the whole window."""
    by_term_day: dict[tuple[str, date], list[StoryDigest]] = defaultdict(list)
    for story in everyone:
        for term in story.title_terms:
            by_term_day[(term, story.day)].append(story)
    pairs = set()
    days_around = [timedelta(days=k) for k in range(-MAX_GAP_DAYS, MAX_GAP_DAYS + 1)]
    for story in mine:
        for term in story.title_terms:
            for shift in days_around:
                for other in by_term_day.get((term, story.day + shift), ()):
                    if other.cluster_id != story.cluster_id:
                        pairs.add(tuple(sorted((story.cluster_id, other.cluster_id))))
    return pairs


def assign_threads(days: dict[str, date], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """cluster_id -> thread_id for every story in `days` (a story without links is a thread of its own)."""
    thread_of = {}
    for group in components(days, links):  # the stories' union-find: the thread id is its earliest story
        thread_id = min(group, key=lambda c: (days[c], c))
        for c in group:
            thread_of[c] = thread_id
    return thread_of
