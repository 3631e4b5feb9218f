"""Quantities in a clause: a value with its comparator, range, unit and rank, or a reason to skip it.

A plan's text is full of numbers that are not targets: document numbers (57-NQ/TW), dates, years,
levels that are kinds ("mức độ 2"), ages ("từ 15 tuổi trở lên"), restatements ("tăng 42,9% so với năm
2015") and codes ("5G", "ISO 9001:2015"). This module finds the numbers that can be target values and
reads what surrounds them; deciding which of them are targets is `targets.py`'s job.
"""

from __future__ import annotations

import regex

from ..document import frozen
from ..lexicon.targets import (
    AFTER_COMPARATOR_RE,
    AFTER_COMPARATORS,
    CHANGE_AGAINST_RE,
    CHANGE_RESTATES_RE,
    COMPARATOR_RE,
    COMPARATOR_WORDS,
    COORDINATED_NOUNS,
    COUNTED_NOUNS,
    FILLER_RE,
    FIXED_UNIT_RE,
    GLUED_UNIT_RE,
    MULTIPLE_AFTER_RE,
    MULTIPLE_BEFORE_RE,
    NOT_UNIT_WORDS,
    NOT_VALUE_AFTER_RE,
    NOT_VALUE_BEFORE_RE,
    ONE_WORD_UNITS,
    RANGE_JOINERS,
    RANK_PHRASES,
    RANK_UNIT,
    UNIT_MAX_WORDS,
    UNIT_STOP_WORDS,
)
from .numbers import DIGIT_RE, NUMBER_PATTERN, parse_vn_number

#: A number standing on its own: not glued to a word, a code or a date on its left.
#: ("Sản lượng lúa:2.961 tấn": a colon after a word opens a value; after a digit it is a time or a ratio)
_NUMBER_RE = regex.compile(rf"(?:(?<![\w.,/:\-–])|(?<=[^\W\d_]:)){NUMBER_PATTERN}(?!\d)")
_RANGE_RE = regex.compile(
    rf"\s*%?\s*(?:{'|'.join(regex.escape(j) for j in RANGE_JOINERS)})\s*(?P<num>{NUMBER_PATTERN})(?![\d/])"
)
_PERCENT_RE = regex.compile(r"\s?%")
_SPACES_RE = regex.compile(r"\s*")


def _spaces_end(text: str, pos: int) -> int:
    """Where the run of spaces at `pos` ends (the pattern matches the empty run too)."""
    m = _SPACES_RE.match(text, pos)
    return m.end() if m else pos
#: A capitalised label of the next item ("Hôm qua: 389") follows a bare number on web pages.
_LABEL_AFTER_RE = regex.compile(r"\s*(?:[^\s:]+\s+){0,2}[^\s:]+:")
_UNIT_TOKEN_RE = regex.compile(r"[^\W\d_][\w&]*\.?(?:/[\w.]*\w)*|/[\w.]*\w")

#: ", thành phố" after a counted noun: the next noun of a list counted together (three words, two or one).
_COORDINATED_RES = tuple(regex.compile(r",\s*(?P<noun>[^\W\d_]+" + r"\s+[^\W\d_]+" * extra + r")(?!\w)")
                         for extra in (2, 1, 0))


def _coordinated(text: str, pos: int) -> regex.Match[str] | None:
    for pattern in _COORDINATED_RES:
        m = pattern.match(text, pos, pos + 80)  # three words: bounded, as is the pattern
        if m and m.group("noun").lower() in COORDINATED_NOUNS:
            return m
    return None
#: "ở mức" before a number: the value a measure is to stay at, not a level's name.
_AT_LEVEL_RE = regex.compile(r"ở\s+mức\s*$", regex.IGNORECASE | regex.REVERSE)
#: "giảm hàng năm 5 - 7%": how often, so the number after it is no year's number.
_FREQUENCY_BEFORE_RE = regex.compile(r"(?:hàng|hằng|mỗi)\s+năm\s*$", regex.IGNORECASE | regex.REVERSE)
#: "4/5 trường học": four of the five.
_FRACTION_RE = regex.compile(r"/(\d{1,3})(?![\d/])")
_DAY_BEFORE_RE = regex.compile(r"ngày\s*$", regex.IGNORECASE | regex.REVERSE)
_TIMES_AFTER_RE = regex.compile(r"\s*lần")
#: The last comma, semicolon or bracket before a change: what stands after it is the change's own part.
_PART_START_RE = regex.compile(r"[,;(][^,;(]*$", regex.REVERSE)

@frozen
class Quantity:
    start: int  # start of the comparator phrase (or of the number)
    number_start: int
    end: int  # end of number, range, unit and "trở lên"
    value: float
    value_max: float | None
    comparator: str
    comparator_word: str  # as written, "" when bare
    unit: str | None
    percent: bool
    rank: bool
    fixed_unit: bool  # a money or measure unit from the lexicon ("tỷ đồng", "596tỷđ")
    after_comparator: bool
    fraction: bool = False  # "4/5 trường học": 4 of the 5
    change: bool = False  # "tăng 9-11% so với năm 2017", "tăng gấp 2 lần": a change against a base


def _unit_case(word: str) -> str:
    """Lower-case a capitalised Vietnamese word ("Trường") but keep abbreviations ("VNeID", "Gbps", "Tr.")."""
    if word[:1].isupper() and word[1:].islower() and not word.endswith(".") and not word.isascii():
        return word.lower()
    return word


def _read_unit(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun after a number: at most `UNIT_MAX_WORDS` words, ending at a stop word."""
    m = FIXED_UNIT_RE.match(text, pos)
    if m:
        return m.group("unit"), m.end()
    words: list[str] = []
    end = pos
    cursor = pos
    first = _spaces_end(text, pos)
    first_upper = text[first:first + 1].isupper()
    while len(words) < UNIT_MAX_WORDS + any("/" in w for w in words) or _opens_counted_noun(words):
        cursor = _spaces_end(text, cursor)
        m = _UNIT_TOKEN_RE.match(text, cursor)
        if not m:
            break
        token = m.group().rstrip(".")
        if token.lower() in UNIT_STOP_WORDS or (not words and token.lower() in NOT_UNIT_WORDS):
            break
        words.append(_unit_case(token))
        end = cursor + len(token)
        cursor = end
        if not token.startswith("/") and "/" not in token and text[end:end + 1] == "/":
            continue
    if not words or (first_upper and _LABEL_AFTER_RE.match(text, pos)):
        return None, pos  # "110 Hôm qua: 389": the words are the next item's label
    kept = _counted_noun(words)
    if kept < len(words):
        end = _end_of_words(text, pos, kept)
        words = words[:kept]
    unit = " ".join(words).replace(" /", "/")
    if unit.lower() in COORDINATED_NOUNS or unit.lower() in COUNTED_NOUNS:
        # "huyện, thành phố", "thôn, làng", "sở, ban, ngành": nouns counted together make one unit
        while (m := _coordinated(text, end)) is not None:
            unit, end = f"{unit}, {_unit_case(m.group('noun'))}", m.end()
    return unit, end


#: Every proper beginning of a counted noun of several words ("cơ sở giáo" of "cơ sở giáo dục").
_COUNTED_NOUN_STARTS = frozenset(" ".join(n.split()[:k]) for n in COUNTED_NOUNS for k in range(1, len(n.split())))


def _opens_counted_noun(words: list[str]) -> bool:
    """Are the words read so far the beginning of a longer counted noun (read on to its end)?"""
    return " ".join(w.lower() for w in words) in _COUNTED_NOUN_STARTS


def _counted_noun(words: list[str]) -> int:
    """How many of the words after a number make its unit: the longest known counted noun that opens them,
    or a one-syllable counted noun alone; all of them for a per-unit form ("lớp tập huấn/năm") or words
    not known."""
    if any("/" in w for w in words):
        return len(words)
    folded = [w.lower() for w in words]
    for k in range(len(words), 1, -1):
        if " ".join(folded[:k]) in COUNTED_NOUNS:
            return k
    return 1 if folded[0] in ONE_WORD_UNITS else len(words)


def _end_of_words(text: str, pos: int, count: int) -> int:
    """Where the `count`-th unit token after `pos` ends."""
    cursor = pos
    for _ in range(count):
        cursor = _spaces_end(text, cursor)
        m = _UNIT_TOKEN_RE.match(text, cursor)
        if not m:
            break
        cursor += len(m.group().rstrip("."))
    return cursor


_COLON_END_RE = regex.compile(r"\s*:\s*$")
#: A time phrase at the end of a text ("vào năm 2025 ", "đến hết năm 2030, ").
_YEAR_END_RE = regex.compile(r"(?:vào|đến|trong|tới)?\s*(?:hết\s+|cuối\s+)?năm\s+(?:19|20)\d{2}[\s,]*$", regex.IGNORECASE)


#: Characters around a number in which the words that qualify it are looked for.
_WINDOW = 400


def _comparator_before(text: str, lo: int, start: int) -> tuple[str, str, int]:
    """The comparator written just before `start` (after position `lo`): (comparator, word, its start).

    The patterns that end in "$" are REVERSE: `match` tries them at the end of the text only, where
    `search` would try every position before it and fail at each (a tenth of the time on a long clause)."""
    lo = max(lo, start - _WINDOW)  # the comparator words stand just before the number
    left = text[lo:start]
    colon = _COLON_END_RE.search(left)
    if colon and COMPARATOR_RE.match(left[:colon.start()]):
        left = left[:colon.start()]  # "… đến năm 2030 dưới: 01%": the comparator before a list's colon
    m = COMPARATOR_RE.match(left)
    if not m:
        f = FILLER_RE.match(left)
        if f:
            m2 = COMPARATOR_RE.match(left[: f.start()])
            if m2 and m2.end() >= len(left[: f.start()].rstrip()):
                word = " ".join(m2.group().split()).lower()
                return COMPARATOR_WORDS.get(word, "="), word, lo + m2.start()
        return "=", "", start
    word = " ".join(m.group().split()).lower()
    comparator = COMPARATOR_WORDS.get(word, "=")
    if comparator == "=":
        # "tối thiểu đạt 25%": an explicit comparator before the verb governs the value
        # … or with a time between: "ít nhất vào năm 2025 đạt 40%"
        head = left[: m.start()]
        year = _YEAR_END_RE.search(head)
        head = head[: year.start()] if year else head
        before = COMPARATOR_RE.match(head)
        if before and before.end() >= len(head.rstrip()):
            earlier = " ".join(before.group().split()).lower()
            if COMPARATOR_WORDS.get(earlier, "=") != "=":
                return COMPARATOR_WORDS[earlier], earlier, lo + before.start()
    return comparator, word, lo + m.start()


def find_quantities(text: str, lo: int, hi: int) -> list[Quantity]:
    """Every number in text[lo:hi] that can be a target value, with what surrounds it."""
    if DIGIT_RE.search(text, lo, hi) is None:
        return []  # values and ranks are written in digits; most clauses of a plan hold none
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in RANK_PHRASES.finditer(text, lo, hi):
        num = m.group("top") or m.group("group")
        found.append(Quantity(m.start(), m.start(), m.end(), parse_vn_number(num), None, "<=",
                              "top", RANK_UNIT, False, True, False, False))
        taken.append((m.start(), m.end()))
    skip_to = lo
    for m in _NUMBER_RE.finditer(text, lo, hi):
        s, e = m.span()
        if s < skip_to or any(a <= s < b for a, b in taken):
            continue
        # what qualifies a number stands near it: every pattern below is bounded, and a window keeps
        # each number's cost the same however long its clause (a line of 5 000 numbers)
        after = text[e:min(hi, e + _WINDOW)]
        before = text[max(lo, s - _WINDOW):s]
        if after[:1] in {".", ","} and after[1:2].isdigit():
            continue  # "4.0", a version or a code
        if after[:1] in {"-", "/", "–"} and after[1:2].isalpha():
            continue  # 57-NQ/TW, 09/KH-UBND
        fraction = _FRACTION_RE.match(after)
        if after[:1] == "/" and not fraction:
            continue  # a date: 16/5/2025
        glued_unit = None
        if after[:1].isalpha():
            g = GLUED_UNIT_RE.match(after)
            if not g:
                continue  # 5G, 4G, 28x3
            glued_unit = g.group("unit")
        digits = m.group()
        percent = bool(_PERCENT_RE.match(after)) and glued_unit is None
        if fraction:
            if _DAY_BEFORE_RE.match(before):
                continue
            pos = e + fraction.end()
            whole = int(fraction.group(1))
            if parse_vn_number(digits) > whole:
                continue
        else:
            pos = e
        value = parse_vn_number(digits)
        if not percent and isinstance(value, int) and 1900 <= value <= 2100 and glued_unit is None and digits.isdigit():
            continue  # a year ("2.000 ha" with its thousands dot is no year)
        if (not percent and NOT_VALUE_AFTER_RE.match(before) and not _AT_LEVEL_RE.match(before)
                and not _FREQUENCY_BEFORE_RE.match(before)):
            continue  # "mức độ 2", "lần thứ 3" … but "ở mức 107 trẻ sơ sinh trai/100 …", "hàng năm 5 - 7%" are values
        if NOT_VALUE_BEFORE_RE.match(after):
            continue
        multiple = bool((MULTIPLE_BEFORE_RE.match(before) and _TIMES_AFTER_RE.match(after))
                        or MULTIPLE_AFTER_RE.match(after))
        value_max = None
        r = _RANGE_RE.match(text, pos, hi)
        if r and not fraction:
            value_max = parse_vn_number(r.group("num"))
            if value_max <= value:
                value_max = None
            else:
                pos = r.end()
                percent = percent or bool(_PERCENT_RE.match(text, pos, hi))
        unit: str | None
        fixed = False
        if percent:
            p = _PERCENT_RE.match(text, pos, hi)
            pos = p.end() if p else pos
            unit = "%"
        elif glued_unit:
            unit, pos, fixed = glued_unit, e + len(glued_unit), True
        else:
            fixed = bool(FIXED_UNIT_RE.match(text, pos, hi))
            unit, read = _read_unit(text[pos:min(hi, pos + _WINDOW)], 0)
            pos += read
        if unit and unit.split()[0].lower() in NOT_UNIT_WORDS and not percent:
            continue
        rest = text[pos:min(hi, pos + _WINDOW)]
        change = multiple or bool(CHANGE_AGAINST_RE.match(rest))
        if change:
            previous_end = max((q.end for q in found if q.end <= s), default=lo)
            part = _PART_START_RE.match(text, previous_end, s)
            if CHANGE_RESTATES_RE.fullmatch(text, part.start() + 1 if part else previous_end, s):
                continue  # "đạt 1.184 tỷđ, tăng gấp 2 lần so với năm 2015" restates the value before it
        comparator, word, cstart = _comparator_before(text, lo, s)
        after_cmp = False
        a = AFTER_COMPARATOR_RE.match(rest)
        if a:
            comparator = AFTER_COMPARATORS[" ".join(a.group("word").split()).lower()]
            pos += a.end()
            after_cmp = True
        if value_max is not None:
            comparator = ">="
        if comparator == ">" and percent and value == 100:
            comparator = "="  # "trên 100% máy tính" is "on 100% of computers", nothing can exceed it
        found.append(Quantity(cstart, s, pos, value, value_max, comparator, word, unit, percent,
                              False, fixed, after_cmp, bool(fraction), change))
        skip_to = pos
    found.sort(key=lambda q: q.start)
    return found
