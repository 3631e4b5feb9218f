#!/usr/bin/env python3
"""Seconds per document to read an old Word plan (.doc) through LibreOffice: the whole `read_office_file` call.

The .doc files are LibreOffice's saves of the Word seeds (`tests/fixtures/seeds/*.docx`), made once at the
start. Each call starts LibreOffice afresh with a new private profile, converts to .docx and reads that,
so nearly all of its time is LibreOffice starting up; the Word reader's share is shown beside it.
`--format odt` or `rtf` times those instead.

Run: `.venv/bin/python benchmarks/bench_office.py [--repeat N] [--format doc]`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from vn_plan_extract.document import SourceText
from vn_plan_extract.readers.docx import read_docx_file
from vn_plan_extract.readers.office import read_office_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def _median_seconds(call: Callable[[Path], SourceText], path: Path, repeat: int) -> tuple[float, SourceText]:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        source = call(path)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="calls a document (median shown; default: %(default)s)")
    parser.add_argument("--format", choices=["doc", "odt", "rtf"], default="doc")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is not installed (Debian package libreoffice-writer-nogui)")
    seeds = sorted(SEEDS.glob("*.docx"))
    with tempfile.TemporaryDirectory(prefix="bench_office_") as tmp:
        folder = Path(tmp)
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                        "--convert-to", args.format, "--outdir", str(folder), *map(str, seeds)],
                       check=True, capture_output=True, timeout=600)
        read_docx_file(seeds[0])  # warm-up: imports
        print(f"{'document':<26}{'KB':>6}{'lines':>7}{'s/doc':>8}{'docx s':>8}   (median of {args.repeat}, .{args.format})")
        totals = []
        for seed in seeds:
            path = folder / f"{seed.stem}.{args.format}"
            seconds, source = _median_seconds(read_office_file, path, args.repeat)
            reading, _ = _median_seconds(read_docx_file, seed, args.repeat)
            totals.append(seconds)
            print(f"{path.name:<26}{path.stat().st_size / 1024:>6.0f}{source.line_count:>7}"
                  f"{seconds:>8.2f}{reading:>8.3f}")
        print(f"{'median':<39}{statistics.median(totals):>8.2f}")


if __name__ == "__main__":
    main()
