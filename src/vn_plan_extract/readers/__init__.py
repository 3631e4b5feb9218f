"""Readers: bytes in, `SourceText` out, with the file's name in every error."""

from __future__ import annotations

from pathlib import Path

from ..document import SourceText
from ..errors import UnsupportedFormat
from .docx import read_docx_file
from .html import HTML_SUFFIXES, read_html_file
from .image import IMAGE_SUFFIXES, read_image_file
from .office import OFFICE_SUFFIXES, read_office_file
from .pdf import OCR_MODES, read_pdf_file
from .text import read_text_file

#: File suffixes each reader takes.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"} | OFFICE_SUFFIXES | IMAGE_SUFFIXES | HTML_SUFFIXES


__all__ = ["OCR_MODES", "SUPPORTED_SUFFIXES", "read_path"]


def read_path(path: Path, ocr: str = "auto", workers: int = 1, password: str | None = None) -> SourceText:
    """Read any supported file; `ocr` ("auto", "always", "never") and `workers` (OCR threads) apply to
    PDFs and page images, `password` to encrypted PDFs."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path)
    if suffix == ".docx":
        return read_docx_file(path)
    if suffix == ".pdf":
        return read_pdf_file(path, ocr=ocr, workers=workers, password=password)
    if suffix in OFFICE_SUFFIXES:
        return read_office_file(path)
    if suffix in HTML_SUFFIXES:
        return read_html_file(path)
    if suffix in IMAGE_SUFFIXES:
        return read_image_file(path, ocr=ocr, workers=workers)
    raise UnsupportedFormat(path, f"unsupported file type {suffix or '(none)'!r}; "
                                  f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
