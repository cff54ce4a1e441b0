"""Deterministic Nx copies of a dump folder (the bench corpus) for `newswh bench-scale`. Pure: no Dagster.

Copy 0 is the source file as it is. Copy k >= 1 of a file keeps its name (in a folder `copy_kkk/`), its day
(a MANIFEST.tsv beside it), its number of records and each record's shape: the same number of paragraphs of about
the same length, the news lead (`央视网消息(新闻联播):`) kept, and a teaser stays a teaser (one line cut and ending in
`...`). Only the words change: each paragraph is refilled with whole sentences drawn from the source corpus, and
the title with another record's title, by a random generator seeded with (copy, file, record). So every record of
every copy is a different article (its own id and dedup hash) made of real sentences, which keeps tokens, entities
and topics realistic, while no two copies are near-duplicates of each other (a record with a marker only would
make every story a cluster of N copies and distort the story step at scale).

Added dumps (`add_dumps`) are copies numbered from ADD_COPY_BASE of the source's last files, dated on the days
after the corpus's last day, as a feed's next days would be.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MANIFEST = "MANIFEST.tsv"
SEPARATOR = "-"  # a line holding exactly this separates records (the raw dump format)
TEASER_END = "..."
ADD_COPY_BASE = 100_000  # copy numbers of added dumps: never one of the N copies of a scale
# A news lead ends at the first colon within the opening characters, before any full stop.
_LEAD = re.compile(r"^[^。:：]{2,30}[:：]")
# Whole sentences: text up to a sentence end, with the closing quote that may follow it.
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+[”」』\"]?")


@dataclass(frozen=True)
class SourceCorpus:
    """The files (sorted), their days (from the manifest), and the pools copies draw from."""

    files: list[Path]
    days: dict[str, str]
    sentences: list[str]
    titles: list[str]


def read_records(text: str) -> list[list[str]]:
    """Records as lists of lines (title first); empty records kept so the dump keeps its shape."""
    records: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line == SEPARATOR:
            records.append([])
        else:
            records[-1].append(line)
    return records


def write_records(records: list[list[str]]) -> str:
    return f"\n{SEPARATOR}\n".join("\n".join(lines) for lines in records)


def split_lead(paragraph: str) -> tuple[str, str]:
    match = _LEAD.match(paragraph)
    return (match.group(0), paragraph[match.end() :]) if match else ("", paragraph)


def load_source(folder: Path, limit: int | None = None) -> SourceCorpus:
    """The dump files of `folder` (sorted by name; the first `limit` when given) and their pools."""
    # Plain-text dumps only: the bench folder also holds its README.md and MANIFEST.tsv.
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".txt" and not p.name.startswith("."))
    files = files[:limit] if limit else files
    days = {}
    if (folder / MANIFEST).exists():
        with open(folder / MANIFEST, encoding="utf-8", newline="") as handle:
            days = {row["file"]: row["day"] for row in csv.DictReader(handle, delimiter="\t")}
    sentences: list[str] = []
    titles: list[str] = []
    for path in files:
        for lines in read_records(path.read_text(encoding="utf-8")):
            lines = [line for line in lines if line.strip()]
            if len(lines) < 2:
                continue
            titles.append(lines[0])
            for number, paragraph in enumerate(lines[1:]):
                body = split_lead(paragraph)[1] if number == 0 else paragraph
                if body.endswith(TEASER_END):  # a cut teaser: only its complete sentences are usable
                    body = body[: -len(TEASER_END)]
                sentences.extend(s.strip() for s in _SENTENCE.findall(body) if len(s.strip()) >= 4)
    if not sentences or not titles:
        raise ValueError(f"{folder}: no records with a title and a body to draw copies from")
    return SourceCorpus(files, days, sentences, titles)


def _refill(paragraph: str, lead: str, rng: random.Random, sentences: list[str]) -> str:
    """Whole drawn sentences up to the paragraph's length; a teaser is cut to its length and ends in `...`."""
    teaser = paragraph.endswith(TEASER_END)
    target = len(paragraph) - len(lead) - (len(TEASER_END) if teaser else 0)
    text = ""
    while len(text) < max(target, 1):
        text += sentences[rng.randrange(len(sentences))]
    if teaser:
        return lead + text[:target] + TEASER_END
    return lead + text


def copy_records(records: list[list[str]], copy_no: int, file_name: str, corpus: SourceCorpus) -> list[list[str]]:
    """Copy `copy_no` of one file's records (copy 0 is the file itself)."""
    if copy_no == 0:
        return records
    copied = []
    for record_no, lines in enumerate(records):
        if not any(line.strip() for line in lines):
            copied.append(lines)  # an empty record stays empty (the parser quarantines it either way)
            continue
        rng = random.Random(f"{copy_no}/{file_name}/{record_no}")  # str seeds hash the same in every process
        title = corpus.titles[rng.randrange(len(corpus.titles))]
        body = []
        for number, paragraph in enumerate(lines[1:]):
            if not paragraph.strip():
                body.append(paragraph)
                continue
            lead = split_lead(paragraph)[0] if number == 0 else ""
            body.append(_refill(paragraph, lead, rng, corpus.sentences))
        copied.append([title, *body])
    return copied


def _write_folder(folder: Path, rows: Iterable[tuple[str, str, str]]) -> list[Path]:
    """Write (file name, day, text) rows and their MANIFEST.tsv into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written, manifest = [], ["file\tday"]
    for name, day, text in rows:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if day:
            manifest.append(f"{name}\t{day}")
    (folder / MANIFEST).write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return written


def write_copy(corpus: SourceCorpus, copy_no: int, target: Path) -> list[Path]:
    """Copy `copy_no` of every source file into `target/copy_NNN/` (with its MANIFEST.tsv)."""

    def rows():
        for path in corpus.files:
            text = path.read_text(encoding="utf-8")
            if copy_no:
                text = write_records(copy_records(read_records(text), copy_no, path.name, corpus))
            yield path.name, corpus.days.get(path.name, ""), text

    return _write_folder(target / f"copy_{copy_no:03d}", rows())


def write_copies(corpus: SourceCorpus, copies: int, target: Path) -> list[Path]:
    """Copies 0 .. copies-1 of the corpus under `target` (one folder each)."""
    return [path for copy_no in range(copies) for path in write_copy(corpus, copy_no, target)]


def add_dumps(corpus: SourceCorpus, first: int, count: int, folder: Path) -> list[Path]:
    """`count` new dumps (numbers first .. first+count-1) in `folder`: copies of the source's last files, dated on
    the days after the corpus's last day, named `added_NNNNN.txt`."""
    known = sorted(corpus.days.values())
    last = date.fromisoformat(f"{known[-1][:4]}-{known[-1][4:6]}-{known[-1][6:8]}") if known else date(2020, 1, 1)

    def rows():
        for number in range(first, first + count):
            source = corpus.files[-1 - number % len(corpus.files)]
            copied = copy_records(
                read_records(source.read_text(encoding="utf-8")), ADD_COPY_BASE + number, source.name, corpus
            )
            day = last + timedelta(days=1 + number)
            yield f"added_{number:05d}.txt", day.strftime("%Y%m%d"), write_records(copied)

    return _write_folder(folder, rows())
