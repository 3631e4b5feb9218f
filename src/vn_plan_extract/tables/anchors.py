"""Row anchors: the STT sequence (1, 2, 3.1, 3.2 …, restarts after a group row, a repeated number)
and group rows (a Roman numeral or a letter with a title)."""

from __future__ import annotations

import regex

from ..lexicon.markers import GROUP_LABEL_CELL_RE, fits, stt_parts

__all__ = ["DATA_ANCHOR_RE", "GROUP_ANCHOR_RE", "GROUP_LABEL_CELL_RE", "fits", "stt_parts"]

#: A data row's number (a table may run to thousands of rows) and the rest of its line.
DATA_ANCHOR_RE = regex.compile(r"^(?P<stt>\d{1,5}(?:\.\d{1,2}){0,2})\.?(?=\s|$)\s*(?P<rest>.*)$")
GROUP_ANCHOR_RE = regex.compile(
    r"^(?P<label>[IVX]{1,5}|[A-ZĐ])(?:\s*[.)\-–]\s*|\s+|$)(?P<rest>(?:[A-ZĐÀ-Ỹ\"“(].*)?)$"
)
