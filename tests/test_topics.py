"""Topic layer: IPTC classifier, eval entry point, themes, keywords."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pipelines.topics import IPTC_TOPICS, TOPICS_VERSION, TopicClassifier, default_classifier
from pipelines.topics import taxonomy
from pipelines.topics.evaluate import evaluate_file
from pipelines.topics.keywords import KeywordExtractor, top_keywords
from pipelines.topics.terms import article_terms, candidates
from pipelines.topics.themes import fit_themes

SEED_DUMP = Path(__file__).resolve().parents[1].parent / "shared" / "dumps" / "000_dabb22434bdf2034.txt"


def _records(path: Path) -> list[tuple[str, str]]:
    out = []
    for rec in path.read_text(encoding="utf-8").split("\n-\n"):
        title, _, body = rec.strip().partition("\n")
        if title and title != "-":
            out.append((title, body))
    return out


@pytest.fixture(scope="module")
def clf() -> TopicClassifier:
    return default_classifier()


@pytest.fixture(scope="module")
def seed_preds(clf):
    if not SEED_DUMP.exists():
        pytest.skip("seed dump ../shared/dumps not available")
    recs = _records(SEED_DUMP)
    assert len(recs) == 7
    return [[taxonomy.BY_CODE[c].key for c, _ in clf.scores_ranked(t, b)[:2]] for t, b in recs]


def test_taxonomy_has_17_distinct_topics():
    assert len(IPTC_TOPICS) == 17
    assert len({t.code for t in IPTC_TOPICS}) == 17
    assert all(t.code.startswith("medtop:") and t.label_zh and t.key and t.name for t in IPTC_TOPICS)
    assert TOPICS_VERSION.startswith("topics-")


@pytest.mark.parametrize("label,key", [
    ("weather", "weather"),  # short key
    ("Crime, law and justice", "crime"),  # full name, other case
    ("medtop:16000000", "conflict"),  # code
    ("15000000", "sport"),  # bare code number
    ("sports", "sport"),  # common alias
    ("环境", "environment"),  # Chinese label
    ("  lifestyle AND leisure ", "lifestyle"),  # spacing and case
])
def test_resolve_labels(label, key):
    assert taxonomy.resolve(label).key == key


@pytest.mark.parametrize("idx,any_of,all_of", [
    (0, {"labour", "politics", "economy"}, set()),  # foreign talent services in 台州
    (1, {"crime"}, set()),  # fraud apps
    (2, set(), {"health", "weather"}),  # heat illness myths
    (3, set(), {"health", "weather"}),  # "高温病" heat illness
    (4, {"arts", "lifestyle"}, set()),  # drone show at a tourism promotion
    (5, {"weather", "disaster"}, set()),  # tropical depression -> typhoon
    (6, {"weather", "lifestyle"}, set()),  # beer weather index in the heat
])
def test_seed_dump_top2(seed_preds, idx, any_of, all_of):
    top2 = set(seed_preds[idx])
    assert all_of <= top2, seed_preds[idx]
    if any_of:
        assert top2 & any_of, seed_preds[idx]


@pytest.mark.parametrize("title,body,key", [
    ("国足2:0战胜泰国队", "", "sport"),  # headline only
    ("央行下调存款准备金率0.5个百分点", "", "economy"),  # finance headline
    ("四川发生6.1级地震 暂无人员伤亡报告", "", "disaster"),  # lexicon-only class
    ("高考志愿填报指南:这些专业就业率高", "", "education"),  # education vs labour
])
def test_headlines_top2(clf, title, body, key):
    keys = [taxonomy.BY_CODE[c].key for c, _ in clf.scores_ranked(title, body)[:2]]
    assert key in keys, keys


@pytest.mark.parametrize("title,body", [
    ("", ""),  # empty article still gets one topic
    ("天气", ""),  # one word
    ("x" * 10, "。" * 50),  # no usable tokens
])
def test_predict_always_one_label(clf, title, body):
    res = clf.predict(title, body)
    assert len(res) >= 1
    assert all(code in taxonomy.BY_CODE and 0.0 <= s <= 1.0 for code, s in res)
    assert [s for _, s in res] == sorted((s for _, s in res), reverse=True)


def test_predict_many_matches_predict(clf):
    docs = [("热带低压即将加强为台风", "中央气象台发布预报"), ("股市大涨", "沪指收涨2%")]
    many = clf.predict_many(docs)
    assert len(many) == 2
    for d, m in zip(docs, many):
        assert [c for c, _ in clf.predict(*d)] == [c for c, _ in m]
    assert clf.predict_many([]) == []


def test_eval_file_round_trip(tmp_path):
    rows = [
        {"title": "中央气象台发布高温橙色预警", "body": "多地最高气温超过40℃", "labels": ["weather"]},
        {"title": "男子冒充客服诈骗老人被警方抓获", "body": "", "labels": ["Crime, law and justice"]},
        {"title": "NBA总决赛勇士夺冠", "body": "", "labels": ["sport"]},
        {"title": "无标签", "body": "", "labels": []},  # skipped: nothing to score against
    ]
    p = tmp_path / "eval.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    buf = io.StringIO()
    res = evaluate_file(p, out=buf)
    lines = buf.getvalue().strip().splitlines()
    assert lines[-1] == f"macro-F1={res['macro_f1']:.3f}"
    assert lines[-1].startswith("macro-F1=0.") or lines[-1] == "macro-F1=1.000"
    assert any(line.startswith("chars/s=") for line in lines)
    assert res["n"] == 3 and res["skipped"] == 1


@pytest.mark.parametrize("n_docs", [0, 1, 7])
def test_themes_tiny_corpora(n_docs):
    if n_docs == 7 and SEED_DUMP.exists():
        texts = [t + "\n" + b for t, b in _records(SEED_DUMP)]
    else:
        texts = ["中央气象台发布高温预警 多地气温超过40度 注意防暑"] * n_docs
    ids = [f"a{i}" for i in range(n_docs)]
    res = fit_themes(texts, ids)
    assert res.model_version.startswith("themes-")
    assert len(res.themes) == res.n_themes <= max(n_docs, 0)
    for th in res.themes:
        parts = th.label.split("、")  # up to three distinct, distinctive terms
        assert 1 <= len(parts) <= 3 and all(parts) and len(set(parts)) == len(parts)
    per_article: dict[str, list] = {}
    for r in res.article_themes:
        assert r.article_id in ids and 0.0 <= r.weight <= 1.0 and 0 <= r.theme_no < res.n_themes
        per_article.setdefault(r.article_id, []).append(r)
    assert all(len(v) <= 3 and [r.rank for r in v] == list(range(1, len(v) + 1)) for v in per_article.values())
    if n_docs:
        assert res.themes and res.article_themes


def test_themes_deterministic_and_blank_texts():
    texts = ["股市 上涨 银行 利率"] * 3 + ["足球 比赛 冠军 球队"] * 3 + ["", "。"]
    ids = [str(i) for i in range(len(texts))]
    a, b = fit_themes(texts, ids, n_themes=2, seed=0), fit_themes(texts, ids, n_themes=2, seed=0)
    assert a == b
    assert not any(r.article_id in {"6", "7"} for r in a.article_themes)


@pytest.mark.parametrize("fitted", [False, True])  # artifact idf fallback / corpus idf
def test_keywords(fitted):
    texts = ["台州推出聚英卡服务外籍人才,外籍人才工作许可一窗通办", "中央气象台发布高温预警", "股市大涨"]
    ex = KeywordExtractor().fit(texts) if fitted else KeywordExtractor()
    kws = ex.top_keywords(texts[0], k=5)
    assert 1 <= len(kws) <= 5
    assert all(0.0 <= w <= 1.0 for _, w in kws) and kws[0][1] == 1.0
    assert "外籍" in {w for w, _ in kws} or "人才" in {w for w, _ in kws}
    assert ex.top_keywords("", k=5) == [] and top_keywords("。。。") == []


@pytest.mark.parametrize("text,kept,dropped", [
    # a transliterated name the segmenter splits in three is one term
    ("北约秘书长斯托尔滕贝格访问日本\n斯托尔滕贝格表示", {"斯托尔滕贝格"}, {"斯托尔", "贝格"}),
    # a name written with a middle dot is one term
    ("纪念罗纳德·里根\n美国前总统罗纳德·里根的图书馆", {"罗纳德·里根"}, {"罗纳德", "里根"}),
    # adjectives and adverbial function words are not keywords
    ("项目压力很大\n这个项目压力很大,不要担心,大局稳定", {"项目", "大局"}, {"很大", "不要", "这个"}),
    # segmenter fragments that glue 是 onto a word are not keywords
    ("经济稳是大局\n中尼是好邻居,经济稳是大局", {"经济", "大局"}, {"稳是", "中尼是"}),
])
def test_keyword_terms_are_whole_names_without_function_words(text, kept, dropped):
    terms = set(candidates(text))
    assert kept <= terms, terms
    assert not (dropped & terms), terms


def test_entity_spans_stay_whole_and_the_lead_is_skipped():
    title, body = "阿卜杜勒会见代表团", "新华社北京7月1日电 阿卜杜勒·阿齐兹在北京会见代表团"
    text = f"{title}\n{body}"
    spans = [(text.index("阿卜杜勒·阿齐兹"), text.index("阿卜杜勒·阿齐兹") + 8),  # a PER span
             (text.index("北京"), text.index("北京") + 2)]  # inside the dateline: skipped with it
    terms = article_terms(title, body, spans)
    assert "阿卜杜勒·阿齐兹" in terms and "新华社" not in terms
    assert terms.count("北京") == 1  # the one after the lead, found by the segmenter
