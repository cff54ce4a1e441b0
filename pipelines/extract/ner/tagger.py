"""Runtime NER tagger: sentence chunking, CRF decoding, light rule post-processing."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipelines.extract.entity_types import NAME_TYPES, ORGANISATION, PERSON, PLACE
from pipelines.extract.ner.features import CLASSES, DENSE, class_table, gazetteers, normalise
from pipelines.extract.ner.neural import CharCnn
from pipelines.extract.ner.scoring import BatchScorer
from pipelines.package_files import models_dir

NER_VERSION = "ner-crf-1.1.0"
DEFAULT_MODEL = models_dir() / "ner" / "ner_crf.npz"
TYPES = NAME_TYPES

# CRF context is local; chunks beyond this length only cost time, so cut them at commas.
MAX_CHUNK = 160
_SENT_RE = re.compile(r"[^。！？!?；;\n\r]*(?:[。！？!?；;\n\r]+[”’」』)）]*|$)")
_SOFT_RE = re.compile(r"[^，,、：:\s]*(?:[，,、：:\s]+|$)")
# Spaces next to Han text separate headline/dateline parts ("中国天气网讯 中央气象台"); a CRF
# trained on space-free corpora happily runs entities across them, so they end a chunk.
_SPACE_BREAK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")

TITLES = ("女士", "先生", "小姐")
# Generic head words the CRF sometimes tags alone ("热带低压中心"); never a named org.
GENERIC_ORG = frozenset(("中心", "部门", "单位", "机构"))
# Contexts before a surname+title pair that make it unlikely the surname char belongs
# to a preceding word (e.g. "这位先生" must not yield PER "位先生").
_TITLE_PREV_OK = set('的了是和与及向对给被让称说在，,、。：:“"（(　 ')
_ADMIN_END_RE = re.compile("[市县区省州旗盟]")


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int
    end: int
    type: str
    surface: str


def split_chunks(text: str, max_len: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """(offset, chunk) pieces covering the text's non-blank parts."""
    out: list[tuple[int, str]] = []
    for m in _SENT_RE.finditer(text):
        if not m.group().strip():
            continue
        a = m.start()
        for sp in _SPACE_BREAK.finditer(m.group()):
            if sp.start() > 0:
                _split_long(text, a, m.start() + sp.start(), max_len, out)
            a = m.start() + sp.end()
        _split_long(text, a, m.end(), max_len, out)
    return out


def _split_long(text: str, a: int, b: int, max_len: int, out: list) -> None:
    """Append text[a:b] as chunks of at most max_len, preferring comma/space breaks."""
    s = text[a:b]
    if not s.strip():
        return
    if len(s) <= max_len:
        out.append((a, s))
        return
    cur_start, cur = a, ""
    for sm in _SOFT_RE.finditer(s):
        piece, p0 = sm.group(), a + sm.start()
        if not piece:
            continue
        if cur and len(cur) + len(piece) > max_len:
            out.append((cur_start, cur))
            cur_start, cur = p0, ""
        while len(piece) > max_len:  # no soft break at all: hard cut
            out.append((p0, piece[:max_len]))
            piece, p0 = piece[max_len:], p0 + max_len
            cur_start = p0
        cur += piece
    if cur.strip():
        out.append((cur_start, cur))


def decode(labels: list[str]) -> list[tuple[int, int, str]]:
    """BIOES labels -> (start, end, type); tolerant of ill-formed sequences."""
    positions = [i for i, lab in enumerate(labels) if lab != "O"]
    return decode_path(
        positions, list(range(len(positions))), [labels[i][0] for i in positions], [labels[i][2:] for i in positions]
    )


def decode_path(
    positions: list[int], path: list[int], kinds: list[str], types: list[str | None]
) -> list[tuple[int, int, str]]:
    """`decode` of a Viterbi path given only at its non-O characters (`positions`, ascending, and their
    label ids): kinds[id] in "BIES", types[id] the entity type. Most characters are outside any name."""
    spans = []
    start, typ, prev = -1, None, -2
    for i, lab in zip(positions, path):
        if i != prev + 1 and typ is not None:  # an O run ended the open span
            spans.append((start, prev + 1, typ))
            start, typ = -1, None
        prev = i
        pos, t = kinds[lab], types[lab]
        if pos in "BS" or t != typ:
            if typ is not None:
                spans.append((start, i, typ))
            start, typ = i, t
        if pos in "ES":
            spans.append((start, i + 1, typ))
            start, typ = -1, None
    if typ is not None:
        spans.append((start, prev + 1, typ))
    return spans


_WIDTH = {"U": 1, "B": 2, "K": 2, "T": 3}  # characters (or character classes) a dense template's value has


def dense_tables(attrs: list[str]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """For the dense templates (DENSE: one-letter prefix, source, offset) of a model's attributes (row = index + 1):
    each source's sorted integer key vocabulary (searchsorted lookup, id 0 = unseen) and each template's
    vocab-id -> W-row map, so that scoring needs no Python loop.

    Computed on arrays of code points (the first four characters of every attribute, which is all a dense value
    has): a loop over the ~480,000 attributes took 1.2 s of every process that tags, a small run's included.
    A value's key is the one `CrfModel._key` gives it.
    """
    lengths = np.fromiter(map(len, attrs), dtype=np.int64, count=len(attrs))
    codes = np.array(attrs, dtype="U4").view(np.uint32).reshape(len(attrs), 4).astype(np.int64)
    rows = np.arange(1, len(attrs) + 1, dtype=np.int32)
    class_of = np.full(128, -1, np.int64)  # the character classes are ASCII symbols
    class_of[[ord(c) for c in CLASSES]] = np.arange(len(CLASSES))
    classes = np.where(codes < 128, class_of[np.minimum(codes, 127)], -1)
    keyed: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for pre, src, _ in DENSE:
        width = _WIDTH[src]
        chosen = (codes[:, 0] == ord(pre)) & (lengths == 1 + width)
        if src == "T":
            parts = classes[chosen, 1 : 1 + width]
            keys = sum(parts[:, i] << (4 * (width - 1 - i)) for i in range(width))
            keys = np.where((parts >= 0).all(axis=1), keys, -1)
        else:
            keys = np.zeros(int(chosen.sum()), np.int64)
            for i in range(width):
                keys = keys * 0x110000 + codes[chosen, 1 + i]
        keyed[pre] = (keys, rows[chosen])
    vocabulary = {
        src: np.unique(np.concatenate([np.zeros(0, np.int64)] + [keyed[p][0] for p, s, _ in DENSE if s == src]))
        for src in _WIDTH
    }
    rowmap = {}
    for pre, src, _ in DENSE:
        keys, chosen_rows = keyed[pre]
        table = np.zeros(len(vocabulary[src]) + 1, np.int32)
        table[np.searchsorted(vocabulary[src], keys) + 1] = chosen_rows
        rowmap[pre] = table
    return vocabulary, rowmap


class CrfModel:
    """A trained crfsuite CRF re-implemented as table lookups + batched numpy Viterbi.

    pycrfsuite's own tagger spends most of its time converting feature strings; here each
    distinct character / bigram is looked up once per batch and templates share that lookup.
    """

    def __init__(self, labels: list[str], trans: np.ndarray, W: np.ndarray, attrs: list[str]):
        self.labels = list(labels)
        self.trans = trans.astype(np.float32)
        self.W = np.vstack([np.zeros((1, W.shape[1]), np.float32), W.astype(np.float32)])
        self.full = {a: row for row, a in enumerate(attrs, start=1)}
        self.keys, self.rowmap = dense_tables(attrs)
        self._scorers: dict[object, BatchScorer] = {}  # by gazetteers (one in practice)
        self.neural: CharCnn | None = None  # optional correction added to the emissions (neural.py)

    @staticmethod
    def _key(src: str, v: str) -> int:
        if src == "T":
            return (
                sum(CLASSES.index(c) << (4 * (2 - i)) for i, c in enumerate(v)) if all(c in CLASSES for c in v) else -1
            )
        k = 0
        for c in v:
            k = k * 0x110000 + ord(c)
        return k

    @classmethod
    def load(cls, path: str | Path) -> CrfModel:
        z = np.load(path, allow_pickle=False)
        attrs = bytes(z["attrs"]).decode("utf-8").split("\x00")
        return cls([str(x) for x in z["labels"]], z["trans"], z["W"], attrs)

    @staticmethod
    def save(path: str | Path, labels, trans, W, attrs) -> None:
        np.savez_compressed(
            path,
            labels=np.array(labels),
            trans=trans.astype(np.float32),
            W=W.astype(np.float16),
            attrs=np.frombuffer("\x00".join(attrs).encode("utf-8"), np.uint8),
        )

    def emissions(self, chunks: list[str], gaz, normalised: bool = False) -> np.ndarray:
        """One row of label scores per character of the chunks (`normalised`: already through `normalise`)."""
        scorer = self._scorers.get(gaz)  # keyed by the object itself, so its id is never reused while cached
        if scorer is None:
            scorer = self._scorers[gaz] = BatchScorer(self.W, self.full, self.keys, self.rowmap, gaz)
        E = scorer.emissions(chunks, normalised)
        if self.neural is None:
            return E
        norm = chunks if normalised else [normalise(c) for c in chunks]
        return self.neural.scale * E + self.neural.scores(norm, E)

    def transitions(self) -> np.ndarray:
        """Transition scores as decoded: scaled like the emissions when a neural correction is added."""
        return self.trans if self.neural is None else self.neural.scale * self.trans

    def _best_labels(self, E: np.ndarray, lens: list[int]) -> np.ndarray:
        """(chunk, position) label ids of the best paths; positions past a chunk's end are 0."""
        B, T, L = len(lens), max(lens), E.shape[1]
        lens_a = np.asarray(lens)
        starts = np.concatenate([[0], np.cumsum(lens_a)[:-1]])
        b_of = np.repeat(np.arange(B), lens_a)
        t_of = np.arange(len(E)) - np.repeat(starts, lens_a)
        Ep = np.zeros((B, T, L), np.float32)
        Ep[b_of, t_of] = E
        ends = lens_a - 1
        bp = np.zeros((B, T, L), np.int16)
        best = np.zeros(B, np.int64)
        delta = Ep[:, 0]
        m = ends == 0
        best[m] = delta[m].argmax(1)
        # Scores laid out (chunk, to, from) so both reductions run over the contiguous last axis;
        # the max is read at the argmax (same values and ties as max/argmax over the "from" axis).
        tr = np.ascontiguousarray(self.transitions().T)[None]
        flat = np.arange(B * L)
        for t in range(1, T):
            sc = delta[:, None, :] + tr
            came = sc.argmax(2)
            bp[:, t] = came
            delta = sc.reshape(-1, L)[flat, came.ravel()].reshape(B, L) + Ep[:, t]
            m = ends == t
            if m.any():
                best[m] = delta[m].argmax(1)
        lab = np.zeros((B, T), np.int64)
        cur = np.zeros(B, np.int64)
        ar = np.arange(B)
        for t in range(T - 1, -1, -1):
            cur = np.where(ends == t, best, cur)
            lab[:, t] = cur
            if t:
                cur = bp[ar, t, cur]
        return lab

    def span_chunks(
        self, chunks: list[str], gaz, batch_chars: int = 20000, normalised: bool = False
    ) -> list[list[tuple[int, int, str]]]:
        """(start, end, type) spans of each chunk: `decode` of its labels."""
        kinds = [name[0] for name in self.labels]
        types = [name[2:] or None for name in self.labels]
        outside = self.labels.index("O")
        out: list[list[tuple[int, int, str]]] = [[] for _ in chunks]
        for sel, batch in self._batches(chunks, batch_chars):
            lens = [len(c) for c in batch]
            labels = self._best_labels(self.emissions(batch, gaz, normalised), lens)
            inside = (labels != outside) & (np.arange(labels.shape[1])[None, :] < np.array(lens)[:, None])
            rows, cols = np.nonzero(inside)  # row-major: each chunk's positions ascending
            bounds = np.searchsorted(rows, np.arange(len(sel) + 1)).tolist()
            cols_l, labs_l = cols.tolist(), labels[rows, cols].tolist()
            for b, k in enumerate(sel):
                a, z = bounds[b], bounds[b + 1]
                if a < z:
                    out[k] = decode_path(cols_l[a:z], labs_l[a:z], kinds, types)
        return out

    @staticmethod
    def _batches(chunks: list[str], batch_chars: int):
        """(indices, chunks) of batches of about `batch_chars` characters, chunks of similar length together."""
        order = sorted(range(len(chunks)), key=lambda i: len(chunks[i]))
        i = 0
        while i < len(order):
            j, n = i, 0
            while j < len(order) and (n < batch_chars or j == i):
                n += len(chunks[order[j]])
                j += 1
            sel = order[i:j]
            yield sel, [chunks[k] for k in sel]
            i = j


class NerTagger:
    def __init__(
        self, model_path: str | Path = DEFAULT_MODEL, postprocess: bool = True, neural_path: str | Path | None = None
    ) -> None:
        self.model_path = Path(model_path)
        if not self.model_path.exists():
            raise FileNotFoundError(f"NER model not found: {self.model_path} (run make train-ner)")
        self.model = CrfModel.load(self.model_path)
        if neural_path is not None:
            self.model.neural = CharCnn.load(neural_path)
        self._gaz = gazetteers()
        class_table()  # built once here rather than inside the first (timed) tagging call
        self.postprocess = postprocess

    @classmethod
    def load(cls, path: str | Path | None = None) -> NerTagger:
        return cls(path or DEFAULT_MODEL)

    def tag(self, text: str) -> list[EntitySpan]:
        return self.tag_many([text])[0]

    def tag_many(self, texts) -> list[list[EntitySpan]]:
        texts = list(texts)
        return [
            [EntitySpan(s, e, t, text[s:e]) for s, e, t in spans] for text, spans in zip(texts, self.spans_many(texts))
        ]

    def spans_many(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """`tag_many` as (start, end, type) tuples, for callers that need no surfaces."""
        # normalise() keeps lengths, so each text is normalised once and its chunks are slices of that.
        norms = [normalise(text) for text in texts]
        owners, offsets, chunks = [], [], []
        for k, (text, norm) in enumerate(zip(texts, norms)):
            for off, chunk in split_chunks(text):
                owners.append(k)
                offsets.append(off)
                chunks.append(norm[off : off + len(chunk)])
        raw: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        if chunks:
            for k, off, spans in zip(owners, offsets, self.model.span_chunks(chunks, self._gaz, normalised=True)):
                raw[k].extend([(off + s, off + e, t) for s, e, t in spans])
        if not self.postprocess:
            return raw
        return [postprocess(text, spans, self._gaz, norm) for text, spans, norm in zip(texts, raw, norms)]


_OPEN_CLOSE = {"“": "”", "‘": "’", "《": "》", "(": ")", "（": "）", "『": "』", "「": "」", "[": "]", "【": "】"}
_CLOSE_OPEN = {v: k for k, v in _OPEN_CLOSE.items()}


def _strip(text: str, spans):
    """Drop whitespace and unpaired quotes/brackets at span edges; paired ones are part of
    names in the training data ("“和平”号空间站")."""
    out = []
    for s, e, t in spans:
        while s < e and (text[s].isspace() or (text[s] in _OPEN_CLOSE and _OPEN_CLOSE[text[s]] not in text[s + 1 : e])):
            s += 1
        while e > s and (
            text[e - 1].isspace() or (text[e - 1] in _CLOSE_OPEN and _CLOSE_OPEN[text[e - 1]] not in text[s : e - 1])
        ):
            e -= 1
        if e > s:
            out.append((s, e, t))
    return out


_LATIN = re.compile(r"[A-Za-z]")
_PAREN_TAIL = re.compile(r"^(.+?)\s*[(（]([^()（）]+)[)）]$")


def _split_parens(text: str, spans, gaz):
    """ "卡山(Kashan Khan)" -> two PER spans; a generic head word ("中心") is no ORG."""
    out = []
    for s, e, t in spans:
        if t == ORGANISATION and text[s:e] in GENERIC_ORG:
            continue
        m = _PAREN_TAIL.match(text[s:e]) if t != ORGANISATION and text[e - 1] in ")）" else None
        # only a Latin gloss is split off; PD writes rare characters as "袁（日希）"
        if m and _LATIN.search(m.group(2)):
            out.append((s, s + m.end(1), t))
            inner = (s + m.start(2), s + m.end(2), t)
            out.extend(_strip(text, [inner]))
        else:
            out.append((s, e, t))
    return out


def postprocess(text: str, spans, gaz, norm: str | None = None) -> list[tuple[int, int, str]]:
    """`norm`: normalise(text), when the caller has it already."""
    spans = _split_parens(text, _strip(text, spans), gaz)
    norm = normalise(text) if norm is None else norm
    n = len(text)
    covered = bytearray(n)
    for s, e, _ in spans:
        covered[s:e] = b"\x01" * (e - s)
    out = []
    # Surname + polite title: a 1-char PER (or a bare common surname) followed by
    # 女士/先生/... is reported with the title, which is how news refers to people.
    for s, e, t in spans:
        if t == PERSON and e - s == 1 and text[e : e + 2] in TITLES:
            e += 2
            covered[s:e] = b"\x01" * (e - s)
        out.append((s, e, t))
    surn = gaz.surnames
    for title in TITLES:
        i = text.find(title, 1)
        while i > 0:
            j = i - 1
            if not covered[j] and text[j] in surn and (j == 0 or text[j - 1] in _TITLE_PREV_OK) and not covered[i]:
                out.append((j, i + 2, PERSON))
                covered[j : i + 2] = b"\x01" * (i + 2 - j)
            i = text.find(title, i + 2)
    # Unlabelled admin-division names carrying their level suffix are safe LOCs.
    places = gaz.admin
    for m in _ADMIN_END_RE.finditer(norm):
        end = m.end()
        for L in (4, 3):
            i = end - L
            if i < 0 or norm[i:end] not in places or any(covered[max(i - 1, 0) : end + 1]):
                continue
            out.append((i, end, PLACE))
            covered[i:end] = b"\x01" * L
            break
    out.sort()
    return out


@functools.cache
def default_tagger() -> NerTagger:
    return NerTagger.load()
