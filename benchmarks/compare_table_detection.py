#!/usr/bin/env python3
"""Ruled-table detection on degraded scans: the OCR reader's OpenCV line detector against img2table.

What it measures. The fixtures' PDFs whose pages have ruled tables (every PDF under `tests/fixtures` on
which pdfplumber's `page.find_tables()` finds one, and `awkward/merged_cells.docx` through LibreOffice
when `soffice` is installed) are turned into degraded scans by `scripts/make_degraded_scans.py` (the same
seeded turn of up to 1.5°, dust, blur and JPEG as its command line gives). Each scan page is rendered as
the PDF reader renders it for OCR (pypdfium2, 300 dpi, grey) and straightened by the reader's
`_straightened`; both detectors then read that same image:

- opencv: the reader's own `_tables(_ruling_lines(_ink(page)))`;
- img2table: `Image(png).extract_tables(ocr=None, implicit_rows=False, borderless_tables=False)`, the page
  saved as PNG (its time includes reading and decoding the PNG).

The truth is what pdfplumber finds on the original text-layer page: each table's cells (a merged cell is
one cell) and rows, scaled from points to the 300 dpi grid. A detected table is the truth's when their
boxes overlap with IoU ≥ 0.5; a detected cell matches a truth cell when IoU ≥ 0.5 (one to one, best first).
Per detector: tables found against the truth and tables found where there is none; truth tables whose
row and column counts come out right; cell precision and recall; matched cells that also get the truth's
(row, column) index, the place the reader writes their text in; merged truth cells found whole and in
the right place; tables whose every cell is right with nothing extra; seconds per page.

Pages without a table are read too (a table found there is a false one). `--clean` also runs the
detectors on the original PDFs' rendering, to tell what the degradation does from what the detector does.

Run: `.venv/bin/python benchmarks/compare_table_detection.py [--work DIR] [--seed N] [--verbose] [--clean] [PDF ...]`
(img2table is optional: `.venv/bin/pip install img2table`; without it only the OpenCV detector is run).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pdfplumber
import pypdfium2

from vn_plan_extract.readers.ocr import _ink, _ruling_lines, _skew_angle, _straightened, _tables, render_scale

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
#: Word fixtures with ruled tables that have no PDF twin: converted by LibreOffice when it is installed.
DOCX_WITH_TABLES = [FIXTURES / "awkward" / "merged_cells.docx"]
IOU = 0.5
STRICT_IOU = 0.8

Box = tuple[float, float, float, float]


@dataclass
class Cell:
    box: Box
    row: int
    column: int
    merged: bool = False


@dataclass
class Table:
    box: Box
    rows: int
    columns: int
    cells: list[Cell]


@dataclass
class Score:
    truth_tables: int = 0
    found_tables: int = 0  # detected tables matching a truth table
    false_tables: int = 0
    shape_right: int = 0  # truth tables with the right number of rows and columns
    rows_right: int = 0
    columns_right: int = 0
    exact: int = 0  # truth tables whose every cell is found in its place, with nothing extra
    truth_cells: int = 0
    detected_cells: int = 0
    matched: int = 0
    matched_strict: int = 0
    placed: int = 0  # matched cells with the truth's (row, column)
    merged: int = 0
    merged_right: int = 0
    ious: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # CPU seconds of every thread of the process
    problems: list[str] = field(default_factory=list)


def iou(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def match(truth: list[Box], found: list[Box], threshold: float = IOU) -> dict[int, tuple[int, float]]:
    """One-to-one matches truth index → (found index, IoU), best overlaps first."""
    pairs = sorted(((iou(t, f), i, j) for i, t in enumerate(truth) for j, f in enumerate(found)), reverse=True)
    out: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for value, i, j in pairs:
        if value < threshold:
            break
        if i not in out and j not in used:
            out[i] = (j, value)
            used.add(j)
    return out


# --- the documents, their scans and the truth -------------------------------------------------------

def _make_scans_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_degraded_scans", ROOT / "scripts" / "make_degraded_scans.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def degraded(pdf: Path, out_dir: Path, seed: int) -> tuple[Path, list[float]]:
    """The project's degraded scan of `pdf` and the angle each page was turned by (degrees, counter-clockwise)."""
    module = _make_scans_module()
    angles: list[float] = []
    degrade = module.degrade_page

    def recording(page: Any, rng: random.Random) -> Any:
        state = rng.getstate()
        angles.append(rng.uniform(-module.MAX_ANGLE, module.MAX_ANGLE))
        rng.setstate(state)
        return degrade(page, rng)

    module.degrade_page = recording
    return module.degraded_scan(pdf, out_dir / f"{pdf.stem}.scan.pdf", seed), angles


def truth_tables(page: Any, scale: float) -> list[Table]:
    """pdfplumber's ruled tables of a text-layer page, in pixels at `scale` pixels a point."""
    tables = []
    for t in page.find_tables():
        tops = sorted({r.bbox[1] for r in t.rows})
        lefts = sorted({c[0] for c in t.cells})
        cells = []
        for r, row in enumerate(t.rows):
            for k, c in enumerate(row.cells):
                if c is None:
                    continue
                spans_rows = sum(c[1] - 0.5 <= y < c[3] - 0.5 for y in tops) > 1
                spans_columns = sum(c[0] - 0.5 <= x < c[2] - 0.5 for x in lefts) > 1
                cells.append(Cell(tuple(v * scale for v in c), r, k, spans_rows or spans_columns))  # type: ignore[arg-type]
        tables.append(Table(tuple(v * scale for v in t.bbox), len(t.rows), max(len(r.cells) for r in t.rows), cells))  # type: ignore[arg-type]
    return tables


def documents(work: Path) -> list[Path]:
    """The fixtures' PDFs with ruled tables, and the Word fixtures' PDFs by LibreOffice."""
    out = []
    for pdf in sorted(FIXTURES.rglob("*.pdf")):
        try:
            with pdfplumber.open(pdf) as doc:
                if any(p.find_tables() for p in doc.pages):
                    out.append(pdf)
        except Exception:  # noqa: BLE001 - the encrypted and truncated fixtures cannot be opened
            continue
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice is not installed: the Word fixtures are left out", file=sys.stderr)
        return out
    for docx in DOCX_WITH_TABLES:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work / 'profile'}", "--convert-to", "pdf",
                        "--outdir", str(work), str(docx)], capture_output=True, check=True, timeout=180)
        out.append(work / f"{docx.stem}.pdf")
    return out


def rendered(pdf: Path) -> list[tuple[np.ndarray, float]]:
    """Each page in grey as the PDF reader renders it for OCR, with its scale (pixels a point)."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        out = []
        for page in document:
            scale = render_scale(page.get_width(), page.get_height())
            gray = page.render(scale=scale, grayscale=True).to_numpy()
            out.append((np.ascontiguousarray(gray if gray.ndim == 2 else gray[:, :, 0]), scale))
        return out
    finally:
        document.close()


# --- the detectors ----------------------------------------------------------------------------------

def opencv_tables(page: np.ndarray, png: Path) -> list[Table]:
    tables = []
    for cells in _tables(_ruling_lines(_ink(page))):
        box = (min(c.left for c in cells), min(c.top for c in cells), max(c.right for c in cells), max(c.bottom for c in cells))
        tables.append(Table(box, max(c.row for c in cells) + 1, max(c.column for c in cells) + 1,
                            [Cell((c.left, c.top, c.right, c.bottom), c.row, c.column) for c in cells]))
    return tables


def img2table_tables(page: np.ndarray, png: Path) -> list[Table]:
    from img2table.document import Image

    tables = []
    for t in Image(src=str(png)).extract_tables(ocr=None, implicit_rows=False, borderless_tables=False):
        seen: dict[Box, Cell] = {}
        for r, row in enumerate(t.content.values()):
            for k, c in enumerate(row):
                box = (c.bbox.x1, c.bbox.y1, c.bbox.x2, c.bbox.y2)
                if box not in seen:  # a merged cell is repeated in every row and column it spans
                    seen[box] = Cell(box, r, k)
        rows = list(t.content.values())
        tables.append(Table((t.bbox.x1, t.bbox.y1, t.bbox.x2, t.bbox.y2), len(rows), len(rows[0]) if rows else 0, list(seen.values())))
    return tables


Detector = Callable[[np.ndarray, Path], list[Table]]


def detectors() -> dict[str, Detector]:
    out: dict[str, Detector] = {"opencv": opencv_tables}
    try:
        started = time.perf_counter()
        import img2table.document  # noqa: F401

        print(f"img2table imported in {time.perf_counter() - started:.2f} s", file=sys.stderr)
        out["img2table"] = img2table_tables
    except ImportError:
        print("img2table is not installed (.venv/bin/pip install img2table): only the OpenCV detector is run", file=sys.stderr)
    return out


# --- scoring ----------------------------------------------------------------------------------------

def score_page(truth: list[Table], found: list[Table], score: Score, where: str) -> None:
    score.truth_tables += len(truth)
    tables = match([t.box for t in truth], [f.box for f in found])
    score.found_tables += len(tables)
    score.false_tables += len(found) - len(tables)
    for j, f in enumerate(found):
        if j not in {m for m, _ in tables.values()}:
            score.problems.append(f"{where}: a table found where there is none, {f.rows}×{f.columns} at {_box(f.box)}")
    truth_cells = [(i, c) for i, t in enumerate(truth) for c in t.cells]
    found_cells = [(j, c) for j, f in enumerate(found) for c in f.cells]
    score.truth_cells += len(truth_cells)
    score.detected_cells += len(found_cells)
    cells = match([c.box for _, c in truth_cells], [c.box for _, c in found_cells])
    score.matched += len(cells)
    score.matched_strict += sum(value >= STRICT_IOU for _, value in cells.values())
    score.ious += [value for _, value in cells.values()]
    placed_by_table: dict[int, int] = {}
    for n, (i, c) in enumerate(truth_cells):
        score.merged += c.merged
        if n not in cells:
            continue
        j, d = found_cells[cells[n][0]]
        right = tables.get(i, (-1, 0.0))[0] == j and (d.row, d.column) == (c.row, c.column)
        score.placed += right
        score.merged_right += c.merged and right
        placed_by_table[i] = placed_by_table.get(i, 0) + right
    for i, t in enumerate(truth):
        if i not in tables:
            score.problems.append(f"{where}: table {t.rows}×{t.columns} at {_box(t.box)} not found")
            continue
        f = found[tables[i][0]]
        score.rows_right += f.rows == t.rows
        score.columns_right += f.columns == t.columns
        score.shape_right += (f.rows, f.columns) == (t.rows, t.columns)
        exact = placed_by_table.get(i, 0) == len(t.cells) == len(f.cells)
        score.exact += exact
        if not exact:
            missed = len(t.cells) - placed_by_table.get(i, 0)
            merged = sum(c.merged for c in t.cells)
            score.problems.append(f"{where}: table {t.rows}×{t.columns} ({len(t.cells)} cells, {merged} merged) found as "
                                  f"{f.rows}×{f.columns} ({len(f.cells)} cells); {missed} truth cells not found in place")


def _box(box: Box) -> str:
    return "(" + ", ".join(f"{v:.0f}" for v in box) + ")"


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else f"{part}/0"


def report(scores: dict[str, Score], pages: int, title: str) -> None:
    names = list(scores)
    rows = [
        ("tables found / truth", lambda s: f"{s.found_tables}/{s.truth_tables}"),
        ("false tables", lambda s: str(s.false_tables)),
        ("rows right (per truth table)", lambda s: f"{s.rows_right}/{s.truth_tables}"),
        ("columns right (per truth table)", lambda s: f"{s.columns_right}/{s.truth_tables}"),
        ("rows and columns right", lambda s: f"{s.shape_right}/{s.truth_tables}"),
        ("tables exactly right", lambda s: f"{s.exact}/{s.truth_tables}"),
        ("cells detected / truth", lambda s: f"{s.detected_cells}/{s.truth_cells}"),
        (f"cell precision (IoU ≥ {IOU})", lambda s: _ratio(s.matched, s.detected_cells)),
        (f"cell recall (IoU ≥ {IOU})", lambda s: _ratio(s.matched, s.truth_cells)),
        (f"cell recall (IoU ≥ {STRICT_IOU})", lambda s: _ratio(s.matched_strict, s.truth_cells)),
        ("mean IoU of matched cells", lambda s: f"{statistics.fmean(s.ious):.3f}" if s.ious else "-"),
        ("cells in the right (row, column)", lambda s: _ratio(s.placed, s.truth_cells)),
        ("merged cells whole and in place", lambda s: _ratio(s.merged_right, s.merged)),
        ("seconds per page (mean)", lambda s: f"{statistics.fmean(s.seconds):.3f}"),
        ("seconds per page (max)", lambda s: f"{max(s.seconds):.3f}"),
        ("CPU seconds per page (mean)", lambda s: f"{statistics.fmean(s.cpu):.3f}"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"\n{title}: {pages} pages")
    print(f"{'':{width}}  " + "  ".join(f"{n:>22}" for n in names))
    for label, value in rows:
        print(f"{label:{width}}  " + "  ".join(f"{value(scores[n]):>22}" for n in names))


def evaluate(pairs: list[tuple[Path, Path, list[float] | None]], work: Path, verbose: bool, title: str) -> None:
    """`pairs`: (original PDF, PDF the detectors read, the scan's angles or None)."""
    found = detectors()
    scores = {name: Score() for name in found}
    pages = 0
    straighten: list[float] = []
    for original, image_pdf, angles in pairs:
        with pdfplumber.open(original) as doc:
            images = rendered(image_pdf)
            for n, (page, (gray, scale)) in enumerate(zip(doc.pages, images, strict=True)):
                pages += 1
                where = f"{original.name} p{n + 1}"
                truth = truth_tables(page, scale)
                started = time.perf_counter()
                straight = _straightened(gray)
                straighten.append(time.perf_counter() - started)
                png = work / "pages" / f"{original.stem}.{title.split()[0]}.p{n + 1}.png"
                png.parent.mkdir(parents=True, exist_ok=True)
                cv2.imwrite(str(png), straight)
                line = [where, f"truth {[f'{t.rows}×{t.columns}' for t in truth]}"]
                if angles is not None:
                    line.append(f"turned {angles[n]:+.2f}°, straightened by {_skew_angle(gray):+.2f}°")
                for name, detect in found.items():
                    started, cpu = time.perf_counter(), time.process_time()
                    tables = detect(straight, png)
                    scores[name].seconds.append(time.perf_counter() - started)
                    scores[name].cpu.append(time.process_time() - cpu)
                    score_page(truth, tables, scores[name], where)
                    line.append(f"{name} {[f'{t.rows}×{t.columns}' for t in tables]}")
                if verbose:
                    print("  ".join(line))
    report(scores, pages, title)
    print(f"(straightening, before either detector: {statistics.fmean(straighten):.3f} s a page)")
    for name, s in scores.items():
        if s.problems:
            print(f"\n{name}: tables not exactly right or not there")
            for p in s.problems:
                print(f"  {p}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="more text-layer PDFs with ruled tables to scan and read")
    parser.add_argument("--work", type=Path, help="directory for the scans and page images (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=0, help="the scans' seed (make_degraded_scans.py's --seed)")
    parser.add_argument("--clean", action="store_true", help="also run on the original PDFs' rendering")
    parser.add_argument("--verbose", action="store_true", help="each page's tables (rows×columns)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        pdfs = documents(work) + args.pdfs
        print("documents: " + ", ".join(p.name for p in pdfs), file=sys.stderr)
        scans = []
        for pdf in pdfs:
            scan, angles = degraded(pdf, work / "scans", args.seed)
            scans.append((pdf, scan, angles))
        evaluate(scans, work, args.verbose, "degraded scans")
        if args.clean:
            evaluate([(pdf, pdf, None) for pdf in pdfs], work, args.verbose, "clean renderings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
