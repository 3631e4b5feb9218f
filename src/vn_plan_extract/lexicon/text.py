"""Text folding for comparison: what varies in real files but means the same.

Quotes keep the source as it is; comparisons run on a folded copy: case, diacritics ("hoá"/"hóa",
"tỉ"/"tỷ", "Quí"/"Quý"), "Ð" for "Đ", and runs of whitespace.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from . import alternation

_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse whitespace.

    >>> fold("Phòng Văn hoá –  Xã hội") == fold("phòng văn hóa – xã hội")
    True
    >>> fold("Tỉ lệ"), fold("Đảng uỷ")
    ('ti le', 'dang uy')
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


#: Abbreviations of plan texts (shared/DOMAIN.md) and what they stand for; compared words only.
ABBREVIATIONS: dict[str, str] = {
    "TTHC": "thủ tục hành chính", "DVCTT": "dịch vụ công trực tuyến", "DVC": "dịch vụ công",
    "CBCCVC": "cán bộ, công chức, viên chức", "CCHC": "cải cách hành chính", "CĐS": "chuyển đổi số",
    "KHCN": "khoa học công nghệ", "ĐMST": "đổi mới sáng tạo", "ATTT": "an toàn thông tin",
    "CSDL": "cơ sở dữ liệu", "IOC": "trung tâm điều hành thông minh", "DTI": "chỉ số chuyển đổi số",
    "QLNN": "quản lý nhà nước", "KT-XH": "kinh tế - xã hội", "NTM": "nông thôn mới", "CNTT": "công nghệ thông tin",
    "TTĐT": "thông tin điện tử", "HCC": "hành chính công", "PVHCC": "phục vụ hành chính công",
}
_ABBREVIATION_RE = regex.compile(r"(?<!\w)" + alternation(tuple(ABBREVIATIONS)) + r"(?!\w)")


def expand_abbreviations(text: str) -> str:
    """Write out the plan abbreviations, for comparing names ("DVC trực tuyến" ~ "dịch vụ công trực tuyến").

    >>> expand_abbreviations("100% DVC trực tuyến toàn trình")
    '100% dịch vụ công trực tuyến toàn trình'
    """
    return _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group()], text)
