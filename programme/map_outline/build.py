"""Build outline.json, the country outlines under the partnership map.

Source: Natural Earth 1:50m Admin 0 countries (public domain), as TopoJSON in
the npm package world-atlas 2.0.2 (Natural Earth 4.1.0). Get it and run::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python programme/map_outline/build.py /tmp/package/countries-50m.json

Standard library only: the TopoJSON arcs are decoded here, each panel's
countries are projected (equirectangular, its parallels scaled by the cosine
of the frame's middle latitude: true shapes at this size), clipped to the
frame and simplified (Douglas–Peucker), then written as SVG path data in the
panel's own units. The map (programme/partnership_map.py) projects the
communes with the same frame, read from the file.
"""

import json
import math
import sys
from pathlib import Path

OUTPUT = Path(__file__).with_name("outline.json")
SOURCE = (
    "Natural Earth, 1:50m Admin 0 countries (public domain), "
    "via world-atlas 2.0.2 (Natural Earth 4.1.0, 2018)"
)
TOLERANCE = 0.6  # panel units: below what a reader can see at this width

# Each panel: its frame (degrees), its width in SVG units, the countries drawn.
# Morocco is framed on the partner communes (29.3°N to 35.8°N), from 28.5°N:
# the map shows where the partners are, not borders, so no southern limit is
# drawn (the frame's edge is not a border). The Brussels inset has no outline
# (Natural Earth draws no commune): five of the ten Belgian communes are in
# Brussels, a few kilometres apart, and need their own scale.
PANELS = [
    {
        "key": "morocco",
        "frame": {"west": -11.6, "east": -0.8, "south": 28.5, "north": 36.2},
        "width": 400,
        "countries": ["Morocco"],
    },
    {
        "key": "belgium",
        "frame": {"west": 2.4, "east": 6.5, "south": 49.4, "north": 51.6},
        "width": 400,
        "countries": ["Belgium"],
    },
    {
        "key": "brussels",
        "frame": {"west": 4.27, "east": 4.41, "south": 50.81, "north": 50.885},
        "width": 400,
        "countries": [],
    },
]


def decode_arcs(topology):
    """Absolute [lon, lat] points of every arc (delta-encoded, quantized)."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """A ring's points from its arc indexes (~i: arc i reversed); each arc
    starts where the previous one ended, so that shared point is skipped."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def projection(panel):
    frame = panel["frame"]
    cos = math.cos(math.radians((frame["south"] + frame["north"]) / 2))
    scale = panel["width"] / ((frame["east"] - frame["west"]) * cos)
    height = (frame["north"] - frame["south"]) * scale
    return cos, scale, height


def project(point, panel, cos, scale):
    lon, lat = point
    frame = panel["frame"]
    return ((lon - frame["west"]) * cos * scale, (frame["north"] - lat) * scale)


def clip(points, width, height):
    """Sutherland–Hodgman: the ring cut to the rectangle (0, 0, width, height)."""
    edges = [
        (lambda p: p[0] >= 0, lambda a, b: _cross_x(a, b, 0)),
        (lambda p: p[0] <= width, lambda a, b: _cross_x(a, b, width)),
        (lambda p: p[1] >= 0, lambda a, b: _cross_y(a, b, 0)),
        (lambda p: p[1] <= height, lambda a, b: _cross_y(a, b, height)),
    ]
    for inside, cross in edges:
        kept = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
        if not points:
            break
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    """Douglas–Peucker (iterative): the points that matter at ``tolerance``."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                d = math.hypot(px - ax, py - ay)
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def path_data(rings):
    parts = []
    for ring in rings:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in ring)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def build(topology):
    arcs = decode_arcs(topology)
    geometries = {
        g["properties"]["name"]: g
        for g in topology["objects"]["countries"]["geometries"]
    }
    panels = []
    for panel in PANELS:
        cos, scale, height = projection(panel)
        countries = {}
        for name in panel["countries"]:
            rings = []
            for polygon in polygons(geometries[name]):
                for ring in polygon:
                    points = [
                        project(p, panel, cos, scale) for p in ring_points(ring, arcs)
                    ]
                    points = simplify(clip(points, panel["width"], height), TOLERANCE)
                    if len(points) >= 3:
                        rings.append(points)
            countries[name] = path_data(rings)
        panels.append(
            {
                "key": panel["key"],
                "frame": panel["frame"],
                "width": panel["width"],
                "height": round(height, 1),
                "countries": countries,
            }
        )
    return {"source": SOURCE, "panels": panels}


def main(source_path):
    topology = json.loads(Path(source_path).read_text(encoding="utf-8"))
    text = json.dumps(build(topology), ensure_ascii=False, indent=1) + "\n"
    OUTPUT.write_text(text, encoding="utf-8")
    sys.stdout.write(f"{OUTPUT}: {len(text)} characters\n")


if __name__ == "__main__":
    main(sys.argv[1])
