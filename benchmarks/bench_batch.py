#!/usr/bin/env python3
"""Batch throughput per format at 1 and N workers, on a corpus generated from the seeds, and peak memory.

The corpus is varied, not copied: each generated plan takes one seed and changes its commune name, its
targets (every "NN%" gets another value), its years, drops some bullet lines and, for some, uses CRLF
line ends or Windows-1258 (as older Vietnamese files do). Word files are built from those texts with
python-docx; PDF files are LibreOffice's rendering of some of the Word files (skipped without soffice).

Reported per format and worker count: documents/s, pages/s, documents/s per worker, the speed-up over one
worker, and the peak resident memory of the largest worker. Each is the median of `--repeat` runs, with
the range of documents/s beside it: one and N workers take turns, so a drift of the machine's speed
(a quarter, run to run, on the 2-core machine this was written on) reaches both alike. Conversion is timed apart from the exports
(indicators.csv, tasks.csv, plans.xlsx), which are timed once at the end.

Run: `.venv/bin/python benchmarks/bench_batch.py [--txt 300] [--docx 100] [--pdf 20] [--workers N] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import regex
from docx import Document

from vn_plan_extract.batch import BatchReport, find_inputs, output_path, run_batch
from vn_plan_extract.models import PlanDocument

ROOT = Path(__file__).resolve().parent.parent
LINES_PER_PAGE = 45  # a printed A4 page of a plan holds about this many text lines
COMMUNES = ["Tân Lập", "Phú Riềng", "Đồng Tâm", "Minh Hưng", "Lộc Ninh", "Bình Long", "Thanh Lương",
            "Hưng Phước", "Đak Nhau", "Bom Bo", "Tân Tiến", "Nha Bích", "Thiện Hưng", "Lộc Thành"]
_PERCENT = regex.compile(r"\b(\d{1,3})(?=\s?%)")
_YEAR = regex.compile(r"\b(202[4-9])\b")
#: the commune's name after "xã"/"phường": two capitalised words
_PLACE = regex.compile(r"(?<=(?:xã|phường|Xã|Phường) )\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+")


def _variant(text: str, rng: random.Random) -> str:
    commune = rng.choice(COMMUNES)
    shift = rng.choice([0, 0, 1])
    text = _PLACE.sub(commune, text)
    text = _PERCENT.sub(lambda m: str(min(100, max(1, int(m.group(1)) + rng.randint(-10, 10)))), text)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    lines = [ln for ln in text.split("\n") if not (ln.startswith("- ") and rng.random() < 0.08)]
    return "\n".join(lines)


def generate(folder: Path, n_txt: int, n_docx: int, n_pdf: int) -> dict[str, list[Path]]:
    seeds = sorted((ROOT / "corpus").glob("*.txt"))
    rng = random.Random(20261123)
    formats: dict[str, list[Path]] = {"txt": [], "docx": [], "pdf": []}
    for fmt in formats:
        (folder / fmt).mkdir(parents=True)
    for i in range(max(n_txt, n_docx)):
        seed = seeds[i % len(seeds)]
        text = _variant(seed.read_text(encoding="utf-8"), rng)
        if i < n_txt:
            path = folder / "txt" / f"plan_{i:04d}.txt"
            kind = rng.random()
            if kind < 0.15:
                path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
            elif kind < 0.25:
                try:
                    path.write_bytes(text.encode("cp1258"))
                except UnicodeEncodeError:  # precomposed letters cp1258 lacks: keep UTF-8
                    path.write_text(text, encoding="utf-8")
            else:
                path.write_text(text, encoding="utf-8")
            formats["txt"].append(path)
        if i < n_docx:
            document = Document()
            for line in text.split("\n"):
                if line.strip():
                    document.add_paragraph(line.strip())
            path = folder / "docx" / f"plan_{i:04d}.docx"
            document.save(str(path))
            formats["docx"].append(path)
    soffice = shutil.which("soffice")
    if soffice and n_pdf:
        chosen = formats["docx"][:n_pdf]
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
                        *map(str, chosen)], check=True, capture_output=True, timeout=1800)
        formats["pdf"] = sorted((folder / "pdf").glob("*.pdf"))
    elif n_pdf:
        print("soffice not found: no PDF benchmark")
    return formats


def _pages(out_dir: Path, in_dir: Path, fmt: str) -> float:
    pages = 0.0
    for path in find_inputs(in_dir):
        if fmt == "pdf":
            plan = PlanDocument.model_validate_json(output_path(out_dir, path.relative_to(in_dir)).read_bytes())
            pages += plan.source.pages or 1
        elif fmt == "docx":
            pages += max(1.0, len(Document(str(path)).paragraphs) / LINES_PER_PAGE)
        else:
            pages += max(1.0, path.read_bytes().count(b"\n") / LINES_PER_PAGE)
    return pages


def _probe_ms() -> float:
    """How long a fixed piece of pure-Python work takes now: this machine's speed drifts between runs by
    as much as the changes being measured, and the probe shows which way it drifted."""
    start = time.perf_counter()
    words = ("tỷ lệ hồ sơ trực tuyến đạt 80% " * 2000).split()
    counts: dict[str, int] = {}
    for _ in range(10):
        for word in words:
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--txt", type=int, default=300)
    parser.add_argument("--docx", type=int, default=100)
    parser.add_argument("--pdf", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each format and worker count (median shown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        formats = generate(root / "in", args.txt, args.docx, args.pdf)
        print(f"generated {sum(map(len, formats.values()))} plans in {time.perf_counter() - start:.0f} s "
              f"({', '.join(f'{len(v)} {k}' for k, v in formats.items())}); {os.cpu_count()} cores")
        print(f"each figure: the median of {args.repeat} runs, 1 and {args.workers} workers taking turns "
              "(this machine's speed drifts by a quarter between runs), its range after it; probe: the median "
              "ms a fixed pure-Python loop took just before each run (larger: a slower machine then)")
        print(f"{'format':6} {'workers':>7} {'docs':>5} {'pages':>7} {'docs/s':>7} {'docs/s range':>13} {'pages/s':>8} "
              f"{'docs/s/worker':>13} {'speed-up':>8} {'peak MB/worker':>14} {'failed':>6} {'probe ms':>8}")
        for fmt, files in formats.items():
            if not files:
                continue
            in_dir = root / "in" / fmt
            counts = sorted({1, args.workers})
            runs: dict[int, list[BatchReport]] = {w: [] for w in counts}
            probes: dict[int, list[float]] = {w: [] for w in counts}
            for _ in range(args.repeat):
                for workers in counts:
                    probes[workers].append(_probe_ms())
                    out = root / f"out_{fmt}_{workers}"
                    runs[workers].append(run_batch(in_dir, out, workers=workers, force=True, progress=False,
                                                   exports=False))
            base = None
            for workers in counts:
                rates = sorted(r.converted / r.convert_seconds for r in runs[workers])
                rate = statistics.median(rates)
                base = base or rate
                last = runs[workers][-1]
                pages = _pages(root / f"out_{fmt}_{workers}", in_dir, fmt)
                seconds = last.converted / rate
                print(f"{fmt:6} {workers:>7} {last.converted:>5} {pages:>7.0f} {rate:>7.1f} "
                      f"{rates[0]:>6.1f}–{rates[-1]:<6.1f} {pages / seconds:>8.1f} {rate / workers:>13.1f} "
                      f"{rate / base:>7.2f}x {max(r.peak_worker_mb for r in runs[workers]):>14.0f} "
                      f"{max(len(r.failures) for r in runs[workers]):>6} {statistics.median(probes[workers]):>8.0f}")
        start = time.perf_counter()
        report = run_batch(root / "in", root / "out_all", workers=args.workers, progress=False)
        print(f"all formats, {args.workers} workers, with exports: {report.summary()}")
        convert_only = report.seconds
        again = run_batch(root / "in", root / "out_all", workers=args.workers, progress=False)
        print(f"rerun (all up to date, exports rewritten): {again.seconds:.1f} s; first run {convert_only:.1f} s")


if __name__ == "__main__":
    main()
