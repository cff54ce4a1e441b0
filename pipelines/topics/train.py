"""Train the IPTC topic classifier: `python -m pipelines.topics.train`.

Data: labelled headlines from $TOPICS_DATA_DIR (default <repo>/../shared/datasets/topics)
plus weak labels on the CCTV bench corpus ($TOPICS_BENCH_DIR, optional) for the
classes no labelled set covers.  Fixed seeds throughout, so reruns give the
same held-back scores and the same artifact.
"""
from __future__ import annotations

import glob
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from pipelines.config import training_settings

from . import TOPICS_VERSION, taxonomy
from .classifier import (DEFAULT_LEX_ALPHA, DEFAULT_LEX_BETA, MAX_LABELS, TITLE_LEX_WEIGHT, Head, Lexicon,
                         TopicClassifier, vectorize)
from .evaluate import score_predictions
from .tokenize import MAX_BODY_CHARS, TITLE_REPEAT, compose, features

SEED = 20240707
HOLDOUT = 0.15
MAX_FEATURES = 80000
MIN_DF = 2
C = 8.0

THUC_MAP = {"finance": "economy", "realty": "economy", "stocks": "economy", "education": "education",
            "science": "science", "society": "society", "politics": "politics", "sports": "sport",
            "game": "arts", "entertainment": "arts"}
TNEWS_MAP = {"news_story": "human interest", "news_culture": "arts", "news_entertainment": "arts",
             "news_sports": "sport", "news_finance": "economy", "news_house": "economy",
             "news_car": "economy", "news_edu": "education", "news_tech": "science",
             "news_military": "conflict", "news_travel": "lifestyle", "news_world": None,
             "news_stock": "economy", "news_agriculture": "economy", "news_game": "arts"}
NLPCC_MAP = {"baby": "society", "car": "economy", "discovery": "science", "entertainment": "arts",
             "essay": "arts", "fashion": "lifestyle", "finance": "economy", "food": "lifestyle", "game": "arts",
             "history": "arts", "military": "conflict", "regimen": "health", "society": "society",
             "sports": "sport", "story": "human interest", "tech": "science", "travel": "lifestyle", "world": None}
# Source labels -> IPTC; one name means one thing across the sets (THUCNews and NLPCC `finance`, `sports`, `game`).
SOURCE_TOPIC = {label: key for m in (THUC_MAP, TNEWS_MAP, NLPCC_MAP) for label, key in m.items() if key}
# NLPCC `society` is a catch-all of crime, accidents and disasters: with it, the model called far too much society.
NLPCC_LEFT_OUT = {"society"}
# news_world is geographic, not topical: weak-label it politics, or conflict when
# it talks about fighting.  Not scored in held-back (no real gold label).
_CONFLICT = ("战争", "开战", "空袭", "导弹", "军队", "军事", "冲突", "武装", "袭击", "恐袭", "轰炸",
             "战机", "士兵", "部队", "交火", "停火", "叛军", "舰队", "核武", "航母", "战场", "大军")

LEX_HEADLINE_MIN = 3.0  # one full-weight lexicon term in a headline
LEX_DOC_MIN = 4.0  # bench articles need more than one incidental mention
# Adding lexicon labels to the labelled headlines (a 社会 headline about fraud ->
# society + crime) cost ~2 points of held-back THUCNews macro-F1: those sets file
# such stories under society, so the extra label mostly steals their top-1.
LEX_ON_HEADLINES = False
BENCH_PER_LEX_CLASS = 1500
# More pseudo-labelled CCTV items drown the headline sets in broadcast politics.
BENCH_SUPERVISED = 1000
# TNEWS rows come with editor keywords (never seen at inference): each keyword
# list is added as one extra down-weighted example with the row's label.  More
# Toutiao-style vocabulary for the small TNEWS classes; +~0.02 TNEWS macro-F1
# over three hold-back seeds at ~-0.002 THUCNews.
KEYWORD_WEIGHT = 0.3
# NLPCC 2017 (Toutiao-style, 34 k rows kept) outnumbers the other sets; it draws THUCNews and TNEWS top-1 down.
# Held-back top-1 macro-F1 thucnews / tnews / nlpcc by NLPCC weight: 0 -> .850/.525/.428, 0.25 -> .833/.509/.783,
# 0.5 -> .820/.498/.799.
SET_WEIGHTS = {"thucnews": 1.0, "tnews": 1.0, "nlpcc": 0.25}
# Held-back rows are split in two: one half fits the per-class calibration, the other is scored.
CALIBRATION_MIN_POSITIVES = 20


def data_dir() -> Path:
    return training_settings().topics_data_dir  # TOPICS_DATA_DIR (pipelines/config.py)


def bench_dir() -> Path:
    return training_settings().topics_bench_dir  # TOPICS_BENCH_DIR


def load_thucnews(d: Path) -> list[tuple[str, str]]:
    classes = (d / "thucnews10_classes.txt").read_text(encoding="utf-8").split()
    rows = []
    for line in (d / "thucnews10_headlines_train.tsv").read_text(encoding="utf-8").splitlines():
        text, _, idx = line.rpartition("\t")
        if text:
            rows.append((text, THUC_MAP[classes[int(idx)]], classes[int(idx)]))
    return rows


def load_tnews(d: Path) -> list[tuple[str, str | None]]:
    rows = []
    with open(d / "tnews_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            key = source = TNEWS_MAP[r["label_desc"]]
            if key is None:
                source = "conflict" if any(w in r["sentence"] for w in _CONFLICT) else "politics"
                key = "~" + source  # weak: train on it, never score it
            rows.append((r["sentence"], key, r["label_desc"] if source == key else source))
    return rows


def load_nlpcc(d: Path) -> list[tuple[str, str]]:
    """NLPCC 2017 headlines mapped to IPTC per label_map_iptc.tsv; `world` is weak-labelled like TNEWS news_world."""
    path = d / "nlpcc2017_headlines.tsv"
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if not text:
            continue
        if label in NLPCC_LEFT_OUT:
            continue
        key = NLPCC_MAP[label]
        source = label
        if key is None:
            source = "conflict" if any(w in text for w in _CONFLICT) else "politics"
            key = "~" + source
        rows.append((text, key, source))
    return rows


def load_tnews_keywords(d: Path) -> dict[str, str]:
    out = {}
    with open(d / "tnews_train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("keywords"):
                out.setdefault(r["sentence"], r["keywords"].replace(",", " "))
    return out


def keyword_examples(rows, keywords: dict[str, str]) -> list[tuple[tuple[str, str], set[str]]]:
    return [((keywords[t], ""), {source}) for t, _, source in rows if t in keywords]


def load_bench(d: Path) -> list[tuple[str, str]]:
    docs = []
    for f in sorted(glob.glob(str(d / "*.txt"))):
        for rec in Path(f).read_text(encoding="utf-8").split("\n-\n"):
            title, _, body = rec.strip().partition("\n")
            if title and title != "-":
                docs.append((title, body.strip()))
    return docs


def split(rows, rng: np.random.Generator):
    """Stratified fixed-seed hold-back."""
    by_label: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_label.setdefault(row[1], []).append(i)
    held = set()
    for lab in sorted(by_label):
        idx = by_label[lab]
        n = int(round(len(idx) * HOLDOUT))
        held.update(rng.permutation(idx)[:n].tolist())
    train = [r for i, r in enumerate(rows) if i not in held]
    test = [r for i, r in enumerate(rows) if i in held]
    return train, test


def headline_examples(rows, lex: Lexicon) -> list[tuple[tuple[str, str], set[str]]]:
    """((headline, ""), {source label}) per row; `topic_of` maps a source label to its IPTC class."""
    out = []
    for text, _, source in rows:
        labels = {source}
        if LEX_ON_HEADLINES:
            s = lex.strength(text, "")
            labels.update(k for k, v in zip(lex.keys, s) if v >= LEX_HEADLINE_MIN)
        out.append(((text, ""), labels))
    return out


def topic_of(label: str) -> str:
    """The IPTC key a source label (or an IPTC key, as in the weak labels) counts towards."""
    return label if label in taxonomy.BY_KEY else SOURCE_TOPIC[label]


def heads_for(examples, source_heads: bool) -> list[tuple[Head, np.ndarray]]:
    """(head, 0/1 target per example): one head per IPTC class, plus one per label named in the examples."""
    out = []
    for key in taxonomy.KEYS:
        out.append((Head("topic", key, key),
                    np.array([any(topic_of(lab) == key for lab in labs) for _, labs in examples], dtype=np.int8)))
    if source_heads:
        for label in sorted({lab for _, labs in examples for lab in labs}):
            out.append((Head("source", label, topic_of(label)),
                        np.array([label in labs for _, labs in examples], dtype=np.int8)))
    return out


def quantized(row: np.ndarray) -> np.ndarray:
    """The row on the int8 grid the artifact stores (scale max|w| / 127), so held-back scores are the shipped
    model's."""
    scale = float(np.abs(row).max()) / 127.0 or 1.0
    return (np.round(row / scale) * scale).astype(np.float32)


def fit(examples, seed: int = SEED, weights=None, source_heads: bool = True) -> TopicClassifier:
    feats = [features(compose(t, b)) for (t, b), _ in examples]
    df = Counter()
    for f in feats:
        df.update(set(f))
    kept = [f for f, n in df.items() if n >= MIN_DF]
    kept.sort(key=lambda f: (-df[f], f))  # deterministic order
    kept = kept[:MAX_FEATURES]
    vocab = {f: i for i, f in enumerate(kept)}
    n = len(feats)
    idf = (np.log((1 + n) / (1 + np.array([df[f] for f in kept], dtype=np.float64))) + 1).astype(np.float32)
    X = vectorize(feats, vocab, idf)
    heads, rows, intercepts = [], [], []
    for head, y in heads_for(examples, source_heads):
        if y.sum() < 5:  # nothing to learn from: a topic head stays empty, leaving the class to the lexicon
            if head.kind == "topic":
                heads.append(head)
                rows.append(np.zeros(len(vocab), dtype=np.float32))
                intercepts.append(-6.0)
            continue
        m = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=200,
                               random_state=seed)
        m.fit(X, y, sample_weight=weights)
        heads.append(head)
        rows.append(quantized(m.coef_[0]))
        intercepts.append(float(m.intercept_[0]))
    return TopicClassifier(vocab, idf, np.vstack(rows), np.array(intercepts, dtype=np.float32),
                           Lexicon.from_resources(), meta={"version": TOPICS_VERSION}, heads=heads)


def weak_bench(clf: TopicClassifier, docs, lex: Lexicon, rng) -> list[tuple[tuple[str, str], set[str]]]:
    """Weak labels on the bench corpus: lexicon classes from strong lexicon
    evidence, the supervised class from a confident headline-only model."""
    if not docs:
        return []
    P = np.concatenate([clf.model_scores(docs[i : i + 1024]) for i in range(0, len(docs), 1024)])
    sup = [j for j, k in enumerate(taxonomy.KEYS) if k not in taxonomy.LEXICON_KEYS]
    S = np.stack([lex.strength(t, b) for t, b in docs])
    lex_cols = {k: i for i, k in enumerate(lex.keys)}
    labels: list[set[str]] = []
    for i in range(len(docs)):
        labs = {k for k, ci in lex_cols.items() if S[i, ci] >= LEX_DOC_MIN}
        j = sup[int(np.argmax(P[i, sup]))]
        # CCTV reports disasters and weather through officials' visits; a loose
        # pseudo-label here teaches "typhoon -> politics", so demand more then.
        if P[i, j] >= (0.9 if labs else 0.6):
            labs.add(taxonomy.KEYS[j])
        labels.append(labs)
    chosen: set[int] = set()
    for k, ci in lex_cols.items():
        idx = [i for i in np.argsort(-S[:, ci], kind="stable") if k in labels[i]][:BENCH_PER_LEX_CLASS]
        chosen.update(int(i) for i in idx)
    rest = [i for i in range(len(docs)) if labels[i] and i not in chosen]
    chosen.update(int(i) for i in rng.permutation(rest)[:BENCH_SUPERVISED])
    out = []
    for i in sorted(chosen):
        t, b = docs[i]
        out.append(((t, b), labels[i]))
        # also as a bare headline when the headline alone carries the lexicon class,
        # so short texts learn these classes too
        ts = lex.strength(t, "")
        tl = {k for k in labels[i] if k not in lex_cols or ts[lex_cols[k]] >= LEX_HEADLINE_MIN}
        if tl & set(lex_cols):
            out.append(((t, ""), tl))
    return out


def fit_calibration(clf: TopicClassifier, rows) -> list[list[float]]:
    """Per-class Platt (a, b) on logit(raw score) from held-back rows; identity for classes without enough gold
    positives there (the lexicon-only classes)."""
    rows = [(t, k) for t, k, _ in rows if not k.startswith("~")]
    S = clf.raw_scores([(t, "") for t, _ in rows]).astype(np.float64)
    z = np.log(np.clip(S, 1e-6, 1 - 1e-6)) - np.log1p(-np.clip(S, 1e-6, 1 - 1e-6))
    out = []
    for j, key in enumerate(taxonomy.KEYS):
        y = np.array([k == key for _, k in rows], dtype=np.int8)
        if y.sum() < CALIBRATION_MIN_POSITIVES:
            out.append([1.0, 0.0])
            continue
        # Not class-balanced: balanced Platt (probability under equal priors) inflated every class and added
        # politics as a secondary label to 16 % of bench articles (11 % before calibration).
        m = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000)
        m.fit(z[:, j : j + 1], y)
        out.append([round(float(m.coef_[0, 0]), 6), round(float(m.intercept_[0]), 6)])
    return out


def heldback_scores(clf: TopicClassifier, rows) -> dict:
    rows = [(t, k) for t, k, _ in rows if not k.startswith("~")]
    docs = [(t, "") for t, _ in rows]
    ranked = [[code for code, _ in r[:2]] for r in clf.ranked_many(docs)]
    gold = [{taxonomy.BY_KEY[k].code} for _, k in rows]
    res = score_predictions(gold, ranked, 1)
    res["top2"] = score_predictions(gold, ranked, 2)["macro_f1"]
    res["n"] = len(rows)
    return res


def measure_speed(clf: TopicClassifier, docs, limit_chars: int = 3_000_000) -> dict:
    sample, n = [], 0
    for d in docs:
        sample.append(d)
        n += len(d[0]) + len(d[1])
        if n >= limit_chars:
            break
    clf.predict_many(sample[:50])  # warm caches (jieba dictionary)
    t0, c0 = time.perf_counter(), time.process_time()
    clf.predict_many(sample)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"docs": len(sample), "chars": n, "seconds": dt, "chars_per_s": n / dt, "cpu_seconds": cpu,
            "chars_per_cpu_s": n / cpu if cpu > 0 else 0.0}


def write_model_card(out: Path, clf: TopicClassifier, scores, speed, weak_counts, size, seconds) -> None:
    def table(r):
        lines = ["| class | P | R | F1 | n |", "|---|---|---|---|---|"]
        for c, v in r["per_class"].items():
            lines.append(f"| {taxonomy.BY_CODE[c].key} | {v['precision']:.3f} | {v['recall']:.3f} "
                         f"| {v['f1']:.3f} | {v['support']} |")
        return "\n".join(lines)

    sc = "\n\n".join(
        f"**{k}** (held-back {HOLDOUT:.0%}, n={r['n']}): macro-F1 top-1 **{r['macro_f1']:.3f}**, "
        f"accuracy {r['accuracy']:.3f}, macro-F1 if either of the top 2 may match {r['top2']:.3f}\n\n{table(r)}"
        for k, r in scores.items())
    sp_line = (f"{speed['chars_per_cpu_s']:,.0f} chars per CPU-second ({speed['chars_per_s']:,.0f} chars/s wall on a "
               f"shared machine): `predict_many` over {speed['docs']:,} "
               f"bench records ({speed['chars']:,} chars of title+body, full articles and teasers), "
               f"tokenisation included." if speed else "not measured (bench corpus missing)")
    text = f"""# Topic classifier `{clf.version}` (IPTC Media Topics, top level)

Generated by `python -m pipelines.topics.train` (seed {SEED}); rerunning reproduces it.

## What it does
Scores every article for the 17 top-level IPTC Media Topics (multi-label, scores in [0, 1]).
`TopicClassifier.predict` returns the top class of the balanced model, then every other class whose calibrated
probability is >= {clf.threshold} (at most {MAX_LABELS} labels), in the raw score order.

Calibration: per class, Platt scaling `sigmoid(a * logit(p) + b)` of the raw score, fitted on half of the held-back
rows (the other half gives the scores below), so the {clf.threshold} threshold means the same probability for every
class that has gold labels. The lexicon-only classes (no gold rows: crime, disaster, environment, labour, religion,
weather) keep their raw noisy-OR score. The calibrated score is the probability under the class mix of the
calibration rows (headline sets), so classes rare there (politics) get low calibrated scores: they are seldom added
as secondary labels, while the ranking (top-1 and top-2 below) uses the raw balanced scores, which rank better and
compare the uncalibrated lexicon classes fairly with the others.

Model: TF-IDF (rjieba word unigrams + CJK character 1-2grams, sublinear tf, L2, {len(clf.vocab):,} features
by document frequency) -> one-vs-rest logistic regression heads (liblinear, C={C}, balanced class weights): one
head per IPTC class and one per source label ({sum(h.kind == "source" for h in clf.heads)} heads: THUCNews realty, TNEWS news_car, NLPCC food ...;
one name means one label across the sets). A class's model score is the mean of its IPTC head and its best source
head: a merged class such as economy (finance + stocks + realty + cars + agriculture) is a union of unlike
clusters that one linear head separates poorly (held-back top-1 macro-F1 with IPTC heads alone: THUCNews .834,
TNEWS .514, NLPCC .784; with both: see below).
Input is title x{TITLE_REPEAT} + the first {MAX_BODY_CHARS} characters of the body, with wire leads stripped.
For the {len(taxonomy.LEXICON_KEYS)} lexicon classes ({", ".join(taxonomy.LEXICON_KEYS)}; health and lifestyle also have
NLPCC labels), hand-written seed lexicons (`pipelines/topics/resources/lexicon_*.txt`) add a noisy-OR term
`{DEFAULT_LEX_ALPHA} * (1 - exp(-strength / {DEFAULT_LEX_BETA}))`, strength = weighted, capped term hits
(headline hits count x{1 + TITLE_LEX_WEIGHT:g}), damped by body length. Negative-weight terms are counter-cues
(演练, 演习: a drill is not a disaster): their evidence divides the class score by (1 + evidence).

## Data
| source | rows | use | licence |
|---|---|---|---|
| THUCNews 10-class headlines (`../shared/datasets/topics`) | {clf.meta['trained_on']['thucnews']:,} | labels mapped to IPTC per `label_map_iptc.tsv` | repo MIT; THUCNews research dataset (Tsinghua) |
| CLUE TNEWS dev headlines | {clf.meta['trained_on']['tnews']:,} | same; `news_world` weak-labelled politics/conflict by keyword; each row's editor keywords also added as an extra example (weight {KEYWORD_WEIGHT}) | none stated; research dataset |
| NLPCC 2017 headlines | {clf.meta['trained_on']['nlpcc']:,} | mapped per `label_map_iptc.tsv` (regimen -> health; fashion, food, travel -> lifestyle; story -> human interest; baby -> society); `world` weak-labelled like TNEWS; `society` (a catch-all of crime, accidents and disasters) left out; sample weight {SET_WEIGHTS['nlpcc']}; not used for the bench weak labels | none stated; research dataset |
| CCTV 新闻联播 bench corpus 2012-2016 (weak labels) | {clf.meta['trained_on']['bench_weak']:,} examples | lexicon classes where lexicon evidence is strong; supervised class from a headline-only first-pass model (p >= 0.6, or >= 0.9 next to a lexicon label) | text (c) CCTV, repo MIT; only derived weights are stored |

Weak label counts: {", ".join(f"{k}={v}" for k, v in weak_counts.most_common())}.
No text is stored in the artifact; it holds the feature strings (words / character n-grams), idf and coefficients.

## Held-back scores
The scores come from a model trained without the held-back rows ({HOLDOUT:.0%} of each set, stratified); half of
them fitted the calibration, the other half is scored here. The shipped model is then retrained on all rows.
The 6 lexicon-only classes have no gold labels anywhere, so they are not measured here: they are checked only by
the seed-dump tests, the issue's failure cases in `tests/test_topics.py` and by eye. They also cost a little on
these sets, e.g. a 社会 headline about fraud is labelled society in THUCNews, while the model may put crime first.
No labelled full-text set is in `../shared/datasets`, so full-article accuracy is not measured here either
(concatenating held-back headlines of one class into pseudo-articles scored 1.000 on THUCNews and NLPCC: too easy to
tell anything, so it is not reported as a full-text score). Issue 13 measured cnews full text elsewhere with an
older model (1.1.x): lifestyle 0.000, fashion read as arts and home/furnishing as economy. Since then lifestyle has
NLPCC fashion/food/travel rows and a seed lexicon for home and furnishing (家居, 家装, 橱柜, 卫浴, 软装 ...) and for
fashion and beauty (时装周, 秀场, 穿搭, 彩妆 ...); `tests/test_topics_fulltext.py` checks invented full-text home and fashion
articles, but the full-text target (.85, every class > .60) is unverified here.

{sc}

## Speed
{sp_line}

## Artifact
`models/topics/topics_lr.npz` (vocabulary, idf, int8 coefficients with one scale per head, intercepts; numpy arrays,
no pickle; training rounds every coefficient to that grid, so the held-back scores are the shipped model's) +
`meta.json`; {size / 1e6:.2f} MB in all. Training took {seconds:.0f}s.

## Known weaknesses
- Trained mostly on headlines (full text only from weak-labelled bench articles); long articles are cut to the
  lead ({MAX_BODY_CHARS} chars).
- TNEWS (Toutiao) classes overlap heavily (culture / entertainment / story / travel); scores there are modest.
- Lexicon classes depend on curated term lists: they miss paraphrases and can fire on figurative use.
- Religion and labour have few weak examples; human interest comes from TNEWS `news_story` and NLPCC `story`.
- Adding NLPCC (Toutiao-style) costs THUCNews a little; it is down-weighted ({SET_WEIGHTS['nlpcc']}) for that reason.
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    t_start = time.perf_counter()
    d = data_dir()
    if not d.exists():
        print(f"topics data not found at {d} (set TOPICS_DATA_DIR)", file=sys.stderr)
        return 2
    rng = np.random.default_rng(SEED)
    lex = Lexicon.from_resources()
    sets = {"thucnews": load_thucnews(d), "tnews": load_tnews(d), "nlpcc": load_nlpcc(d)}
    splits = {name: split(rows, rng) for name, rows in sets.items()}
    bench = load_bench(bench_dir()) if bench_dir().exists() else []
    print(f"data: {', '.join(f'{k}={len(v)}' for k, v in sets.items())}, bench docs={len(bench)}")

    # 1) headline-only model on the training parts -> weak labels for the bench corpus
    head_train = [e for tr, _ in splits.values() for e in headline_examples(tr, lex)]
    head_w = [SET_WEIGHTS[name] for name, (tr, _) in splits.items() for _ in tr]
    # Pass 1 (weak labels for CCTV) leaves NLPCC out: its Toutiao-style classes made it call 700 CCTV items society.
    pass1 = fit([e for name, (tr, _) in splits.items() if name != "nlpcc" for e in headline_examples(tr, lex)],
                source_heads=False)
    weak = weak_bench(pass1, bench, lex, np.random.default_rng(SEED))
    wc = Counter(k for _, labs in weak for k in labs)
    print(f"weak bench examples={len(weak)}: " + ", ".join(f"{k}={v}" for k, v in wc.most_common()))

    # 2) held-back evaluation of the full recipe
    kw = load_tnews_keywords(d)
    kw_train = keyword_examples(splits["tnews"][0], kw)
    ex = head_train + weak
    model = fit(ex + kw_train, weights=np.array(head_w + [1.0] * len(weak) + [KEYWORD_WEIGHT] * len(kw_train)))
    calib_rows, eval_sets = [], {}
    cal_rng = np.random.default_rng(SEED + 1)
    for name, (_, test) in splits.items():
        order = cal_rng.permutation(len(test))
        calib_rows += [test[i] for i in order[: len(test) // 2]]
        eval_sets[name] = [test[i] for i in sorted(order[len(test) // 2 :])]
    calibration = fit_calibration(model, calib_rows)
    for name, test in eval_sets.items():
        r = heldback_scores(model, test)
        print(f"  uncalibrated {name}: macro-F1(top-1)={r['macro_f1']:.3f}")
    model.meta["calibration"] = calibration
    scores = {}
    for name, test in eval_sets.items():
        r = heldback_scores(model, test)
        scores[name] = r
        print(f"held-back {name}: n={r['n']} macro-F1(top-1)={r['macro_f1']:.3f} "
              f"acc={r['accuracy']:.3f} macro-F1(top-2)={r['top2']:.3f}")
        for c, v in r["per_class"].items():
            print(f"    {taxonomy.BY_CODE[c].key:<15} P={v['precision']:.3f} R={v['recall']:.3f} "
                  f"F1={v['f1']:.3f} n={v['support']}")

    # 3) final model on everything
    all_head = [e for rows in sets.values() for e in headline_examples(rows, lex)]
    all_w = [SET_WEIGHTS[name] for name, rows in sets.items() for _ in rows]
    kw_all = keyword_examples(sets["tnews"], kw)
    ex = all_head + weak
    final = fit(ex + kw_all, weights=np.array(all_w + [1.0] * len(weak) + [KEYWORD_WEIGHT] * len(kw_all)))
    final.meta.update({
        "trained_on": {k: len(v) for k, v in sets.items()} | {"bench_weak": len(weak)},
        "heldback_macro_f1": {k: round(v["macro_f1"], 4) for k, v in scores.items()},
        "seed": SEED, "C": C, "max_features": MAX_FEATURES, "keyword_weight": KEYWORD_WEIGHT,
        "set_weights": SET_WEIGHTS, "calibration": calibration,
    })
    out = final.save()
    speed = measure_speed(TopicClassifier.load(out), bench) if bench else None
    if speed:
        print(f"speed: {speed['chars_per_cpu_s']:.0f} chars/CPU-s, {speed['chars_per_s']:.0f} chars/s wall ({speed['docs']} bench docs, "
              f"{speed['chars']} chars, {speed['seconds']:.2f}s, one process)")
    size = sum(p.stat().st_size for p in out.iterdir() if p.suffix in (".npz", ".json"))
    print(f"artifact: {out} ({size / 1e6:.2f} MB), vocab={len(final.vocab)}")
    write_model_card(out, final, scores, speed, wc, size, time.perf_counter() - t_start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
