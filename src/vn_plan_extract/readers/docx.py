"""Read a Word plan (.docx) into the same line text as a plain-text plan, keeping Word's structure.

- Paragraphs come in body order with tables in their place; headers, footers and text boxes are left
  out (they are not in the body's paragraphs).
- Word's automatic numbering is rebuilt from the numbering definitions (w:numPr → w:num →
  w:abstractNum levels: number format, level text such as "%1." or "%1)", start, restarts), because
  in real files the "I." or "a)" is not in the text. A bullet level becomes "- ".
- A data table (an "STT" header or three columns and more) becomes one line a row, cells separated
  by tabs (the delimited-table path of the table stage); a merged cell (w:vMerge) repeats its text in
  the rows it spans, a cell spread over columns (w:gridSpan) is written once. A layout table (the
  two-column header block "ỦY BAN NHÂN DÂN | CỘNG HÒA …", the signature block) becomes its cells'
  paragraphs, left column first.

Grounding: line N of the rendering is the N-th paragraph of the body (a table row counts as one).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import limits
from ..document import SourceText, line_starts_of
from ..errors import LimitExceeded, UnreadableDocument
from ._files import read_input_bytes

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: A table with this many columns or more, or with an "STT" header, holds data, not layout.
_DATA_TABLE_MIN_COLUMNS = 3
_BULLET_CHARS = {"\uf0b7": "-", "\uf0a7": "-", "•": "-", "◦": "-", "▪": "-", "": "-", "o": "-", "-": "-",
                 "–": "-", "+": "+", "\uf02d": "-", "\uf02b": "+"}


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level


def _int(value: str | None, default: int, problems: list[str], what: str) -> int:
    """A number attribute of the Word file; one that is no number ("abc") is noted and `default` used."""
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        problems.append(f"the Word file's {what} {value[:20]!r} is no number")
        return default


@dataclass
class _Numbering:
    """Word's numbering definitions and the running counters of a document (mutable while reading)."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstractId, overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    #: what was wrong in the file's numbering and lists (warnings: the rest is read)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, document: Any) -> _Numbering:
        out = cls()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return out
        for an in root.iter(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in an.iter(f"{_W}lvl"):
                level = _Level()
                for child, attr in (("numFmt", "fmt"), ("lvlText", "text")):
                    el = lvl.find(f"{_W}{child}")
                    if el is not None and el.get(f"{_W}val") is not None:
                        setattr(level, attr, el.get(f"{_W}val"))
                start = lvl.find(f"{_W}start")
                if start is not None:
                    level.start = _int(start.get(f"{_W}val"), 1, out.problems, "list start")
                restart = lvl.find(f"{_W}lvlRestart")
                if restart is not None:
                    level.restart = _int(restart.get(f"{_W}val"), 0, out.problems, "list restart")
                levels[_int(lvl.get(f"{_W}ilvl"), 0, out.problems, "list level")] = level
            out.abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            abstract_id = num.find(f"{_W}abstractNumId")
            overrides: dict[int, int] = {}
            for ov in num.iter(f"{_W}lvlOverride"):
                so = ov.find(f"{_W}startOverride")
                if so is not None:
                    overrides[_int(ov.get(f"{_W}ilvl"), 0, out.problems, "list level")] = _int(
                        so.get(f"{_W}val"), 1, out.problems, "list start")
            out.nums[num.get(f"{_W}numId", "")] = (
                abstract_id.get(f"{_W}val", "") if abstract_id is not None else "", overrides)
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list `num_id` at level `ilvl` ("I.", "2)", "2.1)", "a)", or "-" for bullets)."""
        if num_id not in self.nums:
            return ""
        if ilvl < 0:
            self.problems.append("a paragraph's list level is no number; read as the first level")
            ilvl = 0
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return _BULLET_CHARS.get(level.text.strip()[:1], "-")
        if level.fmt == "none":
            return ""
        # lists that override a start restart on their own; the others continue their abstract list
        key = num_id if overrides else f"a{abstract_id}"
        counters = self.counters.setdefault(key, {})
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = overrides.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            deeper_level = levels.get(deeper, _Level())
            if deeper_level.restart is None or deeper_level.restart - 1 <= ilvl:
                del counters[deeper]
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                lv = levels.get(k, _Level())
                value = counters.get(k, overrides.get(k, lv.start))
                if not 0 <= value <= limits.current().max_numbering_value:
                    # a start of 10⁹ in Roman numerals would be a million "M"s: no list reaches it
                    self.problems.append(f"list number {value} is beyond the limit of "
                                         f"{limits.current().max_numbering_value}; shown in digits")
                    text = text.replace(f"%{k + 1}", str(value))
                    continue
                text = text.replace(f"%{k + 1}", _format_number(value, lv.fmt))
        return text


def _format_number(value: int, fmt: str) -> str:
    """
    >>> _format_number(4, "upperRoman"), _format_number(2, "lowerLetter"), _format_number(3, "decimalZero")
    ('IV', 'b', '03')
    """
    if fmt in {"upperRoman", "lowerRoman"}:
        numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out, n = "", value
        for v, s in numerals:
            while n >= v:
                out, n = out + s, n - v
        return out if fmt == "upperRoman" else out.lower()
    if fmt in {"upperLetter", "lowerLetter"}:
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        s = letters[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _paragraph_text(p: Any) -> str:
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}txbxContent"):
        if node.tag == f"{_W}txbxContent":
            continue
        if any(anc.tag == f"{_W}txbxContent" for anc in node.iterancestors()):
            continue  # text boxes float beside the body; they are not part of it
        parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return " ".join("".join(parts).split())


def _num_pr(p: Any, styles: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    ppr = p.find(f"{_W}pPr")
    if ppr is not None:
        num_pr = ppr.find(f"{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            ilvl = num_pr.find(f"{_W}ilvl")
            if num_id is not None and num_id.get(f"{_W}val") not in (None, "0"):
                level = ilvl.get(f"{_W}val", "0") if ilvl is not None else "0"
                return num_id.get(f"{_W}val"), int(level) if level.isdigit() and len(level) <= 2 else -1
        style = ppr.find(f"{_W}pStyle")
        if style is not None and style.get(f"{_W}val") in styles:
            return styles[style.get(f"{_W}val")]
    return None


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    """Heading styles that carry a list: a hint Word uses, never required."""
    out: dict[str, tuple[str, int]] = {}
    try:
        root = document.styles.element
    except AttributeError:
        return out
    for st in root.iter(f"{_W}style"):
        num_pr = st.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        if num_id is not None:
            level = ilvl.get(f"{_W}val", "0") if ilvl is not None else "0"
            out[st.get(f"{_W}styleId", "")] = (num_id.get(f"{_W}val", ""),
                                                int(level) if level.isdigit() and len(level) <= 2 else 0)
    return out


def _cell_text(tc: Any, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> list[str]:
    out = []
    for p in tc.iter(f"{_W}p"):
        text = _paragraph_text(p)
        pr = _num_pr(p, styles)
        if pr is not None:
            label = numbering.label(*pr)
            # an empty numbered paragraph shows its number: a table's "TT" cell numbered by Word itself
            text = f"{label} {text}".strip() if text else label.strip()
        if text:
            out.append(text)
    return out


def _join_cell(paragraphs: list[str]) -> str:
    """A cell's paragraphs as one cell text: bodies listed one a paragraph are separated by "; "."""
    out = ""
    for para in paragraphs:
        if not out:
            out = para
        elif para[:1].isupper() and not out.rstrip().endswith((",", ";", "-", "&")) and len(para.split()) <= 10:
            out = f"{out}; {para}"
        else:
            out = f"{out} {para}"
    return out


def _table_rows(tbl: Any, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> list[list[list[str]]]:
    """Rows × columns × paragraphs, merged cells resolved (vMerge repeats, gridSpan counted once)."""
    rows: list[list[list[str]]] = []
    above: dict[int, list[str]] = {}
    for tr in tbl.iter(f"{_W}tr"):
        if any(anc.tag == f"{_W}tbl" for anc in tr.iterancestors() if anc is not tbl):
            continue  # a table nested in a cell is read as that cell's text
        row: list[list[str]] = []
        col = 0
        for tc in tr.findall(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span = 1
            merge = None
            if tcpr is not None:
                gs = tcpr.find(f"{_W}gridSpan")
                span = _int(gs.get(f"{_W}val"), 1, numbering.problems, "cell span") if gs is not None else 1
                if not 1 <= span <= limits.current().max_grid_span:
                    numbering.problems.append(f"a table cell spans {span} columns (limit "
                                              f"{limits.current().max_grid_span}); read as one")
                    span = 1
                vm = tcpr.find(f"{_W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{_W}val", "continue")
            paragraphs = above.get(col, []) if merge == "continue" else _cell_text(tc, numbering, styles)
            if merge == "restart" or merge is None:
                above[col] = paragraphs
            row.append(paragraphs)
            row.extend([] for _ in range(span - 1))
            col += span
        rows.append(row)
    return rows


def _is_data_table(rows: list[list[list[str]]]) -> bool:
    if not rows:
        return False
    first = " ".join(" ".join(c) for c in rows[0]).strip()
    width = max(len([c for c in r if c]) for r in rows)
    return first.upper().startswith(("STT", "TT")) or width >= _DATA_TABLE_MIN_COLUMNS


def _checked_package(path: Path, data: bytes) -> None:
    """The ZIP package is a Word file that can be unpacked within the limits, before python-docx loads
    any of it: encrypted or oddly compressed parts, a part that unpacks to gigabytes (a ZIP bomb) or
    does not unpack at all are refused here, with the reason in plain words."""
    import io
    import zlib

    lim = limits.current()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > lim.max_zip_members:
                raise LimitExceeded(path, f"the Word package has {len(infos)} parts, more than the limit of {lim.max_zip_members}")
            if "word/document.xml" not in {i.filename for i in infos}:
                raise UnreadableDocument(path, "not a Word document (the ZIP package has no word/document.xml)")
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise UnreadableDocument(path, "the Word file is encrypted (protected by a password): save it unprotected")
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise UnreadableDocument(path, f"damaged Word file: its part {info.filename} is packed with an "
                                                   f"unknown method ({info.compress_type})")
                size_mb = info.file_size / 2**20
                total += info.file_size
                if size_mb > lim.max_zip_member_mb or (
                        info.file_size > 2**20 and info.file_size > lim.max_zip_ratio * max(1, info.compress_size)):
                    raise LimitExceeded(path, f"the Word file's part {info.filename} unpacks to {size_mb:,.0f} MB from "
                                              f"{info.compress_size / 2**20:,.1f} MB (limits: {lim.max_zip_member_mb:g} MB, "
                                              f"{lim.max_zip_ratio:g} times): a ZIP bomb or no real Word file")
            if total / 2**20 > lim.max_zip_total_mb:
                raise LimitExceeded(path, f"the Word file unpacks to {total / 2**20:,.0f} MB, more than the limit of "
                                          f"{lim.max_zip_total_mb:g} MB")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _declares_entities(zf.open(info).read(_PROLOG_BYTES)):
                    raise UnreadableDocument(path, f"the Word file's part {info.filename} declares XML entities (a DTD), "
                                                   "which Word never writes: refused (an XML bomb, or a reference "
                                                   "to files on this computer)")
            bad = zf.testzip()  # sizes are declared by the package itself: the CRC check reads what is really there
            if bad is not None:
                raise UnreadableDocument(path, f"damaged Word file: its part {bad} is corrupt")
    except zipfile.BadZipFile:
        raise UnreadableDocument(path, "not a Word document, or a damaged or truncated one (not a valid ZIP package)") from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError):
        raise UnreadableDocument(path, "damaged Word file: a part of it cannot be unpacked") from None


#: How much of an XML part is looked at for a DTD before its root element.
_PROLOG_BYTES = 65536


#: The first element's tag ("<w:document"), past the XML declaration, comments and any DTD.
_ELEMENT_START_RE = re.compile(rb"<[^?!]")


def _declares_entities(head: bytes) -> bool:
    """Does an XML part open with a document type declaration (entities: "billion laughs", a SYSTEM
    file), or hide its root element past `_PROLOG_BYTES`?"""
    root = _ELEMENT_START_RE.search(head)
    prolog = head if root is None else head[:root.start()]
    return b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog or (root is None and len(head) >= _PROLOG_BYTES)


def read_docx_file(path: Path) -> SourceText:
    """Render a .docx as plan text lines. Raises `UnreadableDocument` for what is not a Word file, and
    `LimitExceeded` for one larger than `limits` allow; a damaged list or cell is read with a warning."""
    data = read_input_bytes(path)
    if not data:
        raise UnreadableDocument(path, "the file is empty")
    _checked_package(path, data)
    import docx  # python-docx; imported here so that text-only use never loads it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(str(path))
        body = document.element.body
        depth = max((sum(1 for _ in t.iterancestors(f"{_W}tbl")) for t in body.iter(f"{_W}tbl")), default=0)
        if depth > limits.current().max_table_nesting:
            raise LimitExceeded(path, f"the Word file's tables are nested {depth} deep (limit "
                                      f"{limits.current().max_table_nesting})")
        lines, problems = render_docx(document)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise LimitExceeded(path, "the Word file's parts are nested too deep (tables within tables) to be read") from None
        raise UnreadableDocument(path, f"damaged Word file: its XML is invalid ({exc})") from None
    except PackageNotFoundError:
        raise UnreadableDocument(path, "not a Word document (no Word package)") from None
    except (KeyError, ValueError, AttributeError, TypeError, IndexError, zipfile.BadZipFile):
        raise UnreadableDocument(path, "damaged Word file: its parts are not those of a Word document "
                                       "(a missing or misplaced part)") from None
    except RecursionError:
        raise LimitExceeded(path, "the Word file's parts are nested too deep to be read") from None
    text = unicodedata.normalize("NFC", "\n".join(lines))
    if not text.strip():
        raise UnreadableDocument(path, "the document has no text")
    notes = tuple(("W010", problem) for problem in dict.fromkeys(problems))
    return SourceText(path=str(path), format="docx", sha256=hashlib.sha256(data).hexdigest(), text=text,
                      line_starts=line_starts_of(text), encoding="docx", notes=notes)


def render_docx(document: Any) -> tuple[list[str], list[str]]:
    """The body of a python-docx Document as lines (paragraphs with their numbering, tables by rows),
    and what was wrong in it and read around (an invalid list number, a cell's span, nesting)."""
    numbering = _Numbering.of(document)
    styles = _style_numbering(document)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            text = _paragraph_text(child)
            pr = _num_pr(child, styles)
            label = numbering.label(*pr) if pr is not None and text else ""
            if label:
                text = f"{label} {text}"
            lines.append(text)
        elif child.tag == f"{_W}tbl":
            rows = _table_rows(child, numbering, styles)
            if _is_data_table(rows):
                for row in rows:
                    lines.append("\t".join(_join_cell(c) for c in row))
            else:
                width = max((len(r) for r in rows), default=0)
                for col in range(width):
                    for row in rows:
                        if col < len(row):
                            lines.extend(row[col])
    return lines, numbering.problems
