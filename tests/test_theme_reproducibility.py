"""Discovered themes are a function of the dumps loaded: not of the file order, nor of the process that loaded them.

Python seeds its string hashes per process (PYTHONHASHSEED), so any set of strings iterated in its own order leaks
into the results of that process only; these tests therefore load in separate processes with different seeds.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipelines.warehouse.connection import warehouse

ROOT = Path(__file__).resolve().parents[1]

# Two names of the same length that overlap in 十二届全国人大常委会: which of them claims that text used to follow
# the hash-seeded order of a set (an article of the bench, 2013-03-13, counted 全国人大常委会 2 or 3 times).
OVERLAP_TITLE = "十二届全国人大常委会举行会议"
OVERLAP_BODY = "十二届全国人大一次会议闭幕。全国人大常委会委员长主持会议。十二届全国人大常委会第一次会议在北京举行。"

TOKENIZE = """
import json, sys
from pipelines.topics.assign import tokenize_article
title, body = sys.argv[1], sys.argv[2]
text = title + "\\n" + body
spans = [(text.find(n, len(title) + 1), text.find(n, len(title) + 1) + len(n)) for n in ("十二届全国人大", "全国人大常委会")]
print(json.dumps(tokenize_article(title, body, spans), ensure_ascii=False))
"""


def _tokenised_in_process(hash_seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    done = subprocess.run(
        [sys.executable, "-c", TOKENIZE, OVERLAP_TITLE, OVERLAP_BODY],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_overlapping_names_are_tokenised_alike_in_every_process() -> None:
    # six seeds: before the fix, two of them gave the other count (measured on the code of 7042c5f)
    outputs = {_tokenised_in_process(seed) for seed in range(1, 7)}
    assert len(outputs) == 1, outputs


def _landing(bench: Path, folder: Path, month: str, reverse_names: bool) -> Path:
    """The bench dumps of one month with their days; reversed: under names that sort in the opposite order."""
    with open(bench / "MANIFEST.tsv", encoding="utf-8") as listing:
        rows = [r for r in csv.DictReader(listing, delimiter="\t") if r["day"].startswith(month)]
    n = len(rows)
    folder.mkdir(parents=True)
    with open(folder / "MANIFEST.tsv", "w", encoding="utf-8") as manifest:
        manifest.write("file\tday\n")
        for i, row in enumerate(rows):
            name = f"r{n - 1 - i:05d}_{row['file']}" if reverse_names else row["file"]
            shutil.copy2(bench / row["file"], folder / name)
            manifest.write(f"{name}\t{row['day']}\n")
    return folder


def _load(landing: Path, warehouse_file: Path, hash_seed: int) -> None:
    env = {
        **os.environ,
        "PYTHONHASHSEED": str(hash_seed),
        "LANDING_SETTLE_S": "0",
        "REPORT_PATH": str(warehouse_file.with_name("report.html")),
    }
    subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "demo", "--landing", str(landing), "--warehouse", str(warehouse_file)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=True,
    )


def _theme_state(warehouse_file: Path) -> dict[str, list[tuple]]:
    with warehouse(warehouse_file, read_only=True) as conn:
        return {
            "runs": conn.execute(
                "SELECT model_version, corpus_articles, sample_articles, n_themes FROM theme_runs ORDER BY run_no"
            ).fetchall(),
            "assignments": conn.execute(
                "SELECT article_id, topic_id, score, rank FROM article_topics"
                " WHERE topic_id NOT LIKE 'iptc:%' ORDER BY ALL"
            ).fetchall(),
            "terms": conn.execute("SELECT article_id, terms, counts FROM article_terms ORDER BY article_id").fetchall(),
            "labels": conn.execute(
                "SELECT topic_id, label_zh FROM topics WHERE taxonomy = 'discovered' ORDER BY ALL"
            ).fetchall(),
        }


def test_two_fresh_loads_in_opposite_file_orders_give_the_same_theme_model(bench_dir: Path, tmp_path: Path) -> None:
    # March 2013 (31 dumps, the National People's Congress): many overlapping names of institutions and sessions,
    # which is where the hash-seeded order showed; a load takes seconds
    first, second = tmp_path / "first" / "news.sqlite", tmp_path / "second" / "news.sqlite"
    _load(_landing(bench_dir, tmp_path / "landing_a", "201303", reverse_names=False), first, hash_seed=1)
    _load(_landing(bench_dir, tmp_path / "landing_b", "201303", reverse_names=True), second, hash_seed=2)
    a, b = _theme_state(first), _theme_state(second)
    assert a["runs"] and a["assignments"]  # a model was fitted and themed articles
    assert a["terms"] == b["terms"]
    assert a["runs"] == b["runs"]
    assert a["labels"] == b["labels"]
    assert a["assignments"] == b["assignments"]
