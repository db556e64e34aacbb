"""Placeholder photographs drawn locally with Pillow: no network, deterministic per seed."""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

PALETTES = [
    ((16, 52, 99), (196, 83, 52)),
    ((20, 90, 60), (230, 190, 80)),
    ((90, 20, 60), (240, 140, 120)),
    ((30, 30, 30), (200, 60, 60)),
    ((10, 80, 120), (120, 200, 220)),
    ((70, 50, 20), (220, 170, 90)),
    ((40, 40, 90), (160, 120, 220)),
    ((0, 100, 100), (250, 230, 200)),
]


def make_photo(seed: int, size: tuple[int, int] = (1200, 675)) -> ContentFile:
    """A JPEG of a gradient sky, a horizon and a few shapes, different for every seed."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    top, bottom = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    horizon = int(height * rng.uniform(0.55, 0.75))
    draw.rectangle([0, horizon, width, height], fill=tuple(c // 2 for c in bottom))
    for _ in range(rng.randint(3, 7)):
        w, h = rng.randint(60, 260), rng.randint(80, 320)
        x = rng.randint(0, width - w)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=tuple(c // 3 for c in top))
    r = rng.randint(30, 70)
    cx, cy = rng.randint(r, width - r), rng.randint(r, horizon // 2)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(250, 235, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.jpg")


def make_portrait(seed: int, size: int = 256) -> ContentFile:
    """A square placeholder portrait: a head-and-shoulders silhouette on a coloured ground."""
    top, bottom = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (size, size), bottom)
    draw = ImageDraw.Draw(image)
    for y in range(size):
        t = y / size
        colour = tuple(int(b + (a - b) * t * 0.6) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size, y)], fill=colour)
    figure = tuple(min(255, c + 150) for c in top)
    head = size * 0.19
    cx, cy = size / 2, size * 0.40
    draw.ellipse([cx - head, cy - head, cx + head, cy + head], fill=figure)
    draw.ellipse([size * 0.16, size * 0.66, size * 0.84, size * 1.3], fill=figure)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"portrait-{seed}.jpg")
