"""Errors raised at the reader boundary, and the catalogue of warning codes.

Errors name the file and the reason. Warnings are data (they land in `PlanDocument.warnings`),
not log lines.
"""

from __future__ import annotations

from pathlib import Path


class VnPlanExtractError(Exception):
    """Base of every error this package raises on purpose."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        where = f"{self.path}: " if self.path else ""
        super().__init__(f"{where}{reason}")


class UnreadableDocument(VnPlanExtractError):
    """The file cannot be read or decoded as a plan (binary, empty, undecodable, missing)."""


class UnsupportedFormat(VnPlanExtractError):
    """The file's extension is not one of the formats this package reads."""


class MissingSystemTool(VnPlanExtractError):
    """A system program this file needs (Tesseract, LibreOffice) is not installed; the reason names the
    Debian package that brings it."""


#: Warning codes: what was recovered by guessing or could not be read.
WARNING_CODES: dict[str, str] = {
    "W001": "page number removed",
    "W002": "text decoded with a fallback encoding",
    "W003": "undecodable bytes replaced",
    "W004": "heading numbering skips a number",
    "W005": "table cells assigned to columns by guess",
    "W006": "no text layer",
    "W007": "table rows could not be recovered",
    "W008": "web page furniture removed",
    "W009": "read by OCR with low confidence",
}
