#!/usr/bin/env python3
"""The whole `batch` command as an office runs it: documents/s from the shell prompt back to the prompt.

Times `vn-plan-extract batch IN -o OUT --force -q --workers W` as a subprocess, so start-up, finding
the files, converting, writing every JSON and the exports (indicators.csv, tasks.csv, plans.xlsx) are all
in; at 1 and 2 workers, on text plans generated from the seeds (`bench_batch.generate`: each varies its
commune, targets and years). From the run's summary.json it splits the time into conversion and the rest
(the exports, mostly), and reports the parent's peak memory at two batch sizes (it must not grow with
the number of plans). Start-up is timed apart: `vn-plan-extract --help` and `import vn_plan_extract`.
Each figure is the median of `--repeat` runs.

Run: `.venv/bin/python benchmarks/bench_command.py [--plans 300] [--repeat 3]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import generate

BIN = Path(sys.executable).parent


def _seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _run(in_dir: Path, out_dir: Path, workers: int) -> tuple[float, dict[str, float]]:
    wall = _seconds([str(BIN / "vn-plan-extract"), "batch", str(in_dir), "-o", str(out_dir), "--force", "-q",
                     "--workers", str(workers)])
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    return wall, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    help_s = statistics.median(_seconds([str(BIN / "vn-plan-extract"), "--help"]) for _ in range(5))
    import_s = statistics.median(_seconds([sys.executable, "-c", "import vn_plan_extract"]) for _ in range(5))
    print(f"start-up: --help {help_s:.3f} s, import vn_plan_extract {import_s:.3f} s")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root / "in", args.plans, 0, 0)
        in_dir = root / "in" / "txt"
        small = root / "small"
        small.mkdir()
        for path in sorted(in_dir.iterdir())[: max(1, args.plans // 3)]:
            shutil.copy(path, small / path.name)
        for workers in (1, 2):
            runs = [_run(in_dir, root / f"out{workers}", workers) for _ in range(args.repeat)]
            wall = statistics.median(r[0] for r in runs)
            convert = statistics.median(r[1]["convert_seconds"] for r in runs)
            rest = statistics.median(r[1]["seconds"] - r[1]["convert_seconds"] for r in runs)
            parent = statistics.median(r[1]["peak_parent_mb"] for r in runs)
            print(f"{args.plans} text plans, {workers} worker(s): {args.plans / wall:.1f} docs/s whole command "
                  f"({wall:.2f} s: start-up and set-up {wall - runs[0][1]['seconds']:.2f} s, conversion {convert:.2f} s, "
                  f"exports and the rest {rest:.2f} s = {rest / convert:.0%} of the conversion); "
                  f"parent peak {parent:.0f} MB")
        _, summary = _run(small, root / "out_small", 1)
        print(f"parent peak memory at {len(list(small.iterdir()))} plans: {summary['peak_parent_mb']:.0f} MB "
              f"(at {args.plans}: see above)")


if __name__ == "__main__":
    main()
