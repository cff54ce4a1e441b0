"""Wrong paths and wrong files on the command line: one clear line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.cli import main

NER_LINE = {"text": "张伟在北京。", "entities": [{"start": 0, "end": 2, "type": "PER"}]}
TOPICS_LINE = {"title": "国足热身赛2比0获胜", "body": "", "labels": ["sport"]}


def _write(path: Path, lines: list) -> Path:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("command", "content", "expected"),
    [
        ("eval-ner", None, "No such file"),  # missing file
        ("eval-ner", ["{not json"], "line 1: not JSON"),  # bad JSON
        ("eval-ner", [NER_LINE, "[1, 2]"], "line 2"),  # a line that is not an object
        ("eval-ner", [TOPICS_LINE], '"text"'),  # the topics format given to the NER scorer
        (
            "eval-ner",
            [{"text": "没有实体。", "entities": []}],
            "no record has any gold entity",
        ),  # would score all zeros
        ("eval-ner", [{"text": "张伟", "entities": [{"start": 0, "end": 9, "type": "PER"}]}], "outside the text"),
        ("eval-ner", [], "no records"),  # empty file
        ("eval-topics", None, "No such file"),  # missing file
        ("eval-topics", ["{not json"], "line 1: not JSON"),  # bad JSON
        ("eval-topics", [NER_LINE], '"labels"'),  # the NER format given to the topic scorer
        ("eval-topics", [{"title": "x", "labels": ["no such topic"]}], "nothing to score"),  # would score all zeros
        ("eval-topics", [{"title": "x", "labels": 3}], '"labels" must be'),  # wrong type
    ],
)
def test_eval_commands_reject_bad_input(tmp_path: Path, capsys, command: str, content, expected: str) -> None:
    path = tmp_path / "data.jsonl"
    if content is not None:
        _write(path, content)
    assert main([command, str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"newswh {command}: error:") and expected in lines[0]
    assert "Traceback" not in captured.err


def test_eval_ner_rejects_binary_input(tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["eval-ner", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_demo_on_a_missing_landing_folder_is_an_error(tmp_path: Path) -> None:
    # A real subprocess: exit status and stderr as a user sees them.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "demo",
            "--landing",
            str(tmp_path / "nonexistent"),
            "--warehouse",
            str(tmp_path / "w.duckdb"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"newswh demo: error: landing folder {tmp_path / 'nonexistent'} does not exist"
    assert not (tmp_path / "w.duckdb").exists()


def test_demo_on_a_file_instead_of_a_folder_is_an_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "f.txt").write_text("x")
    assert main(["demo", "--landing", str(tmp_path / "f.txt")]) == 2
    assert "is not a directory" in capsys.readouterr().err


def test_demo_on_an_empty_folder_warns(tmp_path: Path, capsys, monkeypatch) -> None:
    # An empty landing folder is a legitimate state (nothing arrived yet): a warning, then the usual run.
    import pipelines.tools.demo as demo

    monkeypatch.setattr(demo, "run_demo", lambda: 0)
    (tmp_path / "empty").mkdir()
    assert main(["demo", "--landing", str(tmp_path / "empty")]) == 0
    err = capsys.readouterr().err
    assert "warning: landing folder" in err and "holds no dump files" in err
