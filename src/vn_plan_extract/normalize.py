"""Normalise: physical lines → logical `Block`s, keeping for every character the source span it came from.

What it undoes, all seen in real plans:
- sentences broken over lines by text extraction, with blank lines (even a page break) between halves,
  including "chính trị \\n\\n- xã hội" (a continuation that looks like a bullet) and "204-\\nQĐ/TW";
- page numbers left between pages (a lone number next to a page break);
- OCR markdown, HTML and LaTeX artefacts: "**…**", "#", "<b>", "$\\geq 90\\%$" → "≥ 90%", "&nbsp;";
- "Ð" (U+00D0, Icelandic eth) typed for "Đ", non-breaking and zero-width spaces.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .document import PARAGRAPH_FORMATS, Block, BlockKind, JoinedOffsets, NormalisedDocument, SourceText
from .lexicon import any_of
from .lexicon.columns import HEADER_PHRASE_RE
from .lexicon.markers import (
    APPENDIX_RE,
    ARABIC_RE,
    BULLET_RE,
    CAPITALISED_OPENER_WORDS,
    CONTINUATION_BULLET_RE,
    DECIMAL_RE,
    HYPHEN_COMPOUNDS,
    LOWER_LETTER_RE,
    NUMBERED_ITEM_RE,
    PAGE_BREAK_BLANKS,
    PARAGRAPH_OPENER_RE,
    PART_RE,
    ROMAN_RE,
    TABLE_HEADER_RE,
    UPPER_LETTER_RE,
)
from .lexicon.text import fold
from .tables.align import ROW_START_CELL_RE, rows_of_stream
from .tables.header import roles_of_header_cells

#: Markup tokens inside a line, each handled by `_clean_line`.
_MARKUP_RE = regex.compile(
    r"""
      (?P<latex>\$[^$\n]{1,120}\$)                 # inline math from OCR: $\geq 90\%$
    | (?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,80})?/?>)   # <b>, </b>, <br/>
    | (?P<entity>&(?:nbsp|amp|lt|gt|quot|apos|\#\d{1,5});)
    | (?P<strong>\*\*|__)                          # bold markers
    | (?P<em>(?<=\S)\*(?!\*)|(?<!\*)\*(?=[^\s*]))  # *italic* markers (a "* " bullet is not one)
    | (?P<texcmd>\\(?:geq|leq|ge|le|neq|times|%|,|;|\s))
    """,
    regex.VERBOSE,
)

def _may_hold_markup(text: str) -> bool:
    """Does the text hold a character that may start a markup token? Lines without one take the fast
    path (six substring tests cost a tenth of one regex search on a plain line, which most lines are)."""
    return "*" in text or "<" in text or "&" in text or "$" in text or "_" in text or "\\" in text

#: A run of characters that are not whitespace (NBSP and zero-width spaces count as whitespace).
_WORD_RUN_RE = regex.compile(r"[^\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")

_WS = r"\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff"
#: The same whitespace as characters, for str.strip.
_WS_CHARS = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b\ufeff"
_LEAD_WS_RE = regex.compile(rf"[{_WS}]+")
_TRAIL_WS_RE = regex.compile(rf"[{_WS}]+$", regex.REVERSE)
#: Whitespace that is not a single plain space: runs, tabs, NBSP, zero-width spaces.
_IRREGULAR_WS_RE = regex.compile(rf"[{_WS}]{{2,}}|[^\S ]|[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")

#: LaTeX commands OCR leaves in plan tables, and what they stand for.
_TEX_SYMBOLS = {
    "\\geq": "≥", "\\ge": "≥", "\\leq": "≤", "\\le": "≤", "\\neq": "≠", "\\times": "×",
    "\\%": "%", "\\,": " ", "\\;": " ", "\\ ": " ",
}
_TEX_CMD_RE = regex.compile(r"\\(?:geq|leq|ge|le|neq|times)(?![A-Za-z])|\\[%,; ]|\\text\{|[{}$]")

#: Length-preserving character fixes, applied to the cleaned text only (quotes keep the source).
_CHAR_FIXES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ"})

_MD_HEADING_RE = regex.compile(r"^\s{0,3}#{1,6}\s+")
_PAGE_NUMBER_RE = regex.compile(
    r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^(?:Trang|Page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?$", regex.IGNORECASE
)
#: A line made only of a web page's furniture: reading counters, navigation, sharing (never the plan's text).
_PAGE_CHROME_RE = regex.compile(
    # each piece is matched once, atomically ("(?>…)"): a line of many file names ("a.jpga.jpg…") could
    # otherwise be cut into pieces in exponentially many ways before the match fails
    r"(?>\s*(?:Số\s+lượt\s+(?:đọc|xem)\s*:?\s*\d[\d.,]*|Lượt\s+(?:xem|truy\s+cập)\s*:?\s*\d[\d.,]*"
    r"|Về\s+trang\s+trước|Về\s+đầu\s+trang|Trở\s+về|In\s+bài\s+viết|Gửi\s+bài\s+viết|Chia\s+sẻ"
    r"|Các\s+tin\s+(?:khác|đã\s+đưa|mới\s+hơn|cũ\s+hơn)\s*:?|\[\s*Trở\s+về\s*\]|Bản\s+in"
    # the page's text-size and contrast buttons ("Tăng cỡ chữ Giảm cỡ chữ", "Cỡ chữ: A+ A A-", "Màu chữ image")
    r"|Mặc\s+định|(?:Tăng|Giảm|Xem\s+với)\s+cỡ\s+chữ|Cỡ\s+chữ(?:\s*:?\s*A[+-]?)*|Màu\s+chữ|image"
    r"|[🔼🔽]?\s*(?:Tăng|Giảm)\s+tương\s+phản|Xem\s+cỡ\s+chữ|\d[\d.,]*\s+lượt\s+(?:xem|đọc|truy\s+cập)"
    r"|Đường\s+dây\s+nóng\s*:?\s*[\d.\s]{6,}"
    # a posting date and time before another piece of furniture ("16/05/2020 | 1550 lượt xem",
    # "21/05/2020 14:38:00 Xem cỡ chữ"); a date alone may be a table's cell, so it is not furniture
    r"|\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?)?"
    r"(?=\s*\|?\s*(?:\d[\d.,]*\s+lượt|Xem\s+cỡ|Lượt\s+xem|Số\s+lượt))"
    # the posting stamp ("Ngày cập nhật: 04/08/2020 4:45:14 CH", "Cập nhật lúc: 10:15 15/11/2020",
    # "Chủ nhật, ngày 7 tháng 3 năm 2021 - 5:39", "Thứ sáu, 07/12/2018, 07:43 SA")
    r"|(?:Ngày\s+)?(?:cập\s+nhật|đăng)(?:\s+lúc)?\s*:?(?:[\s,]*\d{1,2}[:/.]\d{1,2}(?:[:/.]\d{2,4})?(?:\s*(?:SA|CH|AM|PM))?)++"
    r"|(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật)\s*,\s*(?:ngày\s+)?"
    r"(?:\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*[-–,]\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?)?"
    # a picture's file name printed as its caption ("IMG_2380.JPG"), a portal's block name
    r"|\S[^\n]{0,80}?\.(?:jpe?g|png|gif|webp)|PublishingPortal\s*-\s*Block_\w+"
    r")\s*[|:]?)+",
    regex.IGNORECASE)
#: The longest cleaned line `_PAGE_NUMBER_RE` can match ("Trang 123 / 456"); longer lines are not tried.
_PAGE_NUMBER_MAX_LENGTH = 15
_TERMINAL_RE = regex.compile(r"(?:[.;:!?…]|\./\.)[\"”’)\]]*$", regex.REVERSE)
#: A person's name alone on a line (the signer): two to five capitalised words.
_PERSON_NAME_RE = regex.compile(r"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,4}$")
#: No page's margin wraps a line longer than this (A4 at 12 pt holds about 100 characters a line).
_WRAPPED_LINE_MAX = 160
#: A numbered upper-case heading shorter than this may be wrapped onto the next upper-case line.
_WRAPPED_HEADING_MAX = 120
#: A line at least this share of the document's long lines (90th percentile) reached the margin.
_FULL_LINE_SHARE = 0.9
#: Fewer lines than this say nothing about the page width.
_MIN_LINES_FOR_WIDTH = 40
#: A line ending in a comma or a word that cannot end a sentence runs on into the next line.
_JOINER_END_RE = regex.compile(r"(?:,|\s(?:và|của|cho|các|với|về|trong|theo|đến|tại|từ|là|được|những|hoặc))$", regex.REVERSE)
_AGENCY_HEAD_END_RE = regex.compile(
    r"\s(?:Bộ|Sở|Ban|Phòng|Cục|Chi\s+cục|Ủy\s+ban|Uỷ\s+ban|Văn\s+phòng|Trung\s+tâm|Bộ\s+Tư\s+lệnh"
    r"|Bộ\s+Chỉ\s+huy|Mặt\s+trận)$", regex.REVERSE)
#: A line that is only a date or a time ("22/08/2022", "05:13 22/02/2021"): a web page's timestamp,
#: unless the line before ends with "ngày" (a date broken from its sentence).
_STANDALONE_DATE_RE = regex.compile(r"^(?:\d{1,2}[:/]\d{1,2}(?:[:/]\d{2,4})?\s*)+(?:SA|CH|AM|PM)?$")
_DATE_JOINER_END_RE = regex.compile(r"(?:ngày|tháng|năm|số|đến|từ)$", regex.IGNORECASE | regex.REVERSE)
#: A line this long ending a sentence, after a blank line, is a paragraph of its own (a web page's text).
_PARAGRAPH_LINE = 100
#: A line that closes a bracket before opening one.
_CLOSES_BRACKET_RE = regex.compile(r"[^()]{0,80}\)")
#: A line ending with a colon and a bare value: the thing it counts is on the next line.
_BARE_VALUE_END_RE = regex.compile(r":\s*(?:[≥≤><]=?\s*)?\d{1,3}(?:[.,]\d+)?\s*%$")
_DASH_START_RE = regex.compile(r"^[-–]\s*")
#: What every item opener starts with; a line starting otherwise opens nothing (a fast pre-check, in
#: the standard `re` engine, which calls twice as fast as `regex` on a pattern this simple).
_ITEM_START_HINT_RE = re.compile(
    r"[-–—+*•●○▪■◦(\d]|[IVXLC]+\s*[.)\-–—:]|[IVXL]+\s|[A-ZĐ]\s*[.):\-–—]|[a-zđ]\s*[).]|"
    + "|".join(re.escape(w) for w in CAPITALISED_OPENER_WORDS)
)
#: The headings a line can open (a bare Roman numeral needs an upper-case title, judged later).
_HEADING_RE = any_of(PART_RE, APPENDIX_RE, ROMAN_RE, UPPER_LETTER_RE, DECIMAL_RE, ARABIC_RE, LOWER_LETTER_RE)
#: A numbering label or a bullet alone on its line ("1.", "III.", "b)", "-"): a heading or an item whose
#: text a page's width (or a web page's list markup) pushed to the next line; it opens an item.
_BARE_LABEL_RE = regex.compile(r"(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđA-ZĐ])\s*[.)]|[-–—+•*]")
#: A numbered item that opens with its value ("1. 100% đội ngũ cán bộ …"): no wrapped line starts so.
_NUMBERED_VALUE_ITEM_RE = regex.compile(r"\d{1,2}\.\s+\d{1,3}(?:[.,]\d+)?\s*%")
#: A numbered heading ("I.", "A.", "2.", "2.1."): its title may wrap; an appendix's or a part's title is
#: read apart, on its own line ("PHỤ LỤC II" ⏎ "DỰ TOÁN KINH PHÍ …").
_NUMBERED_HEADING_RE = any_of(ROMAN_RE, UPPER_LETTER_RE, DECIMAL_RE, ARABIC_RE)
#: A bullet that opens an item: not a continuation such as "- xã hội".
_OPENING_BULLET_RE = regex.compile(f"(?!{CONTINUATION_BULLET_RE.pattern}){BULLET_RE.pattern}")
#: Anything that opens a new item: a bullet, "(1)", a paragraph opener, a table header, a heading.
_ITEM_OPENER_RE = any_of(_OPENING_BULLET_RE, NUMBERED_ITEM_RE, PARAGRAPH_OPENER_RE, TABLE_HEADER_RE, _HEADING_RE)
#: The last characters a line ending a sentence can have (see `_TERMINAL_RE`), for a cheap pre-check.
_TERMINAL_LAST_CHARS = frozenset(".;:!?…\"”’)]")


@dataclass(slots=True)
class _Line:
    """A cleaned physical line under construction (mutable only inside this module)."""

    number: int
    text: str
    starts: Sequence[int]  # a `range` for a plain line, else a tuple
    ends: Sequence[int]
    bold: bool
    md_heading: bool
    table: bool
    #: blank physical lines right before this one
    blanks_before: int = 0
    #: "open" when the line opens a bold run ("**") it does not close, "close" when it closes one
    strong_edge: str = ""
    #: the same for an italic run ("*")
    em_edge: str = ""
    # what `_continues` asks of a line, computed once: each line is asked about as `prev` and as `nxt`
    opens_item: bool | None = None
    heading: bool | None = None
    upper: bool | None = None

    def is_item_opener(self) -> bool:
        if self.opens_item is None:
            self.opens_item = _starts_item(self.text)
        return self.opens_item

    def is_heading(self) -> bool:
        if self.heading is None:
            self.heading = _HEADING_RE.match(self.text) is not None
        return self.heading

    def is_upper(self) -> bool:
        if self.upper is None:
            self.upper = _mostly_upper(self.text)
        return self.upper


def _tex_to_text(token: str) -> str:
    def sub(m: regex.Match[str]) -> str:
        return _TEX_SYMBOLS.get(m.group(), "")

    return " ".join(_TEX_CMD_RE.sub(sub, token).split())


def _clean_line(number: int, raw: str, offset: int) -> _Line:
    """Strip markup and collapse whitespace in one physical line, mapping each output char to source."""
    if not raw or raw.isspace():
        return _Line(number, "", (), (), False, False, False)  # only a table cell is ever blank
    table = "\t" in raw or raw.lstrip().startswith("|")
    text = raw.strip(_WS_CHARS)
    # the common line: plain words separated by single spaces, no markup, no "#" heading; its map is a
    # range. (`isprintable` is False for every whitespace character but the ASCII space.)
    if (not table and text and text[0] != "#" and "  " not in text and text.isprintable()
            and not _may_hold_markup(text)):
        a = raw.index(text[0])
        b = a + len(text)
        if "\u00d0" in text or "\u00f0" in text:
            text = text.translate(_CHAR_FIXES)
        return _Line(number, text, range(offset + a, offset + b), range(offset + a + 1, offset + b + 1),
                     False, False, False)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    md = _MD_HEADING_RE.match(raw)
    pos = md.end() if md else 0
    bold = False
    pending_space: tuple[int, int] | None = None

    def emit_verbatim(a: int, b: int) -> None:
        # words of raw[a:b] verbatim; each whitespace run becomes one space mapped to the run
        nonlocal pending_space
        lead = _LEAD_WS_RE.match(raw, a, b)
        inner_a = lead.end() if lead else a
        trail = _TRAIL_WS_RE.search(raw, inner_a, b)
        inner_b = trail.start() if trail else b
        if inner_a < inner_b and not _IRREGULAR_WS_RE.search(raw, inner_a, inner_b):
            # the common case: words separated by single plain spaces map one to one
            if inner_a > a and out and pending_space is None:
                pending_space = (offset + a, offset + inner_a)
            if pending_space is not None and out:
                out.append(" ")
                starts.append(pending_space[0])
                ends.append(pending_space[1])
            pending_space = None
            out.append(raw[inner_a:inner_b])
            s0 = offset + inner_a
            starts.extend(range(s0, offset + inner_b))
            ends.extend(range(s0 + 1, offset + inner_b + 1))
            if inner_b < b:
                pending_space = (offset + inner_b, offset + b)
            return
        for m in _WORD_RUN_RE.finditer(raw, a, b):
            if m.start() > a and out:
                pending_space = (offset + a, offset + m.start()) if pending_space is None else pending_space
            if pending_space is not None and out:
                out.append(" ")
                starts.append(pending_space[0])
                ends.append(pending_space[1])
            pending_space = None
            word = m.group()
            out.append(word)
            s0 = offset + m.start()
            starts.extend(range(s0, s0 + len(word)))
            ends.extend(range(s0 + 1, s0 + len(word) + 1))
            a = m.end()
        if a < b and out:
            pending_space = (offset + a, offset + b) if pending_space is None else pending_space

    def emit_replacement(text: str, s0: int, e0: int) -> None:
        nonlocal pending_space
        text = text.strip()
        if not text:
            if out and pending_space is None:
                pending_space = (s0, e0)
            return
        if pending_space is not None and out:
            out.append(" ")
            starts.append(pending_space[0])
            ends.append(pending_space[1])
        pending_space = None
        out.append(text)
        starts.extend([s0] * len(text))
        ends.extend([e0] * len(text))

    if _may_hold_markup(raw):  # the "#" prefix before `pos` holds none of its characters
        for m in _MARKUP_RE.finditer(raw, pos):
            if m.start() > pos:
                emit_verbatim(pos, m.start())
            kind = m.lastgroup
            s0, e0 = offset + m.start(), offset + m.end()
            if kind == "latex":
                emit_replacement(_tex_to_text(m.group()), s0, e0)
            elif kind == "texcmd":
                emit_replacement(_TEX_SYMBOLS.get(m.group(), " "), s0, e0)
            elif kind == "entity":
                emit_replacement(html.unescape(m.group()).replace("\u00a0", " "), s0, e0)
            elif kind == "strong" or (kind == "tag" and m.group().lower().strip("</>").split()[0] in {"b", "strong"}):
                bold = True
            pos = m.end()
    emit_verbatim(pos, len(raw))
    text = "".join(out)
    if "\u00d0" in text or "\u00f0" in text:
        text = text.translate(_CHAR_FIXES)
    line = _Line(number, text, tuple(starts), tuple(ends), bold, bool(md), table)
    strong = raw.count("**")
    if strong % 2:  # "**5. Chuyển đổi" ⏎ "AI**": a bold run left open here, or closed here
        line.strong_edge = "open" if raw.lstrip().startswith("**") else "close"
    single = raw.replace("**", "").count("*")
    stripped = raw.replace("**", "").lstrip()
    if single % 2 and not stripped.startswith("* "):  # "*đ) Thị trường châu Đại" ⏎ "Dương*": italic
        line.em_edge = "open" if stripped.startswith("*") else "close"
    return line


def _starts_item(text: str) -> bool:
    """Does this line open a new item (heading, bullet, or a paragraph opener)?"""
    return _ITEM_START_HINT_RE.match(text) is not None and (
        _ITEM_OPENER_RE.match(text) is not None or _BARE_LABEL_RE.fullmatch(text) is not None
        or _NUMBERED_VALUE_ITEM_RE.match(text) is not None)


def _mostly_upper(text: str) -> bool:
    """At least four in five cased letters are upper-case."""
    lower = sum(map(str.islower, text))
    if 5 * lower > len(text):
        return False  # even if every other character were upper-case, they would be fewer than 4 × lower
    upper = sum(map(str.isupper, text))
    return upper + lower > 0 and upper >= 0.8 * (upper + lower)


def _completes_compound(prev_text: str, nxt_text: str) -> bool:
    """ "Phòng Văn hoá" + "- Xã hội": a hyphenated compound broken at its hyphen, not a bullet."""
    m = _DASH_START_RE.match(nxt_text)
    if not m:
        return False
    tail = fold(prev_text).rstrip(" -–")
    head = fold(nxt_text[m.end():])
    return any(tail.endswith(a) and head.startswith(b) for a, b in HYPHEN_COMPOUNDS)


#: A range broken at its dash: "… tốc độ tăng bình quân 05" then "- 06%/năm".
_RANGE_LOW_END_RE = regex.compile(r"(?<![\d.,])(?P<low>\d{1,3}(?:,\d+)?)$")
_RANGE_HIGH_START_RE = regex.compile(r"[-–]\s*(?P<high>\d{1,3}(?:,\d+)?)\s*(?:%|/)")


def _completes_range(prev_text: str, nxt_text: str) -> bool:
    """ "… bình quân 05" + "- 06%/năm": the high end of a range, not a bullet (the low end is lower)."""
    low, high = _RANGE_LOW_END_RE.search(prev_text), _RANGE_HIGH_START_RE.match(nxt_text)
    if low is None or high is None:
        return False
    return float(low["low"].replace(",", ".")) < float(high["high"].replace(",", "."))


def _continues(first_line: _Line, prev: _Line, nxt: _Line, blanks: int, full_line: int = 0) -> bool:
    """Is `nxt` the continuation of the logical line that starts with `first_line` and ends with `prev`?

    `blanks` is the number of blank lines between `prev` and `nxt`.
    """
    if prev.table or nxt.table or prev.md_heading or nxt.md_heading:
        return False
    if prev.strong_edge == "open" and nxt.strong_edge == "close" and blanks == 0:
        return True  # "**5. Chuyển đổi ⏎ AI**": one bold heading wrapped by the page's width
    if blanks == 0 and not nxt.is_item_opener() and any(
            getattr(first_line, edge) == "open" and getattr(prev, edge) in ("", "open") and getattr(nxt, edge) != "open"
            and (prev is first_line or getattr(prev, edge) == "") for edge in ("strong_edge", "em_edge")):
        return True  # "**8. Đề nghị ⏎ Liên minh … ⏎ …**", "*đ) Thị trường châu Đại ⏎ Dương*": a run still open
    terminal = prev.text[-1] in _TERMINAL_LAST_CHARS and _TERMINAL_RE.search(prev.text)
    if not terminal and nxt.text[0] in "-–—" and (CONTINUATION_BULLET_RE.match(nxt.text)
                                                  or _completes_compound(prev.text, nxt.text)
                                                  or _completes_range(prev.text, nxt.text)):
        return True
    if prev.text.count("(") > prev.text.count(")") and _CLOSES_BRACKET_RE.match(nxt.text):
        return True  # "… (Chi tiết tại ⏎ Phụ lục kèm theo).": the bracket's rest, not an appendix's title
    if nxt.is_item_opener():
        return False
    if _glued(prev.text):
        return True
    if first_line is prev and _STANDALONE_DATE_RE.match(prev.text):
        return False  # a timestamp line stands alone
    if _BARE_VALUE_END_RE.search(prev.text) and nxt.text[:1].isalpha():
        return True  # "đ) Đến hết năm 2045: 100% ⏎ DNNVV, HTX … ứng dụng công nghệ số.": what the value counts
    first = nxt.text.lstrip("\"“‘(")[:1]
    if first.islower():
        return True
    if first.isdigit():
        return not (_STANDALONE_DATE_RE.match(nxt.text) and not _DATE_JOINER_END_RE.search(prev.text))
    if terminal and _PERSON_NAME_RE.match(nxt.text):
        return False  # "- Lưu: VT." then the signer's name "Lê Viết Truyền"
    if terminal:
        # a sentence ending at a line end continues its paragraph only when no blank line follows, and
        # only in text wrapped at a margin: a line longer than any margin is a paragraph of a web page
        return (prev.text.endswith(".") and not prev.text.endswith("./.") and blanks == 0
                and len(prev.text) <= _WRAPPED_LINE_MAX
                and not nxt.text.endswith(":"))  # "Định hướng đến năm 2030:" after a sentence introduces a list
    if _JOINER_END_RE.search(prev.text) or _AGENCY_HEAD_END_RE.search(prev.text):
        return True  # "… với Bộ ⏎ Công an, …": a body's name is not cut after its first word
    if len(nxt.text.split()) <= 2 and _TERMINAL_RE.search(nxt.text):
        return True  # "… quá trình giải quyết ⏎ TTHC.": the last word of a sentence
    if prev.is_upper() != nxt.is_upper():
        return False  # "KẾ HOẠCH" then its title; an upper-case heading then its body
    if blanks == 0 and first_line is prev and _NUMBERED_HEADING_RE.match(prev.text) and len(prev.text.split()) <= 2:
        return True  # "1. Ban ⏎ Quản lý các khu công nghiệp": no heading's title is one word long
    if (blanks == 0 and prev.is_upper() and len(first_line.text) < _WRAPPED_HEADING_MAX
            and _NUMBERED_HEADING_RE.match(first_line.text)):
        return True  # "I. MỤC ⏎ ĐÍCH, YÊU CẦU": an upper-case heading wrapped by the page's width
    if prev.bold != nxt.bold:
        return False
    if prev.text.count("(") > prev.text.count(")"):
        return True  # "(VNPT Đồng ⏎ Xoài, Viettel Đồng Xoài)": a bracket left open runs on
    if full_line and len(prev.text) >= full_line:
        return True  # a line filled to the margin runs on, even into a capitalised word
    if not full_line and first_line is prev and len(nxt.text) > _WRAPPED_LINE_MAX:
        return False  # a short text's headline, then a paragraph no margin wrapped: a web page's title
    if (blanks and len(nxt.text) > _PARAGRAPH_LINE and nxt.text.rstrip()[-1:] in ".;:"
            and len(prev.text) < (full_line or _PARAGRAPH_LINE)):
        return False  # a title line, a blank line, then a whole paragraph no margin wrapped: a page's headline
    # a heading ends at its line unless the next line starts lower-case
    return not first_line.is_heading()


def _glued(prev_text: str) -> bool:
    """ "204-" at a line end is a code broken at its hyphen: join without a space."""
    return len(prev_text) >= 2 and prev_text.endswith("-") and prev_text[-2].isalnum()


#: No plan's table has more columns than this (a header run longer is text).
_MAX_COLUMNS = 40
#: A cell of a bordered table holds at most this many lines; a longer run is text, not a cell.
_MAX_CELL_LINES = 40
#: A header cell is at most this long ("Nội dung chỉ tiêu phấn đấu đạt được đến năm 2025" is 50).
_MAX_HEADER_CELL = 80
#: A first row naming at least this many columns ("STT", "Nội dung", "Đơn vị chủ trì" …) opens a table of data.
_MIN_HEADER_PHRASES = 2
#: A group's label and title in one cell: "I. NÂNG CAO NHẬN THỨC", "A. Nhiệm vụ chung".
_GROUP_TITLE_RE = regex.compile(r"(?:[IVXLC]{1,5}|[A-ZĐ])[.)]\s")
#: A number that is a value, not a year or a bracketed unit: "13.500", "95%", "5".
_VALUE_CELL_RE = regex.compile(r"(?<![\w(])\d+(?:[.,]\d+)*\s*%?(?![\w)])")
#: A header cell naming the year or period its column is for ("Năm 2026", "GIAI ĐOẠN 2026 - 2030", "2027").
_YEAR_COLUMN_RE = regex.compile(r"^(?:[^\W\d]+\s+){0,3}(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*$")


@dataclass(slots=True)
class _BorderedTable:
    """A table written one cell a run of lines with a line holding only "|" after each cell: a web
    page's table copied as text. Two shapes are seen: each row also opened by a "|" (so a second "|"
    ends a row: trafilatura writes them so), or cells simply in order, an empty cell a bare "|", rows
    as wide as the header."""

    first: int  # index in the document's non-blank lines of its first line
    last: int  # … of its last border
    rows: list[list[list[_Line]]]  # rows → cells → the cell's lines (an empty cell has none)


def _is_border(ln: _Line) -> bool:
    return ln.text == "|"


def _names_a_column(cell: list[_Line]) -> bool:
    """A header cell: short, naming a column ("STT", "Đơn vị chủ trì", "KH năm 2024") or the year it is
    for ("Năm 2026", "GIAI ĐOẠN 2026 - 2030")."""
    text = " ".join(ln.text for ln in cell)
    return len(text) <= _MAX_HEADER_CELL and bool(TABLE_HEADER_RE.match(text) or HEADER_PHRASE_RE.search(text)
                                                   or _YEAR_COLUMN_RE.search(text))


def _cell_stream(lines: list[_Line], i: int) -> tuple[list[list[_Line]], int, int]:
    """The cells from lines[i] on (a border, or a cell's single line before one), and where they end."""
    cells: list[list[_Line]] = []
    cell: list[_Line] = []
    last = i
    start = i if not _is_border(lines[i]) else i + 1
    for j in range(start, len(lines)):
        ln = lines[j]
        if _is_border(ln):
            cells.append(cell)
            cell = []
            last = j
            continue
        if (ln.blanks_before and (not cell or j > start) and j > i) or len(cell) >= _MAX_CELL_LINES:
            break  # text after a blank line: the table is over
        cell.append(ln)
    return cells, i, last


def _rows_of(cells: list[list[_Line]], consumed: list[int] | None = None) -> list[list[list[_Line]]]:
    """Cells into rows: the header is the leading cells that name columns; an empty cell right after it
    means each row ends with one (split there), else rows are as wide as the header."""
    width = 0
    while width < len(cells) and cells[width] and _names_a_column(cells[width]):
        width += 1
    if width < _MIN_HEADER_PHRASES:
        return []
    if width < len(cells) and not cells[width]:
        return _rows_between_bounds(cells, width)
    if consumed is not None:
        consumed.append(width)
    return _rows_by_content(cells, width, consumed)


def _rows_between_bounds(cells: list[list[_Line]], width: int) -> list[list[list[_Line]]]:
    """Rows of a table whose every row is opened and closed by a "|": a row's closing border and the next
    row's opening one read as an empty cell, so an empty cell inside a row and the end of a row look
    alike. The header rows end at the first such bound (a second header row names the years or parts
    of the columns a first-row cell spans: "GIAI ĐOẠN 2026 - 2030" over "Năm 2026" … "Năm 2030"); the
    width of the data rows is the one that reads the most cells as rows each closed by a bound (one
    global choice, not a guess row by row); a row that does not fit it (a row-number cell merged over
    two rows) ends at the next bound."""
    headers = [cells[:width]]
    k = width + 1
    while k < len(cells):
        end = _next_bound(cells, k)
        part = cells[k:end]
        if (len(part) < 2 or not all(_heads_a_column(c) for c in part)
                or ROW_START_CELL_RE.fullmatch(_cell_text(part[0])) or _GROUP_TITLE_RE.match(_cell_text(part[0]))):
            break  # a second header row names two columns at least; "I. NÂNG CAO NHẬN THỨC …" opens a group
        headers.append(part)
        k = end + 1
    data_width = _data_width(cells, k, width)
    rows = [_merged_header(headers, data_width)]
    while k < len(cells):
        if k + data_width <= len(cells) and (k + data_width == len(cells) or not cells[k + data_width]):
            row, k = cells[k:k + data_width], k + data_width + 1
        else:
            end = _next_bound(cells, k)
            row, k = cells[k:end], end + 1
        if any(row):
            rows.append(row + [[] for _ in range(data_width - len(row))])
    return rows


def _heads_a_column(cell: list[_Line]) -> bool:
    """A cell of a second header row: a short name with no value in it ("Lượng (Tấn)", "Năm 2026")."""
    text = _cell_text(cell)
    return len(text) <= _MAX_HEADER_CELL and (_names_a_column(cell) or not _VALUE_CELL_RE.search(text))


def _next_bound(cells: list[list[_Line]], k: int) -> int:
    """Where the next empty cell (a row's bound, or an empty cell) is at or after k; the end if none."""
    return next((j for j in range(k, len(cells)) if not cells[j]), len(cells))


def _data_width(cells: list[list[_Line]], start: int, header_width: int) -> int:
    """The row width under which the most rows from `start` are read with exactly that width, each
    closed by a bound (rows that do not fit, such as a group's title merged over the whole row, end at
    the next bound); of equals, the one whose rows hold more filled cells, then the narrowest."""
    best, best_fitted = header_width, (-1, -1)
    for width in range(2, _MAX_COLUMNS + 1):
        k, rows, filled = start, 0, 0
        while k < len(cells):
            if k + width <= len(cells) and (k + width == len(cells) or not cells[k + width]) and any(cells[k:k + width]):
                rows += 1
                filled += sum(1 for c in cells[k:k + width] if c)
                k += width + 1
            else:
                k = _next_bound(cells, k) + 1
        if (rows, filled) > best_fitted:
            best, best_fitted = width, (rows, filled)
    return best


def _merged_header(headers: list[list[list[_Line]]], width: int) -> list[list[_Line]]:
    """One header row as wide as the data: the first-row cells that span several columns are written
    over the second-row cells under them ("Kế hoạch 2026" over "Lượng (Tấn)" and "Giá trị … (Nghìn
    USD)"). The spanning cells are the run that makes the widths add up, preferring cells that name a
    year or a plan."""
    first = headers[0]
    if len(headers) < 2:
        return first[:width] + [[] for _ in range(width - len(first))]
    second = [c for h in headers[1:] for c in h]
    spans = len(first) + len(second) - width
    if spans <= 0 or spans > len(first) or len(second) % spans:
        return first[:width] + [[] for _ in range(width - len(first))]
    per = len(second) // spans

    def plan_like(cell: list[_Line]) -> bool:
        return bool(_YEAR_COLUMN_RE.search(_cell_text(cell)))

    at = max(range(len(first) - spans + 1), key=lambda i: (sum(plan_like(c) for c in first[i:i + spans]), i))
    spanned = [first[at + r] + second[r * per + c] for r in range(spans) for c in range(per)]
    return first[:at] + spanned + first[at + spans:]


def _cell_text(cell: list[_Line]) -> str:
    return " ".join(ln.text for ln in cell)


def _rows_by_content(cells: Sequence[list[_Line] | None], width: int, consumed: list[int] | None = None,
                     start: int = 0, foreign_row_ends: bool = False) -> list[list[list[_Line]]]:
    """The header at `start` (`width` cells) and the rows after it, cut by the table stage's alignment
    (`tables.align.rows_of_stream`: each cell scored by what its column can hold, the best cut kept for
    the whole table). A sub-row printed without its empty row-number cell gets one. `consumed` gets,
    for each row after the header, how many cells from `start` the rows up to it take."""
    header = [cell or [] for cell in cells[start:start + width]]
    roles = roles_of_header_cells([_cell_text(c) for c in header])
    texts = [None if c is None else _cell_text(c) for c in cells]
    rows = [header]
    for row in rows_of_stream(texts, roles, start, foreign_row_ends):
        placed: list[list[_Line]] = [[] for _ in range(row.column)] + [cells[k] or [] for k in range(row.start, row.end)]
        rows.append(placed + [[] for _ in range(width - len(placed))])
        if consumed is not None:
            consumed.append(row.end - start)
    return rows


def _bordered_tables(lines: list[_Line]) -> list[_BorderedTable]:
    """The bordered tables among the document's non-blank lines whose first row names their columns
    (the header block of a plan laid out the same way stays text)."""
    out: list[_BorderedTable] = []
    i, n = 0, len(lines)
    while i < n:
        opens = _is_border(lines[i]) or (i + 1 < n and _is_border(lines[i + 1]) and not lines[i + 1].blanks_before
                                          and (i == 0 or not _is_border(lines[i - 1])))
        if not opens or not _opens_with_header(lines, i):
            i += 1
            continue
        cells, first, last = _cell_stream(lines, i)
        rows = _rows_of(cells)
        if rows:
            out.append(_BorderedTable(first, last, rows))
            i = last
        i += 1
    return out


#: A bracketed remark alone on a line ("(Tỷ đồng)", "(%)"): the end of the cell above, never a cell.
_BRACKETED_RE = regex.compile(r"\((?=[^()]*[^\W\d_])[^()]{1,30}\)")  # a letter inside: "(3,26)" is a value
#: Empty cells a run of blank lines can stand for in a table one cell a line ((blanks - 1) / 2 of them).
_MAX_EMPTY_CELLS = 12


def _spaced_tables(lines: list[_Line], taken: set[int]) -> list[_BorderedTable]:
    """Tables flattened one cell a line with a blank line between cells (a web page's table copied as
    text): a run of blank lines longer by two stands for one more empty cell ("Kinh tế" then three
    blank cells printed as " " lines), lines with no blank between are one cell wrapped. The table
    opens at a header "STT" whose next cell follows one blank line, and ends before the first row
    whose first cell is no row number, group label or sub-row bullet.

    The document is cut into cells once; each candidate header then reads only as far as its table
    goes, so the time stays linear whatever the text (a file of nothing but "STT" lines included)."""
    if not any(ln.text[:1] in "ST" and TABLE_HEADER_RE.match(ln.text) and k + 1 < len(lines)
               and lines[k + 1].blanks_before == 1 for k, ln in enumerate(lines)):
        return []  # no "STT" with a blank line after it: no such table (most documents)
    cells, last_of, first_of = _spaced_cells(lines, taken)
    judged: dict[int, bool] = {}  # header words, judged once a cell, and only after an "STT"

    def names(k: int) -> bool:
        if k not in judged:
            judged[k] = bool(cells[k]) and _names_a_column(cells[k] or [])
        return judged[k]

    out: list[_BorderedTable] = []
    c = 0
    while c < len(cells):
        cell = cells[c]
        if (cell is None or len(cell) != 1 or not TABLE_HEADER_RE.match(cell[0].text) or c + 1 >= len(cells)
                or cells[c + 1] is None or not cells[c + 1]):
            c += 1
            continue
        width = 0
        while c + width < len(cells) and width <= _MAX_COLUMNS and names(c + width):
            width += 1
        if width > _MAX_COLUMNS:
            c += width  # a run of header words longer than any header: text, looked at once
            continue
        if width < _MIN_HEADER_PHRASES:
            c += 1
            continue
        consumed: list[int] = []
        rows = _rows_by_content(cells, width, consumed, start=c, foreign_row_ends=True)
        if len(rows) > 1:
            end = c + consumed[-1]
            out.append(_BorderedTable(first_of[c], last_of[end - 1], rows))
            c = end
        else:
            c += 1
    return out


def _spaced_cells(lines: list[_Line], taken: set[int]) -> tuple[list[list[_Line] | None], list[int], list[int]]:
    """The document as cells of a table one cell a line: a cell's lines, [] for an empty cell, None where
    the run of cells breaks (a page break, a bordered table, lines already in a table); with each cell's
    first and last line index."""
    cells: list[list[_Line] | None] = []
    last_of: list[int] = []
    first_of: list[int] = []
    cell: list[_Line] = []
    for j, ln in enumerate(lines):
        gap = ln.blanks_before
        if ln.number in taken or _is_border(ln):
            if cell:
                cells.append(cell)
                first_of.append(j - len(cell))
                last_of.append(j - 1)
            cells.append(None)
            first_of.append(j)
            last_of.append(j)
            cell = []
            continue
        header = gap == 0 and bool(TABLE_HEADER_RE.match(ln.text))  # "STT" right under a lead-in opens a table
        if (cell and not header and (gap == 0 or (gap == 1 and _BRACKETED_RE.fullmatch(ln.text)))
                and len(cell) < _MAX_CELL_LINES):
            cell.append(ln)  # a wrapped line, or "(Tỷ đồng)" set apart under its name
            continue
        if cell:
            cells.append(cell)
            first_of.append(j - len(cell))
            last_of.append(j - 1)
        if cell and not header and gap % 2 == 1 and gap <= 2 * _MAX_EMPTY_CELLS + 1:
            for _ in range((gap - 1) // 2):
                cells.append([])
                first_of.append(j - 1)
                last_of.append(j - 1)
        elif cell:
            cells.append(None)  # an even run of blank lines: a break, not cells
            first_of.append(j)
            last_of.append(j)
        cell = [ln]
    if cell:
        cells.append(cell)
        first_of.append(len(lines) - len(cell))
        last_of.append(len(lines) - 1)
    return cells, last_of, first_of


def _opens_with_header(lines: list[_Line], i: int) -> bool:
    """Does the first cell from lines[i] on name a column? (Checked before the cells are read, so that a
    long run of borders is read once, not once from each of its borders.)"""
    j = i + 1 if _is_border(lines[i]) else i
    cell: list[_Line] = []
    while j < len(lines) and not _is_border(lines[j]) and len(cell) < _MAX_CELL_LINES:
        if lines[j].blanks_before and (cell or j > i):
            return False  # text after a blank line is no cell
        cell.append(lines[j])
        j += 1
    return bool(cell) and _names_a_column(cell)


def _joined(lines: Sequence[_Line]) -> tuple[str, JoinedOffsets, JoinedOffsets]:
    """Lines joined into one text, a space between two (none after a code broken at its hyphen), with
    the maps of its characters back to the source: the space maps to the next line's start."""
    parts: list[str] = []
    starts: list[Sequence[int]] = []
    ends: list[Sequence[int]] = []
    firsts: list[int] = []  # where each part starts in the text: the maps' parts have its lengths
    length = 0
    for ln in lines:
        if parts and not _glued(parts[-1]):
            at = (ln.starts[0],)
            parts.append(" ")
            starts.append(at)
            ends.append(at)
            firsts.append(length)
            length += 1
        parts.append(ln.text)
        starts.append(ln.starts)
        ends.append(ln.ends)
        firsts.append(length)
        length += len(ln.text)
    return "".join(parts), JoinedOffsets(starts, firsts), JoinedOffsets(ends, firsts)


def _cell_block(cell: list[_Line]) -> Block:
    """One cell of a bordered table as a Block, mapped back to the source."""
    if len(cell) == 1:
        ln = cell[0]
        return Block(ln.text, ln.starts, ln.ends, ln.number, ln.number, ln.bold)
    text, starts, ends = _joined(cell)
    return Block(text, starts, ends, cell[0].number, cell[-1].number, all(ln.bold for ln in cell))


def normalise(source: SourceText) -> NormalisedDocument:
    """Physical lines → logical blocks with a map back to the source."""
    # the non-blank lines, cleaned, each knowing how many blank lines precede it
    lines: list[_Line] = []
    blanks = 0
    for number, (raw, start) in enumerate(zip(source.text.split("\n"), source.line_starts, strict=True), 1):
        if not raw or raw.isspace():
            blanks += 1
            continue
        line = _clean_line(number, raw, start)
        if not line.text:  # markup only ("**", "<br/>")
            blanks += 1
            continue
        line.blanks_before = blanks
        lines.append(line)
        blanks = 0
    blanks_at_end = blanks

    # Bordered tables: their lines are table lines; each cell is one block, each row one line of cells.
    bordered_cells: dict[int, tuple[Block, ...]] = {}
    cell_starts: set[int] = set()  # lines that open a cell
    in_bordered: set[int] = set()
    bordered = _bordered_tables(lines)
    taken = {ln.number for t in bordered for ln in lines[t.first:t.last + 1]}
    for table in bordered + _spaced_tables(lines, taken):
        for ln in lines[table.first:table.last + 1]:
            ln.table = True
            in_bordered.add(ln.number)
        for row in table.rows:
            filled = [cell for cell in row if cell]
            if not filled:
                continue
            bordered_cells[filled[0][0].number] = tuple(
                _cell_block(cell) if cell else Block("", (), (), filled[0][0].number, filled[0][0].number)
                for cell in row)
            cell_starts.update(cell[0].number for cell in filled)

    # Page numbers: a lone number beside a page break (a run of blank lines) or at either end.
    removed: list[int] = []
    chrome: list[int] = []
    for i, ln in enumerate(lines):
        if ln.number not in in_bordered and _PAGE_CHROME_RE.fullmatch(ln.text):
            chrome.append(ln.number)  # "Số lượt đọc: 513 Về trang trước Về đầu trang": a web page's furniture
            continue
        if len(ln.text) > _PAGE_NUMBER_MAX_LENGTH or not _PAGE_NUMBER_RE.match(ln.text) or ln.number in in_bordered:
            continue
        before = ln.blanks_before
        after = lines[i + 1].blanks_before if i + 1 < len(lines) else blanks_at_end
        # at the very start a lone number is a page number; at the end it may be a table's last cell
        if before >= PAGE_BREAK_BLANKS or after >= PAGE_BREAK_BLANKS or i == 0:
            removed.append(ln.number)  # its neighbours still see it: "10" then "14" are not both pages
    chrome_set = set(chrome)
    removed_set = set(removed) | chrome_set

    widths = sorted(len(ln.text) for ln in lines if not ln.table)
    full_line = (int(_FULL_LINE_SHARE * widths[int(0.9 * (len(widths) - 1))])
                 if len(widths) >= _MIN_LINES_FOR_WIDTH else 0)
    blocks: list[Block] = []
    current: list[_Line] = []
    blanks_before = 0
    pending_blanks = 0

    def flush() -> None:
        nonlocal current
        if not current:
            return
        if len(current) == 1:
            first = current[0]
            blocks.append(Block(first.text, first.starts, first.ends, first.number, first.number, first.bold,
                                first.md_heading, BlockKind.TABLE_LINE if first.table else BlockKind.TEXT,
                                blanks_before))
            current = []
            return
        text, starts, ends = _joined(current)
        bold = all(ln.bold for ln in current)
        blocks.append(Block(
            text, starts, ends, current[0].number,
            current[-1].number, bold, current[0].md_heading,
            BlockKind.TABLE_LINE if current[0].table else BlockKind.TEXT, blanks_before,
        ))
        current = []

    for ln in lines:
        pending_blanks += ln.blanks_before
        if ln.number in chrome_set:
            flush()  # a page's furniture ends the paragraph before it (a headline is no part of the story)
            pending_blanks += 1
            continue
        if ln.number in removed_set:
            pending_blanks += 1
            continue
        if ln.number in in_bordered:
            # a bordered table: a border line is no block, a cell's lines make one block
            if _is_border(ln) or ln.number in cell_starts:
                flush()
                blanks_before = pending_blanks
                pending_blanks = 0
            if not _is_border(ln):
                current.append(ln)
            continue
        # a Word paragraph is a whole logical line: only text and PDF lines were broken at a margin
        if current and source.format not in PARAGRAPH_FORMATS and _continues(current[0], current[-1], ln, pending_blanks, full_line):
            current.append(ln)
        else:
            flush()
            blanks_before = pending_blanks
            current = [ln]
        pending_blanks = 0
    flush()
    cells: dict[int, tuple[Block, ...]] = dict(bordered_cells)
    for ln in lines:
        if ln.table and ln.number not in removed_set and ln.number not in in_bordered:
            start = source.line_starts[ln.number - 1]
            cells[ln.number] = _split_cells(ln.number, source.line_text(ln.number), start)
    physical = tuple(
        (ln.number, ln.text, ln.starts, ln.ends, ln.bold, ln.md_heading, ln.table)
        for ln in lines if ln.number not in removed_set
    )
    return NormalisedDocument(source=source, blocks=tuple(blocks), removed_page_numbers=tuple(removed),
                              removed_chrome=tuple(chrome),
                              physical_lines=physical, cells=cells)


def _split_cells(number: int, raw: str, offset: int) -> tuple[Block, ...]:
    """The cells of a tab- or pipe-separated line ("1.\tTỷ lệ …\t%\t$\\geq 90\\%$"), each cleaned."""
    separator = "\t" if "\t" in raw else "|"
    out = []
    pos = 0
    parts = raw.split(separator)
    if separator == "|":  # "| a | b |": the outer pipes open and close the row
        if parts and not parts[0].strip():
            pos += len(parts[0]) + 1
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
    for part in parts:
        cleaned = _clean_line(number, part, offset + pos)
        out.append(Block(text=cleaned.text, starts=cleaned.starts, ends=cleaned.ends,
                         line_start=number, line_end=number, bold=cleaned.bold))
        pos += len(part) + 1
    return tuple(out)
