"""A flattened row's text re-assigned to its columns by what each column can hold: a unit word then a
target, names of public bodies, deadline phrases, amounts. A division that needed a guess says so."""

from __future__ import annotations

import regex

from ..lexicon.agencies import AGENCY_HEAD_RE, agency_is_complete, agency_is_exact, agency_is_incomplete
from ..lexicon.columns import TARGET_CELL_RE, UNIT_CELL_PHRASES
from ..lexicon.deadlines import DEADLINE_PHRASES
from .header import AGENCY_ROLES
from .model import Cell, RowText

_BODY_SEPARATOR_RE = regex.compile(r"[,;]\s+")
_LINE_START_RE = regex.compile(r"\n\s*(?=\S)")
_LOWER_LINE_START_RE = regex.compile(r"\n\s*(?=\p{Ll})")
_ANY_LINE_START_RE = regex.compile(r"(?:^|\n)\s*")
_WORD_RE = regex.compile(r"\S+")
#: The "|---|:--|" line under a markdown table header.
RULE_CELL_RE = regex.compile(r"[-:\s]+")

_JOINER_END_RE = regex.compile(r"(?:[-–&,;/]|\s(?:và|của|các))\s*$")


def _last_body(cell: str) -> str:
    """The last body a cell names so far ("Công an phường, Văn phòng" → "Văn phòng")."""
    return _BODY_SEPARATOR_RE.split(cell)[-1]


def _cell_is_open(cell: str) -> bool:
    """Is an agency cell cut inside a body's name ("Trung tâm", "Công an phường, Văn phòng", "Phòng Văn hóa -")?"""
    if _JOINER_END_RE.search(cell) or agency_is_incomplete(cell):
        return True
    return not agency_is_exact(cell) and agency_is_incomplete(_last_body(cell))


def _cell_boundaries(text: str, start: int, end: int) -> list[int]:
    """Positions in text[start:end] where a new agency cell may start (line starts, mid-line heads)."""
    out = []
    for m in _LINE_START_RE.finditer(text, start, end):
        nxt = text[m.end():m.end() + 1]
        if nxt.isupper() or nxt.isdigit() or nxt in "≥≤><" or AGENCY_HEAD_RE.match(text, m.end()):
            out.append(m.end())
    return out


def _split_agency_cells(rt: RowText, start: int, end: int, count: int) -> tuple[list[tuple[int, int]], bool]:
    """Divide text[start:end] into `count` agency cells; True when the division was a guess."""
    text = rt.text
    if count == 0:
        return [], False
    if count == 1:
        return [(start, end)], False
    cells: list[tuple[int, int]] = []
    cursor = start
    candidates = _cell_boundaries(text, start, end)
    # mid-line heads after a complete body: "Trạm y tế Trạm y tế phường"
    for m in AGENCY_HEAD_RE.finditer(text, start, end, overlapped=False):
        if m.start() > start and text[m.start() - 1] == " " and m.start() not in candidates:
            candidates.append(m.start())
    candidates.sort()
    guessed = False
    for b in candidates:
        if len(cells) == count - 1:
            break
        current = " ".join(text[cursor:b].split())
        if not current or _cell_is_open(current):
            continue
        if text[b - 1] != "\n" and not agency_is_complete(_last_body(current)):
            continue  # a mid-line head only ends a cell that is a known body
        cells.append((cursor, b))
        cursor = b
    cells.append((cursor, end))
    while len(cells) < count:
        cells.append((end, end))
        guessed = True
    return cells, guessed


# --- rows of each kind ------------------------------------------------------------------------------

def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _unit_and_target(text: str) -> tuple[regex.Match[str], regex.Match[str]] | None:
    for um in UNIT_CELL_PHRASES.finditer(text):
        if um.start() == 0 and um.group("unit") != "%":
            continue
        tm = TARGET_CELL_RE.match(text, _skip_space(text, um.end()))
        if tm and tm.group("target").strip():
            return um, tm
    return None


def _deadline_at_end(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The last deadline phrase of text[start:end] that ends a line (the deadline column is rightmost)."""
    found = None
    for m in DEADLINE_PHRASES.finditer(text, start, end):
        tail = text[m.end():end]
        if "\n" in tail.split("\n", 1)[0] or tail.split("\n", 1)[0].strip() == "":
            found = (m.start(), m.end())
    return found


_VALUE_ROLES = ("baseline", "growth", "target")
#: An empty cell printed as a dash.
_EMPTY_CELL_RE = regex.compile(r"[-–—]")


def _value_cells(text: str, pos: int, roles: list[str]) -> tuple[list[tuple[str, int, int]], int]:
    """The value columns after the unit (baseline, growth, target …), in header order.

    A dash is an empty cell. Returns (role, start, end) for each filled cell and where they end.
    """
    wanted = [r for r in roles if r in _VALUE_ROLES]
    out: list[tuple[str, int, int]] = []
    for role in wanted:
        at = _skip_space(text, pos)
        dash = _EMPTY_CELL_RE.match(text, at)
        if dash and (dash.end() >= len(text) or text[dash.end()].isspace()):
            pos = dash.end()
            continue
        m = TARGET_CELL_RE.match(text, at)
        if not m or not m.group("target").strip():
            break
        out.append((role, m.start(), m.end()))
        pos = m.end()
    return out, pos


def indicator_row(rt: RowText, roles: list[str]) -> tuple[list[Cell], bool]:
    text = rt.text
    found = _unit_and_target(text) if "unit" in roles else None
    if found is None:
        return [Cell("name", rt.slice(0, len(text)))], True
    um, _ = found
    cells = [Cell("name", rt.slice(0, um.start())), Cell("unit", rt.slice(um.start(), um.end()))]
    values, rest_start = _value_cells(text, um.end(), roles)
    for role, a, b in values:
        cells.append(Cell(role, rt.slice(a, b)))
    rest_end = len(text)
    guessed = len(values) < len([r for r in roles if r in _VALUE_ROLES])
    if "deadline" in roles or "note" in roles:
        d = _deadline_at_end(text, rest_start, rest_end)
        if d:
            cells.append(Cell("deadline", rt.slice(*d)))
            rest_end = d[0]
    # a lower-case line after a complete body continues the name: the row's cells interleave
    # across a page break ("… toàn trình % 100% Trung tâm PVHCC" ⏎ "trên tổng số TTHC …")
    name_tail: list[tuple[int, int]] = []
    for m in _LOWER_LINE_START_RE.finditer(text, rest_start, rest_end):
        previous_line = text[max(rest_start, text.rfind("\n", 0, m.start()) + 1):m.start()]
        before = " ".join(previous_line.split())
        line_end = text.find("\n", m.end())
        line_end = rest_end if line_end < 0 or line_end > rest_end else line_end
        if before and agency_is_complete(_last_body(before)) and not _JOINER_END_RE.search(before):
            name_tail.append((m.end(), line_end))
            text = text[:m.start()] + " " * (line_end - m.start()) + text[line_end:]
    if name_tail:
        rt.text = text
        cells[0] = Cell("name", cells[0].pieces + tuple(p for a, b in name_tail for p in rt.slice(a, b)))
    agency_roles = [r for r in roles if r in AGENCY_ROLES]
    spans, split_guessed = _split_agency_cells(rt, rest_start, rest_end, len(agency_roles))
    for role, (a, b) in zip(agency_roles, spans, strict=True):
        cells.append(Cell(role, rt.slice(a, b)))
    if not agency_roles and "note" in roles and not any(c.role == "deadline" for c in cells):
        cells.append(Cell("note", rt.slice(rest_start, rest_end)))
    return cells, guessed or split_guessed


_SENTENCE_END_LINE_RE = regex.compile(r"[.;]\s*\n\s*(?=[A-ZĐÀ-Ỹ\d])")


def _agency_start(text: str, start: int, end: int) -> int | None:
    """Where the first agency cell starts: a line opening with a body's name, or a line ending in one."""
    for m in _ANY_LINE_START_RE.finditer(text, start, end):
        pos = m.end()
        if pos >= end:
            break
        if AGENCY_HEAD_RE.match(text, pos) and pos > start:
            return pos
        line_end = text.find("\n", pos)
        line_end = end if line_end < 0 or line_end > end else line_end
        for h in AGENCY_HEAD_RE.finditer(text, pos + 1, line_end):
            if text[h.start() - 1] == " " and agency_is_exact(text[h.start():line_end].strip()):
                return h.start()  # "20 Triển khai chữ ký số … trưởng thành Phòng VHXH"
    return None


def task_row(rt: RowText, roles: list[str]) -> tuple[list[Cell], bool]:
    text = rt.text
    end = len(text)
    cells: list[Cell] = []
    guessed = False
    if "deadline" in roles:
        d = _deadline_at_end(text, 0, end)
        if d:
            cells.append(Cell("deadline", rt.slice(*d)))
            if d[1] >= end or not text[d[1]:].strip():
                end = d[0]
            else:  # a deadline on an inner line: the row's cells interleave (a page break)
                text = text[:d[0]] + " " * (d[1] - d[0]) + text[d[1]:]
                rt.text = text
                order = [r for r in roles if r not in {"stt", "deadline", "note"}]
                return cells + _interleaved_cells(rt, order), True
    order = [r for r in roles if r not in {"stt", "deadline", "note"}]
    cursor = 0
    for k, role in enumerate(order):
        following = order[k + 1] if k + 1 < len(order) else None
        if following is None:
            stop = end
        elif following in AGENCY_ROLES:
            if role in AGENCY_ROLES:
                spans, g = _split_agency_cells(rt, cursor, end, 2)
                stop = spans[1][0] if spans[1][0] > spans[0][0] else end
                guessed = guessed or g
            else:
                found = _agency_start(text, cursor, end)
                stop = found if found is not None else end
                guessed = guessed or found is None
        else:  # free text follows: a sentence ending a line, or the end of the bodies
            if role in AGENCY_ROLES:
                spans, g = _split_agency_cells(rt, cursor, end, 2)
                stop = spans[1][0] if spans[1][0] > spans[0][0] else end
                guessed = guessed or g
            else:
                m = _SENTENCE_END_LINE_RE.search(text, cursor, end)
                stop = m.end() if m else end
                guessed = guessed or m is None
        cells.append(Cell(role, rt.slice(cursor, stop)))
        cursor = stop
    return cells, guessed


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
            return bool(current) and (agency_is_incomplete(current) or bool(_JOINER_END_RE.search(current)))
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
                    if not agency_is_incomplete(candidate) and not _JOINER_END_RE.search(candidate):
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


_AMOUNT_END_RE = regex.compile(r"(?P<amount>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*$")


def budget_row(rt: RowText) -> tuple[list[Cell], bool]:
    text = rt.text.rstrip()
    m = _AMOUNT_END_RE.search(text)
    if not m:
        return [Cell("task", rt.slice(0, len(text)))], True
    return [Cell("task", rt.slice(0, m.start())), Cell("amount", rt.slice(m.start(), m.end()))], False
