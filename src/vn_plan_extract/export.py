"""Tables across many plans, for the office that opens them in Excel.

`indicators.csv` and `tasks.csv` are UTF-8 with a byte-order mark (without it Excel reads them as the
local ANSI code page and Vietnamese turns to mojibake); `plans.xlsx` holds the same rows plus one row per
document. Every row names its source file and lines, so a reviewer can go back to the text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import WARNING_CODES_VI
from .files import commit_partial, partial_file, write_atomic
from .models import Deadline, Group, Indicator, PlanDocument, Source, Task

CSV_ENCODING = "utf-8-sig"  # the BOM is what tells Excel the file is UTF-8

Cell = str | int | float | bool | date | None


@dataclass(frozen=True)
class ConvertedPlan:
    """One converted document and the input file it came from (relative to the batch's input folder)."""

    file: str
    plan: PlanDocument


def vietnamese_date(iso: str | None) -> str | None:
    """An ISO date as Vietnamese documents write it: "2026-07-03" -> "03/07/2026" (anything else unchanged).

    >>> vietnamese_date("2026-07-03"), vietnamese_date(None), vietnamese_date("2026")
    ('03/07/2026', None, '2026')
    """
    parsed = _date(iso)
    return parsed.strftime("%d/%m/%Y") if parsed else iso


def _date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def vietnamese_number(value: float) -> str:
    """A number as a Vietnamese reader writes it: dots between thousands, a decimal comma, never an
    exponent ("2.43373e+06" is what Python's short form makes of a budget).

    >>> vietnamese_number(2433733.3), vietnamese_number(112.5), vietnamese_number(80.0), vietnamese_number(0.25)
    ('2.433.733,3', '112,5', '80', '0,25')
    """
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,"))


def target_label(ind: Indicator, with_year: bool = False) -> str:
    """ "≥ 80%", "≤ 30 hạng", "5 sáng kiến", "3–5%": a target as a reader writes it (with the year: "≥ 80% (2026)").

    >>> from vn_plan_extract import extract_text
    >>> doc = extract_text("I. MỤC TIÊU\\n- Tốc độ tăng trưởng kinh tế đạt từ 7,5 - 8,0% trong năm 2026.")
    >>> target_label(doc.indicators[0]), doc.indicators[0].target.comparator.value
    ('7,5–8%', '>=')
    """
    t = ind.target
    if ind.qualitative or t.value is None:
        text = t.text
    else:
        value = vietnamese_number(t.value)
        symbol = {"=": "", ">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< "}[t.comparator.value if t.comparator else "="]
        if t.value_max is not None:
            # a range reads as one, "94–96 triệu đồng": its "≥" (the contract's, for the lower bound) would
            # make an official read a minimum
            value, symbol = f"{value}–{vietnamese_number(t.value_max)}", ""
        unit = t.unit or ""
        text = f"{symbol}{value}{'' if unit in ('%', '') else ' '}{unit}"
    return f"{text} ({ind.target_year})" if with_year and ind.target_year else text


def _units(units: list[str]) -> str:
    return "; ".join(units)


def _deadline(deadline: Deadline | None) -> str | None:
    return deadline.text if deadline else None


def _group(group: Group | None) -> str | None:
    if group is None:
        return None
    return f"{group.label}. {group.title}" if group.label else group.title


def _where(source: Source) -> list[Cell]:
    return [source.line_start, source.line_end, source.page]


_WHERE = ["line_start", "line_end", "page"]

INDICATOR_COLUMNS = ["file", "issuer", "id", "section", "group", "name", "comparator", "value", "value_max", "unit",
                     "target_text", "qualitative", "target_year", "lead_units", "support_units", "monitor_units",
                     "deadline", "origin", *_WHERE, "quote"]
TASK_COLUMNS = ["file", "issuer", "id", "stt", "section", "group", "title", "lead_units", "support_units",
                "output", "deadline", "indicator_ids", *_WHERE, "quote"]


def _indicator_row(item: ConvertedPlan, ind: Indicator) -> list[Cell]:
    t = ind.target
    return [item.file, item.plan.metadata.issuer, ind.id, " > ".join(ind.section_path), _group(ind.group), ind.name,
            t.comparator.value if t.comparator else None, t.value, t.value_max, t.unit, t.text, ind.qualitative,
            ind.target_year, _units(ind.lead_units), _units(ind.support_units), _units(ind.monitor_units),
            _deadline(ind.deadline), ind.origin.value, *_where(ind.source), ind.source.quote]


def _task_row(item: ConvertedPlan, task: Task) -> list[Cell]:
    return [item.file, item.plan.metadata.issuer, task.id, task.stt, " > ".join(task.section_path), _group(task.group),
            task.title, _units(task.lead_units), _units(task.support_units), task.output, _deadline(task.deadline),
            " ".join(task.indicator_ids), *_where(task.source), task.source.quote]


#: What a spreadsheet program takes for the start of a formula when a cell's text opens with it.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: Cell) -> Cell:
    """A CSV cell that Excel or LibreOffice will not run as a formula: text opening with "=", "+", "-",
    "@", a tab or a carriage return gets a leading apostrophe (OWASP's advice on CSV injection); a plan's
    text or a file's name is data, never a formula."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def append_text_row(sheet: Any, values: Sequence[Cell]) -> None:
    """Append a row whose text cells are stored as text: openpyxl would store "=HYPERLINK(…)" as a
    formula; control characters a PDF can leave in a quote are not allowed in a cell."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl is loaded where a workbook is written

    sheet.append([ILLEGAL_CHARACTERS_RE.sub(" ", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_csv(path: Path, header: list[str], rows: list[list[Cell]]) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding=CSV_ENCODING, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows([csv_text(v) for v in row] for row in rows)

    write_atomic(path, write)


#: The workbook an official opens: Vietnamese headers, what a row is about and its target first (the
#: name, "≥ 80%", the number alone to sort and filter on), who and when, and whose plan; then where it
#: came from. Printed, a sheet shows the columns up to the plan's issuer and file (`_PRINTED`), so a
#: landscape A4 page stays legible (all 20 fitted to its width printed at 40%). The CSVs keep the snake_case columns
#: above, stable keys for programs. (header, width, wrapped)
_XLSX_INDICATORS = [("Tên chỉ tiêu", 44, True), ("Chỉ tiêu", 13, True), ("Giá trị", 14, False), ("Đến", 7, False),
                    ("Đơn vị", 10, True), ("Năm", 6, False), ("Chủ trì", 24, True), ("Phối hợp", 22, True),
                    ("Thời hạn", 14, True), ("Cơ quan ban hành", 22, True), ("Tệp", 20, True), ("Theo dõi", 20, True),
                    ("Định tính", 9, False), ("Mục", 28, True), ("Nhóm", 22, True), ("Mã", 7, False),
                    ("Nguồn", 8, False), ("Dòng", 9, False), ("Trang", 6, False), ("Trích dẫn", 55, True)]
_XLSX_TASKS = [("STT", 6, False), ("Nhiệm vụ", 50, True), ("Chủ trì", 24, True), ("Phối hợp", 24, True),
               ("Kết quả", 24, True), ("Thời hạn", 14, True), ("Cơ quan ban hành", 22, True), ("Tệp", 20, True),
               ("Chỉ tiêu liên quan", 12, True), ("Mục", 28, True), ("Nhóm", 24, True), ("Mã", 7, False),
               ("Dòng", 9, False), ("Trang", 6, False), ("Trích dẫn", 55, True)]
_XLSX_DOCUMENTS = [("Tệp", 28, True), ("Cơ quan ban hành", 28, True), ("Số", 14, False), ("Ngày", 11, False),
                   ("Trích yếu", 50, True), ("Loại văn bản", 12, False), ("Nơi ban hành", 14, True),
                   ("Người ký", 22, True), ("Số chỉ tiêu", 9, False), ("Số nhiệm vụ", 9, False),
                   ("Tổng kinh phí", 12, False), ("Đơn vị kinh phí", 12, False), ("Cảnh báo", 9, False),
                   ("Định dạng", 9, False), ("Số trang", 8, False), ("sha256", 20, False)]
_XLSX_FILES = [("Tệp", 50, True), ("Trạng thái", 30, True), ("Lý do", 60, True), ("Số chỉ tiêu", 10, False),
               ("Số nhiệm vụ", 10, False)]
#: Columns of amounts: digits grouped by thousands in the reader's locale, never "5.39E+09".
_AMOUNTS = frozenset({"Giá trị", "Đến", "Tổng kinh phí"})
#: How many leading columns of each sheet are printed (see above).
_PRINTED = {"Chỉ tiêu": 11, "Nhiệm vụ": 8, "Văn bản": 12, "Tệp": 5}
#: Row heights are written, not left to the reader: LibreOffice keeps a row one line high however many
#: lines its wrapped cells take. Points per line of 11 pt text, and the most lines a row is given.
LINE_HEIGHT, _MOST_LINES = 15, 12
#: Where an item was read, in the words of the sheet and the review page.
ORIGIN_VI = {"prose": "văn bản", "table": "bảng"}


def _one_line(text: str | None) -> str | None:
    """A quote's line breaks collapsed: a wrapped cell shows the whole quote, not its last line."""
    return " ".join(text.split()) if text else text


def wrapped_lines(text: str, width: int) -> int:
    """Lines `text` takes in a wrapped column `width` characters wide: words filled greedily, a word
    longer than the line broken. A column's width counts digit widths; most letters are narrower, so
    this errs towards a line too many, never a cut-off last line."""
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0
        if size > width:
            # a word longer than the line (a file's path) is broken where the program finds a place
            # ("/", "_"), not at the last character that fits: a line holds three quarters of it
            lines += -(-size // max(1, width * 3 // 4)) - 1
            used = width
            continue
        used = used + 1 + size if used else size
    return lines


def _lines(source: Source) -> str:
    return f"{source.line_start}" if source.line_start == source.line_end else f"{source.line_start}–{source.line_end}"


def _xlsx_indicator(item: ConvertedPlan, ind: Indicator) -> list[Cell]:
    t = ind.target
    return [ind.name, target_label(ind), t.value, t.value_max, t.unit, ind.target_year,
            _units(ind.lead_units), _units(ind.support_units), _deadline(ind.deadline), item.plan.metadata.issuer,
            item.file, _units(ind.monitor_units), "Có" if ind.qualitative else "Không", " > ".join(ind.section_path),
            _group(ind.group), ind.id, ORIGIN_VI.get(ind.origin.value, ind.origin.value),
            _lines(ind.source), ind.source.page, _one_line(ind.source.quote)]


def _xlsx_task(item: ConvertedPlan, task: Task) -> list[Cell]:
    return [task.stt, task.title, _units(task.lead_units), _units(task.support_units), task.output,
            _deadline(task.deadline), item.plan.metadata.issuer, item.file, " ".join(task.indicator_ids),
            " > ".join(task.section_path), _group(task.group), task.id, _lines(task.source), task.source.page,
            _one_line(task.source.quote)]


def _xlsx_document(item: ConvertedPlan) -> list[Cell]:
    plan, meta = item.plan, item.plan.metadata
    signer = " ".join(x for x in (meta.signer.title, meta.signer.name) if x) if meta.signer else None
    return [item.file, meta.issuer, meta.number, _date(meta.date), meta.title, meta.doc_type, meta.place, signer,
            len(plan.indicators), len(plan.tasks), plan.budget.total if plan.budget else None,
            plan.budget.unit if plan.budget else None, len(plan.warnings), plan.source.format.value,
            plan.source.pages, plan.source.sha256]


#: Most characters a cell holds (Excel's limit): a longer quote is cut, with "…".
_CELL_MOST = 32_767


#: "_x" with one to three hex digits and "_" ("…_ntm_xa_danang…", a file named for a xã): LibreOffice reads
#: it as an escaped character ("_xa_" is a line break), where the format and Excel need four digits.
_SHORT_ESCAPE_RE = re.compile(r"(_x[0-9A-Fa-f]{1,3}_)")


@lru_cache(maxsize=1)
def _worksheet_class() -> type:
    """XlsxWriter's worksheet, escaping "_xa_" as the format escapes "_x000A_" (a leading "_x005F"), so
    that LibreOffice shows it as written, as Excel does."""
    from xlsxwriter.worksheet import Worksheet

    class _Worksheet(Worksheet):  # type: ignore[misc]  # XlsxWriter has no type information
        @staticmethod
        def _escape_control_characters(data: str) -> str:
            escaped: str = Worksheet._escape_control_characters(data)
            return _SHORT_ESCAPE_RE.sub(r"_x005F\1", escaped) if "_x" in escaped else escaped

    return _Worksheet


class _SheetWriter:
    """One sheet of plans.xlsx, rows appended as they come: XlsxWriter's constant_memory mode writes
    each row out when the next begins, so the workbook's size in memory does not grow with the rows."""

    def __init__(self, workbook: Any, title: str, columns: list[tuple[str, int, bool]]) -> None:
        self.title, self.columns, self.rows = title, columns, 0
        self.sheet = sheet = workbook.add_worksheet(title, worksheet_class=_worksheet_class())
        self._wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
        self._top = workbook.add_format({"valign": "top"})
        self._whole = workbook.add_format({"valign": "top", "num_format": "#,##0"})
        self._decimal = workbook.add_format({"valign": "top", "num_format": "#,##0.0##"})
        self._day = workbook.add_format({"valign": "top", "num_format": "dd/mm/yyyy"})
        self._amounts = {i for i, (name, _, _) in enumerate(columns) if name in _AMOUNTS}
        # a row is as high as the text of its printed columns: a long quote off the page does not make a
        # printed row of one line six lines high (on screen the quote's cell shows its first lines)
        self._printed = _PRINTED.get(title, len(columns))
        bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        for i, (_, width, _) in enumerate(columns):
            sheet.set_column(i, i, width)
        sheet.freeze_panes(1, 1)  # the header and the first column (what the row is) stay in view
        # printed: landscape A4, the printed columns fitted to the page's width, the header on every page
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.set_margins(left=0.4, right=0.4)  # inches; the default 0.7 wastes width
        sheet.hide_gridlines(0)  # on paper too: a row's cells are read across the page by its lines
        sheet.set_footer("&CTrang &P / &N")
        sheet.set_row(0, LINE_HEIGHT * max(wrapped_lines(name, width) for name, width, _ in columns))
        for i, (name, _, _) in enumerate(columns):
            sheet.write_string(0, i, name, bold)

    def append(self, row: Sequence[Cell]) -> None:
        self.rows += 1
        number = self.rows
        lines = max((wrapped_lines(value, width) for value, (_, width, wrap) in
                     zip(row[: self._printed], self.columns[: self._printed], strict=True)
                     if wrap and isinstance(value, str)), default=1)
        if lines > 1:  # before the row's cells: in constant_memory mode a row is final once the next begins
            self.sheet.set_row(number, LINE_HEIGHT * min(lines, _MOST_LINES))
        for col, (value, (_, _, wrap)) in enumerate(zip(row, self.columns, strict=True)):
            if value is None:
                continue
            if isinstance(value, str):
                # text is written as text: "=HYPERLINK(…)" in a plan or a file name is never a formula
                text = value if len(value) <= _CELL_MOST else value[: _CELL_MOST - 1] + "…"
                self.sheet.write_string(number, col, text, self._wrapped if wrap else self._top)
            elif isinstance(value, bool):
                self.sheet.write_boolean(number, col, value, self._top)
            elif isinstance(value, date):  # a real date: sorts and filters as one, shown 03/07/2026
                self.sheet.write_datetime(number, col, value, self._day)
            elif col in self._amounts:
                self.sheet.write_number(number, col, value, self._whole if float(value).is_integer() else self._decimal)
            else:  # beside a wrapped cell, level with its first line
                self.sheet.write_number(number, col, value, self._top)

    def finish(self) -> None:
        """What needs the number of rows: the filter and the print area."""
        self.sheet.autofilter(0, 0, self.rows, len(self.columns) - 1)
        self.sheet.print_area(0, 0, self.rows, self._printed - 1)


#: What became of a file, in the words of the sheet.
FILE_STATUS = {"converted": "Đã chuyển đổi", "partly": "Đã chuyển đổi, có phần chưa đọc được",
               "needs_ocr": "Có trang quét chưa đọc: cần đọc bằng OCR (chạy lại không có --ocr never)",
               "failed": "Lỗi, chưa chuyển đổi",
               "unsupported": "Không đọc: định dạng không hỗ trợ (lưu thành .docx hoặc .pdf)",
               "outside": "Bỏ qua: liên kết ra ngoài thư mục đầu vào (chép tệp hoặc thư mục vào đó)"}


def unread_status(codes: Sequence[str]) -> tuple[str, str]:
    """A converted file part of which was not read (its `ATTENTION_CODES` warnings): its status key in
    `FILE_STATUS` (scanned pages left to OCR, or partly read) and the warnings' meanings in Vietnamese."""
    return ("needs_ocr" if "W006" in codes else "partly"), "; ".join(f"{c} {WARNING_CODES_VI[c]}" for c in codes)


class ExportWriter:
    """indicators.csv, tasks.csv and plans.xlsx written as plans come, one at a time (the memory used does
    not grow with their number): `add` each plan, then `close` with the list of every input for the
    workbook's "Tệp" sheet, or `abort`. The three files appear together when `close` has written them
    all; until then they are temporary files beside them (an older set stays as it was)."""

    def __init__(self, out_dir: Path) -> None:
        import xlsxwriter  # loaded here: a command that writes no workbook starts faster

        self.paths = [out_dir / "indicators.csv", out_dir / "tasks.csv", out_dir / "plans.xlsx"]
        self._partials = [partial_file(p) for p in self.paths]
        self._handles = [self._partials[0].open("w", encoding=CSV_ENCODING, newline=""),
                         self._partials[1].open("w", encoding=CSV_ENCODING, newline="")]
        self._indicators, self._tasks = csv.writer(self._handles[0]), csv.writer(self._handles[1])
        self._indicators.writerow(INDICATOR_COLUMNS)
        self._tasks.writerow(TASK_COLUMNS)
        self._workbook = xlsxwriter.Workbook(str(self._partials[2]), {"constant_memory": True, "strings_to_formulas": False,
                                                                      "strings_to_urls": False})
        self._sheets = [_SheetWriter(self._workbook, "Chỉ tiêu", _XLSX_INDICATORS),
                        _SheetWriter(self._workbook, "Nhiệm vụ", _XLSX_TASKS),
                        _SheetWriter(self._workbook, "Văn bản", _XLSX_DOCUMENTS)]
        self._counts: dict[str, tuple[int, int]] = {}

    def add(self, item: ConvertedPlan) -> None:
        for ind in item.plan.indicators:
            self._indicators.writerow([csv_text(v) for v in _indicator_row(item, ind)])
            self._sheets[0].append(_xlsx_indicator(item, ind))
        for task in item.plan.tasks:
            self._tasks.writerow([csv_text(v) for v in _task_row(item, task)])
            self._sheets[1].append(_xlsx_task(item, task))
        self._sheets[2].append(_xlsx_document(item))
        self._counts[item.file] = (len(item.plan.indicators), len(item.plan.tasks))

    def close(self, files: Sequence[tuple[str, str, str]] = ()) -> list[Path]:
        """Finish the three files and move them into place; `files` (name, status key of `FILE_STATUS`,
        reason) lists every input for the "Tệp" sheet. Returns their paths."""
        try:
            sheets = list(self._sheets)
            if files:
                listed = _SheetWriter(self._workbook, "Tệp", _XLSX_FILES)
                for name, status, reason in files:
                    listed.append([name, FILE_STATUS[status], reason, *self._counts.get(name, (None, None))])
                sheets.append(listed)
            for sheet in sheets:
                sheet.finish()
            self._workbook.close()
            for handle in self._handles:
                handle.close()
            for tmp, path in zip(self._partials, self.paths, strict=True):
                commit_partial(tmp, path)
        except BaseException:
            self.abort()
            raise
        return self.paths

    def abort(self) -> None:
        """Drop what was written: the temporary files go, an older set of exports stays."""
        for handle in self._handles:
            handle.close()
        for tmp in self._partials:
            tmp.unlink(missing_ok=True)


def write_exports(plans: Iterable[ConvertedPlan], out_dir: Path,
                  files: Sequence[tuple[str, str, str]] = ()) -> list[Path]:
    """Write indicators.csv, tasks.csv and plans.xlsx into `out_dir` from `plans` (read once, one at a
    time); return their paths. See `ExportWriter`."""
    writer = ExportWriter(out_dir)
    try:
        for item in plans:
            writer.add(item)
    except BaseException:
        writer.abort()
        raise
    return writer.close(files)
