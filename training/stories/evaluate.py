"""Measure story clustering on the bench: pair precision/recall, teaser links, speed (`make eval-stories`).

The evaluation corpus is every article of the bench dumps (real templated stories are the hard negatives:
welcome ceremonies, obituaries, book releases, daily round-ups) plus, for a seeded sample of articles, one
syndicated copy made by a `variants` recipe and one teaser cut from it. Natural pairs in the bench that the
clustering joins, and hard negatives (one template, another event), were read and labelled by hand following
resources/labelling_guidelines.md; they are kept by reference (file, record number) in
resources/labelled_pairs.tsv and scored on their own as well. A predicted pair that is neither generated nor
labelled same-story counts as a false positive.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from pipelines.extract.ner import default_tagger
from pipelines.ingest.dump import ingest_dump
from pipelines.stories.cluster import Member, assign_clusters, components
from pipelines.stories.match import (
    BANDS,
    MIN_JACCARD,
    ROWS,
    SHINGLE_CHARS,
    STORIES_VERSION,
    StoryArticle,
    keys_for,
    links_among,
)
from training.stories import variants

LABELS = Path(__file__).parent / "resources" / "labelled_pairs.tsv"
Ref = tuple[str, int]  # (file name, record number) in the bench


def load_bench(folder: Path, limit: int | None, names: set[str] | None = None) -> dict[Ref, StoryArticle]:
    """Articles of the bench dumps by (file, record number): the first `limit` files, or only `names`.

    Each dump is dated by the bench's MANIFEST.tsv (its broadcast day), so publication-time bounds apply as in
    the warehouse.
    """
    articles = {}
    paths = sorted(folder.glob("dump_*.txt"))[:limit]
    for path in (p for p in paths if names is None or p.name in names):
        dump = ingest_dump(path, path.name, reference_override=None, max_record_chars=100_000)
        by_id = {row["article_id"]: row for row in dump.articles.iter_rows(named=True)}
        for occurrence in dump.occurrences.iter_rows(named=True):
            row = by_id[occurrence["article_id"]]
            articles[(path.name, occurrence["record_no"])] = StoryArticle(
                row["article_id"], row["title"], row["body"], row["kind"], row["published_on"], row["char_count"]
            )
    return articles


def read_labels(path: Path = LABELS) -> list[tuple[Ref, Ref, str, bool]]:
    """(ref a, ref b, relation near|teaser, same story) per labelled line."""
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file_a, rec_a, file_b, rec_b, relation, same = line.split("\t")[:6]
        labels.append(((file_a, int(rec_a)), (file_b, int(rec_b)), relation, same == "1"))
    return labels


def same_story_pairs(pairs: list[tuple]) -> set[frozenset]:
    """Every pair inside the groups the labelled same-story pairs form (copies of copies are copies)."""
    groups = components({x for pair in pairs for x in pair}, pairs)
    return {frozenset(p) for group in groups for p in combinations(sorted(group, key=str), 2)}


def build_corpus(bench: dict[Ref, StoryArticle], copies: int, seed: int):
    """Bench articles (one per article_id) + generated copies and teasers; the generated truth."""
    rng = random.Random(seed)
    first_ref: dict[str, Ref] = {}
    for ref, article in sorted(bench.items()):
        first_ref.setdefault(article.article_id, ref)
    docs = {ref: bench[ref] for ref in first_ref.values()}
    originals = [ref for ref in sorted(docs) if docs[ref].kind != "teaser" and len(docs[ref].body) >= 80]
    sample = rng.sample(originals, min(copies, len(originals)))
    recipes = list(variants.RECIPES.items())
    truth: list[tuple[Ref | str, Ref | str, str]] = []
    teasers: list[tuple[str, Ref]] = []
    for n, ref in enumerate(sample):
        original = docs[ref]
        name, recipe = recipes[n % len(recipes)]
        title, body = recipe(original.title, original.body, rng)
        copy_id = f"copy:{name}:{n}"
        docs[copy_id] = _invented(copy_id, title, body, "full", original.published_on)
        truth.append((ref, copy_id, name))
        t_title, t_body = variants.teaser_of(original.title, original.body)
        teaser_id = f"teaser:{n}"
        docs[teaser_id] = _invented(teaser_id, t_title, t_body, "teaser", original.published_on)
        teasers.append((teaser_id, ref))
    return docs, truth, teasers


def _invented(article_id: str, title: str, body: str, kind: str, day) -> StoryArticle:
    return StoryArticle(article_id, title, body, kind, day, len(title) + len(body))


def link_and_cluster(articles: list[StoryArticle]) -> tuple[list, dict[str, str]]:
    """Links among the articles (in-memory LSH) and article_id -> cluster_id, as the warehouse step makes them."""
    links = links_among([keys_for(article) for article in articles])
    members = [Member(a.article_id, a.kind, a.published_on, a.char_count) for a in articles]
    clusters = assign_clusters(
        members,
        [(lk.article_id, lk.other_id) for lk in links if lk.relation == "near_duplicate"],
        [(lk.article_id, lk.other_id) for lk in links if lk.relation == "teaser_of"],
    )
    return links, clusters


def labelled_outcomes(
    bench: dict[Ref, StoryArticle], labels: list, clusters: dict[str, str], teaser_links: set[tuple[str, str]]
) -> list[tuple[str, bool, bool]]:
    """(relation, labelled same story, joined) per hand-labelled pair: near pairs joined when in one story,
    teaser pairs when the teaser is linked to that full article."""
    outcomes = []
    for a, b, relation, same in labels:
        if a not in bench or b not in bench:
            continue
        id_a, id_b = bench[a].article_id, bench[b].article_id
        joined = (id_a, id_b) in teaser_links if relation == "teaser" else clusters[id_a] == clusters[id_b]
        outcomes.append((relation, same, joined))
    return outcomes


def evaluate(bench_dir: Path, copies: int, seed: int, limit: int | None) -> dict:
    bench = load_bench(bench_dir, limit)
    docs, truth, teasers = build_corpus(bench, copies, seed)
    labels = read_labels()
    refs = list(docs)
    chars = sum(d.char_count + 1 for d in docs.values())
    loading = time.process_time()
    default_tagger()  # loaded once per process (the pipeline shares it with the entity step): timed apart
    tagger_load_seconds = time.process_time() - loading
    started = time.process_time()
    links, clusters = link_and_cluster([docs[ref] for ref in refs])
    cpu_seconds = time.process_time() - started

    ref_of = {docs[ref].article_id: ref for ref in refs}
    by_cluster = defaultdict(list)
    for article_id, cluster_id in clusters.items():
        if docs[ref_of[article_id]].kind != "teaser":
            by_cluster[cluster_id].append(ref_of[article_id])
    predicted = {frozenset(p) for group in by_cluster.values() for p in combinations(group, 2)}
    positives = same_story_pairs(
        [(a, b) for a, b, _ in truth]
        + [
            (a, b)
            for a, b, relation, same in labels
            if relation == "near" and same and a in docs and b in docs and "teaser" not in (docs[a].kind, docs[b].kind)
        ]
    )
    true_pos = predicted & positives
    false_pos = sorted(predicted - positives, key=lambda p: sorted(map(str, p)))
    recall_by_recipe = Counter(name for a, b, name in truth if frozenset((a, b)) in predicted)
    teaser_links = {(lk.article_id, lk.other_id) for lk in links if lk.relation == "teaser_of"}
    linked = sum((teaser, docs[ref].article_id) in teaser_links for teaser, ref in teasers)
    # A generated teaser may also point at a generated copy of its article (same title, same opening): right.
    copies_of = defaultdict(set)
    for ref, copy_id, _ in truth:
        copies_of[ref].add(copy_id)
    wrong_teaser_links = [
        (teaser, ref_of[b])
        for teaser, ref in teasers
        for a, b in teaser_links
        if a == teaser and ref_of[b] != ref and ref_of[b] not in copies_of[ref]
    ]
    natural = [
        (same, (docs[a].article_id, docs[b].article_id) in teaser_links)
        for a, b, relation, same in labels
        if relation == "teaser" and a in docs and b in docs
    ]
    labelled = labelled_outcomes(bench, labels, clusters, teaser_links)
    return {
        "articles": len(docs),
        "chars": chars,
        "cpu_seconds": cpu_seconds,
        "links": len(links),
        "tagger_load_seconds": tagger_load_seconds,
        "predicted_pairs": len(predicted),
        "positive_pairs": len(positives),
        "true_positives": len(true_pos),
        "false_positives": false_pos,
        "truth": truth,
        "recall_by_recipe": recall_by_recipe,
        "teasers": len(teasers),
        "teasers_linked": linked,
        "wrong_teaser_links": len(wrong_teaser_links),
        "natural_teasers": natural,
        "labelled": labelled,
        "docs": docs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=Path("../shared/bench/xwlb-2012-2016"))
    parser.add_argument("--copies", type=int, default=700, help="generated syndicated copies (and teasers)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--limit", type=int, default=None, help="only the first N dump files")
    parser.add_argument("--show", type=int, default=20, help="false positives to print")
    args = parser.parse_args(argv)
    result = evaluate(args.bench, args.copies, args.seed, args.limit)
    docs = result["docs"]
    print(
        f"{STORIES_VERSION}: shingles of {SHINGLE_CHARS} chars, {BANDS} bands x {ROWS} rows, Jaccard >= {MIN_JACCARD}"
    )
    for pair in result["false_positives"][: args.show]:
        a, b = sorted(pair, key=str)
        print(f"false positive: {a} {docs[a].title[:30]} | {b} {docs[b].title[:30]}")
    per_recipe = Counter(name for _, _, name in result["truth"])
    for name, total in sorted(per_recipe.items()):
        print(f"recall {name}: {result['recall_by_recipe'][name]}/{total}")
    tp, predicted, positives = result["true_positives"], result["predicted_pairs"], result["positive_pairs"]
    precision = tp / predicted if predicted else 1.0
    recall = tp / positives if positives else 1.0
    print(f"articles={result['articles']} chars={result['chars']} links={result['links']}")
    print(
        f"teasers linked to their full article: {result['teasers_linked']}/{result['teasers']}"
        f" (links to another article: {result['wrong_teaser_links']})"
    )
    natural = result["natural_teasers"]
    print(
        f"natural teaser pairs (labelled): same story linked {sum(s and linked for s, linked in natural)}/"
        f"{sum(s for s, _ in natural)}, different story linked {sum(linked and not s for s, linked in natural)}/"
        f"{sum(not s for s, _ in natural)}"
    )
    print(
        f"speed: {result['chars'] / result['cpu_seconds']:,.0f} chars per CPU-second (sketch + match + cluster;"
        f" the name tagger's one-off load of {result['tagger_load_seconds']:.1f} CPU-s not included)"
    )
    for relation in ("near", "teaser", "all"):
        rows = [(same, joined) for rel, same, joined in result["labelled"] if relation in (rel, "all")]
        right = sum(same and joined for same, joined in rows)
        joined_total, same_total = sum(j for _, j in rows), sum(s for s, _ in rows)
        print(
            f"hand-labelled real pairs ({relation}): {len(rows)} pairs, {same_total} same story, "
            f"{len(rows) - same_total} different (templates, standard openings); joined {joined_total}, "
            f"precision={right / joined_total if joined_total else 1.0:.4f} "
            f"recall={right / same_total if same_total else 1.0:.4f}"
        )
    print(
        f"near-duplicate pairs: predicted={predicted} positives={positives} true={tp} "
        f"precision={precision:.4f} recall={recall:.4f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
