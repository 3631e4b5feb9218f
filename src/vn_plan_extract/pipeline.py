"""The pipeline, as a short list of calls: read → normalise → structure → tables → extract → reconcile → assemble."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .assemble import assemble
from .document import NormalisedDocument, SourceText
from .errors import InternalError, LimitExceeded, UnreadableDocument, UnsupportedFormat, VnPlanExtractError
from .extraction.metadata import aims_year, default_target_year, extract_metadata, names_a_period
from .extraction.prose import extract_prose_indicators
from .extraction.responsibilities import extract_responsibilities
from .extraction.table_items import extract_table_items
from .models import PlanDocument
from .normalize import normalise
from .readers import read_path
from .readers.text import decode_bytes, source_from_text
from .reconcile import Reconciled, reconcile
from .structure import StructuredDocument, structure
from .tables import tables_of

logger = logging.getLogger(__name__)


def _checked(stage: str, value: object, expected: type) -> None:
    # A stage returning the wrong type is a bug in this package; name the stage that did it.
    if not isinstance(value, expected):
        raise TypeError(f"stage {stage!r} returned {type(value).__name__}, expected {expected.__name__}")


def run(source: SourceText) -> PlanDocument:
    normalised = normalise(source)
    _checked("normalise", normalised, NormalisedDocument)
    structured = structure(normalised)
    _checked("structure", structured, StructuredDocument)
    metadata, date_span = extract_metadata(structured)
    # the year the title names, else the horizon the aims' heading names ("Mục tiêu cụ thể đến năm 2030")
    plan_year = default_target_year(metadata, date_span) or aims_year(structured)
    tables = tables_of(structured)
    opening = " ".join(b.text for b in structured.blocks[:1])  # a page quoting a plan: its headline
    prose = extract_prose_indicators(structured, plan_year, names_a_period(metadata, opening))
    from_tables = extract_table_items(structured, tables, plan_year)
    responsibilities = extract_responsibilities(structured)
    first = structured.blocks[0] if structured.blocks else None
    reconciled = reconcile(prose, from_tables, plan_year, (first.line_start, first.line_end) if first else None)
    _checked("reconcile", reconciled, Reconciled)
    document = assemble(structured, metadata, reconciled, from_tables, responsibilities)
    _checked("assemble", document, PlanDocument)
    logger.debug("%s: %d sections, %d indicators", source.path, len(document.sections),
                 len(document.indicators))
    return document


def extract(path: str | Path, *, ocr: str = "auto", workers: int = 1, password: str | None = None) -> PlanDocument:
    """Read a plan file (.txt, .md, .docx, .doc, .odt, .rtf, .pdf, .html, page images) and return its
    `PlanDocument`. `ocr`: "auto" reads scanned pages (and unusable text layers) by OCR, "always" every
    page of a PDF, "never" none; `workers`: how many pages are read by OCR at once; `password`: that of
    an encrypted PDF.

    Raises `VnPlanExtractError` (naming the file and the reason) for a file that cannot be read.
    """
    if not isinstance(path, str | Path):
        raise UnreadableDocument(None, f"extract() takes a file path, not {type(path).__name__}")
    with _own_errors(path):
        started = time.perf_counter()
        source = read_path(Path(path), ocr=ocr, workers=workers, password=password)
        read_s = time.perf_counter() - started
        document = run(source)
        logger.info("%s: %s", path, how_read(source, document, read_s, time.perf_counter() - started - read_s))
        return document


def how_read(source: SourceText, document: PlanDocument, read_s: float, extract_s: float) -> str:
    """What -v says of a file: how it was read and what came of it ("read as pdf (453 lines, 13 pages)
    in 1.15 s; 4 indicators, 16 tasks, 2 warnings in 0.02 s")."""
    pages = f", {document.source.pages} pages" if document.source.pages else ""
    ocr_pages = f", OCR on pages {document.source.ocr_pages}" if document.source.ocr_pages else ""
    return (f"read as {source.format} ({source.line_count} lines{pages}{ocr_pages}) in {read_s:.2f} s; "
            f"{len(document.indicators)} indicators, {len(document.tasks)} tasks, {len(document.warnings)} warnings "
            f"in {extract_s:.2f} s")


def extract_text(text: str | bytes, path: str | None = None, fmt: str = "txt") -> PlanDocument:
    """Extract from text already in memory (`fmt` is "txt" or "md"); bytes are decoded as a text file's
    are (UTF-8, UTF-16 or Windows-1258)."""
    if fmt not in _TEXT_FORMATS:
        raise UnsupportedFormat(path, f"extract_text reads {' or '.join(sorted(_TEXT_FORMATS))}, not {fmt!r}")
    with _own_errors(path):
        if isinstance(text, bytes | bytearray):
            decoded, encoding, notes = decode_bytes(bytes(text), path)
            return run(source_from_text(decoded, path, fmt, raw=bytes(text), encoding=encoding, notes=notes))
        if not isinstance(text, str):
            raise UnreadableDocument(path, f"extract_text takes a str or bytes, not {type(text).__name__}")
        return run(source_from_text(text, path, fmt))


_TEXT_FORMATS = frozenset({"txt", "md"})


@contextmanager
def _own_errors(path: str | Path | None) -> Iterator[None]:
    """Whatever goes wrong reading a file leaves as this package's error, naming the file: a bug as an
    `InternalError` (the original is its `__cause__`), memory or nesting past Python's own limits as
    `LimitExceeded`."""
    try:
        yield
    except VnPlanExtractError:
        raise
    except MemoryError:
        raise LimitExceeded(path, "ran out of memory reading it") from None
    except RecursionError:
        raise LimitExceeded(path, "nested too deep to be read") from None
    except Exception as exc:
        raise InternalError(path, f"internal error ({type(exc).__name__}: {exc}); please report it with the file") from exc
