"""IPTC Media Topics, top level (17 classes), with Chinese labels and short keys.

Eval files and callers name classes loosely ("weather", "Crime, law and justice",
"medtop:02000000", "犯罪"), so `resolve` accepts any of those spellings.
"""

from __future__ import annotations

from typing import NamedTuple


class Topic(NamedTuple):
    code: str  # e.g. "medtop:17000000"
    name: str  # full English IPTC name
    key: str  # short key used in code and CLI output
    label_zh: str


# Order is the model's column order; it is stored in the artifact too, so a
# reordering here is caught at load time instead of silently permuting scores.
IPTC_TOPICS: list[Topic] = [
    Topic("medtop:01000000", "arts, culture, entertainment and media", "arts", "文化娱乐传媒"),
    Topic("medtop:02000000", "crime, law and justice", "crime", "犯罪与司法"),
    Topic("medtop:03000000", "disaster, accident and emergency incident", "disaster", "灾难事故"),
    Topic("medtop:04000000", "economy, business and finance", "economy", "经济财经"),
    Topic("medtop:05000000", "education", "education", "教育"),
    Topic("medtop:06000000", "environment", "environment", "环境"),
    Topic("medtop:07000000", "health", "health", "健康医疗"),
    Topic("medtop:08000000", "human interest", "human interest", "人情趣味"),
    Topic("medtop:09000000", "labour", "labour", "劳动就业"),
    Topic("medtop:10000000", "lifestyle and leisure", "lifestyle", "生活休闲"),
    Topic("medtop:11000000", "politics", "politics", "政治"),
    Topic("medtop:12000000", "religion", "religion", "宗教"),
    Topic("medtop:13000000", "science and technology", "science", "科学技术"),
    Topic("medtop:14000000", "society", "society", "社会"),
    Topic("medtop:15000000", "sport", "sport", "体育"),
    Topic("medtop:16000000", "conflict, war and peace", "conflict", "冲突战争与和平"),
    Topic("medtop:17000000", "weather", "weather", "天气"),
]

CODES: list[str] = [t.code for t in IPTC_TOPICS]
KEYS: list[str] = [t.key for t in IPTC_TOPICS]
BY_CODE: dict[str, Topic] = {t.code: t for t in IPTC_TOPICS}
BY_KEY: dict[str, Topic] = {t.key: t for t in IPTC_TOPICS}

# Classes with seed lexicons (resources/lexicon_*.txt) and weak labels derived from them: those with no labelled
# training source, plus lifestyle (labelled data covers fashion, food and travel, not home and furnishing) and
# conflict (labelled data covers weapons and defence hardware, not wars, terror and peace talks).
LEXICON_KEYS: tuple[str, ...] = (
    "conflict",
    "crime",
    "disaster",
    "environment",
    "health",
    "labour",
    "lifestyle",
    "religion",
    "weather",
)
# Classes no labelled set covers at all: the lexicons and the weak labels they give are their only signal, and the
# hand-labelled bench articles (models/topics/dev) their only calibration.
UNLABELLED_KEYS: tuple[str, ...] = ("crime", "disaster", "environment", "labour", "religion", "weather")

# Extra spellings seen in the wild (eval files, older IPTC wording).
_ALIASES = {
    "sports": "sport",
    "art": "arts",
    "arts and entertainment": "arts",
    "entertainment": "arts",
    "culture": "arts",
    "crime and law": "crime",
    "law": "crime",
    "justice": "crime",
    "disaster and accident": "disaster",
    "disasters": "disaster",
    "accident": "disaster",
    "economy": "economy",
    "business": "economy",
    "finance": "economy",
    "economy, business": "economy",
    "labor": "labour",
    "lifestyle and leisure": "lifestyle",
    "leisure": "lifestyle",
    "science": "science",
    "technology": "science",
    "science and technology": "science",
    "war": "conflict",
    "conflict": "conflict",
    "conflicts, war and peace": "conflict",
    "unrest, conflicts and war": "conflict",
    "social issue": "society",
    "social issues": "society",
}


def _norm(s: str) -> str:
    return " ".join(s.strip().lower().replace("_", " ").split())


_LOOKUP: dict[str, Topic] = {}
for _t in IPTC_TOPICS:
    for _s in (_t.code, _t.code.split(":")[-1], _t.name, _t.key, _t.label_zh):
        _LOOKUP[_norm(_s)] = _t
for _alias, _key in _ALIASES.items():
    _LOOKUP.setdefault(_norm(_alias), BY_KEY[_key])


def resolve(label: str) -> Topic:
    """Map a code / full name / short key / Chinese label to a Topic (KeyError if unknown)."""
    t = _LOOKUP.get(_norm(label))
    if t is None:
        raise KeyError(f"unknown IPTC topic label: {label!r}")
    return t
