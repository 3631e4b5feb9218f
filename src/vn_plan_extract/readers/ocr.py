"""Read a page image by OCR: Tesseract's Vietnamese model for the words, ruling lines for the tables.

- The page is straightened first: a sheet laid on a scanner's glass is turned by a degree or two, which
  breaks Tesseract's lines and every table's columns. The angle is the one at which the rows of ink line
  up best (the sharpest horizontal projection), searched within ±`_MAX_SKEW` degrees.
- Ruling lines are found by a morphological opening with long thin kernels (OpenCV), kept only where
  horizontal and vertical lines meet in a grid; each closed region of the grid is a cell, its row and
  column given by where its top and left edges fall among the grid's edges, so a merged cell is one cell
  written in its first row and column (as the PDF reader writes pdfplumber's merged cells). The lines
  are erased before OCR, so that Tesseract does not read them as "|" or "_".
- Tesseract reads the whole page once (TSV: each word with its box and confidence); a word goes to the
  cell its centre lies in, and the other words make the page's text lines.
- Tesseract is run as the command (`tesseract stdin stdout … tsv`), one process a page with
  OMP_THREAD_LIMIT=1: the Python bindings either wrap the same command through temporary files
  (pytesseract) or must be compiled against Tesseract's headers (tesserocr); the command is what Debian's
  `tesseract-ocr` installs, and a page that hangs is killed with its process group.

Every line keeps its page and the mean confidence (0–1) of its words.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from typing import Any

import regex

from ..errors import MissingSystemTool, UnreadableDocument
from ..lexicon.columns import COLUMN_PHRASES
from ..lexicon.syllables import split_glued
from ..lexicon.text import fold
from .ocr_text import (
    cased,
    heading_number,
    letters_in_turn,
    numbered_in_turn,
    plausible_word,
    row_number,
    without_dust,
)

#: Resolution pages are rendered at for OCR: Tesseract reads 10–13 pt print best at about 300 dpi.
OCR_DPI = 300
#: A page is never rendered larger than this many pixels (a poster-sized page is scaled down).
_MAX_PIXELS = 40_000_000
#: Largest turn of a scanned sheet that is straightened (degrees).
_MAX_SKEW = 3.0
#: Seconds Tesseract may take for one page before it is killed.
PAGE_TIMEOUT = 180.0
_LANGUAGE = "vie"
_ROW_NUMBER_HEADERS = frozenset(fold(phrase) for phrase, role in COLUMN_PHRASES if role == "stt")
#: The confidence given to a row number inferred from its neighbours (no word of it was read).
_GUESSED = 0.5
#: A vertical rule this short (pixels at 300 dpi) is kept where it joins two horizontal rules, reaching
#: them within `_RULE_REACH`.
_SHORT_RULE = 35
_RULE_REACH = 6
#: Longest break (pixels at 300 dpi) in a ruling line that is bridged.
_LINE_GAP = 31
#: Ink components smaller than this (pixels at 300 dpi) are dust: a diacritic's dot is 20 and more.
_SPECK_AREA = 10


@functools.cache  # made on first use: importing the package must not import numpy
def _fringe() -> Any:
    import numpy as np

    return np.ones((7, 7), dtype=np.uint8)


#: A word of these marks only read below this confidence (0–100) is dust, not text ("%", ">" and the
#: like are values' parts, never dust).
_MARK_CONFIDENCE = 60
_DUST_MARKS = frozenset("-.,:;'`‘’\"“”_~^*°¸˛")
#: Below this confidence (0–100) a word that is no syllable, number or abbreviation is noise.
_JUNK_CONFIDENCE = 45


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A text line or a table row read from a page image; `top` in pixels, `table` the table's index on
    its page (None for a text line)."""

    top: float
    text: str
    confidence: float
    table: int | None = None


@dataclass(frozen=True, slots=True)
class _Word:
    left: int
    top: int
    width: int
    height: int
    confidence: float
    text: str
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line)

    @property
    def centre(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


@dataclass(frozen=True, slots=True)
class _Cell:
    left: int
    top: int
    right: int
    bottom: int
    row: int
    column: int


@functools.cache
def tesseract_command() -> str:
    """The Tesseract command, checked to have the Vietnamese model. Raises `MissingSystemTool`."""
    command = shutil.which("tesseract")
    if command is None:
        raise MissingSystemTool(None, "OCR needs Tesseract: install the Debian packages tesseract-ocr and tesseract-ocr-vie")
    try:
        listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MissingSystemTool(None, f"Tesseract cannot be run ({exc}): reinstall the Debian package tesseract-ocr") from None
    if _LANGUAGE not in (listed.stdout + listed.stderr).split():
        raise MissingSystemTool(None, "OCR needs Tesseract's Vietnamese model: install the Debian package tesseract-ocr-vie")
    return command


def render_scale(width_pt: float, height_pt: float) -> float:
    """The scale (pixels per point) a PDF page is rendered at for OCR."""
    scale = OCR_DPI / 72
    pixels = width_pt * height_pt * scale * scale
    return scale if pixels <= _MAX_PIXELS else scale * math.sqrt(_MAX_PIXELS / pixels)


def _ink(gray: Any) -> Any:
    import cv2

    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def _skew_angle(gray: Any) -> float:
    """The angle (degrees, counter-clockwise) the page's lines of ink are turned by."""
    import cv2
    import numpy as np

    height, width = gray.shape
    factor = min(1.0, 1200 / max(height, width))
    small = cv2.resize(gray, (max(1, int(width * factor)), max(1, int(height * factor))), interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(_ink(small))
    if len(xs) < 200:
        return 0.0
    if len(xs) > 60_000:  # a sample is as good a judge of the rows as every pixel
        pick = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - small.shape[1] / 2

    def sharpness(angle: float) -> float:
        rows = np.round(ys + xs * math.tan(math.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.sum(counts.astype(np.float64) ** 2))

    best = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 1e-9, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness))


def _even_background(gray: Any) -> Any:
    import cv2

    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (31, 31)))
    return cv2.divide(gray, background, scale=255)


def _despeckled(ink: Any) -> Any:
    """The ink without specks of dust: components far smaller than a diacritic's dot."""
    import cv2
    import numpy as np

    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.nonzero(stats[:, cv2.CC_STAT_AREA] < _SPECK_AREA)[0]
    small = small[small > 0]
    if len(small) == 0:
        return ink
    out = ink.copy()
    out[np.isin(labels, small)] = 0
    return out


def _straightened(gray: Any) -> Any:
    import cv2

    angle = _skew_angle(gray)
    if abs(angle) < 0.05:
        return gray
    height, width = gray.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    return cv2.warpAffine(gray, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _ruling_lines(ink: Any) -> Any:
    """The mask of the page's ruling lines (long horizontal and vertical strokes), slightly thickened."""
    import cv2

    height, width = ink.shape
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, width // 25), 1)))
    # taller than a heading's letters (a 14 pt stem is ~45 px at 300 dpi); a one-line row's shorter
    # rules are found by `_short_rules`
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(60, height // 40))))
    vertical = cv2.bitwise_or(vertical, _short_rules(ink, horizontal))
    # a line broken by the scan (a faint stretch, a speck's gap) is one line: two cells do not merge
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (_LINE_GAP, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _LINE_GAP)))
    return cv2.dilate(cv2.bitwise_or(horizontal, vertical), cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))


def _short_rules(ink: Any, horizontal: Any) -> Any:
    """Vertical rules of a single short row (a row of one line, under a group row that has none): too
    short for the long kernel, told from a letter's stem by reaching a horizontal rule at both ends."""
    import cv2
    import numpy as np

    short = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _SHORT_RULE)))
    near = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 2 * _RULE_REACH + 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(short, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        if w <= 12 and near[y, x:x + w].any() and near[y + h - 1, x:x + w].any():
            keep[k] = True
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _clusters(values: list[int], tolerance: int) -> list[int]:
    """Representative positions of values that lie within `tolerance` of each other."""
    out: list[int] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _nearest(positions: list[int], value: int) -> int:
    return min(range(len(positions)), key=lambda k: abs(positions[k] - value))


def _tables(lines: Any) -> list[list[_Cell]]:
    """The cells of each ruled table on the page, in reading order."""
    import cv2

    width = lines.shape[1]
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = sorted((cv2.boundingRect(c) for c in contours), key=lambda b: b[1])
    tables: list[list[_Cell]] = []
    for x, y, w, h in boxes:
        if w < width / 5 or h < 40:
            continue
        region = cv2.bitwise_not(lines[y:y + h, x:x + w])
        count, _, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=4)
        raw = []
        for k in range(1, count):
            cx, cy, cw, ch, _area = (int(v) for v in stats[k])
            if cx == 0 or cy == 0 or cx + cw >= w or cy + ch >= h or cw < 15 or ch < 15:
                continue  # outside the grid, or a hole in a thick line
            raw.append((x + cx, y + cy, x + cx + cw, y + cy + ch))
        if len(raw) < 4:
            continue
        rows = _clusters([r[1] for r in raw], 12)
        columns = _clusters([r[0] for r in raw], 12)
        if len(columns) < 2 or len(rows) < 2:
            continue
        cells = [_Cell(x0, y0, x1, y1, _nearest(rows, y0), _nearest(columns, x0)) for x0, y0, x1, y1 in raw]
        tables.append(sorted(cells, key=lambda c: (c.row, c.column)))
    return tables


def _run_tesseract(image: Any, layout: int = 3) -> str:
    import cv2

    ok, png = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:
        raise UnreadableDocument(None, "the page image cannot be encoded for OCR")
    command = [tesseract_command(), "stdin", "stdout", "-l", _LANGUAGE, "--psm", str(layout), "--dpi", str(OCR_DPI)]
    command.append("tsv")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, start_new_session=True)
    try:
        out, err = process.communicate(png.tobytes(), timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise UnreadableDocument(None, f"Tesseract did not read a page within {PAGE_TIMEOUT:.0f} s") from None
    if process.returncode != 0:
        reason = err.decode("utf-8", "replace").strip().splitlines()
        raise UnreadableDocument(None, f"Tesseract failed on a page ({reason[-1] if reason else process.returncode})")
    return out.decode("utf-8", "replace")


#: What is left of a ruling line or a speck, not a character of the text.
_REMNANTS = "_|¦"


_LETTERS_RE = regex.compile(r"\p{L}{4,}")


def _words(tsv: str) -> list[_Word]:
    words = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        text = f[11].strip().strip(_REMNANTS) if len(f) >= 12 else ""
        if f[0] != "5" or not text:
            continue
        if all(c in _DUST_MARKS for c in text) and float(f[10]) < _MARK_CONFIDENCE:
            continue  # a speck read as a mark ("`", ":", "-" where the page has none)
        if float(f[10]) < _JUNK_CONFIDENCE and not plausible_word(text):
            continue  # shapes read as letters: "#..y", "ăLSc", "d5"
        text = _LETTERS_RE.sub(lambda m: split_glued(m[0]), cased(text))  # "xãhội" → "xã hội"
        words.append(_Word(int(f[6]), int(f[7]), int(f[8]), int(f[9]), max(0.0, float(f[10])) / 100, text,
                           (int(f[2]), int(f[3]), int(f[4]))))
    return words


def _line_text(words: list[_Word]) -> str:
    """Words of one cell in reading order: Tesseract's lines top to bottom, each left to right."""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    ordered = sorted(lines.values(), key=lambda line: min(w.top for w in line))
    return " ".join(w.text for line in ordered for w in sorted(line, key=lambda w: w.left))


def _mean_confidence(words: list[_Word]) -> float:
    return round(sum(w.confidence for w in words) / len(words), 3) if words else 0.0


def _read_row_numbers(page: Any, cells: list[_Cell], in_cell: dict[tuple[int, int], list[_Word]]) -> None:
    """Row numbers checked, read again alone where they are no row number, and where still unreadable
    but inked, numbered from their neighbours: rows are numbered one after another ("3", ?, "5")."""
    numbers: list[str | None] = []
    inked = [_cell_crop(page, c) is not None for c in cells]
    stacked = letters_in_turn([row_number(_line_text(in_cell.get((c.row, c.column), []))) for c in cells])
    for c, ink, number in zip(cells, inked, stacked, strict=True):
        if number is None and ink:
            number = row_number(_line_text(_cell_words(page, c)))
        numbers.append(number)
    numbers = numbered_in_turn(letters_in_turn(numbers), inked)
    for k, c in enumerate(cells):
        found = in_cell.get((c.row, c.column)) or []
        number = numbers[k]
        in_cell[(c.row, c.column)] = [_Word(c.left, c.top, c.right - c.left, c.bottom - c.top,
                                            found[0].confidence if found else _GUESSED, number, (0, 0, 0))] if number else []


#: Share of a narrow first column's cells that must read as row numbers for it to be the "STT" column.
_NUMBERED_SHARE = 0.6


def _row_number_cells(cells: list[_Cell], in_cell: dict[tuple[int, int], list[_Word]]) -> list[_Cell]:
    """The cells under a header "STT" / "TT" (not a group row's cell spread over the columns)."""
    for head in cells:
        if head.row != 0 or fold(_line_text(in_cell.get((0, head.column), []))).strip(" .") not in _ROW_NUMBER_HEADERS:
            continue
        width = head.right - head.left
        return [c for c in cells if c.row > 0 and c.column == head.column and c.right - c.left <= 1.5 * width]
    # a header misread ("1ã" for "TT"): the first column is the row numbers when most of its cells are
    first = [c for c in cells if c.row > 0 and c.column == 0]
    numbered = sum(row_number(_line_text(in_cell.get((c.row, 0), []))) is not None for c in first)
    narrow = all(c.right - c.left < 0.15 * (max(x.right for x in cells) - min(x.left for x in cells)) for c in first)
    return first if first and narrow and numbered >= _NUMBERED_SHARE * len(first) else []


def _cell_crop(page: Any, cell: _Cell) -> Any | None:
    """The inside of a cell, or None where it holds no ink (an empty cell with a speck or a line's end)."""
    import numpy as np

    crop = page[cell.top + _CELL_INSET:cell.bottom - _CELL_INSET, cell.left + _CELL_INSET:cell.right - _CELL_INSET]
    return crop if crop.size > 0 and int(np.count_nonzero(crop < 128)) >= _CELL_INK else None


def _cell_words(page: Any, cell: _Cell) -> list[_Word]:
    """The words of one cell read as one line, if it holds any ink."""
    import cv2
    import numpy as np

    crop = _cell_crop(page, cell)
    if crop is None:
        return []
    # cut to the cell's letters: a lone "3" or "25" amid a cell's specks and the faint ends of its
    # erased lines is read as "k:" or "ss", and alone on white as what it is
    count, _, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype(np.uint8), connectivity=8)
    letters = [stats[k] for k in range(1, count) if stats[k][3] >= _LETTER_HEIGHT]
    x0, y0 = 0, 0
    if letters:
        x0 = max(0, min(int(b[0]) for b in letters) - _LETTER_MARGIN)
        y0 = max(0, min(int(b[1]) for b in letters) - _LETTER_MARGIN)
        x1 = max(int(b[0] + b[2]) for b in letters) + _LETTER_MARGIN
        y1 = max(int(b[1] + b[3]) for b in letters) + _LETTER_MARGIN
        crop = crop[y0:y1, x0:x1]
    gap = _LETTER_MARGIN if letters else _CELL_GAP  # much white around one glyph loses it again
    padded = cv2.copyMakeBorder(crop, gap, gap, gap, gap, cv2.BORDER_CONSTANT, value=255)
    dx, dy = cell.left + _CELL_INSET - gap + x0, cell.top + _CELL_INSET - gap + y0
    return [_Word(w.left + dx, w.top + dy, w.width, w.height, w.confidence, w.text, w.line)
            for w in _words(_run_tesseract(padded, layout=7))]


#: Ink at least this tall (pixels at 300 dpi) is a letter or digit, not a speck: a 12 pt digit is ~35.
_LETTER_HEIGHT = 15
#: Pixels kept around a cell's letters when it is read alone (its marks above and below them), and the
#: white added around them: with 40 pixels of white a lone "3" was read as "K,", with 10 as "3".
_LETTER_MARGIN = 10
#: Blank pixels around and between cells when a table's cells are read together.
_CELL_GAP = 40
#: Pixels trimmed off each side of a cell (its lines are erased already; more would cut the marks
#: above a first line that sits close to the cell's top).
_CELL_INSET = 2
#: Dark pixels a cell must hold to be read (fewer: an empty cell with a speck or a line's end).
_CELL_INK = 30


def _table_words(page: Any, cells: list[_Cell]) -> dict[tuple[int, int], list[_Word]]:
    """The words of each cell. The cells are cut out and stacked one under another with blank space
    between them, and the stack is read at once as a block of lines: the page's layout analysis runs the
    lines of neighbouring cells together (and reads letters into the space between them), and a
    Tesseract run per cell costs its start-up each time."""
    import numpy as np

    slots: list[tuple[int, int, _Cell]] = []  # (top, bottom) of each cell in the stack
    crops = []
    y = _CELL_GAP
    for c in cells:
        crop = _cell_crop(page, c)
        if crop is None:
            continue
        crops.append((y, crop))
        slots.append((y, y + crop.shape[0], c))
        y += crop.shape[0] + _CELL_GAP
    out: dict[tuple[int, int], list[_Word]] = {}
    if not crops:
        return out
    width = max(crop.shape[1] for _, crop in crops) + 2 * _CELL_GAP
    stack = np.full((y, width), 255, dtype=np.uint8)
    for top, crop in crops:
        stack[top:top + crop.shape[0], _CELL_GAP:_CELL_GAP + crop.shape[1]] = crop
    for w in _words(_run_tesseract(stack, layout=6)):
        centre = w.top + w.height / 2
        for top, bottom, c in slots:
            if top - _CELL_GAP / 2 <= centre <= bottom + _CELL_GAP / 2:
                dx, dy = c.left + _CELL_INSET - _CELL_GAP, c.top + _CELL_INSET - top
                out.setdefault((c.row, c.column), []).append(
                    _Word(w.left + dx, w.top + dy, w.width, w.height, w.confidence, w.text, w.line))
                break
    return out


def _or_equal(word: _Word, ink: Any) -> _Word:
    """Tesseract's Vietnamese model has no "≥" or "≤" and reads them as ">" and "<"; a word opening
    with one is looked at again: a stroke across the whole foot of its first glyph makes it "≥" / "≤"
    (the foot of ">" or "<" is the end of one arm)."""
    import cv2
    import numpy as np

    opened = word.text[:1] == "("  # "(≥ 60%)" in a sentence: the sign is the second glyph
    sign = word.text[1:2] if opened else word.text[:1]
    if not sign or sign not in "<>":
        return word
    top, left = max(0, word.top - 2), max(0, word.left - 2)
    crop = ink[top:word.top + word.height + max(4, word.height // 2), left:word.left + word.width + 2]
    if crop.size == 0:
        return word
    count, labels, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    parts = [k for k in range(1, count) if stats[k][4] >= 6]
    # glyphs are told from a speck of dust beside them by their height: the chevron is over a third of the
    # word's, the bar under it may be thin
    tall = sorted(int(stats[k][0]) for k in parts if stats[k][3] >= word.height / 3)
    if len(tall) < 1 + opened:
        return word
    first = tall[int(opened)]
    # the bar may lie a little below the word's box; ink starting below the box is the next line's
    glyph = np.isin(labels, [k for k in parts if first - 2 <= stats[k][0] <= first + word.height // 3
                             and stats[k][1] <= word.height + 2])
    ys, xs = np.nonzero(glyph)
    height, width = int(ys.max() - ys.min() + 1), int(xs.max() - xs.min() + 1)
    foot = glyph[ys.max() - max(1, height // 7) + 1:ys.max() + 1, xs.min():xs.max() + 1]
    if width >= 4 and np.count_nonzero(foot.any(axis=0)) >= 0.75 * width:
        at = int(opened)
        return _Word(word.left, word.top, word.width, word.height, word.confidence,
                     word.text[:at] + ("≥" if sign == ">" else "≤") + word.text[at + 1:], word.line)
    return word


#: A percentage as read: digits, "%" and a mark ("1%.", "0%").
_PERCENT_RE = regex.compile(r"\d{1,3}%[.,:]?")


def _glyph_groups(word: _Word, ink: Any) -> int:
    """How many glyphs side by side a word's box holds: its tall ink parts (over a third of its height;
    a speck of dust is smaller) grouped where they overlap left to right."""
    import cv2

    crop = ink[max(0, word.top):word.top + word.height, max(0, word.left):word.left + word.width]
    if crop.size == 0:
        return 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    spans = sorted((int(stats[k][0]), int(stats[k][0] + stats[k][2])) for k in range(1, count)
                   if stats[k][3] >= word.height / 3)
    groups, right = 0, -1
    for left, end in spans:
        if left >= right:
            groups += 1
        right = max(right, end)
    return groups


def _cell_word(word: _Word, ink: Any) -> _Word:
    """A table cell's word looked at again: "≥"/"≤" (see `_or_equal`), and a lone "%" (a unit cell)
    that Tesseract read with a digit beside it ("0%", "1%."): one glyph cannot be a number and a sign."""
    word = _or_equal(word, ink)
    if _PERCENT_RE.fullmatch(word.text) and _glyph_groups(word, ink) == 1:
        return _Word(word.left, word.top, word.width, word.height, word.confidence, "%", word.line)
    return word


def read_page_image(gray: Any) -> list[OcrLine]:
    """The text lines and table rows of one page image (a 2-D uint8 array, white paper), top to bottom."""
    import cv2
    import numpy as np

    page = _straightened(np.ascontiguousarray(gray))
    raw_ink = _ink(page)
    lines = _ruling_lines(raw_ink)
    tables = _tables(lines)
    ink = _despeckled(raw_ink)
    for cells in tables:  # the ruling lines are erased inside tables only: elsewhere they may be letters
        top, bottom = min(c.top for c in cells) - 8, max(c.bottom for c in cells) + 8
        left, right = min(c.left for c in cells) - 8, max(c.right for c in cells) + 8
        box = (slice(max(0, top), bottom), slice(max(0, left), right))
        ink[box][lines[box] > 0] = 0
    # Tesseract gets the page in grey (its recogniser reads anti-aliased edges) on an even white: the
    # paper's shade (a grey scan, a shaded header row) divided out, dust and ruling lines whited out
    clean = _even_background(page)
    clean[(raw_ink > 0) & (ink == 0)] = 255
    for cells in tables:  # with the lines' grey fringe, which Tesseract reads as letters between cells
        top, bottom = min(c.top for c in cells) - 8, max(c.bottom for c in cells) + 8
        left, right = min(c.left for c in cells) - 8, max(c.right for c in cells) + 8
        box = (slice(max(0, top), bottom), slice(max(0, left), right))
        clean[box][cv2.dilate(lines[box], _fringe()) > 0] = 255
    text_only = clean.copy()
    for cells in tables:  # a table is read cell by cell, apart from the page's text
        text_only[min(c.top for c in cells):max(c.bottom for c in cells), min(c.left for c in cells):max(c.right for c in cells)] = 255
    words = [_or_equal(w, ink) for w in _words(_run_tesseract(text_only))]
    out: list[OcrLine] = []
    for index, cells in enumerate(tables):
        in_cell: dict[tuple[int, int], list[_Word]] = {}
        for column in sorted({c.column for c in cells}):  # a column's cells are alike: numbers, units, names
            for key, found in _table_words(clean, [c for c in cells if c.column == column]).items():
                in_cell[key] = [_cell_word(w, ink) for w in found]
        _read_row_numbers(clean, _row_number_cells(cells, in_cell), in_cell)
        for c in cells:  # a lone "%" or "1." the stack passed over is read on its own
            if (c.row, c.column) not in in_cell:
                in_cell[(c.row, c.column)] = [_cell_word(w, ink) for w in _cell_words(clean, c)]
        columns = max(c.column for c in cells) + 1
        for row in sorted({c.row for c in cells}):
            texts = [""] * columns
            row_words: list[_Word] = []
            for c in cells:
                if c.row == row:
                    texts[c.column] = without_dust(_line_text(in_cell.get((c.row, c.column), [])), cell=True)
                    row_words += in_cell.get((c.row, c.column), [])
            if any(texts):
                top = min(c.top for c in cells if c.row == row)
                out.append(OcrLine(float(top), "\t".join(texts), _mean_confidence(row_words), index))
    by_line: dict[tuple[int, int, int], list[_Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    for line_words in by_line.values():
        line_words.sort(key=lambda w: w.left)
        text = heading_number(without_dust(" ".join(w.text for w in line_words), cell=False))
        if text:
            out.append(OcrLine(float(min(w.top for w in line_words)), text, _mean_confidence(line_words)))
    out.sort(key=lambda it: it.top)
    return out
