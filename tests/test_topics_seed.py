"""The reference seed dump's articles (../shared/dumps), parsed by the real ingest code, get their gold IPTC class in
the top 2 of the ranking and among the labels the classifier assigns.

Gold classes are ours, read off each article (no text of the dump is copied here: records are named by their
article id, a hash of the text, and a few words of the title for the reader). Where two classes fit the story
equally (a heat warning with health advice), either counts."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.ingest.dump import ingest_dump
from pipelines.topics import default_classifier, taxonomy
from tests.conftest import SHARED

SEED_DUMP = SHARED / "dumps" / "000_dabb22434bdf2034.txt"

GOLD = {
    "4d0a66e71a60e68108aa": {"crime"},  # 快卸载这三个软件: a police warning about fraud apps (was science only)
    "2962e019648561f0b19a": {"weather", "health"},  # 足不出户仍然可能中暑: a heat warning, then heatstroke myths
    "07487cca26e34ba5f2af": {"health"},  # 如何识别和预防“高温病”: heat illness explained by doctors
    "772b183b844871b8950b": {"lifestyle"},  # 无人机表演在西藏尼玛县: a tourism promotion night
    "b7dd187a5944dd3475af": {"weather"},  # 热带低压即将加强为今年第6号台风: a typhoon forecast
    "c8ea0b03437529266fdb": {"weather", "lifestyle"},  # 全国啤酒气象指数地图: a heat wave and a leisure index
}
# the one full article: foreign talent cards in Taizhou (work permits, recruitment, a business climate)
FULL_ARTICLE_GOLD = {"labour", "economy"}


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, tuple[str, str, str]]:
    if not SEED_DUMP.exists():
        pytest.skip(f"needs the reference seed dump, not present at {SEED_DUMP}")
    parsed = ingest_dump(
        SEED_DUMP,
        SEED_DUMP.name,
        reference_override=date(2025, 7, 18),
        max_record_chars=200_000,
        landing_root=SEED_DUMP.parent,
    )
    assert parsed.status == "parsed", parsed.error
    return {r["article_id"]: (r["title"], r["body"], r["kind"]) for r in parsed.articles.iter_rows(named=True)}


def _gold(article_id: str, kind: str) -> set[str]:
    return GOLD[article_id] if kind == "teaser" else FULL_ARTICLE_GOLD


def test_every_seed_article_has_gold(seed_articles) -> None:
    # the dump's six teasers and its one full article, all named above: a reparse that changes an id fails here
    assert {a for a, (_, _, kind) in seed_articles.items() if kind == "teaser"} == set(GOLD)
    assert [kind for _, _, kind in seed_articles.values()].count("full") == 1


@pytest.mark.parametrize("article_id", [*GOLD, "full"])
def test_seed_article_has_its_gold_class_in_the_top_two_and_labelled(seed_articles, article_id: str) -> None:
    if article_id == "full":
        article_id = next(a for a, (_, _, kind) in seed_articles.items() if kind == "full")
    title, body, kind = seed_articles[article_id]
    gold = _gold(article_id, kind)
    clf = default_classifier()
    top2 = [taxonomy.BY_CODE[c].key for c, _ in clf.scores_ranked(title, body)[:2]]
    labels = [taxonomy.BY_CODE[c].key for c, _ in clf.predict(title, body)]
    assert gold & set(top2), (title, top2)
    assert gold & set(labels), (title, labels)
