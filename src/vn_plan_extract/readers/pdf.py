"""Read a PDF plan (pdfplumber) into plan text lines, each with its page, tables as real rows.

- Text lines come from the words' positions, page by page, top to bottom.
- Running headers and footers (the same line at the top or bottom of most pages, the page number)
  are removed.
- Tables drawn with ruling lines are read cell by cell (a cell's wrapped lines kept whole) and written
  one line a row, cells separated by tabs; the text lines inside a table are left out. A table that
  goes on over the next page is one table: a header row printed again on the new page is dropped.
- A page with no text layer (a scan) gives a warning that it needs OCR.

Grounding: line N of the rendering and its page (`SourceText.line_pages`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from ..document import SourceText, line_starts_of
from ..errors import UnreadableDocument
from ._files import read_input_bytes

#: Lines within this share of the page height from its top or bottom edge may be running heads.
_EDGE_SHARE = 0.08
#: A line repeated at an edge on at least this share of pages is a running head.
_REPEAT_SHARE = 0.5
_PAGE_NUMBER_RE = regex.compile(r"^(?:[-–]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$", regex.IGNORECASE)
_DIGITS_RE = regex.compile(r"\d+")
#: Horizontal gap (points) above which two characters are two words. pdfplumber's default (3) joins
#: a Word list number to its heading ("ICÁC CHỈ TIÊU") in LibreOffice's PDFs; 2 keeps words whole.
_X_TOLERANCE = 2


@dataclass(frozen=True, slots=True)
class _Item:
    """A text line or a table row, placed on its page."""

    page: int
    top: float
    text: str
    table: int | None = None  # index of the table this row belongs to


def _rows_of(table: Any) -> list[list[str]]:
    rows = []
    for row in table.extract(x_tolerance=_X_TOLERANCE):
        rows.append([" ".join((cell or "").split()) for cell in row])
    return rows


def _page_items(page: Any, number: int, tables_seen: list[list[str]]) -> list[_Item]:
    items: list[_Item] = []
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    for t in found:
        rows = _rows_of(t)
        if not rows or max(len([c for c in r if c]) for r in rows) < 2:
            boxes.remove(t.bbox)
            continue
        top = t.bbox[1]
        for k, row in enumerate(rows):
            if k == 0 and tables_seen and row == tables_seen[-1]:
                continue  # the header row printed again on a new page
            if k == 0:
                tables_seen.append(row)
            items.append(_Item(number, top + k * 0.01, "\t".join(row), len(tables_seen) - 1))

    def inside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    for line in page.extract_text_lines(keep_blank_chars=False, x_tolerance=_X_TOLERANCE):
        if not line["text"].strip() or inside(line):
            continue
        items.append(_Item(number, line["top"], line["text"]))
    items.sort(key=lambda it: it.top)
    return items


def _running_heads(pages: list[list[_Item]], heights: list[float]) -> set[tuple[int, float]]:
    """(page, top) of lines that repeat at a page edge, and of page numbers at an edge."""
    edge_lines: Counter[str] = Counter()
    at_edge: list[list[_Item]] = []
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


def read_pdf_file(path: Path) -> SourceText:
    """Render a PDF as plan text lines with their pages. Raises `UnreadableDocument` for a bad PDF."""
    data = read_input_bytes(path)
    if not data.strip():
        raise UnreadableDocument(path, "the file is empty")
    if not data.lstrip()[:5] == b"%PDF-":
        raise UnreadableDocument(path, "not a PDF (no %PDF header)")
    import pdfplumber  # imported here so that text-only use never loads it
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[list[_Item]] = []
    heights: list[float] = []
    pictures = 0
    try:
        with pdfplumber.open(path) as pdf:
            tables_seen: list[list[str]] = []
            for number, page in enumerate(pdf.pages, 1):
                pages.append(_page_items(page, number, tables_seen))
                heights.append(float(page.height))
                pictures += len(page.images)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableDocument(path, "the PDF is encrypted: it needs a password to be read") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableDocument(path, f"damaged or truncated PDF ({type(exc).__name__})") from None
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in a PdfminerException of its own
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
            cause = " ".join(type(a).__name__ + str(a) for a in exc.args)
            if "password" in cause.lower() or "encrypt" in cause.lower():
                raise UnreadableDocument(path, "the PDF is encrypted: it needs a password to be read") from None
            raise UnreadableDocument(path, f"damaged or truncated PDF ({type(exc).__name__})") from None
        raise
    drop = _running_heads(pages, heights)
    lines: list[str] = []
    line_pages: list[int] = []
    for items in pages:
        for it in items:
            if (it.page, it.top) in drop:
                continue
            lines.append(it.text)
            line_pages.append(it.page)
    text = unicodedata.normalize("NFC", "\n".join(lines))
    notes: tuple[tuple[str, str], ...] = ()
    if not text.strip():
        if not pictures:
            raise UnreadableDocument(path, "the PDF has no text and no scanned page: its pages are blank")
        notes = (("W006", f"{len(pages)} page(s) without a text layer: the PDF is a scan and needs OCR"),)
    return SourceText(path=str(path), format="pdf", sha256=hashlib.sha256(data).hexdigest(), text=text,
                      line_starts=line_starts_of(text), encoding="pdf", notes=notes,
                      line_pages=tuple(line_pages), pages=len(pages))
