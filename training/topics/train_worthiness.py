"""Train the keyword worthiness model (pipelines.topics.worthiness) from resources/keyword_judgements.tsv.

    python -m training.topics.train_worthiness        (make train-keyword-worthiness)

Deterministic (lbfgs, fixed seed, sorted rows): re-running writes the same
resources/keyword_worthiness.json. Features and threshold are chosen by cross-validation grouped by judged sample
(train on two samples, test on the third), so a term judged in the test sample counts as new unless the training
samples also judged it; the figures printed are those of the held-out samples.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from pipelines.topics.worthiness import MODEL_FILE, term_features

JUDGEMENTS_FILE = "keyword_judgements.tsv"
MODEL_VERSION = "worthiness-lr-1"
C = 1.0
SEED = 0
# A first/last character feature is kept when at least this many training terms carry it (rarer ones overfit).
MIN_CHARACTER_COUNT = 2
THRESHOLDS = (0.4, 0.5, 0.6)
# The threshold chosen: the most precise one that drops at most this share of the good keywords in cross-validation
# (a dropped good keyword is mostly replaced by the article's next candidate, a dropped bad one is the point).
MAX_GOOD_LOST = 0.10
# Whether first and last characters are features. Corpus document frequency was tried too (ln(1 + df) / ln(1 + N)):
# once the judged terms that the tokenizer no longer yields are left out, its weight was -0.08 (nothing), so the
# worthiness is a property of the term alone.
FEATURE_SETS = {"term": False, "term+characters": True}


def load_rows() -> list[dict]:
    text = resources.files(__package__).joinpath("resources", JUDGEMENTS_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = []
    for r in csv.DictReader(lines, delimiter="\t"):
        # a term the current tokenizer never produces on the bench cannot be a keyword: nothing to learn from it
        if int(r["bench_df"]) == 0:
            continue
        rows.append({"sample": r["sample"], "term": r["term"], "good": int(r["good"]), "bad": int(r["bad"])})
    return sorted(rows, key=lambda r: (r["sample"], r["term"]))


def _features(row: dict, characters: bool, kept_characters: set[str] | None) -> dict[str, float]:
    features = {
        k: v
        for k, v in term_features(row["term"]).items()
        if not k.startswith(("first=", "last=")) or (characters and (kept_characters is None or k in kept_characters))
    }
    return features


def fit(rows: list[dict], characters: bool) -> tuple[DictVectorizer, LogisticRegression]:
    counts = Counter(k for r in rows for k in term_features(r["term"]) if k.startswith(("first=", "last=")))
    kept = {k for k, n in counts.items() if n >= MIN_CHARACTER_COUNT}
    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([_features(r, characters, kept) for r in rows])
    y = np.array([r["good"] >= r["bad"] for r in rows])
    return vectorizer, LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(x, y)


def cross_validate(rows: list[dict], characters: bool) -> dict[float, dict[str, int]]:
    """Per threshold: judged keywords of the held-out samples (good, all) and those kept (good, all)."""
    totals = {t: Counter() for t in THRESHOLDS}
    for test in sorted({r["sample"] for r in rows}):
        train = [r for r in rows if r["sample"] != test]
        held = [r for r in rows if r["sample"] == test]
        vectorizer, lr = fit(train, characters)
        p = lr.predict_proba(vectorizer.transform([_features(r, characters, None) for r in held]))[:, 1]
        for t in THRESHOLDS:
            for r, pr in zip(held, p):
                totals[t]["good"] += r["good"]
                totals[t]["all"] += r["good"] + r["bad"]
                if pr >= t:
                    totals[t]["kept_good"] += r["good"]
                    totals[t]["kept"] += r["good"] + r["bad"]
    return totals


def train(verbose: bool = False) -> dict:
    """The model file's content: chosen features, threshold, weights and the cross-validation figures."""
    rows = load_rows()
    best = None
    report = {}
    for name, characters in FEATURE_SETS.items():
        cv = cross_validate(rows, characters)
        for t, c in cv.items():
            precision = c["kept_good"] / c["kept"]
            lost = 1 - c["kept_good"] / c["good"]
            report[f"{name} @ {t}"] = {
                "precision_kept": round(precision, 4),
                "baseline": round(c["good"] / c["all"], 4),
                "kept": c["kept"],
                "judged": c["all"],
                "good_lost_share": round(lost, 4),
            }
            if verbose:
                print(
                    f"{name:24s} threshold {t}: kept {c['kept_good']}/{c['kept']} good = {precision:.3f} "
                    f"(all judged {c['good']}/{c['all']} = {c['good'] / c['all']:.3f}; good dropped {lost:.1%})"
                )
            if lost <= MAX_GOOD_LOST and (best is None or precision > best[0]):
                best = (precision, name, characters, t)
    _, name, characters, threshold = best
    vectorizer, lr = fit(rows, characters)
    names = vectorizer.get_feature_names_out()
    weights = {n: round(float(w), 6) for n, w in zip(names, lr.coef_[0])}
    out = {
        "version": MODEL_VERSION,
        "features": name,
        "threshold": threshold,
        "C": C,
        "intercept": round(float(lr.intercept_[0]), 6),
        "weights": weights,
        "trained_on": f"{JUDGEMENTS_FILE}: {len(rows)} (sample, term) rows",
        "cross_validation_by_sample": report,
    }
    return out


def main() -> None:
    out = train(verbose=True)
    path = Path(str(resources.files("pipelines.topics").joinpath("resources", MODEL_FILE)))  # the runtime model
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"chosen: {out['features']}, threshold {out['threshold']}; wrote {path}")


if __name__ == "__main__":
    main()
