"""Intermediate values shared by the pipeline stages (immutable, slotted dataclasses: see `frozen`).

`SourceText` is what a reader produces: the NFC text and a map from offsets to 1-based lines.
`Block` is one logical line after normalisation (a heading, a bullet item, a paragraph), with, for every
character of its cleaned text, the span of the source it came from, so any span of a block maps back to
exact source text and lines.
"""

from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")


@overload
def frozen(cls: type[_T], /) -> type[_T]: ...
@overload
def frozen(*, eq: bool = True) -> Callable[[type[_T]], type[_T]]: ...
@dataclass_transform(frozen_default=True)
def frozen(cls: Any = None, /, *, eq: bool = True) -> Any:
    """A slotted dataclass that the type checker holds immutable (assigning a field is an error), with the
    equality and hash of a frozen one, and the `__init__` of a plain one.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`: a `Block` took 1.5 µs
    to make against 0.3 µs, and a plan makes about a thousand of these values.
    """
    def make(c: type[_T]) -> type[_T]:
        return dataclass(slots=True, eq=eq, unsafe_hash=eq)(c)

    return make if cls is None else make(cls)


#: Formats whose lines are whole paragraphs (Word's, what LibreOffice converts to Word, a web page's
#: blocks): never a line broken at a margin.
PARAGRAPH_FORMATS = frozenset({"docx", "doc", "odt", "rtf", "html"})

#: An OCR line whose words' mean confidence is below this is doubtful: its items are flagged (W009).
LOW_OCR_CONFIDENCE = 0.60


@frozen
class SourceText:
    path: str | None
    format: str
    sha256: str
    text: str
    line_starts: tuple[int, ...]
    encoding: str
    notes: tuple[tuple[str, str], ...] = ()  # (warning code, message) from reading
    line_pages: tuple[int, ...] = ()  # PDF: the page of each line
    pages: int | None = None  # PDF: the number of pages
    line_confidences: tuple[float | None, ...] = ()  # OCR: each line's mean word confidence (None: text layer)
    ocr_pages: tuple[int, ...] = ()  # the pages read by OCR

    def confidence_of(self, first: int, last: int) -> float | None:
        """The lowest OCR confidence of lines `first`..`last`, None where none was read by OCR."""
        values = [c for c in self.line_confidences[max(0, first - 1):last] if c is not None]
        return min(values) if values else None

    def page_of_line(self, line: int) -> int | None:
        return self.line_pages[line - 1] if 0 < line <= len(self.line_pages) else None

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line holding the character at `offset`."""
        return bisect_right(self.line_starts, offset)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]


def line_starts_of(text: str) -> tuple[int, ...]:
    """The offset where each line starts.

    >>> line_starts_of("ab\\n\\ncd"), line_starts_of("")
    ((0, 3, 4), (0,))
    """
    # each line starts one past the previous one's end: summed in C rather than found line by line
    lines = text.split("\n")
    return tuple(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))


class JoinedOffsets(Sequence[int]):
    """The offset maps of several lines read as one, for a block that joins them.

    A block's map is built for every block but read only where an item is grounded, so it is not copied
    out offset by offset: indexing finds the line's own map (a `range` for most lines).

    >>> joined = JoinedOffsets([range(10, 13), (20,), range(30, 32)])
    >>> len(joined), joined[0], joined[3], joined[5], joined[-1], list(joined)
    (6, 10, 20, 31, 31, [10, 11, 12, 20, 30, 31])
    """

    __slots__ = ("_firsts", "_length", "_parts")

    def __init__(self, parts: Sequence[Sequence[int]], firsts: list[int] | None = None) -> None:
        """`firsts`: where each part starts in the joined map, when the caller knows (a block's start and
        end maps have parts of the same lengths)."""
        self._parts = tuple(parts)
        if firsts is None:
            firsts = list(accumulate(map(len, self._parts[:-1]), initial=0))
        self._firsts = firsts
        self._length = firsts[-1] + len(self._parts[-1]) if self._parts else 0

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        k = bisect_right(self._firsts, index) - 1
        return self._parts[k][index - self._firsts[k]]


class BlockKind(enum.Enum):
    TEXT = "text"
    TABLE_LINE = "table_line"


@frozen(eq=False)
class Block:
    """One logical line: physical lines re-joined, markup removed, whitespace collapsed."""

    text: str
    #: source offset of each character's start / end (a `range` where the line is copied as it is)
    starts: Sequence[int]
    ends: Sequence[int]
    line_start: int
    line_end: int
    bold: bool = False
    md_heading: bool = False
    kind: BlockKind = BlockKind.TEXT
    blank_before: int = 0

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets covering text[i:j] (j exclusive)."""
        if j <= i:
            j = i + 1
        i = max(0, min(i, len(self.text) - 1))
        j = max(1, min(j, len(self.text)))
        return self.starts[i], self.ends[j - 1]


@frozen
class Span:
    """A grounded span: source offsets and the 1-based lines they cover."""

    start: int
    end: int
    line_start: int
    line_end: int


def span_of(source: SourceText, block: Block, i: int, j: int) -> Span:
    start, end = block.source_span(i, j)
    return Span(start, end, source.line_of(start), source.line_of(max(start, end - 1)))


#: A cleaned physical line: (line number, text, source starts, source ends, bold, markdown heading, table
#: line). Kept as a plain tuple and made a `Block` only where a table asks for its lines (most never are).
PhysicalLine = tuple[int, str, Sequence[int], Sequence[int], bool, bool, bool]


@frozen
class NormalisedDocument:
    source: SourceText
    blocks: tuple[Block, ...]
    removed_page_numbers: tuple[int, ...] = field(default=())
    removed_chrome: tuple[int, ...] = field(default=())  # lines of a web page's furniture ("Số lượt đọc: 513")
    #: every non-blank physical line, cleaned, in line order (tables are rebuilt from these)
    physical_lines: tuple[PhysicalLine, ...] = field(default=())
    #: for lines of tab- or pipe-separated tables: line number → its cells, cleaned, one `Block` each
    cells: dict[int, tuple[Block, ...]] = field(default_factory=dict)

    def lines_between(self, first: int, last: int) -> tuple[Block, ...]:
        """The cleaned lines numbered first..last (1-based, inclusive), one `Block` each."""
        lines = self.physical_lines
        return tuple(
            Block(text, starts, ends, number, number, bold, md_heading,
                  BlockKind.TABLE_LINE if table else BlockKind.TEXT)
            for number, text, starts, ends, bold, md_heading, table
            in lines[bisect_left(lines, (first,)):bisect_left(lines, (last + 1,))]
        )
