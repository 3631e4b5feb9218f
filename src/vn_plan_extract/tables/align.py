"""Cells placed in the header's columns by what each column can hold, chosen for the whole table at once.

A table that reaches us as a stream of cells (a web page's table copied one cell a line with blank lines
between, or its cells between "|" lines with nothing marking a row's end) does not say where a row ends:
rows leave out their empty last cells, a sub-row its number cell, and a value ("5", "9") can look like
the next row's number. Cutting the stream row by row on a local rule gets those wrong one row at a
time. Here every way of cutting the stream into rows is scored by how well each cell fits the column it
lands in (`cell_fit`: a row number that follows the one before in the STT column, a unit word under
"Đơn vị tính", a number, a level or "-" under a value column, a public body under an agency column, a
deadline phrase under "Thời gian" …), and a dynamic programme over the cells keeps the best cut. The
table ends where no further row adds to the score, so a heading after the table stays text.

The column roles come from the header (`header.roles_of_header_cells`); the vocabularies from `lexicon`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from ..lexicon.agencies import AGENCY_HEAD_RE
from ..lexicon.columns import TARGET_CELL_RE, UNIT_CELL_RE
from ..lexicon.deadlines import DEADLINE_RE
from ..lexicon.markers import GROUP_LABEL_CELL_RE, fits, stt_parts

__all__ = ["ROW_NUMBER_CELL_RE", "ROW_START_CELL_RE", "SUB_ROW_BULLETS", "StreamRow", "cell_fit", "row_number",
           "rows_of_stream"]

#: What the first cell of a row holds: a row number, a group label, a sub-row's bullet, or nothing.
ROW_START_CELL_RE = regex.compile(r"(?:\d{1,3}(?:\.\d{1,2}){0,2}\.?|[IVXLC]{1,5}\.?|[A-ZĐa-zđ][.)]?|[-–+•*].*)")
#: A row number alone in a cell ("12", "3.1").
ROW_NUMBER_CELL_RE = regex.compile(r"\d{1,3}(?:\.\d{1,2}){0,2}\.?")
#: A sub-row's name opens with one of these ("- Nông Lâm Ngư nghiệp (%)").
SUB_ROW_BULLETS = frozenset("-–+•*")

#: A value cell: a number with its comparator, a range written in one cell ("6,5-7,5", "2.350-2.400"),
#: a bracketed value ("(3,26)"), a level or yes/no (`TARGET_CELL_RE`), or "-" for an empty cell.
_VALUE_RE = regex.compile(
    r"""(?:[≥≤><]=?|=)?\s*\(?\d{1,3}(?:[.,]\d{1,3})*\s*%?\)?(?:\s*[-–]\s*\d{1,3}(?:[.,]\d{1,3})*\s*%?)?
      | [-–—]
    """,
    regex.VERBOSE,
)
_DIGIT_RE = regex.compile(r"\d")
_LETTER_RE = regex.compile(r"\p{L}")
#: A section heading or numbered sentence of the text after a table ("II. NHIỆM VỤ", "1. Triển khai …").
_HEADING_CELL_RE = regex.compile(r"(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s+\p{Lu}")

_VALUE_ROLES = frozenset({"baseline", "growth", "target", "amount"})
_AGENCY_ROLES = frozenset({"lead", "support", "monitor"})
_TEXT_ROLES = frozenset({"name", "task", "explanation", "output", "title"})

# Scores. A cell that is what its column holds earns the most; text that could be anything a little; a
# cell that cannot be what its column holds (a sentence in a value column, a bare number as a name)
# costs. A column a row leaves out costs a little, so a row takes its last cells when they fit it.
_FITS = 2.0
_MAY_FIT = 0.5
_MISFITS = -1.5
_LEFT_OUT = -1.0
_GROUP_LEFT_OUT = -0.2  # a group row often prints its label and title only
_OPENS_ROW = 3.0  # the next row number, a group label
_OPENS_SUB_ROW = 2.0  # a bulleted name whose empty number cell was not printed
_NUMBER_OUT_OF_TURN = -2.0


def _words(text: str) -> int:
    return len(text.split())


def cell_fit(role: str, text: str) -> float:
    """How well `text` fits a column holding `role` (an empty cell is neutral)."""
    text = text.strip()
    if not text:
        return 0.0
    is_value = bool(_VALUE_RE.fullmatch(text) or TARGET_CELL_RE.fullmatch(text))
    if _HEADING_CELL_RE.match(text) and role not in _TEXT_ROLES:
        return _MISFITS  # the text after the table, not a cell of it
    if role in _VALUE_ROLES:
        if is_value:
            return _FITS
        return _MAY_FIT if _DIGIT_RE.search(text) or _words(text) <= 3 else _MISFITS
    if role == "unit":
        if UNIT_CELL_RE.fullmatch(text):
            return _FITS
        if is_value:
            return _MISFITS
        return _MAY_FIT if _words(text) <= 3 and not _DIGIT_RE.search(text) else -_MAY_FIT
    if role in _AGENCY_ROLES:
        if AGENCY_HEAD_RE.search(text):
            return _FITS
        return _MISFITS if is_value else _MAY_FIT
    if role == "deadline":
        if DEADLINE_RE.search(text):
            return _FITS
        return _MISFITS if is_value and not regex.search(r"(?:19|20)\d{2}", text) else _MAY_FIT
    if role in _TEXT_ROLES:
        if is_value or not _LETTER_RE.search(text):
            return _MISFITS
        return 1.0 if _words(text) >= 2 else _MAY_FIT
    return _MAY_FIT  # a note, a remark: anything


def row_number(text: str) -> list[int] | None:
    m = ROW_NUMBER_CELL_RE.fullmatch(text)
    return stt_parts(m.group()) if m else None


def _follows(number: list[int], last: list[int] | None) -> bool:
    """Is `number` a row number that may come after `last` (the table stage's rule, `markers.fits`), or
    1 (numbering restarts)? With no number before it, only a number of one level opens a row."""
    if last is None:
        return len(number) == 1
    return number == [1] or fits(number, last, after_group=False)


@dataclass(frozen=True, slots=True)
class StreamRow:
    """A row cut from a cell stream: cells[start:end], placed from column `column` on (1 for a sub-row
    whose empty number cell was not printed)."""

    start: int
    end: int
    column: int


@dataclass(slots=True)
class _Best:
    score: float
    last: list[int] | None  # the last row number on the best path here
    previous: int | None
    row: StreamRow | None


def rows_of_stream(texts: Sequence[str | None], roles: Sequence[str], start: int,
                   foreign_row_ends: bool = False) -> list[StreamRow]:
    """The best cut of the cells after the header at `start` (as wide as `roles`) into rows.

    `texts` holds each cell's text ("" for an empty cell, None where the run of cells breaks). With
    `foreign_row_ends`, no row opens on a cell that is no row number, group label or sub-row bullet
    (a table one cell a line has nothing else to say where it ends).
    """
    width = len(roles)
    begin = start + width
    stop = next((k for k in range(begin, len(texts)) if texts[k] is None), len(texts))
    numbered = bool(roles) and roles[0] == "stt"
    fit_cache: dict[tuple[int, int], float] = {}

    def fit(k: int, column: int) -> float:
        key = (k, column)
        if key not in fit_cache:
            fit_cache[key] = cell_fit(roles[column], texts[k] or "")
        return fit_cache[key]

    def group_fit(k: int, column: int) -> float:
        # a group row's values are subtotals, rarer than the row number that restarts under it
        return min(fit(k, column), _MAY_FIT) if roles[column] in _VALUE_ROLES else fit(k, column)

    best: dict[int, _Best] = {begin: _Best(0.0, None, None, None)}
    for k in range(begin, stop):
        here = best.get(k)
        if here is None:
            continue
        first = (texts[k] or "").strip()
        if foreign_row_ends and first and not ROW_START_CELL_RE.fullmatch(first):
            continue
        for column, opening, last in _openings(first, texts, k, here.last, numbered, fit):
            group = opening == _OPENS_ROW and bool(GROUP_LABEL_CELL_RE.fullmatch(first))
            score = here.score + opening
            for length in range(1, min(width - column, stop - k) + 1):
                if length > 1:
                    score += (group_fit if group else fit)(k + length - 1, column + length - 1)
                left_out = width - column - length
                total = score + left_out * (_GROUP_LEFT_OUT if group else _LEFT_OUT)
                end = k + length
                seen = best.get(end)
                if seen is None or total > seen.score:
                    best[end] = _Best(total, last, k, StreamRow(k, end, column))
    # the table ends where the score is highest (of equals, the furthest)
    end_at = max(best, key=lambda e: (best[e].score, e))
    rows: list[StreamRow] = []
    while (b := best[end_at]).row is not None and b.previous is not None:
        rows.append(b.row)
        end_at = b.previous
    return rows[::-1]


def _openings(first: str, texts: Sequence[str | None], k: int, last: list[int] | None, numbered: bool,
              fit: Callable[[int, int], float]) -> list[tuple[int, float, list[int] | None]]:
    """The ways a row may open on cell k: (column of the cell, score of opening so, the row number after)."""
    if not numbered:
        return [(0, fit(k, 0), last)]
    if first[:1] in SUB_ROW_BULLETS:
        return [(1, _OPENS_SUB_ROW + fit(k, 1), last)]
    if not first:
        after = (texts[k + 1] or "") if k + 1 < len(texts) else ""
        return [(0, 0.5 if after[:1] in SUB_ROW_BULLETS else -1.0, last)]
    if GROUP_LABEL_CELL_RE.fullmatch(first):
        return [(0, _OPENS_ROW, None)]  # numbering restarts under a group
    number = row_number(first)
    if number is not None:
        return [(0, _OPENS_ROW if _follows(number, last) else _NUMBER_OUT_OF_TURN, number)]
    return [(0, _NUMBER_OUT_OF_TURN, last)]
