"""The map of the partnerships: where each partner commune is, drawn server-side
over the outline in map_outline/outline.json (Natural Earth, public domain).

Three panels: Morocco, Belgium and a Brussels inset (five Belgian partners lie
a few kilometres apart there). Each partnership has a number, the same on its
two communes' markers and in the legend. The geography is never mirrored in
Arabic; what follows the reading direction is the side of the marker on which
a label is tried first, and so its ``text-anchor``.

Links to commune pages: the programme may not import the practices, which own
those pages, so the practices app registers how to build the URLs
(``register_commune_urls``); a page may also pass its own.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import F
from django.utils.translation import gettext as _

from .models import Partnership

OUTLINE_FILE = Path(__file__).parent / "map_outline" / "outline.json"
FONT = 14  # label size, in panel units (a panel is 400 wide)
MARKER = 9  # marker radius; a highlighted one is larger
HIGHLIGHT = 12
GAP = 4  # between a marker and its label

_commune_urls = None


def register_commune_urls(factory):
    """``factory(locale_id, request, page)`` returns ``url(commune)``, or None
    when there are no commune pages in that locale; ``page``: the page being
    shown, which may be the one that serves them."""
    global _commune_urls
    _commune_urls = factory


def commune_urls(locale_id, request=None, page=None):
    url = _commune_urls(locale_id, request, page) if _commune_urls else None
    return url or (lambda commune: "")


@cache
def outline():
    return json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))


def partnerships_for_map(locale_id):
    """The locale's partnerships, numbered in this order (oldest first); one
    query."""
    return list(
        Partnership.objects.filter(locale_id=locale_id)
        .select_related("moroccan_commune", "belgian_commune")
        .order_by(F("since").asc(nulls_last=True), "moroccan_commune__name", "pk")
    )


@dataclass
class Marker:
    commune: object
    number: int
    url: str
    x: float
    y: float
    highlighted: bool
    radius: float = MARKER
    label: dict = field(default_factory=dict)


@dataclass
class Panel:
    key: str
    width: float
    height: float
    frame: dict
    countries: dict
    markers: list = field(default_factory=list)
    inset: dict | None = None  # the Brussels frame, drawn on the Belgian panel

    def contains(self, latitude, longitude):
        frame = self.frame
        return (
            frame["south"] <= latitude <= frame["north"]
            and frame["west"] <= longitude <= frame["east"]
        )

    def project(self, latitude, longitude):
        """The projection of map_outline/build.py: the frame's degrees spread
        linearly over the panel's width and height."""
        frame = self.frame
        return (
            (longitude - frame["west"]) * self.width / (frame["east"] - frame["west"]),
            (frame["north"] - latitude)
            * self.height
            / (frame["north"] - frame["south"]),
        )


def build_map(partnerships, url, highlight=None, rtl=False):
    """``{"panels": [...], "legend": [...]}`` for the template. ``url(commune)``:
    the commune's page; ``highlight``: a commune whose partnerships stand out;
    ``rtl``: labels read right to left (tried on the markers' left first)."""
    panels = {
        data["key"]: Panel(
            key=data["key"],
            width=data["width"],
            height=data["height"],
            frame=data["frame"],
            countries=data["countries"],
        )
        for data in outline()["panels"]
    }
    brussels, belgium = panels["brussels"], panels["belgium"]
    west, north = belgium.project(brussels.frame["north"], brussels.frame["west"])
    east, south = belgium.project(brussels.frame["south"], brussels.frame["east"])
    belgium.inset = {
        "x": round(west, 1),
        "y": round(north, 1),
        "width": round(east - west, 1),
        "height": round(south - north, 1),
        "name": _("Bruxelles"),
    }
    legend = []
    for number, partnership in enumerate(partnerships, start=1):
        pair = (partnership.moroccan_commune, partnership.belgian_commune)
        highlighted = highlight is not None and highlight.pk in {c.pk for c in pair}
        legend.append(
            {
                "number": number,
                "communes": [(commune, url(commune)) for commune in pair],
                "highlighted": highlighted,
            }
        )
        for commune in pair:
            panel = panel_of(commune, panels)
            if panel is None:
                continue  # no coordinates: in the legend only
            x, y = panel.project(float(commune.latitude), float(commune.longitude))
            panel.markers.append(
                Marker(
                    commune,
                    number,
                    url(commune),
                    round(x, 1),
                    round(y, 1),
                    highlighted,
                    HIGHLIGHT if highlighted else MARKER,
                )
            )
    for panel in panels.values():
        place_labels(panel, rtl)
    return {"panels": list(panels.values()), "legend": legend}


def panel_of(commune, panels):
    if commune.latitude is None or commune.longitude is None:
        return None
    latitude, longitude = float(commune.latitude), float(commune.longitude)
    if commune.country == "MA":
        candidates = [panels["morocco"]]
    else:
        candidates = [panels["brussels"], panels["belgium"]]
    for panel in candidates:
        if panel.contains(latitude, longitude):
            return panel
    return None


def place_labels(panel, rtl):
    """Each marker's label on the first side where it overlaps nothing already
    placed and stays in the panel: after the marker in the reading direction,
    before it, above, below (else the first of these). The Brussels frame on
    the Belgian panel gets its name the same way, last."""
    taken = [_circle_box(m) for m in panel.markers]
    if panel.inset:
        taken.append(_inset_box(panel.inset))
    for marker in panel.markers:
        marker.label = _place(
            panel, taken, rtl, marker.x, marker.y, marker.radius, marker.commune.name
        )
    if panel.inset:
        inset = panel.inset
        inset["label"] = _place(
            panel,
            taken,
            rtl,
            inset["x"] + inset["width"] / 2,
            inset["y"] + inset["height"] / 2,
            inset["width"] / 2,
            inset["name"],
        )


def _place(panel, taken, rtl, x, y, radius, text):
    boxes = [_label(x, y, radius, text, side, rtl) for side in _sides(rtl)]
    fitting = [
        box
        for box in boxes
        if _inside(box["box"], panel)
        and not any(_overlap(box["box"], t) for t in taken)
    ]
    chosen = fitting[0] if fitting else boxes[0]
    taken.append(chosen["box"])
    return chosen


def _sides(rtl):
    return (
        ["left", "right", "above", "below"]
        if rtl
        else ["right", "left", "above", "below"]
    )


def _label(x, y, radius, text, side, rtl):
    """Where a label goes on ``side`` of a marker at (x, y): its box and its
    SVG attributes. For a right-to-left label, "start" is its right end: a
    label on the marker's left starts (anchor ``start``) at the marker."""
    width = len(text) * FONT * (0.5 if rtl else 0.56)
    offset = radius + GAP
    baseline = FONT * 0.35  # text is drawn on its baseline, centred by eye
    if side in ("right", "left"):
        text_x = x + offset if side == "right" else x - offset
        left = text_x if side == "right" else text_x - width
        top = y - FONT / 2
        anchor = "start" if (side == "right") != rtl else "end"
        text_y = y + baseline
    else:
        text_x = x
        left = x - width / 2
        top = y - offset - FONT if side == "above" else y + offset
        anchor = "middle"
        text_y = top + FONT / 2 + baseline
    return {
        "x": round(text_x, 1),
        "y": round(text_y, 1),
        "anchor": anchor,
        "box": (left, top, left + width, top + FONT),
    }


def _circle_box(marker):
    r = marker.radius
    return (marker.x - r, marker.y - r, marker.x + r, marker.y + r)


def _inset_box(inset):
    return (
        inset["x"],
        inset["y"],
        inset["x"] + inset["width"],
        inset["y"] + inset["height"],
    )


def _inside(box, panel):
    return (
        box[0] >= 0 and box[1] >= 0 and box[2] <= panel.width and box[3] <= panel.height
    )


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
