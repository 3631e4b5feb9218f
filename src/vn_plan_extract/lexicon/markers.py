"""Heading markers and bullets of Vietnamese plans, and the phrases that open or close document parts.

Sources: Nghị định 30/2020/NĐ-CP Phụ lục I (PHẦN, Chương, I., 1., a)), office practice collected in
`shared/DOMAIN.md` (I-, II-, B -, 1)-, 2.1)-, a)-, bullets "-" and "+"), and OCR markdown ("#", "**").
"""

from __future__ import annotations

import regex

from . import alternation, any_of, first_words

#: Vietnamese lower-case list letters in order: there is no f, j, w, z, and "đ" follows "d".
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"

UPPER = "A-ZĐÀ-ỸÂĂÊÔƠƯ"

#: Punctuation that may follow a heading number: "1.", "1)", "1)-", "1-", "1 –", "I.", "II-", "B -".
#: A bare dash must be followed by a space: "57-NQ/TW" is a document number, not heading 57.
_PUNCT = r"(?:\)\s*[-–—]|\.\s*[-–—]|[.):]|[-–—](?=\s))"

#: A heading's title starts with a letter, a quote or an opening bracket, never with a digit (dates).
_TITLE = r"(?P<title>[^\W\d_].*|[\"“‘(*].*)"

PART_RE = regex.compile(
    rf"""^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+
        (?P<label>[IVXLC]+|\d+|thứ\s+\w+|THỨ\s+\w+)   # PHẦN I, Chương 2, Phần thứ nhất
        \s*{_PUNCT}?\s*{_TITLE}?$""",
    regex.VERBOSE,
)

APPENDIX_RE = regex.compile(
    r"""^(?:PHỤ\s*LỤC|Phụ\s*lục|PHỤC\s*LỤC|Phục\s*lục)   # "PHỤC LỤC" is a misspelling seen in real plans
        (?:\s+(?:số\s+)?(?P<label>[IVXLC]+|\d+|[A-Z])\b)?   # Phụ lục I, PHỤ LỤC 2
        \s*[.:\-–]?\s*(?P<title>.*)$""",
    regex.VERBOSE,
)

ROMAN_RE = regex.compile(
    rf"""^(?P<label>[IVXLC]{{1,6}})
        \s*(?P<punct>{_PUNCT})
        \s*{_TITLE}$""",
    regex.VERBOSE,
)

#: "I CÁC CHỈ TIÊU CỤ THỂ": a Roman numeral and an upper-case title with no punctuation between.
ROMAN_BARE_RE = regex.compile(rf"^(?P<label>[IVXL]{{1,5}})\s+(?P<title>[{UPPER}].*)$", regex.VERBOSE)

UPPER_LETTER_RE = regex.compile(
    rf"""^(?P<label>[A-ZĐ])
        \s*(?P<punct>{_PUNCT})
        \s*{_TITLE}$""",
    regex.VERBOSE,
)

DECIMAL_RE = regex.compile(
    rf"""^(?P<label>\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})   # 2.1  2.1.3  (at most two digits a part: not 8.073)
        \.?\s*(?P<punct>{_PUNCT})?
        \s*{_TITLE}$""",
    regex.VERBOSE,
)

ARABIC_RE = regex.compile(
    rf"""^(?P<label>\d{{1,2}})
        \s*(?P<punct>{_PUNCT})
        \s*{_TITLE}$""",
    regex.VERBOSE,
)

LOWER_LETTER_RE = regex.compile(
    rf"""^(?P<label>[{VIETNAMESE_LETTERS}])
        \s*(?P<punct>\)\s*[-–—]|\)|\.(?!\w))
        \s*{_TITLE}$""",
    regex.VERBOSE,
)

#: Any numbered heading, for a quick "is this a heading at all" before asking which one.
HEADING_RE = any_of(PART_RE, APPENDIX_RE, ROMAN_RE, UPPER_LETTER_RE, DECIMAL_RE, ARABIC_RE, LOWER_LETTER_RE,
                    ROMAN_BARE_RE)

#: Bullets are items inside a section, never sections.
BULLET_RE = regex.compile(r"^(?P<bullet>[-–—+*•●○▪■◦])\s*(?=\S)")

#: Numbered targets "(1) …", "(2) …" of a "chỉ tiêu chủ yếu" list: items, never sections.
NUMBERED_ITEM_RE = regex.compile(r"^\(\d{1,2}\)\s*(?=\S)")

#: A bullet that is really a line-broken continuation: "chính trị \n- xã hội" (lower-case after it).
CONTINUATION_BULLET_RE = regex.compile(r"^[-–—]\s*\p{Ll}")

#: Hyphenated compounds that line breaks cut at the hyphen ("Phòng Văn hoá \n- Xã hội"), folded.
HYPHEN_COMPOUNDS = (
    ("van hoa", "xa hoi"), ("kinh te", "xa hoi"), ("chinh tri", "xa hoi"), ("khoa hoc", "cong nghe"),
    ("ha tang", "do thi"), ("kinh te", "ha tang"), ("quoc phong", "an ninh"), ("hdnd", "ubnd"),
    ("lao dong", "thuong binh"), ("tai chinh", "ke hoach"), ("tai nguyen", "moi truong"),
)

_ROMAN_VALID = regex.compile(r"^(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def is_roman(label: str) -> bool:
    """
    >>> is_roman("IV"), is_roman("IIII"), is_roman("C")
    (True, False, False)
    """
    return bool(_ROMAN_VALID.match(label))


def roman_value(label: str) -> int:
    """
    >>> roman_value("XIV")
    14
    """
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, nxt in zip(label, label[1:] + " ", strict=True):
        v = values[ch]
        total += -v if nxt != " " and values.get(nxt, 0) > v else v
    return total


# --- document parts -------------------------------------------------------------------------------

#: Openers of legal-basis lines in the preamble (each ends with ";" and the last with ".").
LEGAL_BASIS_OPENERS = ("Căn cứ", "Thực hiện", "Xét", "Theo đề nghị", "Sau khi xem xét", "Theo chỉ đạo")

#: Openers of the closing part: the summary sentence, the recipients list.
CLOSING_OPENERS = ("Trên đây là", "Nơi nhận")

#: Lines that always start a new paragraph, even after a line without final punctuation.
PARAGRAPH_OPENERS = LEGAL_BASIS_OPENERS[:1] + LEGAL_BASIS_OPENERS[2:] + CLOSING_OPENERS + (
    "KT.", "TM.", "TL.", "TUQ.", "Q.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Số:", "(Kèm theo", "(Đính kèm",
)

#: Names of the documents a legal basis cites ("Thực hiện Kế hoạch số …").
CITED_DOCUMENTS = ("Kế hoạch", "Nghị quyết", "Quyết định", "Chỉ thị", "Công văn", "Văn bản", "Thông báo",
                   "Kết luận", "Chương trình", "Hướng dẫn", "Thông tư", "Nghị định", "Luật")

PARAGRAPH_OPENER_RE = regex.compile(
    r"^(?:" + alternation(PARAGRAPH_OPENERS) + r"(?!\w)|Thực\s+hiện\s+" + alternation(CITED_DOCUMENTS)
    + r"|(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|Chủ\s+nhật),\s*\d)"  # a news page's "Thứ năm, 25/07/2019"
)
LEGAL_BASIS_RE = regex.compile(r"^" + alternation(LEGAL_BASIS_OPENERS) + r"(?!\w)")
CLOSING_RE = regex.compile(r"^" + alternation(CLOSING_OPENERS) + r"(?!\w)", regex.IGNORECASE)

#: Kinds of administrative document ("KẾ HOẠCH" is the one this package is built for).
DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHƯƠNG TRÌNH", "BÁO CÁO", "CHỈ THỊ", "ĐỀ ÁN",
             "THÔNG BÁO", "CÔNG VĂN", "TỜ TRÌNH")
DOC_TYPE_RE = regex.compile(r"^" + alternation(DOC_TYPES) + r"$")

#: Words of the header block, which is not part of the body.
HEADER_LINE_RE = regex.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐẢNG ỦY|"
    r"ĐẢNG BỘ|BAN CHỈ ĐẠO|Số\s*:|(?:PHƯỜNG|XÃ|THỊ TRẤN|HUYỆN|QUẬN|TỈNH|THÀNH PHỐ)\s+[A-ZĐÀ-Ỹ]{2})"
)

#: The place-and-date line: "Tam Phước, ngày 15 tháng 01 năm 2026" (day and month may be blank).
DATE_LINE_RE = regex.compile(
    r"""(?<!\w)(?P<place>[^\W\d_][^,\d]{1,40})
        (?<!Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+[Nn]hật)  # a web page's "Thứ Ba, ngày …" is its posting date
        ,\s*ngày\s*(?:(?P<day>\d{1,2})|[^\W\d_]{1,3}(?=\s))?[\s.…_/]*   # a day written by hand: OCR reads letters
        tháng\s*(?:(?P<month>\d{1,2})|[^\W\d_]{1,3}(?=\s))?[\s.…_/]*năm\s*(?P<year>\d{4})""",
    regex.VERBOSE,
)

#: A heading of the responsibilities part ("TỔ CHỨC THỰC HIỆN", "Phân công trách nhiệm").
RESPONSIBILITIES_TITLE_RE = regex.compile(
    r"(?:TỔ\s+CHỨC\s+THỰC\s+HIỆN|PHÂN\s+CÔNG\s+(?:TRÁCH\s+NHIỆM|NHIỆM\s+VỤ))", regex.IGNORECASE
)

#: Table header: the STT column starts the header row of every appendix table.
TABLE_HEADER_RE = regex.compile(r"^(?:STT|TT|Stt)(?:\s|$)")

#: A group row's number alone in its cell: "I", "II.", "A".
GROUP_LABEL_CELL_RE = regex.compile(r"(?P<label>[IVX]{1,5}|[A-ZĐ])\.?")
#: Row numbers may skip this many rows (a row lost at a page break) and still open the next row.
MAX_ROW_SKIP = 3
#: A run of at least this many blank lines is a page break in text extracted from PDF or Word.
PAGE_BREAK_BLANKS = 2


def stt_parts(stt: str) -> list[int]:
    """ "3.1." → [3, 1]."""
    return [int(x) for x in stt.split(".") if x]


def fits(candidate: list[int], previous: list[int] | None, after_group: bool) -> bool:
    """May the row number `candidate` follow `previous` in a table's STT column?

    >>> fits([4], [3], False), fits([3, 1], [3], False), fits([4], [3, 2], False), fits([9], [3], False)
    (True, True, True, False)
    """
    if previous is None:
        return candidate[0] == 1 or len(candidate) == 1
    if after_group and (candidate == [1] or candidate == previous):
        return True  # numbering restarts in each group, or a number is printed again
    if len(candidate) == len(previous) and candidate[:-1] == previous[:-1]:
        return 0 < candidate[-1] - previous[-1] <= MAX_ROW_SKIP
    if candidate == [*previous, 1]:
        return True  # 3 → 3.1
    if len(candidate) < len(previous) and candidate[:-1] == previous[: len(candidate) - 1]:
        return 0 < candidate[-1] - previous[len(candidate) - 1] <= MAX_ROW_SKIP  # 3.10 → 4
    return False

#: The first word of every opener above that starts with a capital letter and is not a numbering
#: letter: PHẦN / Chương, Phụ lục, STT, "Thực hiện …", a news page's "Thứ năm, …", and the paragraph
#: openers. Normalisation tries the openers only on lines starting with one of them (or with a bullet,
#: a digit or a numbering letter); tests/test_normalize.py checks the list against the patterns.
CAPITALISED_OPENER_WORDS = (
    "PHẦN", "Phần", "CHƯƠNG", "Chương", "PHỤ", "Phụ", "PHỤC", "Phục", "STT", "TT", "Stt", "Thực", "Thứ", "Chủ",
    *first_words(PARAGRAPH_OPENERS),
)
