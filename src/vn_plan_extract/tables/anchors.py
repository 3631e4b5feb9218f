"""Row anchors: the STT sequence (1, 2, 3.1, 3.2 …, restarts after a group row, a repeated number)
and group rows (a Roman numeral or a letter with a title)."""

from __future__ import annotations

import regex

DATA_ANCHOR_RE = regex.compile(r"^(?P<stt>\d{1,3}(?:\.\d{1,2}){0,2})\.?(?=\s|$)\s*(?P<rest>.*)$")
GROUP_ANCHOR_RE = regex.compile(
    r"^(?P<label>[IVX]{1,5}|[A-ZĐ])(?:\s*[.)\-–]\s*|\s+|$)(?P<rest>(?:[A-ZĐÀ-Ỹ\"“(].*)?)$"
)
#: A group row's STT cell on its own: "I", "II.", "A".
GROUP_LABEL_CELL_RE = regex.compile(r"(?P<label>[IVX]{1,5}|[A-ZĐ])\.?")
#: Numbers may skip this many rows (a row lost at a page break) and still anchor the next row.
_MAX_SKIP = 3


def stt_parts(stt: str) -> list[int]:
    return [int(x) for x in stt.split(".") if x]


def fits(candidate: list[int], previous: list[int] | None, after_group: bool) -> bool:
    if previous is None:
        return candidate[0] == 1 or len(candidate) == 1
    if after_group and (candidate == [1] or candidate == previous):
        return True  # numbering restarts in each group, or a number is printed again
    if len(candidate) == len(previous) and candidate[:-1] == previous[:-1]:
        return 0 < candidate[-1] - previous[-1] <= _MAX_SKIP
    if candidate == [*previous, 1]:
        return True  # 3 → 3.1
    if len(candidate) < len(previous) and candidate[:-1] == previous[: len(candidate) - 1]:
        return 0 < candidate[-1] - previous[len(candidate) - 1] <= _MAX_SKIP  # 3.10 → 4
    return False
