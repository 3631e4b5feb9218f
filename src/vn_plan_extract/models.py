"""The output contract (`../shared/CONTRACT.md`, schema version 1) as pydantic models.

These models are the source of truth: `vn-plan-extract schema` prints their JSON Schema. Fields may be
added, never renamed, dropped or re-typed without a new schema version.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ._version import __version__

SCHEMA_VERSION: Literal["1"] = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceFormat(StrEnum):
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
    part = "part"
    roman = "roman"
    upper_letter = "upper_letter"
    arabic = "arabic"
    decimal = "decimal"
    lower_letter = "lower_letter"
    appendix = "appendix"


class Comparator(StrEnum):
    ge = ">="
    gt = ">"
    le = "<="
    lt = "<"
    eq = "="


class DeadlineKind(StrEnum):
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
    prose = "prose"
    table = "table"


class TableRef(_Model):
    index: int
    row: int


class Source(_Model):
    """Where an item was read: a reviewer must find it in the original from this alone."""

    page: int | None = None
    line_start: int
    line_end: int
    table: TableRef | None = None
    quote: str = Field(description="Exact text read, as in the input after Unicode NFC.")
    confidence: float | None = Field(default=None, description="Read by OCR: the lowest mean word confidence (0–1) "
                                     "of its lines; null for text read from a text layer or a text file.")


class DocumentSource(_Model):
    path: str
    format: SourceFormat
    sha256: str
    pages: int | None = None
    ocr_pages: list[int] = Field(default_factory=list, description="Pages read by OCR (a scan, or an unusable text layer).")


class Signer(_Model):
    title: str | None = None
    name: str | None = None


class Metadata(_Model):
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = Field(default=None, description="ISO date; null where the day is left blank.")
    title: str | None = None
    legal_bases: list[str] = Field(default_factory=list)
    signer: Signer | None = None
    recipients: list[str] = Field(default_factory=list)
    year: int | None = Field(default=None, description=("The year the plan is for (added field): the year or period end its title "
                                                      "names, else the year it was signed."))


class Section(_Model):
    label: str
    title: str
    level: int
    kind: SectionKind
    source: Source
    children: list[Section] = Field(default_factory=list)


class Target(_Model):
    comparator: Comparator | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    text: str


class Deadline(_Model):
    text: str
    kind: DeadlineKind
    year: int | None = None
    quarter: int | None = None
    month: int | None = None
    end: str | None = None


class Group(_Model):
    label: str | None = None
    title: str


class Indicator(_Model):
    id: str
    name: str
    target: Target
    qualitative: bool = False
    target_year: int | None = None
    section_path: list[str] = Field(default_factory=list)
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    monitor_units: list[str] = Field(default_factory=list)
    deadline: Deadline | None = None
    origin: Origin = Origin.prose
    group: Group | None = None
    source: Source


class Task(_Model):
    id: str
    stt: str | None = None
    title: str
    section_path: list[str] = Field(default_factory=list)
    group: Group | None = None
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    output: str | None = None
    deadline: Deadline | None = None
    indicator_ids: list[str] = Field(default_factory=list)
    source: Source


class BudgetItem(_Model):
    label: str
    amount: float | None = None
    unit: str | None = None
    source: Source


class Budget(_Model):
    items: list[BudgetItem] = Field(default_factory=list)
    total: float | None = None
    unit: str | None = None


class Responsibility(_Model):
    unit: str
    duties: list[str] = Field(default_factory=list)
    section_path: list[str] = Field(default_factory=list)
    source: Source


class Warning(_Model):
    code: str
    message: str
    source: Source | None = None


class Generator(_Model):
    name: str = "vn_plan_extract"
    version: str = __version__


class PlanDocument(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    generator: Generator = Field(default_factory=Generator,
                                 description="What wrote this (added field): `batch` redoes output of another version.")
    source: DocumentSource
    metadata: Metadata
    sections: list[Section] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    budget: Budget | None = None
    responsibilities: list[Responsibility] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    """The JSON Schema of `PlanDocument`, generated from the models."""
    return PlanDocument.model_json_schema()
