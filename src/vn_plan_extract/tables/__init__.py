"""Tables: rebuild the rows and cells of indicator, task and budget tables from their text.

Two shapes reach this stage. Delimited tables (tab- or pipe-separated, one row a line) give their cells
directly. Flattened tables (text taken from a PDF or Word table) give one row's cells spread over many
lines, narrow columns wrapped every few words, several cells sharing a line. For those:

1. the header words name each column's role ("Đơn vị tính" → unit, "Đơn vị phối hợp" → support …,
   `lexicon.columns`), never positions fixed for one document;
2. the STT sequence (1, 2, 3.1, 3.2, …, a restart after a group row, a repeated number) anchors rows;
   group rows (a Roman numeral or a letter with a title) are the `group` of the rows under them;
3. each row's text is divided into the columns by one dynamic programme (`align.align_row`): every
   division at the places a cell can begin is scored by what each column can hold (a unit word, a
   value or level "Mức Khá", names of public bodies from `lexicon.agencies`, deadline phrases, free
   text ending a sentence), and the best kept. A division that needed a guess is flagged, so the row
   can be shown to a reviewer.

Tables that reach `normalize` as a stream of cells (one cell a line, or between "|" lines) are cut into
rows by the same scoring (`align.rows_of_stream`).
"""

from __future__ import annotations

from ..document import BlockKind
from ..lexicon.columns import CELL_YEAR_RE, HEADER_YEAR_RE, MONEY_UNIT_RE, TOTAL_ROW_RE
from ..structure import StructuredDocument
from .anchors import DATA_ANCHOR_RE, GROUP_ANCHOR_RE
from .header import AGENCY_ROLES, column_measures, column_units, column_years, kind_of, roles_of_header, roles_of_header_cells
from .model import Cell, Piece, Row, Table
from .rows import delimited_rows, flattened_rows, parents_to_groups

__all__ = ["AGENCY_ROLES", "Cell", "Piece", "Row", "Table", "tables_of"]


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
        # a delimited table's header is its first line of cells (a bordered table opens with a border)
        head = next((k for k, ln in enumerate(lines) if ln.kind is BlockKind.TABLE_LINE and norm.cells.get(ln.line_start)),
                    0)
        delimited = lines[0].kind is BlockKind.TABLE_LINE and lines[head].line_start in norm.cells
        if delimited:
            header_cells = norm.cells[lines[head].line_start]
            header = " ".join(c.text for c in header_cells)
            roles = roles_of_header_cells([c.text for c in header_cells])
            texts = [c.text for c in header_cells]
            years, units, measures = column_years(texts), column_units(texts), column_measures(texts)
            body = lines[head + 1:]
            header_lines = {lines[head].text}
        else:
            header_parts = []
            body_start = len(lines)
            for k, ln in enumerate(lines):
                if k > 0 and (DATA_ANCHOR_RE.match(ln.text) or GROUP_ANCHOR_RE.match(ln.text)
                              or TOTAL_ROW_RE.match(ln.text)):
                    body_start = k
                    break
                header_parts.append(ln.text)
            header = " ".join(header_parts)
            roles = roles_of_header(header)
            years, units, measures = (), (), ()
            body = lines[body_start:]
            header_lines = set(header_parts)
        kind = kind_of(roles)
        rows = (delimited_rows(doc, body, roles, kind) if delimited
                else flattened_rows(body, roles, kind, header_lines))
        rows = parents_to_groups(rows)
        # the year of the plan's column: its own header cell's, else the first the header names
        target_cell = (next((c.text for c, r in zip(header_cells, roles, strict=False) if r == "target"), "")
                       if delimited else "")
        year_match = CELL_YEAR_RE.search(target_cell) or HEADER_YEAR_RE.search(header)
        money = None
        if kind == "budget":
            before = " ".join(b.text for b in doc.blocks[max(0, first - 2):first]) + " " + header
            mm = MONEY_UNIT_RE.search(before)
            money = " ".join(mm.group("unit").lower().split()) if mm else None
        out.append(Table(len(out), kind, tuple(roles), lines[0].line_start, tuple(rows), first,
                         int(year_match.group("year")) if year_match else None, money,
                         last_line=lines[-1].line_start, column_years=years, column_units=units,
                         column_measures=measures))
    return tuple(out)
