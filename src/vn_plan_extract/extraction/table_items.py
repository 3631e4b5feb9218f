"""Table rows → indicators, tasks and the budget, each as the row states it.

Rows that restate a target stated elsewhere are merged later, by `reconcile`.
"""

from __future__ import annotations

import regex

from ..document import SourceText, frozen
from ..errors import WARNING_CODES
from ..lexicon.agencies import AGENCY_HEAD_RE, agency_is_complete, canonical_agency
from ..lexicon.columns import UNIT_CELL_RE
from ..lexicon.targets import YEAR_PHRASES
from ..models import (
    Budget,
    BudgetItem,
    Comparator,
    Deadline,
    DeadlineKind,
    Group,
    Indicator,
    Origin,
    Source,
    TableRef,
    Target,
    Task,
    Warning,
)
from ..structure import StructuredDocument
from ..tables import Cell, Row, Table
from .deadlines import parse_deadline
from .numbers import money_amount, parse_vn_number
from .quantities import find_quantities

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
#: A target cell: "≥ 90", "100%", "8,5-9,5" (a range is a range only when one cell writes it).
_TARGET_VALUE_RE = regex.compile(
    rf"(?P<cmp>≥|>=|≤|<=|>|<|=)?\s*(?P<num>{_NUM})\s*(?P<pct>%)?(?:\s*[-–]\s*(?P<max>{_NUM})\s*(?P<pct2>%)?)?"
)
#: A unit written in brackets at the end of a name when the table has no unit column:
#: "Tốc độ tăng GRDP (%), trong đó:", "GRDP bình quân đầu người (USD)".
#: A ratio to a population named "Số X trên vạn dân" or "Số X/vạn dân": X per so many is its unit.
_RATIO_NAME_RE = regex.compile(r"Số\s+(?P<unit>[^\d()]{1,40}?(?:/|\s+trên\s+)(?:\d+\s+)?(?:vạn|nghìn|triệu|100)[^\d()]{0,20})")
_NAME_UNIT_RE = regex.compile(r"\((?P<unit>%|[^\W\d][^()\d]{0,24})\)\s*(?:,?\s*trong\s+đó\s*:?)?\s*$")
_COMPARATORS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "="}
#: Cells of an agency column split at ", " or "; " only where a new body starts.
_UNIT_SEPARATOR_RE = regex.compile(r"[;,]\s+")

_DASHES_RE = regex.compile(r"[-–—.]+")
#: A header naming this many columns besides STT and notes heads a table of data.
_MIN_NAMED_COLUMNS = 2

@frozen
class TableItems:
    indicators: list[Indicator]
    tasks: list[Task]
    budget: Budget | None
    warnings: list[Warning]
    #: where each task's output cell was read (by the task's position in `tasks`)
    output_sources: dict[int, Source]


def split_units(cell: str) -> list[str]:
    """The bodies an agency cell names.

    >>> split_units("Phòng VHXH, CA phường")
    ['Phòng VHXH', 'CA phường']
    >>> split_units("Các cơ quan, đơn vị")
    ['Các cơ quan, đơn vị']
    >>> split_units("Văn phòng HĐND &UBND, Công an phường")
    ['Văn phòng HĐND &UBND', 'Công an phường']
    >>> split_units("Trung tâm PVHCC Văn phòng HĐND & UBND")
    ['Trung tâm PVHCC', 'Văn phòng HĐND & UBND']
    >>> split_units("Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh")
    ['Sở Công Thương', 'Ban Quản lý khu Kinh tế tỉnh']
    >>> split_units("Đỗ Mạnh Cường; Vũ Việt Linh")
    ['Đỗ Mạnh Cường', 'Vũ Việt Linh']
    """
    cell = " ".join(cell.split()).strip(" ,;.")
    if not cell:
        return []
    if ";" not in cell and canonical_agency(cell) and not _has_second_body(cell):
        return [cell]  # a ";" always separates bodies ("Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh")
    parts: list[str] = []
    current = ""
    pos = 0
    for m in _UNIT_SEPARATOR_RE.finditer(cell):
        piece = cell[pos:m.start()]
        current = f"{current}{piece}" if current else piece
        nxt = cell[m.end():]
        if m.group().startswith(";") or (_starts_body(nxt) and agency_is_complete(current)):
            parts.append(current)
            current = ""
        else:
            current += m.group()
        pos = m.end()
    current = f"{current}{cell[pos:]}" if current else cell[pos:]
    parts.append(current)
    out: list[str] = []
    for part in parts:
        out.extend(_split_adjacent_bodies(part))
    return [p.strip(" ,;.") for p in out if p.strip(" ,;.")]


def _starts_body(text: str) -> bool:
    return bool(AGENCY_HEAD_RE.match(text)) or canonical_agency(text) is not None


def _has_second_body(cell: str) -> bool:
    return len(_split_adjacent_bodies(cell)) > 1 or any(
        _starts_body(cell[m.end():]) for m in _UNIT_SEPARATOR_RE.finditer(cell))


def _split_adjacent_bodies(text: str) -> list[str]:
    """ "Trung tâm PVHCC Văn phòng HĐND & UBND": two bodies written side by side with no comma."""
    for m in AGENCY_HEAD_RE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == " ":
            head, tail = text[:m.start()].strip(), text[m.start():]
            if agency_is_complete(head) and canonical_agency(tail):
                return [head, *_split_adjacent_bodies(tail)]
    return [text]


def parse_table_target(text: str, unit: str | None) -> tuple[str | None, float | None, float | None, str | None]:
    """(comparator, value, value_max, unit) of a target cell; a cell with no number is qualitative.

    >>> parse_table_target("≥ 90", "%")
    ('>=', 90, None, '%')
    >>> parse_table_target("Có/ ≥ 01", "Sáng kiến")
    ('>=', 1, None, 'Sáng kiến')
    >>> parse_table_target("Mức Khá", "Thứ bậc")
    (None, None, None, 'Thứ bậc')
    >>> parse_table_target(">80%", "%")
    ('>', 80, None, '%')
    >>> parse_table_target("8,5-9,5", "%")
    ('>=', 8.5, 9.5, '%')
    """
    m = _TARGET_VALUE_RE.search(text)
    if not m:
        return None, None, None, unit
    comparator = _COMPARATORS.get(m.group("cmp") or "=", "=")
    value = parse_vn_number(m.group("num"))
    value_max = parse_vn_number(m.group("max")) if m.group("max") else None
    if value_max is not None and value_max > value and comparator == "=":
        comparator = ">="
    else:
        value_max = None
    if comparator == ">" and value == 100 and (unit == "%" or m.group("pct")):
        comparator = "="
    return comparator, value, value_max, unit or ("%" if m.group("pct") or m.group("pct2") else None)


def _stated_target(cell: str) -> tuple[str, float, float | None, str | None, str] | None:
    """The target a name cell states in words: its last value written with a target word, a percentage
    or a unit ("… đạt 80%", "Phát triển ít nhất 05 kịch bản …"); None when it states none.

    >>> _stated_target("Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình đạt 80%.")
    ('=', 80, None, '%', 'đạt 80%')
    >>> _stated_target("Xây dựng cơ sở dữ liệu dùng chung") is None
    True
    """
    found = [q for q in find_quantities(cell, 0, len(cell))
             if q.percent or q.rank or q.comparator_word or q.after_comparator or q.unit]
    if not found:
        return None
    q = found[-1]
    return q.comparator, q.value, q.value_max, q.unit, cell[q.start:q.end]


def _unit_in_name(name: str) -> str | None:
    """The unit a name writes in brackets at its end, for tables with no unit column.

    >>> _unit_in_name("Tốc độ tăng GRDP (%), trong đó:"), _unit_in_name("GRDP bình quân đầu người (USD)")
    ('%', 'USD')
    >>> _unit_in_name("Số xã đạt chuẩn (lũy kế)") is None
    True
    >>> _unit_in_name("Số bác sỹ trên vạn dân"), _unit_in_name("Số giường bệnh/vạn dân.")
    ('bác sỹ trên vạn dân', 'giường bệnh/vạn dân')
    """
    m = _NAME_UNIT_RE.search(name)
    if m is None:
        ratio = _RATIO_NAME_RE.fullmatch(name.strip(" .;"))
        return ratio.group("unit") if ratio else None  # "Số giường bệnh/vạn dân" counts "giường bệnh/vạn dân"
    unit = m.group("unit").strip()
    return unit if unit == "%" or UNIT_CELL_RE.fullmatch(unit) else None  # "(lũy kế)" is no unit


def _span_of_cells(source: SourceText, cells: list[Cell | None]) -> tuple[int, int, str] | None:
    pieces = [p for c in cells if c is not None for p in c.pieces]
    if not pieces:
        return None
    start = min(p.line.starts[p.start] for p in pieces)
    first = min(pieces, key=lambda p: p.line.starts[p.start])
    same_line = [p for p in pieces if p.line.line_start == first.line.line_start]
    end = max(p.line.ends[p.end - 1] for p in same_line)
    return start, end, source.text[start:end]


def _source(source: SourceText, row: Row, table: Table, row_number: int, cells: list[Cell | None]) -> Source:
    span = _span_of_cells(source, cells)
    if span is None:
        return Source(line_start=row.line_start, line_end=row.line_end, table=TableRef(index=table.index, row=row_number),
                      quote=source.line_text(row.line_start))
    start, end, quote = span
    return Source(line_start=source.line_of(start), line_end=max(source.line_of(max(start, end - 1)), row.line_end),
                  table=TableRef(index=table.index, row=row_number), quote=quote)


def _deadline(text: str, column: str = "deadline") -> Deadline | None:
    """A deadline cell as written; a note cell gives one only when it reads as a time ("cuối 2027")."""
    text = " ".join(text.split())
    if not text or _DASHES_RE.fullmatch(text):
        return None
    parsed = parse_deadline(text)
    if column != "deadline":
        return parsed
    if parsed is None:
        return Deadline(text=text, kind=DeadlineKind.other)
    # the cell as written ("Xong trong Quý II/2026"), read for the time it names
    return parsed.model_copy(update={"text": text})


def _heading_year(doc: StructuredDocument, block: int) -> int | None:
    h = doc.section_of[block]
    while h >= 0:
        m = YEAR_PHRASES.search(doc.headings[h].title)
        if m:
            return int(m.group("year") or m.group("end") or m.group("bare"))
        level = doc.headings[h].level
        h -= 1
        while h >= 0 and doc.headings[h].level >= level:
            h -= 1
    return None


def _is_series(table: Table) -> bool:
    """Several plan columns, each for its own year or measure ("Năm 2026" … "Năm 2030"; "Kế hoạch 2026
    Lượng (Tấn)", "Kế hoạch 2026 Giá trị (Nghìn USD)" …): each cell of a row is a target of its own."""
    columns = [k for k, r in enumerate(table.roles) if r == "target"]
    if len(columns) < 2 or len(table.column_years) < len(table.roles):
        return False
    return len({(table.column_years[k], table.column_units[k]) for k in columns}) == len(columns)


def _series_indicators(source: SourceText, table: Table, row: Row, row_number: int, year: int | None,
                       path: list[str], group: Group | None) -> list[Indicator]:
    """One indicator per filled plan cell of a row, for the year its column names, in the unit of the
    row ("ĐVT") or of the column's header."""
    out = []
    name = row.text("name")
    if row.stt is None and group is not None and group.title:
        name = f"{group.title}: {name}"  # "Cà Phê: Diện tích": a sub-row is named with its parent row
    measures = table.column_measures
    for cell in table.cells_of(row, "target"):
        unit = row.text("unit") or table.column_units[cell.column] or _unit_in_name(row.text("name"))
        comparator, value, value_max, unit = parse_table_target(cell.text, unit)
        if value is None and _DASHES_RE.fullmatch(cell.text.strip()):
            continue  # "-": nothing planned for that year
        measure = measures[cell.column] if cell.column < len(measures) else None
        out.append(_row_indicator(source, table, row, row_number, f"{name}: {measure}" if measure else name,
                                  (comparator, value, value_max, unit), cell.text,
                                  table.column_years[cell.column] or year, _deadline(row.text("deadline")),
                                  path, group))
    return out


def _row_indicator(source: SourceText, table: Table, row: Row, row_number: int, name: str,
                   target: tuple[str | None, float | None, float | None, str | None], target_text: str,
                   year: int | None, deadline: Deadline | None, path: list[str], group: Group | None) -> Indicator:
    """The indicator a table row (or one plan cell of it) states, grounded in the row's name cell."""
    comparator, value, value_max, unit = target
    return Indicator(
        id="", name=name,
        target=Target(comparator=Comparator(comparator) if comparator else None, value=value,
                      value_max=value_max, unit=unit, text=target_text),
        qualitative=value is None, target_year=year, section_path=path,
        lead_units=split_units(row.text("lead")), support_units=split_units(row.text("support")),
        monitor_units=split_units(row.text("monitor")), deadline=deadline, origin=Origin.table,
        group=group, source=_source(source, row, table, row_number, [row.cell("name")]),
    )


def extract_table_items(doc: StructuredDocument, tables: tuple[Table, ...], plan_year: int | None) -> TableItems:
    source = doc.normalised.source
    indicators: list[Indicator] = []
    tasks: list[Task] = []
    budget: Budget | None = None
    warnings: list[Warning] = []
    output_sources: dict[int, Source] = {}
    for table in tables:
        if not any(row.kind in {"data", "total"} for row in table.rows):
            if len(set(table.roles) - {"note", "stt"}) < _MIN_NAMED_COLUMNS:
                continue  # a layout table (a page's header or signature block), not a table of data
            # a header naming columns and no row under it: say so with the region's lines, never silently nothing
            quote = source.line_text(table.header_line)
            warnings.append(Warning(code="W007", message=f"{WARNING_CODES['W007']}: table {table.index}",
                                    source=Source(line_start=table.header_line,
                                                  line_end=max(table.header_line, table.last_line), quote=quote)))
            continue
        path = list(doc.path_of(table.first_block))
        year = table.year or _heading_year(doc, table.first_block) or plan_year
        group: Group | None = None
        row_number = 0
        total = None
        items: list[BudgetItem] = []
        for row in table.rows:
            if row.kind == "group":
                group = Group(label=row.stt, title=row.text("title"))
                continue
            if row.kind == "total":
                total, _ = money_amount(row.text("amount"), table.money_unit)
                continue
            row_number += 1
            if row.guessed:
                src = _source(source, row, table, row_number, [])
                warnings.append(Warning(code="W005", message=f"table {table.index} row {row.stt}: cells assigned by guess",
                                        source=src))
            if table.kind == "indicators" and _is_series(table):
                indicators.extend(_series_indicators(source, table, row, row_number, year, path, group))
                continue
            if table.kind == "indicators":
                if "target" in table.roles and not row.text("target"):
                    continue  # a row with an empty plan column promises nothing ("Cơ cấu kinh tế" over its parts)
                # the unit: the row's ĐVT cell, else the plan column's header ("Kế hoạch 2030 (Nghìn USD)")
                header_unit = next((table.column_units[c.column] for c in table.cells_of(row, "target")
                                    if c.column is not None and 0 <= c.column < len(table.column_units)), None)
                unit = row.text("unit") or header_unit or (
                    None if "unit" in table.roles else _unit_in_name(row.text("name")))
                comparator, value, value_max, unit = parse_table_target(row.text("target"), unit)
                target_text = row.text("target")
                if "target" not in table.roles and value is None:
                    # a table of targets with no target column: its name cell states the target
                    # ("Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình đạt 80%.")
                    stated = _stated_target(row.text("name"))
                    if stated is None:
                        continue  # a list of names with no target ("Mẫu nước nguồn cấp", a site, a cost line)
                    comparator, value, value_max, unit, target_text = stated
                deadline = _deadline(row.text("deadline")) or _deadline(row.text("note"), "note")
                indicators.append(_row_indicator(source, table, row, row_number, row.text("name"),
                                                 (comparator, value, value_max, unit), target_text, year,
                                                 deadline, path, group))
            elif table.kind == "tasks":
                if row.cell("output") is not None:
                    output_sources[len(tasks)] = _source(source, row, table, row_number, [row.cell("output")])
                tasks.append(Task(
                    id="", stt=row.stt, title=row.text("task"), section_path=path, group=group,
                    lead_units=split_units(row.text("lead")), support_units=split_units(row.text("support")),
                    output=row.text("output") or None, deadline=_deadline(row.text("deadline")),
                    source=_source(source, row, table, row_number, [row.cell("task")]),
                ))
            else:
                amount, unit = money_amount(row.text("amount"), table.money_unit)  # "50tr", "12,5tỷ" are amounts
                items.append(BudgetItem(label=row.text("task"), amount=amount, unit=unit,
                                        source=_source(source, row, table, row_number, [row.cell("task")])))
        if table.kind == "budget":
            printed = total
            budget = Budget(items=items, unit=table.money_unit,
                            total=printed if printed is not None else sum(i.amount or 0 for i in items))
    return TableItems(indicators, tasks, budget, warnings, output_sources)
