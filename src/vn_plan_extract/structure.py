"""Structure: logical blocks → document parts, table regions and the numbered section tree.

The heading ladder is read from the document itself: the first style met is level 1, a new style met
below it goes one level down, and a style met again closes everything below it (the classic rule of
numbered outlines), so "I. > A. > 1)- > 2.1)- > a)" and "I. > 1. > a)" both nest right. Levels are never
taken from a table fixed for one document, nor from markdown "#" depth (OCR gets it wrong).
"""

from __future__ import annotations

import enum

import regex

from .document import Block, BlockKind, NormalisedDocument, frozen
from .lexicon.markers import (
    APPENDIX_RE,
    ARABIC_RE,
    CLOSING_RE,
    DATE_LINE_RE,
    DECIMAL_RE,
    DOC_TYPE_RE,
    HEADER_LINE_RE,
    HEADING_RE,
    LEGAL_BASIS_RE,
    LOWER_LETTER_RE,
    PART_RE,
    ROMAN_BARE_RE,
    ROMAN_RE,
    TABLE_HEADER_RE,
    UPPER_LETTER_RE,
    VIETNAMESE_LETTERS,
    is_roman,
    roman_value,
)


class Role(enum.Enum):
    HEADER = "header"  # header block, document type, title, the "… như sau:" introduction
    LEGAL_BASIS = "legal_basis"
    HEADING = "heading"
    BODY = "body"
    TABLE = "table"
    CLOSING = "closing"


@frozen
class Heading:
    label: str
    title: str
    kind: str
    level: int
    block: int
    path: tuple[str, ...]
    title_blocks: tuple[int, ...] = ()


@frozen
class StructuredDocument:
    normalised: NormalisedDocument
    roles: tuple[Role, ...]
    headings: tuple[Heading, ...]
    #: index into `headings` of the section each block lies in, or -1 before the first heading
    section_of: tuple[int, ...]
    #: numbered paragraphs judged list items of their section, not sections
    list_items: frozenset[int]
    #: first block of each table region, with the region's last block
    tables: tuple[tuple[int, int], ...]

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.normalised.blocks

    def path_of(self, block: int) -> tuple[str, ...]:
        h = self.section_of[block]
        return self.headings[h].path if h >= 0 else ()


@frozen
class _Candidate:
    kind: str
    label: str
    title: str
    punct: str


#: Words of table header rows; an "STT" line is a table header only with one of them nearby.
_COLUMN_WORDS_RE = regex.compile(
    r"Chỉ\s+tiêu|Nội\s+dung|Nhiệm\s+vụ|Đơn\s+vị|Kết\s+quả|Thời\s+gian|Kinh\s+phí|Sản\s+phẩm",
    regex.IGNORECASE,
)
#: "(kèm theo Kế hoạch 235/KH-UBND ngày 18/11/2025 …)" after an appendix's title says what it is attached to.
_ANNEX_NOTE_TAIL_RE = regex.compile(r"\s*\(\s*(?:ban\s+hành\s+)?kèm\s+theo[^()]*\)\s*$", regex.IGNORECASE)
#: An appendix's title runs over at most this many more upper-case lines.
_APPENDIX_TITLE_MAX_BLOCKS = 3
#: A numbered paragraph longer than this many words, ending like a sentence, is a list item.
_LIST_ITEM_MIN_WORDS = 12
#: A numbered line followed straight by its next sibling is a list item once it is this long.
_SIBLING_RUN_MIN_WORDS = 15
_SENTENCE_END_RE = regex.compile(r"[.;]\W*$")
#: "… NĂM 2026 Triệu đồng": the money unit printed beside a budget table's title is not part of it.
_UNIT_NOTE_RE = regex.compile(r"\s*\(?(?:ĐVT|Đơn\s+vị\s+tính)?\s*:?\s*(?:nghìn\s+)?(?:triệu|tỷ|nghìn)\s+đồng\)?\s*$",
                              regex.IGNORECASE)
#: A value with a percent sign or a comparator symbol: headings do not state targets.
_TARGET_IN_TITLE_RE = regex.compile(r"\d\s*%|[≥≤]\s*\d|\$\\[gl]eq")


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _clean_title(title: str) -> str:
    return title.strip().rstrip(":：").strip().strip("*").strip()


def _candidate(text: str) -> _Candidate | None:
    """The heading a block's text would be, ignoring context."""
    if HEADING_RE.match(text) is None:
        return None  # most blocks: one union match instead of one per heading style
    for kind, pattern in (("part", PART_RE), ("appendix", APPENDIX_RE)):
        m = pattern.match(text)
        if m:
            return _Candidate(kind, (m.group("label") or ""), _clean_title(m.group("title") or ""), "")
    m = ROMAN_RE.match(text)
    if m and is_roman(m.group("label")):
        return _Candidate("roman", m.group("label"), _clean_title(m.group("title")), m.group("punct"))
    m = UPPER_LETTER_RE.match(text)
    if m:
        return _Candidate("upper_letter", m.group("label"), _clean_title(m.group("title")), m.group("punct"))
    m = DECIMAL_RE.match(text)
    if m and (m.group("punct") or m.group("title")[:1].isupper()):
        return _Candidate("decimal", m.group("label"), _clean_title(m.group("title")), m.group("punct") or "")
    m = ARABIC_RE.match(text)
    if m:
        return _Candidate("arabic", m.group("label"), _clean_title(m.group("title")), m.group("punct"))
    m = LOWER_LETTER_RE.match(text)
    if m:
        return _Candidate("lower_letter", m.group("label"), _clean_title(m.group("title")), m.group("punct"))
    m = ROMAN_BARE_RE.match(text)
    if m and is_roman(m.group("label")) and _mostly_upper(m.group("title")):
        return _Candidate("roman", m.group("label"), _clean_title(m.group("title")), "")
    return None


def _successor(kind: str, label: str) -> str | None:
    """The label that follows `label` in its numbering style."""
    if kind == "arabic" and label.isdigit():
        return str(int(label) + 1)
    if kind == "decimal":
        head, _, last = label.rpartition(".")
        return f"{head}.{int(last) + 1}" if last.isdigit() else None
    if kind == "lower_letter":
        i = VIETNAMESE_LETTERS.find(label)
        return VIETNAMESE_LETTERS[i + 1] if 0 <= i < len(VIETNAMESE_LETTERS) - 1 else None
    return None


def _predecessor(kind: str, label: str) -> str | None:
    """The label before `label` in its numbering style."""
    if kind == "arabic" and label.isdigit():
        return str(int(label) - 1)
    if kind == "decimal":
        head, _, last = label.rpartition(".")
        return f"{head}.{int(last) - 1}" if last.isdigit() else None
    if kind == "lower_letter":
        i = VIETNAMESE_LETTERS.find(label)
        return VIETNAMESE_LETTERS[i - 1] if i > 0 else None
    return None


#: A heading's remark sending the reader to an appendix for the details ("(chi tiết Phụ lục đính kèm)"):
#: where they are, not what the section is ("(Có phụ lục kèm theo)" stays, as the seeds' gold keeps it).
_ANNEX_REMARK_RE = regex.compile(
    r"\s*\**\s*\(\s*(?:chi\s+tiết|xem)\b[^()]*\bphụ\s+lục\b[^()]*\)\s*\**\s*$", regex.IGNORECASE)
#: The line under an appendix's title saying what it is attached to ("(Kèm theo Kế hoạch số …)").
_ANNEX_NOTE_RE = regex.compile(
    r"^\(?\s*\*?\s*Kèm\s+theo\s+(?:Kế\s+hoạch|Quyết\s+định|Nghị\s+quyết|Chương\s+trình|Công\s+văn|Văn\s+bản)",
    regex.IGNORECASE)


def _titles_an_annex(blocks: tuple[Block, ...], i: int) -> bool:
    """After the signature, an upper-case title whose next line says "(Kèm theo Kế hoạch số …)"."""
    b = blocks[i]
    return (b.kind is BlockKind.TEXT and _mostly_upper(b.text) and i + 1 < len(blocks)
            and bool(_ANNEX_NOTE_RE.match(blocks[i + 1].text)))


def _is_table_header(blocks: tuple[Block, ...], i: int) -> bool:
    b = blocks[i]
    if b.kind is BlockKind.TABLE_LINE:
        return True
    if not TABLE_HEADER_RE.match(b.text):
        return False
    nearby = " ".join(x.text for x in blocks[i:i + 3])
    return bool(_COLUMN_WORDS_RE.search(nearby))


def _ends_table(blocks: tuple[Block, ...], i: int, cand: _Candidate | None) -> bool:
    """Does block i close the table region it sits in?"""
    b = blocks[i]
    if CLOSING_RE.match(b.text):
        return True
    if cand is None or b.kind is BlockKind.TABLE_LINE:
        return False
    if cand.kind in {"appendix", "part"}:
        return True
    if i > 0 and blocks[i - 1].kind is BlockKind.TABLE_LINE and b.kind is BlockKind.TEXT:
        # a numbered heading as a line of text right under a table read cell by cell (Word, PDF, OCR):
        # the table is over ("3.2. Phương pháp chọn mẫu" after the rows of 3.1's table)
        return True
    if cand.kind == "roman" and _mostly_upper(cand.title):
        # "III. NHIỆM VỤ" of the body, or "II NHIỆM VỤ CỤ THỂ" heading the next appendix table;
        # a table's own group rows ("I Về phát triển hạ tầng") are not upper-case.
        return bool(cand.punct) or (i + 1 < len(blocks) and _is_table_header(blocks, i + 1))
    return False


def structure(doc: NormalisedDocument) -> StructuredDocument:
    """Find the document's parts, its tables and its section tree."""
    blocks = doc.blocks
    n = len(blocks)
    roles: list[Role] = [Role.BODY] * n
    candidates = [_candidate(b.text) if b.kind is BlockKind.TEXT else None for b in blocks]

    # Preamble: header block, document type and title, legal bases, the "… như sau:" introduction.
    # With a document-type line ("KẾ HOẠCH") everything before the first Roman heading is preamble;
    # without one (a web page quoting a plan) only leading header-like lines are.
    first_heading = next((i for i, c in enumerate(candidates) if c and c.kind in {"roman", "part"}), n)
    has_doc_type = any(DOC_TYPE_RE.match(b.text.strip("* ")) for b in blocks[:first_heading])
    seen_doc_type = seen_legal = False
    for i in range(min(n, first_heading)):
        text = blocks[i].text
        if blocks[i].kind is BlockKind.TABLE_LINE and TABLE_HEADER_RE.match(text):
            break  # a table of data ("STT | Tên chỉ tiêu | …") opens the body of a page quoting a plan
        if HEADER_LINE_RE.match(text) or DATE_LINE_RE.search(text) or DOC_TYPE_RE.match(text.strip("* ")):
            seen_doc_type = seen_doc_type or bool(DOC_TYPE_RE.match(text.strip("* ")))
            roles[i] = Role.HEADER
        elif seen_doc_type and not seen_legal and not text.rstrip().endswith((";", ".", ":")) and (
                roles[i - 1] is Role.HEADER):
            roles[i] = Role.HEADER  # the title, even "Thực hiện Nghị quyết …": a legal basis ends with ";" or "."
        elif LEGAL_BASIS_RE.match(text) and (has_doc_type or seen_legal or i < 8):
            roles[i] = Role.LEGAL_BASIS
            seen_legal = True
        elif seen_doc_type and not seen_legal:
            roles[i] = Role.HEADER  # the title, between "KẾ HOẠCH" and the legal bases
        elif seen_legal and text.rstrip().endswith(":"):
            roles[i] = Role.HEADER  # "UBND phường … xây dựng Kế hoạch … như sau:"
        elif (not has_doc_type or not seen_doc_type) and i < 8 and _mostly_upper(text) and len(text) < 80 \
                and not candidates[i]:
            roles[i] = Role.HEADER  # the issuer's lines above "KẾ HOẠCH" ("BỘ CÔNG THƯƠNG", "TRƯỜNG …")
        elif not has_doc_type:
            break

    # Closing part and table regions.
    tables: list[tuple[int, int]] = []
    in_closing = False
    table_start = -1
    for i in range(n):
        if roles[i] in {Role.HEADER, Role.LEGAL_BASIS}:
            continue
        cand = candidates[i]
        if in_closing and cand is None and _titles_an_annex(blocks, i):
            # "PHÂN CÔNG NHIỆM VỤ …" over "(Kèm theo Kế hoạch số …)": an appendix with no "Phụ lục" word
            cand = candidates[i] = _Candidate("appendix", "", _clean_title(blocks[i].text), "")
        if in_closing:
            if cand and cand.kind == "appendix":
                in_closing = False
            else:
                roles[i] = Role.CLOSING
                continue
        if table_start >= 0:
            if _ends_table(blocks, i, cand):
                tables.append((table_start, i - 1))
                table_start = -1
            else:
                roles[i] = Role.TABLE
                continue
        if CLOSING_RE.match(blocks[i].text):
            in_closing = True
            roles[i] = Role.CLOSING
            continue
        if _is_table_header(blocks, i):
            table_start = i
            roles[i] = Role.TABLE
    if table_start >= 0:
        tables.append((table_start, n - 1))

    # Headings and their levels.
    headings: list[Heading] = []
    section_of: list[int] = [-1] * n
    list_items: set[int] = set()
    stack: list[tuple[str, int]] = []  # (kind, heading index)
    current = -1
    skip_until = -1
    last_item: tuple[str, str] | None = None  # the last numbered list item, to close its run
    for i in range(n):
        if i <= skip_until:
            section_of[i] = current
            continue
        cand = candidates[i]
        if roles[i] is not Role.BODY or cand is None:
            section_of[i] = current
            continue
        kind = cand.kind
        if kind == "roman" and len(cand.label) == 1:
            # "C." after "B." is a letter, not the Roman hundred
            prev_letter = next((headings[h].label for k, h in reversed(stack) if k == "upper_letter"), None)
            if prev_letter and ord(cand.label) == ord(prev_letter) + 1:
                kind = "upper_letter"
        if kind in {"arabic", "decimal", "lower_letter"} and (
                _is_list_item(blocks, candidates, i, cand)
                or _closes_its_list(blocks, candidates, i, cand, {k for k, _ in stack})
                or (last_item is not None and last_item == (kind, _predecessor(kind, cand.label))
                    and _SENTENCE_END_RE.search(cand.title))):
            list_items.add(i)
            last_item = (kind, cand.label)
            section_of[i] = current
            continue
        if kind in {"upper_letter"} and not (_mostly_upper(cand.title) or len(cand.title.split()) <= 8):
            section_of[i] = current
            continue
        title = cand.title
        title_blocks: tuple[int, ...] = ()
        if kind == "appendix":
            nxt = i + 1
            if (nxt < n and roles[nxt] is Role.BODY and not candidates[nxt]
                    and not blocks[nxt].text.startswith(("(", "-", "–", "+", "•"))
                    and len(blocks[nxt].text) < 200):
                # an upper-case title wrapped over several lines ("ĐỐI TƯỢNG … NUÔI TRỒNG THỦY ⏎ SẢN TẠI …")
                last = nxt
                while (last + 1 < n and _mostly_upper(blocks[last].text) and _mostly_upper(blocks[last + 1].text)
                       and roles[last + 1] is Role.BODY and not candidates[last + 1]
                       and blocks[last + 1].kind is BlockKind.TEXT and blocks[last + 1].blank_before == 0
                       and last - nxt < _APPENDIX_TITLE_MAX_BLOCKS):
                    last += 1
                title = _clean_title(_UNIT_NOTE_RE.sub("", _ANNEX_NOTE_TAIL_RE.sub(
                    "", " ".join(b.text for b in blocks[nxt:last + 1]))))
                title_blocks = tuple(range(nxt, last + 1))
                for k in title_blocks:
                    roles[k] = Role.HEADING
                skip_until = last
            elif not title:
                title = _clean_title(blocks[i].text)
            stack = []
        else:
            kinds = [k for k, _ in stack]
            if kind in kinds:
                stack = stack[: kinds.index(kind)]
        level = len(stack) + 1
        path = (*tuple(headings[h].label for _, h in stack), cand.label)
        title = _clean_title(_ANNEX_REMARK_RE.sub("", title)) or title  # "… CHỦ YẾU (chi tiết Phụ lục đính kèm)"
        headings.append(Heading(cand.label, title, kind, level, i, path, title_blocks))
        stack.append((kind, len(headings) - 1))
        current = len(headings) - 1
        roles[i] = Role.HEADING
        section_of[i] = current
    return StructuredDocument(doc, tuple(roles), tuple(headings), tuple(section_of),
                              frozenset(list_items), tuple(tables))


def _closes_its_list(blocks: tuple[Block, ...], candidates: list[_Candidate | None], i: int,
                     cand: _Candidate, open_kinds: set[str]) -> bool:
    """The last item of a list, its text run on after a colon and nothing beneath it ("c) Thời gian thực
    hiện: Hoàn thành trong năm 2025." then "2. …" of the level above): an item, not a section."""
    _, colon, rest = cand.title.partition(":")
    if not colon or not rest.strip() or not _SENTENCE_END_RE.search(rest):
        return False
    nxt = next((c for b, c in zip(blocks[i + 1:], candidates[i + 1:], strict=False)
                if b.kind is BlockKind.TEXT), None)
    return nxt is not None and nxt.kind != cand.kind and nxt.kind in open_kinds


def _is_list_item(blocks: tuple[Block, ...], candidates: list[_Candidate | None], i: int,
                  cand: _Candidate) -> bool:
    """A numbered paragraph that runs straight on into its next sibling is an item, not a section."""
    words = len(cand.title.split())
    sentence = bool(_SENTENCE_END_RE.search(cand.title))
    if sentence and words > _LIST_ITEM_MIN_WORDS:
        return True
    if _TARGET_IN_TITLE_RE.search(cand.title):
        return True  # "3. Tỷ lệ hộ nghèo giảm còn 2%": a numbered target, not a heading
    nxt = next((c for b, c in zip(blocks[i + 1:], candidates[i + 1:], strict=False)
                if b.kind is BlockKind.TEXT), None)
    successor = _successor(cand.kind, cand.label)
    runs_on = nxt is not None and nxt.kind == cand.kind and nxt.label == successor
    return runs_on and (sentence or words > _SIBLING_RUN_MIN_WORDS)


__all__ = ["Heading", "Role", "StructuredDocument", "roman_value", "structure"]
