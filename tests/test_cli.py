"""The `newswh` command line: evaluation interfaces used from outside, migrate, summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipelines.cli import main


def test_eval_ner_prints_the_overall_line_last(tmp_path: Path, capsys) -> None:
    data = tmp_path / "ner.jsonl"
    rows = [
        {
            "text": "张伟在北京大学工作。",
            "entities": [
                {"start": 0, "end": 2, "type": "PER", "text": "张伟"},
                {"start": 3, "end": 7, "type": "ORG", "text": "北京大学"},
            ],
        },
        {"text": "他去了上海。", "entities": [{"start": 3, "end": 5, "type": "name", "text": "上海", "coarse": "LOC"}]},
    ]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["eval-ner", str(data)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"overall P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3}", lines[-1])
    assert any("chars/s" in line for line in lines)


def test_eval_topics_prints_macro_f1_last(tmp_path: Path, capsys) -> None:
    data = tmp_path / "topics.jsonl"
    rows = [
        {"title": "中央气象台发布高温橙色预警", "body": "多地最高气温超过40℃。", "labels": ["weather"]},
        {"title": "男子冒充客服诈骗老人 警方跨省抓获", "body": "", "labels": ["crime, law and justice"]},
        {"title": "国足热身赛2比0获胜", "body": "", "labels": ["sport"]},
    ]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["eval-topics", str(data)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"macro-F1=\d\.\d{3}", lines[-1])


def test_migrate_and_summary(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.sqlite"
    assert main(["migrate", "--warehouse", str(path)]) == 0
    assert "applied" in capsys.readouterr().out
    assert main(["migrate", "--warehouse", str(path)]) == 0
    assert "none pending" in capsys.readouterr().out
    assert main(["summary", "--warehouse", str(path)]) == 1  # nothing published yet: one clear line
    assert "nothing published" in capsys.readouterr().err
    assert main(["publish", "--warehouse", str(path)]) == 0
    assert "published" in capsys.readouterr().out
    assert main(["summary", "--warehouse", str(path)]) == 0
    assert "articles" in capsys.readouterr().out


def test_help_lists_every_command_on_one_line(capsys) -> None:
    from pipelines.cli import cli

    assert main(["--help"]) == 0
    listing = capsys.readouterr().out.split("Commands:\n", 1)[1].splitlines()
    # one line per command, its name first: no summary wrapped onto a second line
    assert [line.split()[0] for line in listing] == sorted(cli.commands)


def test_a_command_help_shows_its_settings_and_where_each_comes_from(capsys, monkeypatch) -> None:
    monkeypatch.setenv("REPORT_WINDOW_DAYS", "30")
    monkeypatch.delenv("REPORT_PATH", raising=False)
    assert main(["report", "--help"]) == 0
    shown = capsys.readouterr().out.split("Settings", 1)[1]
    assert re.search(r"REPORT_WINDOW_DAYS +30 \(set in the environment\)", shown)
    assert re.search(r"REPORT_PATH +\S+report\.html \(default\)", shown)


def test_a_usage_error_is_reported_with_exit_status_2(capsys) -> None:
    assert main(["demo", "--no-such-option"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_an_offline_tool_missing_from_an_installed_package_is_one_clear_error() -> None:
    import click

    from pipelines.cli_base import _offline

    # benchmarks/ and training/ are not in the wheel: the command says where it runs instead of a traceback
    with pytest.raises(click.ClickException, match="runs from a checkout of the repository"):
        _offline("training.not_in_this_install")
    assert _offline("training.metrics").precision_recall_f1(1, 2, 2) == (0.5, 0.5, 0.5)
