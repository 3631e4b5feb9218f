#!/usr/bin/env python3
"""Reading and extraction speed per format, one process: documents per second and pages per second.

Formats: the text seeds (`corpus/*.txt`) and their Word and PDF copies (`tests/fixtures/seeds/`). A page
is a real PDF page; a Word file counts the pages of its PDF copy (LibreOffice's rendering of it); a
text file counts `LINES_PER_PAGE` lines a page (a printed A4 page of a plan holds about that many).

Run: `.venv/bin/python benchmarks/bench_read.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vn_plan_extract import extract
from vn_plan_extract.readers import read_path

LINES_PER_PAGE = 45
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def _pages(path: Path) -> float:
    if path.suffix == ".pdf":
        return float(read_path(path).pages or 1)
    if path.suffix == ".docx":
        twin = path.with_suffix(".pdf")
        return float(read_path(twin).pages or 1) if twin.exists() else 1.0
    return max(1.0, len(path.read_text(encoding="utf-8").splitlines()) / LINES_PER_PAGE)


def bench(docs: list[Path], repeat: int) -> tuple[float, float, float]:
    pages = sum(_pages(p) for p in docs)
    for p in docs:  # warm-up: imports, compiled regexes
        extract(p)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        for p in docs:
            extract(p)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    return len(docs) / median, pages / median, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="passes over each set (default: %(default)s)")
    args = parser.parse_args()
    sets = {
        "txt": sorted((ROOT / "corpus").glob("*.txt")),
        "docx": sorted(SEEDS.glob("*.docx")),
        "pdf": sorted(SEEDS.glob("*.pdf")),
    }
    print(f"{'format':<8}{'docs':>6}{'pages':>8}{'docs/s':>10}{'pages/s':>10}   (median of {args.repeat} passes, 1 process)")
    for name, docs in sets.items():
        if not docs:
            continue
        docs_s, pages_s, pages = bench(docs, args.repeat)
        print(f"{name:<8}{len(docs):>6}{pages:>8.0f}{docs_s:>10.1f}{pages_s:>10.1f}")


if __name__ == "__main__":
    main()
