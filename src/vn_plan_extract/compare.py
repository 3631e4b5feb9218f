"""One table of the same target across many plans: indicators aligned into canonical indicators.

An indicator is aligned, first, to the catalogue (`lexicon/indicators.tsv`: canonical names and their
aliases, reviewable data) when its name holds an alias's words and its unit is of the entry's kind.
The rest are grouped with each other by the words underthesea's segmenter finds in their names: two
indicators of different plans whose content words mostly agree (and whose units agree) are one
indicator. What aligns with nothing is listed as unaligned, never dropped.

With a reference plan (the province's own), each plan's target is compared with the reference's: a
target that promises less (a lower share for "≥", a worse rank for "Top N") is marked below it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from .errors import UnreadableDocument
from .export import LINE_HEIGHT, append_text_row, target_label, wrapped_lines, write_csv
from .files import SUMMARY_FILE, read_plan_json, write_atomic, write_json_atomic
from .lexicon.indicators import CatalogueEntry, load_catalogue, segmented_words, syllables
from .models import Comparator, Indicator, PlanDocument

#: Two names of different plans are one indicator when this share of their content words agree
#: (Jaccard over underthesea's words) ...
_SIMILAR_JACCARD = 0.6
#: ... and they share at least this many content words;
_SIMILAR_MIN_SHARED = 2
#: or when every content word of the shorter is in the longer and it has at least this many
#: ("thu nhập bình quân đầu người" in "… đầu người theo tiêu chí nông thôn mới"); two are too few:
#: "hộ nghèo" is in "hộ cận nghèo", a different indicator.
_CONTAINED_MIN_WORDS = 3
_CONTAINED_SCORE = 0.75
#: Words every target name may have, saying nothing about which target it is (folded).
_FILLER_WORDS = frozenset({
    "ti le", "ti", "le", "so", "cac", "cua", "tren", "dia ban", "phuong", "xa", "duoc", "co", "trong", "tai", "va",
    "nguoi", "dat", "toi thieu", "tu", "den", "nam", "it nhat", "tren dia ban", "so luong", "theo",
    # how a target moves or is compared, not what it is: "tốc độ tăng bình quân", "so với", "trở lên",
    # "kế hoạch đề ra", "hằng năm", "trong đó"
    "tang", "giam", "binh quan", "toc do", "voi", "tro", "len", "ke hoach", "de", "ra", "hang", "hang nam",
    "do",
})
#: A group of names alike across plans is a canonical indicator only when the words they all share are
#: at least this many: one word ("dịch vụ", "thủy sản", "tăng trưởng") does not say which target it is.
_GROUP_MIN_SHARED = 2
#: A name cut in the middle of a phrase ("nông thôn mới/xã so với", "Tốc độ tăng GRDP (%), trong đó:")
#: is not shown as a canonical indicator's name: it ends with a word that needs what follows it.
_UNFINISHED_NAME_RE = regex.compile(r"""(?:\b(?:so\ với|là|của|và|với|trong\ đó|gồm|như\ sau)|[,:;/(-])\s*$""",
                                    regex.IGNORECASE | regex.VERSION1)
#: What a name carries before and after the words that name the target: a list dash, the unit in
#: brackets, a closing colon ("- Nông Lâm Ngư nghiệp (%)" → "Nông Lâm Ngư nghiệp").
_NAME_EDGES_RE = regex.compile(r"""^[\s\-–+•*.]+ | (?:\s*\([^()]{1,30}\))?[\s,.:;]*$""", regex.VERSION1 | regex.VERBOSE)
#: Money units as plans write them ("tỷđ", "tỉ đồng", "trđ/người/năm", "Tr. đồng"), folded: one family.
_MONEY_UNIT_RE = regex.compile(r"dong|^(?:ti|ty|tr|trieu|nghin)\s*d\b|^trd")
#: Files in a batch output folder that are not plans.
_NOT_PLANS = frozenset({SUMMARY_FILE, "compare.json"})


@dataclass(frozen=True, slots=True)
class Plan:
    """A converted plan: its output file (relative to the folder compared) and a column label."""

    file: str
    label: str
    document: PlanDocument


@dataclass(frozen=True, slots=True)
class Member:
    plan: Plan
    indicator: Indicator

    def as_dict(self, below: bool | None) -> dict[str, Any]:
        ind = self.indicator
        return {"plan": self.plan.label, "file": self.plan.file, "indicator_id": ind.id, "name": ind.name,
                "target": target_label(ind, with_year=True), "comparator": ind.target.comparator.value if ind.target.comparator else None,
                "value": ind.target.value, "unit": ind.target.unit, "target_year": ind.target_year,
                "line_start": ind.source.line_start, "below_reference": below}


@dataclass(slots=True)
class CanonicalIndicator:
    key: str
    name: str
    #: "catalogue" (an entry of the catalogue) or "similar" (names alike across plans)
    matched_by: str
    unit_kind: str
    members: list[Member] = field(default_factory=list)
    reference: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class Alignment:
    plans: list[Plan]
    canonical: list[CanonicalIndicator]
    unaligned: list[Member]
    reference: Plan | None = None


def unit_kind(ind: Indicator) -> str:
    unit = (ind.target.unit or "").lower()
    if unit == "%":
        return "%"
    if unit in {"hạng", "thứ bậc", "thứ hạng", "xếp hạng"}:
        return "rank"
    if unit in {"mức", "cấp độ", "mức độ"} or ind.qualitative:
        return "level"
    return "count" if unit else "-"


def _kinds_agree(entry_kind: str, kind: str) -> bool:
    # a rank or level is often written without a unit ("Mức Khá", "Top 30"): "-" and "level" pass
    return entry_kind == kind or kind in {"-", "level"} or entry_kind == "-"


def catalogue_entry(ind: Indicator, catalogue: Sequence[CatalogueEntry]) -> CatalogueEntry | None:
    """The catalogue indicator a plan's indicator states, if any (the most specific alias wins)."""
    words = syllables(ind.name)
    kind = unit_kind(ind)
    best: tuple[int, CatalogueEntry] | None = None
    for entry in catalogue:
        score = entry.match(words)
        if score and _kinds_agree(entry.unit_kind, kind) and (best is None or score > best[0]):
            best = (score, entry)
    return best[1] if best else None


def unit_family(ind: Indicator) -> str:
    """What a count counts, for telling counts apart: "money", or the unit's first word ("hộ", "trường")."""
    kind = unit_kind(ind)
    if kind != "count":
        return kind
    unit = " ".join(syllables(ind.target.unit or ""))
    return "money" if _MONEY_UNIT_RE.search(unit) else unit.split(" ")[0]


@lru_cache(maxsize=8192)  # plans of one province repeat their targets' names
def _content_words(name: str) -> frozenset[str]:
    return frozenset(w for w in segmented_words(name) if w not in _FILLER_WORDS and not w.isdigit())


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two names' content words are (0: not the same indicator)."""
    if a and a == b:
        return 1.0  # "Số doanh nghiệp trên địa bàn" and "Số lượng doanh nghiệp": the same words
    shared = len(a & b)
    if shared >= _SIMILAR_MIN_SHARED and shared / len(a | b) >= _SIMILAR_JACCARD:
        return shared / len(a | b)
    if shared == min(len(a), len(b)) >= _CONTAINED_MIN_WORDS:
        return _CONTAINED_SCORE
    return 0.0


def _families_agree(a: str, b: str) -> bool:
    return a == b or "-" in (a, b) or "level" in (a, b)


def align(plans: Sequence[Plan], reference: Plan | None = None,
          catalogue: Sequence[CatalogueEntry] | None = None) -> Alignment:
    """Align the indicators of `plans` (and of the reference plan) into canonical indicators."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    by_key: dict[str, CanonicalIndicator] = {}
    rest: list[Member] = []
    everyone = [*plans, *([reference] if reference else [])]
    for plan in everyone:
        for ind in plan.document.indicators:
            entry = catalogue_entry(ind, catalogue)
            if entry is None:
                rest.append(Member(plan, ind))
                continue
            canonical = by_key.setdefault(entry.key, CanonicalIndicator(entry.key, entry.name, "catalogue",
                                                                         entry.unit_kind))
            if plan is reference:
                canonical.reference.append(ind)
            else:
                canonical.members.append(Member(plan, ind))

    # the rest: the most alike pairs of different plans joined first, a group never taking two
    # statements of one plan (single linkage, as in agglomerative clustering)
    words = [_content_words(m.indicator.name) for m in rest]
    families = [unit_family(m.indicator) for m in rest]
    holders: dict[str, list[int]] = {}  # word → the names holding it: only names sharing a word are compared
    for i, ws in enumerate(words):
        for w in ws:
            holders.setdefault(w, []).append(i)
    candidates = {(i, j) for held in holders.values() for n, i in enumerate(held) for j in held[n + 1:]}
    pairs = sorted(((_similarity(words[i], words[j]), i, j) for i, j in candidates
                    if rest[i].plan is not rest[j].plan and _families_agree(families[i], families[j])),
                   reverse=True)
    group_of = list(range(len(rest)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(rest))}
    for score, i, j in pairs:
        if score <= 0:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj or {rest[k].plan.file for k in groups[gi]} & {rest[k].plan.file for k in groups[gj]}:
            continue
        # a unit left unwritten agrees with any, but it must not chain "%" and "tỷ đồng" into one group
        if len({families[k] for k in groups[gi] + groups[gj]} - {"-", "level"}) > 1:
            continue
        for k in groups[gj]:
            group_of[k] = gi
        groups[gi] += groups.pop(gj)
    unaligned: list[Member] = []
    similar: list[CanonicalIndicator] = []
    used_keys: set[str] = set()  # two groups whose shared words begin alike get "-2"
    for indices in groups.values():
        members = [rest[k] for k in sorted(indices)]
        if len({m.plan.file for m in members}) < 2:
            unaligned.extend(m for m in members if m.plan is not reference)
            continue
        common = frozenset.intersection(*(words[k] for k in indices))
        name = _display_name([m.indicator.name for m in members])
        if len(common) < _GROUP_MIN_SHARED or name is None:
            unaligned.extend(m for m in members if m.plan is not reference)
            continue
        key = "similar-" + "-".join(sorted(common or words[indices[0]]))[:60].replace(" ", "-")
        key = next(k for k in (key, *(f"{key}-{n}" for n in range(2, len(rest) + 2))) if k not in used_keys)
        used_keys.add(key)
        canonical = CanonicalIndicator(key, name, "similar", unit_kind(members[0].indicator))
        for m in members:
            (canonical.reference.append(m.indicator) if m.plan is reference else canonical.members.append(m))
        if canonical.members:
            similar.append(canonical)
    ordered = sorted(by_key.values(), key=lambda c: [e.key for e in catalogue].index(c.key)) + similar
    return Alignment(list(plans), ordered, unaligned, reference)


def _display_name(names: Sequence[str]) -> str | None:
    """The name a group is shown by: the one its plans write most often once list dashes and bracketed
    units are cut off, then the shortest; never one cut mid-phrase (None when all are)."""
    cleaned = [_NAME_EDGES_RE.sub("", n) for n in names]
    whole = [n for n in cleaned if n and not _UNFINISHED_NAME_RE.search(n)]
    if not whole:
        return None
    return min(whole, key=lambda n: (-whole.count(n), len(n), n))


def below_reference(ind: Indicator, reference: Indicator) -> bool | None:
    """Does `ind` promise less than `reference`? None when the two cannot be compared."""
    a, r = ind.target, reference.target
    if a.value is None or r.value is None or (a.unit or "") != (r.unit or ""):
        return None
    direction = r.comparator or Comparator.eq
    if direction in (Comparator.le, Comparator.lt) or unit_kind(reference) == "rank":
        return float(a.value) > float(r.value)  # "Top 30": a larger number is a worse rank
    return float(a.value) < float(r.value)


def _reference_for(canonical: CanonicalIndicator, ind: Indicator) -> Indicator | None:
    """The reference's target for the same year, or None: a 2025 target is not held to a 2026 one."""
    return next((r for r in canonical.reference if r.target_year == ind.target_year), None)


# --- reading and writing -------------------------------------------------------------------------------

def plan_label(document: PlanDocument, fallback: str) -> str:
    """A plan's column title: its issuer, then its number ("UBND phường Tam Phước – 45/KH-UBND")."""
    meta = document.metadata
    issuer = meta.issuer or fallback
    return f"{issuer} – {meta.number}" if meta.number else issuer


def load_plan(path: Path, root: Path | None = None) -> Plan:
    document = read_plan_json(path)
    file = path.relative_to(root).as_posix() if root else path.name
    return Plan(file, plan_label(document, path.stem), document)


def _run_outputs(folder: Path) -> list[Path] | None:
    """The plan JSONs of the batch run that wrote `folder` (its summary.json), or None without one."""
    try:
        summary = json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
        outputs = summary["outputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(outputs, list):
        return None
    # only files below the folder: a summary.json edited by hand cannot point elsewhere
    below = [PurePosixPath(str(name)) for name in outputs]
    return [folder / name for name in below if not name.is_absolute() and ".." not in name.parts]


def load_folder(folder: Path) -> tuple[list[Plan], list[str]]:
    """The plans of the batch run whose output is `folder` (listed in its summary.json), or, for a folder
    no batch wrote, every plan JSON below it; and the files that could not be read as plans."""
    paths = _run_outputs(folder)
    if paths is None:
        paths = [p for p in sorted(folder.rglob("*.json"))
                 if p.name not in _NOT_PLANS and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    plans, problems = [], []
    for path in paths:
        try:
            plans.append(load_plan(path, folder))
        except UnreadableDocument as exc:
            problems.append(str(exc))
    # two plans with one label (a .docx and a .pdf of one plan, plans without a number) get the name of
    # the file they were converted from in their label
    counts: dict[str, int] = {}
    for p in plans:
        counts[p.label] = counts.get(p.label, 0) + 1
    plans = [Plan(p.file, f"{p.label} ({p.file.removesuffix('.json')})" if counts[p.label] > 1 else p.label, p.document)
             for p in plans]
    return plans, problems


def alignment_json(alignment: Alignment) -> dict[str, Any]:
    out = []
    for c in alignment.canonical:
        members = []
        for m in c.members:
            ref = _reference_for(c, m.indicator)
            members.append(m.as_dict(below_reference(m.indicator, ref) if ref else None))
        out.append({"key": c.key, "name": c.name, "matched_by": c.matched_by, "unit_kind": c.unit_kind,
                    "reference": [target_label(r, with_year=True) for r in c.reference], "members": members})
    return {
        "plans": [{"file": p.file, "label": p.label, "issuer": p.document.metadata.issuer} for p in alignment.plans],
        "reference": alignment.reference.file if alignment.reference else None,
        "canonical": out,
        "unaligned": [m.as_dict(None) for m in alignment.unaligned],
    }


def _year_label(year: int | None) -> str:
    return str(year) if year is not None else "năm chưa rõ"


#: What a canonical indicator's values are, in the words of the sheet.
_UNIT_KINDS_VI = {"%": "tỷ lệ (%)", "rank": "thứ hạng", "level": "mức", "count": "số lượng", "-": "không rõ"}


def _wide_rows(alignment: Alignment) -> tuple[list[str], list[list[str | int]], list[list[str | None]]]:
    """One row per canonical indicator, one column per plan and target year (so that a column can be
    sorted and filtered), and for each cell below the reference's target of its year, why."""
    def years(of: list[Indicator]) -> list[int | None]:
        return sorted({i.target_year for i in of}, key=lambda y: (y is None, y or 0))

    header = ["Mã", "Chỉ tiêu", "Loại đơn vị", "Số kế hoạch"]
    columns: list[tuple[Plan | None, int | None]] = []
    if alignment.reference:
        for year in years([r for c in alignment.canonical for r in c.reference]):
            columns.append((None, year))
            header.append(f"Tham chiếu: {alignment.reference.label} – {_year_label(year)}")
    for plan in alignment.plans:
        for year in years([m.indicator for c in alignment.canonical for m in c.members if m.plan is plan]):
            columns.append((plan, year))
            header.append(f"{plan.label} – {_year_label(year)}")
    rows, notes = [], []
    for c in alignment.canonical:
        row: list[str | int] = [c.key, c.name, _UNIT_KINDS_VI.get(c.unit_kind, c.unit_kind),
                                len({m.plan.file for m in c.members})]
        why: list[str | None] = [None] * len(row)
        for owner, year in columns:
            if owner is None:
                # the reference's target once, however often the province's plan restates it
                row.append("; ".join(dict.fromkeys(target_label(r) for r in c.reference if r.target_year == year)))
                why.append(None)
                continue
            mine = [m.indicator for m in c.members if m.plan is owner and m.indicator.target_year == year]
            row.append("; ".join(target_label(i) for i in mine))
            below = [(i, r) for i in mine if (r := _reference_for(c, i)) is not None and below_reference(i, r)]
            why.append("; ".join(f"thấp hơn tham chiếu năm {_year_label(year)}: {target_label(i)} so với {target_label(r)}"
                                 for i, r in below) or None)
        rows.append(row)
        notes.append(why)
    return header, rows, notes


def _print_setup(sheet: Any, fit_width: bool) -> None:
    """Landscape A4, the header row on every page, grid lines, page numbers; the columns fitted to the
    page's width where they are few enough to stay legible."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    if fit_width:
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4  # inches
    sheet.print_options.gridLines = True
    sheet.oddFooter.center.text = "Trang &P / &N"


#: The workbook's sheets: the table, each aligned target with its plan's own name, what aligned with nothing.
COMPARE_SHEET, MEMBERS_SHEET, UNALIGNED_SHEET = "So sánh", "Chỉ tiêu đã ghép", "Chưa ghép"


def write_compare(alignment: Alignment, out: Path) -> list[Path]:
    """Write `out` as .xlsx, .csv and .json, one name (whichever suffix `out` has, all three are written)."""
    base = out.with_suffix("")
    xlsx, csv_path, json_path = base.with_suffix(".xlsx"), base.with_suffix(".csv"), base.with_suffix(".json")
    header, rows, notes = _wide_rows(alignment)

    write_csv(csv_path, header, [[f"{v} [{note}]" if note else v for v, note in zip(row, why, strict=True)]
                                 for row, why in zip(rows, notes, strict=True)])

    from openpyxl import Workbook  # loaded here: a command that writes no workbook starts faster
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    sheet = book.create_sheet(COMPARE_SHEET)
    sheet.append(header)
    red = PatternFill("solid", fgColor="F8CBAD")
    for row, why in zip(rows, notes, strict=True):
        append_text_row(sheet, row)
        for col, note in enumerate(why, 1):
            if note:
                cell = sheet.cell(row=sheet.max_row, column=col)
                cell.fill = red
                cell.comment = Comment(note, "vn-plan-extract")
    widths = [16, 44, 10, 8] + [18] * (len(header) - 4)
    wrapped = CellAlignment(wrap_text=True, vertical="top")
    for i, w in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = w
    # every cell wrapped and each row as high as its text (LibreOffice keeps rows one line high otherwise)
    for number, cells in enumerate(sheet.iter_rows(), 1):
        lines = 1
        for cell, width in zip(cells, widths, strict=True):
            cell.alignment = wrapped
            if isinstance(cell.value, str):
                lines = max(lines, wrapped_lines(cell.value, width))
        sheet.row_dimensions[number].height = LINE_HEIGHT * min(lines, 8)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    # printed: the code, the name and the header row on every page, the plans' columns across as many
    # pages as they need (a table of 100 plans is as wide as that)
    _print_setup(sheet, fit_width=False)
    sheet.print_title_cols = "A:B"

    members = book.create_sheet(MEMBERS_SHEET)
    members.append(["Mã chỉ tiêu chung", "Chỉ tiêu chung", "Kế hoạch", "Tệp", "Mã chỉ tiêu", "Tên chỉ tiêu trong kế hoạch",
                    "Chỉ tiêu", "Năm", "Dòng", "Thấp hơn tham chiếu"])
    yes_no = {True: "Có", False: "Không", None: None}
    for c in alignment.canonical:
        for m in c.members:
            ref = _reference_for(c, m.indicator)
            d = m.as_dict(below_reference(m.indicator, ref) if ref else None)
            append_text_row(members, [c.key, c.name, d["plan"], d["file"], d["indicator_id"], d["name"], d["target"],
                                      d["target_year"], d["line_start"], yes_no[d["below_reference"]]])
    unaligned = book.create_sheet(UNALIGNED_SHEET)
    unaligned.append(["Kế hoạch", "Tệp", "Mã chỉ tiêu", "Tên chỉ tiêu trong kế hoạch", "Chỉ tiêu", "Năm", "Dòng"])
    for m in alignment.unaligned:
        d = m.as_dict(None)
        append_text_row(unaligned, [d["plan"], d["file"], d["indicator_id"], d["name"], d["target"], d["target_year"],
                                    d["line_start"]])
    for ws, widths in ((members, [24, 40, 30, 30, 8, 50, 16, 7, 7, 10]), (unaligned, [30, 30, 8, 60, 16, 7, 7])):
        for cell in ws[1]:
            cell.font, cell.alignment = Font(bold=True), CellAlignment(wrap_text=True, vertical="top")
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        _print_setup(ws, fit_width=True)
    write_atomic(xlsx, book.save)
    write_json_atomic(json_path, alignment_json(alignment))
    return [xlsx, csv_path, json_path]
