"""Canonical keys and stable ids for entities.

Two mentions are the same entity when type and key agree, so the key folds
away differences that carry no meaning in news text: full-width forms,
spaces, brackets and quotes, Latin case, interpunct variants in transliterated
names (卡山·汗 / 卡山•汗 / 卡山汗), a Latin gloss in brackets (世界卫生组织(WHO)), a person's
title (习近平主席, 总统拜登), and the known other names of an organisation
(`resources/entity_aliases.tsv`: 新华通讯社 -> 新华社, 安理会 -> 联合国安理会).  Keys never
cross types.  LOC mentions use `Place.key` when the geocoder resolves them and
fall back to this key otherwise.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipelines.extract.entity_types import PERSON

ALIASES_TSV = Path(__file__).parent / "resources" / "entity_aliases.tsv"

# Brackets and quotes around or inside names: 《人民日报》, “一带一路”.
_STRIP_RE = re.compile(r"[\s\u3000()（）\[\]【】{}<>《》〈〉「」『』\"'“”‘’]")
# Latin names keep the spaces between their words in the display name (Kashan Khan).
_LATIN_STRIP_RE = re.compile(r"[()\[\]{}<>\"'“”‘’]")
_SPACES_RE = re.compile(r"\s+")
# Interpunct variants in foreign names, all folded to the middle dot.
_DOT_RE = re.compile(r"[•・‧∙⋅･]")
# Trailing punctuation NER spans sometimes swallow.
_TRAIL_RE = re.compile(r"[,，.。、;；:：!！?？]+$")
# A Latin gloss in brackets after a Chinese name: 世界卫生组织(WHO), 卡山(Kashan Khan).
_GLOSS_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s*[(（][A-Za-z][A-Za-z .'&-]*[)）]\s*$")
# Titles around a person's name: 习近平主席, 总统拜登, 李四先生.
_TITLES = (
    "总书记|国家主席|主席|总统|副总统|总理|副总理|首相|国务卿|外长|部长|副部长|大使|发言人|议长|议员|国王|"
    "女王|王储|亲王|苏丹|埃米尔|总督|省长|市长|州长|书记|委员长|秘书长|主任|院长|董事长|总裁|首席执行官|"
    "教授|博士|院士|先生|女士|同志|将军|上将|中将|少将"
)
_TITLE_AFTER_RE = re.compile(rf"(?:{_TITLES})$")
_TITLE_BEFORE_RE = re.compile(rf"^(?:{_TITLES})")


def _folded(surface: str) -> str:
    s = unicodedata.normalize("NFKC", surface)
    s = _GLOSS_RE.sub("", s)
    s = _STRIP_RE.sub("", _SPACES_RE.sub(" ", s).strip()) if not s.isascii() else _LATIN_STRIP_RE.sub("", s)
    s = _SPACES_RE.sub(" ", s).strip()
    s = _DOT_RE.sub("·", s)
    return _TRAIL_RE.sub("", s)


def _strip_titles(name: str) -> str:
    for pattern in (_TITLE_AFTER_RE, _TITLE_BEFORE_RE):
        shorter = pattern.sub("", name)
        if len(shorter) >= 2:
            name = shorter
    return name


def canonical_key(type: str, surface: str) -> str:
    """Normalised form of `surface` used to merge mentions of one entity."""
    return canonical_name(type, surface)[0]


@lru_cache(maxsize=200_000)  # called once per mention; the same names recur in every article
def canonical_name(type: str, surface: str) -> tuple[str, str]:
    """(key, display name) for a mention: the key merges mentions of one entity, the display name
    is the alias table's canonical name or the cleaned surface (middle dots kept)."""
    s = _folded(surface)
    if type == PERSON and not s.isascii():
        s = _strip_titles(s)
    key = _key_of(s)
    canonical = aliases().get((type, key))
    if canonical is not None:
        return _key_of(_folded(canonical)), canonical
    if not key:
        return surface.strip(), surface.strip()
    return key, s


def _key_of(folded: str) -> str:
    # Dots between the parts of a transliterated name are written or left out at will (卡山·汗 / 卡山汗);
    # Latin names differ mostly in case (WHO / who); Chinese has no case.
    key = folded.replace("·", "").replace(" ", "")
    return key.casefold() if key.isascii() else key


@lru_cache(maxsize=1)
def aliases() -> dict[tuple[str, str], str]:
    """(type, key of an alias or canonical name) -> canonical name, from resources/entity_aliases.tsv."""
    table: dict[tuple[str, str], str] = {}
    with open(ALIASES_TSV, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            type_, canonical, names = line.rstrip("\n").split("\t")
            for name in [canonical, *filter(None, names.split("|"))]:
                table[(type_, _key_of(_folded(name)))] = canonical
    return table


@lru_cache(maxsize=200_000)  # once per mention, and the same names recur
def entity_id(type: str, key: str) -> str:
    """Stable 16-hex id: the same (type, key) gets the same id on every run."""
    return hashlib.sha1(f"{type}:{key}".encode()).hexdigest()[:16]
