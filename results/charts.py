"""Horizontal bar charts drawn on the server as inline SVG: one bar per row of
a table (stacked by target public when the table has several), its label and
its number beside it. Right to left, the chart is mirrored: labels on the
right, bars growing leftwards (``direction`` on the SVG turns the text anchors
with it). No script, no third-party host; the table beside it carries the same
numbers for screen readers and for copying."""

from dataclasses import dataclass

from hub.templatetags.hub_tags import number

WIDTH = 480
LABEL = 200  # label column
VALUE = 64  # the number after the bar
ROW = 28
BAR = 18
TOP = 6
FONT = 14  # px in the drawing: about 10 px once a phone scales it down
MAX_LABEL = 20  # characters before a label is shortened (full in its <title>)
COLOURS = {
    "youth": "#1b6e53",
    "women": "#b5452a",
    "specific-needs": "#2a5d9f",
    "migrants": "#7a4fa0",
}
SINGLE = "#1b6e53"
OTHER = "#5b5b5b"


@dataclass
class Rect:
    x: float
    width: float
    colour: str


@dataclass
class Bar:
    label: str
    short: str
    value: str
    y: float
    rects: list
    label_x: float
    value_x: float


def colour(key):
    return COLOURS.get(key, OTHER)


def chart(table, rtl=False):
    """The geometry of ``table``'s chart (see ``results/chart.svg``)."""
    area = WIDTH - LABEL - VALUE - 8
    scale = table.maximum or max(
        (row[1].get(table.bar, 0) for row in table.rows), default=0
    )
    bars = []
    for i, (label, counts) in enumerate(table.rows):
        y = TOP + i * ROW
        parts = (
            [(key, counts.get(key, 0), colour(key)) for key in table.segments]
            if table.segments
            else [(table.bar, counts.get(table.bar, 0), SINGLE)]
        )
        x, rects = LABEL, []
        for _key, count, fill in parts:
            width = area * count / scale if scale else 0
            if width:
                rects.append(Rect(_mirror(x, width, rtl), width, fill))
            x += width
        bars.append(
            Bar(
                label=label,
                short=label
                if len(label) <= MAX_LABEL
                else label[: MAX_LABEL - 1] + "…",
                value=number(counts.get(table.bar, 0)),
                y=y,
                rects=rects,
                label_x=WIDTH - LABEL + 8 if rtl else LABEL - 8,
                value_x=WIDTH - x - 6 if rtl else x + 6,
            )
        )
    return {
        "width": WIDTH,
        "height": TOP * 2 + ROW * len(bars),
        "bars": bars,
        "bar_height": BAR,
        "text_dy": BAR - 4,
        "font_size": FONT,
        "direction": "rtl" if rtl else "ltr",
    }


def _mirror(x, width, rtl):
    return WIDTH - x - width if rtl else x
