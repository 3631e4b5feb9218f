"""Read a PDF plan (pdfplumber) into plan text lines, each with its page, tables as real rows.

- Text lines come from the words' positions, page by page, top to bottom; running heads and page
  numbers are removed (`pages.py`).
- Tables drawn with ruling lines are read cell by cell (a cell's wrapped lines kept whole) and written
  one line a row, cells separated by tabs; the text lines inside a table are left out. A table that
  goes on over the next page is one table: a header row printed again on the new page is dropped.
- A page with no text layer (a scan), or whose text layer is not Vietnamese (fonts without a Unicode
  map: fewer than `_VIETNAMESE_SHARE` of its words are Vietnamese syllables), is read by OCR
  (`ocr.py`) when `ocr` is "auto"; "always" reads every page by OCR, "never" none (a scanned page then
  gives a warning that it needs OCR). OCR pages run in parallel on at most `workers` threads (each a
  Tesseract process), and their lines carry the confidence of their words.

Grounding: line N of the rendering and its page (`SourceText.line_pages`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import limits
from ..document import SourceText
from ..errors import LimitExceeded, MissingSystemTool, UnreadableDocument
from ..lexicon.syllables import vietnamese_share
from ._files import read_input_bytes
from .ocr import read_page_image, render_scale
from .pages import PageItem, confidence_notes, page_list, read_in_parallel, source_of_pages

#: Below this share of Vietnamese syllables among its words (and with `_MIN_WORDS` words or more), a
#: page's text layer is not Vietnamese: 0.52 for an unmapped font's page, 0.86 and more for real pages.
_VIETNAMESE_SHARE = 0.75
_MIN_WORDS = 15
OCR_MODES = ("auto", "always", "never")

#: Horizontal gap (points) above which two characters are two words. pdfplumber's default (3) joins
#: a Word list number to its heading ("ICÁC CHỈ TIÊU") in LibreOffice's PDFs; 2 keeps words whole.
_X_TOLERANCE = 2


def _rows_of(table: Any) -> list[list[str]]:
    rows = []
    for row in table.extract(x_tolerance=_X_TOLERANCE):
        rows.append([" ".join((cell or "").split()) for cell in row])
    return rows


def _page_items(page: Any, number: int) -> list[PageItem]:
    """The page's text lines and table rows; a row's `table` is the table's index on this page."""
    items: list[PageItem] = []
    found = page.find_tables()
    boxes = [t.bbox for t in found]
    kept = 0
    for t in found:
        rows = _rows_of(t)
        if not rows or max(len([c for c in r if c]) for r in rows) < 2:
            boxes.remove(t.bbox)
            continue
        top = t.bbox[1]
        for k, row in enumerate(rows):
            items.append(PageItem(number, top + k * 0.01, "\t".join(row), kept))
        kept += 1

    def inside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    for line in page.extract_text_lines(keep_blank_chars=False, x_tolerance=_X_TOLERANCE):
        if not line["text"].strip() or inside(line):
            continue
        items.append(PageItem(number, line["top"], line["text"]))
    items.sort(key=lambda it: it.top)
    return items


def _needs_ocr(mode: str, items: list[PageItem], has_pictures: bool) -> bool:
    if mode != "auto":
        return mode == "always"
    text = "\n".join(it.text for it in items)
    if not text.strip():
        return has_pictures
    return len(text.split()) >= _MIN_WORDS and vietnamese_share(text) < _VIETNAMESE_SHARE


def _ocr_pages(path: Path, numbers: list[int], workers: int, password: str | None = None) -> dict[int, list[PageItem]]:
    """The items of the given pages, read by OCR (pages on up to `workers` threads)."""
    import pypdfium2  # installed with pdfplumber

    def one(number: int) -> list[PageItem]:
        document = pypdfium2.PdfDocument(str(path), password=password)  # one handle a thread: PDFium is not thread-safe
        try:
            page = document[number - 1]
            scale = render_scale(page.get_width(), page.get_height())
            gray = page.render(scale=scale, grayscale=True).to_numpy()
        finally:
            document.close()
        if gray.ndim == 3:
            gray = gray[:, :, 0]
        return [PageItem(number, line.top / scale, line.text, line.table, line.confidence) for line in read_page_image(gray)]

    try:
        return dict(zip(numbers, read_in_parallel(path, numbers, one, workers), strict=True))
    except pypdfium2.PdfiumError as exc:
        raise UnreadableDocument(path, f"a page cannot be rendered for OCR ({exc})") from None


_ENCRYPTED = "the PDF is encrypted: it needs a password to be read (--password)"
_WRONG_PASSWORD = "the PDF is encrypted and the password given does not open it"
#: A page's text that pdfminer reads is compared with what pdfium reads of it: under this share of it,
#: part of the page's content could not be decoded (pdfminer skips a damaged stream without a word).
_LOST_SHARE = 0.5
_MIN_CHARS_COMPARED = 50


def _pdfium_char_counts(path: Path, data: bytes, password: str | None = None) -> list[int] | None:
    """The characters on each page as pdfium reads them (fast, and independent of pdfminer), after the
    page count is checked against the limit; None where pdfium cannot open the file (pdfminer, more
    lenient with a truncated file, may still read its first pages)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data, password=password)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableDocument(path, _ENCRYPTED if password is None else _WRONG_PASSWORD) from None
        return None
    try:
        n = len(document)
        lim = limits.current()
        if n > lim.max_pdf_pages:
            raise LimitExceeded(path, f"the PDF has {n:,} pages, more than the limit of {lim.max_pdf_pages:,}")
        counts = []
        for k in range(n):
            page = document[k]
            text = page.get_textpage()
            counts.append(text.count_chars())
            text.close()
            page.close()
        return counts
    finally:
        document.close()


def read_pdf_file(path: Path, ocr: str = "auto", workers: int = 1, password: str | None = None) -> SourceText:
    """Render a PDF as plan text lines with their pages, scanned pages read by OCR (`ocr`: "auto",
    "always" or "never"). Raises `UnreadableDocument` for a bad PDF, `MissingSystemTool` where OCR is
    needed and Tesseract is not installed."""
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {OCR_MODES}, not {ocr!r}")
    data = read_input_bytes(path)
    if not data.strip():
        raise UnreadableDocument(path, "the file is empty")
    if not data.lstrip()[:5] == b"%PDF-":
        raise UnreadableDocument(path, "not a PDF (no %PDF header)")
    import pdfplumber  # imported here so that text-only use never loads it
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    counts = _pdfium_char_counts(path, data, password)
    lim = limits.current()
    notes: list[tuple[str, str]] = []
    pages: list[list[PageItem]] = []
    heights: list[float] = []
    pictures = 0
    scanned: list[int] = []
    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            if len(pdf.pages) > lim.max_pdf_pages:
                raise LimitExceeded(path, f"the PDF has {len(pdf.pages):,} pages, more than the limit of {lim.max_pdf_pages:,}")
            counts = counts or [0] * len(pdf.pages)
            for number, page in enumerate(pdf.pages, 1):
                if counts[number - 1] > lim.max_page_chars:
                    # a page flooded with characters (tens of thousands of tiny glyphs) is no page of a plan
                    notes.append(("W011", f"page {number}: {counts[number - 1]:,} characters, more than the limit of "
                                          f"{lim.max_page_chars:,}; its text is left out"))
                    pages.append([])
                    heights.append(float(page.height))
                    continue
                items = _page_items(page, number)
                if counts[number - 1] >= _MIN_CHARS_COMPARED and len(page.chars) < _LOST_SHARE * counts[number - 1]:
                    notes.append(("W010", f"page {number}: part of its text cannot be read (a damaged content "
                                          f"stream: {len(page.chars):,} of {counts[number - 1]:,} characters)"))
                if _needs_ocr(ocr, items, bool(page.images)):
                    scanned.append(number)
                pages.append(items)
                heights.append(float(page.height))
                pictures += len(page.images)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableDocument(path, _ENCRYPTED if password is None else _WRONG_PASSWORD) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableDocument(path, f"damaged or truncated PDF ({type(exc).__name__})") from None
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in a PdfminerException of its own
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
            cause = " ".join(type(a).__name__ + str(a) for a in exc.args)
            if "password" in cause.lower() or "encrypt" in cause.lower():
                raise UnreadableDocument(path, _ENCRYPTED if password is None else _WRONG_PASSWORD) from None
            raise UnreadableDocument(path, f"damaged or truncated PDF ({type(exc).__name__})") from None
        raise
    if ocr == "never" and pictures:
        bare = [n for n, items in enumerate(pages, 1) if not items]
        if bare:
            notes.append(("W006", f"{len(bare)} page(s) without a text layer ({page_list(bare)}): a scan, to be read with --ocr auto"))
    if scanned:
        try:
            read = _ocr_pages(path, scanned, workers, password)
        except MissingSystemTool as missing:
            if ocr == "always" or len(scanned) == len(pages):
                raise
            # a plan with a text layer and a scanned page or two (a signature page) is still read
            notes.append(("W006", f"{page_list(scanned)} not read: {missing.reason}"))
            for number in scanned:
                pages[number - 1] = []  # no text, or a text layer that is not Vietnamese
            read = {}
            scanned = []
        for number in scanned:
            pages[number - 1] = read[number]
        notes.extend(confidence_notes(read))
    source = source_of_pages(str(path), "pdf", data, pages, heights, notes, scanned)
    if not source.text.strip() and not notes:
        raise UnreadableDocument(path, "the PDF has no text and no scanned page: its pages are blank")
    return source


