"""Character features for the CRF tagger.

Two views of the same feature set: sentence_features() gives crfsuite's string items for
training; scoring.BatchScorer computes the same features for many chunks at once with numpy
table lookups (Python feature strings were the throughput bottleneck).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import rjieba

from pipelines.extract.places import default_geocoder

RESOURCES = Path(__file__).with_name("resources")

# Full-width ASCII -> half-width and Latin case-folding, length-preserving so offsets
# stay valid (str.lower() can change length for a few code points; this table cannot).
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
for _c in range(ord("A"), ord("Z") + 1):
    _FOLD[_c] = _c + 32
for _c in range(0xFF21, 0xFF3B):
    _FOLD[_c] = _c - 0xFEE0 + 32
# All ASCII digits collapse to one symbol: numbers carry no entity identity.
for _c in range(ord("0"), ord("9") + 1):
    _FOLD[_c] = ord("0")
for _c in range(0xFF10, 0xFF1A):
    _FOLD[_c] = ord("0")


def normalise(text: str) -> str:
    return text.translate(_FOLD)


@functools.lru_cache(maxsize=65536)
def _char_class(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch == "0":
        return "D"
    if "a" <= ch <= "z":
        return "L"
    if ch in "零一二三四五六七八九十百千万亿两〇":
        return "N"
    if ch.isspace():
        return "S"
    cat = unicodedata.category(ch)
    if cat[0] == "P" or cat[0] == "S":
        return "P"
    if cat[0] == "L":
        return "L"
    return "O"


def _read_list(name: str) -> list[str]:
    out = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


class Gazetteers:
    def __init__(self) -> None:
        self.surnames = frozenset(_read_list("surnames.txt"))
        self.org_suffixes = frozenset(normalise(s) for s in _read_list("org_suffixes.txt"))
        # Place names come from the geocoder's data (cpca's divisions + the world gazetteer), so
        # the tagger and the geocoder agree on what a place is; regions.txt adds continents,
        # seas and regions that have no geocode.
        geocoder = default_geocoder()
        self.admin = frozenset(normalise(s) for s in geocoder.names(chinese=True))
        self.world = frozenset(normalise(s) for s in geocoder.names(chinese=False) | set(_read_list("regions.txt")))
        self.places = self.admin | self.world
        # Index by first (places) / last (suffixes) char so most positions cost one dict miss.
        self.place_first: dict[str, tuple[int, ...]] = {}
        for w in self.places:
            self.place_first[w[0]] = tuple(sorted({len(w), *self.place_first.get(w[0], ())}, reverse=True))
        # Distributional word clusters (clusters.py); absent file = no cluster features.
        self.word_cluster = read_clusters()
        self.suffix_last: dict[str, tuple[int, ...]] = {}
        for w in self.org_suffixes:
            self.suffix_last[w[-1]] = tuple(sorted({len(w), *self.suffix_last.get(w[-1], ())}, reverse=True))

    def place_tags(self, s: str) -> list[str]:
        """B/I/E marks of longest gazetteer place match, scanning left to right."""
        n = len(s)
        tags = [""] * n
        places = self.places
        first = self.place_first
        i = 0
        while i < n - 1:
            lens = first.get(s[i])
            if lens:
                for L in lens:
                    if i + L <= n and s[i : i + L] in places:
                        tags[i] = "gB"
                        for k in range(i + 1, i + L - 1):
                            tags[k] = "gI"
                        tags[i + L - 1] = "gE"
                        i += L
                        break
                else:
                    i += 1
            else:
                i += 1
        return tags

    def suffix_tags(self, s: str) -> list[str]:
        """Length of the longest org head word ending at each position."""
        tags = [""] * len(s)
        sufs = self.org_suffixes
        last = self.suffix_last
        for i, c in enumerate(s):
            lens = last.get(c)
            if lens:
                for L in lens:
                    if i + 1 >= L and s[i - L + 1 : i + 1] in sufs:
                        tags[i] = "o%d" % L
                        break
        return tags


CLUSTER_FILE = RESOURCES / "word_clusters.tsv"


def read_clusters(path: Path = CLUSTER_FILE) -> dict[str, str]:
    """word -> cluster name (a number as text), from the file clusters.py writes."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            w, c = line.split("\t")
            out[w] = c
    return out


def cluster_features(words: list[str], clusters: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """Per character: the cluster of its word, of the word before and of the word after.

    "-" marks a word with no cluster (rare words: often names), "^"/"$" the chunk's edges.
    """
    names = [clusters.get(w, "-") for w in words]
    prev = ["^"] + names[:-1]
    nxt = names[1:] + ["$"]
    cur_f, prev_f, next_f = [], [], []
    for w, c, p, q in zip(words, names, prev, nxt):
        L = len(w)
        cur_f.extend(["z" + c] * L)
        prev_f.extend(["zp" + p] * L)
        next_f.extend(["zn" + q] * L)
    return cur_f, prev_f, next_f


@functools.cache
def gazetteers() -> Gazetteers:
    return Gazetteers()


_POS_TAG = {1: ("S",), 2: ("B", "E"), 3: ("B", "M", "E"), 4: ("B", "M", "M", "E")}


def sentence_features(text: str, gaz: Gazetteers | None = None) -> list[list[str]]:
    """One list of feature strings per character of `text`."""
    gaz = gaz or gazetteers()
    s = normalise(text)
    n = len(s)
    if n == 0:
        return []
    chars = list(s)
    cls = [_char_class(c) for c in chars]
    p = ["^", "^"] + chars + ["$", "$"]
    pc = ["^"] + cls + ["$"]

    # Word-boundary tags from jieba: position in word + word length, and short words.
    wpos: list[str] = []
    wfeat: list[str] = []
    words = rjieba.cut(s)
    for w in words:
        L = len(w)
        tags = _POS_TAG.get(L) or ("B",) + ("M",) * (L - 2) + ("E",)
        Lb = L if L < 5 else 5
        wpos.extend(["j%s%d" % (t, Lb) for t in tags])
        wf = "w=" + w if L <= 4 else "w>4"
        wfeat.extend([wf] * L)

    cols = (
        ["a" + c for c in p[2:-2]],
        ["b" + c for c in p[1:-3]],
        ["c" + c for c in p[3:-1]],
        ["d" + c for c in p[:-4]],
        ["e" + c for c in p[4:]],
        ["f" + a + b for a, b in zip(p[1:-3], p[2:-2])],
        ["g" + a + b for a, b in zip(p[2:-2], p[3:-1])],
        ["h" + a + b for a, b in zip(p[:-4], p[1:-3])],
        ["i" + a + b for a, b in zip(p[3:-1], p[4:])],
        ["k" + a + b for a, b in zip(p[1:-3], p[3:-1])],
        ["t" + a + b + c for a, b, c in zip(pc[:-2], pc[1:-1], pc[2:])],
        wpos,
        wfeat,
    )
    if gaz.word_cluster:
        cols += cluster_features(words, gaz.word_cluster)
    items = [list(t) for t in zip(*cols)]
    # Gazetteer hits are sparse: append them only where they fire.
    for i, tag in sparse_features(s, wpos, gaz):
        items[i].append(tag)
    return items


def sparse_features(s: str, wpos: list[str], gaz: Gazetteers) -> list[tuple[int, str]]:
    surn = gaz.surnames
    out = [(i, "s" + wpos[i]) for i, c in enumerate(s) if c in surn]
    out += [(i, "p" + t + wpos[i]) for i, t in enumerate(gaz.place_tags(s)) if t]
    for i, t in enumerate(gaz.suffix_tags(s)):
        if t:
            out.append((i, t))
            if i:
                out.append((i - 1, "n" + t))
    return out


# Dense templates laid out over one padded code-point array holding many chunks:
# (prefix, source, offset from the char's index). "U" = char, "B" = bigram (q, q+1),
# "K" = skip bigram (q-1, q+1) stored at q-1, "T" = class trigram stored at q-1. Must mirror
# sentence_features() exactly; tests/test_ner.py checks that both give the same scores.
DENSE = (
    ("a", "U", 0),
    ("b", "U", -1),
    ("c", "U", 1),
    ("d", "U", -2),
    ("e", "U", 2),
    ("f", "B", -1),
    ("g", "B", 0),
    ("h", "B", -2),
    ("i", "B", 1),
    ("k", "K", -1),
    ("t", "T", -1),
)
CLASSES = "^$HDLNSPO"


@functools.cache
def class_table():
    """Class id of every BMP code point (ids index CLASSES)."""
    import numpy as np

    return np.array(
        [CLASSES.index(_char_class(chr(c))) if not 0xD800 <= c <= 0xDFFF else 8 for c in range(0x10000)], dtype=np.int64
    )
