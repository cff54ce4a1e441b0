"""Issue 26, the first hour of a new user: landing paths refused before anything is recorded, clean resets,
one landing-sensor state for the daemon and `newswh ingest`, a warning before corpora mix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.ingest.landing import NotALandingFile, landing_key_of


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    landing = tmp_path / "landing"
    (landing / "2025" / "07").mkdir(parents=True)
    (landing / "2025" / "07" / "wire.txt").write_text("标题\n正文\n", encoding="utf-8")
    (landing / "top.txt").write_text("标题\n正文\n", encoding="utf-8")
    (landing / "100%.txt").write_text("标题\n正文\n", encoding="utf-8")
    (landing / "MANIFEST.tsv").write_text("file\tday\n", encoding="utf-8")
    (landing / "late.txt.part").write_text("标", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("标题\n正文\n", encoding="utf-8")
    return landing


@pytest.mark.parametrize(
    ("given", "key"),
    [
        ("top.txt", "top.txt"),  # a key: the path relative to the landing folder
        ("2025/07/wire.txt", "2025/07/wire.txt"),  # a key in a subfolder
        ("100%25.txt", "100%25.txt"),  # an escaped key names the file `100%.txt`
        ("landing/top.txt", "top.txt"),  # a path from the current directory into the landing folder
        ("landing/2025/../top.txt", "top.txt"),  # `..` that stays inside
    ],
)
def test_a_landing_file_is_named_by_key_or_by_path(folder: Path, monkeypatch: pytest.MonkeyPatch, given: str,
                                                   key: str) -> None:
    monkeypatch.chdir(folder.parent)
    assert landing_key_of(folder, given) == key


def test_an_absolute_path_inside_the_folder_is_a_key(folder: Path) -> None:
    # the operator pasted the file's full path
    assert landing_key_of(folder, str(folder / "2025" / "07" / "wire.txt")) == "2025/07/wire.txt"


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("nosuch.txt", "no such file in the landing folder"),  # missing
        ("landing/x.txt", "no such file in the landing folder"),  # a path into the folder, but no such file
        ("../outside.txt", "not inside the landing folder"),  # a key that climbs out of the folder
        ("outside.txt", "not inside the landing folder"),  # a file of the current directory, not of the folder
        ("2025", "a directory"),  # a subfolder
        ("landing", "not inside the landing folder"),  # the landing folder itself
        ("MANIFEST.tsv", "not a dump file"),  # the manifest the reference dates come from
        ("late.txt.part", "not a dump file"),  # a file still being written, by the landing rules
    ],
)
def test_what_is_not_a_dump_of_the_folder_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch, given: str,
                                                    reason: str) -> None:
    monkeypatch.chdir(folder.parent)
    with pytest.raises(NotALandingFile, match=reason):
        landing_key_of(folder, given)


@pytest.mark.parametrize("given", ["nosuch.txt", "../outside.txt", "2025", "/etc/hostname"])
def test_reload_refuses_a_bad_path_with_one_line_and_records_nothing(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, given: str
) -> None:
    monkeypatch.setenv("LANDING_DIR", str(folder))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "warehouse" / "news.sqlite"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    before = sorted(os.listdir(tmp_path))
    assert main(["reload", "top.txt", given]) == 2  # one good path does not let a bad one through
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newswh reload: error: ") and given in lines[0], captured.err
    assert captured.out == ""
    assert sorted(os.listdir(tmp_path)) == before  # no warehouse, no Dagster instance: nothing recorded
