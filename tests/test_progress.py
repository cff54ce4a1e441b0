"""Progress display: plain lines when the output is not a terminal, a live display when it is."""

from __future__ import annotations

import io

from pipelines import progress
from pipelines.progress_display import PlainProgress, TerminalProgress, shown


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_at_start_at_most_every_interval_and_at_the_end() -> None:
    ticks = iter([0.0, 0.0, 4.0, 12.0, 13.0, 20.0])  # the display's start, then one per update
    out = io.StringIO()
    show = PlainProgress(out, every_s=10.0, clock=lambda: next(ticks))
    for done in (0, 1, 3, 4):
        show(progress.Update("entity_mentions", done * 1000, 5000, "articles"))
    show(progress.Update("entity_mentions", 5000, 5000, "articles"))
    assert out.getvalue().splitlines() == [
        "[0:00:00] entity_mentions: 0/5,000 articles (0%)",  # a task's first update
        # 4 s later: within the interval, no line; 12 s: 3,000 done in 12 s, 2,000 to go at that rate
        "[0:00:12] entity_mentions: 3,000/5,000 articles (60%), about 0:00:08 left",
        # 13 s: too soon after the last line; 20 s: the end is always said
        "[0:00:20] entity_mentions: 5,000/5,000 articles (100%), done in 0:00:20",
    ]


def test_a_detail_and_an_unknown_total_are_shown() -> None:
    out = io.StringIO()
    PlainProgress(out, clock=lambda: 0.0)(progress.Update("articles", 3, None, "files", "1,234 records"))
    assert out.getvalue() == "[0:00:00] articles: 3 files, 1,234 records\n"


def test_shown_writes_lines_when_not_a_terminal_and_nothing_after_the_block() -> None:
    out = io.StringIO()
    with shown(out):
        progress.report("dump files", 2, 4, "files")
    progress.report("dump files", 4, 4, "files")  # no listener any more
    assert out.getvalue() == "[0:00:00] dump files: 2/4 files (50%)\n"


def test_shown_draws_a_live_display_on_a_terminal() -> None:
    out = Terminal()
    with shown(out):
        progress.report("dump files", 3, 4, "files")
        progress.report("article_topics", 250, 1000, "articles")
    text = out.getvalue()
    assert "\x1b[" in text  # drawn with terminal control sequences, not log lines
    assert "dump files" in text and "3/4" in text and "article_topics" in text and "250/1000" in text
    assert "[0:00:00]" not in text


def test_a_finished_step_leaves_the_live_display() -> None:
    display = TerminalProgress(Terminal())
    try:
        display(progress.Update("dump files", 0, 2, "files"))
        display(progress.Update("search_index", 10, 10, "articles"))
        visible = [task.description for task in display.display.tasks if task.visible]
    finally:
        display.close()
    assert visible == ["dump files"]  # the overall bar stays; the current step's goes when it is done
