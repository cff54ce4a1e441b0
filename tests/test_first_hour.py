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
def test_a_landing_file_is_named_by_key_or_by_path(
    folder: Path, monkeypatch: pytest.MonkeyPatch, given: str, key: str
) -> None:
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
def test_what_is_not_a_dump_of_the_folder_is_refused(
    folder: Path, monkeypatch: pytest.MonkeyPatch, given: str, reason: str
) -> None:
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


def _daemon_tick(home: Path, cursor: str | None = None):
    """One tick of the landing sensor as `make dev`'s daemon runs it: its own cursor (Dagster's instigator state,
    not `newswh ingest`'s file), the same DAGSTER_HOME and warehouse."""
    import dagster as dg

    from pipelines.definitions import build_definitions

    defs = build_definitions()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        context = dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs, resources=defs.resources)
        return defs.resolve_sensor_def("landing_sensor")(context)


def _handed(result) -> list[str]:
    return [key for request in result.run_requests for key in request.run_config["ops"]["articles"]["config"]["files"]]


def test_a_file_ingest_loaded_is_not_loaded_again_by_the_daemon(
    tmp_path: Path, landing: Path, warehouse_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.tools.ingest import ingest_once

    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    assert ingest_once().files_registered == 4  # `make ingest` loads the sample
    first = _daemon_tick(home)  # the daemon's first look: the files are settled, and loaded already
    assert _handed(first) == [] and "4 already loaded" in first.skip_reason.skip_message
    second = _daemon_tick(home, first.cursor)
    assert _handed(second) == []  # nor at the next
    dropped = landing / "2025-07-22_dropped.txt"  # a newly dropped dump goes through at once, alone
    dropped.write_text("新闻标题\n新闻正文。\n", encoding="utf-8")
    rewritten = landing / "2025-07-20_bom.txt"  # and a file rewritten since ingest loaded it is loaded again
    rewritten.write_text("改写后的标题\n改写后的正文。\n", encoding="utf-8")
    assert _handed(_daemon_tick(home, second.cursor)) == sorted([dropped.name, rewritten.name])


def test_ingest_after_the_demo_finds_nothing_new(
    tmp_path: Path, landing: Path, warehouse_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    assert main(["demo"]) == 0  # the demo's throwaway Dagster instance loads the sample
    capsys.readouterr()
    assert main(["ingest"]) == 0
    # No dump is loaded again; the new instance owes the corpus job's daily refresh once (it never ran there).
    assert "files registered: 0" in capsys.readouterr().out
    assert main(["ingest"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("nothing new")


def test_clean_warehouse_resets_the_warehouse_and_the_state_that_would_skip_a_reload(
    tmp_path: Path, landing: Path, warehouse_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from pipelines.tools.ingest import ingest_once

    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    assert ingest_once().files_registered == 4
    report = warehouse_path.parent / "report.html"  # the warehouse's report, beside it
    monkeypatch.setenv("REPORT_PATH", str(report))
    assert main(["report"]) == 0
    old = warehouse_path.with_suffix(".duckdb")  # a warehouse file of the previous version
    old.write_bytes(b"old")
    capsys.readouterr()

    assert main(["clean-warehouse"]) == 0
    said = capsys.readouterr().out.splitlines()
    left = sorted(
        str(p.relative_to(tmp_path))
        for p in tmp_path.rglob("*")
        if p.is_file() and tmp_path / "landing" not in p.parents
    )
    # Only the operator's Dagster settings and the lock file are left, and the report the first ingest wrote to the
    # fixture's REPORT_PATH outside the warehouse's folder (a report kept elsewhere is the operator's); every
    # removal is said.
    assert left == ["dagster_home/dagster.yaml", "dagster_home/newswh_ingest.lock", "report.html"], left
    for gone in (
        warehouse_path,
        warehouse_path.parent / "test.files",
        report,
        old,
        home / "history",
        home / "schedules",
        home / "storage",
        home / "newswh_sensor_cursors.json",
    ):
        assert f"removed {gone}" in said, (gone, said)
    assert ingest_once().files_registered == 4  # the next ingest loads the landing folder afresh
    assert main(["clean-warehouse"]) == 0 and main(["clean-warehouse"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("nothing to remove")


def test_demo_says_before_loading_that_it_adds_to_a_warehouse_of_another_folder(
    tmp_path: Path, landing: Path, warehouse_path: Path, invented_dump: Path, capsys
) -> None:
    assert main(["demo"]) == 0
    assert "note:" not in capsys.readouterr().out  # the folder the warehouse was built from: nothing to say
    other = tmp_path / "other"
    other.mkdir()
    (other / invented_dump.name).write_bytes(invented_dump.read_bytes())
    assert main(["demo", "--landing", str(other)]) == 0
    out = capsys.readouterr().out
    note = out.index("note: the warehouse already holds 4 dump(s) from " + str(landing))
    assert note < out.index("sensor registered")  # said before loading
    assert "make clean-warehouse" in out and "WAREHOUSE_PATH=" in out


@pytest.mark.parametrize(
    "change",
    [
        lambda base: (base / "warehouse" / "report.html").write_text("<html>other</html>"),  # rewritten, same size
        lambda base: (base / "warehouse" / "new.sqlite").write_bytes(b""),  # an empty file created
        lambda base: (base / "landing" / "a.txt").unlink(),  # a file removed
        lambda base: (base / ".dagster_home").mkdir(),  # a folder created
    ],
)
def test_the_checkout_guard_sees_every_kind_of_change(tmp_path: Path, change) -> None:
    from tests.conftest import fingerprint

    (tmp_path / "warehouse").mkdir()
    (tmp_path / "warehouse" / "report.html").write_text("<html>mine!</html>")
    os.utime(tmp_path / "warehouse" / "report.html", ns=(1, 1))  # an old file, as a user's would be
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "a.txt").write_text("x")
    folders = [tmp_path / "warehouse", tmp_path / "landing", tmp_path / ".dagster_home"]
    before = fingerprint(folders, tmp_path)
    assert fingerprint(folders, tmp_path) == before  # looking changes nothing
    change(tmp_path)
    assert fingerprint(folders, tmp_path) != before


@pytest.mark.parametrize(
    ("rows", "max_width"),
    [
        ([("articles", 1234, "One row per article " * 20)], 120),  # a long description: cut to fit
        ([("文章", 5, "一篇文章一行，" * 30)], 120),  # CJK counts two columns: cut on a whole character
        ([("a", 1, "short")], 120),  # already fits: unchanged
        ([("x" * 70, 1, "y" * 70)], 60),  # two wide text columns: both narrowed, the number kept whole
    ],
)
def test_summary_tables_fit_the_terminal(rows, max_width: int) -> None:
    from pipelines.tools.summary import _width, table_lines

    lines = table_lines(("table", "rows", "what"), rows, max_width=max_width)
    assert all(_width(line) <= max_width for line in lines), lines
    assert f"{rows[0][1]:,}" in lines[2]  # numbers are never cut
    unlimited = table_lines(("table", "rows", "what"), rows)
    assert (lines == unlimited) == (max(_width(line) for line in unlimited) <= max_width)
