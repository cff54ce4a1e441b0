"""One self-contained HTML page: plotly.js inlined once, figures as divs, tables escaped. No network at view time."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from pipelines.report.figures import FONT

STYLE = (
    """
body { font-family: %s;
       margin: 0 auto; max-width: 1280px; padding: 0 24px 48px; color: #1f2933; }
h1 { margin: 24px 0 4px; } h2 { margin-top: 36px; border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }
.meta { color: #52606d; } .note { color: #52606d; font-size: 0.9em; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9em; }
th, td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f4f8; } td.num { text-align: right; }
.figure { margin: 8px 0 16px; }
"""
    % FONT
)
# Uncaught errors are written into the page itself, so a reader (and the browser test) sees them.
ERROR_HOOK = """
window.__reportErrors = [];
window.addEventListener("error", function (event) {
  window.__reportErrors.push(String(event.message));
  var box = document.getElementById("report-errors");
  if (box) { box.textContent = window.__reportErrors.join("\\n"); box.hidden = false; }
});
"""


@dataclass
class Section:
    heading: str
    parts: list[str] = field(default_factory=list)

    def figure(self, fig: go.Figure) -> Section:
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            include_mathjax=False,
            config={"displaylogo": False, "responsive": True},
        )
        self.parts.append(f'<div class="figure">{div}</div>')
        return self

    def note(self, text: str) -> Section:
        self.parts.append(f'<p class="note">{html.escape(text)}</p>')
        return self

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]], empty: str) -> Section:
        if not rows:
            return self.note(empty)
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
        self.parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        return self


def _cell(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="num">{value:,}</td>'
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


def render_page(title: str, meta: str, sections: Sequence[Section]) -> str:
    contents = "".join(f'<li><a href="#s{i}">{html.escape(s.heading)}</a></li>' for i, s in enumerate(sections))
    body = "".join(
        f'<section id="s{i}"><h2>{html.escape(s.heading)}</h2>{"".join(s.parts)}</section>'
        for i, s in enumerate(sections)
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
        f"<script>{ERROR_HOOK}</script><script>{get_plotlyjs()}</script></head><body>"
        f'<h1>{html.escape(title)}</h1><p class="meta">{html.escape(meta)}</p>'
        '<pre id="report-errors" hidden></pre>'
        f"<ul>{contents}</ul>{body}</body></html>\n"
    )
