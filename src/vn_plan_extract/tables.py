"""Tables: rebuild the rows and cells of indicator, task and budget tables from their text.

Two shapes reach this stage. Delimited tables (tab- or pipe-separated, one row a line) give their cells
directly. Flattened tables (text taken from a PDF or Word table) give one row's cells spread over many
lines, narrow columns wrapped every few words, several cells sharing a line. For those:

1. the header words name each column's role ("Đơn vị tính" → unit, "Đơn vị phối hợp" → support …,
   `lexicon.columns`), never positions fixed for one document;
2. the STT sequence (1, 2, 3.1, 3.2, …, a restart after a group row, a repeated number) anchors rows;
   group rows (a Roman numeral or a letter with a title) are the `group` of the rows under them;
3. each row's text is re-assigned to columns by what the columns can hold: a unit word then a target
   ("% ≥ 90", "Thứ bậc Mức Khá"), names of public bodies (`lexicon.agencies`), deadline phrases.
   A cell assignment that needed a guess is flagged, so the row can be shown to a reviewer.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import field

import regex

from .document import Block, BlockKind, frozen
from .lexicon.agencies import AGENCY_HEAD_RE, agency_is_complete, agency_is_exact, agency_is_incomplete
from .lexicon.columns import (
    HEADER_PHRASE_RE,
    HEADER_YEAR_RE,
    MONEY_UNIT_RE,
    ROLE_OF_PHRASE,
    TARGET_CELL_RE,
    TOTAL_ROW_RE,
    UNIT_CELL_PHRASES,
)
from .lexicon.deadlines import DEADLINE_PHRASES
from .lexicon.markers import is_roman, roman_value
from .structure import StructuredDocument

AGENCY_ROLES = frozenset({"lead", "support", "monitor"})


@frozen
class Piece:
    """A stretch of one cleaned line: the unit cells are made of."""

    line: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.line.text[self.start:self.end]


@frozen
class Cell:
    role: str
    pieces: tuple[Piece, ...]
    #: the pieces' text joined, kept once read (the extraction reads a cell several times)
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        text = self._text
        if text is None:
            text = _join([p.text for p in self.pieces])
            object.__setattr__(self, "_text", text)
        return text


@frozen
class Row:
    kind: str  # "data", "group", "total"
    stt: str | None
    cells: tuple[Cell, ...]
    line_start: int
    line_end: int
    guessed: bool = False

    def cell(self, role: str) -> Cell | None:
        for c in self.cells:  # a loop, not next() over a generator: asked about a dozen times a row
            if c.role == role:
                return c
        return None

    def text(self, role: str) -> str:
        c = self.cell(role)
        return c.text if c else ""


@frozen
class Table:
    index: int
    kind: str  # "indicators", "tasks", "budget"
    roles: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]
    first_block: int
    year: int | None = None
    money_unit: str | None = None
    groups: dict[int, tuple[str, str]] = field(default_factory=dict)  # row index → (label, title)


# --- text helpers -----------------------------------------------------------------------------------

_GLUE_RE = regex.compile(r"(?<=\w-)\s+(?=\w)")


def _join(parts: list[str]) -> str:
    """Cell text from its pieces: one space between lines, "KH-\\nCN" glued back to "KH-CN"."""
    text = " ".join(" ".join(parts).split())
    return _GLUE_RE.sub("", text) if "-" in text else text


class _RowText:
    """A row's pieces as one string with "\n" between lines, and a way back to the pieces."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.texts = [p.text for p in pieces]
        self.offsets: list[int] = []
        pos = 0
        for t in self.texts:
            self.offsets.append(pos)
            pos += len(t) + 1
        self.text = "\n".join(self.texts)

    def slice(self, a: int, b: int) -> tuple[Piece, ...]:
        """The pieces under text[a:b], without the blanks at either end (blanked text counts as blank)."""
        segment = self.text[a:b]
        kept = segment.strip()
        a += len(segment) - len(segment.lstrip())
        b = a + len(kept)
        out = []
        for k in range(max(0, bisect_right(self.offsets, a) - 1), len(self.pieces)):
            off = self.offsets[k]
            if off >= b:
                break
            t = self.texts[k]
            s, e = max(a, off), min(b, off + len(t))
            if s < e:
                ps, pe = s - off, e - off
                raw = t[ps:pe]
                ps += len(raw) - len(raw.lstrip())
                pe -= len(raw) - len(raw.rstrip())
                if ps < pe:
                    p = self.pieces[k]
                    out.append(Piece(p.line, p.start + ps, p.start + pe))
        return tuple(out)


_BODY_SEPARATOR_RE = regex.compile(r"[,;]\s+")
_LINE_START_RE = regex.compile(r"\n\s*(?=\S)")
_LOWER_LINE_START_RE = regex.compile(r"\n\s*(?=\p{Ll})")
_ANY_LINE_START_RE = regex.compile(r"(?:^|\n)\s*")
_WORD_RE = regex.compile(r"\S+")
#: The "|---|:--|" line under a markdown table header.
_RULE_CELL_RE = regex.compile(r"[-:\s]+")


# --- header ----------------------------------------------------------------------------------------

def _role(phrase: str, roles: list[str]) -> str:
    role = ROLE_OF_PHRASE[" ".join(phrase.split()).lower()]
    if role == "name_or_target":
        return "target" if ("name" in roles or "task" in roles) else "name"
    if role == "target_or_output":
        return "target" if "name" in roles else "output"
    return role


def _roles_of_header(header: str) -> list[str]:
    """Column roles of a flattened header, in the order its phrases are written."""
    roles: list[str] = []
    for m in HEADER_PHRASE_RE.finditer(header):
        role = _role(m.group("phrase"), roles)
        if (role == "task" and "name" in roles) or (role in roles and role not in AGENCY_ROLES):
            continue
        roles.append(role)
    return roles


def _roles_of_header_cells(cells: list[str]) -> list[str]:
    """One role per column of a delimited header, from the first role phrase of each cell."""
    roles: list[str] = []
    for text in cells:
        m = HEADER_PHRASE_RE.search(text)
        roles.append(_role(m.group("phrase"), roles) if m else "note")
    return roles


def _kind_of(roles: list[str]) -> str:
    if "amount" in roles:
        return "budget"
    if "task" in roles:
        return "tasks"
    return "indicators"


# --- row anchors -----------------------------------------------------------------------------------

_DATA_ANCHOR_RE = regex.compile(r"^(?P<stt>\d{1,3}(?:\.\d{1,2}){0,2})\.?(?=\s|$)\s*(?P<rest>.*)$")
_GROUP_ANCHOR_RE = regex.compile(
    r"^(?P<label>[IVX]{1,5}|[A-ZĐ])(?:\s*[.)\-–]\s*|\s+|$)(?P<rest>(?:[A-ZĐÀ-Ỹ\"“(].*)?)$"
)
#: A group row's STT cell on its own: "I", "II.", "A".
_GROUP_LABEL_CELL_RE = regex.compile(r"(?P<label>[IVX]{1,5}|[A-ZĐ])\.?")
#: Numbers may skip this many rows (a row lost at a page break) and still anchor the next row.
_MAX_SKIP = 3


def _stt_parts(stt: str) -> list[int]:
    return [int(x) for x in stt.split(".") if x]


def _fits(candidate: list[int], previous: list[int] | None, after_group: bool) -> bool:
    if previous is None:
        return candidate[0] == 1 or len(candidate) == 1
    if after_group and (candidate == [1] or candidate == previous):
        return True  # numbering restarts in each group, or a number is printed again
    if len(candidate) == len(previous) and candidate[:-1] == previous[:-1]:
        return 0 < candidate[-1] - previous[-1] <= _MAX_SKIP
    if candidate == [*previous, 1]:
        return True  # 3 → 3.1
    if len(candidate) < len(previous) and candidate[:-1] == previous[: len(candidate) - 1]:
        return 0 < candidate[-1] - previous[len(candidate) - 1] <= _MAX_SKIP  # 3.10 → 4
    return False


# --- agencies in cells ------------------------------------------------------------------------------

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


def _split_agency_cells(rt: _RowText, start: int, end: int, count: int) -> tuple[list[tuple[int, int]], bool]:
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


def _indicator_row(rt: _RowText, roles: list[str]) -> tuple[list[Cell], bool]:
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


def _task_row(rt: _RowText, roles: list[str]) -> tuple[list[Cell], bool]:
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


def _interleaved_cells(rt: _RowText, order: list[str]) -> list[Cell]:
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


def _budget_row(rt: _RowText) -> tuple[list[Cell], bool]:
    text = rt.text.rstrip()
    m = _AMOUNT_END_RE.search(text)
    if not m:
        return [Cell("task", rt.slice(0, len(text)))], True
    return [Cell("task", rt.slice(0, m.start())), Cell("amount", rt.slice(m.start(), m.end()))], False


# --- the stage -------------------------------------------------------------------------------------

def _delimited_rows(doc: StructuredDocument, lines: tuple[Block, ...], roles: list[str],
                    kind: str) -> list[Row]:
    """Rows of a tab- or pipe-separated table (from text, Word or PDF).

    A row with no STT under a data row continues it (a row cut by a page break in a PDF): its cells'
    text is added to the row above, column by column.
    """
    rows: list[Row] = []
    for ln in lines:
        cells = doc.normalised.cells.get(ln.line_start)
        if not cells:
            continue
        texts = [c.text for c in cells]
        filled = [t for t in texts if t]
        if not filled or all(_RULE_CELL_RE.fullmatch(t) for t in filled):
            continue  # an empty row, or the "|---|---|" line under a markdown header
        first = texts[0]
        g = _GROUP_ANCHOR_RE.match(first)
        if len(filled) == 1 and g and (is_roman(g.group("label")) or len(g.group("label")) == 1):
            rows.append(Row("group", g.group("label"), (Cell("title", (Piece(cells[0], g.start("rest"),
                                                                              len(first)),)),),
                            ln.line_start, ln.line_start))
            continue
        label = _GROUP_LABEL_CELL_RE.fullmatch(first)
        if label and len(filled) == 2:  # "I | Về phát triển hạ tầng số" merged over the other columns
            title_cell = next(c for c in cells[1:] if c.text)
            rows.append(Row("group", label.group("label"), (Cell("title", (Piece(title_cell, 0, len(title_cell.text)),)),),
                            ln.line_start, ln.line_start))
            continue
        d = _DATA_ANCHOR_RE.match(first)
        if not d:
            if not first and rows and rows[-1].kind == "data":
                rows[-1] = _continued(rows[-1], roles, cells, ln.line_start)
            continue
        out = []
        for role, c in zip(roles, cells, strict=False):
            if role == "stt" or not c.text:
                continue
            out.append(Cell(role, (Piece(c, 0, len(c.text)),)))
        rows.append(Row("data", d.group("stt"), tuple(out), ln.line_start, ln.line_start))
    return rows


def _continued(row: Row, roles: list[str], cells: tuple[Block, ...], line: int) -> Row:
    """`row` with the text of a continuation row's cells added to its own, column by column."""
    merged = {c.role: list(c.pieces) for c in row.cells}
    order = [c.role for c in row.cells]
    for role, c in zip(roles, cells, strict=False):
        if role == "stt" or not c.text:
            continue
        if role not in merged:
            merged[role] = []
            order.append(role)
        merged[role].append(Piece(c, 0, len(c.text)))
    ordered = sorted(order, key=lambda r: roles.index(r) if r in roles else len(roles))
    return Row(row.kind, row.stt, tuple(Cell(r, tuple(merged[r])) for r in ordered), row.line_start, line,
               row.guessed)


def _flattened_rows(lines: tuple[Block, ...], roles: list[str], kind: str,
                    header_lines: set[str]) -> list[Row]:
    rows: list[Row] = []
    current: tuple[str, str | None, list[Piece], int] | None = None
    previous: list[int] | None = None
    after_group = True
    last_group: int | None = None

    def close(line_end: int) -> None:
        nonlocal current
        if current is None:
            return
        rkind, stt, pieces, line_start = current
        rt = _RowText(pieces)
        guessed = False
        if rkind == "group":
            cells = [Cell("title", rt.slice(0, len(rt.text)))]
        elif rkind == "total" or kind == "budget":
            cells, guessed = _budget_row(rt)
        elif kind == "tasks":
            cells, guessed = _task_row(rt, roles)
        else:
            cells, guessed = _indicator_row(rt, roles)
        rows.append(Row(rkind, stt, tuple(cells), line_start, line_end, guessed))
        current = None

    last_line = 0
    for ln in lines:
        text = ln.text
        if text in header_lines:
            continue  # a header repeated after a page break
        d = _DATA_ANCHOR_RE.match(text)
        g = _GROUP_ANCHOR_RE.match(text) if d is None else None  # a digit never opens a group row
        if d and not text[d.end("stt"):].lstrip().startswith("%"):
            parts = _stt_parts(d.group("stt"))
            if _fits(parts, previous, after_group):
                close(last_line)
                rest_at = d.start("rest")
                current = ("data", d.group("stt"), [Piece(ln, rest_at, len(text))] if d.group("rest") else [],
                           ln.line_start)
                previous, after_group = parts, False
                last_line = ln.line_start
                continue
        if g and ((is_roman(g.group("label")) and (last_group is None or roman_value(g.group("label")) > last_group))
                  or (len(g.group("label")) == 1 and not is_roman(g.group("label")) and g.group("rest"))):
            close(last_line)
            label = g.group("label")
            rest_at = g.start("rest")
            current = ("group", label, [Piece(ln, rest_at, len(text))] if g.group("rest") else [], ln.line_start)
            if is_roman(label):
                last_group = roman_value(label)
            after_group = True
            last_line = ln.line_start
            continue
        if kind == "budget" and TOTAL_ROW_RE.match(text):
            close(last_line)
            current = ("total", None, [Piece(ln, 0, len(text))], ln.line_start)
            last_line = ln.line_start
            continue
        if current is not None:
            current[2].append(Piece(ln, 0, len(text)))
            last_line = ln.line_start
    close(last_line)
    return rows


def tables_of(doc: StructuredDocument) -> tuple[Table, ...]:
    """Every table region of the document, rebuilt into rows and cells."""
    out: list[Table] = []
    norm = doc.normalised
    for first, last in doc.tables:
        first_line = doc.blocks[first].line_start
        last_line = doc.blocks[last].line_end
        lines = norm.lines_between(first_line, last_line)
        if not lines:
            continue
        delimited = lines[0].kind is BlockKind.TABLE_LINE and lines[0].line_start in norm.cells
        if delimited:
            header_cells = norm.cells[lines[0].line_start]
            header = " ".join(c.text for c in header_cells)
            roles = _roles_of_header_cells([c.text for c in header_cells])
            body = lines[1:]
            header_lines = {lines[0].text}
        else:
            header_parts = []
            body_start = len(lines)
            for k, ln in enumerate(lines):
                if k > 0 and (_DATA_ANCHOR_RE.match(ln.text) or _GROUP_ANCHOR_RE.match(ln.text)
                              or TOTAL_ROW_RE.match(ln.text)):
                    body_start = k
                    break
                header_parts.append(ln.text)
            header = " ".join(header_parts)
            roles = _roles_of_header(header)
            body = lines[body_start:]
            header_lines = set(header_parts)
        kind = _kind_of(roles)
        rows = (_delimited_rows(doc, body, roles, kind) if delimited
                else _flattened_rows(body, roles, kind, header_lines))
        rows = _parents_to_groups(rows)
        year_match = HEADER_YEAR_RE.search(header)
        money = None
        if kind == "budget":
            before = " ".join(b.text for b in doc.blocks[max(0, first - 2):first]) + " " + header
            mm = MONEY_UNIT_RE.search(before)
            money = " ".join(mm.group("unit").lower().split()) if mm else None
        out.append(Table(len(out), kind, tuple(roles), lines[0].line_start, tuple(rows), first,
                         int(year_match.group("year")) if year_match else None, money))
    return tuple(out)


def _parents_to_groups(rows: list[Row]) -> list[Row]:
    """A numbered row with sub-rows (3 → 3.1, 3.2 …) is their group, not an item of its own."""
    out = []
    for k, row in enumerate(rows):
        nxt = next((r for r in rows[k + 1:] if r.kind == "data"), None)
        if row.kind == "data" and row.stt and nxt is not None and nxt.stt and nxt.stt.startswith(row.stt + "."):
            pieces = tuple(p for c in row.cells for p in c.pieces)
            out.append(Row("group", row.stt, (Cell("title", pieces),), row.line_start, row.line_end))
        else:
            out.append(row)
    return out
