"""Canonical keys and stable ids for entities.

Two mentions are the same entity when type and key agree, so the key folds
away differences that carry no meaning in news text: full-width forms,
spaces, brackets and quotes, Latin case, interpunct variants in transliterated
names (卡山·汗 / 卡山•汗).  LOC mentions use `Place.key` when the geocoder
resolves them and fall back to this key otherwise.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Iterable

# Brackets and quotes around or inside names: 《人民日报》, “一带一路”.
_STRIP_RE = re.compile(r"[\s\u3000()（）\[\]【】{}<>《》〈〉「」『』\"'“”‘’]")
# Interpunct variants in foreign names, all folded to the middle dot.
_DOT_RE = re.compile(r"[•・‧∙⋅･]")
# Trailing punctuation NER spans sometimes swallow.
_TRAIL_RE = re.compile(r"[,，.。、;；:：!！?？]+$")


def canonical_key(type: str, surface: str) -> str:
    """Normalised form of `surface` used to merge mentions of one entity."""
    s = unicodedata.normalize("NFKC", surface)
    s = _STRIP_RE.sub("", s)
    s = _DOT_RE.sub("·", s)
    s = _TRAIL_RE.sub("", s)
    # Latin names differ mostly in case (WHO / who); Chinese has no case.
    s = s.casefold() if s.isascii() else s
    return s or surface.strip()


def entity_id(type: str, key: str) -> str:
    """Stable 16-hex id: the same (type, key) gets the same id on every run."""
    return hashlib.sha1(f"{type}:{key}".encode("utf-8")).hexdigest()[:16]


def alias_rows(type: str, key: str, surfaces: Iterable[str]) -> list[tuple[str, str, str]]:
    """(entity_id, alias, key) rows for each distinct surface seen for an entity."""
    eid = entity_id(type, key)
    return [(eid, s, key) for s in sorted(set(surfaces))]
