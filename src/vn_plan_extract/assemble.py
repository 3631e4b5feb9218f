"""Assemble: stage outputs → `PlanDocument` (section tree, indicator ids, warnings)."""

from __future__ import annotations

from .document import LOW_OCR_CONFIDENCE, SourceText, span_of
from .errors import WARNING_CODES, readable_name
from .extraction.metadata import unread_by_ocr
from .extraction.table_items import TableItems
from .lexicon.markers import roman_value
from .models import (
    DocumentSource,
    Indicator,
    Metadata,
    PlanDocument,
    Responsibility,
    Section,
    SectionKind,
    Source,
    SourceFormat,
    Task,
    Warning,
)
from .reconcile import Reconciled
from .structure import StructuredDocument


def _sections(doc: StructuredDocument) -> list[Section]:
    source = doc.normalised.source
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for h in doc.headings:
        block = doc.blocks[h.block]
        last = doc.blocks[h.title_blocks[-1]] if h.title_blocks else block
        span = span_of(source, block, 0, len(block.text))
        end = span_of(source, last, 0, len(last.text))
        section = Section(
            label=h.label, title=h.title, level=h.level, kind=SectionKind(h.kind),
            source=Source(line_start=span.line_start, line_end=end.line_end,
                          quote=source.text[span.start:end.end]),
        )
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(section)
        stack.append((h.level, section))
    return roots


def _numbering_warnings(doc: StructuredDocument) -> list[Warning]:
    """A Roman or Arabic sequence that skips a number (I, III) is kept as printed, with a warning."""
    source = doc.normalised.source
    out = []
    last: dict[tuple[tuple[str, ...], str], int] = {}
    for h in doc.headings:
        try:
            value = roman_value(h.label) if h.kind == "roman" else int(h.label) if h.kind == "arabic" else None
        except (KeyError, ValueError):
            value = None
        if value is None:
            continue
        key = (h.path[:-1], h.kind)
        prev = last.get(key)
        if prev is not None and value > prev + 1:
            block = doc.blocks[h.block]
            span = span_of(source, block, 0, len(block.text))
            out.append(Warning(code="W004", message=f"{WARNING_CODES['W004']}: {h.label} follows {prev}",
                               source=Source(line_start=span.line_start, line_end=span.line_end,
                                             quote=source.text[span.start:span.end])))
        last[key] = value
    return out


def _numbered(reconciled: Reconciled) -> tuple[list[Indicator], list[Task]]:
    """Indicators numbered in document order; each task's links follow its targets' new numbers."""
    ordered = sorted(reconciled.indicators,
                     key=lambda i: (i.source.line_start, i.source.table.row if i.source.table else 0))
    renumber = {ind.id: f"ind-{k:03d}" for k, ind in enumerate(ordered, 1)}
    indicators = [ind.model_copy(update={"id": renumber[ind.id]}) for ind in ordered]
    tasks = [t.model_copy(update={"indicator_ids": [renumber[i] for i in t.indicator_ids]})
             for t in reconciled.tasks]
    return indicators, tasks


def assemble(doc: StructuredDocument, metadata: Metadata, reconciled: Reconciled, tables: TableItems,
             responsibilities: list[Responsibility]) -> PlanDocument:
    """Number, nest and collect: the section tree, indicators and tasks in document order, warnings."""
    source = doc.normalised.source
    numbered, tasks = _numbered(reconciled)
    warnings: list[Warning] = list(tables.warnings)
    for line in doc.normalised.removed_page_numbers:
        warnings.append(Warning(code="W001", message=WARNING_CODES["W001"],
                                source=Source(line_start=line, line_end=line, quote=source.line_text(line))))
    for line in doc.normalised.removed_chrome:
        warnings.append(Warning(code="W008", message=WARNING_CODES["W008"],
                                source=Source(line_start=line, line_end=line, quote=source.line_text(line))))
    for code, message in source.notes:
        warnings.append(Warning(code=code, message=f"{WARNING_CODES[code]}: {message}"))
    warnings.extend(_numbering_warnings(doc))
    for message, span in unread_by_ocr(doc, metadata):
        warnings.append(Warning(code="W009", message=f"{WARNING_CODES['W009']}: {message}",
                                source=Source(line_start=span.line_start, line_end=span.line_end,
                                              quote=source.text[span.start:span.end])))
    document = PlanDocument(
        source=DocumentSource(path=readable_name(source.path) if source.path else "<text>", format=SourceFormat(source.format),
                              sha256=source.sha256, pages=source.pages, ocr_pages=list(source.ocr_pages)),
        metadata=metadata,
        sections=_sections(doc),
        indicators=numbered,
        tasks=tasks,
        budget=tables.budget,
        responsibilities=responsibilities,
        warnings=warnings,
    )
    if source.line_pages:
        _set_pages(document, source)
    return document


def _set_pages(document: PlanDocument, source: SourceText) -> None:
    """Every Source of a PDF's items gets the page its first line is on."""
    def walk(sections: list[Section]) -> None:
        for s in sections:
            s.source.page = source.page_of_line(s.source.line_start)
            walk(s.children)

    walk(document.sections)
    grounded: list[Source] = [x.source for x in document.indicators] + [x.source for x in document.tasks]
    grounded += [x.source for x in document.responsibilities]
    grounded += [x.source for x in (document.budget.items if document.budget else [])]
    for src in grounded:
        src.page = source.page_of_line(src.line_start)
        if source.line_confidences:
            src.confidence = source.confidence_of(src.line_start, src.line_end)
    for ind in document.indicators:
        if ind.source.confidence is not None and ind.source.confidence < LOW_OCR_CONFIDENCE:
            document.warnings.append(Warning(
                code="W009", message=f"{WARNING_CODES['W009']}: {ind.id} ({ind.source.confidence:.2f}): check its value",
                source=ind.source.model_copy()))
    for w in document.warnings:
        if w.source is not None:
            w.source.page = source.page_of_line(w.source.line_start)
