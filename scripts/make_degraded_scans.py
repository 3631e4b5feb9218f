#!/usr/bin/env python3
"""Degraded scans of PDFs: what a plan looks like after it was printed, signed and scanned.

Each page is rendered at 200 dpi in grey, turned by a small angle (at most 1.5°, as a sheet lies on a
scanner's glass), speckled with dust, blurred a little and saved as a JPEG; the pages are bound into a
PDF with no text layer. The angles and the dust come from a seeded generator: the same input and seed
give the same scan, so tests and benchmarks can rely on them.

Run: `.venv/bin/python scripts/make_degraded_scans.py OUT_DIR PDF...` (default: the seeds' PDFs).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

DPI = 200
MAX_ANGLE = 1.5
#: dust specks per million pixels, and the JPEG quality of an office scanner's default setting
SPECKS_PER_MEGAPIXEL = 150
JPEG_QUALITY = 70
BLUR_RADIUS = 0.6


def degrade_page(page: Image.Image, rng: random.Random) -> Image.Image:
    """One rendered page as a scanner would give it back."""
    grey = page.convert("L")
    angle = rng.uniform(-MAX_ANGLE, MAX_ANGLE)
    turned = grey.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    pixels = turned.load()
    assert pixels is not None
    width, height = turned.size
    for _ in range(int(SPECKS_PER_MEGAPIXEL * width * height / 1e6)):
        x, y = rng.randrange(width), rng.randrange(height)
        shade = rng.choice((0, 40, 90))
        for dx in range(rng.choice((1, 2))):
            for dy in range(rng.choice((1, 2))):
                if x + dx < width and y + dy < height:
                    pixels[x + dx, y + dy] = shade
    blurred = turned.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    buffer = io.BytesIO()
    blurred.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(buffer.getvalue()))


def degraded_scan(pdf: Path, out: Path, seed: int = 0) -> Path:
    """Write the degraded scan of `pdf` to `out` (an image-only PDF) and return `out`."""
    import pypdfium2

    rng = random.Random(f"{seed}:{pdf.name}")
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [degrade_page(document[i].render(scale=DPI / 72, grayscale=True).to_pil(), rng)
                 for i in range(len(document))]
    finally:
        document.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for pdf in args.pdfs or sorted(SEEDS.glob("*.pdf")):
        out = degraded_scan(pdf, args.out_dir / f"{pdf.stem}.scan.pdf", args.seed)
        print(out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
