"""Deadlines: "Quý II/2026", "Thường xuyên", "6 tháng cuối năm 2025" → `Deadline`."""

from __future__ import annotations

import calendar
from datetime import date

import regex

from ..lexicon.deadlines import DEADLINE_PHRASES, QUARTERS, RECURRING_PHRASES
from ..models import Deadline, DeadlineKind

_YEAR_RE = regex.compile(r"(?:19|20)\d{2}")


def _last_day(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def parse_deadline(text: str) -> Deadline | None:
    """Read the first deadline phrase in `text`.

    >>> d = parse_deadline("Quý II/2026")
    >>> (d.kind.value, d.year, d.quarter, d.end)
    ('quarter', 2026, 2, '2026-06-30')
    >>> parse_deadline("Thường xuyên").kind.value
    'ongoing'
    >>> parse_deadline("6 tháng cuối năm 2025").end
    '2025-12-31'
    >>> parse_deadline("trước ngày 30/6/2026").end
    '2026-06-30'
    >>> parse_deadline("Theo Kế hoạch của UBND tỉnh năm 2026").kind.value
    'per_higher_plan'
    >>> parse_deadline("Năm học 2025-2026").end
    '2026-06-30'
    >>> parse_deadline("không có gì") is None
    True
    """
    m = DEADLINE_PHRASES.search(text)
    if not m:
        return None
    raw = " ".join(m.group().split())
    if m.group("quarter"):
        y, q = int(m.group("qy")), QUARTERS[m.group("q")]
        return Deadline(text=raw, kind=DeadlineKind.quarter, year=y, quarter=q, end=_last_day(y, q * 3))
    if m.group("half"):
        y = int(m.group("hy"))
        month = 6 if m.group("which") == "đầu" else 12
        return Deadline(text=raw, kind=DeadlineKind.half_year, year=y, end=_last_day(y, month))
    if m.group("date"):
        y, mo, d = int(m.group("dy")), int(m.group("dm")), int(m.group("d"))
        try:
            end = date(y, mo, d).isoformat()
        except ValueError:
            end = None
        return Deadline(text=raw, kind=DeadlineKind.date, year=y, month=mo, end=end)
    if m.group("month"):
        y, mo = int(m.group("my")), int(m.group("m"))
        end = _last_day(y, mo) if 1 <= mo <= 12 else None
        return Deadline(text=raw, kind=DeadlineKind.month, year=y, month=mo if end else None, end=end)
    if m.group("schoolyear"):
        y = int(m.group("sy"))
        return Deadline(text=raw, kind=DeadlineKind.year, year=y, end=_last_day(y, 6))
    if m.group("period"):
        y = int(m.group("py"))
        return Deadline(text=raw, kind=DeadlineKind.year, year=y, end=_last_day(y, 12))
    if m.group("higher"):
        ym = _YEAR_RE.search(raw)
        return Deadline(text=raw, kind=DeadlineKind.per_higher_plan, year=int(ym.group()) if ym else None)
    if m.group("rhythm"):
        key = " ".join(raw.lower().split()[-2:]) if not raw.lower().startswith("thường") else "thường xuyên"
        kind = RECURRING_PHRASES.get(key, RECURRING_PHRASES.get(raw.lower(), "recurring"))
        return Deadline(text=raw, kind=DeadlineKind(kind))
    y = int(m.group("y"))
    return Deadline(text=raw, kind=DeadlineKind.year, year=y, end=_last_day(y, 12))
