"""The values a table is rebuilt into: pieces of lines, cells, rows, tables; and a row's text with
the way back from it to the pieces."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import field

import regex

from ..document import Block, frozen


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
    column: int = -1  # its column in a delimited table (several columns may share a role: a year series)
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
    last_line: int = 0  # the region's last line
    #: per column of a delimited table: the year its header names and the unit it writes in brackets
    #: ("Kế hoạch 2026 Lượng (Tấn)" → 2026, "Tấn"); empty for a flattened table
    column_years: tuple[int | None, ...] = ()
    column_units: tuple[str | None, ...] = ()
    column_measures: tuple[str | None, ...] = ()

    def cells_of(self, row: Row, role: str) -> list[Cell]:
        """The row's cells of every column with this role, in column order."""
        return [c for c in row.cells if c.role == role]


# --- text helpers -----------------------------------------------------------------------------------

_GLUE_RE = regex.compile(r"(?<=\w-)\s+(?=\w)")


def _join(parts: list[str]) -> str:
    """Cell text from its pieces: one space between lines, "KH-\\nCN" glued back to "KH-CN"."""
    text = " ".join(" ".join(parts).split())
    return _GLUE_RE.sub("", text) if "-" in text else text


class RowText:
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
