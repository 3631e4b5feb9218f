"""Resource limits: how much of a file is read before it is refused or cut, all in one place.

A plan is a few pages: a Word file's text part of a few MB, a PDF of tens of pages, a text file under
a megabyte. The defaults are far above that and far below what would exhaust a worker's memory or
time on a hostile file (a ZIP bomb, a 20 000-page PDF, a 64 MB text). Past a limit a file is refused
with a `LimitExceeded` naming the limit, or, where the rest is still worth reading (a page flooded with
characters, a numbering value no list reaches), cut with a warning.

Override them for a run with `limits.override(max_pdf_pages=5000)` (a context manager), or for the
process by setting the environment variable `VN_PLAN_EXTRACT_LIMITS="max_pdf_pages=5000,max_text_mb=64"`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Limits:
    #: Uncompressed size of one part of a Word (ZIP) package, and of all its parts together (MB).
    max_zip_member_mb: float = 100.0
    max_zip_total_mb: float = 200.0
    #: How many times larger than its compressed size a part may unpack (real parts: 3–20×; a bomb: 1000×).
    max_zip_ratio: float = 200.0
    #: Parts in one ZIP package (a Word file has 10–40).
    max_zip_members: int = 5000
    #: Tables nested inside table cells (real plans: 1–2).
    max_table_nesting: int = 20
    #: Columns one table cell may span (Word allows 63 columns).
    max_grid_span: int = 64
    #: The largest list number Word numbering may show ("I." … ); a start of 10⁹ is no real list.
    max_numbering_value: int = 10_000
    #: Pages of a PDF, and characters on one page (a dense A4 page holds 5 000–10 000).
    max_pdf_pages: int = 2000
    max_page_chars: int = 100_000
    #: Size of a text, Markdown or HTML file, and its lines (a long plan: 300 KB, 3 000 lines).
    max_text_mb: float = 16.0
    max_lines: int = 200_000
    #: Characters in one line (a line of a real plan: under 2 000; a table row joined: under 20 000).
    max_line_chars: int = 200_000

    @property
    def max_text_bytes(self) -> int:
        return int(self.max_text_mb * 1024 * 1024)


def _from_environment(base: Limits) -> Limits:
    spec = os.environ.get("VN_PLAN_EXTRACT_LIMITS", "").strip()
    if not spec:
        return base
    kinds = {f.name: f.type for f in fields(Limits)}
    changes: dict[str, float | int] = {}
    for item in spec.split(","):
        name, _, value = item.partition("=")
        name = name.strip()
        if name not in kinds:
            raise ValueError(f"VN_PLAN_EXTRACT_LIMITS: unknown limit {name!r}; known: {', '.join(sorted(kinds))}")
        changes[name] = int(value) if kinds[name] in (int, "int") else float(value)
    return replace(base, **changes)  # type: ignore[arg-type]


_active = _from_environment(Limits())


def current() -> Limits:
    """The limits in force."""
    return _active


@contextmanager
def override(**changes: float) -> Iterator[Limits]:
    """Other limits for the code run inside the `with` block (this process only)."""
    global _active
    before = _active
    _active = replace(before, **changes)  # type: ignore[arg-type]
    try:
        yield _active
    finally:
        _active = before
