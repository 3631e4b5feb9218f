"""A flattened row's text re-assigned to its columns by what each column can hold (`align.align_row`, one
dynamic programme for indicator and task rows), after the two things a page break does to a row: it cuts
the name of an indicator row, or it interleaves the lines of a task row's columns. A division that
needed a guess says so."""

from __future__ import annotations

import regex

from ..lexicon.agencies import AGENCY_HEAD_RE, agency_is_complete, agency_is_incomplete
from ..lexicon.deadlines import DEADLINE_PHRASES
from ..lexicon.markers import PAGE_BREAK_BLANKS
from .align import JOINER_END_RE, align_row
from .header import AGENCY_ROLES
from .model import Cell, RowText

_WORD_RE = regex.compile(r"\S+")
#: The "|---|:--|" line under a markdown table header.
RULE_CELL_RE = regex.compile(r"[-:\s]+")



def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _deadline_at_end(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The last deadline phrase of text[start:end] that ends a line (the deadline column is rightmost)."""
    found = None
    for m in DEADLINE_PHRASES.finditer(text, start, end):
        tail = text[m.end():end]
        if "\n" in tail.split("\n", 1)[0] or tail.split("\n", 1)[0].strip() == "":
            found = (m.start(), m.end())
    return found


def indicator_row(rt: RowText, roles: list[str]) -> tuple[list[Cell], bool]:
    """The cells of a flattened indicator row, divided by `align.align_row`.

    A line opening in lower case after a page break, under a line ending with a body's name, is the rest
    of the row's name: the row's first line holds the start of every cell and the page break cut the
    name ("… toàn trình % 100% Trung tâm PVHCC" ⏎⏎⏎ "trên tổng số TTHC có đủ điều kiện")."""
    order = [r for r in roles if r != "stt"]
    name_tail: list[tuple[int, int]] = []
    pos = 0
    for k, (piece, line) in enumerate(zip(rt.pieces, rt.texts, strict=True)):
        gap = piece.line.line_start - rt.pieces[k - 1].line.line_end - 1 if k > 0 else 0  # blank lines between
        if (gap >= PAGE_BREAK_BLANKS and line[:1].islower()
                and _ends_with_body(rt.texts[k - 1])):
            name_tail.append((pos, pos + len(line)))
        pos += len(line) + 1
    if name_tail:
        for a, b in name_tail:
            rt.text = rt.text[:a] + " " * (b - a) + rt.text[b:]
    spans, guessed = align_row(rt.text, order)
    cells = [Cell(role, rt.slice(a, b)) for role, (a, b) in zip(order, spans, strict=True) if rt.text[a:b].strip()]
    if name_tail and cells and cells[0].role == order[0]:
        rt.text = "\n".join(rt.texts)
        cells[0] = Cell(cells[0].role, cells[0].pieces + tuple(p for a, b in name_tail for p in rt.slice(a, b)))
    return cells, guessed


def _ends_with_body(line: str) -> bool:
    """Does the line end with a complete body's name ("… % 100% Trung tâm PVHCC")?"""
    return any(agency_is_complete(line[m.start():].strip()) for m in AGENCY_HEAD_RE.finditer(line))


def task_row(rt: RowText, roles: list[str]) -> tuple[list[Cell], bool]:
    """The cells of a flattened task row, divided by `align.align_row`; a row whose deadline sits on an
    inner line was cut by a page break and is read column by column (`_interleaved_cells`)."""
    text = rt.text
    if "deadline" in roles:
        d = _deadline_at_end(text, 0, len(text))
        if d and d[1] < len(text) and text[d[1]:].strip():
            deadline = Cell("deadline", rt.slice(*d))
            rt.text = text[:d[0]] + " " * (d[1] - d[0]) + text[d[1]:]
            order = [r for r in roles if r not in {"stt", "deadline", "note"}]
            return [deadline, *_interleaved_cells(rt, order)], True
    order = [r for r in roles if r != "stt"]
    spans, guessed = align_row(text, order)
    return [Cell(role, rt.slice(a, b)) for role, (a, b) in zip(order, spans, strict=True) if text[a:b].strip()], guessed


_CAPITALISED_AFTER_LOWER_RE = regex.compile(r"(?<=\p{Ll}\s)(?=\p{Lu}\p{Ll})")


def _interleaved_cells(rt: RowText, order: list[str]) -> list[Cell]:
    """A row cut by a page break: its first line holds the first words of every column, and each
    column's remaining lines follow, column after column.

    The first line is divided at the names of bodies (agency columns) and at a capitalised word after
    a lower-case one (free-text columns); the following lines then complete, in column order, every
    column still open: free text until a sentence ends, a body's name until it is complete.
    """
    text = rt.text
    first_end = text.find("\n")
    first_end = len(text) if first_end < 0 else first_end
    starts: list[int] = [0]
    agency_positions = [m.start() for m in AGENCY_HEAD_RE.finditer(text, 0, first_end) if m.start() > 0]
    free_roles = [r for r in order if r not in AGENCY_ROLES]
    free_splits = [m.start() for m in _CAPITALISED_AFTER_LOWER_RE.finditer(text, 0, first_end)
                   if not agency_positions or m.start() < agency_positions[0]]
    starts += free_splits[: len(free_roles) - 1] + agency_positions[: len([r for r in order if r in AGENCY_ROLES])]
    starts = sorted(set(starts))[: len(order)]
    bounds = [*starts[1:], first_end]
    spans: dict[str, list[tuple[int, int]]] = {r: [(a, b)] for r, a, b in zip(order, starts, bounds, strict=False)}

    def cell_text(role: str) -> str:
        return " ".join(text[a:b] for a, b in spans.get(role, [])).strip()

    def is_open(role: str) -> bool:
        current = cell_text(role)
        if role in AGENCY_ROLES:
            return bool(current) and (agency_is_incomplete(current) or bool(JOINER_END_RE.search(current)))
        return not current.endswith((".", ";"))

    pos = first_end + 1
    while pos < len(text):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        cursor = pos
        for role in order:
            if cursor >= line_end or not is_open(role):
                continue
            if role in AGENCY_ROLES:
                # take the fewest words that complete the body's name, leave the rest of the line
                words = list(_WORD_RE.finditer(text[cursor:line_end]))
                take = line_end
                for w in words:
                    candidate = cell_text(role) + " " + text[cursor:cursor + w.end()]
                    if not agency_is_incomplete(candidate) and not JOINER_END_RE.search(candidate):
                        take = cursor + w.end()
                        break
                spans[role].append((cursor, take))
                cursor = _skip_space(text, take)
            else:
                spans.setdefault(role, []).append((cursor, line_end))
                cursor = line_end
        if cursor < line_end:  # nothing open: the line continues the last column
            spans.setdefault(order[-1], []).append((cursor, line_end))
        pos = line_end + 1
    return [Cell(role, tuple(p for a, b in spans.get(role, []) for p in rt.slice(a, b))) for role in order]


def budget_row(rt: RowText) -> tuple[list[Cell], bool]:
    """A budget row: the task, then its amount (`align.align_row` with the columns task, amount)."""
    spans, guessed = align_row(rt.text, ["task", "amount"])
    return [Cell(role, rt.slice(a, b)) for role, (a, b) in zip(("task", "amount"), spans, strict=True)
            if rt.text[a:b].strip()], guessed
