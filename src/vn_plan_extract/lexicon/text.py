"""Text folding for comparison: what varies in real files but means the same.

Quotes keep the source as it is; comparisons run on a folded copy: case, diacritics ("hoá"/"hóa",
"tỉ"/"tỷ", "Quí"/"Quý"), "Ð" for "Đ", and runs of whitespace.
"""

from __future__ import annotations

import unicodedata

_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})


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
