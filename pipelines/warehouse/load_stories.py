"""Find the stories of a set of dumps' articles and update the clusters they touch.

Cost follows the dumps, not the corpus: the new articles' index keys are joined against `story_bands`,
only the candidates found there are read and verified, and only the clusters that those links touch are
recomputed. Re-running the same dumps deletes and rewrites their keys and links, so it changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.stories.cluster import Member, assign_clusters
from pipelines.stories.match import (
    DEFAULT_BOUNDS,
    STORIES_VERSION,
    ArticleKeys,
    StoryArticle,
    TimeBounds,
    index_rows,
    keys_for,
    keys_of,
    link,
)
from pipelines.warehouse.connection import transaction
from pipelines.warehouse.frames import run_file, run_with_frame
from pipelines.warehouse.sql_files import sql

MAX_CLOSURE_ROUNDS = 20  # cluster closure grows along links; stories are small, this only bounds a bug
BAND_SCHEMA = {"band": pl.Int16, "band_hash": pl.Int64, "article_id": pl.String, "stories_version": pl.String}
LINK_SCHEMA = {
    "article_id": pl.String,
    "other_id": pl.String,
    "relation": pl.String,
    "similarity": pl.Float64,
    "stories_version": pl.String,
}
CLUSTER_SCHEMA = {"article_id": pl.String, "cluster_id": pl.String, "stories_version": pl.String}


@dataclass(frozen=True)
class StoriesOutcome:
    articles: int
    chars: int
    candidates: int
    links: int
    reclustered: int


def stories_articles_of_files(conn: duckdb.DuckDBPyConnection, file_keys: list[str]) -> list[StoryArticle]:
    """All at once: for small sets (tests, tools); the asset reads ids first and texts batch by batch."""
    return story_articles_by_id(conn, story_article_ids_of_files(conn, file_keys))


def story_article_ids_of_files(conn: duckdb.DuckDBPyConnection, file_keys: list[str]) -> list[str]:
    """Ids of the dumps' articles and of those queued for re-clustering, in order."""
    return [row[0] for row in conn.execute(sql("load/story_article_ids_of_files"), {"file_keys": file_keys}).fetchall()]


def story_articles_by_id(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> list[StoryArticle]:
    return _articles(conn, "load/story_articles_by_id", {"article_ids": article_ids})


def _articles(conn: duckdb.DuckDBPyConnection, query: str, params: dict) -> list[StoryArticle]:
    return [StoryArticle(*row) for row in conn.execute(sql(query), params).fetchall()]


def update_stories(
    conn: duckdb.DuckDBPyConnection,
    articles: list[StoryArticle],
    bounds: TimeBounds = DEFAULT_BOUNDS,
    keys: dict[str, ArticleKeys] | None = None,
) -> StoriesOutcome:
    """Index, link and cluster the given articles, in one transaction (`bounds`: the STORY_*_GAP_DAYS settings;
    `keys`: their `keys_of`, if already computed, e.g. in a worker process)."""
    ids = [a.article_id for a in articles]
    keys = dict(keys) if keys is not None else keys_of(articles)  # the candidates' keys are added to it
    bands = pl.DataFrame(
        [
            {"band": band, "band_hash": key, "article_id": article_id, "stories_version": STORIES_VERSION}
            for k in keys.values()
            for article_id, band, key in index_rows(k)
        ],
        schema=BAND_SCHEMA,
    )
    with transaction(conn):
        touched = _clusters_of(conn, ids)  # before their rows go: these stories lose or change members
        run_file(conn, "load/delete_story_rows", {"article_ids": ids})
        run_with_frame(conn, "incoming_story_bands", bands, "load/insert_story_bands")
        candidates = _candidates(conn, bands)
        outside = sorted({b for _, b in candidates} - keys.keys())
        for article in _articles(conn, "load/story_articles_by_id", {"article_ids": outside}):
            keys[article.article_id] = keys_for(article, bands=False)
        found = {lk for a, b in candidates if (lk := link(keys[a], keys[b], bounds))}
        links = pl.DataFrame(
            [
                {
                    "article_id": lk.article_id,
                    "other_id": lk.other_id,
                    "relation": lk.relation,
                    "similarity": lk.similarity,
                    "stories_version": STORIES_VERSION,
                }
                for lk in sorted(found, key=lambda lk: (lk.article_id, lk.other_id))
            ],
            schema=LINK_SCHEMA,
        )
        run_with_frame(conn, "incoming_story_links", links, "load/insert_story_links")
        reclustered = _recluster(conn, set(ids), touched)
        if touched:
            run_file(conn, "load/refresh_story_summaries", {"cluster_ids": sorted(touched)})
        if ids:
            run_file(conn, "load/clear_story_recluster", {"article_ids": ids})
    chars = sum(a.char_count + 1 for a in articles)
    return StoriesOutcome(len(articles), chars, len(candidates), links.height, reclustered)


def _candidates(conn: duckdb.DuckDBPyConnection, bands: pl.DataFrame) -> list[tuple[str, str]]:
    if bands.height == 0:
        return []
    conn.register("incoming_story_bands", bands)
    try:
        return conn.execute(sql("load/story_candidates")).fetchall()
    finally:
        conn.unregister("incoming_story_bands")


def _clusters_of(conn: duckdb.DuckDBPyConnection, article_ids: list[str] | set[str]) -> set[str]:
    if not article_ids:
        return set()
    return {
        row[0]
        for row in conn.execute(sql("load/clusters_of_articles"), {"article_ids": sorted(article_ids)}).fetchall()
    }


def _recluster(conn: duckdb.DuckDBPyConnection, seeds: set[str], touched: set[str]) -> int:
    """Recompute the clusters of the seeds, their old cluster mates and everything linked to them; adds the
    stories that lost or gained members to `touched` (their summaries are refreshed after)."""
    closure = set(seeds)
    frontier = set(seeds)
    for _ in range(MAX_CLOSURE_ROUNDS):
        if not frontier:
            break
        found = {r[0] for r in conn.execute(sql("load/story_neighbours"), {"article_ids": sorted(frontier)}).fetchall()}
        frontier = found - closure
        closure |= frontier
    members = [
        Member(a.article_id, a.kind, a.published_on, a.char_count)
        for a in _articles(conn, "load/story_articles_by_id", {"article_ids": sorted(closure)})
    ]
    rows = conn.execute(sql("load/story_links_of"), {"article_ids": sorted(closure)}).fetchall()
    assignment = assign_clusters(
        members,
        [(a, b) for a, b, relation in rows if relation == "near_duplicate"],
        [(a, b) for a, b, relation in rows if relation == "teaser_of"],
    )
    frame = pl.DataFrame(
        [
            {"article_id": article_id, "cluster_id": cluster_id, "stories_version": STORIES_VERSION}
            for article_id, cluster_id in sorted(assignment.items())
        ],
        schema=CLUSTER_SCHEMA,
    )
    touched |= _clusters_of(conn, closure)  # the old stories of the closure
    run_with_frame(conn, "incoming_article_clusters", frame, "load/replace_article_clusters")
    touched |= set(assignment.values())
    return frame.height
