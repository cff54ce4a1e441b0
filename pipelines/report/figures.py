"""Plotly figures of the report, each built from the rows of one sql/reports/report_*.sql query.

The maps are bubble maps drawn on longitude/latitude axes from the geocoder's coordinates: plotly's geo
base maps fetch their outlines from a CDN at view time, which an offline report cannot do.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pipelines.extract.entity_types import ORGANISATION, PERSON, PLACE

# The report embeds no font (a CJK font is megabytes, and the ones a registry ships carry unclear licences): it names
# the CJK families each platform ships, so the text is drawn with the first one the opening machine has: Linux
# (Noto / Source Han, WenQuanYi, Droid), macOS and iOS (PingFang, Hiragino, Heiti), Windows (Microsoft YaHei,
# DengXian, SimHei, SimSun), Android (Noto). Latin-only families come last, so they never claim the Chinese text;
# the page's lang="zh" then steers the browser's own fallback. tests/test_analyst.py measures the glyphs drawn.
FONT = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", '
    '"PingFang SC", "Hiragino Sans GB", "Heiti SC", "Microsoft YaHei", "DengXian", "SimHei", "SimSun", '
    '"Droid Sans Fallback", "Helvetica Neue", Helvetica, Arial, sans-serif'
)
KIND_COLOURS = {"full": "#1f77b4", "teaser": "#ff7f0e", "brief": "#2ca02c"}
ENTITY_TYPES = ((PERSON, "People 人物"), (PLACE, "Places 地点"), (ORGANISATION, "Organisations 机构"))


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01},
        height=height,
        font={"family": FONT, "size": 12},
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        template="plotly_white",
    )
    return fig


def topic_attention(rows: Sequence[tuple], unit: str) -> go.Figure:
    """rows: (period, code, label, label_zh, articles). One line per IPTC topic; click the legend to isolate."""
    series: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for period, _code, label, label_zh, articles in rows:
        xs, ys = series[f"{label} {label_zh}"]
        xs.append(period)
        ys.append(articles)
    fig = go.Figure([go.Scatter(x=xs, y=ys, name=name, mode="lines") for name, (xs, ys) in series.items()])
    fig.update_yaxes(title=f"articles per {unit}")
    return _layout(fig, f"Attention to each IPTC topic (articles per {unit}; empty {unit}s are 0)", 520)


def topic_share_heatmap(rows: Sequence[tuple], unit: str) -> go.Figure:
    """The same rows as shares of each period's topic assignments: which topics dominated when."""
    periods = sorted({r[0] for r in rows})
    labels = sorted({f"{r[2]} {r[3]}" for r in rows})
    totals: dict = defaultdict(int)
    cells: dict = {}
    for period, _code, label, label_zh, articles in rows:
        totals[period] += articles
        cells[(f"{label} {label_zh}", period)] = articles
    z = [[(cells.get((label, p), 0) / totals[p]) if totals[p] else None for p in periods] for label in labels]
    fig = go.Figure(
        go.Heatmap(
            x=periods,
            y=labels,
            z=z,
            colorscale="Blues",
            colorbar={"title": "share"},
            hovertemplate="%{y}<br>%{x}: %{z:.1%}<extra></extra>",
        )
    )
    return _layout(fig, f"Share of each {unit}'s topic assignments", 520)


def country_tone(rows: Sequence[tuple], unit: str) -> go.Figure:
    """rows: (period, name, sentences, polarity). One line per country; hover shows the evidence (sentences)."""
    series: dict[str, tuple[list, list, list]] = defaultdict(lambda: ([], [], []))
    for period, name, sentences, polarity in rows:
        xs, ys, counts = series[name]
        xs.append(period)
        ys.append(polarity)
        counts.append(sentences)
    fig = go.Figure(
        [
            go.Scatter(
                x=xs,
                y=ys,
                name=name,
                mode="lines+markers",
                customdata=counts,
                hovertemplate="%{x}: polarity %{y:.2f} (%{customdata} sentences)<extra>" + name + "</extra>",
            )
            for name, (xs, ys, counts) in series.items()
        ]
    )
    fig.update_yaxes(title="polarity of the sentences mentioning it", range=[-1, 1])
    return _layout(fig, f"Tone of the coverage of the most mentioned countries (per {unit})", 460)


def top_entities(rows: Sequence[tuple], first_day, last_day) -> go.Figure:
    """rows: (type, name, mentions, articles). One horizontal bar chart per entity type."""
    fig = make_subplots(rows=1, cols=3, subplot_titles=[title for _, title in ENTITY_TYPES], horizontal_spacing=0.12)
    for col, (kind, _title) in enumerate(ENTITY_TYPES, start=1):
        picked = [r for r in rows if r[0] == kind][::-1]
        fig.add_trace(
            go.Bar(
                x=[r[2] for r in picked],
                y=[r[1] for r in picked],
                orientation="h",
                name=kind,
                customdata=[r[3] for r in picked],
                showlegend=False,
                hovertemplate="%{y}: %{x} mentions in %{customdata} articles<extra></extra>",
            ),
            row=1,
            col=col,
        )
    return _layout(
        fig,
        f"Most mentioned, {first_day} to {last_day} (dateline agency/reporter boilerplate left out)",
        max(360, 24 * max((sum(r[0] == k for r in rows) for k, _ in ENTITY_TYPES), default=0) + 120),
    )


def _bubble_sizes(values: Sequence[int], largest: float) -> list[float]:
    top = max(values, default=1) or 1
    return [max(4.0, largest * math.sqrt(v / top)) for v in values]


def bubble_map(
    rows: Sequence[tuple], title: str, x_range: tuple[float, float], y_range: tuple[float, float], labels: int
) -> go.Figure:
    """rows: (name, longitude, latitude, mentions). Bubble area ~ mentions; the `labels` largest are named."""
    names = [r[0] for r in rows]
    mentions = [r[3] for r in rows]
    fig = go.Figure(
        go.Scatter(
            x=[r[1] for r in rows],
            y=[r[2] for r in rows],
            mode="markers+text",
            text=[n if i < labels else "" for i, n in enumerate(names)],
            textposition="top center",
            marker={
                "size": _bubble_sizes(mentions, 60),
                "color": "rgba(214, 39, 40, 0.55)",
                "line": {"width": 1, "color": "#7f1d1d"},
            },
            customdata=list(zip(names, mentions)),
            hovertemplate="%{customdata[0]}: %{customdata[1]} mentions<extra></extra>",
        )
    )
    fig.update_xaxes(title="longitude", range=list(x_range), showgrid=True, zeroline=False)
    fig.update_yaxes(
        title="latitude", range=list(y_range), scaleanchor="x", scaleratio=1, showgrid=True, zeroline=False
    )
    return _layout(fig, title, 560)


def sources_and_kinds(rows: Sequence[tuple]) -> go.Figure:
    """rows: (source, kind, articles). Stacked bars per source, one colour per kind."""
    sources = list(dict.fromkeys(r[0] for r in rows))
    fig = go.Figure()
    for kind, colour in KIND_COLOURS.items():
        counts = {r[0]: r[2] for r in rows if r[1] == kind}
        fig.add_trace(
            go.Bar(
                y=sources[::-1],
                x=[counts.get(s, 0) for s in sources[::-1]],
                name=kind,
                orientation="h",
                marker_color=colour,
            )
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, "Articles by source and kind", max(320, 26 * len(sources) + 140))


def kinds_over_time(rows: Sequence[tuple], unit: str) -> go.Figure:
    """rows: (period, kind, articles). Stacked bars per period."""
    fig = go.Figure()
    for kind, colour in KIND_COLOURS.items():
        picked = [r for r in rows if r[1] == kind]
        fig.add_trace(go.Bar(x=[r[0] for r in picked], y=[r[2] for r in picked], name=kind, marker_color=colour))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=f"articles per {unit}")
    return _layout(fig, f"Articles per {unit} by kind (empty {unit}s are 0)", 380)


def quarantine_reasons(rows: Sequence[tuple]) -> go.Figure:
    """rows: (reason, records, example, example_text)."""
    fig = go.Figure(go.Bar(x=[r[0] for r in rows], y=[r[1] for r in rows], marker_color="#9467bd"))
    # Whole records: ticks on integers (plotly would label 0.2, 0.4, ... for small counts).
    fig.update_yaxes(title="records", dtick=max(1, math.ceil(max((r[1] for r in rows), default=1) / 5)))
    return _layout(fig, "Quarantined records by reason", 320)
