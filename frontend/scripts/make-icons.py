"""Draws the app icons (public/icons/*.png) from the favicon's shapes: a speech bubble on the
brand blue. Run once when the design changes: python3 scripts/make-icons.py (needs Pillow)."""

from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (11, 79, 138, 255)  # --primary, as in favicon.svg
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def icon(size: int, *, maskable: bool = False, rounded: bool = True) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges
    s = size * scale
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable or not rounded:
        draw.rectangle((0, 0, s, s), fill=BLUE)  # the platform cuts its own shape
    else:
        draw.rounded_rectangle((0, 0, s - 1, s - 1), radius=s * 6 // 32, fill=BLUE)
    # The favicon's bubble (8,11)-(24,21) with a tail to (10,25), on a 32-unit grid; maskable
    # icons keep it inside the central safe zone (80 %).
    unit = s / 32 * (0.8 if maskable else 1)
    offset = (s - 32 * unit) / 2
    p = lambda x, y: (offset + x * unit, offset + y * unit)  # noqa: E731
    draw.polygon([p(8, 11), p(24, 11), p(24, 21), p(14, 21), p(10, 25), p(10, 21), p(8, 21)], fill="white")
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192).save(OUT / "icon-192.png")
    icon(512).save(OUT / "icon-512.png")
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png")
    icon(180, rounded=False).save(OUT / "apple-touch-icon.png")  # iOS rounds it itself


if __name__ == "__main__":
    main()
