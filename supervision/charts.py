"""Bar charts for the supervisors' reports, drawn on the server as plain SVG.

No script and nothing fetched: the markup goes straight into the page. Every string that
reaches the SVG is escaped here, so the result may be marked safe in a template. The
chart is one image to assistive technology (role="img", named by its title); the numbers
themselves are in the table the page shows beside it.
"""

import hashlib
import math
import unicodedata
from collections.abc import Mapping, Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 48, 40
# Dark enough for 3:1 against white (WCAG 1.4.11) and told apart by more than hue
# alone; a page's stylesheet can recolour them through the chart-series-N classes.
PALETTE = ("#1f5fa8", "#b3471b", "#2e7d32", "#6a3d9a", "#8c5e00", "#ad1457")
TEXT = "#222222"
GRID = "#d0d0d0"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 and a few round steps (1, 2 or 5 × 10^k) reaching at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def _width(text: str) -> int:
    """Width in half-width characters: Japanese (wide) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _shorten(line: str, room: int) -> str:
    while _width(line) > room:
        line = line[:-2] + "…"
    return line


def _lines(label: str, width: float) -> list[str]:
    """A label wrapped onto at most two lines of about the room it has, shortened with
    an ellipsis beyond that (the table beside shows it in full)."""
    room = max(3, int(width / 6.5))
    lines: list[str] = []
    for word in label.split() or [""]:
        if lines and _width(lines[-1]) + 1 + _width(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:]) + "…"]
    return [_shorten(line, room) for line in lines]


def bar_chart(
    labels: Sequence[object],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str,
    y_label: str,
) -> SafeString:
    """Grouped bars: one group per label, one bar per series. None is a missing bar;
    negative values are drawn as zero. Returns escaped SVG markup, marked safe."""
    key = hashlib.sha256(repr((str(title), list(map(str, labels)), dict(series))).encode())
    ident = f"chart-{key.hexdigest()[:10]}"
    names = list(series)
    values = [v for column in series.values() for v in column if v is not None]
    top = max([0.0, *values])
    ticks = nice_ticks(top)
    scale_top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-labelledby="{ident}-title {ident}-desc"'
        f' font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(y_label)}: {_e(", ".join(names))}.</desc>',
        f'<text x="{LEFT}" y="18" fill="{TEXT}" font-weight="bold">{_e(title)}</text>',
    ]
    # Legend, left to right, under the title.
    x = LEFT
    for index, name in enumerate(names):
        colour = PALETTE[index % len(PALETTE)]
        out.append(
            f'<rect class="chart-series-{index}" x="{x}" y="27" width="10" height="10"'
            f' fill="{colour}"/><text x="{x + 14}" y="36" fill="{TEXT}">{_e(name)}</text>'
        )
        x += 24 + 7 * len(str(name))
    # Y axis: grid lines with their values, and the axis title turned on its side.
    for tick in ticks:
        y = base - plot_h * tick / scale_top
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{_e(_number(tick))}</text>"
        )
    out.append(
        f'<text transform="translate(14 {TOP + plot_h / 2:.1f}) rotate(-90)"'
        f' text-anchor="middle" fill="{TEXT}">{_e(y_label)}</text>'
    )
    if not labels or not names:
        out.append(
            f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h / 2:.1f}" text-anchor="middle"'
            f' fill="{TEXT}">{_e(_("No data for this period."))}</text>'
        )
    else:
        group_w = plot_w / len(labels)
        bar_w = group_w * 0.8 / len(names)
        for column, label in enumerate(labels):
            left = LEFT + column * group_w + group_w * 0.1
            for index, name in enumerate(names):
                value = series[name][column] if column < len(series[name]) else None
                if value is None:
                    continue
                height = plot_h * max(0.0, value) / scale_top
                out.append(
                    f'<rect class="chart-series-{index}" x="{left + index * bar_w:.1f}"'
                    f' y="{base - height:.1f}" width="{max(bar_w - 1, 1):.1f}"'
                    f' height="{height:.1f}" fill="{PALETTE[index % len(PALETTE)]}">'
                    f"<title>{_e(label)}, {_e(name)}: {_e(_number(value))}</title></rect>"
                )
            middle = LEFT + (column + 0.5) * group_w
            lines = "".join(
                f'<tspan x="{middle:.1f}" dy="{0 if i == 0 else 13}">{_e(line)}</tspan>'
                for i, line in enumerate(_lines(str(label), group_w))
            )
            out.append(
                f'<text y="{base + 15}" text-anchor="middle" font-size="11"'
                f' fill="{TEXT}">{lines}</text>'
            )
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}" stroke="{TEXT}"/>')
    out.append("</svg>")
    # The one place charts become markup: every string in `out` went through _e() above.
    return mark_safe("\n".join(out))  # noqa: S308
