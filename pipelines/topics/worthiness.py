"""Keyword worthiness: a learned, term-level probability that a term is a keyword a reader would accept.

A logistic regression over features of the term itself (not of the article), trained on the hand-judged keywords
of the bench samples (training/topics/resources/keyword_judgements.tsv) by `python -m training.topics.train_worthiness`
(make train-keyword-worthiness), stored as plain numbers in resources/keyword_worthiness.json. The open vocabulary
that stoplists miss (试点, 事宜, 素质, 会议) shares traits a stoplist cannot see: jieba's part of speech, dictionary
frequency and specificity, length, a generic first or last character. Being a property of the term alone, it is
stored per term (term_document_frequency.worthiness) and both keyword paths drop a term below the model's threshold.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

import rjieba

from pipelines.topics.terms import term_specificity

MODEL_FILE = "keyword_worthiness.json"
# Sum of the word frequencies of jieba's general dictionary, as in terms.py.
_LOG_DICTIONARY_TOTAL = math.log(60_101_967)
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")


def term_features(term: str) -> dict[str, float]:
    """The term's own features, sparse, by name (first= and last= count only where the model has a weight)."""
    in_dictionary = rjieba.has_word(term)
    features = {
        f"len={min(len(term), 6)}": 1.0,
        "in_dictionary": float(in_dictionary),
        "dictionary_log_frequency": (
            math.log1p(rjieba.suggest_freq(term)) / _LOG_DICTIONARY_TOTAL if in_dictionary else 0.0
        ),
        "specificity": term_specificity(term),
        f"first={term[:1]}": 1.0,
        f"last={term[-1:]}": 1.0,
    }
    tags = rjieba.tag(term)
    features[f"tokens={min(len(tags), 3)}"] = 1.0
    if len(tags) == 1:
        features[f"pos={tags[0][1]}"] = 1.0
    elif tags:
        features[f"first_pos={tags[0][1]}"] = 1.0
        features[f"last_pos={tags[-1][1]}"] = 1.0
    if _LATIN.search(term):
        features["latin"] = 1.0
    if _DIGIT.search(term):
        features["digit"] = 1.0
    if "·" in term:
        features["name_dot"] = 1.0
    return features


@lru_cache(maxsize=1)
def model() -> dict:
    return json.loads(resources.files(__package__).joinpath("resources", MODEL_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=200_000)
def term_worthiness(term: str) -> float:
    """Probability that the term is a meaningful keyword, in (0, 1) (stored as term_document_frequency.worthiness)."""
    m = model()
    weights = m["weights"]
    z = m["intercept"] + sum(weights.get(name, 0.0) * value for name, value in term_features(term).items())
    return round(1.0 / (1.0 + math.exp(-z)), 6)


def min_worthiness() -> float:
    """Terms below this worthiness are no keywords (chosen by grouped cross-validation, see the model file)."""
    return float(model()["threshold"])
