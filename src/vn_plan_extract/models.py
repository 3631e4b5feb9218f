"""The output contract (`../shared/CONTRACT.md`, schema version 1) as pydantic models.

These models are the source of truth: `vn-plan-extract schema` prints their JSON Schema, whose field
descriptions are the docstrings below each field. Fields may be added, never renamed, dropped or re-typed
without a new schema version.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ._version import __version__

SCHEMA_VERSION: Literal["1"] = "1"


class _Model(BaseModel):
    # a field's docstring is its description in the JSON Schema: one text for readers of the code and
    # of the schema
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class SourceFormat(StrEnum):
    """The form the plan was read from (`image`: a page image read by OCR)."""

    txt = "txt"
    md = "md"
    docx = "docx"
    pdf = "pdf"
    doc = "doc"
    odt = "odt"
    rtf = "rtf"
    html = "html"
    image = "image"


class SectionKind(StrEnum):
    """How a heading is numbered: "PHẦN I" (part), "II." (roman), "A." (upper_letter), "3." (arabic),
    "2.1." (decimal), "a)" (lower_letter), "Phụ lục I" (appendix)."""

    part = "part"
    roman = "roman"
    upper_letter = "upper_letter"
    arabic = "arabic"
    decimal = "decimal"
    lower_letter = "lower_letter"
    appendix = "appendix"


class Comparator(StrEnum):
    """≥ (tối thiểu, ít nhất, trở lên), > (trên, vượt), ≤ (tối đa, không quá, Top N), < (dưới), = (đạt)."""

    ge = ">="
    gt = ">"
    le = "<="
    lt = "<"
    eq = "="


class DeadlineKind(StrEnum):
    """What a deadline names: a day, a month, a quarter, a half-year, a year, a recurring time ("Hằng
    năm"), no end ("Thường xuyên"), the higher plan's time ("Theo kế hoạch của tỉnh"), or other."""

    date = "date"
    month = "month"
    quarter = "quarter"
    half_year = "half_year"
    year = "year"
    recurring = "recurring"
    ongoing = "ongoing"
    per_higher_plan = "per_higher_plan"
    other = "other"


class Origin(StrEnum):
    """Whether an item was read from running text or from a table row."""

    prose = "prose"
    table = "table"


class TableRef(_Model):
    """The table row an item came from."""

    index: int
    """The table's number in the document, from 0 in reading order."""
    row: int
    """The row's number among the table's item rows, from 1 (header, group and total rows not counted)."""


class Source(_Model):
    """Where an item was read: a reviewer must find it in the original from this alone."""

    page: int | None = None
    """The page (1-based) of a PDF or a page image; null for text, Word and HTML."""
    line_start: int
    """The first line (1-based) of the text as read from the file; for Word, the paragraph index."""
    line_end: int
    """The last line (1-based), inclusive."""
    table: TableRef | None = None
    """The table and row, where the item came from a table; else null."""
    quote: str = Field(description="Exact text read, as in the input after Unicode NFC.")
    confidence: float | None = Field(default=None, description="Read by OCR: the lowest mean word confidence (0–1) "
                                     "of its lines; null for text read from a text layer or a text file.")


class DocumentSource(_Model):
    """The input file."""

    path: str
    """The path as it was given (relative to the folder the command ran in, when given so)."""
    format: SourceFormat
    """The form it was read from."""
    sha256: str
    """SHA-256 of the input's bytes: an output belongs to this exact file."""
    pages: int | None = None
    """Pages of a PDF or a page image; null for text, Word and HTML."""
    ocr_pages: list[int] = Field(default_factory=list, description="Pages read by OCR (a scan, or an unusable text layer).")


class Signer(_Model):
    """Who signed the plan."""

    title: str | None = None
    """The signer's title as printed ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH")."""
    name: str | None = None
    """The signer's name."""


class Metadata(_Model):
    """What the document's header and signature block say."""

    doc_type: str | None = None
    """The kind of document as printed ("KẾ HOẠCH", "NGHỊ QUYẾT")."""
    number: str | None = None
    """Its number and symbol ("09/KH-UBND"); null where left blank."""
    issuer: str | None = None
    """The body that issued it ("UBND phường Tam Phước")."""
    place: str | None = None
    """The place in the date line ("Tam Phước")."""
    date: str | None = Field(default=None, description="ISO date; null where the day is left blank.")
    title: str | None = None
    """The summary title below the document type (trích yếu)."""
    legal_bases: list[str] = Field(default_factory=list)
    """The "Căn cứ …" / "Thực hiện …" lines the plan rests on."""
    signer: Signer | None = None
    """The signature block; null where none was found."""
    recipients: list[str] = Field(default_factory=list)
    """The "Nơi nhận" list."""
    year: int | None = Field(default=None, description=("The year the plan is for (added field): the year or period end its title "
                                                      "names, else the year it was signed."))


class Section(_Model):
    """A numbered heading and what is under it."""

    label: str
    """The numbering without punctuation: "IV", "2", "2.1", "a", "A"."""
    title: str
    """The heading's text after its numbering."""
    level: int
    """Depth in the tree, 1 at the top."""
    kind: SectionKind
    """How it is numbered."""
    source: Source
    """Where the heading is."""
    children: list[Section] = Field(default_factory=list)
    """The headings under it, in document order."""


class Target(_Model):
    """A target's value as the plan states it."""

    comparator: Comparator | None = None
    """≥ > ≤ < =; null for a qualitative target."""
    value: float | None = None
    """The number (the lower bound of a range); null for a qualitative target."""
    value_max: float | None = None
    """The upper bound of a range ("từ 3 – 5%"), whose comparator is ≥; else null."""
    unit: str | None = None
    """"%" or the counted noun ("sáng kiến", "tỷ đồng", "hạng" for Top N)."""
    text: str
    """The target as written ("tối thiểu 80%")."""


class Deadline(_Model):
    """By when."""

    text: str
    """As written ("Quý II/2026", "Thường xuyên")."""
    kind: DeadlineKind
    """What it names."""
    year: int | None = None
    """Its year, where it names one."""
    quarter: int | None = None
    """Its quarter (1–4), where it names one."""
    month: int | None = None
    """Its month (1–12), where it names one."""
    end: str | None = None
    """ISO date of the last day it allows; null where it has none."""


class Group(_Model):
    """The group row of a table above an item ("I. Chỉ tiêu về hạ tầng số")."""

    label: str | None = None
    """The group's numbering ("I", "A"), if it has one."""
    title: str
    """The group's title."""


class Indicator(_Model):
    """A quantified (or qualitative) target the plan sets, from prose or a table."""

    id: str
    """Stable within the document: "ind-001"… in document order."""
    name: str
    """The measured thing, without the target words ("Tỷ lệ thanh toán trực tuyến phí, lệ phí")."""
    target: Target
    """The value promised."""
    qualitative: bool = False
    """True for targets without a number ("Mức Khá", "Có triển khai")."""
    target_year: int | None = None
    """From the target's own words, else the heading above it, else the plan's year."""
    section_path: list[str] = Field(default_factory=list)
    """Labels of the sections above it, top first (["IV", "2", "a"])."""
    lead_units: list[str] = Field(default_factory=list)
    """Chủ trì: who leads, as written."""
    support_units: list[str] = Field(default_factory=list)
    """Phối hợp: who supports, as written."""
    monitor_units: list[str] = Field(default_factory=list)
    """Theo dõi, đánh giá: who monitors, as written."""
    deadline: Deadline | None = None
    """By when, where the plan says."""
    origin: Origin = Origin.prose
    """Read from running text or a table row."""
    group: Group | None = None
    """For a table row: the group row above it."""
    source: Source
    """Where it was read (its most complete statement, when stated more than once)."""


class Task(_Model):
    """A row of a task table (nhiệm vụ, chủ trì, phối hợp, kết quả, thời gian)."""

    id: str
    """Stable within the document: "task-001"… in document order."""
    stt: str | None = None
    """The row number as printed (repeated numbers kept)."""
    title: str
    """What is to be done."""
    section_path: list[str] = Field(default_factory=list)
    """Labels of the sections above the table, top first."""
    group: Group | None = None
    """The group row above it."""
    lead_units: list[str] = Field(default_factory=list)
    """Chủ trì, as written."""
    support_units: list[str] = Field(default_factory=list)
    """Phối hợp, as written."""
    output: str | None = None
    """Kết quả / sản phẩm: what it produces."""
    deadline: Deadline | None = None
    """Thời gian hoàn thành."""
    indicator_ids: list[str] = Field(default_factory=list)
    """Indicators this row states again (their ids)."""
    source: Source
    """Where the row is."""


class BudgetItem(_Model):
    """A line of the budget table."""

    label: str
    """What the money is for, as written."""
    amount: float | None = None
    """The amount (Vietnamese thousands dots read: "8.073" is 8073)."""
    unit: str | None = None
    """The unit of the amount ("triệu đồng")."""
    source: Source
    """Where the line is."""


class Budget(_Model):
    """The plan's budget table (kinh phí)."""

    items: list[BudgetItem] = Field(default_factory=list)
    """Its lines."""
    total: float | None = None
    """The total the plan states, else the sum of its lines."""
    unit: str | None = None
    """The unit of the total."""


class Responsibility(_Model):
    """A unit's duties under "Tổ chức thực hiện"."""

    unit: str
    """The unit, as written."""
    duties: list[str] = Field(default_factory=list)
    """What it is to do, one sentence or bullet each."""
    section_path: list[str] = Field(default_factory=list)
    """Labels of the sections above it, top first."""
    source: Source
    """Where its paragraph is."""


class Warning(_Model):
    """Something recovered by guessing or not read (codes in the README)."""

    code: str
    """W001…: see the README's table."""
    message: str
    """The code's meaning and the details ("pages 2, 3")."""
    source: Source | None = None
    """Where, when it is about one place."""


class Generator(_Model):
    """The program that wrote the output."""

    name: str = "vn_plan_extract"
    """The package's name."""
    version: str = __version__
    """The package's version."""


class PlanDocument(_Model):
    """One plan: what it is, its heading tree, targets, tasks, budget and duties, each grounded in its text."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    """The version of this contract."""
    generator: Generator = Field(default_factory=Generator,
                                 description="What wrote this (added field): `batch` redoes output of another version.")
    source: DocumentSource
    """The input file it was read from: path, form, hash, pages."""
    metadata: Metadata
    """The document's header and signature block."""
    sections: list[Section] = Field(default_factory=list)
    """The numbered heading tree, in document order."""
    indicators: list[Indicator] = Field(default_factory=list)
    """Every target the plan sets, from prose and from tables."""
    tasks: list[Task] = Field(default_factory=list)
    """The rows of its task tables."""
    budget: Budget | None = None
    """Its budget table; null where it has none."""
    responsibilities: list[Responsibility] = Field(default_factory=list)
    """The units' duties under "Tổ chức thực hiện"."""
    warnings: list[Warning] = Field(default_factory=list)
    """What was recovered by guessing or could not be read."""


def json_schema() -> dict[str, object]:
    """The JSON Schema of `PlanDocument`, generated from the models."""
    return PlanDocument.model_json_schema()
