"""Responsibilities: each sub-section of "Tổ chức thực hiện" becomes {unit, duties}."""

from __future__ import annotations

import regex

from ..document import span_of
from ..lexicon.markers import RESPONSIBILITIES_TITLE_RE
from ..models import Responsibility, Source
from ..structure import Role, StructuredDocument

_ITEM_MARKER_RE = regex.compile(r"^[-–—+*•]\s*")
_REQUEST_RE = regex.compile(r"^(?:Đề\s+nghị|Giao)\s+", regex.IGNORECASE)


def responsibility_sections(doc: StructuredDocument) -> dict[int, int]:
    """Map each heading under a "Tổ chức thực hiện" section to the child heading that names its unit."""
    owner: dict[int, int] = {}
    root_level = None
    child = -1
    for h_index, h in enumerate(doc.headings):
        if root_level is not None and h.level <= root_level:
            root_level = None
        if RESPONSIBILITIES_TITLE_RE.search(h.title):
            root_level = h.level
            continue
        if root_level is not None:
            if h.level == root_level + 1:
                child = h_index
            owner[h_index] = child
    return owner


def unit_of_heading(title: str) -> str:
    """ "Đề nghị UB MTTQ Việt Nam phường." → "UB MTTQ Việt Nam phường"."""
    return _REQUEST_RE.sub("", title).strip(" .:;")


def extract_responsibilities(doc: StructuredDocument) -> list[Responsibility]:
    source = doc.normalised.source
    owner = responsibility_sections(doc)
    duties: dict[int, list[str]] = {}
    for i, b in enumerate(doc.blocks):
        if doc.roles[i] is not Role.BODY:
            continue
        h = doc.section_of[i]
        if h in owner and owner[h] >= 0:
            duties.setdefault(owner[h], []).append(_ITEM_MARKER_RE.sub("", b.text))
    out = []
    for child in sorted({c for c in owner.values() if c >= 0}):
        heading = doc.headings[child]
        block = doc.blocks[heading.block]
        span = span_of(source, block, 0, len(block.text))
        out.append(Responsibility(
            unit=unit_of_heading(heading.title), duties=duties.get(child, []), section_path=list(heading.path),
            source=Source(line_start=span.line_start, line_end=span.line_end,
                          quote=source.text[span.start:span.end]),
        ))
    return out
