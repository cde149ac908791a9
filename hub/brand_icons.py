"""The PNG icons of hub/static/icons/ (favicon fallback, web-app manifest),
drawn with Pillow after favicon.svg: a footbridge — a « passerelle » — in
white on the hub's green. Browsers without SVG favicons and the phone's home
screen need bitmaps; drawing them here keeps them reproducible rather than
exported by hand. Run ``python -m hub.brand_icons`` after changing the design.
"""

from pathlib import Path

from PIL import Image, ImageDraw

GREEN = "#0b6e4f"
WHITE = "#ffffff"
ICONS = Path(__file__).resolve().parent / "static" / "icons"
SIZES = {"icon-32.png": 32, "icon-192.png": 192, "icon-512.png": 512}
SCALE = 4  # drawn large, then reduced: smooth edges without an SVG renderer


def draw(size):
    """The icon at ``size`` pixels: the SVG's 64-unit grid, scaled."""
    big = size * SCALE
    unit = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=12 * unit, fill=GREEN)
    # The arch: the SVG's quadratic curve, sampled.
    points = [
        (
            ((1 - t) ** 2 * 8 + 2 * (1 - t) * t * 32 + t**2 * 56) * unit,
            ((1 - t) ** 2 * 40 + 2 * (1 - t) * t * 8 + t**2 * 40) * unit,
        )
        for t in (i / 40 for i in range(41))
    ]
    pen.line(points, fill=WHITE, width=round(6 * unit), joint="curve")
    pen.line(
        [(6 * unit, 44 * unit), (58 * unit, 44 * unit)],
        fill=WHITE,
        width=round(6 * unit),
    )
    for x, top in ((20, 29), (32, 24), (44, 29)):
        pen.line(
            [(x * unit, top * unit), (x * unit, 44 * unit)],
            fill=WHITE,
            width=round(3 * unit),
        )
    return image.resize((size, size), Image.LANCZOS)


def main():
    for name, size in SIZES.items():
        # 32 colours are plenty for two colours and their edges: a few KB each.
        icon = draw(size).quantize(32, method=Image.Quantize.FASTOCTREE)
        icon.save(ICONS / name, optimize=True)


if __name__ == "__main__":
    main()
