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

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..lexicon.agencies import AGENCY_HEAD_RE, agency_is_exact, agency_is_incomplete
from ..lexicon.columns import TARGET_CELL_RE, UNIT_CELL_RE
from ..lexicon.deadlines import DEADLINE_RE
from ..lexicon.markers import GROUP_LABEL_CELL_RE, fits, stt_parts
from .header import AGENCY_ROLES

__all__ = [
    "JOINER_END_RE",
    "ROW_NUMBER_CELL_RE",
    "ROW_START_CELL_RE",
    "SUB_ROW_BULLETS",
    "StreamRow",
    "align_row",
    "cell_fit",
    "row_number",
    "rows_of_stream",
]

#: What the first cell of a row holds: a row number, a group label, a sub-row's bullet, or nothing.
ROW_START_CELL_RE = regex.compile(r"(?:\d{1,5}(?:\.\d{1,2}){0,2}\.?|[IVXLC]{1,5}\.?|[A-ZĐa-zđ][.)]?|[-–+•*].*)")
#: A row number alone in a cell ("12", "3.1").
ROW_NUMBER_CELL_RE = regex.compile(r"\d{1,5}(?:\.\d{1,2}){0,2}\.?")
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
#: A cell ending in a joining word or mark ("Phòng Văn hóa -", "Sở Tài chính và") goes on in the next.
JOINER_END_RE = regex.compile(r"(?:[-–&,;/]|\s(?:và|của|các))\s*$")
_HEADING_CELL_RE = regex.compile(r"(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s+\p{Lu}")

_VALUE_ROLES = frozenset({"baseline", "growth", "target", "amount"})
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
    if role in AGENCY_ROLES:
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


# --- one flattened row's text into its cells -------------------------------------------------------------
#
# A table taken from a PDF or a Word table as text gives a row's cells one after the other, each wrapped
# over lines, several sharing a line ("% 90", "Các ban, ngành trực thuộc Quý I/2026"). The same idea
# divides it: every division of the row's text into the header's columns, in order, at the places a cell
# can begin (a line start; a unit word, a value, a body's name or a deadline phrase inside a line), is
# scored by what each column can hold, and a dynamic programme keeps the best.

_LINE_START_RE = regex.compile(r"(?<=\n)[^\S\n]*(?=\S)")
_WORD_RE = regex.compile(r"\S+")
_WORD_START_RE = regex.compile(r"(?<!\S)\S")
_VALUE_START_RE = regex.compile(r"(?:[≥≤><]=?|=)?\s*\(?\d|[-–—](?=\s|$)|Mức\s|Cấp\s|Đạt|Có|Hoàn\s+thành")
#: Where one free-text cell ends and the next begins: a sentence ending a line, a capital after it.
_SENTENCE_END_RE = regex.compile(r"[.;:]\s*$")
_FREE_ROLES = frozenset({"name", "task", "output", "note", "explanation", "title"})
#: Columns a row always fills: its name.
_NAMED_ROLES = frozenset({"name", "task"})
#: Longest span, in words, each typed column is tried with (bounds the programme's work).
_MAX_WORDS = {"unit": 4, "deadline": 10, "lead": 16, "support": 16, "monitor": 16,
              "baseline": 5, "growth": 5, "target": 5, "amount": 3}
#: A row's text with more places a cell could begin is no row (the programme's work grows with their square).
_MAX_STARTS = 400
_MISPLACED = -3.0  # text that cannot be what a typed column holds
_NO_NAME = -5.0
_CONTINUES = -1.0  # a cell opening in lower case is the rest of the one before it
_MID_LINE_FREE_SPLIT = -1.0  # two free-text cells divided inside a line with nothing to say so


def _span_fit(role: str, text: str) -> float:
    """How well one span of a flattened row fits a column (stricter than `cell_fit`: a span is a guess)."""
    return _body_fit(role, " ".join(text.split()))


@lru_cache(maxsize=1 << 16)
def _body_fit(role: str, body: str) -> float:
    if not body:
        return _NO_NAME if role in _NAMED_ROLES else 0.0
    score = _CONTINUES if body[0].islower() else 0.0
    if role == "unit":
        return score + (_FITS if UNIT_CELL_RE.fullmatch(body) else _MISPLACED)
    if role in _VALUE_ROLES:
        return score + (_FITS if _VALUE_RE.fullmatch(body) or TARGET_CELL_RE.fullmatch(body) else _MISPLACED)
    if role == "deadline":
        return score + (_FITS if DEADLINE_RE.fullmatch(body.rstrip(".;,")) else _MISPLACED)
    if role in AGENCY_ROLES:
        if _VALUE_RE.fullmatch(body) or agency_is_incomplete(body) or JOINER_END_RE.search(body):
            return score + _MISPLACED
        return score + (_FITS if _names_bodies(body) else _MAY_FIT if AGENCY_HEAD_RE.match(body) else 0.0)
    return score + _free_end_fit(" ".join(body.rsplit(None, _TAIL_WORDS)[-_TAIL_WORDS:]))


@lru_cache(maxsize=1 << 14)
def _free_end_fit(tail: str) -> float:
    """The end of a free-text cell (its last words): "… thông minh Công an phường,", "… số Phòng" go on in
    the next cell."""
    return _CONTINUES if JOINER_END_RE.search(tail) or agency_is_incomplete(tail) else 0.0


#: The words at a free cell's end that may be the cut head of a body's name ("Phòng", "Trung tâm Y").
_TAIL_WORDS = 3
#: Between two bodies named in one cell ("Công an phường, Văn phòng HĐND &UBND", "Phòng KT,HT &ĐT, Phòng
#: VHXH"): a comma or semicolon before the head of a body's name.
_BODY_SEPARATOR_RE = regex.compile(r"\s*[,;]\s*(?=" + AGENCY_HEAD_RE.pattern + ")")


def _names_bodies(text: str) -> bool:
    """Is `text` one body's name, or a list of them, each known (`lexicon.agencies`)?"""
    if agency_is_exact(text) or all(part and agency_is_exact(part) for part in _BODY_SEPARATOR_RE.split(text)):
        return True
    # "Phòng VHXH, VP. HĐND & UBND, TTDVTH": a known body, then names written as names (capitalised)
    parts = _LIST_SEPARATOR_RE.split(text)
    return (len(parts) > 1 and agency_is_exact(parts[0])
            and all(p[:1].isupper() and not agency_is_incomplete(p) for p in parts[1:]))


_LIST_SEPARATOR_RE = regex.compile(r"\s*[,;]\s*")


def _cell_starts(text: str) -> tuple[list[int], dict[str, set[int]]]:
    """Where a cell may begin: the text's start and end, every line start, and inside a line every word
    that opens a unit, a value, a body's name or a deadline phrase; with, for the typed columns, the
    starts where such a cell can open at all (a unit cell opens with a unit word …)."""
    line_starts = {0, *(m.end() for m in _LINE_START_RE.finditer(text))}
    starts = {len(text), *line_starts}
    word_starts = {m.start() for m in _WORD_START_RE.finditer(text)}
    # each vocabulary scanned once over the row (the regex engine's loop), kept where a word begins
    opens: dict[str, set[int]] = {
        kind: {m.start() for m in pattern.finditer(text, overlapped=True) if m.start() in word_starts}
        for kind, pattern in (("unit", UNIT_CELL_RE), ("value", _VALUE_START_RE), ("deadline", DEADLINE_RE))}
    heads = {m.start() for m in AGENCY_HEAD_RE.finditer(text, overlapped=True) if m.start() in word_starts}
    starts.update(opens["unit"], opens["value"], opens["deadline"], heads)
    opens["body"] = line_starts | heads  # a body's name opens a cell at a line start, or mid-line at its head
    return sorted(starts), opens


#: The typed columns whose cells open only where `_cell_starts` saw such a cell begin.
_OPENS_KIND = {"unit": "unit", "deadline": "deadline", **dict.fromkeys(("baseline", "growth", "target", "amount"), "value"),
               **dict.fromkeys(("lead", "support", "monitor"), "body")}


def _mid_line(text: str, at: int) -> bool:
    return at > 0 and not text[:at].rstrip(" \t").endswith("\n")


def _free_boundary(text: str, at: int) -> float:
    """The score of ending one free-text cell and opening the next at `at`."""
    if at > 0 and not text[:at].rstrip(" \t").endswith("\n"):
        return _MID_LINE_FREE_SPLIT
    return _MAY_FIT if _SENTENCE_END_RE.search(text[:at]) else 0.0


def align_row(text: str, roles: Sequence[str]) -> tuple[list[tuple[int, int]], bool]:
    """Divide a flattened row's text into one span per column of `roles` (header order, no STT column),
    by the best-scoring division; True when a column that holds something typed (a unit, a value, a body,
    a deadline) was left empty or a span could not be what its column holds."""
    starts, opens = _cell_starts(text)
    if len(starts) > _MAX_STARTS:  # no table row: a region that swallowed a page of text
        return [(0, len(text))] + [(len(text), len(text))] * (len(roles) - 1), True
    index = {p: k for k, p in enumerate(starts)}
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    word_ends = [e for _, e in words]
    words_to = [bisect_right(word_ends, p) for p in starts]  # words ending before each start
    n, columns = len(starts), len(roles)
    mid_line = [_mid_line(text, a) for a in starts]
    free_boundary = [_free_boundary(text, a) for a in starts]
    lower = [a < len(text) and text[a].islower() for a in starts]

    def free_end(i: int, j: int) -> float:
        last = words_to[j]
        tail = text[words[max(words_to[i], last - _TAIL_WORDS)][0]:starts[j]]
        return _free_end_fit(" ".join(tail.split()))

    end_of_free = [free_end(0, j) if words_to[j] else 0.0 for j in range(n)]  # the last words before each start
    minus_inf = float("-inf")
    # best[c][k]: the best score of columns [0, c) covering text[:starts[k]]
    best = [[minus_inf] * n for _ in range(columns + 1)]
    back = [[-1] * n for _ in range(columns + 1)]
    best[0][0] = 0.0
    for c, role in enumerate(roles):
        limit = _MAX_WORDS.get(role)
        follows_free = c > 0 and roles[c - 1] in _FREE_ROLES and role in _FREE_ROLES
        may_open = opens.get(_OPENS_KIND.get(role, ""))
        for i in range(n):
            if best[c][i] == minus_inf:
                continue
            a = starts[i]
            # a typed cell that cannot open here is empty (any longer span would be misplaced)
            for j in range(i, n if may_open is None or a in may_open else i + 1):
                b = starts[j]
                if limit is not None and words_to[j] - words_to[i] > limit:
                    break
                if role in _FREE_ROLES and b > a:
                    # free text: only its first letter and its last words matter
                    fit = (_CONTINUES if lower[i] else 0.0) + (
                        end_of_free[j] if words_to[j] - words_to[i] >= _TAIL_WORDS else free_end(i, j))
                elif role in AGENCY_ROLES and b > a and lower[i]:
                    fit = _CONTINUES + _MISPLACED  # a body's name never opens in lower case
                else:
                    fit = _span_fit(role, text[a:b])
                score = best[c][i] + fit
                if follows_free and b > a:
                    score += free_boundary[i]
                elif c > 0 and role in _FREE_ROLES and b > a and mid_line[i]:
                    score += _MID_LINE_FREE_SPLIT  # free text after a body or a value opens a line
                if score > best[c + 1][j]:
                    best[c + 1][j] = score
                    back[c + 1][j] = i
    end = index[len(text)]
    spans: list[tuple[int, int]] = []
    k = end
    for c in range(columns, 0, -1):
        i = back[c][k]
        if i < 0:  # no division reaches the end: the whole row is its first column
            return [(0, len(text))] + [(len(text), len(text))] * (columns - 1), True
        spans.append((starts[i], starts[k]))
        k = i
    spans.reverse()
    guessed = any((role not in _FREE_ROLES and not text[a:b].strip()) or _span_fit(role, text[a:b]) < 0
                  for role, (a, b) in zip(roles, spans, strict=True))
    return spans, guessed
