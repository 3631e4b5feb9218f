"""Read page images (.png, .jpg, .tif, a multi-page .tif) by OCR, one page an image frame.

A phone photo or a scanner's TIFF of a plan goes through the same OCR as a scanned PDF page (`ocr.py`),
and the pages are put together as a PDF's are (`pages.py`): tables joined over page breaks, running
heads removed, every line with its page and confidence. Pillow decodes the images (installed with
pdfplumber); its limit on decoded pixels guards against a small file that expands to gigabytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..document import SourceText
from ..errors import UnreadableDocument
from ._files import read_input_bytes
from .ocr import read_page_image
from .pages import PageItem, confidence_notes, read_in_parallel, source_of_pages

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
#: An image is never decoded beyond this many pixels (a 600 dpi A3 page is 70 million).
_MAX_PIXELS = 120_000_000
#: An image is enlarged for OCR to no more than this many pixels (an A4 page at 300 dpi is 8.7 million).
_MAX_OCR_PIXELS = 40_000_000
#: Frames read from one multi-page TIFF at most.
_MAX_FRAMES = 500
#: Scans without a resolution are taken to be at this one (an office scanner's default).
_DEFAULT_DPI = 200


def read_image_file(path: Path, ocr: str = "auto", workers: int = 1) -> SourceText:
    """Read every page of an image file by OCR. `ocr="never"` refuses it (an image has no text layer)."""
    import io

    from PIL import Image, ImageSequence, UnidentifiedImageError

    data = read_input_bytes(path)
    if not data:
        raise UnreadableDocument(path, "the file is empty")
    if ocr == "never":
        raise UnreadableDocument(path, "a page image can only be read by OCR, and --ocr never was given")
    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    frames = []
    try:
        with Image.open(io.BytesIO(data)) as image:
            for k, frame in enumerate(ImageSequence.Iterator(image)):
                if k >= _MAX_FRAMES:
                    raise UnreadableDocument(path, f"more than {_MAX_FRAMES} pages in one image file")
                frames.append((frame.convert("L"), frame.info.get("dpi", (_DEFAULT_DPI, _DEFAULT_DPI))[0] or _DEFAULT_DPI))
    except UnidentifiedImageError:
        raise UnreadableDocument(path, "not an image Pillow can read (damaged, or another format)") from None
    except Image.DecompressionBombError:
        raise UnreadableDocument(path, f"the image is larger than {_MAX_PIXELS:,} pixels") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise UnreadableDocument(path, f"damaged or truncated image ({exc})") from None
    pages = _read_frames(path, frames, workers)
    heights = [float(frame.height) for frame, _ in frames]
    notes = confidence_notes(dict(enumerate(pages, 1)))
    return source_of_pages(str(path), "image", data, pages, heights, notes, list(range(1, len(pages) + 1)))


def _read_frames(path: Path, frames: Sequence[tuple[Any, float]], workers: int) -> list[list[PageItem]]:
    import numpy as np
    from PIL import Image

    def one(number: int) -> list[PageItem]:
        frame, dpi = frames[number - 1]
        # Tesseract reads print best at about 300 dpi; a page is never enlarged past the PDF reader's limit
        factor = min(300 / float(dpi), math.sqrt(_MAX_OCR_PIXELS / max(1, frame.width * frame.height)))
        if not 0.95 <= factor <= 1.05:  # (a poster-sized image is made smaller)
            frame = frame.resize((int(frame.width * factor), int(frame.height * factor)), Image.Resampling.BICUBIC)
        else:
            factor = 1.0
        return [PageItem(number, line.top / factor, line.text, line.table, line.confidence)
                for line in read_page_image(np.asarray(frame))]

    return read_in_parallel(path, list(range(1, len(frames) + 1)), one, workers)
