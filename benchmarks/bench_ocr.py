#!/usr/bin/env python3
"""OCR speed: pages per second per core, and a batch of scanned PDFs at 1 and 2 workers.

The scans are the degraded scans of the five seeds' PDFs (scripts/make_degraded_scans.py: 200 dpi,
turned, dust, blur, JPEG; 59 pages, 12 of them tables), made once at the start.

1. Per core: every scan read by `read_path` in this process with one OCR thread (render, straighten,
   find the ruling lines, Tesseract once for the page's text and once a table column, the corrections):
   pages/s on one core.
2. The batch: `vn-plan-extract batch SCANS -o OUT --workers N --force -q` as a command, start-up and
   exports included, at 1 and 2 workers: documents/s and pages/s.

Each figure is the median of `--repeat` runs. The time of a .doc conversion is `bench_office.py`'s.

Run: `.venv/bin/python benchmarks/bench_ocr.py [--repeat 2]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vn_plan_extract.readers import read_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def _make_scans(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_degraded_scans import degraded_scan

    return [degraded_scan(pdf, folder / f"{pdf.stem}.pdf") for pdf in sorted(SEEDS.glob("*.pdf"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_ocr_") as tmp:
        scans = _make_scans(Path(tmp) / "scans")
        pages = 0
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            pages = sum(read_path(p, workers=1).pages or 0 for p in scans)
            timings.append(time.perf_counter() - start)
        seconds = statistics.median(timings)
        print(f"{os.cpu_count()} cores; {len(scans)} scanned PDFs, {pages} pages")
        print(f"OCR on one core (read_path, 1 thread): {seconds:.1f} s, {pages / seconds:.2f} pages/s, "
              f"{seconds / pages:.2f} s/page")
        command = [sys.executable, "-m", "vn_plan_extract.cli"]
        for workers in (1, 2):
            timings = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                subprocess.run([*command, "batch", str(Path(tmp) / "scans"), "-o", str(Path(tmp) / "out"),
                                "--workers", str(workers), "--force", "-q"], check=True, capture_output=True)
                timings.append(time.perf_counter() - start)
            seconds = statistics.median(timings)
            print(f"batch of scans, {workers} worker(s), whole command: {seconds:.1f} s, {len(scans) / seconds:.3f} docs/s, "
                  f"{pages / seconds:.2f} pages/s (range {min(timings):.1f}–{max(timings):.1f} s)")


if __name__ == "__main__":
    main()
