"""Deadline phrases of Vietnamese plans and the kind of deadline each one is.

Source: `shared/DOMAIN.md` ("Deadlines") and the "Thời gian hoàn thành" columns of `corpus/`.
"""

from __future__ import annotations

import regex

from . import FirstWords

QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

#: Recurring rhythms, with the kind they give.
RECURRING_PHRASES: dict[str, str] = {
    "thường xuyên": "ongoing", "liên tục": "ongoing", "hằng năm": "recurring", "hàng năm": "recurring",
    "hằng tháng": "recurring", "hàng tháng": "recurring", "hằng quý": "recurring", "hàng quý": "recurring",
    "định kỳ": "recurring", "hằng tuần": "recurring", "hàng tuần": "recurring",
}

DEADLINE_RE = regex.compile(
    r"""
      (?P<quarter>[Qq]u[ýíyi]\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|năm)\s*(?P<qy>(?:19|20)\d{2}))
    | (?P<half>6\s+tháng\s+(?P<which>đầu|cuối)\s+năm\s+(?P<hy>(?:19|20)\d{2}))
    | (?P<date>(?:trước\s+|đến\s+)?ngày\s+(?P<d>\d{1,2})\s*[/-]\s*(?P<dm>\d{1,2})\s*[/-]\s*(?P<dy>(?:19|20)\d{2}))
    | (?P<month>tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<my>(?:19|20)\d{2}))
    | (?P<schoolyear>[Nn]ăm\s+học\s+(?:19|20)\d{2}\s*[-–]\s*(?P<sy>(?:19|20)\d{2}))
    | (?P<period>[Gg]iai\s+đoạn\s+(?:19|20)\d{2}\s*[-–]\s*(?P<py>(?:19|20)\d{2}))
    | (?P<higher>(?:Thực\s+hiện\s+)?[Tt]heo\s+(?:[Kk]ế\s+hoạch|[Đđ]ề\s+án|[Cc]hương\s+trình|lộ\s+trình)
                 \s+(?:của\s+)?(?:UBND|Ủy\s+ban|cấp\s+trên|tỉnh)[^,;]*)
    | (?P<rhythm>(?:trước\s+ngày\s+\d{1,2}\s+)?(?:[Hh]ằng|[Hh]àng|[Đđ]ịnh\s+kỳ)\s+(?:năm|tháng|quý|quí|tuần)
                 |[Tt]hường\s+xuyên|[Ll]iên\s+tục|[Đđ]ịnh\s+kỳ)
    | (?P<year>(?:[Nn]ăm|[Cc]uối\s+năm|[Tt]rong\s+năm|[Cc]uối)\s+(?P<y>(?:19|20)\d{2}))
    """,
    regex.VERBOSE,
)
#: `DEADLINE_RE`, tried only where a deadline phrase can begin (the first word of each branch above).
DEADLINE_PHRASES = FirstWords(DEADLINE_RE, (
    "Qu", "qu", "6", "trước", "đến", "ngày", "tháng", "Năm", "năm", "Giai", "giai", "Thực", "Theo", "theo",
    "Hằng", "hằng", "Hàng", "hàng", "Định", "định", "Thường", "thường", "Liên", "liên", "Cuối", "cuối",
    "Trong", "trong",
))
