"""Vietnamese numbers as plans write them."""

from __future__ import annotations

import re

import regex

from ..lexicon.columns import MONEY_AMOUNT_RE, MONEY_WORDS

#: A number as written: dot thousands ("8.073", "445.730") or plain digits, then a decimal comma.
NUMBER_PATTERN = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
NUMBER_RE = regex.compile(NUMBER_PATTERN)
#: Any digit: a text without one holds no number (the standard engine: a third of `regex`'s cost for a
#: call this simple).
DIGIT_RE = re.compile(r"\d")
_DOT_THOUSANDS_RE = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def parse_vn_number(text: str) -> float | int:
    """Parse a number written the Vietnamese way.

    >>> parse_vn_number("8.073")
    8073
    >>> parse_vn_number("2,5")
    2.5
    >>> parse_vn_number("02")
    2
    >>> parse_vn_number("70,0")
    70
    >>> parse_vn_number("445.730")
    445730
    >>> parse_vn_number("1.184,5")
    1184.5
    """
    digits = text.strip().replace(" ", "")
    if _DOT_THOUSANDS_RE.fullmatch(digits):
        digits = digits.replace(".", "")
    digits = digits.replace(",", ".")
    value = float(digits)
    return int(value) if value.is_integer() else value


def money_amount(text: str, table_unit: str | None) -> tuple[float | int | None, str | None]:
    """The amount a budget cell states and its unit: in the table's money unit where the cell writes
    its own ("12,5tỷ" in a table in triệu đồng is 12 500), else as written with the cell's unit.

    >>> money_amount("30 triệu đồng", "triệu đồng"), money_amount("50tr", "triệu đồng")
    ((30, 'triệu đồng'), (50, 'triệu đồng'))
    >>> money_amount("12,5tỷ", "triệu đồng"), money_amount("1.200.000đ", "triệu đồng")
    ((12500, 'triệu đồng'), (1.2, 'triệu đồng'))
    >>> money_amount("1.200.000đ", None), money_amount("450", None), money_amount("Ngân sách xã", None)
    ((1200000, 'đồng'), (450, None), (None, None))
    """
    found = MONEY_AMOUNT_RE.search(text)
    if found is None:
        return None, table_unit
    value = parse_vn_number(found["num"])
    written = " ".join(found["unit"].lower().split()) if found["unit"] else None
    if written is None:
        return value, table_unit
    worth = MONEY_WORDS[written]
    table_worth = MONEY_WORDS.get(" ".join(table_unit.lower().split())) if table_unit else None
    if table_worth is None:
        unit = {1: "đồng", 1e3: "nghìn đồng", 1e6: "triệu đồng", 1e9: "tỷ đồng"}[worth]
        return value, unit
    scaled = round(value * worth / table_worth, 6)
    return (int(scaled) if float(scaled).is_integer() else scaled), table_unit
