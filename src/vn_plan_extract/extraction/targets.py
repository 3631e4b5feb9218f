"""Prose targets: quantified and qualitative targets stated in the running text and lists of a plan.

A target is written either value first ("100% hồ sơ TTHC được số hóa", "trên 20 sáng kiến …") or name
first ("Tỷ lệ thanh toán trực tuyến đạt tối thiểu 80%", "Năm 2022: 94 xã"). The value's right context
tells which: a value followed by a noun phrase heads its name; a value followed by punctuation, a time
phrase or nothing closes it. Several targets share a sentence, separated by ";", "," or "và".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from ..document import Block, frozen
from ..lexicon.targets import (
    AIM_BEFORE_RE,
    BASE_VALUE_BEFORE_RE,
    BASE_YEAR_BEFORE_RE,
    BASE_YEAR_REACH,
    BREAKDOWN_RE,
    COORDINATED_NOUNS,
    COUNTED_NOUNS,
    EXISTENCE_RE,
    GOAL_WORDS,
    LEADING_INTRO_RE,
    NOT_NAME_AFTER_RE,
    QUALITATIVE_RE,
    RESULT_AFTER_RE,
    RESULT_BEFORE_RE,
    SPENDING_NAME_RE,
    THRESHOLD_BEFORE_RE,
    TRAILING_INTRO_RE,
    YEAR_PHRASES,
    YEARLY_INCREASE_RE,
)
from .numbers import DIGIT_RE
from .quantities import Quantity, find_quantities


@frozen
class ProseTarget:
    block: int
    name: str
    comparator: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    qualitative: bool
    text: str
    start: int  # quote span in the block's text
    end: int
    year: int | None
    sentence_year: int | None
    deadline_text: str | None
    own_year_only: bool = False
    change: bool = False  # a change against a base ("tăng 10 bậc so với năm 2021")


_ITEM_MARKER_RE = regex.compile(
    r"^(?:[-–—+*•●○▪■◦]\s*|\(\d{1,2}\)\s*|\d{1,2}(?:\.\d{1,2})*\s*(?:\)\s*[-–]|[.)\-–])\s*|[a-zđ]\s*\)\s*[-–]?\s*)"
)
#: Sentence ends: ". " before an upper-case letter, unless the dot closes a short abbreviation (TP., Tr.).
#: The end of a sentence. Written to start with the punctuation (a pattern starting with a lookbehind is
#: tried at every position of the text, three times slower).
_SENTENCE_END_RE = regex.compile(
    r"""\.(?<!(?:[A-ZĐ][a-zđ]?|\b(?!USD|GDP|VND)[A-ZĐ]{1,3}|v\.v)\.)   # not after "Tp." "TW." "v.v." (a unit ends a sentence)
        \s+(?=[A-ZĐÀ-Ỹ"“(])                           # … before a capitalised word
      | [!?]\K\s+                                     # the spaces after "!" or "?"
    """,
    regex.VERBOSE,
)
_SEPARATOR_RE = regex.compile(r"(?:,\s+(?:và\s+|còn\s+)?|\s+và\s+|\s+hoặc\s+|;\s*)")
_YEAR_PHRASE_RE = regex.compile(
    r"\s*\(?\b(?:ngay\s+)?(?:(?:vào|đến|trong|tới|đến\s+hết|đến\s+cuối|hết|cuối)\s+)?(?:năm\s+)(?:19|20)\d{2}\)?[,:]?",
    regex.IGNORECASE,
)
#: A connective at either end of a name joins it to the next target, it is no part of it ("GRDP và").
_CONNECTIVE_EDGE_RE = regex.compile(r"^(?:và|hoặc)(?:\s+|$)|(?:^|\s+)(?:và|hoặc)$")
_COMPLETION_RE = regex.compile(r"hoàn\s+thành\s+(?:trong|trước|vào|chậm\s+nhất)\s+", regex.IGNORECASE)
_WORD_RE = regex.compile(r"\w")
_CLAUSE_MARK_RE = regex.compile(r"[();]")
_COUNTED_NOUN_RE = regex.compile(r"(?:[Ss]ố|SỐ)\s+(?:lượng\s+)?(?P<noun>\w+(?:\s+\w+){0,2})")
_VERB_ONLY_RE = regex.compile(r"\s*(?:là|đạt|bằng)?\s*", regex.IGNORECASE)
#: "ngày 16 tháng 10 " right before "năm 2020": a full date, the day something happened or was signed.
#: A target is set for a year, not a day, unless a deadline word opens the date ("đến ngày 31 tháng 12
#: năm 2025"), which is not a span's end ("từ ngày 14 đến ngày 16 tháng 10 năm 2020").
_EVENT_DATE_RE = regex.compile(
    r"(?<!(?<!từ\s+ngày\s+\d{1,2}\s+)(?:đến|trước|hết|vào|chậm\s+nhất)\s+)"
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+$", regex.IGNORECASE | regex.REVERSE)
_PART_SPLIT_RE = regex.compile(r",\s+|\s+và\s+")
#: A name after a count this short qualifies the counted noun ("lớn", "FDI"), which it then opens with.
_SHORT_NAME_WORDS = 2
#: Between a count and an amount written after it without a separator: where one name ends and the next begins.
_JOINT_RE = regex.compile(r"\s+(?:với|có)\s+(?!.*\s(?:với|có)\s)", regex.IGNORECASE)
#: "(năm 2017 là 47,24)" from its year on: the year of a base value.
_BASE_BRACKET_RE = regex.compile(r"(?<=\(\s*)(?:năm|cuối\s+năm)\s+(?:19|20)\d{2}\s*,?\s*(?:là|đạt|có)(?!\w)", regex.IGNORECASE)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink text[s:e] past leading intro words, trailing target words and punctuation."""
    for _ in range(6):
        while s < e and not text[s].isalnum() and text[s] not in "\"“(":
            s += 1
        while e > s and not text[e - 1].isalnum() and text[e - 1] not in "\"”)%":
            e -= 1
        m = LEADING_INTRO_RE.match(text, s, e)
        t = TRAILING_INTRO_RE.search(text, s, e)
        if m and m.end() > s:
            s = m.end()
        elif t and t.start() < e and t.start() > s:
            e = t.start()
        else:
            break
    return s, e


#: Where a target's name starts, in order: after "phấn đấu", after "chỉ tiêu", after a colon, and at the
#: last "tỷ lệ" with words after it (True: the name keeps the words matched).
_NAME_STARTS = (
    (regex.compile(r"phấn\s+đấu\s+", regex.IGNORECASE), False),
    (regex.compile(r"(?<!các\s)chỉ\s+tiêu\s+", regex.IGNORECASE), False),
    (regex.compile(r":\s+"), False),
    (regex.compile(r"(?<![\w])(?:tỷ|tỉ)\s+lệ\s+(?=\w+\s+\w)", regex.IGNORECASE), True),
)


def _cut_at_goal_words(text: str, s: int, e: int) -> int:
    """Start the name where the measured thing starts.

    After "phấn đấu", "chỉ tiêu" or a colon that introduces it ("Cụ thể trong năm 2020: …"), and at the
    last "tỷ lệ" that has words after it ("… và thúc đẩy tỷ lệ giao dịch không dùng tiền mặt đạt …").
    """
    segment = text[s:e]
    for pattern, keep in _NAME_STARTS:
        last = None
        for m in pattern.finditer(segment):
            rest_s, rest_e = _trim(text, s + m.end(), e)
            rest = _name_of(text, rest_s, rest_e) if rest_s < rest_e else ""
            if rest and not _ELLIPTICAL_RE.fullmatch(rest) and _trim(rest, 0, len(rest))[1] > 0:
                last = m  # "… bình quân 5 năm phấn đấu tăng 9,5%/năm": the name is before "phấn đấu"
        if last is not None:
            s = s + (last.start() if keep else last.end())
            segment = text[s:e]
    return s


#: A date opening a name is a web page's posting stamp ("Đăng ngày: 28/12/2018 Tổng sản phẩm …"), not
#: part of what is measured.
_STAMP_RE = regex.compile(r"^(?:\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?)?[\s,]*)+")


_STRIVE_INSIDE_RE = regex.compile(r"(?<=\w)\s+phấn\s+đấu(?:\s+(?=\w)|\s*$)", regex.IGNORECASE)


def _name_of(text: str, s: int, e: int) -> str:
    name = text[s:e]
    members = _MEMBERS_RE.search(name)
    if members and members.start() > 0:
        name = name[:members.start()]  # "… đạt chuẩn nông thôn mới, gồm: Đà Vị (Na Hang)": which ones, not what
    name = _YEAR_PHRASE_RE.sub("", name)
    name = _CONNECTIVE_EDGE_RE.sub("", " ".join(name.split()).strip(" ,;:-–")).strip(" ,;:-–")
    name = _STAMP_RE.sub("", name)
    name = _STRIVE_INSIDE_RE.sub(" ", name).rstrip()  # "… 5 năm phấn đấu tăng": the goal word is no part of it
    if name.count("“") != name.count("”"):
        name = name.strip("“”")  # a quotation around a whole list: "Cơ cấu kinh tế: “Công nghiệp- xây dựng …"
    return name[1:].lstrip() if name.startswith("(") and ")" not in name else name  # "(trồng mới …" cut open


#: The list of the members a count counts ("12 xã …, gồm: Đà Vị (Na Hang); Trung Hà (Chiêm Hóa)").
_MEMBERS_RE = regex.compile(r"\s*,?\s*(?:bao\s+)?gồm\s*:", regex.IGNORECASE)
#: "đã đạt/hoàn thành/được … " right before a year, in the same clause part: the year something was done
#: in ("đã đề ra chỉ tiêu cho năm 2019" sets targets for that year: not these verbs).
_DONE_BEFORE_RE = regex.compile(r"(?<!\w)(?:đã|chưa)\s+(?:đạt|hoàn\s+thành|được|có|thực\s+hiện)(?!\w)[^,;:.()]*$",
                                 regex.IGNORECASE | regex.REVERSE)
_DONE_REACH = 80


def first_year(text: str, s: int, e: int, last: bool = False) -> int | None:
    """The year a span names: "năm 2025", "đến 2025", the end of "giai đoạn 2021-2025".

    A point year wins over a period's end; with `last`, the one nearest the span's end wins (the year
    right before a value is that value's). Base years of restatements ("so với năm 2015") are skipped.
    """
    points: list[int] = []
    periods: list[int] = []
    for m in YEAR_PHRASES.finditer(text, s, e):
        if (BASE_YEAR_BEFORE_RE.search(text, max(s, m.start() - BASE_YEAR_REACH), m.start())
                or _BASE_BRACKET_RE.match(text, m.start(), e)):
            continue  # "so với năm 2015", "(năm 2017 là 47,24)": a base year
        if m.group("year") and _EVENT_DATE_RE.search(text, max(s, m.start() - 24), m.start()):
            continue  # "diễn ra … ngày 16 tháng 10 năm 2020": the day of an event or a document
        if _DONE_BEFORE_RE.search(text, max(s, m.start() - _DONE_REACH), m.start()):
            continue  # "Các xã đã đạt chuẩn … giai đoạn 2016-2020": when something was done, not a target's year
        if m.group("year") or m.group("bare"):
            points.append(int(m.group("year") or m.group("bare")))
        else:
            periods.append(int(m.group("end")))
    pick = points or periods
    if not pick:
        return None
    return pick[-1] if last else pick[0]


def _has_noun_after(text: str, pos: int, hi: int) -> bool:
    rest = text[pos:hi].lstrip().lstrip("“\"'")  # 100% “xã, phường không ma túy”
    return bool(rest[:1].isalpha()) and not NOT_NAME_AFTER_RE.match(rest)


def _sentences(text: str, lo: int) -> list[tuple[int, int]]:
    spans = []
    start = lo
    for m in _SENTENCE_END_RE.finditer(text, lo):
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a sentence at ";" outside brackets."""
    out = []
    start = s
    depth = 0
    for m in _CLAUSE_MARK_RE.finditer(text, s, e):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((start, m.start()))
            start = m.end()
    out.append((start, e))
    return [(a, b) for a, b in out if text[a:b].strip()]


#: A sentence announcing results: the sentences after it in its paragraph report them, until a goal word.
_REPORT_INTRO_RE = regex.compile(
    r"(?:đạt\s+được|đã\s+đạt)\s+(?:những\s+|các\s+|một\s+số\s+)?kết\s+quả|kết\s+quả\s+(?:đạt\s+được|thực\s+hiện)\s*(?:như\s+sau)?\s*:",
    regex.IGNORECASE)
#: A sentence opening on the years just past ("Trong 5 năm qua", "Nhiệm kỳ qua", "Thời gian qua").
_RETROSPECT_RE = regex.compile(
    r"\s*(?:Trong\s+)?(?:\d+\s+|những\s+|mấy\s+)?(?:năm|nhiệm\s+kỳ|thời\s+gian|giai\s+đoạn)\s+(?:vừa\s+)?qua(?!\w)",
    regex.IGNORECASE)
#: The end of a name that is the start of a change ("… tăng từ 60%", "… giảm từ 23 ca sinh/1.000 phụ nữ").
_CHANGE_FROM_END_RE = regex.compile(r"\s+(?:tăng|giảm)(?:\s+bình\s+quân)?\s+từ\s+\d[^,;]{0,40}$", regex.IGNORECASE)
#: Right before a count: "số lượng <what>" with no verb between, the count the plan sets for it.
_QUANTITY_OF_RE = regex.compile(r"(?<!\w)số\s+lượng\s+[^,;:.\d]{1,80}$", regex.IGNORECASE | regex.REVERSE)
#: After the first value of "từ X lên/xuống Y": the second follows ("từ 60% lên 80%", "từ 5% xuống còn 3%").
_TO_AFTER_RE = regex.compile(r"[^,;.\d]{0,40}?(?<!\w)(?:lên|xuống)(?:\s+(?:còn|mức))?\s+\d", regex.IGNORECASE)
#: Right after a value: the date it was counted at ("(tính đến 31/12/2024)", ", tính đến nay").
_AS_OF_AFTER_RE = regex.compile(r"\s*[(,]?\s*tính\s+đến(?!\w)", regex.IGNORECASE)
#: After a value: how much of a plan was done, right after it ("315 % so kế hoạch năm 2023") or later in its
#: clause ("giảm 57,3% đạt 315 % so kế hoạch", ", vượt chỉ tiêu kế hoạch … giao"): a result.
_PLAN_DONE_AFTER_RE = regex.compile(
    r"(?:\s*%?\s*so\s+(?:với\s+)?(?:kế\s+hoạch|KH|chỉ\s+tiêu)"
    r"|[^;:.]{0,60}?(?:%\s*so\s+(?:với\s+)?(?:kế\s+hoạch|KH|chỉ\s+tiêu)|(?<!\w)vượt\s+(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu)))"
    r"(?!\w)",
    regex.IGNORECASE)
#: Right after a count: its place in a set ("Đây là 1 trong 10 chỉ tiêu …"), not a value to reach.
_ONE_OF_AFTER_RE = regex.compile(r"\s+trong\s+(?:số\s+)?\d", regex.IGNORECASE)
_IS_BEFORE_RE = regex.compile(r"(?<!\w)là\s*$", regex.IGNORECASE)
#: "đến năm 2025 ước đạt 200 nghìn người": an estimate for a year ahead is a target, not a result.
_FORECAST_RE = regex.compile(r"(?:đến|tới)\s+(?:hết\s+)?năm\s+\d{4}\s*,?\s*ước\s+(?:đạt|khoảng)\s*$",
                             regex.IGNORECASE | regex.REVERSE)
#: "phấn đấu" earlier in the clause makes a count a target, whatever verb stands before it.
_STRIVE_BEFORE_RE = regex.compile(r"(?<!\w)phấn\s+đấu(?!\w)", regex.IGNORECASE)
#: Right after a quantity: its breakdown follows, listed after a colon ("772 ha, trong đó: Lúa 507 ha; …").
_BREAKDOWN_AFTER_RE = regex.compile(r"\s*,?\s*trong\s+đó\s*:", regex.IGNORECASE)


#: Names that say nothing of what is measured: a verb, a connective, a time phrase, a scope alone.
_GENERIC_NAME_RE = regex.compile(
    r"(?:kết\s+nạp|hình\s+thành|thành\s+lập|tổ\s+chức|đầu\s+tư|tăng|giảm|chiếm|bao\s+gồm|so\s+với|trở\s+lên|"
    r"đồng\s+thời|mỗi\s+năm|hằng\s+năm|hàng\s+năm|năm|sản\s+phẩm|cấp\s+\w+|\(?\s*trồng|xây\s+dựng|phát\s+triển)",
    regex.IGNORECASE)
#: A name that is only the verb of a share or a change: the thing is the one named just before ("Giá trị
#: thương mại dịch vụ đạt 298 tỉ đồng, chiếm 48%").
_ELLIPTICAL_RE = regex.compile(r"chiếm|tăng|giảm", regex.IGNORECASE)
_VALUE_AFTER_COLON_RE = regex.compile(r"\s*\d")
#: A lead-in longer than this many words is a sentence, not a list's title.
_MAX_LEAD_WORDS = 6
_DIGITS_RE = regex.compile(r"\d")
#: "Mỗi năm …" opening a name: how often, not what ("Mỗi năm có trên 30 sáng kiến" measures "sáng kiến").
_FREQUENCY_RE = regex.compile(r"^(?:mỗi|hằng|hàng)\s+(?:năm|quý|tháng)\s*", regex.IGNORECASE)
#: A name this short after a list's lead-in is one of its parts ("Cơ cấu kinh tế: dịch vụ").
_PART_NAME_WORDS = 3


def _says_nothing(name: str, unit: str | None) -> bool:
    """An empty name, one with no word, a generic one, or only the unit again ("xã" for "22 xã")."""
    words = name.split()
    return (not words or not _WORD_RE.search(name) or bool(_GENERIC_NAME_RE.fullmatch(name))
            or (len(words) == 1 and (len(name) < _SHORTEST_NAME or name.lower() == (unit or "").lower())))


#: A one-word name shorter than this ("m" of "0,5 - 1m") is a fragment, not a name.
_SHORTEST_NAME = 3


def _lead_in(text: str, s_start: int, colon: int) -> str:
    """The title of a list, before its colon, without its item marker; "" when what stands there is a
    sentence ("Nhơn Mỹ đề ra các chỉ tiêu chủ yếu trong 5 năm:") rather than a title ("Cơ cấu kinh tế:")."""
    marker = _ITEM_MARKER_RE.match(text, s_start, colon)
    a, b = _trim(text, marker.end() if marker else s_start, colon)
    lead = _name_of(text, a, b)
    if not lead or len(lead.split()) > _MAX_LEAD_WORDS or GOAL_WORDS.search(lead) or _DIGITS_RE.search(lead):
        return ""
    return lead


def _whole_name(text: str, t: ProseTarget, lead: str) -> str:
    """A name that says what is measured (issue 11): a part of a list is named with the list's title
    ("Cơ cấu kinh tế: dịch vụ"); an empty, numeric or generic name ("Hình thành", "kết nạp", "Mỗi năm")
    becomes the target's own words without the value ("Hình thành Khu công nghiệp"); the start of a
    change is no part of it ("Tỷ lệ hộ nghèo giảm từ 5%" → "Tỷ lệ hộ nghèo")."""
    name = _CHANGE_FROM_END_RE.sub("", t.name) or t.name
    generic = not name.split() or bool(_GENERIC_NAME_RE.fullmatch(name)) or not _WORD_RE.search(name)
    if generic and not t.qualitative:
        at = text.find(t.text, t.start, t.end)
        before = _trim(text, t.start, at) if at >= 0 else (t.start, t.start)
        after = _trim(text, at + len(t.text), t.end) if at >= 0 else (t.end, t.end)
        own = _FREQUENCY_RE.sub("", " ".join(p for p in (_name_of(text, *before), _name_of(text, *after)) if p))
        if t.unit and t.unit != "%" and t.unit not in own:
            own = f"{own} {t.unit}".strip()
        if own and not _GENERIC_NAME_RE.fullmatch(own):
            name = own
    if lead and name and len(name.split()) <= _PART_NAME_WORDS and not _GENERIC_NAME_RE.fullmatch(name):
        return f"{lead}: {name}"
    return name


def _targets_of(found: list[Quantity], text: str, c_start: int, breakdown: frozenset[str],
                listed_from: int) -> list[Quantity]:
    """The quantities of a clause that are targets; a count listed right after a target, a comma between
    ("ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ"), is one too."""
    out: list[Quantity] = []
    for q in found:
        if _is_target(q, text, c_start, breakdown, q.start > listed_from):
            out.append(q)
        elif out and q.unit and _listed_after(text, out[-1], q, c_start):
            # the list's comparator holds for its items: "ít nhất 100 …, 50 …" is ≥ 50 too
            out.append(q if q.comparator_word else replace(q, comparator=out[-1].comparator))
    return out


def _listed_after(text: str, previous: Quantity, q: Quantity, c_start: int) -> bool:
    return bool(_LISTED_AFTER_RE.fullmatch(text, previous.end, q.start)) and not RESULT_BEFORE_RE.search(
        text, c_start, q.start)


#: Between a target and the next count of its list: its name's end, then a comma.
_LISTED_AFTER_RE = regex.compile(r"[^;:.,]{0,60},\s*")


def _counted(words: str) -> str:
    """The counted noun of "Số <noun> …": the longest known one ("doanh nghiệp"), else the first word."""
    folded = words.lower().split()
    for k in range(len(folded), 1, -1):
        if " ".join(folded[:k]) in COUNTED_NOUNS:
            return " ".join(folded[:k])
    return folded[0]


#: How far before and after a value the phrases that qualify it are looked for: every such pattern is
#: bounded (the longest reaches about 230 characters), and a search that ran to the clause's start or the
#: text's end made each value of a long line cost the whole line.
_REACH = 320


#: A word every statement of a reached result holds (`RESULT_BEFORE_RE`), found by a plain search first.
_RESULT_WORDS_RE = re.compile(r"đã|ước|hiện\s+nay|tương\s+đương|tính\s+đến|qua\s+các\s+năm", re.IGNORECASE)


def _strive_before(text: str, clause_start: int, end: int) -> bool:
    """Does "phấn đấu" stand in the clause before `end`? Found once per text, then looked up."""
    spans = _strive_spans(text)
    k = bisect_left(spans, (clause_start, clause_start))
    return k < len(spans) and spans[k][1] <= end


@lru_cache(maxsize=16)
def _strive_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _STRIVE_BEFORE_RE.finditer(text)]


def _is_target(q: Quantity, text: str, clause_start: int, breakdown_units: frozenset[str],
               listed: bool = False) -> bool:
    marked = q.percent or q.rank or q.value_max is not None or q.after_comparator or q.fixed_unit or q.fraction
    if q.unit is None and not (marked or q.comparator_word or q.change):
        return False  # a bare number with no noun and no target word ("Hôm nay: 110"), before any look-around
    near = max(clause_start, q.number_start - _REACH)  # the bounded look-back of the patterns below
    after = q.end + _REACH
    # the REVERSE patterns ending in "$" are matched at the number (`match`), not searched for before it
    said_done = _RESULT_WORDS_RE.search(text, near, q.number_start) is not None  # cheap: most clauses have none
    if (said_done and RESULT_BEFORE_RE.match(text, near, q.number_start)
            and not _FORECAST_RE.match(text, near, q.number_start)) or BASE_VALUE_BEFORE_RE.match(
            text, near, q.number_start):  # up to the number: "năm 2023 ước đạt 100%" keeps its "đạt"
        return False  # "Hiện nay toàn tỉnh có …", "đã đạt …", "(tương đương 4.510 USD)", "(năm 2017 là 47,24)"
    if RESULT_AFTER_RE.match(text, q.end, after) and not _strive_before(text, clause_start, q.start):
        return False  # "100% huyện, thành phố đều đã có xã đạt chuẩn": reached
    if THRESHOLD_BEFORE_RE.match(text, near, q.number_start):
        return False  # "không còn xã dưới 10 tiêu chí": the threshold of an end state
    if q.comparator_word == "từ" and _TO_AFTER_RE.match(text, q.end, after):
        return False  # "giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 …": where the change starts, not its target
    if _AS_OF_AFTER_RE.match(text, q.end, after):
        return False  # "dân số là 42.875 người (tính đến 31/12/2024)": a count as of a date, a description
    if _PLAN_DONE_AFTER_RE.match(text, q.end, after):
        return False  # "giảm 57,3% đạt 315 % so kế hoạch", "đạt 85% dân số, vượt chỉ tiêu kế hoạch …": a plan's result
    if _ONE_OF_AFTER_RE.match(text, q.end, after) and _IS_BEFORE_RE.search(text, max(0, q.number_start - 8), q.number_start):
        return False  # "Đây là 1 trong 10 chỉ tiêu": a place in a set
    if marked:
        return True
    if q.comparator_word or (q.change and q.unit == "lần"):
        return True  # … "Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP"
    if q.unit is None:
        return False  # a bare number with no noun and no target word ("Hôm nay: 110")
    if q.unit in breakdown_units:
        return True  # "500 hộ, trong đó, dịch vụ - thương mại 421 hộ; …"
    if listed:
        return True  # a list after a goal lead-in's colon: "Chỉ tiêu trồng trọt: Diện tích lúa 22.540 ha; ngô …"
    if _strive_before(text, clause_start, q.start):
        return True  # "Phấn đấu xây dựng 17 xã nông thôn mới", "phấn đấu có thêm 12 xã …"
    if _QUANTITY_OF_RE.match(text, max(clause_start, q.start - _REACH), q.start):
        return True  # "số lượng mẫu quan trắc 240 mẫu/năm": the number of what the plan will do
    if _BREAKDOWN_AFTER_RE.match(text, q.end, after):
        return True  # a total broken down next: "Tổng diện tích gieo trồng 772 ha, trong đó: Lúa 507 ha; …"
    before = text[clause_start:q.start].rstrip()
    if before.endswith(":"):
        return True  # "Năm 2022: 94 xã", "Tổng vốn đầu tư (5 năm): 1.085tỷđ"
    s, e = _trim(text, clause_start, q.start)
    return s >= e  # a count opening its clause: "05 sáng kiến, đề tài …"


def _last_separator(text: str, s: int, e: int) -> tuple[int, int] | None:
    last = None
    depth = 0
    for m in _SEPARATOR_RE.finditer(text, s, e):
        depth = text.count("(", s, m.start()) - text.count(")", s, m.start())
        if depth <= 0:
            last = (m.start(), m.end())
    return last


def targets_in_block(index: int, block: Block, goal_context: bool, targets_list: bool = False) -> list[ProseTarget]:
    """Every prose target a body block states; in an item of a list of targets (under "Các chỉ tiêu chủ
    yếu", "Chỉ tiêu về kinh tế") a value with its unit is a target without a target word ("+ Lúa 507 ha",
    "- Dân số trung bình 7.129 người")."""
    text = block.text
    has_digit = DIGIT_RE.search(text) is not None
    if not goal_context and not has_digit:
        return []  # outside a goal section only a number makes a target (ranks are numbers too)
    marker = _ITEM_MARKER_RE.match(text)
    lo = marker.end() if marker else 0
    if not has_digit and QUALITATIVE_RE.search(text) is None and EXISTENCE_RE.match(text, lo) is None:
        return []  # with no number, only a quality phrase or an item opening with "Có" states a target
    out: list[ProseTarget] = []
    reporting = False  # after "… đã đạt được những kết quả tích cực." the sentences report results
    reported = False  # the sentence before gave numbers and no target: "Hiện nay … là 87 trạm."
    for s_start, s_end in _sentences(text, lo):
        if _REPORT_INTRO_RE.search(text, s_start, s_end) or (
                _RETROSPECT_RE.match(text, s_start, s_end) and not GOAL_WORDS.search(text, s_start, s_end)):
            reporting = True  # "Trong 5 năm qua, Đảng bộ … đã tận dụng …": what follows tells the past
            continue
        if reporting and not GOAL_WORDS.search(text, s_start, s_end):
            continue
        if reported and _PART_OF_BEFORE_RE.match(text, s_start, s_end) and not GOAL_WORDS.search(text, s_start, s_end):
            continue  # "Trong đó, có 28 trạm 5G …": the parts of a report are reported too
        reporting = False
        numbers_here = False
        sentence_year_pos = s_end
        found_in_sentence: list[ProseTarget] = []
        breakdown: frozenset[str] = frozenset()
        # "Chỉ tiêu sản xuất trồng trọt: Diện tích lúa 22.540 ha; ngô 4.850 ha": a goal lead-in and a colon
        colon = text.find(":", s_start, s_end)
        if colon >= 0 and _VALUE_AFTER_COLON_RE.match(text, colon + 1, s_end):
            colon = -1  # "Sản lượng lúa:2.961 tấn; Sản lượng bắp: 14 tấn": a value's colon, not a list's title
        listed_from = colon if colon >= 0 and GOAL_WORDS.search(text[s_start:colon]) else s_end
        if targets_list and marker is not None:
            listed_from = min(listed_from, s_start)
        # "… với tổng kinh phí thực hiện gần 670 tỷ đồng, từ các nguồn: chương trình 30a (gần 70 tỷ đồng); …":
        # the parts of the plan's cost are spending too
        spent_from = colon if colon >= 0 and SPENDING_NAME_RE.search(text, s_start, colon) else s_end
        for c_start, c_end in _clauses(text, s_start, s_end):
            found = [q for q in find_quantities(text, c_start, c_end) if q.start < spent_from]
            numbers_here = numbers_here or bool(found)
            quantities = _targets_of(found, text, c_start, breakdown, listed_from)
            if quantities:
                sentence_year_pos = min(sentence_year_pos, quantities[0].start)
                found_in_sentence.extend(_clause_targets(index, text, c_start, c_end, quantities))
                b = BREAKDOWN_RE.search(text, quantities[0].end, c_end)
                if b and quantities[0].unit:
                    breakdown = frozenset({quantities[0].unit})
                    # the parts in brackets may count something else ("4.758,5 MW (gồm 166 dự án thủy điện; …)")
                    bracketed = b.group().startswith("(")
                    found_in_sentence.extend(_clause_targets(index, text, b.end(), c_end, [
                        q for q in found if q.start > b.end() and q not in quantities
                        and (q.unit in breakdown or (bracketed and q.unit))]))
            if goal_context:
                found_in_sentence.extend(_qualitatives(index, text, c_start, c_end, lo, found))
        reported = numbers_here and not found_in_sentence
        if not found_in_sentence:
            continue
        sentence_year = first_year(text, s_start, sentence_year_pos)
        deadline = None
        lead = _lead_in(text, s_start, colon) if 0 <= colon < s_end else ""
        names = [_whole_name(text, t, lead if t.start > colon >= 0 else "") for t in found_in_sentence]
        completions = list(_COMPLETION_RE.finditer(text, s_start, s_end)) if found_in_sentence else []
        for k, t in enumerate(found_in_sentence):
            c = next((c for c in completions if c.start() >= t.end), None)  # found once a sentence
            if c:
                deadline = text[c.end():s_end].strip(" .;,")
            name = names[k]
            if _says_nothing(name, t.unit) and not t.qualitative:
                # what is measured carries over from the target before, else from the next one of the
                # sentence ("… cho đến khi đạt tỷ lệ 100%"; "năm 2022 là 22 xã và số xã chuyển đổi số …")
                name = (out[-1].name if out else
                        next((n for n in names[k + 1:] if not _says_nothing(n, t.unit)), name))
            out.append(replace(t, name=name, sentence_year=sentence_year, deadline_text=deadline))
    return out


#: A sentence that gives the parts of the one before ("Trong đó, có 28 trạm 5G …", "Trong số đó …").
_PART_OF_BEFORE_RE = regex.compile(r"\s*Trong\s+(?:số\s+)?đó\b", regex.IGNORECASE)


def _qualitatives(index: int, text: str, s: int, e: int, item_start: int,
                  quantities: list[Quantity]) -> list[ProseTarget]:
    """Qualitative targets of a clause: its comma- or "và"-separated parts that hold no number."""
    # A quality phrase never spans a separator, so a clause without one has none in any part; then only
    # the item's first part can state a target, by existence ("Có …")
    quality = QUALITATIVE_RE.search(text, s, e)
    if quality is None and not (s == item_start and EXISTENCE_RE.match(text, s, e)):
        return []
    bounds = [s]
    for m in _PART_SPLIT_RE.finditer(text, s, e):
        depth = text.count("(", s, m.start()) - text.count(")", s, m.start())
        if depth <= 0:
            bounds.extend([m.start(), m.end()])
    bounds.append(e)
    out = []
    for ps, pe in zip(bounds[::2], bounds[1::2], strict=True):
        if (any((ps <= q.number_start < pe or ps < q.end <= pe or _counted_with(text, q.end, ps))
                and not THRESHOLD_BEFORE_RE.search(text, ps, q.number_start) for q in quantities)  # a threshold's number
                or (quality is None and ps != s)):
            continue
        found = _qualitative(index, text, ps, pe, item_start if ps == s else -1)
        if found:
            out.append(found)
    if len(out) > 1 and quality is None:
        out = out[:1]
    return out


def _counted_with(text: str, value_end: int, part_start: int) -> bool:
    """Is a part the last of the nouns a value counts ("100% xã, phường, | thị trấn đạt chuẩn …")?"""
    if part_start <= value_end:
        return False
    nouns = [n.strip().lower() for n in text[value_end:part_start].split(",")]
    return bool(nouns) and all(not n or n in COORDINATED_NOUNS for n in nouns) and any(nouns)


def _qualitative(index: int, text: str, s: int, e: int, item_start: int) -> ProseTarget | None:
    m = QUALITATIVE_RE.search(text, s, e)
    existence = s == item_start and EXISTENCE_RE.match(text, s, e)
    if not m and not existence:
        return None
    if m and AIM_BEFORE_RE.search(text, s, m.start()):
        return None
    qs, qe = _trim(text, s, e)
    qs = _cut_at_goal_words(text, qs, qe)
    if qe - qs < 8:
        return None
    name_s, name_e = _trim(text, qs, qe)
    return ProseTarget(index, _name_of(text, name_s, name_e), None, None, None, None, True,
                       text[qs:qe], qs, qe, first_year(text, s, e), None, None)


@dataclass(slots=True)
class _Segment:
    """One target of a clause while the clause is being divided (mutable, local to this module)."""

    q: Quantity
    seg_start: int  # where its own text starts (after the previous target)
    prefix: tuple[int, int]  # its name when written before the value
    next_start: int  # where the next quantity starts
    value_first: bool
    name_end: int  # where its name ends when written after the value


def _clause_targets(index: int, text: str, c_start: int, c_end: int,
                    quantities: list[Quantity]) -> list[ProseTarget]:
    segments = _divide_clause(text, c_start, c_end, quantities)
    yearly = bool(YEARLY_INCREASE_RE.search(text, c_start, c_end))
    previous_end = 0
    out: list[ProseTarget] = []
    for sg in segments:
        q = sg.q
        ps, pe = sg.prefix
        if sg.value_first:
            ns, ne = _trim(text, q.end, sg.name_end)
            qs, qe = q.start, max(q.end, ne)
            name = _name_of(text, ns, ne)
            if name and q.unit and q.unit != "%" and not q.fixed_unit and len(name.split()) <= _SHORT_NAME_WORDS:
                name = f"{q.unit} {name}"  # "20 dự án lớn": "dự án lớn", not "lớn"
        else:
            qs, qe = (ps if ps < pe else q.start), q.end
            name = _name_of(text, ps, pe)
            if (not name or _ELLIPTICAL_RE.fullmatch(name)) and out:
                previous = out[-1].name  # elliptical: ", chiếm 8%", "cấp xã đạt 15%"
                share = q.comparator_word == "chiếm" or name.lower() == "chiếm"
                name = f"tỷ trọng {previous[:1].lower()}{previous[1:]}" if share else previous
        if not name and q.unit and q.unit != "%":
            name = q.unit
        unit = q.unit
        if unit is None and not q.percent:
            counted = _COUNTED_NOUN_RE.match(name)
            unit = _counted(counted.group("noun")) if counted else None  # "số xã … năm 2023 là 9"
        if SPENDING_NAME_RE.search(name):
            continue
        if yearly:
            # a yearly increase and its end state take a year only from their own clause
            year = first_year(text, c_start, c_end)
        else:
            # the year before a value is its own from the first separator after the value before it
            # ("20% GRDP và đến năm 2030, kinh tế số phải đạt 30%": 2030 is the second value's)
            sep = _SEPARATOR_RE.search(text, previous_end, q.start) if previous_end else None
            year_from = sep.end() if sep else sg.seg_start
            year = first_year(text, year_from, q.start, last=True)
            if year is None and not q.change:  # after a change comes its base, then the next target
                tail = max(qe, q.end) if sg.value_first else min(sg.next_start, q.end + 40)
                sep_after = _SEPARATOR_RE.search(text, q.end, tail)
                if sep_after and _VALUE_AHEAD_RE.search(text, sep_after.end(), sg.next_start + 40):
                    tail = sep_after.start()  # "… còn dưới 25%, đến năm 2030 còn dưới 20%": 2030 is the next value's
                year = first_year(text, q.end, tail)
        out.append(ProseTarget(index, name, q.comparator, q.value, q.value_max, unit, False,
                               text[q.start:q.end], qs, qe, year, None, None, yearly, q.change))
        previous_end = q.end
    return out


#: A number ahead: the year after a separator leads into another value.
_VALUE_AHEAD_RE = regex.compile(r"\d")


def _divide_clause(text: str, c_start: int, c_end: int, quantities: list[Quantity]) -> list[_Segment]:
    """Give each target of a clause its own stretch of text: its name before or after its value."""
    segments: list[_Segment] = []
    cursor = c_start
    open_value_first: _Segment | None = None
    for k, q in enumerate(quantities):
        nxt_start = quantities[k + 1].start if k + 1 < len(quantities) else c_end
        if (not (q.percent or q.rank) and k + 1 < len(quantities)
                and _VERB_ONLY_RE.fullmatch(text, q.end, nxt_start)):
            continue  # "… khám sức khỏe định kỳ ít nhất 1 lần/năm là 15%": the count is in the name
        if open_value_first is not None:
            # split the gap after a value-first target between its name and this target's prefix
            sep = _last_separator(text, open_value_first.q.end, q.start)
            if sep is None:
                if not (q.percent or q.rank or (q.fixed_unit and q.comparator_word != "trên")):
                    continue  # "≥ 60% người dùng … tốc độ trên 01 Gbps/s": part of the name (an amount of money
                    # is not: "20 dự án lớn với tổng vốn đăng ký 10.000 tỷ đồng")
                open_value_first.name_end = q.start
                cursor = q.start
            else:
                open_value_first.name_end = sep[0]
                cursor = sep[1]
            if sep is None:
                # "20 dự án lớn với tổng vốn đăng ký 10.000 tỷ đồng": the first name ends at the connective
                joint = _JOINT_RE.search(text, open_value_first.q.end, q.start)
                if joint:
                    open_value_first.name_end, cursor = joint.start(), joint.end()
            open_value_first = None
        seg_start = _cut_at_goal_words(text, cursor, q.start)
        ps, pe = _trim(text, seg_start, q.start)
        value_first = ps >= pe or (_has_noun_after(text, q.end, nxt_start) and (q.percent or not q.rank)
                                   and not text[q.end:nxt_start].lstrip().startswith(","))
        segment = _Segment(q, seg_start, (ps, pe), nxt_start, value_first, c_end)
        if value_first:
            open_value_first = segment
        else:
            cursor = q.end
        segments.append(segment)
    return segments
