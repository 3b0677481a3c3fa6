"""Charts drawn at build time — bar charts as HTML rows and columns, the heatmap as
inline SVG: no script, no CDN, works offline and in print. Colours come from CSS classes (wenku.css) that use Material's
colour variables, so the charts follow the light/dark toggle.

Each chart is a <figure class="wk-chart"> holding the bars or the SVG (a title per
bar or cell as its tooltip), a caption, and the numbers as a table in a
<details> for readers who want the figures or use a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

FONT = 14  # px in SVG user units
MAX_LABEL = 150  # label column of the heatmap; longer labels are cut with … (full name on hover)
CELL = 40  # heatmap cell


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def text_width(text: str) -> float:
    """Approximate rendered width at FONT px: CJK and full-width characters 1 em, the rest 0.6 em."""
    return sum(FONT if ord(ch) > 0x2E7F else FONT * 0.6 for ch in text)


def fit(text: str, width: float) -> str:
    """`text` cut with … so that it fits in `width`."""
    if text_width(text) <= width:
        return text
    while text and text_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _svg(chart_id: str, title: str, width: float, height: float, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" role="img" aria-labelledby="{chart_id}-title">'
            f'<title id="{chart_id}-title">{escape(title)}</title>' + "".join(body) + "</svg>")


def _figure(chart_id: str, svg: str, caption: str, table: str, scroll: bool = False) -> str:
    css = "wk-chart wk-chart--scroll" if scroll else "wk-chart"
    return (f'<figure class="{css}" id="{chart_id}">\n<div class="wk-chart-canvas">{svg}</div>\n'
            f'<figcaption>{escape(caption)}</figcaption>\n'
            f'<details class="wk-data"><summary>查看数据</summary>{table}</details>\n</figure>')


def _table(header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


NO_DATA = '<p class="wk-empty">暂无数据。</p>'


def _share(value: int, most: int) -> str:
    return f"{100 * value / max(1, most):.1f}%"


def horizontal_bars(chart_id: str, title: str, bars: list[Bar], unit: str, caption: str) -> str:
    """One labelled bar per row, longest first as given; for themes and units. HTML, not SVG: the
    rows take the content's whole width and a long label wraps instead of being cut."""
    if not bars:
        return NO_DATA
    most = max(b.value for b in bars)
    rows = "".join(
        f'<div class="wk-hbar" title="{escape(b.label)}：{b.value} {unit}"><span class="wk-axis-label">{escape(b.label)}</span>'
        f'<span class="wk-hbar-track"><span class="wk-bar-rect" style="width: {_share(b.value, most)}"></span>'
        f'<span class="wk-value">{b.value}</span></span></div>' for b in bars)
    canvas = f'<div class="wk-hbars" role="img" aria-label="{escape(title)}">{rows}</div>'
    return _figure(chart_id, canvas, caption, _table(["", unit], [[b.label, b.value] for b in bars]))


def vertical_bars(chart_id: str, title: str, bars: list[Bar], unit: str, caption: str) -> str:
    """Columns left to right, e.g. reports per year, spread over the content's width; many columns scroll sideways."""
    if not bars:
        return NO_DATA
    most = max(b.value for b in bars)
    columns = "".join(
        f'<div class="wk-vbar" title="{escape(b.label)}：{b.value} {unit}"><span class="wk-vbar-track">'
        f'<span class="wk-value">{b.value}</span><span class="wk-bar-rect" style="height: {_share(b.value, most)}">'
        f'</span></span><span class="wk-axis-label">{escape(b.label)}</span></div>' for b in bars)
    canvas = f'<div class="wk-vbars" role="img" aria-label="{escape(title)}">{columns}</div>'
    return _figure(chart_id, canvas, caption, _table(["", unit], [[b.label, b.value] for b in bars]),
                   scroll=len(bars) > 12)


def heatmap(chart_id: str, title: str, rows: list[str], columns: list[str], counts: dict[tuple[str, str], int],
            totals: dict[str, int], caption: str) -> str:
    """Rows × columns of counts; a cell's shade is its count as a share of the column total
    (so a year with many reports does not outshine the others), its number the count itself."""
    if not rows or not columns:
        return NO_DATA
    label_width = min(MAX_LABEL, max(text_width(r) for r in rows)) + 8
    top = 24
    width, height = label_width + CELL * len(columns), top + CELL * len(rows)
    body = [f'<text class="wk-axis-label" x="{label_width + CELL * j + CELL / 2:.0f}" y="{top - 8}" '
            f'text-anchor="middle">{escape(fit(c, CELL - 2))}</text>' for j, c in enumerate(columns)]
    for i, row in enumerate(rows):
        y = top + CELL * i
        body.append(f'<text class="wk-axis-label" x="{label_width - 8:.0f}" y="{y + CELL / 2:.0f}" text-anchor="end" '
                    f'dominant-baseline="central"><title>{escape(row)}</title>{escape(fit(row, label_width - 8))}</text>')
        for j, column in enumerate(columns):
            body.append(_cell(row, column, counts.get((row, column), 0), totals.get(column, 0),
                              label_width + CELL * j, y))
    svg = _svg(chart_id, title, width, height, body)
    table = _table(["", *columns], [[row, *(counts.get((row, c), 0) for c in columns)] for row in rows])
    return _figure(chart_id, svg, caption, table, scroll=True)


def _cell(row: str, column: str, count: int, total: int, x: float, y: float) -> str:
    share = count / total if total else 0.0
    tip = f"<title>{escape(row)} · {escape(column)}：{count} 篇（占 {share:.0%}）</title>"
    if not count:
        return (f'<g class="wk-cell wk-cell--zero">{tip}<rect x="{x + 1:.0f}" y="{y + 1:.0f}" width="{CELL - 2}" '
                f'height="{CELL - 2}" rx="2"/></g>')
    strong = " wk-cell--strong" if share >= 0.5 else ""
    return (f'<g class="wk-cell{strong}">{tip}<rect x="{x + 1:.0f}" y="{y + 1:.0f}" width="{CELL - 2}" '
            f'height="{CELL - 2}" rx="2" fill-opacity="{0.15 + 0.85 * share:.2f}"/>'
            f'<text x="{x + CELL / 2:.0f}" y="{y + CELL / 2:.0f}" text-anchor="middle" '
            f'dominant-baseline="central">{count}</text></g>')
