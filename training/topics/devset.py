"""A hand-labelled topic dev set of real CCTV 新闻联播 bench records, stored by reference only.

Purpose: fit the calibration of the six lexicon-only IPTC classes (no gold labels anywhere else) on one half, and
measure full-text accuracy on the other half. The labels live in `models/topics/dev/bench_iptc.tsv`; the text stays
in ../shared (text (c) CCTV), so every row is a reference: (file, record index, first 8 hex of sha1(title)).

Sampling (`draw`): the population is every record `train.load_bench` reads, split the same way. Stratum L holds the
records whose classifier raw score for any lexicon-only class is >= `L_THRESHOLD`; R holds all others. Each stratum
is put in a fixed-seed random order (sorted by sha1(seed | reference): a record's place does not depend on which
other records share its stratum) and the set is a prefix of each order, so weight = N_stratum / n_stratum.
The half ("calibration" / "evaluation") is a hash of the reference, so it never changes when rows are added.
Pure module: no Dagster.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipelines.package_files import models_dir
from pipelines.topics import taxonomy
from training.topics.evaluate import score_predictions

DEVSET_TSV = models_dir() / "topics" / "dev" / "bench_iptc.tsv"
COLUMNS = ("file", "record", "title_sha1_8", "stratum", "half", "primary", "labels", "note")
SAMPLER_VERSION = "devset-1"
SEED = "topicdev-20261127"
# The classes with no gold rows anywhere: scored by seed lexicons only, hence the oversampled stratum L.
LEXICON_ONLY = taxonomy.UNLABELLED_KEYS
L_THRESHOLD = 0.25
STRATA = ("L", "R")
HALVES = ("calibration", "evaluation")


class DevsetError(ValueError):
    """The dev-set TSV is malformed or a reference does not resolve against the bench (the message says which)."""


@dataclass(frozen=True)
class BenchRecord:
    file: str
    record: int  # index in the file's "\n-\n" split, counting skipped (empty-title) records too
    title: str
    body: str

    @property
    def title_sha1_8(self) -> str:
        return title_sha1_8(self.title)

    @property
    def ref(self) -> str:
        return reference(self.file, self.record, self.title_sha1_8)


@dataclass(frozen=True)
class DevRecord:
    file: str
    record: int
    title: str
    body: str
    primary: str  # IPTC short key (taxonomy.KEYS)
    labels: frozenset[str]  # short keys, primary included
    stratum: str
    half: str
    weight: float  # inverse inclusion probability N_stratum / n_stratum
    note: str = ""

    @property
    def full_text(self) -> bool:
        """The bench's first 4 records of a day carry the whole article; the others are ~230-char teasers."""
        return self.record < 4

    @property
    def codes(self) -> set[str]:
        return {taxonomy.BY_KEY[k].code for k in self.labels}


def title_sha1_8(title: str) -> str:
    return hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]


def reference(file: str, record: int, sha8: str) -> str:
    return f"{file}:{record}:{sha8}"


def order_key(ref: str, seed: str = SEED) -> str:
    return hashlib.sha1(f"{seed}|{ref}".encode()).hexdigest()


def half_of(ref: str) -> str:
    return HALVES[int(hashlib.sha1(f"half|{ref}".encode()).hexdigest()[:8], 16) % 2]


def iter_bench(bench_dir: Path) -> Iterator[BenchRecord]:
    """Every record exactly as `train.load_bench` reads it (sorted files, "\\n-\\n" split, empty titles skipped)."""
    for f in sorted(Path(bench_dir).glob("*.txt")):
        for i, rec in enumerate(f.read_text(encoding="utf-8").split("\n-\n")):
            title, _, body = rec.strip().partition("\n")
            if title and title != "-":
                yield BenchRecord(f.name, i, title, body.strip())


def stratum_flags(
    records: Sequence[BenchRecord], raw_scores: Callable[[list[tuple[str, str]]], np.ndarray], batch_size: int = 512
) -> list[bool]:
    """True where any lexicon-only class's raw score is >= L_THRESHOLD (stratum L)."""
    cols = [taxonomy.KEYS.index(k) for k in LEXICON_ONLY]
    flags: list[bool] = []
    for i in range(0, len(records), batch_size):
        raw = raw_scores([(r.title, r.body) for r in records[i : i + batch_size]])
        flags.extend(bool(x) for x in (raw[:, cols] >= L_THRESHOLD).any(axis=1))
    return flags


def draw(records: Sequence[BenchRecord], in_l: Sequence[bool], seed: str = SEED) -> dict[str, list[BenchRecord]]:
    """Each stratum's records in the fixed-seed random order; the dev set is a prefix of each list."""
    out: dict[str, list[BenchRecord]] = {"L": [], "R": []}
    for r, flag in zip(records, in_l, strict=True):
        out["L" if flag else "R"].append(r)
    return {s: sorted(rs, key=lambda r: order_key(r.ref, seed)) for s, rs in out.items()}


def draw_with_classifier(bench_dir: Path) -> tuple[dict[str, list[BenchRecord]], str]:
    """The orders under the shipped classifier, and its version (stored in the TSV header)."""
    from pipelines.topics.classifier import default_classifier

    clf = default_classifier()
    records = list(iter_bench(bench_dir))
    return draw(records, stratum_flags(records, clf.raw_scores)), clf.version


# ---- the TSV --------------------------------------------------------------------------------------------------------


def read_tsv(path: Path = DEVSET_TSV) -> tuple[dict[str, str], list[dict[str, str]]]:
    """(header key=value pairs from the leading `# ` lines, rows as dicts); DevsetError on any malformed line."""
    header: dict[str, str] = {}
    rows: list[dict[str, str]] = []
    columns: list[str] | None = None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            for pair in line[1:].split():
                k, sep, v = pair.partition("=")
                if not sep:
                    raise DevsetError(f"{path}:{number}: header item {pair!r} is not key=value")
                header[k] = v
            continue
        cells = line.split("\t")
        if columns is None:
            if tuple(cells) != COLUMNS:
                raise DevsetError(f"{path}:{number}: columns {cells} != {list(COLUMNS)}")
            columns = cells
            continue
        if len(cells) != len(COLUMNS):
            raise DevsetError(f"{path}:{number}: {len(cells)} cells, expected {len(COLUMNS)}")
        row = dict(zip(COLUMNS, cells))
        row["_line"] = str(number)
        rows.append(row)
    return header, rows


def validate(header: dict[str, str], rows: list[dict[str, str]]) -> None:
    """Every key known, primary among the labels, references unique, strata/halves/counts as the header says."""
    if header.get("sampler") != SAMPLER_VERSION:
        raise DevsetError(f"header sampler={header.get('sampler')!r}: this code reads {SAMPLER_VERSION} samples")
    for k in ("N_L", "N_R", "n_L", "n_R"):
        if not header.get(k, "").isdigit():
            raise DevsetError(f"header lacks a count {k}=<int>")
    seen: set[str] = set()
    for row in rows:
        where = f"line {row['_line']}"
        if not row["record"].isdigit() or len(row["title_sha1_8"]) != 8:
            raise DevsetError(f"{where}: bad reference {row['file']}:{row['record']}:{row['title_sha1_8']}")
        ref = reference(row["file"], int(row["record"]), row["title_sha1_8"])
        if ref in seen:
            raise DevsetError(f"{where}: duplicate reference {ref}")
        seen.add(ref)
        if row["stratum"] not in STRATA:
            raise DevsetError(f"{where}: stratum {row['stratum']!r} not in {STRATA}")
        if row["half"] != half_of(ref):
            raise DevsetError(f"{where}: half {row['half']!r} but the hash of {ref} gives {half_of(ref)!r}")
        labels = row["labels"].split(",")
        unknown = [k for k in [row["primary"], *labels] if k not in taxonomy.BY_KEY]
        if unknown:
            raise DevsetError(f"{where}: unknown IPTC key(s) {unknown}")
        if row["primary"] not in labels or len(set(labels)) != len(labels):
            raise DevsetError(f"{where}: labels {labels} must hold the primary {row['primary']!r} once, no repeats")
    for s in STRATA:
        n = sum(r["stratum"] == s for r in rows)
        if n != int(header[f"n_{s}"]) or n > int(header[f"N_{s}"]):
            raise DevsetError(f"stratum {s}: {n} rows, header says n_{s}={header[f'n_{s}']} N_{s}={header[f'N_{s}']}")


def load_devset(bench_dir: Path, path: Path = DEVSET_TSV) -> list[DevRecord]:
    """The labelled records with their text from the bench; DevsetError if a reference does not resolve."""
    header, rows = read_tsv(path)
    validate(header, rows)
    wanted = {(r["file"], int(r["record"])) for r in rows}
    found: dict[tuple[str, int], BenchRecord] = {}
    for name in sorted({f for f, _ in wanted}):
        if not (Path(bench_dir) / name).is_file():
            raise DevsetError(f"{name}: not in {bench_dir} (the dev set references the 2012-2016 bench)")
    for rec in iter_bench(Path(bench_dir)):
        if (rec.file, rec.record) in wanted:
            found[(rec.file, rec.record)] = rec
    weight = {s: int(header[f"N_{s}"]) / int(header[f"n_{s}"]) if int(header[f"n_{s}"]) else 0.0 for s in STRATA}
    out = []
    for row in rows:
        rec = found.get((row["file"], int(row["record"])))
        if rec is None:
            raise DevsetError(f"line {row['_line']}: {row['file']} has no record {row['record']} with a title")
        if rec.title_sha1_8 != row["title_sha1_8"]:
            raise DevsetError(
                f"line {row['_line']}: {row['file']} record {row['record']} has title hash "
                f"{rec.title_sha1_8}, the dev set expects {row['title_sha1_8']} (bench changed?)"
            )
        out.append(
            DevRecord(
                rec.file,
                rec.record,
                rec.title,
                rec.body,
                row["primary"],
                frozenset(row["labels"].split(",")),
                row["stratum"],
                row["half"],
                weight[row["stratum"]],
                row["note"],
            )
        )
    return out


# ---- scoring --------------------------------------------------------------------------------------------------------


def score_devset(records: Sequence[DevRecord], ranked: Sequence[Sequence[str]], k: int = 1) -> dict:
    """`evaluate.score_predictions` against the dev labels; `ranked` holds IPTC codes per record, best first.

    Unweighted: the set over-samples stratum L, so these figures describe the sample; `weighted_accuracy` gives the
    population estimate."""
    return score_predictions([r.codes for r in records], ranked, k=k)


def weighted_accuracy(records: Sequence[DevRecord], ranked: Sequence[Sequence[str]], k: int = 1) -> float:
    """Share of the bench population (inverse-probability weights) whose top-k holds a gold label."""
    hit = [any(c in r.codes for c in rk[:k]) for r, rk in zip(records, ranked, strict=True)]
    w = np.array([r.weight for r in records])
    return float((w * np.array(hit)).sum() / w.sum()) if len(records) else 0.0


def select(records: Iterable[DevRecord], half: str | None = None, full_text: bool | None = None) -> list[DevRecord]:
    return [r for r in records if (half is None or r.half == half) and (full_text is None or r.full_text == full_text)]


# ---- command line: print the draw (references) or the text to judge, never scores -----------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench_dir", type=Path)
    ap.add_argument("--order", type=Path, required=True, help="TSV of the draw (written once, then read)")
    ap.add_argument(
        "--show",
        default="",
        help="print title+body of order positions a:b of both strata, blind (no stratum, no score)",
    )
    ap.add_argument("--chars", type=int, default=1000)
    a = ap.parse_args(argv)
    if not a.order.exists():
        orders, version = draw_with_classifier(a.bench_dir)
        with a.order.open("w", encoding="utf-8") as fh:
            fh.write(f"# classifier={version} N_L={len(orders['L'])} N_R={len(orders['R'])}\n")
            for s in STRATA:
                for pos, r in enumerate(orders[s]):
                    fh.write(f"{s}\t{pos}\t{r.file}\t{r.record}\t{r.title_sha1_8}\n")
    if a.show:
        # blind: positions lo:hi of both strata, shuffled together, under an id that hides the stratum
        lo, hi = (int(x) for x in a.show.split(":"))
        by_ref = {(r.file, r.record): r for r in iter_bench(a.bench_dir)}
        shown = []
        for line in a.order.read_text(encoding="utf-8").splitlines()[1:]:
            _, pos, f, rec, _ = line.split("\t")
            if lo <= int(pos) < hi:
                shown.append((hashlib.md5(f"{f}:{rec}".encode()).hexdigest()[:6], by_ref[(f, int(rec))]))
        for blind_id, r in sorted(shown, key=lambda x: x[0]):
            sys.stdout.write(f"=== {blind_id} rec{r.record}\n{r.title}\n{r.body[: a.chars]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
