#!/usr/bin/env python3
"""Extraction speed on the bundled corpus: documents per second and pages per second, one process.

Text plans carry no page numbers, so a text page is counted as `LINES_PER_PAGE` lines (a printed A4
page of a plan holds about that many lines). Run: `python benchmarks/bench_read.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vn_plan_extract import extract

LINES_PER_PAGE = 45
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus (default: %(default)s)")
    parser.add_argument("folder", nargs="?", default=str(ROOT / "corpus"))
    args = parser.parse_args()
    docs = sorted(p for p in Path(args.folder).iterdir() if p.suffix in {".txt", ".md"})
    pages = sum(max(1, len(p.read_text(encoding="utf-8").splitlines()) / LINES_PER_PAGE) for p in docs)
    for p in docs:  # warm-up: imports, compiled regexes
        extract(p)
    timings = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for p in docs:
            extract(p)
        timings.append(time.perf_counter() - start)
    best, median = min(timings), statistics.median(timings)
    print(f"{len(docs)} documents, {pages:.0f} pages ({LINES_PER_PAGE} lines/page), {args.repeat} passes")
    print(f"median {len(docs) / median:.1f} docs/s, {pages / median:.1f} pages/s "
          f"(best {len(docs) / best:.1f} docs/s, {pages / best:.1f} pages/s)")


if __name__ == "__main__":
    main()
