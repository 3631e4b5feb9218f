"""Responsibilities: each sub-section of "Tổ chức thực hiện" becomes {unit, duties}."""

from __future__ import annotations

import regex

from ..document import span_of
from ..lexicon.agencies import leading_agency
from ..lexicon.markers import RESPONSIBILITIES_TITLE_RE
from ..models import Responsibility, Source
from ..structure import Role, StructuredDocument

_ITEM_MARKER_RE = regex.compile(r"^[-–—+*•]\s*")
_REQUEST_RE = regex.compile(r"^(?:Đề\s+nghị|Giao)\s+", regex.IGNORECASE)
_SHARED_DUTY_RE = regex.compile(r"^Trách\s+nhiệm(?:\s+chung)?\s+của\s+", regex.IGNORECASE)


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
    """The body a responsibilities heading names.

    >>> unit_of_heading("Đề nghị UB MTTQ Việt Nam phường.")
    'UB MTTQ Việt Nam phường'
    >>> unit_of_heading("Trách nhiệm chung của các cơ quan, ban, ngành, đoàn thể xã")
    'các cơ quan, ban, ngành, đoàn thể xã'
    """
    title = _SHARED_DUTY_RE.sub("", _REQUEST_RE.sub("", title))
    return title.strip(" .:;")


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
        grounding = Source(line_start=span.line_start, line_end=span.line_end, quote=source.text[span.start:span.end])
        # "8. Tổ Công nghệ số cộng đồng và Các trường học" whose duties open with each body's name:
        # one responsibility per body named before a colon
        by_unit: dict[str, list[str]] = {}
        for duty in duties.get(child, []):
            named = leading_agency(duty)
            if named and duty[len(named):].lstrip().startswith(":"):
                by_unit.setdefault(named, []).append(duty[len(named):].lstrip(" :"))
            else:
                by_unit.setdefault(unit_of_heading(heading.title), []).append(duty)
        if not by_unit:
            by_unit[unit_of_heading(heading.title)] = []
        for unit, unit_duties in by_unit.items():
            out.append(Responsibility(unit=unit, duties=unit_duties, section_path=list(heading.path),
                                      source=grounding))
    return out
