"""Plots as inline SVG, written in Python with every string escaped: a Gantt of posts held, a timeline of events
at their precision, and events per month per country pair.

No plotting library: the SVG is small, deterministic and works offline in any browser (and in Markdown
viewers that show images). Text from the data goes through ``esc`` (XML escaping) and nowhere else.

>>> from datetime import date
>>> svg = timeline([("<b>Talks</b>", "Meeting", date(2025, 2, 6), date(2025, 2, 6)),
...                 ("A visit", "Visit", date(2025, 1, 1), date(2025, 1, 31))])
>>> svg.startswith("<svg") and "&lt;b&gt;Talks&lt;/b&gt;" in svg and "<b>" not in svg
True
>>> per_month({"Iran – Iraq": {"2025-01": 2, "2025-02…": 1}}).count("<rect")
4
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date, timedelta

WIDTH = 920
LEFT = 310
RIGHT = 24
ROW = 22
COLORS = {"Meeting": "#e15759", "Talks": "#e15759", "Visit": "#b07aa1", "Arrival": "#b07aa1",
          "Conference": "#ff9da7", "post": "#4e79a7", "acting": "#a0cbe8"}
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def esc(text: object) -> str:
    """Text for SVG: ``&``, ``<``, ``>`` and quotes escaped.

    >>> esc('a<b & "c"')
    'a&lt;b &amp; &quot;c&quot;'
    """
    return html.escape(str(text), quote=True)


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class Axis:
    """Days -> x, with ticks chosen for the span (weeks, months or years)."""

    def __init__(self, lo: date, hi: date, left: int = LEFT, right: int = WIDTH - RIGHT):
        pad = max(2, (hi - lo).days // 20)
        self.lo, self.hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
        self.left, self.right = left, right

    def x(self, d: date) -> float:
        span = max(1, (self.hi - self.lo).days)
        return round(self.left + (self.right - self.left) * (d - self.lo).days / span, 1)

    def ticks(self) -> list[tuple[date, str]]:
        days = (self.hi - self.lo).days
        out = []
        if days <= 70:
            d = self.lo
            while d <= self.hi:
                out.append((d, f"{d:%d %b}"))
                d += timedelta(days=7 if days > 20 else 2 if days > 8 else 1)
        elif days <= 3 * 366:
            step = 1 if days <= 400 else 3
            y, m = self.lo.year, self.lo.month
            while date(y, m, 1) <= self.hi:
                first = date(y, m, 1)
                if first >= self.lo:
                    out.append((first, f"{first:%b %Y}" if m == 1 or not out else f"{first:%b}"))
                m += step
                y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        else:
            step = max(1, days // 3650)
            for y in range(self.lo.year + 1, self.hi.year + 1, step):
                out.append((date(y, 1, 1), str(y)))
        return out

    def draw(self, top: int, bottom: int) -> list[str]:
        parts = []
        for d, label in self.ticks():
            x = self.x(d)
            parts.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#e4e7eb"/>')
            parts.append(f'<text x="{x}" y="{bottom + 14}" font-size="11" fill="#52606d" text-anchor="middle" '
                         f'{FONT}>{esc(label)}</text>')
        return parts


def _svg(height: int, body: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}" role="img" aria-label="{esc(title)}"><title>{esc(title)}</title>'
            + "".join(body) + "</svg>")


def timeline(events: Iterable[tuple[str, str, date | None, date | None]], title: str = "Events in time") -> str:
    """Events as (label, class, earliest, latest): a day is a dot, a longer span a bar between its bounds.

    Events with no bound at all cannot be placed: they are counted under the plot.
    """
    items = list(events)
    placed = [(lb, c, lo or hi, hi or lo, lo is not None and hi is not None) for lb, c, lo, hi in items
              if lo or hi]
    unknown = len(items) - len(placed)
    if not placed:
        return _svg(40, [f'<text x="10" y="24" font-size="13" {FONT}>No event of this page has a known date'
                         f'{esc(f" ({unknown} undated)") if unknown else ""}.</text>'], title)
    axis = Axis(min(p[2] for p in placed), max(p[3] for p in placed))
    top, body = 8, []
    bottom = top + ROW * len(placed)
    body += axis.draw(top, bottom)
    for i, (label, cls, lo, hi, bounded) in enumerate(placed):
        y = top + ROW * i + ROW // 2
        color = COLORS.get(cls, "#e15759")
        body.append(f'<text x="{LEFT - 8}" y="{y + 4}" font-size="12" text-anchor="end" fill="#1f2933" '
                    f'{FONT}>{esc(_clip(label))}</text>')
        tip = f"{label}: {lo}" if lo == hi else f"{label}: between {lo} and {hi}"
        if lo == hi and bounded:
            body.append(f'<circle cx="{axis.x(lo)}" cy="{y}" r="5" fill="{color}" stroke="#3e4c59">'
                        f'<title>{esc(tip)}</title></circle>')
        else:
            x1, x2 = axis.x(lo), axis.x(hi + timedelta(days=1))
            dash = "" if bounded else ' stroke-dasharray="3 2"'
            body.append(f'<rect x="{x1}" y="{y - 5}" width="{max(2.0, round(x2 - x1, 1))}" height="10" rx="3" '
                        f'fill="{color}" fill-opacity="0.35" stroke="{color}"{dash}><title>{esc(tip)}</title></rect>')
    note = (f'<text x="10" y="{bottom + 32}" font-size="11" fill="#52606d" {FONT}>A dot: known to the day. A bar: '
            f'somewhere between its bounds (a month, or an unknown day).'
            f'{esc(f" {unknown} undated event(s) not drawn.") if unknown else ""}</text>')
    return _svg(bottom + 42, [*body, note], title)


def gantt(rows: Iterable[tuple[str, date | None, date | None, list[date], str]], title: str = "Posts held") -> str:
    """Posts as (label, start, end, attested days, how): ``how`` is "held", "started", "ended" or "acting".

    A post known from its start and end is a bar; attested on a day only, a diamond on that day; started with
    no end known, a bar that fades out to the right (and ended with no start, one that fades in).
    """
    items = list(rows)
    days = [d for _, s, e, att, _ in items for d in (s, e, *att) if d]
    if not days:
        return _svg(40, [f'<text x="10" y="24" font-size="13" {FONT}>No post on this page has a known date.</text>'],
                    title)
    axis = Axis(min(days), max(days))
    top, body = 8, ['<defs><linearGradient id="fade-r"><stop offset="0" stop-color="#4e79a7"/>'
                    '<stop offset="1" stop-color="#4e79a7" stop-opacity="0"/></linearGradient>'
                    '<linearGradient id="fade-l"><stop offset="0" stop-color="#4e79a7" stop-opacity="0"/>'
                    '<stop offset="1" stop-color="#4e79a7"/></linearGradient></defs>']
    bottom = top + ROW * len(items)
    body += axis.draw(top, bottom)
    for i, (label, start, end, attested, how) in enumerate(items):
        y = top + ROW * i + ROW // 2
        body.append(f'<text x="{LEFT - 8}" y="{y + 4}" font-size="12" text-anchor="end" fill="#1f2933" '
                    f'{FONT}>{esc(_clip(label))}</text>')
        color = COLORS["acting"] if how == "acting" else COLORS["post"]
        if start or end:
            x1 = axis.x(start) if start else axis.left
            x2 = axis.x(end + timedelta(days=1)) if end else axis.right
            fill = color if start and end else "url(#fade-r)" if start else "url(#fade-l)"
            tip = f"{label}: " + (f"from {start}" if start else "") + (f" to {end}" if end else "")
            body.append(f'<rect x="{x1}" y="{y - 6}" width="{max(2.0, round(x2 - x1, 1))}" height="12" rx="2" '
                        f'fill="{fill}"><title>{esc(tip)}</title></rect>')
        for d in attested:
            x = axis.x(d)
            body.append(f'<polygon points="{x},{y - 7} {x + 6},{y} {x},{y + 7} {x - 6},{y}" fill="{color}" '
                        f'stroke="#1f2933"><title>{esc(f"{label}: attested on {d}")}</title></polygon>')
    note = (f'<text x="10" y="{bottom + 32}" font-size="11" fill="#52606d" {FONT}>A diamond: attested on that day. '
            'A bar: from its start to its end; fading where one of them is unknown. Light blue: acting.</text>')
    return _svg(bottom + 42, [*body, note], title)


def per_month(pairs: dict[str, dict[str, int]], title: str = "Events per month") -> str:
    """Events per month per pair, as rows of bars. A key "YYYY-MM…" counts events whose bounds span more than one
    month, drawn light at their first month; "unknown" counts undated events (noted, not drawn)."""
    months = sorted({k.rstrip("…") for v in pairs.values() for k in v if k != "unknown"})
    if not months:
        return _svg(40, [f'<text x="10" y="24" font-size="13" {FONT}>No dated event.</text>'], title)
    y0, m0 = map(int, months[0].split("-"))
    y1, m1 = map(int, months[-1].split("-"))
    span = [f"{y:04d}-{m:02d}" for y in range(y0, y1 + 1) for m in range(1, 13)
            if (y, m) >= (y0, m0) and (y, m) <= (y1, m1)]
    peak = max(max(sum(n for k, n in v.items() if k.rstrip("…") == mo) for mo in span) for v in pairs.values()) or 1
    band, top, body = 54, 8, []
    width = (WIDTH - RIGHT - LEFT) / len(span)
    undated = 0
    for i, (name, counts) in enumerate(pairs.items()):
        base = top + band * (i + 1) - 14
        body.append(f'<text x="{LEFT - 8}" y="{base - 8}" font-size="12" text-anchor="end" fill="#1f2933" '
                    f'{FONT}>{esc(_clip(name))}</text>')
        undated += counts.get("unknown", 0)
        for j, mo in enumerate(span):
            sure, loose = counts.get(mo, 0), counts.get(mo + "…", 0)
            x = round(LEFT + j * width + 1, 1)
            h1 = round((band - 20) * sure / peak, 1)
            h2 = round((band - 20) * loose / peak, 1)
            tip = f"{name}, {mo}: {sure} event(s)" + (f", and {loose} that may fall later" if loose else "")
            body.append(f'<rect x="{x}" y="{base - h1}" width="{max(1.0, round(width - 2, 1))}" height="{h1}" '
                        f'fill="#4e79a7"><title>{esc(tip)}</title></rect>')
            body.append(f'<rect x="{x}" y="{base - h1 - h2}" width="{max(1.0, round(width - 2, 1))}" height="{h2}" '
                        f'fill="#a0cbe8"><title>{esc(tip)}</title></rect>')
            if sure + loose and width >= 16:
                body.append(f'<text x="{round(x + width / 2 - 1, 1)}" y="{base - h1 - h2 - 3}" font-size="10" '
                            f'text-anchor="middle" fill="#1f2933" {FONT}>{sure + loose}</text>')
        body.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#9aa5b1"/>')
    bottom = top + band * len(pairs)
    every = max(1, len(span) // 12)
    for j, mo in enumerate(span):
        if j % every == 0:
            body.append(f'<text x="{round(LEFT + (j + 0.5) * width, 1)}" y="{bottom + 6}" font-size="11" '
                        f'text-anchor="middle" fill="#52606d" {FONT}>{esc(mo)}</text>')
    note = (f'<text x="10" y="{bottom + 26}" font-size="11" fill="#52606d" {FONT}>Dark: events within the month. '
            f'Light: events that may fall in it or later (their dates span months).'
            f'{esc(f" {undated} undated event(s) not drawn.") if undated else ""}</text>')
    return _svg(bottom + 36, [*body, note], title)
