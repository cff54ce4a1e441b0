"""Stories are the connected components of the link graph; each is named after its representative.

The rule, stated once: a story's `cluster_id` is the `article_id` of its representative, the member that
is not a teaser if any is, then published earliest (unknown dates last), then longest, then smallest
`article_id`. Links are a function of the two texts of a pair, so the components, and hence the ids, are a
function of the set of articles loaded: the same dumps give the same clusters in any order and on every
re-run. A later copy that is published earlier, or that bridges two stories, renames the story.

Near-duplicate links join stories directly. A teaser joins the story of its full article only when all
the full articles it is a prefix of belong to one story: standard openings (张德江...来到他所在的浙江代表团
同代表们一起审议政府工作报告, the same words every year) make one teaser the prefix of several different stories,
and such a teaser stays a story of its own rather than gluing them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

_KIND_RANK = {"full": 0, "brief": 1, "teaser": 2}


@dataclass(frozen=True)
class Member:
    article_id: str
    kind: str
    published_on: date | None
    char_count: int


def representative_order(member: Member) -> tuple:
    return (
        member.kind == "teaser",
        member.published_on is None,
        member.published_on or date.max,
        -member.char_count,
        member.article_id,
    )


def components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected components (union-find); edges to nodes outside `nodes` are ignored."""
    parent = {node: node for node in nodes}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        if a in parent and b in parent:
            root_a, root_b = find(a), find(b)
            if root_a != root_b:
                parent[max(root_a, root_b, key=str)] = min(root_a, root_b, key=str)
    groups: dict[str, set[str]] = {}
    for node in parent:
        groups.setdefault(find(node), set()).add(node)
    return list(groups.values())


def assign_clusters(
    members: Iterable[Member],
    near_duplicates: Iterable[tuple[str, str]],
    teaser_links: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """article_id -> cluster_id (the representative's article_id) for every member.

    `near_duplicates` are (article, article) pairs; `teaser_links` are (teaser, full article) pairs.
    """
    by_id = {m.article_id: m for m in members}
    near = [(a, b) for a, b in near_duplicates if a in by_id and b in by_id]
    component_of = {node: min(group, key=str) for group in components(by_id, near) for node in group}
    targets: dict[str, set[str]] = {}
    for teaser, full in teaser_links:
        if teaser in by_id and full in by_id:
            targets.setdefault(teaser, set()).add(component_of[full])
    joined = [(teaser, next(iter(stories))) for teaser, stories in targets.items() if len(stories) == 1]
    assignment = {}
    for group in components(by_id, near + joined):
        representative = min((by_id[a] for a in group), key=representative_order)
        for article_id in group:
            assignment[article_id] = representative.article_id
    return assignment
