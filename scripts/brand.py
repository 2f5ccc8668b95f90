"""Draw Pandora's brand images into custom_components/pandora/brand/ (run by hand, committed).

Home Assistant (2026.3+) and HACS show a custom integration's own `brand/` images instead of the
brands CDN's. The domain `pandora` also names a removed core integration whose icon is still on
that CDN, so every variant is shipped here: icon and logo, light and dark, 1x and 2x.

    .venv/bin/python scripts/brand.py      # needs DejaVu Sans Bold (Debian: fonts-dejavu-core)
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = Path(__file__).resolve().parents[1] / "custom_components" / "pandora" / "brand"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
INDIGO = (79, 70, 229, 255)
INDIGO_LIGHT = (129, 140, 248, 255)  # the dark-theme variant: readable on a dark background
WHITE = (255, 255, 255, 255)
TEXT_LIGHT = (17, 24, 39, 255)
TEXT_DARK = (243, 244, 246, 255)
SUPERSAMPLE = 4


def _mark(
    draw: ImageDraw.ImageDraw, left: float, top: float, size: float, fill: tuple[int, ...]
) -> None:
    """The rounded square with a play triangle, filling a `size` box (trimmed, as brands ask)."""
    draw.rounded_rectangle((left, top, left + size, top + size), radius=size * 0.14, fill=fill)
    draw.polygon(
        [
            (left + size * 100 / 256, top + size * 86 / 256),
            (left + size * 180 / 256, top + size * 128 / 256),
            (left + size * 100 / 256, top + size * 170 / 256),
        ],
        fill=WHITE,
    )


def icon(size: int, fill: tuple[int, ...]) -> Image.Image:
    """The square icon."""
    big = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    _mark(ImageDraw.Draw(big), 0, 0, size * SUPERSAMPLE, fill)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def logo(height: int, fill: tuple[int, ...], text: tuple[int, ...]) -> Image.Image:
    """The mark and the word "Pandora", landscape, `height` pixels high."""
    h = height * SUPERSAMPLE
    font = ImageFont.truetype(FONT, int(h * 0.5))
    word = "Pandora"
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    left, top, right, bottom = probe.textbbox((0, 0), word, font=font)
    width = h + int(h * 0.08) + int(right - left) + int(h * 0.12)
    big = Image.new("RGBA", (width, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    _mark(draw, 0, 0, h, fill)
    draw.text(
        (h + int(h * 0.08) - left, (h - (bottom - top)) / 2 - top), word, font=font, fill=text
    )
    return big.resize((width // SUPERSAMPLE, height), Image.Resampling.LANCZOS)


def main() -> None:
    """Write every variant Home Assistant's brands layout knows."""
    for scale, suffix in ((1, ""), (2, "@2x")):
        icon(256 * scale, INDIGO).save(BRAND / f"icon{suffix}.png", optimize=True)
        icon(256 * scale, INDIGO_LIGHT).save(BRAND / f"dark_icon{suffix}.png", optimize=True)
        logo(128 * scale, INDIGO, TEXT_LIGHT).save(BRAND / f"logo{suffix}.png", optimize=True)
        logo(128 * scale, INDIGO_LIGHT, TEXT_DARK).save(
            BRAND / f"dark_logo{suffix}.png", optimize=True
        )


if __name__ == "__main__":
    main()
