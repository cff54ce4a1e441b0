"""The analyst's side on a warehouse built from the bundled sample by a real sensor-driven Dagster ingest:
search kept by the pipeline, calendar views, summary, the SQL shell, the HTML report in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.sql_files import sql

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample" / "landing"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One ingest of the sample for the whole module (it is the slow part): (warehouse path, Dagster instance)."""
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.instance import temporary_instance
    from pipelines.orchestration.runner import ingest_landing

    base = tmp_path_factory.mktemp("analyst")
    shutil.copytree(SAMPLE, base / "landing")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANDING_DIR", str(base / "landing"))
        patch.setenv("WAREHOUSE_PATH", str(base / "news.duckdb"))
        patch.setenv("REPORT_PATH", str(base / "report.html"))
        with temporary_instance(base / "dagster_home") as instance:
            report = ingest_landing(build_definitions(), instance)
            assert not report.failed_runs and not report.check_failures
            yield base / "news.duckdb", instance


@pytest.fixture
def env(built, monkeypatch: pytest.MonkeyPatch) -> Path:
    path, _ = built
    monkeypatch.setenv("WAREHOUSE_PATH", str(path))
    monkeypatch.setenv("REPORT_PATH", str(path.parent / "report.html"))
    return path


def test_pipeline_keeps_the_search_index_and_the_report(built) -> None:
    path, instance = built
    with warehouse(path, read_only=True) as conn:
        articles, indexed = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM search_documents)"
        ).fetchone()
        assert articles == indexed > 0
        assert "台风" in conn.execute("SELECT title FROM search_articles('台风 福建') LIMIT 1").fetchone()[0]
    materialised = {key.to_user_string() for key in instance.get_asset_keys()}
    assert {"search_index", "search_index_compaction", "analyst_report"} <= materialised
    event = instance.get_latest_materialization_event(__import__("dagster").AssetKey("analyst_report"))
    report_path = Path(event.asset_materialization.metadata["path"].value)
    assert report_path == path.parent / "report.html" and report_path.stat().st_size > 1_000_000


def test_every_view_column_is_documented(env: Path) -> None:
    # DuckLake keeps no comments on view columns: column_docs shows the ones the migration runner stored.
    with warehouse(env, read_only=True) as conn:
        undocumented = conn.execute(
            "SELECT table_name, column_name FROM column_docs WHERE is_view AND (comment IS NULL OR comment = '')"
        ).fetchall()
        views = conn.execute("SELECT count(DISTINCT table_name) FROM column_docs WHERE is_view").fetchone()[0]
    assert undocumented == [] and views >= 15


def test_daily_views_have_a_calendar_and_roll_up(env: Path) -> None:
    with warehouse(env, read_only=True) as conn:
        first, last = conn.execute("SELECT min(published_on), max(published_on) FROM articles").fetchone()
        days = (last - first).days + 1
        for view in ("articles_daily", "topic_daily"):
            seen, total = conn.execute(f"SELECT count(DISTINCT day), sum(articles) FROM {view}").fetchone()
            assert seen == days, view  # every calendar day, including those without articles
        iptc = conn.execute("SELECT count(*) FROM topics WHERE taxonomy = 'iptc'").fetchone()[0]
        zero_rows = conn.execute("SELECT count(*) FROM topic_daily WHERE articles = 0").fetchone()[0]
        assert zero_rows >= days * iptc - conn.execute("SELECT count(*) FROM article_topics").fetchone()[0]
        assert zero_rows > 0
        for unit in ("weekly", "monthly"):  # the rollups keep every article
            for base in ("articles", "topic"):
                daily = conn.execute(f"SELECT sum(articles) FROM {base}_daily").fetchone()[0]
                assert conn.execute(f"SELECT sum(articles) FROM {base}_{unit}").fetchone()[0] == daily


def test_summary_counts_exactly_under_headers(env: Path, capsys) -> None:
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    with warehouse(env, read_only=True) as conn:
        for table in ("articles", "article_occurrences", "quarantine", "search_postings"):
            count = conn.execute(sql("reports/table_row_count"), {"table": table}).fetchone()[0]
            assert re.search(rf"^  {table}\s+{count:,}\s", out, re.M), table
    for header in (r"table\s+rows\s+what", r"type\s+name\s+mentions\s+articles", r"label\s+label_zh\s+articles"):
        assert re.search(header, out), header
    from pipelines.tools.summary import _width

    table_rows = [line for line in out.splitlines() if line.startswith("  ")]  # paths in the heading may be long
    assert table_rows and max(_width(line) for line in table_rows) <= 120  # issue 26: fits a 120-column terminal
    assert "…" in out  # the table descriptions were cut to fit, not wrapped


def test_analyst_commands_explain_a_missing_warehouse(tmp_path: Path, capsys) -> None:
    for command in (["summary"], ["sql", "-e", "SELECT 1"], ["search", "台风"], ["report"]):
        assert main([*command[:1], "--warehouse", str(tmp_path / "none.duckdb"), *command[1:]]) == 1
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "no warehouse at" in err and "make demo" in err


def test_piped_sql_prints_every_statement(env: Path) -> None:
    piped = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "newswh"), "sql"],
        input="SELECT count(*) AS n FROM articles; SELECT title FROM search_articles('台风') LIMIT 1;",
        capture_output=True,
        text=True,
        env={**os.environ, "WAREHOUSE_PATH": str(env)},
        timeout=60,
        check=True,
    )
    assert re.search(r"^\s+n\n", piped.stdout, re.M) and "台风" in piped.stdout
    assert piped.stdout.count("row") == 2


@pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="no tmux to drive Harlequin's terminal UI: `make browser` installs it (root apt-get)",
)
def test_harlequin_opens_the_warehouse_read_only(env: Path) -> None:
    """The interactive shell in a real terminal (tmux): it starts on our duckdb, runs a query, shows rows."""
    session = f"newswh-sql-{os.getpid()}"
    command = f"WAREHOUSE_PATH={env} {ROOT / '.venv' / 'bin' / 'newswh'} sql"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "45", command], check=True)
    try:
        screen = _wait_for(session, "Query Editor", 90)
        subprocess.run(["tmux", "send-keys", "-t", session, "SELECT 4242 + 1 AS answer", "C-j"], check=True)
        screen = _wait_for(session, "4243", 60)
        assert "Query Results" in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def _wait_for(session: str, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
        if text in screen:
            return screen
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared on the screen:\n{screen}")


def test_report_is_one_offline_file(env: Path, tmp_path: Path) -> None:
    from plotly.offline import get_plotlyjs

    out = tmp_path / "report.html"
    assert main(["report", "--out", str(out), "--days", "30"]) == 0
    page = out.read_text(encoding="utf-8")
    own_markup = page.replace(get_plotlyjs(), "")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", own_markup)  # nothing fetched
    # issue 26: plotly.js (4.8 MB) once, whatever the number of figures; the rest grows with the warehouse only
    # (86 KB measured on the sample: 4.9 MB in all).
    assert page.count(get_plotlyjs()) == 1 and page.count("plotly.js v") == 1
    assert len(own_markup.encode("utf-8")) < 200_000
    for heading in (
        "Attention to IPTC topics over time",
        "Top people, places and organisations (last 30 days)",
        "Places mentioned",
        "Sources and kinds of articles",
        "Stories carried most widely",
        "Most quoted people and organisations (last 30 days)",
        "Tone of the coverage of the most mentioned countries",
        "Largest story threads (begun in the last 30 days)",
        "What was quarantined or failed, and why",
    ):
        assert f"<h2>{heading}</h2>" in page
    with warehouse(env, read_only=True) as conn:
        reasons = [r[0] for r in conn.execute("SELECT DISTINCT reason FROM quarantine").fetchall()]
    assert reasons and all(f"<td>{reason}</td>" in page for reason in reasons)


def test_report_draws_in_chromium(env: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: `make browser` installs it from the OS packages (needs root apt-get)")
    out = tmp_path / "report.html"
    assert main(["report", "--out", str(out)]) == 0
    figures = out.read_text(encoding="utf-8").count('class="figure"')
    browser = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=15000",
            "--dump-dom",
            out.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = browser.stdout
    assert browser.returncode == 0, browser.stderr[-2000:]
    assert re.search(r'<pre id="report-errors" hidden=""></pre>', dom), "JavaScript errors in the report"
    assert dom.count("js-plotly-plot") >= figures >= 7  # plotly marks each plot it drew
    assert dom.count('class="main-svg"') >= figures


# Appended to a copy of the report by the test only: draws distinct Chinese characters in the font the page's body
# and a plotly title resolve to, and counts distinct bitmaps. Missing glyphs are all the same box (tofu), so one
# bitmap for six characters means boxes; real glyphs give six.
GLYPH_PROBE = """<script>
(function () {
  function distinct(family) {
    var canvas = document.createElement("canvas"); canvas.width = 48; canvas.height = 48;
    var ctx = canvas.getContext("2d"), seen = {};
    "新闻台风经济".split("").forEach(function (ch) {
      ctx.clearRect(0, 0, 48, 48); ctx.font = "36px " + family; ctx.fillText(ch, 4, 40);
      var data = ctx.getImageData(0, 0, 48, 48).data, hash = 0, ink = 0;
      for (var i = 3; i < data.length; i += 4) { hash = (hash * 31 + data[i]) >>> 0; ink += data[i] > 0; }
      seen[hash + ":" + ink] = 1;
    });
    return Object.keys(seen).length;
  }
  var title = Array.prototype.find.call(document.querySelectorAll("svg text"),
                                        function (el) { return /[\\u4e00-\\u9fff]/.test(el.textContent); });
  document.body.setAttribute("data-glyphs", JSON.stringify({
    body: distinct(getComputedStyle(document.body).fontFamily),
    plot: title ? distinct(getComputedStyle(title).fontFamily) : null}));
})();
</script>"""


def _glyphs(page: Path, profile: Path, env: dict | None = None) -> dict:
    import json

    browser = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=15000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert browser.returncode == 0, browser.stderr[-2000:]
    found = re.search(r'data-glyphs="([^"]*)"', browser.stdout)
    assert found, browser.stdout[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"'))


def test_report_draws_chinese_glyphs_not_boxes(env: Path, tmp_path: Path) -> None:
    # issue 26: the report names CJK font families (no font embedded); measured in Chromium, text and plot titles
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: `make browser` installs it from the OS packages (needs root apt-get)")
    if not subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip():
        pytest.skip("no CJK font on this machine: `make browser` installs one (fonts-wqy-zenhei, needs root apt-get)")
    out = tmp_path / "report.html"
    assert main(["report", "--out", str(out)]) == 0
    probed = tmp_path / "probed.html"
    probed.write_text(out.read_text(encoding="utf-8").replace("</body>", GLYPH_PROBE + "</body>"), encoding="utf-8")
    assert _glyphs(probed, tmp_path / "profile") == {"body": 6, "plot": 6}
    # The probe can fail: with fontconfig shown Latin fonts only, the same page draws six identical boxes.
    latin = tmp_path / "fonts.conf"
    latin.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'fontcache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    boxes = _glyphs(probed, tmp_path / "profile-latin", {**os.environ, "FONTCONFIG_FILE": str(latin)})
    assert boxes["body"] == 1, boxes


def test_dagster_ui_starts_without_the_onboarding_modal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dagster as dg

    from pipelines.config import from_environment
    from pipelines.orchestration.instance import write_dagster_yaml

    write_dagster_yaml(tmp_path, from_environment().with_overrides(writer_runs=2))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get() as instance:
        assert instance.nux_enabled is False and instance.telemetry_enabled is False
        # Two runs write the lake at once; a backfill's day runs go one at a time beside them.
        limits = instance.run_coordinator.get_run_queue_config().tag_concurrency_limits
        assert limits == [
            {"key": "newswh/warehouse", "limit": 2},
            {"key": "dagster/backfill", "limit": 1, "value": {"applyLimitPerUniqueValue": True}},
        ]
    from pipelines.definitions import build_definitions

    defs = build_definitions()
    assert all(
        defs.resolve_job_def(name).tags.get("newswh/warehouse") == "writer" for name in ("ingest_job", "corpus_job")
    )
