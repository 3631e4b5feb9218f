"""Rows of a table region: delimited (one row a line, cells given) or flattened (anchored on the STT
sequence, cells re-assigned by `cells`)."""

from __future__ import annotations

import regex

from ..document import Block
from ..lexicon.columns import TOTAL_ROW_RE
from ..lexicon.markers import is_roman, roman_value
from ..structure import StructuredDocument
from .anchors import DATA_ANCHOR_RE, GROUP_ANCHOR_RE, GROUP_LABEL_CELL_RE, fits, stt_parts
from .cells import RULE_CELL_RE, budget_row, indicator_row, task_row
from .model import Cell, Piece, Row, RowText


def delimited_rows(doc: StructuredDocument, lines: tuple[Block, ...], roles: list[str],
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
        if not filled or all(RULE_CELL_RE.fullmatch(t) for t in filled) or _numbers_the_columns(filled):
            continue  # an empty row, the "|---|---|" line under a markdown header, or "1 | 2 | 3 …" under a header
        first = texts[0]
        g = GROUP_ANCHOR_RE.match(first)
        if len(filled) == 1 and g and (is_roman(g.group("label")) or len(g.group("label")) == 1):
            rows.append(Row("group", g.group("label"), (Cell("title", (Piece(cells[0], g.start("rest"),
                                                                              len(first)),)),),
                            ln.line_start, ln.line_start))
            continue
        label = GROUP_LABEL_CELL_RE.fullmatch(first)
        if label and len(filled) >= 2:  # "I | Về phát triển hạ tầng số" merged over the other columns
            title_cell = next(c for c in cells[1:] if c.text)
            rows.append(Row("group", label.group("label"), (Cell("title", (Piece(title_cell, 0, len(title_cell.text)),)),),
                            ln.line_start, ln.line_start))
            if len(filled) == 2 or kind != "indicators":
                continue
            # "I | Mặt hàng nông sản | 235.000 | …": the group's subtotals are targets of their own
        d = DATA_ANCHOR_RE.match(first)
        bulleted = first in _SUB_ROW_STT  # "- | Diện tích | Ha | 26.120 | …": a sub-row numbered by a dash
        total = not first and kind in {"indicators", "budget"} and bool(TOTAL_ROW_RE.match(_name_text(texts, roles)))
        if not (d or label or bulleted or total) and not (not first and _is_sub_row(texts, roles, rows[-1] if rows else None)):
            if not first and rows and rows[-1].kind == "data":
                rows[-1] = _continued(rows[-1], roles, cells, ln.line_start)
            continue
        out = []
        for column, (role, c) in enumerate(zip(roles, cells, strict=False)):
            if role == "stt" or not c.text:
                continue
            out.append(Cell(role, (Piece(c, 0, len(c.text)),), column))
        stt = d.group("stt") if d else label.group("label") if label else None
        rows.append(Row("total" if total and kind == "budget" else "data", stt, tuple(out), ln.line_start, ln.line_start))
    return rows


#: What stands in the STT cell of a sub-row ("-", "+").
_SUB_ROW_STT = frozenset({"-", "–", "+", "*", "•"})


def _name_text(texts: list[str], roles: list[str]) -> str:
    return next((t for t, r in zip(texts, roles, strict=False) if r in {"name", "task"}), "")


#: A sub-row's name opens with a bullet ("- Nông Lâm Ngư nghiệp (%)" under "Tốc độ tăng GRDP, trong đó:").
_SUB_ROW_NAME_RE = regex.compile(r"[-–+•*]\s*\S")


def _is_sub_row(texts: list[str], roles: list[str], above: Row | None) -> bool:
    """A row with no number is a row of its own (a breakdown of the row above, or one more target under
    its number), not the rest of a row a page break cut, when its name opens with a bullet or when it
    fills the target column the row above has filled already."""
    name = next((t for t, r in zip(texts, roles, strict=False) if r in {"name", "task"}), "")
    if _SUB_ROW_NAME_RE.match(name):
        return True
    target = next((t for t, r in zip(texts, roles, strict=False) if r == "target"), "")
    return bool(name and target and above is not None and above.kind == "data" and above.text("target"))


def _numbers_the_columns(filled: list[str]) -> bool:
    """ "1 | 2 | 3 | … | 11" (or "(1) | (2) …") under a header numbers its columns: no row of data."""
    numbers = [t.strip("()*") for t in filled]
    return len(numbers) >= _MIN_NUMBERED_COLUMNS and numbers == [str(k) for k in range(1, len(numbers) + 1)]


#: A row numbering the columns has at least this many cells.
_MIN_NUMBERED_COLUMNS = 3


def _continued(row: Row, roles: list[str], cells: tuple[Block, ...], line: int) -> Row:
    """`row` with the text of a continuation row's cells added to its own, column by column."""
    merged = {c.column: list(c.pieces) for c in row.cells}
    role_of = {c.column: c.role for c in row.cells}
    for column, (role, c) in enumerate(zip(roles, cells, strict=False)):
        if role == "stt" or not c.text:
            continue
        merged.setdefault(column, []).append(Piece(c, 0, len(c.text)))
        role_of.setdefault(column, role)
    return Row(row.kind, row.stt, tuple(Cell(role_of[k], tuple(merged[k]), k) for k in sorted(merged)),
               row.line_start, line, row.guessed)


def flattened_rows(lines: tuple[Block, ...], roles: list[str], kind: str,
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
        rt = RowText(pieces)
        guessed = False
        if rkind == "group":
            cells = [Cell("title", rt.slice(0, len(rt.text)))]
        elif rkind == "total" or kind == "budget":
            cells, guessed = budget_row(rt)
        elif kind == "tasks":
            cells, guessed = task_row(rt, roles)
        else:
            cells, guessed = indicator_row(rt, roles)
        rows.append(Row(rkind, stt, tuple(cells), line_start, line_end, guessed))
        current = None

    last_line = 0
    for ln in lines:
        text = ln.text
        if text in header_lines:
            continue  # a header repeated after a page break
        d = DATA_ANCHOR_RE.match(text)
        g = GROUP_ANCHOR_RE.match(text) if d is None else None  # a digit never opens a group row
        if d and not text[d.end("stt"):].lstrip().startswith("%"):
            parts = stt_parts(d.group("stt"))
            if fits(parts, previous, after_group):
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



def parents_to_groups(rows: list[Row]) -> list[Row]:
    """A numbered row with sub-rows (3 → 3.1, 3.2 …, or "1 | Cà Phê" over "- | Diện tích | …") is their
    group, not an item of its own."""
    out = []
    for k, row in enumerate(rows):
        nxt = next((r for r in rows[k + 1:] if r.kind == "data"), None)
        named_only = all(c.role in {"name", "task"} for c in row.cells)
        if row.kind == "data" and row.stt and nxt is not None and (
                (nxt.stt and nxt.stt.startswith(row.stt + ".")) or (named_only and nxt.stt is None
                                                                   and rows[k + 1] is nxt)):
            pieces = tuple(p for c in row.cells for p in c.pieces)
            out.append(Row("group", row.stt, (Cell("title", pieces),), row.line_start, row.line_end))
        else:
            out.append(row)
    return out
