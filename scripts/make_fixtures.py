"""Build the DOCX and PDF test fixtures in ``tests/fixtures/`` (run from the repository root).

    .venv/bin/python scripts/make_fixtures.py

``seeds/<stem>.docx`` and ``seeds/<stem>.pdf``, one pair per plan of ``corpus/``, laid out the way a
commune office types a plan in Word: the two-column header, "KẾ HOẠCH" and the title, the legal bases,
headings numbered by Word itself (w:numPr pointing into numbering.xml, so the number is not part of the
paragraph text), real tables for the target, task and budget appendices, the "Nơi nhận" list beside the
signature, Times New Roman on A4, a page number in the footer and a running header from page 2. The
content comes from the hand-verified ``golden/<stem>.json`` (section tree, table rows) and from the seed
text between the headings (paragraphs re-joined by ``normalise``), never from the parser's output. The
PDFs are the DOCX files converted by LibreOffice, as an office "saves as PDF".

``awkward/`` holds small hand-made files for the cases that break readers: merged cells, numbering that
restarts (and one list that does not), a table over a page break, empty files, a password-protected PDF,
truncated files, a zip that is not a Word document and a scanned PDF without a text layer.
``awkward/EXPECTED.md`` says what a correct reader does with each.

The script rewrites every file on each run. DOCX files are byte-for-byte reproducible (fixed core
properties and zip timestamps); PDFs are not quite (LibreOffice and the encryption stamp dates and IDs).
Needs python-docx, pdfplumber, pypdf and LibreOffice (``soffice``) on the PATH.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import docx
import pdfplumber
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vn_plan_extract.normalize import normalise  # noqa: E402  (the repository's own package)
from vn_plan_extract.readers.text import read_text_file  # noqa: E402

CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS_DIR = FIXTURES / "seeds"
AWKWARD_DIR = FIXTURES / "awkward"

#: Every DOCX claims to have been written at this moment (core properties and zip entries).
FIXED_TIME = datetime(2026, 3, 16, 8, 0, 0, tzinfo=UTC)
FONT = "Times New Roman"
#: The password of awkward/encrypted.pdf.
PDF_PASSWORD = "123456"


# ---------------------------------------------------------------------------------------------------
# Word XML helpers (python-docx has no API for numbering, borders, repeated header rows or fields)
# ---------------------------------------------------------------------------------------------------


def _el(tag: str, attrs: dict[str, str | int] | None = None, *children: object) -> OxmlElement:
    """A WordprocessingML element: ``_el("w:ind", {"w:left": 0})``."""
    element = OxmlElement(tag)
    for key, value in (attrs or {}).items():
        element.set(qn(key), str(value))
    for child in children:
        element.append(child)
    return element


@dataclass(frozen=True)
class Level:
    """One w:lvl of a list definition."""

    fmt: str  # upperRoman, upperLetter, decimal, lowerLetter, bullet
    text: str  # w:lvlText, e.g. "%1." or "%3.%4)"
    suffix: str = "tab"  # what Word puts between the number and the text: tab, space, nothing
    first_line: int = 567  # first-line indent in twips (1 cm)
    bold: bool = False


class Numbering:
    """Adds list definitions (w:abstractNum) and list instances (w:num) to a document's numbering.xml."""

    def __init__(self, document: DocxDocument) -> None:
        self._root = document.part.numbering_part.element
        abstract_ids = [int(e.get(qn("w:abstractNumId"))) for e in self._root.findall(qn("w:abstractNum"))]
        num_ids = [int(e.get(qn("w:numId"))) for e in self._root.findall(qn("w:num"))]
        self._next_abstract = max(abstract_ids, default=-1) + 1
        self._next_num = max(num_ids, default=0) + 1
        self._abstracts: dict[tuple[Level, ...], int] = {}

    def abstract(self, levels: Sequence[Level]) -> int:
        """The id of a list definition with these levels (defined once, then reused)."""
        key = tuple(levels)
        if key in self._abstracts:
            return self._abstracts[key]
        abstract_id = self._next_abstract
        self._next_abstract += 1
        element = _el(
            "w:abstractNum", {"w:abstractNumId": abstract_id},
            _el("w:nsid", {"w:val": f"{0x1A2B0000 + abstract_id:08X}"}),
            _el("w:multiLevelType", {"w:val": "multilevel" if len(levels) > 1 else "singleLevel"}),
        )
        for ilvl, level in enumerate(levels):
            lvl = _el(
                "w:lvl", {"w:ilvl": ilvl},
                _el("w:start", {"w:val": 1}),
                _el("w:numFmt", {"w:val": level.fmt}),
            )
            if level.suffix != "tab":
                lvl.append(_el("w:suff", {"w:val": level.suffix}))
            lvl.append(_el("w:lvlText", {"w:val": level.text}))
            lvl.append(_el("w:lvlJc", {"w:val": "left"}))
            lvl.append(_el("w:pPr", None, _el("w:ind", {"w:left": 0, "w:firstLine": level.first_line})))
            if level.bold:
                lvl.append(_el("w:rPr", None, _el("w:b")))
            element.append(lvl)
        # CT_Numbering: every w:abstractNum comes before the first w:num.
        first_num = self._root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            self._root.append(element)
        self._abstracts[key] = abstract_id
        return abstract_id

    def num(self, abstract_id: int, restart: dict[int, int] | None = None) -> int:
        """A new list instance; ``restart`` maps levels to the number they start again from
        (w:lvlOverride/w:startOverride, what Word writes for "Restart numbering" / "Set numbering value")."""
        num_id = self._next_num
        self._next_num += 1
        element = _el("w:num", {"w:numId": num_id}, _el("w:abstractNumId", {"w:val": abstract_id}))
        for ilvl, start in sorted((restart or {}).items()):
            element.append(_el("w:lvlOverride", {"w:ilvl": ilvl}, _el("w:startOverride", {"w:val": start})))
        cleanup = self._root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            self._root.append(element)
        return num_id


def set_numbering(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> None:
    """Attach a paragraph to a list: Word draws the number, the paragraph text does not hold it."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field, written as Word writes it (begin / instrText / separate / result / end)."""
    def run(*children: object) -> None:
        paragraph._p.append(_el("w:r", None, *children))

    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    result = _el("w:t")
    result.text = "1"
    run(_el("w:fldChar", {"w:fldCharType": "begin"}))
    run(instr)
    run(_el("w:fldChar", {"w:fldCharType": "separate"}))
    run(result)
    run(_el("w:fldChar", {"w:fldCharType": "end"}))


def _insert_tbl_pr(table: DocxTable, element: OxmlElement, before: Sequence[str]) -> None:
    """Put a child into w:tblPr ahead of the first of ``before`` present (CT_TblPr is ordered)."""
    tbl_pr = table._tbl.tblPr
    for tag in before:
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(element)
            return
    tbl_pr.append(element)


def make_borderless(table: DocxTable) -> None:
    """No visible borders: the layout tables of the header and the signature block."""
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", {"w:val": "nil"}))
    _insert_tbl_pr(table, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))


def repeat_as_header(row) -> None:
    """Mark a row as a header row, repeated at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(_el("w:tblHeader"))


def set_column_widths(table: DocxTable, widths_cm: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _set_fonts(rpr, name: str) -> None:
    """Name the font for every script and drop the theme fonts that would override it."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


# ---------------------------------------------------------------------------------------------------
# A document set up as a commune office sets up its template
# ---------------------------------------------------------------------------------------------------

A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)
#: Decree 30/2020/NĐ-CP page margins: top and bottom 2 cm, left 3 cm, right 2 cm.
MARGINS = {"top_margin": Cm(2.0), "bottom_margin": Cm(2.0), "left_margin": Cm(3.0), "right_margin": Cm(2.0)}
PORTRAIT_TEXT_WIDTH = 16.0  # cm
LANDSCAPE_TEXT_WIDTH = 25.7  # cm (29.7 - 2 - 2)


def new_document(running_header: str, title: str) -> DocxDocument:
    """Times New Roman 14 pt, A4, decree margins, page number in the footer, a running header from page 2."""
    document = docx.Document()
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    _set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), FONT)

    normal = styles["Normal"]
    normal.font.name = FONT
    _set_fonts(normal.element.get_or_add_rPr(), FONT)
    normal.font.size = Pt(14)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.1
    for name, size in (("Heading 1", 14), ("Heading 2", 14), ("Heading 3", 14)):
        style = styles[name]
        _set_fonts(style.element.get_or_add_rPr(), FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.first_line_indent = Cm(1.0)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name in ("Header", "Footer"):
        _set_fonts(styles[name].element.get_or_add_rPr(), FONT)
        styles[name].font.size = Pt(12)

    section = document.sections[0]
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    for attr, value in MARGINS.items():
        setattr(section, attr, value)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.paragraph_format.first_line_indent = Cm(0)
    header.add_run(running_header).italic = True
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Cm(0)
        add_page_field(paragraph)

    props = document.core_properties
    props.author = props.last_modified_by = "Văn phòng HĐND và UBND"
    props.title = title
    props.created = props.modified = props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    props.comments = ""
    return document


def add_landscape_section(document: DocxDocument) -> None:
    """Appendices of wide tables start a new landscape section, as offices print them."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4_HEIGHT, A4_WIDTH
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin = section.right_margin = Cm(2.0)


def add_par(container, text: str = "", *, align: WD_ALIGN_PARAGRAPH | None = None,
            bold: bool = False, italic: bool = False, size: float | None = None, indent: bool = True,
            space_after: float | None = None, style: str | None = None,
            paragraph: Paragraph | None = None) -> Paragraph:
    """Add one paragraph (to the document or a table cell) with direct formatting, as typists do."""
    p = paragraph if paragraph is not None else container.add_paragraph(style=style)
    if style and paragraph is not None:
        p.style = style
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if not indent:
        p.paragraph_format.first_line_indent = Cm(0)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def cell_lines(cell, lines: Sequence[str], *, bold: bool = False, italic: bool = False,
               size: float = 12, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """Write lines into a table cell, one paragraph per line (the first reuses the cell's paragraph)."""
    for i, line in enumerate(lines or [""]):
        add_par(cell, line, bold=bold, italic=italic, size=size, indent=False, align=align, space_after=0,
                paragraph=cell.paragraphs[0] if i == 0 else None)


def save_docx(document: DocxDocument, path: Path) -> None:
    """Save with fixed zip timestamps so that re-running the script gives the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    write_zip(path, ((info.filename, zipfile.ZipFile(buffer).read(info.filename))
                     for info in zipfile.ZipFile(buffer).infolist()))


def write_zip(path: Path, members: Iterable[tuple[str, bytes]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else (0o644 << 16)
            out.writestr(info, data)


# ---------------------------------------------------------------------------------------------------
# Number labels and their Word formats
# ---------------------------------------------------------------------------------------------------

#: Heading kind → ilvl in a multilevel list and w:numFmt.
KIND_LEVEL = {"roman": 0, "upper_letter": 1, "arabic": 2, "decimal": 3, "lower_letter": 4}
KIND_FORMAT = {"roman": "upperRoman", "upper_letter": "upperLetter", "arabic": "decimal",
               "decimal": "decimal", "lower_letter": "lowerLetter"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def label_value(kind: str, label: str) -> int:
    """The counter value Word must reach to print ``label`` (Word's lowerLetter is a b c … z, no "đ")."""
    if kind == "roman":
        values = [_ROMAN[c] for c in label]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if kind == "upper_letter":
        return ord(label) - ord("A") + 1
    if kind == "lower_letter":
        if not ("a" <= label <= "z"):
            raise ValueError(f"Word cannot auto-number the letter {label!r}")
        return ord(label) - ord("a") + 1
    return int(label.split(".")[-1])


def level_text(kind: str, punct: str, ilvl: int, parent_label: str | None = None) -> str:
    """w:lvlText: "%1." for I., "%3.%4)-" for 2.1)- in a multilevel list, "2.%1)-" in a list of its own."""
    if kind == "decimal":
        prefix = f"%{ilvl}." if parent_label is None else f"{parent_label}."
        return f"{prefix}%{ilvl + 1}{punct}"
    return f"%{ilvl + 1}{punct}"


# ---------------------------------------------------------------------------------------------------
# A seed plan, taken apart from the golden file and the seed text
# ---------------------------------------------------------------------------------------------------

#: Lines that open the legal bases: "Căn cứ …", "Thực hiện …", "Xét …", "Theo đề nghị …", "Sau khi xem xét …".
BASIS_RE = re.compile(r"^(Căn cứ|Thực hiện|Xét|Theo đề nghị|Sau khi)\b")
#: The printed number of a heading: label, then the punctuation the seed uses ("I.", "III-", "B -", "2.1)-", "b)").
HEADING_NUMBER_RE = re.compile(
    r"""^\s*
        (?P<label>[IVXLC]+|[A-ZĐ]|\d+(?:\.\d+)*|[a-zđ])   # I / A / 1 / 2.1 / a
        (?P<punct>\s*[.)](?:\s*-)?|\s*-|)                 # "." / ")-" / ")" / " -" / "-" / nothing
        \s*""",
    re.VERBOSE,
)
#: Text that ends a sentence or a list line; a block ending otherwise was cut by text extraction.
SENTENCE_END_RE = re.compile(r"[.;:!?…)\"”/]\s*$")


@dataclass(frozen=True)
class Heading:
    label: str
    title: str
    level: int
    kind: str
    line: int
    text: str  # the heading as printed, without its number
    punct: str  # the punctuation printed after the number
    parent: int | None  # index of the parent heading
    md_heading: bool = False  # a "#" heading in the OCR markdown seed


@dataclass(frozen=True)
class Para:
    text: str
    line: int
    role: str = "body"  # body, basis, appendix_title, appendix_note, unit_note


@dataclass(frozen=True)
class Row:
    cells: tuple[tuple[str, ...], ...]  # each cell: its paragraphs
    group: bool = False  # a group row: label, then a title merged across the other columns
    bold: bool = False


@dataclass(frozen=True)
class TableSpec:
    index: int
    kind: str
    columns: tuple[str, ...]
    roles: tuple[str, ...]
    rows: tuple[Row, ...]
    first_line: int
    last_line: int


Item = Heading | Para | TableSpec


@dataclass
class SeedPlan:
    stem: str
    metadata: dict
    header_left: list[str]
    header_right: list[str]
    title: str
    front: list[Para]
    body: list[Item]
    closing: list[Para]
    recipients_label: str
    recipients: list[str]
    signer: list[str]
    appendix: list[Item]
    headings: list[Heading] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)


@dataclass(frozen=True)
class SeedLayout:
    """How the office that typed this plan used Word (varied between seeds, as between real offices)."""

    numbering: str  # "multilevel": one outline list; "restart": a list per run, restarted by w:startOverride
    heading_styles: dict[str, str]  # heading kind → Word style ("Heading 1"); other headings are bold Normal
    percent_in_target: bool  # the target cell repeats "%" ("≥ 90%") or leaves it to the unit column ("≥ 90")
    full_width_groups: bool  # group rows span every column ("A. PHÁT TRIỂN HẠ TẦNG") or sit beside their label
    auto_bullets: bool = False  # "- " items typed as a Word bullet list (the "-" is drawn, not typed)


LAYOUTS: dict[str, SeedLayout] = {
    "000": SeedLayout("restart", {}, True, False),
    "001": SeedLayout("multilevel", {}, True, False),
    "002": SeedLayout("multilevel", {"roman": "Heading 1"}, False, False),
    "003": SeedLayout("restart", {"roman": "Heading 1", "arabic_md": "Heading 2"}, True, True),
    "004": SeedLayout("multilevel", {"roman": "Heading 1"}, True, False, auto_bullets=True),
}

#: Target cells as printed where they are not "<comparator> <value>": qualitative targets, and one whose
#: golden comparator comes from a task row restating it (002 row 12 prints "25", the task "tối thiểu 25%").
#: Keys: (seed prefix, table, group label, STT).
TARGET_TEXT = {
    ("002", 0, None, "1"): "Mức Khá",
    ("002", 0, None, "2"): "Mức Khá",
    ("002", 0, None, "12"): "25",
    ("002", 0, None, "15"): "Đạt loại tốt",
    ("003", 0, "C", "19."): ">80%",
    ("003", 0, "C", "24."): "Cấp độ 1",
    ("004", 0, "III", "1"): "Có triển khai",
    ("004", 0, "IV", "1"): "Có/ ≥ 01",
}
_COMPARATOR_SIGN = {">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< ", "=": "", None: ""}


def compact(text: str) -> str:
    """Text without whitespace or OCR LaTeX, for "does this cell text occur in the seed" checks."""
    text = text.replace(r"$\geq", "≥").replace(r"\geq", "≥").replace(r"\%", "%").replace("$", "")
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def format_number(value: float) -> str:
    """Vietnamese style: 8073 → "8.073", 2.5 → "2,5"."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return str(value).replace(".", ",")


def column_role(kind: str, name: str, taken: set[str]) -> str:
    """What a table column holds, from its header (see golden/annotation/TABLES_FORMAT.md)."""
    n = name.lower()
    if n == "stt":
        return "stt"
    if "đơn vị tính" in n:
        return "unit"
    if "phối hợp" in n:
        return "support"
    if "theo dõi, đánh giá" in n:
        return "monitor"
    if "chủ trì" in n:
        return "lead"
    if "thời gian" in n:
        return "deadline"
    if "ghi chú" in n:
        return "note"
    if "kinh phí" in n:
        return "amount"
    if "name" not in taken:
        return "name"
    return "target" if kind == "indicators" else "output"


def _units_cell(units: Sequence[str], row_text: str) -> tuple[str, ...]:
    """One paragraph per body, as offices list them in a cell; the comma stays where the seed has one."""
    cell = []
    for i, unit in enumerate(units):
        comma = i + 1 < len(units) and compact(unit + ",") in row_text
        cell.append(unit + ("," if comma else ""))
    return tuple(cell)


def _table_rows(stem: str, golden: dict, table: dict, lines: list[str], last_line: int,
                roles: Sequence[str], layout: SeedLayout) -> list[Row]:
    """The rows of one golden table: data rows from the golden items, group rows where the group changes."""
    kind, index = table["kind"], table["index"]
    if kind == "indicators":
        items = [i for i in golden["indicators"] if i["origin"] == "table" and i["table"] == index]
    elif kind == "tasks":
        items = [t for t in golden["tasks"] if t["table"] == index]
    else:
        budget = golden["budget"]
        items = [dict(item, kind="budget") for item in budget["items"]]
        total_text = lines[budget["total_line"] - 1].strip()
        total_label = re.sub(r"\s*[\d.,]+$", "", total_text)
        items.append({"kind": "total", "line": budget["total_line"], "label": total_label, "amount": budget["total"]})
    items.sort(key=lambda item: item["line"])

    rows: list[Row] = []
    group = None
    for n, item in enumerate(items):
        if item.get("group") and item["group"] != group:
            label, title = item["group"]["label"], item["group"]["title"]
            if layout.full_width_groups:
                rows.append(Row(((f"{label}. {title}",),), group=True, bold=True))
            else:
                rows.append(Row(((label,), (title,)), group=True, bold=True))
        group = item.get("group")
        next_line = items[n + 1]["line"] if n + 1 < len(items) else last_line + 1
        row_text = compact(" ".join(lines[item["line"] - 1:next_line - 1]))
        cells = []
        for role in roles:
            cells.append(_cell_text(stem, index, kind, role, item, row_text, layout))
        rows.append(Row(tuple(cells), bold=item.get("kind") == "total"))
    return rows


def _cell_text(stem: str, index: int, kind: str, role: str, item: dict, row_text: str,
               layout: SeedLayout) -> tuple[str, ...]:
    if role == "stt":
        return (item.get("stt", ""),)
    if role == "name":
        return (item.get("name") or item.get("title") or item.get("label") or "",)
    if role == "unit":
        return (item.get("unit") or "",)
    if role == "target":
        key = (stem[:3], index, (item.get("group") or {}).get("label"), item["stt"])
        if key in TARGET_TEXT:
            return (TARGET_TEXT[key],)
        text = _COMPARATOR_SIGN[item["comparator"]] + format_number(item["value"])
        if layout.percent_in_target and item["unit"] == "%":
            text += "%"
        return (text,)
    if role in ("lead", "support", "monitor"):
        units = item.get(f"{role}_units") or []
        if kind == "indicators":
            # Golden indicator rows carry the bodies a restating task adds; the printed cell has only its own.
            units = [u for u in units if compact(u) in row_text]
        return _units_cell(units, row_text)
    if role == "deadline":
        return (item.get("deadline") or "",) if kind == "tasks" else ("",)
    if role == "output":
        return (item.get("output") or "",)
    if role == "amount":
        return (format_number(item["amount"]),)
    return ("",)


def _split_heading(block_text: str, section: dict) -> tuple[str, str, str]:
    """(punctuation after the number, heading text, text after the heading on the same block)."""
    if section["kind"] == "appendix":
        return "", block_text.strip(), ""
    match = HEADING_NUMBER_RE.match(block_text)
    if not match or match["label"] != section["label"]:
        raise ValueError(f"heading at line {section['line']} does not start with {section['label']!r}: {block_text!r}")
    rest = block_text[match.end():]
    title = section["title"]
    if len(compact(rest)) > len(compact(title)) + 2:
        # The normaliser glued the first sentence of the section to its heading: cut after the title.
        cut = len(title)
        while cut < len(rest) and compact(rest[:cut]) != compact(title):
            cut += 1
        return match["punct"].rstrip(), rest[:cut].strip(), rest[cut:].strip()
    return match["punct"].rstrip(), rest.strip(), ""


def load_seed(stem: str) -> SeedPlan:
    """Take a seed apart: header, title, legal bases, body (headings, paragraphs, tables), closing, appendix."""
    path = CORPUS / f"{stem}.txt"
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    lines = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig")).split("\n")
    blocks = normalise(read_text_file(path)).blocks
    layout = LAYOUTS[stem[:3]]
    by_line = {b.line_start: b for b in blocks}

    # Headings, with the parent of each from the golden levels.
    headings: list[Heading] = []
    extra: list[Para] = []
    stack: list[int] = []
    for section in golden["sections"]:
        block = by_line.get(section["line"])
        if block is None:
            raise ValueError(f"{stem}: no paragraph starts at heading line {section['line']}")
        punct, text, rest = _split_heading(block.text, section)
        while stack and headings[stack[-1]].level >= section["level"]:
            stack.pop()
        headings.append(Heading(section["label"], section["title"], section["level"], section["kind"],
                                section["line"], text, punct, stack[-1] if stack else None, block.md_heading))
        stack.append(len(headings) - 1)
        if rest:
            extra.append(Para(rest, section["line"]))
    heading_lines = {h.line for h in headings}
    first_heading = headings[0].line
    appendix_line = next((h.line for h in headings if h.kind == "appendix"), len(lines) + 1)

    # Tables: from their header line to the line before whatever follows their last row.
    tables: list[TableSpec] = []
    golden_tables = sorted(golden.get("tables", []), key=lambda t: t["header_line"])
    for n, table in enumerate(golden_tables):
        item_lines = [i["line"] for i in golden["indicators"] if i["origin"] == "table" and i.get("table") == table["index"]]
        item_lines += [t["line"] for t in golden.get("tasks", []) if t["table"] == table["index"]]
        if table["kind"] == "budget":
            item_lines += [i["line"] for i in golden["budget"]["items"]] + [golden["budget"]["total_line"]]
        last_item = max(item_lines)
        bounds = [h for h in heading_lines if h > last_item]
        bounds += [t["header_line"] for t in golden_tables[n + 1:]]
        bounds += [b.line_start for b in blocks if b.line_start > last_item and b.text.startswith("Trên đây")]
        last_line = min(bounds, default=len(lines) + 1) - 1
        taken: set[str] = set()
        roles = []
        for name in table["columns"]:
            roles.append(column_role(table["kind"], name, taken))
            taken.add(roles[-1])
        rows = _table_rows(stem, golden, table, lines, last_line, roles, layout)
        tables.append(TableSpec(table["index"], table["kind"], tuple(table["columns"]), tuple(roles), tuple(rows),
                                table["header_line"], last_line))

    def in_table(line: int) -> bool:
        return any(t.first_line <= line <= t.last_line for t in tables)

    text_blocks = [b for b in blocks if not in_table(b.line_start) and b.line_start not in heading_lines]
    for b in blocks:
        for t in tables:
            if b.line_start < t.first_line <= b.line_end:
                raise ValueError(f"{stem}: paragraph at line {b.line_start} runs into table {t.index}")

    kh = next(i for i, b in enumerate(text_blocks) if b.text.strip().upper() == "KẾ HOẠCH")
    header_left, header_right = _split_header(lines[:text_blocks[kh].line_start - 1])

    title_parts, front = [], []
    for b in text_blocks[kh + 1:]:
        if b.line_start >= first_heading:
            break
        if not front and not BASIS_RE.match(b.text):
            title_parts.append(b.text)
        else:
            front.append(Para(b.text, b.line_start, "basis" if BASIS_RE.match(b.text) else "body"))

    closing_start = next(b.line_start for b in text_blocks if b.line_start > first_heading
                         and (b.text.startswith("Trên đây") or b.text.startswith("Nơi nhận")))
    recipients_at = next(i for i, b in enumerate(text_blocks) if b.text.startswith("Nơi nhận"))
    closing = [Para(b.text, b.line_start) for b in text_blocks
               if closing_start <= b.line_start < text_blocks[recipients_at].line_start]
    recipients, signer = [], []
    for b in text_blocks[recipients_at + 1:]:
        if b.line_start >= appendix_line:
            break
        if b.text.startswith("-") and not signer:
            recipients.append(b.text)
        else:
            signer.append(b.text)

    def items(lo: int, hi: int) -> list[Item]:
        found: list[tuple[int, int, Item]] = []
        found += [(h.line, 0, h) for h in headings if lo <= h.line < hi]
        found += [(p.line, 1, p) for p in extra if lo <= p.line < hi]
        found += [(t.first_line, 2, t) for t in tables if lo <= t.first_line < hi]
        found += [(b.line_start, 3, Para(b.text, b.line_start)) for b in text_blocks if lo <= b.line_start < hi]
        found.sort(key=lambda f: (f[0], f[1]))
        return _rejoin([f[2] for f in found])

    appendix = items(appendix_line, len(lines) + 2)
    appendix = [_appendix_role(item, appendix, n) for n, item in enumerate(appendix)]
    return SeedPlan(
        stem=stem, metadata=golden["metadata"], header_left=header_left, header_right=header_right,
        title=" ".join(title_parts), front=[p for p in _rejoin(front) if isinstance(p, Para)],
        body=items(first_heading, closing_start), closing=closing,
        recipients_label=text_blocks[recipients_at].text, recipients=recipients, signer=signer,
        appendix=appendix, headings=headings, tables=tables,
    )


def _rejoin(items: list[Item]) -> list[Item]:
    """Join a paragraph that text extraction cut in two: the second half opens with "57-NQ/TW …" or is a
    stray last word such as "TTHC." (the normaliser takes both for the start of a new item)."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        fragment = re.match(r"[\da-zđ]", item.text) or len(item.text.split()) <= 2 if isinstance(item, Para) else False
        if (isinstance(item, Para) and isinstance(prev, Para) and prev.role in ("body", "basis")
                and not SENTENCE_END_RE.search(prev.text) and fragment and not item.text.startswith(("-", "+"))):
            out[-1] = Para(f"{prev.text} {item.text}", prev.line, prev.role)
        else:
            out.append(item)
    return out


def _appendix_role(item: Item, appendix: list[Item], n: int) -> Item:
    """Paragraphs under an appendix heading: its title, the "(Kèm theo …)" note, the "Triệu đồng" unit line."""
    if not isinstance(item, Para):
        return item
    if item.text.startswith("("):
        return Para(item.text, item.line, "appendix_note")
    if len(item.text) < 25 and ("đồng" in item.text.lower() or "đơn vị" in item.text.lower()):
        return Para(item.text, item.line, "unit_note")
    previous = appendix[n - 1] if n else None
    if isinstance(previous, Heading) and previous.kind == "appendix":
        return Para(item.text, item.line, "appendix_title")
    return item


#: Where the right-hand column of the header starts on a line that text extraction flattened.
_HEADER_RIGHT_RE = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|[^\s,:/][^,:/]*,\s*ngày")


def _split_header(raw: list[str]) -> tuple[list[str], list[str]]:
    """The two columns of the header block, from lines such as "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …"."""
    left, right = [], []
    for line in raw:
        line = line.strip().replace("*", "")
        if not line:
            continue
        number = re.match(r"Số:\s*\S*KH-UBND", line)
        if number:
            left.append(number.group(0))
            if line[number.end():].strip():
                right.append(line[number.end():].strip())
            continue
        match = _HEADER_RIGHT_RE.search(line)
        if match is None:
            left.append(line)
        else:
            if line[:match.start()].strip():
                left.append(line[:match.start()].strip())
            right.append(line[match.start():].strip())
    return left, right



# ---------------------------------------------------------------------------------------------------
# Heading numbers: which Word list and level each heading hangs on
# ---------------------------------------------------------------------------------------------------


def _run_punct(headings: Sequence[Heading]) -> list[str]:
    """The punctuation each heading is numbered with: the most common in its run (the siblings of one
    kind under one parent, numbered without a gap), so that a lone "a)-" among "b)", "c)" does not need
    a list of its own, while "I." before a skipped "II" and "III-", "IV-" after it keep their own."""
    runs: dict[tuple[int | None, str, int], list[int]] = {}
    last: dict[tuple[int | None, str], tuple[int, int]] = {}  # (parent, kind) → (segment, last value)
    for i, h in enumerate(headings):
        if h.kind == "appendix":
            continue
        value = label_value(h.kind, h.label)
        segment, previous = last.get((h.parent, h.kind), (0, value - 1))
        if value != previous + 1:
            segment += 1
        last[(h.parent, h.kind)] = (segment, value)
        runs.setdefault((h.parent, h.kind, segment), []).append(i)
    punct = [""] * len(headings)
    for members in runs.values():
        seen = [headings[i].punct for i in members]
        counts = Counter(seen)
        best = max(counts, key=lambda p: (counts[p], -seen.index(p)))
        for i in members:
            punct[i] = best
    return punct


def number_headings(numbering: Numbering, headings: Sequence[Heading], strategy: str) -> dict[int, tuple[int, int, str]]:
    """heading line → (numId, ilvl, the number as Word will print it). Appendix headings stay typed."""
    punct = _run_punct(headings)
    numbered = [i for i, h in enumerate(headings) if h.kind != "appendix"]
    if strategy == "multilevel":
        places = _outline_list(numbering, headings, numbered, punct)
    else:
        places = _restarted_lists(numbering, headings, numbered, punct)
    return {headings[i].line: (num, ilvl, headings[i].label + punct[i]) for i, (num, ilvl) in places.items()}


def _outline_list(numbering: Numbering, headings: Sequence[Heading], numbered: list[int],
                  punct: list[str]) -> dict[int, tuple[int, int]]:
    """One multilevel list (I. → A. → 1. → 2.1) → a)), as when the headings are numbered from Word's
    "Multilevel List" gallery: a lower level restarts by itself under a new higher one. Where the printed
    number is not the one Word would reach (a skipped "II", a punctuation change), a new w:num restarts
    the list at that number, and later headings continue in it."""
    majority: dict[str, str] = {}
    for kind in KIND_LEVEL:
        seen = [punct[i] for i in numbered if headings[i].kind == kind]
        majority[kind] = Counter(seen).most_common(1)[0][0] if seen else "."

    def levels(styles: dict[str, str]) -> tuple[Level, ...]:
        return tuple(Level(KIND_FORMAT[k], level_text(k, styles[k], KIND_LEVEL[k]), bold=True) for k in KIND_LEVEL)

    places: dict[int, tuple[int, int]] = {}
    num: int | None = None
    styles = dict(majority)
    counters: list[int | None] = [None] * len(KIND_LEVEL)
    for i in numbered:
        h = headings[i]
        ilvl, value = KIND_LEVEL[h.kind], label_value(h.kind, h.label)
        shown = counters[ilvl] + 1 if counters[ilvl] is not None else 1
        parent = headings[h.parent] if h.parent is not None else None
        parent_shown = h.kind != "decimal" or (
            parent is not None and counters[KIND_LEVEL["arabic"]] == label_value(parent.kind, parent.label))
        if num is None or styles[h.kind] != punct[i] or shown != value or not parent_shown:
            restart = {ilvl: value} if num is not None or value != 1 else None
            styles = {**styles, h.kind: punct[i]}
            num = numbering.num(numbering.abstract(levels(styles)), restart)
            counters = [None] * len(KIND_LEVEL)
        counters[ilvl] = value
        counters[ilvl + 1:] = [None] * (len(KIND_LEVEL) - ilvl - 1)
        places[i] = (num, ilvl)
    return places


def _restarted_lists(numbering: Numbering, headings: Sequence[Heading], numbered: list[int],
                     punct: list[str]) -> dict[int, tuple[int, int]]:
    """A single-level list per heading kind, restarted for each run of siblings: Word's "Restart at 1",
    which writes a new w:num with w:lvlOverride/w:startOverride over the same w:abstractNum."""
    places: dict[int, tuple[int, int]] = {}
    runs: dict[tuple[int | None, str], list[int]] = {}  # (parent, kind) → [numId, last value]
    used: set[int] = set()
    for i in numbered:
        h = headings[i]
        value = label_value(h.kind, h.label)
        run = runs.get((h.parent, h.kind))
        if run is None or run[1] + 1 != value:
            parent_label = headings[h.parent].label if h.kind == "decimal" and h.parent is not None else None
            level = Level(KIND_FORMAT[h.kind], level_text(h.kind, punct[i], 0, parent_label), suffix="space", bold=True)
            abstract_id = numbering.abstract((level,))
            restart = None if abstract_id not in used and value == 1 else {0: value}
            used.add(abstract_id)
            run = runs[(h.parent, h.kind)] = [numbering.num(abstract_id, restart), value]
        run[1] = value
        places[i] = (run[0], 0)
    return places


# ---------------------------------------------------------------------------------------------------
# Seed plans as DOCX
# ---------------------------------------------------------------------------------------------------

#: Relative column widths by role.
WIDTH_WEIGHTS = {"stt": 1.4, "name": 6.0, "unit": 1.7, "target": 2.2, "lead": 3.2, "support": 3.2,
                 "monitor": 3.2, "deadline": 2.4, "output": 3.2, "note": 1.4, "amount": 2.4}
_CENTERED_ROLES = {"stt", "unit", "target", "deadline"}


def write_header_block(document: DocxDocument, left: Sequence[str], right: Sequence[str]) -> None:
    """The two-column header typed into a borderless table: issuing body and number on the left,
    the national motto and "<place>, ngày … tháng … năm …" on the right."""
    table = document.add_table(rows=1, cols=2)
    make_borderless(table)
    set_column_widths(table, [6.0, 10.0])
    left_cell, right_cell = table.rows[0].cells
    for i, line in enumerate(left):
        number = line.startswith("Số")
        add_par(left_cell, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=i > 0 and not number, size=12 if i == 0 else 13,
                indent=False, space_after=0 if not number else 6,
                paragraph=left_cell.paragraphs[0] if i == 0 else None)
    for i, line in enumerate(right):
        dated = ", ngày" in line
        add_par(right_cell, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=not dated, italic=dated,
                size=12 if i == 0 else 13, indent=False, space_after=0 if not dated else 6,
                paragraph=right_cell.paragraphs[0] if i == 0 else None)
    add_par(document, "", indent=False, space_after=0)


def write_signature_block(document: DocxDocument, label: str, recipients: Sequence[str], signer: Sequence[str]) -> None:
    """"Nơi nhận:" and its list on the left, the signer on the right, in a borderless two-column table."""
    table = document.add_table(rows=1, cols=2)
    make_borderless(table)
    set_column_widths(table, [8.0, 8.0])
    left, right = table.rows[0].cells
    add_par(left, label, bold=True, italic=True, size=12, indent=False, space_after=0, paragraph=left.paragraphs[0],
            align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in recipients:
        add_par(left, line, size=11, indent=False, space_after=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    name = signer[-1] if signer and not signer[-1].isupper() else None
    titles = signer[:-1] if name else signer
    for i, line in enumerate(titles):
        add_par(right, line, bold=True, indent=False, space_after=0, align=WD_ALIGN_PARAGRAPH.CENTER,
                paragraph=right.paragraphs[0] if i == 0 else None)
    for _ in range(4):  # room for the signature and the seal
        add_par(right, "", indent=False, space_after=0)
    if name:
        add_par(right, name, bold=True, indent=False, space_after=0, align=WD_ALIGN_PARAGRAPH.CENTER)


def write_table(document: DocxDocument, spec: TableSpec, text_width: float) -> DocxTable:
    """A real Word table: a header row repeated on each page, group rows merged across the columns,
    one paragraph per body in the unit cells."""
    weights = [WIDTH_WEIGHTS[role] for role in spec.roles]
    widths = [text_width * w / sum(weights) for w in weights]
    table = document.add_table(rows=1, cols=len(spec.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat_as_header(header)
    for cell, name in zip(header.cells, spec.columns, strict=True):
        cell_lines(cell, [name], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    merges = []
    for row in spec.rows:
        cells = table.add_row().cells
        if row.group:
            if len(row.cells) == 1:
                merges.append((cells[0], cells[-1], row.cells[0]))
            else:
                cell_lines(cells[0], row.cells[0], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
                merges.append((cells[1], cells[-1], row.cells[1]))
            continue
        for role, cell, text in zip(spec.roles, cells, row.cells, strict=True):
            align = (WD_ALIGN_PARAGRAPH.CENTER if role in _CENTERED_ROLES
                     else WD_ALIGN_PARAGRAPH.RIGHT if role == "amount" else WD_ALIGN_PARAGRAPH.LEFT)
            cell_lines(cell, text, bold=row.bold, align=align)
    set_column_widths(table, widths)
    for first, last, text in merges:
        cell_lines(first.merge(last), text, bold=True)
    return table


def build_seed_docx(plan: SeedPlan, path: Path) -> dict[int, tuple[int, int, str]]:
    """One seed plan as its office would have typed it in Word. Returns the heading numbers."""
    layout = LAYOUTS[plan.stem[:3]]
    meta = plan.metadata
    document = new_document(f"{meta['issuer']} – Kế hoạch năm {meta['year']}", f"Kế hoạch {meta['title']}")
    numbering = Numbering(document)
    numbers = number_headings(numbering, plan.headings, layout.numbering)
    bullets = numbering.num(numbering.abstract((Level("bullet", "-", suffix="space"),))) if layout.auto_bullets else None

    if plan.header_left or plan.header_right:
        write_header_block(document, plan.header_left, plan.header_right)
    add_par(document, "KẾ HOẠCH", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, space_after=0)
    add_par(document, plan.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, space_after=12)
    for para in plan.front:
        add_par(document, para.text, italic=para.role == "basis")
    write_items(document, plan.body, numbers, layout, bullets, PORTRAIT_TEXT_WIDTH)
    for para in plan.closing:
        add_par(document, para.text)
    write_signature_block(document, plan.recipients_label, plan.recipients, plan.signer)
    if plan.appendix:
        add_landscape_section(document)
        write_items(document, plan.appendix, numbers, layout, bullets, LANDSCAPE_TEXT_WIDTH)
    save_docx(document, path)
    return numbers


def write_items(document: DocxDocument, items: Sequence[Item], numbers: dict[int, tuple[int, int, str]],
                layout: SeedLayout, bullets: int | None, text_width: float) -> None:
    for item in items:
        if isinstance(item, TableSpec):
            write_table(document, item, text_width)
            add_par(document, "", indent=False, space_after=0)
        elif isinstance(item, Heading):
            if item.kind == "appendix":
                add_par(document, item.text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, space_after=0)
                continue
            style = layout.heading_styles.get("arabic_md" if item.kind == "arabic" and item.md_heading else item.kind)
            paragraph = add_par(document, item.text, bold=style is None, style=style)
            paragraph.paragraph_format.keep_with_next = True
            num_id, ilvl, _ = numbers[item.line]
            set_numbering(paragraph, num_id, ilvl)
        elif item.role == "appendix_title":
            add_par(document, item.text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, space_after=0)
        elif item.role == "appendix_note":
            add_par(document, item.text, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, indent=False, space_after=12)
        elif item.role == "unit_note":
            add_par(document, item.text, align=WD_ALIGN_PARAGRAPH.RIGHT, italic=True, indent=False, space_after=0)
        elif bullets is not None and item.text.startswith("-"):
            set_numbering(add_par(document, item.text[1:].strip()), bullets)
        else:
            add_par(document, item.text)


# ---------------------------------------------------------------------------------------------------
# PDF through LibreOffice
# ---------------------------------------------------------------------------------------------------


def find_soffice(wait_seconds: int = 600, poll_seconds: int = 30) -> str:
    """LibreOffice's soffice, waiting (polling every 30 s) while it is being installed."""
    deadline = time.monotonic() + wait_seconds
    while True:
        for candidate in ("soffice", "libreoffice", "/usr/bin/soffice", "/usr/bin/libreoffice"):
            found = shutil.which(candidate)
            if found:
                return found
        if time.monotonic() > deadline:
            raise SystemExit("LibreOffice (soffice) not found: install it (apt-get install libreoffice-writer)")
        print(f"waiting for LibreOffice, next look in {poll_seconds} s …", flush=True)
        time.sleep(poll_seconds)


def convert_to_pdf(soffice: str, sources: Sequence[Path], outdir: Path) -> float:
    """Convert DOCX files to PDF with a throw-away LibreOffice profile; returns the seconds it took."""
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        start = time.monotonic()
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)],
            check=True, capture_output=True, timeout=900,
        )
        elapsed = time.monotonic() - start
    for source in sources:
        if not (outdir / f"{source.stem}.pdf").is_file():
            raise SystemExit(f"LibreOffice did not write {outdir / (source.stem + '.pdf')}")
    return elapsed


# ---------------------------------------------------------------------------------------------------
# Awkward fixtures
# ---------------------------------------------------------------------------------------------------

COMMUNE_HEADER = (
    ["ỦY BAN NHÂN DÂN", "XÃ TÂN HƯNG", "Số: 12/KH-UBND"],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tân Hưng, ngày 10 tháng 3 năm 2026"],
)
WARD_HEADER = (
    ["ỦY BAN NHÂN DÂN", "PHƯỜNG TAM PHƯỚC", "Số: 15/KH-UBND"],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tam Phước, ngày 20 tháng 3 năm 2026"],
)

#: merged_cells.docx: (group label, group title, lead unit merged down the group, rows).
#: A row: (STT, name, unit, target cell, support cell paragraphs, expected comparator, value).
MERGED_GROUPS = [
    ("I", "Về phát triển hạ tầng số", "Phòng Văn hóa - Xã hội", [
        ("1", "Tỷ lệ phủ sóng 5G trên địa bàn xã", "%", "≥ 60%", ["Các doanh nghiệp viễn thông,", "Trưởng các ấp"], ">=", 60),
        ("2", "Tỷ lệ hộ gia đình có kết nối cáp quang", "%", "≥ 85%", ["VNPT"], ">=", 85),
        ("3", "Số điểm phát wifi công cộng miễn phí", "điểm", "05", ["Trưởng các ấp"], "=", 5),
    ]),
    ("II", "Về chính quyền số", "Trung tâm Phục vụ hành chính công", [
        ("4", "Tỷ lệ hồ sơ thủ tục hành chính được số hóa", "%", "100%", ["Các cơ quan, đơn vị"], "=", 100),
    ]),
]
MERGED_COLUMNS = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Đơn vị chủ trì", "Đơn vị phối hợp"]


def start_plan(running_header: str, title: str, header: tuple[list[str], list[str]] | None) -> DocxDocument:
    document = new_document(running_header, f"Kế hoạch {title}")
    if header:
        write_header_block(document, *header)
    add_par(document, "KẾ HOẠCH", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, space_after=0)
    add_par(document, title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, space_after=12)
    return document


def numbered_heading(document: DocxDocument, text: str, num_id: int | None, ilvl: int = 0,
                     style: str | None = None) -> Paragraph:
    paragraph = add_par(document, text, bold=style is None, style=style)
    paragraph.paragraph_format.keep_with_next = True
    if num_id is not None:
        set_numbering(paragraph, num_id, ilvl)
    return paragraph


def sign_off(document: DocxDocument, recipients: Sequence[str], signer: Sequence[str]) -> None:
    write_signature_block(document, "Nơi nhận:", recipients, signer)


def make_merged_cells(path: Path) -> None:
    """A target table merged the way offices merge it: the lead body typed once in a cell merged down
    three rows (w:vMerge), each group title in a row merged across the columns (w:gridSpan), and two
    bodies in one cell as two paragraphs."""
    document = start_plan("UBND xã Tân Hưng – Kế hoạch năm 2026",
                          "Phát triển hạ tầng số và chính quyền số xã Tân Hưng năm 2026", COMMUNE_HEADER)
    numbering = Numbering(document)
    roman = numbering.num(numbering.abstract((Level("upperRoman", "%1.", bold=True),)))
    add_par(document, "Căn cứ Kế hoạch chuyển đổi số của Ủy ban nhân dân tỉnh Đồng Nai;", italic=True)
    add_par(document, "Ủy ban nhân dân xã Tân Hưng ban hành Kế hoạch như sau:")
    numbered_heading(document, "MỤC TIÊU CỤ THỂ", roman)
    add_par(document, "Ủy ban nhân dân xã đặt ra các chỉ tiêu phấn đấu trong năm như sau:")

    table = document.add_table(rows=1, cols=len(MERGED_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat_as_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, MERGED_COLUMNS, strict=True):
        cell_lines(cell, [name], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    group_rows, lead_spans = [], []
    for label, title, lead, rows in MERGED_GROUPS:
        group_rows.append((table.add_row(), label, title))
        first = None
        for stt, name, unit, target, support, _, _ in rows:
            cells = table.add_row().cells
            for column, (cell, text) in enumerate(zip(cells, [[stt], [name], [unit], [target], [], support], strict=True)):
                cell_lines(cell, text, align=WD_ALIGN_PARAGRAPH.LEFT if column in (1, 4, 5) else WD_ALIGN_PARAGRAPH.CENTER)
            first = first or cells[4]
            last = cells[4]
        lead_spans.append((first, last, lead))
    set_column_widths(table, [1.3, 5.3, 1.6, 2.4, 2.8, 2.6])
    for row, label, title in group_rows:
        cells = row.cells
        cell_lines(cells[0], [label], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell_lines(cells[1].merge(cells[-1]), [title], bold=True)
    for first, last, lead in lead_spans:
        merged = first.merge(last) if first is not last else first
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell_lines(merged, [lead])
    add_par(document, "", indent=False, space_after=0)

    numbered_heading(document, "TỔ CHỨC THỰC HIỆN", roman)
    add_par(document, "Các cơ quan, đơn vị căn cứ nhiệm vụ được giao tổ chức triển khai thực hiện Kế hoạch này.")
    sign_off(document, ["- UBND tỉnh;", "- Lưu: VT."], ["CHỦ TỊCH", "Nguyễn Văn An"])
    save_docx(document, path)


#: restart_numbering.docx: (level, numbering key, text, prose under it). Numbering keys name the list
#: instance (w:num) each heading hangs on; see make_restart_numbering.
RESTART_OUTLINE = [
    (1, "roman", "MỤC ĐÍCH, YÊU CẦU", []),
    (2, "A1", "Mục đích", ["Triển khai đồng bộ các nhiệm vụ chuyển đổi số trên địa bàn phường."]),
    (2, "A1", "Yêu cầu", ["Phân công rõ trách nhiệm của từng cơ quan, đơn vị."]),
    (1, "roman", "MỤC TIÊU", []),
    (2, "O1:0", "Đến hết năm 2026", []),
    (3, "O1:1", "Chính quyền số", ["- 100% hồ sơ thủ tục hành chính được số hóa."]),
    (3, "O1:1", "Kinh tế số", ["- Tỷ lệ thanh toán không dùng tiền mặt đạt tối thiểu 80%."]),
    (2, "O1:0", "Đến năm 2030", []),
    (3, "O1:1", "Chính quyền số", ["- 100% dịch vụ công trực tuyến được cung cấp toàn trình."]),
    (3, "O1:1", "Xã hội số", ["- Trên 95% người dân có tài khoản định danh điện tử."]),
    (1, "roman", "NHIỆM VỤ, GIẢI PHÁP", []),
    (2, "A2", "Nâng cao nhận thức về chuyển đổi số", ["Tuyên truyền trên hệ thống truyền thanh của phường."]),
    (2, "A2", "Phát triển hạ tầng số", ["Rà soát, nâng cấp trang thiết bị tại Bộ phận Một cửa."]),
    (2, "A2", "Phát triển nguồn nhân lực số", ["Cử cán bộ tham gia các lớp bồi dưỡng kỹ năng số."]),
    (1, "roman", "TỔ CHỨC THỰC HIỆN", []),
    (2, "A3", "Phòng Văn hóa - Xã hội", ["Chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch."]),
    (2, "A3", "Công an phường", ["Chủ trì làm sạch dữ liệu dân cư.",
                                 "Các đơn vị dưới đây phối hợp theo chức năng, nhiệm vụ được giao:"]),
    (2, "A3", "Trạm Y tế phường", ["Hướng dẫn người dân sử dụng sổ sức khỏe điện tử."]),
    (1, "roman", "KINH PHÍ THỰC HIỆN", []),
    (2, "A3", "Ngân sách phường", ["Bố trí trong dự toán chi thường xuyên."]),
    (2, "A3", "Nguồn xã hội hóa", ["Huy động từ doanh nghiệp viễn thông trên địa bàn."]),
]


def make_restart_numbering(path: Path) -> list[tuple[str, ...]]:
    """Headings numbered by Word in the three ways an office document mixes them: the Roman headings
    take their number from the "Heading 1" style (a list linked to the style: the paragraph has no
    w:numPr of its own), the "1., 2." lists restart in each section through a new w:num with
    w:startOverride ("Restart at 1"), the "a), b)" items restart by themselves inside a multilevel list;
    and one list does not restart: in section V the typist continued the list of section IV, so Word
    prints "4." and "5.". Returns the section paths of the headings as Word prints them."""
    document = start_plan("UBND phường Tam Phước – Kế hoạch năm 2026", "Chuyển đổi số phường Tam Phước năm 2026",
                          WARD_HEADER)
    numbering = Numbering(document)
    roman = numbering.num(numbering.abstract((Level("upperRoman", "%1.", bold=True),)))
    heading1 = document.styles["Heading 1"]
    num_pr = heading1.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = roman
    arabic = numbering.abstract((Level("decimal", "%1.", suffix="space", bold=True),))
    outline = numbering.abstract((Level("decimal", "%1.", bold=True), Level("lowerLetter", "%2)", bold=True)))
    nums = {"A1": numbering.num(arabic), "O1": numbering.num(outline), "A2": numbering.num(arabic, {0: 1}),
            "A3": numbering.num(arabic, {0: 1})}

    add_par(document, "Căn cứ Kế hoạch chuyển đổi số năm 2026 của Ủy ban nhân dân tỉnh Đồng Nai;", italic=True)
    add_par(document, "Ủy ban nhân dân phường Tam Phước xây dựng Kế hoạch như sau:")
    printed: list[tuple[str, ...]] = []
    counters: dict[str, list[int]] = {}
    roman_count = 0
    path_now: list[str] = []
    for level, key, text, prose in RESTART_OUTLINE:
        if key == "roman":
            numbered_heading(document, text, None, style="Heading 1")
            roman_count += 1
            label = ["I", "II", "III", "IV", "V", "VI"][roman_count - 1]
        else:
            name, _, ilvl_text = key.partition(":")
            ilvl = int(ilvl_text or 0)
            numbered_heading(document, text, nums[name], ilvl)
            count = counters.setdefault(name, [0, 0])
            count[ilvl] += 1
            count[ilvl + 1:] = [0] * (len(count) - ilvl - 1)
            label = str(count[ilvl]) if ilvl == 0 else "abcdefgh"[count[ilvl] - 1]
        path_now = [*path_now[:level - 1], label]
        printed.append(tuple(path_now))
        for line in prose:
            add_par(document, line)
    sign_off(document, ["- UBND tỉnh;", "- Lưu: VT."], ["CHỦ TỊCH", "Vũ Quốc Thái"])
    save_docx(document, path)
    return printed


#: The row of table_page_break whose name wraps over many lines; it sits where LibreOffice breaks page 1.
LONG_ROW = 8


def page_break_rows() -> list[dict]:
    """The 40 rows of table_page_break: ten measures for each of four neighbourhoods, one long name."""
    measures = [
        ("Tỷ lệ hồ sơ thủ tục hành chính được số hóa", "%", ">=", 90),
        ("Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "=", 100),
        ("Tỷ lệ thanh toán trực tuyến", "%", ">=", 80),
        ("Tỷ lệ người dân có tài khoản định danh điện tử", "%", ">", 95),
        ("Tỷ lệ hộ gia đình có kết nối cáp quang", "%", ">=", 85),
        ("Tỷ lệ cán bộ được bồi dưỡng kỹ năng số", "%", "=", 100),
        ("Số lớp tập huấn kỹ năng số cho người dân", "lớp", ">=", 2),
        ("Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "%", ">=", 90),
        ("Tỷ lệ hộ kinh doanh có mã QR thanh toán", "%", "=", 100),
        ("Số điểm phát wifi công cộng miễn phí", "điểm", "=", 3),
    ]
    leads = ["Trung tâm Phục vụ hành chính công", "Phòng Văn hóa - Xã hội", "Công an phường", "Trạm Y tế phường"]
    deadlines = ["Quý II/2026", "Quý IV/2026", "Thường xuyên", "Năm 2026"]
    long_name = ("Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính thuộc thẩm quyền của Ủy ban nhân dân phường "
                 "được số hóa, ký số và lưu trữ điện tử trên Hệ thống thông tin giải quyết thủ tục hành chính của "
                 "tỉnh, bảo đảm giá trị pháp lý để tái sử dụng khi người dân thực hiện thủ tục khác")
    rows = []
    for n in range(40):
        name, unit, comparator, value = measures[n % 10]
        if n == LONG_ROW - 1:
            name, unit, comparator, value = long_name, "%", ">=", 90
        value_text = f"{value:02d}" if unit != "%" else str(value)
        target = _COMPARATOR_SIGN[comparator] + value_text + ("%" if unit == "%" else "")
        rows.append({"stt": str(n + 1), "name": f"{name} tại khu phố {n // 10 + 1}", "unit": unit,
                     "target": target, "comparator": comparator, "value": value,
                     "lead": leads[n % 4], "deadline": deadlines[(n // 4) % 4]})
    return rows


def make_table_page_break(path: Path) -> None:
    """A 40-row target table that starts half-way down page 1 and runs over page breaks: the header row
    repeats on each page (w:tblHeader), rows may split across pages, and row 8, whose name wraps over many
    lines, is cut in two by the first page break."""
    document = start_plan("UBND phường Tam Phước – Kế hoạch năm 2026",
                          "Chỉ tiêu chuyển đổi số theo khu phố năm 2026", WARD_HEADER)
    numbering = Numbering(document)
    roman = numbering.num(numbering.abstract((Level("upperRoman", "%1.", bold=True),)))
    add_par(document, "Căn cứ Kế hoạch chuyển đổi số năm 2026 của Ủy ban nhân dân tỉnh Đồng Nai;", italic=True)
    add_par(document, "Ủy ban nhân dân phường Tam Phước giao chỉ tiêu chuyển đổi số cho từng khu phố như sau:")
    numbered_heading(document, "MỤC ĐÍCH", roman)
    for text in ("Cụ thể hóa các chỉ tiêu chuyển đổi số của phường đến từng khu phố, làm căn cứ để Ban điều hành "
                 "khu phố và Tổ công nghệ số cộng đồng tổ chức thực hiện.",
                 "Gắn trách nhiệm của người đứng đầu cơ quan, đơn vị với kết quả thực hiện từng chỉ tiêu; định kỳ "
                 "đánh giá, báo cáo kết quả thực hiện theo quy định."):
        add_par(document, text)
    numbered_heading(document, "CHỈ TIÊU CỤ THỂ", roman)
    columns = ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026", "Đơn vị chủ trì", "Thời gian hoàn thành"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat_as_header(table.rows[0])
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell_lines(cell, [name], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in page_break_rows():
        cells = table.add_row().cells
        values = [row["stt"], row["name"], row["unit"], row["target"], row["lead"], row["deadline"]]
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell_lines(cell, [text], align=WD_ALIGN_PARAGRAPH.LEFT if i in (1, 4) else WD_ALIGN_PARAGRAPH.CENTER)
    set_column_widths(table, [1.3, 5.9, 1.6, 2.2, 2.8, 2.2])
    add_par(document, "", indent=False, space_after=0)
    numbered_heading(document, "TỔ CHỨC THỰC HIỆN", roman)
    add_par(document, "Ban điều hành các khu phố chủ động triển khai, báo cáo kết quả về Ủy ban nhân dân phường.")
    sign_off(document, ["- UBND tỉnh;", "- Lưu: VT."], ["CHỦ TỊCH", "Vũ Quốc Thái"])
    save_docx(document, path)


def make_empty_docx(path: Path) -> None:
    """A Word file saved with nothing typed in it: one empty paragraph and the section properties."""
    document = docx.Document()
    document.add_paragraph()
    props = document.core_properties
    props.author = props.last_modified_by = "Văn phòng HĐND và UBND"
    props.created = props.modified = props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.title = ""
    save_docx(document, path)


def make_empty_pdf(path: Path) -> None:
    """One blank A4 page, as printers to PDF write an empty document."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595.28, height=841.89)
    with path.open("wb") as out:
        writer.write(out)


def make_encrypted_pdfs(source: Path, path: Path, owner_only_path: Path) -> None:
    """A seed PDF protected with a user password (it cannot be opened without it), and the same PDF with
    only an owner password (permissions: opens freely, printing/editing restricted), which is how many
    offices publish their plans."""
    from pypdf import PdfReader, PdfWriter

    for target, user_password in ((path, PDF_PASSWORD), (owner_only_path, "")):
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.encrypt(user_password=user_password, owner_password="vanphong-2026", algorithm="RC4-128",
                       permissions_flag=0b1100_0000)
        with target.open("wb") as out:
            writer.write(out)


def make_truncated(source: Path, path: Path) -> None:
    """A download or e-mail attachment cut off half-way: the first half of a seed file's bytes."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_not_a_docx(path: Path) -> None:
    """A ".docx" that is really a zip of something else: a text note and an empty picture folder."""
    note = "Danh sách ảnh chụp hội nghị triển khai chuyển đổi số năm 2026.\n".encode()
    write_zip(path, [("hinh_anh/", b""), ("ghi_chu.txt", note)])


def make_scanned_pdf(source: Path, path: Path, dpi: int = 150) -> None:
    """A scanned plan: page 1 of a seed PDF as a greyscale picture, no text layer."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    try:
        image = pdf[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()
    image.save(path, "PDF", resolution=float(dpi))


# ---------------------------------------------------------------------------------------------------
# EXPECTED.md: what a correct reader does with each awkward fixture
# ---------------------------------------------------------------------------------------------------


def _md_units(units: Sequence[str]) -> str:
    return ", ".join(f"“{u}”" for u in units) or "—"


def expected_markdown(restart_paths: list[tuple[str, ...]], library_notes: list[str]) -> str:
    merged_rows = []
    for label, title, lead, rows in MERGED_GROUPS:
        for stt, name, unit, target, support, comparator, value in rows:
            supports = [s.rstrip(",") for s in support]
            merged_rows.append(f"| {stt} | {name} | `{target}` → `{comparator}` {value} | {unit} | {_md_units([lead])} "
                               f"| {_md_units(supports)} | {label} “{title}” |")
    restart_tree = []
    for (level, _, text, _), path in zip(RESTART_OUTLINE, restart_paths, strict=True):
        restart_tree.append(f"{'  ' * (level - 1)}- `{path[-1]}` {text} — path `{json.dumps(list(path), ensure_ascii=False)}`")
    page_rows = [f"| {r['stt']} | {r['name']} | `{r['target']}` → `{r['comparator']}` {r['value']} | {r['unit']} "
                 f"| {r['lead']} | {r['deadline']} |" for r in page_break_rows()]
    nl = "\n"
    return f"""# What a correct reader does with each awkward fixture

Written by `scripts/make_fixtures.py` (re-run it rather than editing this file). Errors are the package's
`UnreadableDocument` / `UnsupportedFormat` (a subclass such as `EncryptedPdf` is fine); their message names
the file and gives the reason in plain words (the quoted reasons below are indicative, not exact strings).
No fixture may end in an uncaught exception from python-docx, zipfile, lxml, pdfminer or pdfplumber.
Warnings are `PlanDocument.warnings` entries; W006 is "no text layer".

## merged_cells.docx — merged table cells

Two sections, numbered by Word (the paragraph text holds no "I."): `I` “MỤC TIÊU CỤ THỂ”, `II` “TỔ CHỨC THỰC HIỆN”.
The table has a header row, two group rows (STT cell + title merged across the other columns with
`w:gridSpan`) and four data rows. Exactly **4 indicators**, all `origin: "table"`, `target_year` 2026
(column header “Kế hoạch năm 2026”), section path `["I"]`, no prose indicators:

| STT | name | target | unit | lead_units | support_units | group |
|---|---|---|---|---|---|---|
{nl.join(merged_rows)}

- Rows 2 and 3 have no lead text of their own: their “Đơn vị chủ trì” cells are `w:vMerge` continuations of
  row 1's cell. The reader carries “Phòng Văn hóa - Xã hội” down to them (one merged cell, read once, not
  three cells and not an empty lead).
- Group rows are neither indicators nor sections; they become each row's `group` {{label, title}}.
- Row 1's “Đơn vị phối hợp” cell is two paragraphs (“Các doanh nghiệp viễn thông,” / “Trưởng các ấp”): two
  bodies. Row 4's “Các cơ quan, đơn vị” is one paragraph and one generic body, despite its comma.
- “05” is the value 5 (leading zero dropped), unit “điểm”.

## restart_numbering.docx — Word numbering that restarts, and one list that does not

Every heading number is drawn by Word; none is in the paragraph text. The section tree, with the labels
Word prints:

{nl.join(restart_tree)}

- The Roman numbers come from the “Heading 1” style, whose `w:pPr` holds the `w:numPr`; the heading
  paragraphs have no `w:numPr` of their own.
- “1., 2.” restart in sections III and IV through a new `w:num` with `w:lvlOverride/w:startOverride`.
- “a), b)” restart under each “1.”/“2.” of section II because they are level 1 of a multilevel list
  (a lower level restarts after a higher one); the list instance is the same `w:num`.
- In IV, “3. Trạm Y tế phường” continues the list after two un-numbered paragraphs.
- In V the typist continued the list of IV, so Word prints **4.** and **5.**: the labels are “4” and “5”
  as printed (a warning such as W004 is welcome; renumbering them 1 and 2 is wrong).
- **4 prose indicators**, from the bullets under the letters:

  | name | comparator, value, unit | section_path | target_year |
  |---|---|---|---|
  | hồ sơ thủ tục hành chính được số hóa | `=` 100 % | `["II", "1", "a"]` | 2026 (heading “Đến hết năm 2026”) |
  | Tỷ lệ thanh toán không dùng tiền mặt | `>=` 80 % | `["II", "1", "b"]` | 2026 |
  | dịch vụ công trực tuyến được cung cấp toàn trình | `=` 100 % | `["II", "2", "a"]` | 2030 (heading “Đến năm 2030”) |
  | người dân có tài khoản định danh điện tử | `>` 95 % | `["II", "2", "b"]` | 2030 |

## table_page_break.docx and table_page_break.pdf — a table over page breaks

Three sections: `I` “MỤC ĐÍCH”, `II` “CHỈ TIÊU CỤ THỂ”, `III` “TỔ CHỨC THỰC HIỆN”. One table of **40 data
rows → 40 indicators** (`origin: "table"`, section path `["II"]`, `target_year` 2026 from “Chỉ tiêu năm
2026”), STT 1–40 in order, none lost, none doubled:

- The header row is marked `w:tblHeader` and is printed again at the top of every PDF page the table runs
  onto: the repeats are not data rows (in the PDF, do not start a new table or read “STT … Thời gian hoàn
  thành” as a row).
- The running header “UBND phường Tam Phước – Kế hoạch năm 2026” (pages 2 and later) and the page numbers
  in the footer are not table text and not body text.
- A row that the page break cuts in two is still one row: row {LONG_ROW}'s name wraps over many lines and is cut
  by the first page break (in the PDF its end is on page 2, below the repeated header); it is one name,
  ending “… khi người dân thực hiện thủ tục khác tại khu phố 1”.
- Deadlines come from the “Thời gian hoàn thành” column.

| STT | name | target | unit | lead_units | deadline |
|---|---|---|---|---|---|
{nl.join(page_rows)}

## empty.docx — a Word file with nothing typed

Raise `UnreadableDocument`: “…: the document has no text” (as an empty `.txt` does today).

## empty.pdf — one blank page

Raise `UnreadableDocument` whose reason says that no page has a text layer (blank or scanned, OCR
needed), or return a document carrying W006 for page 1; never a silent empty result.

## encrypted.pdf — opening needs a password

Seed 000 as a PDF with the user password `{PDF_PASSWORD}` (RC4 128-bit). Raise `UnreadableDocument` (or a
subclass such as `EncryptedPdf`): “…: the PDF is password-protected”. Do not try passwords. (Opened with the
password it reads as `seeds/000_6bf0ca8f79bfd109.pdf`.)

## encrypted_owner_only.pdf — restrictions, but no password to open

The same PDF with only an owner password (copying/editing restricted), as many offices publish. It opens
without a password: the result equals that of `seeds/000_6bf0ca8f79bfd109.pdf` (12 sections, the 7
indicators of `golden/000_6bf0ca8f79bfd109.json`), with no error.

## truncated.docx — half a Word file

The first half of `seeds/000_6bf0ca8f79bfd109.docx`. The zip has no central directory: raise
`UnreadableDocument`: “…: the .docx is damaged or truncated (not a readable zip)”.

## truncated.pdf — half a PDF

The first half of `seeds/000_6bf0ca8f79bfd109.pdf`: no cross-reference table and no trailer. Raise
`UnreadableDocument`: “…: the PDF is damaged or truncated”, or, if the reader recovers the pages that are
complete, return them with a warning that the file is damaged (never more text than the file holds, never
an uncaught pdfminer exception).

## not_a_docx.docx — a zip that is not a Word document

A valid zip holding `ghi_chu.txt` and an empty folder `hinh_anh/`. Raise `UnreadableDocument` (or
`UnsupportedFormat`): “…: not a Word document (no word/document.xml)”.

## scanned.pdf — a scan without a text layer

Page 1 of seed 000 as a 150 dpi greyscale picture; the page has no text at all. The reader says that OCR
is needed: W006 “page 1 has no text layer (scanned?); OCR needed”, or, since no page has text,
`UnreadableDocument` with that reason. No indicators are invented.

## What the libraries themselves do with the broken files

So that the reader knows what to catch (python-docx {docx.__version__}, pdfplumber {pdfplumber.__version__}):

{nl.join(library_notes)}
"""


# ---------------------------------------------------------------------------------------------------
# Checks: every file opens as it should
# ---------------------------------------------------------------------------------------------------


def _pdf_text(path: Path, password: str | None = None) -> list[str]:
    with pdfplumber.open(path, password=password) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _fails(action) -> str | None:
    """The exception an action raises, as "Type: message", or None if it succeeds."""
    try:
        action()
    except Exception as exc:  # noqa: BLE001  (we report whatever the libraries raise)
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        detail = f"{type(inner).__name__}: {inner}" if inner is not None else str(exc)
        return f"{type(exc).__name__}({detail[:90]})"
    return None


def check_seed(plan: SeedPlan, numbers: dict[int, tuple[int, int, str]]) -> list[str]:
    """The DOCX has one numbered paragraph per heading and one table per golden table; the PDF opens,
    has text on page 1 and shows every heading with the number the seed prints, in order."""
    problems = []
    document = docx.Document(SEEDS_DIR / f"{plan.stem}.docx")
    body = document.element.body
    numbered = [p for p in body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None]
    bullets = sum(1 for item in plan.body + plan.appendix if isinstance(item, Para) and item.text.startswith("-"))
    expected = len(numbers) + (bullets if LAYOUTS[plan.stem[:3]].auto_bullets else 0)
    if len(numbered) != expected:
        problems.append(f"{plan.stem}.docx: {len(numbered)} numbered paragraphs, expected {expected}")
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    if len(grids) != len(plan.tables):
        problems.append(f"{plan.stem}.docx: {len(grids)} data tables, expected {len(plan.tables)}")
    for grid, spec in zip(grids, plan.tables, strict=False):
        if len(grid.rows) != len(spec.rows) + 1:
            problems.append(f"{plan.stem}.docx: table {spec.index} has {len(grid.rows)} rows, expected {len(spec.rows) + 1}")

    pages = _pdf_text(SEEDS_DIR / f"{plan.stem}.pdf")
    if not pages or not pages[0].strip():
        problems.append(f"{plan.stem}.pdf: no text on page 1")
    text, cursor = compact("\n".join(pages)), 0
    for heading in plan.headings:
        printed = numbers[heading.line][2] if heading.line in numbers else ""
        needle = compact(printed + heading.text)[:24]
        found = text.find(needle, cursor)
        if found < 0:
            problems.append(f"{plan.stem}.pdf: heading {needle!r} (line {heading.line}) not printed as expected")
        else:
            cursor = found + len(needle)
    return problems


def check_awkward(restart_paths: list[tuple[str, ...]], check_dir: Path) -> list[str]:
    problems = []
    a = AWKWARD_DIR

    merged = docx.Document(a / "merged_cells.docx").tables[-2]  # the last table is the signature block
    xml = merged._tbl.xml
    if "w:gridSpan" not in xml or 'w:vMerge w:val="restart"' not in xml:
        problems.append("merged_cells.docx: no gridSpan / vMerge")

    restart = docx.Document(a / "restart_numbering.docx")
    headings = [p for p in restart.paragraphs if p.style.name == "Heading 1"]
    if len(headings) != sum(1 for level, *_ in RESTART_OUTLINE if level == 1):
        problems.append("restart_numbering.docx: Heading 1 paragraphs missing")

    pages = _pdf_text(a / "table_page_break.pdf")
    if len(pages) < 2 or not pages[1].splitlines()[1].startswith("STT"):
        problems.append("table_page_break.pdf: the table does not run onto page 2 with its header repeated")
    starts = "\n".join(pages)
    missing = [r["stt"] for r in page_break_rows()
               if not re.search(rf"^{r['stt']} {' '.join(r['name'].split()[:2])}", starts, re.MULTILINE)]
    if missing:
        problems.append(f"table_page_break.pdf: rows {missing} not found")
    long_name = next(r["name"] for r in page_break_rows() if r["stt"] == str(LONG_ROW))
    if compact(long_name[-25:]) not in compact(pages[1]):
        problems.append(f"table_page_break.pdf: row {LONG_ROW} is not cut by the first page break")

    # Word numbering as LibreOffice prints it (PDFs made only for this check).
    printed = compact("\n".join(_pdf_text(check_dir / "restart_numbering.pdf")))
    cursor = 0
    for (_, key, text, _), path in zip(RESTART_OUTLINE, restart_paths, strict=True):
        needle = compact(f"{path[-1]}{')' if key.endswith(':1') else '.'}{text}")
        found = printed.find(needle, cursor)
        if found < 0:
            problems.append(f"restart_numbering: {needle!r} not printed")
        else:
            cursor = found + len(needle)
    if compact("I. MỤC TIÊU CỤ THỂ") not in compact("\n".join(_pdf_text(check_dir / "merged_cells.pdf"))):
        problems.append("merged_cells: heading I is not numbered by Word")
    lead = [merged.cell(row, 4) for row in (2, 3, 4)]
    if len({id(c._tc) for c in lead}) != 1 or lead[0].text != "Phòng Văn hóa - Xã hội":
        problems.append("merged_cells.docx: the lead cell is not one cell merged down rows 1-3")

    if any(p.text.strip() for p in docx.Document(a / "empty.docx").paragraphs):
        problems.append("empty.docx has text")
    empty_pages = _pdf_text(a / "empty.pdf")
    if len(empty_pages) != 1 or empty_pages[0].strip():
        problems.append("empty.pdf is not one blank page")
    if _fails(lambda: _pdf_text(a / "encrypted.pdf")) is None:
        problems.append("encrypted.pdf opens without a password")
    if not _pdf_text(a / "encrypted.pdf", password=PDF_PASSWORD)[0].strip():
        problems.append("encrypted.pdf has no text with its password")
    if not _pdf_text(a / "encrypted_owner_only.pdf")[0].strip():
        problems.append("encrypted_owner_only.pdf does not open without a password")
    if _fails(lambda: docx.Document(a / "truncated.docx")) is None:
        problems.append("truncated.docx opens")
    if _fails(lambda: docx.Document(a / "not_a_docx.docx")) is None:
        problems.append("not_a_docx.docx opens as a Word document")
    with zipfile.ZipFile(a / "not_a_docx.docx") as z:
        if z.testzip() is not None:
            problems.append("not_a_docx.docx is not a valid zip")
    with pdfplumber.open(a / "scanned.pdf") as pdf:
        if (pdf.pages[0].extract_text() or "").strip() or not pdf.pages[0].images:
            problems.append("scanned.pdf has a text layer or no image")
    return problems


def describe_broken_files() -> list[str]:
    """What the libraries themselves do with the deliberately broken files (for the report)."""
    a = AWKWARD_DIR
    lines = []
    for name, action in (
        ("truncated.docx", lambda: docx.Document(a / "truncated.docx")),
        ("not_a_docx.docx", lambda: docx.Document(a / "not_a_docx.docx")),
        ("encrypted.pdf", lambda: _pdf_text(a / "encrypted.pdf")),
    ):
        lines.append(f"- `{name}`: {'python-docx' if name.endswith('.docx') else 'pdfplumber'} raises `{_fails(action)}`")
    outcome = _fails(lambda: _pdf_text(a / "truncated.pdf"))
    if outcome is None:
        pages = _pdf_text(a / "truncated.pdf")
        outcome = f"opens: {len(pages)} page(s), {sum(len(p) for p in pages)} characters recovered"
    lines.append(f"- `truncated.pdf`: pdfplumber {'raises `' + outcome + '`' if 'Exception' in outcome else outcome}")
    return lines


# ---------------------------------------------------------------------------------------------------


def main() -> int:
    for folder in (SEEDS_DIR, AWKWARD_DIR):
        folder.mkdir(parents=True, exist_ok=True)
    soffice = find_soffice()

    plans, numbers = {}, {}
    for stem in sorted(p.stem for p in CORPUS.glob("*.txt")):
        plans[stem] = load_seed(stem)
        numbers[stem] = build_seed_docx(plans[stem], SEEDS_DIR / f"{stem}.docx")
    seed_seconds = convert_to_pdf(soffice, [SEEDS_DIR / f"{stem}.docx" for stem in plans], SEEDS_DIR)

    first = SEEDS_DIR / f"{min(plans)}.docx"
    make_merged_cells(AWKWARD_DIR / "merged_cells.docx")
    restart_paths = make_restart_numbering(AWKWARD_DIR / "restart_numbering.docx")
    make_table_page_break(AWKWARD_DIR / "table_page_break.docx")
    awkward_seconds = convert_to_pdf(soffice, [AWKWARD_DIR / "table_page_break.docx"], AWKWARD_DIR)
    make_empty_docx(AWKWARD_DIR / "empty.docx")
    make_empty_pdf(AWKWARD_DIR / "empty.pdf")
    make_encrypted_pdfs(first.with_suffix(".pdf"), AWKWARD_DIR / "encrypted.pdf", AWKWARD_DIR / "encrypted_owner_only.pdf")
    make_truncated(first, AWKWARD_DIR / "truncated.docx")
    make_truncated(first.with_suffix(".pdf"), AWKWARD_DIR / "truncated.pdf")
    make_not_a_docx(AWKWARD_DIR / "not_a_docx.docx")
    make_scanned_pdf(first.with_suffix(".pdf"), AWKWARD_DIR / "scanned.pdf")
    (AWKWARD_DIR / "EXPECTED.md").write_text(expected_markdown(restart_paths, describe_broken_files()), encoding="utf-8")

    problems = [p for stem in plans for p in check_seed(plans[stem], numbers[stem])]
    with tempfile.TemporaryDirectory(prefix="fixture_check_") as check_dir:
        convert_to_pdf(soffice, [AWKWARD_DIR / "restart_numbering.docx", AWKWARD_DIR / "merged_cells.docx"], Path(check_dir))
        problems += check_awkward(restart_paths, Path(check_dir))
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file():
            print(f"{path.stat().st_size:>9,}  {path.relative_to(ROOT)}")
    print(f"LibreOffice: {seed_seconds:.1f} s for {len(plans)} seed plans, {awkward_seconds:.1f} s for table_page_break")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
