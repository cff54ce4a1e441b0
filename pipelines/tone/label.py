"""An article's tone label (negative / neutral / positive) from its lexicon scores and its title. No Dagster.

The HowNet sums alone (tone-1.1) call procedure positive: official prose praises by default, so a meeting held
or a document issued scores like an achievement, and a lexicon never says "neutral" on its own. The labels of the
tone dev set follow what a reader takes from the title and the lead (see models/tone/dev/README.md), so the label
is a small multinomial logistic regression over eight features that say where the sentiment words are and what
kind of item the title announces:

- the positive and negative sums of the title's sentences and of the lead's (the sentences of the body that
  start within its first `LEAD_CHARS` characters), the same sums as the article's, only placed;
- the body's positive and negative sums per 100 characters (a long report is not more positive for its length);
- whether the title names a procedure (印发, 召开, 会议, 将访问, 评论员文章, 答记者问 …) or a diplomatic
  meeting or message (会见, 会谈, 贺电 …): the two kinds of item the guidelines label neutral and positive whatever
  their words.

The weights are fitted on the 150 rows of models/tone/dev/bench_tone.tsv (`python -m training.tone.devset
train`) and stored in models/tone/label_lr.json; they were measured on the 150 held-out rows of
bench_tone_heldout.tsv, labelled before this model existed. Prediction is a few dot products in pure Python.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pipelines.package_files import models_dir

LEAD_CHARS = 260  # what the dev set's labeller read of the body
MODEL_JSON = models_dir() / "tone" / "label_lr.json"
FEATURES = (
    "title_positive",
    "title_negative",
    "lead_positive",
    "lead_negative",
    "body_positive_per_100",
    "body_negative_per_100",
    "title_procedure",
    "title_meeting",
)
PROCEDURE_TITLE = re.compile(r"印发|召开|会议|将访|将于|评论员|答记者问|举行|发布|公布|决定|通知|规划|意见|审议|主持")
MEETING_TITLE = re.compile(r"会见|会谈|通电话|贺电|贺信|致电|友好访问|国事访问")


@dataclass(frozen=True)
class PlacedSums:
    """Lexicon sums of an article by place: title sentences, lead sentences, all body sentences."""

    title_positive: float = 0.0
    title_negative: float = 0.0
    lead_positive: float = 0.0
    lead_negative: float = 0.0
    body_positive: float = 0.0
    body_negative: float = 0.0
    body_chars: int = 0


def features(title: str, sums: PlacedSums) -> list[float]:
    per_100 = max(1.0, sums.body_chars / 100)
    return [
        sums.title_positive,
        sums.title_negative,
        sums.lead_positive,
        sums.lead_negative,
        sums.body_positive / per_100,
        sums.body_negative / per_100,
        1.0 if PROCEDURE_TITLE.search(title) else 0.0,
        1.0 if MEETING_TITLE.search(title) else 0.0,
    ]


@dataclass(frozen=True)
class LabelModel:
    classes: tuple[str, ...]
    coef: tuple[tuple[float, ...], ...]  # one row per class, one weight per feature
    intercept: tuple[float, ...]

    def probabilities(self, x: list[float]) -> dict[str, float]:
        scores = [b + sum(w * v for w, v in zip(row, x)) for row, b in zip(self.coef, self.intercept)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def label(self, x: list[float]) -> str:
        p = self.probabilities(x)
        return max(self.classes, key=lambda c: p[c])


@lru_cache(maxsize=1)
def label_model() -> LabelModel:
    data = json.loads(MODEL_JSON.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_JSON} was fitted on other features: {data['features']}")
    return LabelModel(tuple(data["classes"]), tuple(tuple(r) for r in data["coef"]), tuple(data["intercept"]))


def fit(rows: list[list[float]], labels: list[str], c: float = 1.0) -> dict:
    """The JSON document of a model fitted on (features, label) rows (scikit-learn, only when training)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000).fit(rows, labels)
    return {
        "features": list(FEATURES),
        "classes": [str(x) for x in model.classes_],
        "coef": [[round(float(w), 6) for w in row] for row in model.coef_],
        "intercept": [round(float(b), 6) for b in model.intercept_],
        "C": c,
    }
