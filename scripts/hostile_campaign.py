"""Run the CLI on every hostile input of tests/hostile_inputs.py and classify what happens.

Each case is built in a temporary folder and converted by `vn-plan-extract extract NAME -o OUT` (run from that
folder, so a name starting with "-" reaches argparse as typed), in a subprocess of its own session, limited to
`--timeout` seconds (the whole process group is killed after) and `--mem` bytes of address space
(`prlimit --as`). Peak memory is the child's maximum resident set, from `/usr/bin/time -v` (else the
RUSAGE_CHILDREN high-water mark, which only shows a new peak).

Outcomes: ok (exit 0), clean-error (non-zero exit, a stderr line starting "error:", no traceback), TRACEBACK
(a Python traceback on stderr, whatever the exit code), TIMEOUT, CRASH (killed by a signal: memory limit,
segfault), UNCLEAN (non-zero exit, no "error:" line and no traceback, e.g. an argparse usage error). An output
or stderr that quotes /etc/passwd ("root:x:0:0") is flagged LEAK.

    .venv/bin/python scripts/hostile_campaign.py                  # every case, one line each
    .venv/bin/python scripts/hostile_campaign.py --only pdf_empty --only docx_zip_bomb
    .venv/bin/python scripts/hostile_campaign.py --batch          # all cases in one folder, `batch --workers 2`
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME = Path("/usr/bin/time")
LEAK_MARK = "root:x:0:0"


def _load_cases() -> dict[str, Callable[[Path], Path]]:
    spec = importlib.util.spec_from_file_location("hostile_inputs", ROOT / "tests" / "hostile_inputs.py")
    if spec is None or spec.loader is None:
        raise SystemExit("error: tests/hostile_inputs.py not found")
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_inputs"] = module
    spec.loader.exec_module(module)
    cases: dict[str, Callable[[Path], Path]] = module.CASES
    return cases


def _cli() -> str:
    local = ROOT / ".venv" / "bin" / "vn-plan-extract"
    found = str(local) if local.exists() else shutil.which("vn-plan-extract")
    if not found:
        raise SystemExit("error: vn-plan-extract is not installed (pip install -e .)")
    return found


@dataclass
class Run:
    returncode: int | None  # None: timed out
    seconds: float
    peak_mb: float | None
    stderr: str
    signal: int | None = None


def _run(argv: list[str], cwd: Path, timeout: float, mem: int) -> Run:
    """Run `argv` in its own session under the memory limit, killing its process group after `timeout` s."""
    with tempfile.NamedTemporaryFile(prefix="hostile_time_", suffix=".txt", delete=False) as handle:
        time_file = Path(handle.name)
    wrapped = list(argv)
    if TIME.exists():
        wrapped = [str(TIME), "-v", "-o", str(time_file), *wrapped]
    if shutil.which("prlimit"):
        wrapped = ["prlimit", f"--as={mem}", "--", *wrapped]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    proc = subprocess.Popen(wrapped, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
        returncode: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        returncode = None
    seconds = time.monotonic() - start
    stderr = err.decode("utf-8", errors="replace")
    peak_mb: float | None = None
    sig: int | None = None
    timing = time_file.read_text(errors="replace") if time_file.exists() else ""
    time_file.unlink(missing_ok=True)
    if timing:
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing)
        peak_mb = int(match.group(1)) / 1024 if match else None
        killed = re.search(r"Command terminated by signal (\d+)", timing)
        sig = int(killed.group(1)) if killed else None
    else:
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peak_mb = after / 1024 if after > before else None
    if returncode is not None and returncode < 0:
        sig = -returncode
    return Run(returncode, seconds, peak_mb, stderr, sig)


@dataclass
class Result:
    case: str
    outcome: str
    seconds: float
    peak_mb: float | None
    returncode: int | None
    detail: str


def _traceback_tail(stderr: str, lines: int = 3) -> str:
    tail = stderr[stderr.rindex("Traceback"):].strip().splitlines()
    return " | ".join(line.strip() for line in tail[-lines:])


def _classify(case: str, run: Run, outputs: list[Path]) -> Result:
    stderr = run.stderr
    error_lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    if "Traceback" in stderr:
        outcome, detail = "TRACEBACK", _traceback_tail(stderr)
    elif run.returncode is None:
        outcome, detail = "TIMEOUT", (stderr.strip().splitlines() or [""])[-1]
    elif run.signal:
        outcome, detail = "CRASH", f"signal {run.signal}; " + (stderr.strip().splitlines() or [""])[-1]
    elif run.returncode == 0:
        outcome = "ok"
        summary = re.findall(r"\((\d+ indicators, \d+ tasks, \d+ warnings)\)", stderr)
        detail = summary[-1] if summary else "(no summary line)"
        if not outputs:
            detail += "; no JSON written"
    elif error_lines:
        outcome, detail = "clean-error", error_lines[0]
    else:
        outcome, detail = "UNCLEAN", " | ".join(stderr.strip().splitlines()[-2:])
    leaked = LEAK_MARK in stderr or any(LEAK_MARK in p.read_text(encoding="utf-8", errors="replace") for p in outputs)
    if leaked:
        outcome += "+LEAK"
    return Result(case, outcome, run.seconds, run.peak_mb, run.returncode, detail.replace("\n", "\\n"))


def _print_row(r: Result) -> None:
    peak = f"{r.peak_mb:8.0f}" if r.peak_mb is not None else "       ?"
    print(f"{r.case:24s} {r.outcome:12s} {r.seconds:7.1f}s {peak} MB  {r.detail[:400]}", flush=True)


def run_cases(cases: dict[str, Callable[[Path], Path]], timeout: float, mem: int) -> list[Result]:
    cli = _cli()
    results = []
    print(f"{'case':24s} {'outcome':12s} {'seconds':>8s} {'peak':>8s}     detail")
    for name, make in cases.items():
        with tempfile.TemporaryDirectory(prefix=f"hostile_{name}_") as tmp:
            folder, out = Path(tmp) / "in", Path(tmp) / "out"
            folder.mkdir()
            try:
                path = make(folder)
            except Exception as exc:  # noqa: BLE001 - a case that cannot be built is reported, not fatal
                result = Result(name, "BUILD-FAILED", 0.0, None, None, f"{type(exc).__name__}: {exc}")
            else:
                run = _run([cli, "extract", path.name, "-o", str(out)], folder, timeout, mem)
                outputs = sorted(out.glob("*.json")) if out.is_dir() else []
                result = _classify(name, run, outputs)
        results.append(result)
        _print_row(result)
    counts = Counter(r.outcome for r in results)
    print("\nsummary: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + f" (of {len(results)})")
    return results


def _formula_cells(out: Path) -> list[str]:
    """Cells of the batch's CSV and Excel exports that a spreadsheet would read as a formula: CSV fields starting
    with "=", "+" or "@" (not quoted by a leading "'"), Excel cells stored as formulas."""
    found: list[str] = []
    for table in sorted(out.glob("*.csv")):
        with table.open(encoding="utf-8-sig", newline="") as handle:
            for fields in csv.reader(handle):
                found += [f"{table.name}: {field[:60]!r}" for field in fields if field[:1] in ("=", "+", "@")]
    for book in sorted(out.glob("*.xlsx")):
        try:
            import openpyxl
        except ImportError:
            break
        wb = openpyxl.load_workbook(book)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                # a string cell that starts with "=" is stored as text (data type "s"): only real formulas count
                found += [f"{book.name}/{ws.title}!{c.coordinate}: {str(c.value)[:60]!r}" for c in row if c.data_type == "f"]
    return found


def run_batch_mode(cases: dict[str, Callable[[Path], Path]], timeout: float, batch_timeout: float, mem: int) -> int:
    cli = _cli()
    with tempfile.TemporaryDirectory(prefix="hostile_batch_") as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        for name, make in cases.items():
            try:
                make(folder)
            except Exception as exc:  # noqa: BLE001 - reported, the rest still run
                print(f"build failed: {name}: {type(exc).__name__}: {exc}")
        inputs = sorted(p.name for p in folder.iterdir())
        print(f"{len(inputs)} inputs in one folder; running batch --workers 2 --timeout {timeout:g}")
        run = _run([cli, "batch", str(folder), "-o", str(out), "--workers", "2", "--timeout", f"{timeout:g}"], Path(tmp),
                   batch_timeout, mem)
        state = "TIMEOUT" if run.returncode is None else f"exit {run.returncode}"
        peak = f"{run.peak_mb:.0f} MB" if run.peak_mb is not None else "?"
        print(f"batch: {state}, {run.seconds:.1f} s, peak {peak} (largest single process)")
        if "Traceback" in run.stderr:
            print("TRACEBACK on stderr: " + _traceback_tail(run.stderr, 6))
        errors, summary = out / "errors.jsonl", out / "summary.json"
        print(f"errors.jsonl exists: {errors.exists()}; summary.json exists: {summary.exists()}")
        jsons = [p for p in out.rglob("*.json") if p.name != "summary.json"] if out.is_dir() else []
        print(f"plan JSON outputs: {len(jsons)}")
        if errors.exists():
            lines = errors.read_text(encoding="utf-8", errors="replace").splitlines()
            print(f"errors.jsonl: {len(lines)} lines")
            for line in lines:
                try:
                    entry = json.loads(line)
                    print(f"  [{entry.get('kind')}] {str(entry.get('message'))[:300]!r}")
                except json.JSONDecodeError:
                    print(f"  (not JSON) {line[:200]!r}")
        if summary.exists():
            print("summary.json: " + summary.read_text(encoding="utf-8", errors="replace")[:1500])
        formulas = _formula_cells(out) if out.is_dir() else []
        print(f"export cells read as formulas: {len(formulas)}")
        for cell in formulas[:20]:
            print(f"  {cell}")
        leaks = [p.name for p in jsons if LEAK_MARK in p.read_text(encoding="utf-8", errors="replace")]
        if leaks:
            print(f"LEAK of /etc/passwd in: {leaks}")
        print("stderr tail:\n  " + "\n  ".join(run.stderr.strip().splitlines()[-8:]))
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", metavar="NAME", help="run this case (repeatable; a prefix such as docx_ works)")
    parser.add_argument("--batch", action="store_true", help="all cases in one folder, one `batch --workers 2` run")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run (per file in --batch); default 60")
    parser.add_argument("--batch-timeout", type=float, default=1200.0, help="seconds for the whole --batch run; default 1200")
    parser.add_argument("--mem", type=int, default=4_000_000_000, help="address-space limit in bytes; default 4e9")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    cases = _load_cases()
    if args.only:
        unknown = [n for n in args.only if not any(c.startswith(n) for c in cases)]
        if unknown:
            parser.error(f"no such case: {', '.join(unknown)} (cases: {', '.join(cases)})")
        cases = {name: make for name, make in cases.items() if any(name.startswith(n) for n in args.only)}
    if args.batch:
        return run_batch_mode(cases, args.timeout, args.batch_timeout, args.mem)
    results = run_cases(cases, args.timeout, args.mem)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
