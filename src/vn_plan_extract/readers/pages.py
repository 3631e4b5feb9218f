"""Pages of text lines and table rows (from a PDF's text layer or from OCR) made into one `SourceText`.

- Tables are numbered over the whole document; a table whose header row repeats the previous table's
  is its continuation on a new page, and the header row printed again is dropped.
- Running headers and footers (the same line at the top or bottom of most pages, the page number)
  are removed.
- Each line keeps its page, and the OCR confidence of its words where it was read by OCR.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

from ..document import LOW_OCR_CONFIDENCE, SourceText, line_starts_of
from ..errors import VnPlanExtractError
from .ocr_text import headings_in_turn

#: Lines within this share of the page height from its top or bottom edge may be running heads.
_EDGE_SHARE = 0.08
#: A line repeated at an edge on at least this share of pages is a running head.
_REPEAT_SHARE = 0.5
_PAGE_NUMBER_RE = regex.compile(r"^(?:[-–]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$", regex.IGNORECASE)
_DIGITS_RE = regex.compile(r"\d+")

@dataclass(frozen=True, slots=True)
class PageItem:
    """A text line or a table row, placed on its page."""

    page: int
    top: float
    text: str
    table: int | None = None  # index of the table this row belongs to
    confidence: float | None = None  # OCR: the mean confidence of its words


def _header_key(row: str) -> str:
    # an OCR'd header printed again on the next page may differ in a mark or a stray dot
    return "".join(c for c in row.lower() if c.isalnum()) if row else ""


#: Read by OCR, a header row printed again is the same header when this similar (rapidfuzz, 0–100).
_SAME_HEADER_OCR = 85


def _same_header(key: str, previous: str, by_ocr: bool) -> bool:
    if key == previous:
        return True
    if not by_ocr or not key or not previous:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(key, previous) >= _SAME_HEADER_OCR


def tables_joined(pages: list[list[PageItem]]) -> list[list[PageItem]]:
    """Tables numbered over the whole document; a table whose header row repeats the previous table's is
    its continuation on a new page (the header row printed again is dropped)."""
    headers: list[str] = []
    out = []
    for items in pages:
        index: dict[int, int] = {}
        page_out = []
        for it in items:
            if it.table is None:
                page_out.append(it)
                continue
            if it.table not in index:  # the table's first row
                if headers and _same_header(_header_key(it.text), headers[-1], it.confidence is not None):
                    index[it.table] = len(headers) - 1
                    continue
                headers.append(_header_key(it.text))
                index[it.table] = len(headers) - 1
            page_out.append(PageItem(it.page, it.top, it.text, index[it.table], it.confidence))
        out.append(page_out)
    return out


def running_heads(pages: list[list[PageItem]], heights: list[float]) -> set[tuple[int, float]]:
    """(page, top) of lines that repeat at a page edge, and of page numbers at an edge."""
    edge_lines: Counter[str] = Counter()
    at_edge: list[list[PageItem]] = []
    for items, height in zip(pages, heights, strict=True):
        edges = [it for it in items if it.table is None
                 and (it.top < height * _EDGE_SHARE or it.top > height * (1 - _EDGE_SHARE))]
        at_edge.append(edges)
        for key in {_DIGITS_RE.sub("#", it.text.strip()) for it in edges}:
            edge_lines[key] += 1
    drop = set()
    for edges in at_edge:
        for it in edges:
            key = _DIGITS_RE.sub("#", it.text.strip())
            if _PAGE_NUMBER_RE.match(it.text.strip()) or (len(pages) > 1 and edge_lines[key] >= max(2, _REPEAT_SHARE * len(pages))):
                drop.add((it.page, it.top))
    return drop


def page_list(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")


def confidence_notes(read: dict[int, list[PageItem]]) -> list[tuple[str, str]]:
    notes = []
    for number, items in sorted(read.items()):
        words = [(it.confidence or 0.0, len(it.text.split())) for it in items]
        total = sum(n for _, n in words)
        mean = sum(c * n for c, n in words) / total if total else 0.0
        if not total:
            notes.append(("W009", f"page {number}: OCR read no text"))
        elif mean < LOW_OCR_CONFIDENCE:
            notes.append(("W009", f"page {number}: OCR confidence {mean:.2f}, below {LOW_OCR_CONFIDENCE:.2f}: check its items"))
    return notes


def source_of_pages(path: str, fmt: str, data: bytes, pages: list[list[PageItem]], heights: list[float],
                    notes: list[tuple[str, str]], ocr_pages: list[int]) -> SourceText:
    """The document's text: pages in order, tables joined over page breaks, running heads removed."""
    joined = tables_joined(pages)
    drop = running_heads(joined, heights)
    kept = [it for items in joined for it in items if (it.page, it.top) not in drop]
    read = headings_in_turn([it.text if it.confidence is not None and it.table is None else None for it in kept])
    text = unicodedata.normalize("NFC", "\n".join(r if r is not None else it.text for r, it in zip(read, kept, strict=True)))
    return SourceText(path=path, format=fmt, sha256=hashlib.sha256(data).hexdigest(), text=text,
                      line_starts=line_starts_of(text), encoding=fmt, notes=tuple(notes),
                      line_pages=tuple(it.page for it in kept), pages=len(pages),
                      line_confidences=tuple(it.confidence for it in kept) if ocr_pages else (),
                      ocr_pages=tuple(ocr_pages))


def read_in_parallel(path: Path, numbers: list[int], read_page: Callable[[int], list[PageItem]],
                     workers: int) -> list[list[PageItem]]:
    """`read_page` of each page number, on up to `workers` threads (each OCR page is a Tesseract
    process, so threads are enough); an error names the file."""
    try:
        if workers <= 1 or len(numbers) <= 1:
            return [read_page(n) for n in numbers]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(read_page, numbers))
    except VnPlanExtractError as exc:
        raise type(exc)(path, exc.reason) from None
