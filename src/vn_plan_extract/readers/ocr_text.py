"""What Tesseract's Vietnamese model misreads in a plan, put right from the text alone.

- Dust and what is left of ruling lines read as marks ("`", ":", "-" where the page has none), a "]"
  for the dot under an "i" ("đơn vị]"), marks glued to a cell's value ("%.", "90%:").
- A capital marked vowel inside a small word ("sỐ", "ĐƠn"); a word's lost space ("xãhội", in
  `lexicon.syllables`).
- A heading's numeral and its dot ("H." → "II.", "HI-" → "III.", "1;" → "1."), and Roman-numbered
  headings put back in turn where an "I" was lost.
- Row numbers: the marks around them, a misread group numeral, and an unreadable one numbered from its
  neighbours ("3", ?, ?, "6").

`ocr.py` reads the page image; this module only mends the words and lines it reads.
"""

from __future__ import annotations

import regex

from ..lexicon.markers import is_roman, roman_value
from ..lexicon.syllables import is_vietnamese_syllable

#: What a row-number cell ("STT") may hold: numbers, Roman numerals, list letters and their marks.
_ROW_NUMBER_CHARACTERS = "0123456789IVXabcdđe.,)-/"
def plausible_word(word: str) -> bool:
    """A word as plans have them: a Vietnamese syllable, a number, or an abbreviation in capitals."""
    core = word.strip(".,:;!?()[]\"'“”‘’-–")
    if not core:
        return False
    if core.lstrip("<>≤≥=").replace(".", "").replace(",", "").replace("/", "").replace("%", "").isdigit():  # ">80%"
        return True
    return core.isalpha() and (is_vietnamese_syllable(core) or (core.isupper() and core.isascii() and len(core) > 1))


def cased(word: str) -> str:
    """Tesseract's Vietnamese model often reads a marked vowel inside a word in the wrong case ("sỐ",
    "đỘ", "ĐƠn"): a capital marked letter next to a small letter, in a word that is no abbreviation
    ("QĐ-TTg", "UBND": capitals of the Latin alphabet past its first letter), is made small."""
    if not any(c.islower() for c in word) or any(c.isupper() and c.isascii() for c in word[1:]):
        return word
    out = [word[0]]
    for k in range(1, len(word)):
        c = word[k]
        beside = word[k - 1].islower() or (k + 1 < len(word) and word[k + 1].islower())
        out.append(c.lower() if c.isupper() and not c.isascii() and beside else c)
    return "".join(out)


#: Marks standing alone at the end of a line or cell, or glued to the start of a cell: dust read as text.
_TRAILING_MARKS_RE = regex.compile(r"(?:\s+[-.,:;'`‘’\"_~—–]+)+$")
_LEADING_MARKS_RE = regex.compile(r"^[.,:;'`‘’_~—–]+\s*(?=\S)|^[-—–]\s*$")
#: A cell's value with a mark glued after it ("%.", "%-", "90%:"): cells end in no such mark.
_CELL_END_MARKS_RE = regex.compile(r"(?<=[%\d\p{L}])[-:;'`_~—–]+$|(?<=%)\.$")
#: "]" with no "[" before it, where Tesseract read the dot below an "i" ("đơn vị]", "đơn v]").
_STRAY_BRACKET_RE = regex.compile(r"(?<=\p{L})\](?=\s|$|[,.;])")


#: A mark standing alone before a line's first word (". đấu đạt ≥ 95%"): no line of a plan opens so.
_LINE_LEADING_MARKS_RE = regex.compile(r"^[.,:;'`‘’_~]{1,2}\s+(?=\p{L})")


def without_dust(text: str, cell: bool) -> str:
    text = _TRAILING_MARKS_RE.sub("", text)
    if "[" not in text:
        text = _STRAY_BRACKET_RE.sub(_bracket_letter, text)
    if cell:
        return _CELL_END_MARKS_RE.sub("", _LEADING_MARKS_RE.sub("", text))
    return _LINE_LEADING_MARKS_RE.sub("", text)


def _bracket_letter(found: regex.Match[str]) -> str:
    word = regex.search(r"\p{L}+$", found.string[:found.start()])
    stem = word[0] if word else ""
    return "" if is_vietnamese_syllable(stem) else "ị"


#: How Tesseract misreads the Roman numeral of a heading in capitals ("II." → "H.", "III." → "HI-").
_ROMAN_MISREAD = {"H": "II", "HI": "III", "IH": "III", "In": "III", "Ill": "III", "lll": "III", "IIl": "III", "Il": "II",
                  "ll": "II",
                  "1": "I", "l": "I", "L": "I", "IY": "IV", "TV": "IV", "VL": "VI", "Vl": "VI", "VH": "VII"}
#: A heading's number, then what Tesseract leaves of its dot, then the heading's first capital word.
_HEADING_START_RE = regex.compile(r"^(?P<number>[IVXHLlTY1]{1,4})(?P<sep>[\s.,:;\-–]*?)\s*(?P<word>\p{Lu}{2,}\b)")


#: "1; Mục đích", "1, Mục tiêu chung": a heading's dot read as a comma or semicolon (prose never opens
#: a line with a bare number, a comma and a capital).
_ARABIC_HEADING_RE = regex.compile(r"^(?:[-—–.]+\s*)?(?P<number>\d{1,2}(?:\.\d{1,2})?)[,;:]\s+(?=\p{Lu}\p{Ll})")


def heading_number(text: str) -> str:
    """A line that opens with a Roman numeral and a title in capitals gets its numeral and dot back:
    "I MỤC ĐÍCH" → "I. MỤC ĐÍCH", "HI- QUAN ĐIỂM" → "III. QUAN ĐIỂM", "ICÁC CHỈ TIÊU" → "I. CÁC …"."""
    arabic = _ARABIC_HEADING_RE.match(text)
    if arabic is not None:
        return f"{arabic['number']}. {text[arabic.end():]}"
    found = _HEADING_START_RE.match(text)
    if found is None or not text[found.end("word"):].lstrip()[:1].isupper():
        return text  # a title in capitals goes on in capitals
    number = _ROMAN_MISREAD.get(found["number"], found["number"])
    if not is_roman(number):
        return text
    if found["sep"].strip() == "." and number == found["number"]:
        return text
    if not found["sep"] and is_vietnamese_syllable(found["number"] + found["word"]):
        return text  # one word in capitals ("VIỆT"), not a numeral glued to one
    return f"{number}. {text[found.start('word'):]}"


#: The numerals of a plan's parts, by value (the next one where an "I" was lost).
_ROMAN_OF = {roman_value(r): r for r in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")}
_ROMAN_HEADING_RE = regex.compile(r"^(?P<number>[IVX]{1,4})\.\s+(?=\p{Lu}{2})")


def headings_in_turn(texts: list[str | None]) -> list[str | None]:
    """Roman-numbered headings read by OCR put back in turn where an "I" was lost: "II." after "II."
    is "III.", "I." after "I." is "II." (a plan's parts follow one another; an appendix that starts
    again at "I." follows a higher numeral, and is left alone). None stands for a line not read by OCR."""
    out = list(texts)
    previous = 0
    for k, text in enumerate(texts):
        found = _ROMAN_HEADING_RE.match(text) if text else None
        if found is None or text is None:
            continue
        value = roman_value(found["number"]) if is_roman(found["number"]) else 0
        if value and value == previous and previous + 1 in _ROMAN_OF:
            value = previous + 1
            out[k] = f"{_ROMAN_OF[value]}." + text[found.end("number") + 1:]
        previous = value
    return out


_ROW_NUMBER_RE = regex.compile(r"(?:\d{1,3}(?:\.\d{1,2}){0,2}|[IVX]{1,5}|[a-zđ]|[A-E])[.)]?")


def row_number(text: str) -> str | None:
    """What a row-number cell says, once the marks Tesseract reads around a number are gone and a
    misread Roman numeral is given back ("=8" → "8", "H" → "II", "In" → "III"); None for what is
    no row number ("¬", "TT,")."""
    core = "".join(ch for ch in text if ch in _ROW_NUMBER_CHARACTERS or ch.isalpha()).lstrip(".,-/").rstrip(",-/")
    if core and not core[0].isdigit():
        core = _ROMAN_MISREAD.get(core, _ROMAN_MISREAD.get(core.rstrip(".)"), core))
    return core if core and _ROW_NUMBER_RE.fullmatch(core) else None


_LETTERS_IN_TURN = "abcdđefghiklmnopqrstuvxy"


def letters_in_turn(numbers: list[str | None]) -> list[str | None]:
    """Row numbers that are list letters kept only where they follow in turn ("a", "b", "c" under a
    group): a lone "h" between "3" and "5" is a misread "4", and is made unreadable so that it is read
    again or numbered from its neighbours."""
    out = list(numbers)
    previous: str | None = None  # the last letter since the last number
    for k, number in enumerate(numbers):
        letter = number.rstrip(".)") if number else None
        if not letter or len(letter) != 1 or letter not in _LETTERS_IN_TURN:
            previous = None if _value(number) is not None else previous
            continue
        before = _LETTERS_IN_TURN[_LETTERS_IN_TURN.index(letter) - 1] if letter != "a" else None
        if letter != "a" and previous != before and not (letter == "e" and previous == "d"):  # "đ" may be left out
            out[k] = None
        previous = letter
    return out


def _value(number: str | None) -> int | None:
    return int(number.rstrip(".")) if number and number.rstrip(".").isdigit() else None


def numbered_in_turn(numbers: list[str | None], inked: list[bool]) -> list[str | None]:
    """Unreadable inked row numbers filled in where the readable ones around them leave exactly one
    way: "3", ?, ?, "6" gives 4 and 5 (rows under a group heading are skipped over, not counted)."""
    out = list(numbers)
    for k, number in enumerate(numbers):  # "1" read as "l", taken for the Roman "I": a group "I" is
        following = next((n for n in numbers[k + 1:] if n), None)  # followed by "1", never by "2"
        if number in {"I", "I."} and following is not None and _value(following) == 2:
            out[k] = "1"
    numbers = list(out)
    anchor: int | None = None  # index of the last readable arabic number
    gap: list[int] = []
    for k, number in enumerate([*numbers, None]):
        if k < len(numbers) and number is None and inked[k]:
            gap.append(k)
            continue
        value = _value(number) if k < len(numbers) else None
        if k < len(numbers) and value is None:
            continue  # a group's numeral, or an empty cell
        start = _value(numbers[anchor]) if anchor is not None else None
        if gap:
            if start is not None and (value is None or value - start - 1 == len(gap)):
                for step, j in enumerate(gap, 1):
                    out[j] = str(start + step)
            elif value is not None and start is None and value - len(gap) >= 1:
                for step, j in enumerate(gap):
                    out[j] = str(value - len(gap) + step)
        gap = []
        anchor = k if k < len(numbers) else anchor
    return out
