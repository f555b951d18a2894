"""The offline HTML report: one self-contained file, charts and map drawn here as inline SVG (pure).

No script, style sheet, font, image or tile is fetched: everything is in the file. The map projects the
country outlines shipped in `tasks/core/data/countries_110m.geojson.gz` (Natural Earth, public domain)
equirectangularly. Each chart has its numbers in a table beside it. A small inline script only checks, once
the page has loaded, that every chart has drawn something and that the page made no request; it writes what
it found onto <body> (`data-*` attributes) for the headless-browser test and changes nothing else.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import html
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

OUTLINES = Path(__file__).resolve().parent / "data" / "countries_110m.geojson.gz"
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf")
MAP_W, MAP_H = 720, 360

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px}h2{font-size:17px;margin-top:32px;border-bottom:1px solid #ddd}
.pair{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}
td.n{text-align:right}.note{color:#666;font-size:12px}svg{background:#fafafa;border:1px solid #eee}
.land{fill:#e4e4e4;stroke:#aaa;stroke-width:.4}.pt{fill-opacity:.7;stroke:#333;stroke-width:.3}
"""

_CHECK = """
(function(){
  var errors = 0;
  window.addEventListener('error', function(){ errors += 1; }, true);
  window.addEventListener('load', function(){
    var b = document.body, drawn = 0, charts = document.querySelectorAll('svg.chart');
    charts.forEach(function(svg){
      var marks = svg.querySelectorAll('.mark'), box = svg.getBBox ? svg.getBBox() : {width: 0};
      if (marks.length && box.width > 0) { drawn += 1; }
    });
    var land = Array.prototype.filter.call(document.querySelectorAll('svg#map path.land'),
      function(p){ var r = p.getBBox(); return r.width > 0 || r.height > 0; });
    b.dataset.charts = String(charts.length);
    b.dataset.chartsDrawn = String(drawn);
    b.dataset.mapCountries = String(land.length);
    b.dataset.mapPoints = String(document.querySelectorAll('svg#map circle.pt').length);
    b.dataset.resources = String(performance.getEntriesByType('resource').length);
    b.dataset.errors = String(errors);
    b.dataset.rendered = 'yes';
  });
})();
"""


def _esc(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return html.escape(str(value))


def _table(columns: Sequence[str], rows: Sequence[Sequence[object]], limit: int = 50) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in columns)
    body = []
    for row in rows[:limit]:
        cells = "".join(
            f'<td class="n">{_esc(v)}</td>' if isinstance(v, int | float) else f"<td>{_esc(v)}</td>" for v in row
        )
        body.append(f"<tr>{cells}</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(columns)}">no rows</td></tr>')
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


# One colour per ACLED event type, the same in every chart and on the map; any other type: grey.
TYPE_COLORS = {
    "Battles": PALETTE[1],
    "Explosions/Remote violence": PALETTE[3],
    "Violence against civilians": PALETTE[4],
    "Protests": PALETTE[0],
    "Riots": PALETTE[6],
    "Strategic developments": PALETTE[2],
}


def _color(name: str, names: Sequence[str] = ()) -> str:
    return TYPE_COLORS.get(name, PALETTE[7])


def weekly_chart(rows: Sequence[Sequence[Any]]) -> str:
    """Stacked bars: events per week, one colour per event type."""
    weeks = sorted({r[0] for r in rows})
    types = sorted({r[1] for r in rows})
    if not weeks:
        return '<svg class="chart" id="weekly" width="360" height="60"><text x="10" y="30">no dated events</text></svg>'
    totals = {w: sum(r[2] for r in rows if r[0] == w) for w in weeks}
    top = max(totals.values())
    width, height, left, bottom = max(360, 40 + 28 * len(weeks)), 260, 40, 40
    bar = (width - left - 10) / len(weeks)
    scale = (height - bottom - 10) / top
    parts = [f'<svg class="chart" id="weekly" width="{width}" height="{height}" role="img">']
    parts.append(f'<text x="4" y="14" font-size="10">{top:,}</text>')
    for i, week in enumerate(weeks):
        y = height - bottom
        for etype in types:
            n = sum(r[2] for r in rows if r[0] == week and r[1] == etype)
            if not n:
                continue
            h = n * scale
            y -= h
            parts.append(
                f'<rect class="mark" x="{left + i * bar + 1:.1f}" y="{y:.1f}" width="{max(bar - 2, 1):.1f}"'
                f' height="{h:.1f}" fill="{_color(etype, types)}"><title>{_esc(week)} {_esc(etype)}: {n}</title></rect>'
            )
        if i % max(1, len(weeks) // 8) == 0:
            parts.append(f'<text x="{left + i * bar:.1f}" y="{height - bottom + 14}" font-size="9">{_esc(week)}</text>')
    parts.append("</svg>")
    legend = "".join(
        f'<span style="margin-right:12px"><span style="display:inline-block;width:9px;height:9px;'
        f'background:{_color(t, types)}"></span> {_esc(t)}</span>'
        for t in types
    )
    return "".join(parts) + f'<div class="note">{legend}</div>'


def bar_chart(chart_id: str, labels: Sequence[str], values: Sequence[float]) -> str:
    """Horizontal bars, largest first."""
    if not labels:
        return f'<svg class="chart" id="{chart_id}" width="360" height="60"><text x="10" y="30">no data</text></svg>'
    top = max(values) or 1
    row, left, width = 18, 150, 480
    height = row * len(labels) + 10
    parts = [f'<svg class="chart" id="{chart_id}" width="{width}" height="{height}" role="img">']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        w = max(1.0, (width - left - 60) * value / top)
        y = 5 + i * row
        parts.append(
            f'<text x="{left - 4}" y="{y + 12}" font-size="11" text-anchor="end">{_esc(label)[:24]}</text>'
            f'<rect class="mark" x="{left}" y="{y}" width="{w:.1f}" height="{row - 4}" fill="{PALETTE[0]}">'
            f"<title>{_esc(label)}: {_esc(value)}</title></rect>"
            f'<text x="{left + w + 4:.1f}" y="{y + 12}" font-size="10">{_esc(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180.0) * MAP_W / 360.0, (90.0 - lat) * MAP_H / 180.0


@functools.cache
def country_paths() -> tuple[str, ...]:
    """One SVG path per country of the shipped outlines."""
    collection = json.loads(gzip.decompress(OUTLINES.read_bytes()))
    out = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        d = []
        for polygon in polygons:
            for ring in polygon:
                pts = [_project(lon, lat) for lon, lat in ring]
                d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        out.append(f'<path class="land" d="{"".join(d)}"><title>{_esc(feature["properties"]["name"])}</title></path>')
    return tuple(out)


def event_map(points: Sequence[Sequence[Any]]) -> str:
    """Points (lon, lat, event_type, place, n_documents, killed) over the country outlines."""
    types = sorted({p[2] for p in points})
    parts = [f'<svg class="chart" id="map" width="{MAP_W}" height="{MAP_H}" viewBox="0 0 {MAP_W} {MAP_H}" role="img">']
    parts.extend(country_paths())
    for lon, lat, etype, place, n_docs, killed in points:
        x, y = _project(float(lon), float(lat))
        r = 2.0 + 1.5 * math.sqrt(max(1, n_docs or 1))
        tip = f"{_esc(place)}: {_esc(etype)}, {n_docs} report(s)" + (f", {killed} killed" if killed is not None else "")
        parts.append(
            f'<circle class="pt mark" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{_color(etype, types)}">'
            f"<title>{tip}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _section(title: str, chart: str, table: str, note: str = "") -> str:
    note_html = f'<p class="note">{note}</p>' if note else ""
    return f'<h2>{_esc(title)}</h2>{note_html}<div class="pair"><div>{chart}</div><div>{table}</div></div>'


def render_report(data: dict[str, dict[str, Any]], *, generated_at: dt.datetime | None = None) -> str:
    """The whole report as one HTML string."""
    when = (generated_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    totals = dict(zip(data["totals"]["columns"], data["totals"]["rows"][0], strict=True))
    weekly, fatal, places, points = data["weekly"], data["fatalities"], data["places"], data["points"]
    left_out = max(0, totals["located"] - len(points["rows"]))
    sections = [
        _section("Events per week, by type", weekly_chart(weekly["rows"]), _table(weekly["columns"], weekly["rows"])),
        _section(
            "Fatalities by country",
            bar_chart("fatalities", [r[0] for r in fatal["rows"]], [r[1] for r in fatal["rows"]]),
            _table(fatal["columns"], fatal["rows"]),
            "killed_best summed over events (see event_records for the reconciliation rule).",
        ),
        _section(
            "Top places",
            bar_chart("places", [r[0] for r in places["rows"]], [r[3] for r in places["rows"]]),
            _table(places["columns"], places["rows"]),
        ),
        _section(
            "Map of events",
            event_map(points["rows"]),
            _table(points["columns"], points["rows"], limit=25),
            f"{len(points['rows']):,} located events drawn (most reported first)"
            + (f"; {left_out:,} more left out" if left_out else "")
            + ". Country outlines: Natural Earth 1:110m (public domain).",
        ),
        _section("Sources", "", _table(data["sources"]["columns"], data["sources"]["rows"])),
        _section("Feed health", "", _table(data["feeds"]["columns"], data["feeds"]["rows"])),
        _section("Run history", "", _table(data["runs"]["columns"], data["runs"]["rows"])),
    ]
    summary = (
        f"{totals['documents']:,} documents, {totals['events']:,} events (same-event clusters),"
        f" {totals['near_duplicates']:,} near-duplicates. Generated {when}."
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
        " script-src 'unsafe-inline'; img-src data:\">"
        f"<title>wirehouse report</title><style>{_STYLE}</style><script>{_CHECK}</script></head>"
        f"<body><h1>wirehouse report</h1><p>{summary}</p>{''.join(sections)}</body></html>\n"
    )
