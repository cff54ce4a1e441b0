"""Emission scores of many chunks at once, with no Python loop per character.

The same features as `features.sentence_features` (what crfsuite trained on), computed for a whole
batch of chunks laid out as one padded code-point array "^^chunk$$^^chunk$$...":

* dense character templates: vocabulary ids by direct table (chars, class trigrams) or
  `searchsorted` (bigrams), then one weight row per template;
* word features from rjieba: each word's row once, repeated over its characters; the word-position
  tag (B/M/E/S + length) of every character from the word lengths with numpy;
* sparse gazetteer features (surnames, place names, organisation head words): a first-pair / last-character
  filter finds the few candidate positions in numpy; the exact left-to-right
  longest-match rules of `Gazetteers.place_tags` / `suffix_tags` then run on those positions only.

Weights are added in the order the per-character reference adds them (dense templates, word, word
position, then surname, place, suffix, before-suffix), so the float32 sums are identical to it;
tests/test_ner.py checks the scores against `sentence_features`.
"""

from __future__ import annotations

import numpy as np
import rjieba

from pipelines.extract.ner.features import CLASSES, DENSE, Gazetteers, class_table, normalise

# Word-position tags: code = 8 * position (S, B, M, E) + capped word length (1..5).
_TAG_POS = "SBME"


def _in_sorted(keys: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Membership of each q in the sorted array `keys`."""
    if len(keys) == 0:
        return np.zeros(len(q), bool)
    pos = np.searchsorted(keys, q)
    pos[pos >= len(keys)] = 0
    return keys[pos] == q


class BatchScorer:
    """Emission matrix (one row per real character, one column per label) for a batch of chunks."""

    def __init__(
        self,
        W: np.ndarray,
        full: dict[str, int],
        keys: dict[str, np.ndarray],
        rowmap: dict[str, np.ndarray],
        gaz: Gazetteers,
    ) -> None:
        self.W, self.full, self.keys, self.rowmap, self.gaz = W, full, keys, rowmap, gaz
        # Direct vocabulary tables where the key space is small: characters and class trigrams.
        self.char_vid = np.zeros(0x110000, np.int32)
        self.char_vid[keys["U"]] = np.arange(1, len(keys["U"]) + 1, dtype=np.int32)
        self.trigram_vid = np.zeros(1 << 12, np.int32)
        valid = keys["T"] >= 0
        self.trigram_vid[keys["T"][valid]] = np.flatnonzero(valid).astype(np.int32) + 1
        self.word_row = _WordRows(full)
        # Row of prefix + word-position tag, per code, for the dense tag and the gazetteer templates.
        self.tag_rows = {}
        for prefix in ("", "s", "pgB", "pgI", "pgE"):
            table = np.zeros(40, np.int32)
            for p, tag in enumerate(_TAG_POS):
                for n in range(1, 6):
                    table[8 * p + n] = full.get(f"{prefix}j{tag}{n}", 0)
            self.tag_rows[prefix] = table
        self.surname_cps = np.array(sorted(ord(s) for s in gaz.surnames if len(s) == 1), dtype=np.int64)
        # Candidate filters: a place starts with one of these character pairs (or is one of these single
        # characters); a head word ends with one of these characters.
        self.place_pairs = np.array(
            sorted({ord(p[0]) * 0x110000 + ord(p[1]) for p in gaz.places if len(p) > 1}), dtype=np.int64
        )
        self.place_chars = np.zeros(0x110000, bool)
        self.place_chars[[ord(p) for p in gaz.places if len(p) == 1]] = True
        self.suffix_last = np.zeros(0x110000, bool)
        self.suffix_last[[ord(w[-1]) for w in gaz.org_suffixes]] = True
        self.suffix_rows = {n: (full.get("o%d" % n, 0), full.get("no%d" % n, 0)) for n in range(1, 64)}
        # Word clusters: code per word (cluster number; K = no cluster, K+1 = chunk start, K+2 = chunk end)
        # and, per template, the weight row of each code.
        names = sorted(set(gaz.word_cluster.values()), key=lambda c: (len(c), c))
        code_of = {c: k for k, c in enumerate(names)}
        self.cluster_code = _ClusterCodes({w: code_of[c] for w, c in gaz.word_cluster.items()}, len(names))
        names += ["-", "^", "$"]
        self.cluster_rows = {
            pre: np.array([full.get(pre + c, 0) for c in names], dtype=np.int32) for pre in ("z", "zp", "zn")
        }

    def _vids(self, src: str, q: np.ndarray) -> np.ndarray:
        """Vocabulary id (1-based position in the sorted keys; 0 = unseen) of each key in q."""
        keys = self.keys[src]
        if len(keys) == 0:
            return np.zeros(len(q), np.int64)
        pos = np.searchsorted(keys, q)
        pos[pos >= len(keys)] = 0
        return np.where(keys[pos] == q, pos + 1, 0)

    def emissions(self, chunks: list[str], normalised: bool = False) -> np.ndarray:
        norm = chunks if normalised else [normalise(c) for c in chunks]
        pstr = "".join(["^^" + x + "$$" for x in norm])
        cp = np.frombuffer(pstr.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        M = len(cp)
        lens = np.fromiter((len(x) for x in norm), dtype=np.int64, count=len(norm))
        seg_start = np.concatenate([[0], np.cumsum(lens + 4)[:-1]]) if len(norm) else np.zeros(0, np.int64)
        n = int(lens.sum())
        idx = np.repeat(seg_start + 2, lens) + (np.arange(n) - np.repeat(np.cumsum(lens) - lens, lens))
        real_of = np.full(M, -1, np.int64)  # padded position -> real character number
        real_of[idx] = np.arange(n)
        cls = class_table()[np.minimum(cp, 0xFFFF)]
        for q in np.nonzero(cp > 0xFFFF)[0].tolist():
            cls[q] = CLASSES.index(_char_class_of(pstr[q]))
        for d in (0, 1):
            cls[seg_start + d] = 0
            cls[seg_start + lens + 2 + d] = 1

        pairs = np.concatenate([cp[:-1] * 0x110000 + cp[1:], [-1]])
        vids = {
            "U": self.char_vid[cp],
            "B": self._vids("B", pairs),
            "K": self._vids("K", np.concatenate([cp[:-2] * 0x110000 + cp[2:], [-1, -1]])),
            "T": np.concatenate([self.trigram_vid[(cls[:-2] << 8) + (cls[1:-1] << 4) + cls[2:]], [0, 0]]),
        }
        W = self.W
        rows = [self.rowmap[pre][vids[src][idx + off]] for pre, src, off in DENSE]

        # Words: rjieba per chunk (as in training), each word's row repeated over its characters.
        words: list[str] = []
        chunk_words = np.zeros(len(norm), np.int64)
        for k, s in enumerate(norm):
            cut = rjieba.cut(s)
            words.extend(cut)
            chunk_words[k] = len(cut)
        word_lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        row_of = self.word_row.__getitem__
        rows.append(np.repeat(np.fromiter(map(row_of, words), dtype=np.int32, count=len(words)), word_lens))
        tag = _position_tags(word_lens)
        rows.append(self.tag_rows[""][tag])
        if self.cluster_code.n:
            rows.extend(self._cluster_rows(words, word_lens, chunk_words))
        # np.take is several times faster than W[rows]; the sum over templates adds them in list order.
        E = np.take(W, np.stack(rows), axis=0).sum(axis=0)

        # Gazetteers, in the reference's order: surname, place, organisation head word, before it.
        sur = np.flatnonzero(np.isin(cp, self.surname_cps) & (real_of >= 0))
        if len(sur):
            E[real_of[sur]] += W[self.tag_rows["s"][tag[real_of[sur]]]]
        for prefix, at in self._place_marks(pstr, cp, pairs, real_of).items():
            if at:
                r = real_of[np.array(at, dtype=np.int64)]
                E[r] += W[self.tag_rows[prefix][tag[r]]]
        ends = self._suffix_ends(pstr, cp, real_of)
        if ends:
            q = np.array([e for e, _ in ends], dtype=np.int64)
            head = np.array([self.suffix_rows[n][0] for _, n in ends], dtype=np.int32)
            E[real_of[q]] += W[head]
            before = real_of[q - 1] >= 0  # the reference marks the character before, inside the chunk
            nb = np.array([self.suffix_rows[n][1] for _, n in ends], dtype=np.int32)
            E[real_of[q - 1][before]] += W[nb[before]]
        return E

    def _cluster_rows(self, words: list[str], word_lens: np.ndarray, chunk_words: np.ndarray) -> list[np.ndarray]:
        """Rows of `features.cluster_features`: the cluster of each character's word, the word before, after."""
        K = self.cluster_code.n
        code = np.fromiter(map(self.cluster_code.__getitem__, words), dtype=np.int64, count=len(words))
        ends = np.cumsum(chunk_words)
        starts = ends - chunk_words
        prev = np.concatenate([[K + 1], code[:-1]])
        prev[starts[chunk_words > 0]] = K + 1
        nxt = np.concatenate([code[1:], [K + 2]])
        nxt[ends[chunk_words > 0] - 1] = K + 2
        return [np.repeat(self.cluster_rows[pre][c], word_lens) for pre, c in (("z", code), ("zp", prev), ("zn", nxt))]

    def _place_marks(self, pstr: str, cp: np.ndarray, pairs: np.ndarray, real_of: np.ndarray) -> dict[str, list[int]]:
        """Padded positions of gB / gI / gE marks: `Gazetteers.place_tags` run where a place may start."""
        may_start = _in_sorted(self.place_pairs, pairs)
        # place_tags never starts a match on a chunk's last character, so a one-character place needs a next one.
        may_start[:-1] |= self.place_chars[cp[:-1]] & (real_of[1:] >= 0)
        candidates = np.flatnonzero(may_start).tolist()
        places, first = self.gaz.places, self.gaz.place_first
        marks: dict[str, list[int]] = {"pgB": [], "pgI": [], "pgE": []}
        free = 0
        for q in candidates:
            if q < free:
                continue
            for n in first.get(pstr[q], ()):
                if pstr[q : q + n] in places:
                    if n > 1:  # place_tags writes gE over gB on a one-character place
                        marks["pgB"].append(q)
                    marks["pgI"].extend(range(q + 1, q + n - 1))
                    marks["pgE"].append(q + n - 1)
                    free = q + n
                    break
        return marks

    def _suffix_ends(self, pstr: str, cp: np.ndarray, real_of: np.ndarray) -> list[tuple[int, int]]:
        """(padded position, length) of the longest organisation head word ending at each position."""
        candidates = np.flatnonzero(self.suffix_last[cp] & (real_of >= 0)).tolist()
        sufs, last = self.gaz.org_suffixes, self.gaz.suffix_last
        out = []
        for q in candidates:
            for n in last.get(pstr[q], ()):
                if q - n + 1 >= 0 and real_of[q - n + 1] >= 0 and pstr[q - n + 1 : q + 1] in sufs:
                    out.append((q, n))
                    break
        return out


class _WordRows(dict):
    """Weight row of the word feature ("w=" + word up to 4 characters, else "w>4"), cached per word."""

    def __init__(self, full: dict[str, int]) -> None:
        super().__init__()
        self.full = full

    def __missing__(self, word: str) -> int:
        row = self[word] = self.full.get("w=" + word if len(word) <= 4 else "w>4", 0)
        return row


class _ClusterCodes(dict):
    """Cluster code of a word; words without a cluster get `n` (the "-" code)."""

    def __init__(self, codes: dict[str, int], n: int) -> None:
        super().__init__(codes)
        self.n = n

    def __missing__(self, word: str) -> int:
        return self.n


def _position_tags(word_lens: np.ndarray) -> np.ndarray:
    """Word-position code of every character: 8 * (S|B|M|E) + min(word length, 5)."""
    n = int(word_lens.sum())
    length = np.repeat(word_lens, word_lens)
    k = np.arange(n) - np.repeat(np.cumsum(word_lens) - word_lens, word_lens)
    pos = np.where(length == 1, 0, np.where(k == 0, 1, np.where(k == length - 1, 3, 2)))
    return 8 * pos + np.minimum(length, 5)


def _char_class_of(ch: str) -> str:
    from pipelines.extract.ner.features import _char_class

    return _char_class(ch)
