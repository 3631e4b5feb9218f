"""Readers: bytes in, `SourceText` out, with the file's name in every error."""

from __future__ import annotations

from pathlib import Path

from ..document import SourceText
from ..errors import UnsupportedFormat
from .docx import read_docx_file
from .pdf import read_pdf_file
from .text import read_text_file

#: File suffixes each reader takes.
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}


def read_path(path: Path) -> SourceText:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path)
    if suffix == ".docx":
        return read_docx_file(path)
    if suffix == ".pdf":
        return read_pdf_file(path)
    raise UnsupportedFormat(path, f"unsupported file type {suffix or '(none)'!r}; "
                                  f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
