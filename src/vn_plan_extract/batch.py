"""Convert a whole folder of plans: worker processes, a progress bar, and nothing lost to one bad file.

For every supported file below the input folder, `OUT_DIR/<relative path>.json` (so "plan.docx" and
"plan.pdf" beside each other get separate outputs). Each output is written atomically by the worker
that made it, so a run stopped at any moment (Ctrl-C, a killed process) leaves only whole files, and the
next run skips every input whose output already records the same input sha256 and package version.

A file that hangs the parser past the per-file time limit, or kills its worker, costs only that file:
the pool (pebble) replaces the worker and the file is listed in `errors.jsonl` with the others that failed.

With `review`, each worker also writes the plan's review page `OUT_DIR/<relative path>.html` and the run
ends with `index.html` listing them (an input whose page is missing is converted again).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from ._version import __version__
from .errors import ATTENTION_CODES, VnPlanExtractError, failure_reason_vi, readable_name
from .export import FILE_STATUS, ConvertedPlan, ExportWriter, unread_status
from .files import SUMMARY_FILE, remove_partials, write_atomic, write_json_atomic, write_plan_atomic, write_text_atomic
from .models import PlanDocument
from .pipeline import extract_text, how_read, run
from .readers import SUPPORTED_SUFFIXES, read_path
from .review import IndexEntry, index_html, write_review

ERRORS_FILE = "errors.jsonl"
#: With `review`: the list of review pages (one `<relative path>.html` beside each output).
REVIEW_INDEX = "index.html"
#: Seconds one file may take before its worker is stopped (a 100-page PDF with a text layer takes about
#: 15 s; a scanned one is read by OCR at about 3 s a page on one core, so 150 scanned pages fit).
DEFAULT_TIMEOUT = 600.0
logger = logging.getLogger(__name__)


def find_inputs(folder: Path, skip: Path | None = None, outside: list[Path] | None = None,
                unsupported: list[Path] | None = None) -> list[Path]:
    """Every supported file below `folder`, sorted; skipped: hidden files and folders, the folder `skip`
    (a batch's output inside its input: its review pages are .html), the `<name>_files` folders a web
    page saved by Word or a browser keeps its parts in, and links to files or folders out of `folder` (listed
    in `outside`: a link in a shared folder must not make the batch read and show files from elsewhere).
    Files of a type no reader takes are listed in `unsupported`, so that a batch can say what it did not read."""
    skipped = skip.resolve() if skip is not None else None
    root = folder.resolve()
    out = []
    for child in sorted(folder.rglob("*")):
        parts = child.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or any(part.endswith("_files") for part in parts[:-1]):
            continue
        if not child.is_file():
            # a link to a folder elsewhere is not walked (rglob does not follow it) and is said so
            if child.is_symlink() and outside is not None and not child.resolve().is_relative_to(root):
                outside.append(child)
            continue
        real = child.resolve()
        if child.suffix.lower() not in SUPPORTED_SUFFIXES:
            if unsupported is not None and not (skipped is not None and real.is_relative_to(skipped)):
                unsupported.append(child)
            continue
        if not real.is_relative_to(root):
            if outside is not None:
                outside.append(child)
            continue
        if skipped is not None and real.is_relative_to(skipped):
            continue
        out.append(child)
    return out


def output_path(out_dir: Path, relative: Path) -> Path:
    return out_dir / f"{relative.as_posix()}.json"


def review_output_path(output: Path) -> Path:
    """The review page beside an output: `plan.txt.json` → `plan.txt.html`."""
    return output.with_suffix(".html")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def up_to_date_output(output: Path, sha256: str) -> dict[str, Any] | None:
    """The JSON in `output` if it holds this input's extraction by this version of the package, else None."""
    try:
        data = json.loads(output.read_text(encoding="utf-8"))
        if data["source"]["sha256"] == sha256 and data["generator"]["version"] == __version__:
            return dict(data)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, unreadable, half-written by an older tool: redo it
    return None


@dataclass(frozen=True)
class Failure:
    file: str
    kind: str
    message: str


@dataclass
class BatchReport:
    """What a run did. `failures` lists this run's failures; skipped files were up to date."""

    inputs: int = 0
    converted: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    indicators: int = 0
    tasks: int = 0
    seconds: float = 0.0
    #: of `seconds`, the time spent converting (the rest: checking inputs, writing exports)
    convert_seconds: float = 0.0
    interrupted: bool = False
    #: the largest peak resident memory any worker reported (MB; it includes what a forked worker shares)
    peak_worker_mb: float = 0.0
    #: the peak resident memory of this (the parent) process so far, MB: it must not grow with the plans
    peak_parent_mb: float = 0.0
    exports: list[str] = field(default_factory=list)
    #: links in the input folder to files outside it, not followed
    links_outside: list[str] = field(default_factory=list)
    #: files below the input folder of a type not read ("x.xlsx"), and converted files part of which was
    #: not read (file → warning codes: a scan without OCR, a table not recovered, damage)
    unsupported: list[str] = field(default_factory=list)
    with_warnings: dict[str, list[str]] = field(default_factory=dict)
    #: the plan JSONs of this run's inputs (converted now or up to date), relative to the output folder:
    #: what `compare` takes, rather than whatever JSON lies in the folder from an earlier run
    outputs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rate = self.converted / self.convert_seconds if self.convert_seconds else 0.0
        head = "interrupted: " if self.interrupted else ""
        unread = f", {len(self.unsupported)} not read (unsupported type)" if self.unsupported else ""
        to_ocr = sum(1 for codes in self.with_warnings.values() if "W006" in codes)
        partly = len(self.with_warnings) - to_ocr
        partly_text = (f", {partly} partly read (see above)" if partly else "") + (
            f", {to_ocr} with scanned pages not read (see above)" if to_ocr else "")
        return (f"{head}{self.converted} converted, {self.skipped} up to date, {len(self.failures)} failed "
                f"of {self.inputs} files{partly_text}{unread}; {self.indicators} indicators, {self.tasks} tasks; "
                f"{self.seconds:.1f} s" + (f" ({rate:.1f} files/s while converting)" if self.converted else ""))


def _convert(path: str, output: str, review: bool = False, ocr: str = "auto",
             password: str | None = None) -> dict[str, Any]:
    """In a worker: extract one file and write its JSON. Errors come back as data, not as exceptions
    (the package's exceptions carry the path and reason separately and do not survive pickling whole)."""
    started = time.perf_counter()
    try:
        source = read_path(Path(path), ocr=ocr, password=password)  # one OCR page at a time: the workers are the budget
        read_s = time.perf_counter() - started
        plan = run(source)
        write_plan_atomic(Path(output), plan)
        if review:
            write_review(plan, source, review_output_path(Path(output)))
    except MemoryError:
        # past --max-memory: this worker's heap may be in pieces; it ends, and the pool starts a new one
        os._exit(_MEMORY_EXIT)
    except VnPlanExtractError as exc:
        return {"ok": False, "kind": type(exc).__name__, "message": str(exc)}
    except Exception as exc:  # noqa: BLE001 -- a bug in this package: keep the batch going, say where
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return {"ok": False, "kind": "InternalError",
                "message": f"{readable_name(path)}: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"}
    # what -v says of the file, logged by the parent (a worker's log lines would interleave)
    said = how_read(source, plan, read_s, time.perf_counter() - started - read_s)
    return {"ok": True, "indicators": len(plan.indicators), "tasks": len(plan.tasks),
            "attention": sorted({w.code for w in plan.warnings if w.code in ATTENTION_CODES}),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "said": said}


def _attention(output: dict[str, Any]) -> list[str]:
    """The codes of a plan JSON's warnings that say part of it was not read (`ATTENTION_CODES`)."""
    return sorted({str(w["code"]) for w in output.get("warnings", [])
                   if isinstance(w, dict) and w.get("code") in ATTENTION_CODES})


#: A small plan run once in the parent before the workers fork, so that they start with the lexicons
#: loaded and the patterns compiled instead of each paying for it on its first file.
_WARM_UP_PLAN = """ỦY BAN NHÂN DÂN XÃ MẪU
KẾ HOẠCH
Chuyển đổi số năm 2026
I. MỤC TIÊU
1. Tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 80%; Top 30 DTI.
II. NHIỆM VỤ
| STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |
| 1 | Số hóa hồ sơ | Văn phòng HĐND và UBND | Các cơ quan, đơn vị | Quý II/2026 |
III. TỔ CHỨC THỰC HIỆN
1. Phòng Văn hóa - Xã hội: chủ trì, theo dõi, đánh giá.
"""


def _warm_up() -> None:
    logging.disable(logging.INFO)  # its line is not one of the run's files
    try:
        extract_text(_WARM_UP_PLAN, "warm-up.md", "md")
    finally:
        logging.disable(logging.NOTSET)
    gc.freeze()  # keep the collector off the parent's objects, which the forked workers share


#: The exit status of a worker that went past its memory limit.
_MEMORY_EXIT = 75


def default_max_memory_mb(workers: int) -> int:
    """What a worker may allocate: 2 GB (a 9000 × 9000 page image is read in 1.1 GB), or less where the
    machine's memory shared by the workers and the parent is less."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    except (ValueError, OSError):
        return 2048
    return int(max(512, min(2048, total / (workers + 1))))


def _worker_init(max_memory_mb: int | None = None) -> None:
    # Ctrl-C reaches the whole process group; only the parent should act on it (and stop the pool).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if max_memory_mb:
        # the address space, not the resident size, is what the kernel can cap: an allocation past it
        # fails (MemoryError) instead of the machine going to swap. The cap is what the worker may take
        # beyond what it starts with (the parent's libraries and lexicons, shared after the fork).
        limit = _address_space() + max_memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _address_space() -> int:
    """This process's virtual size in bytes (Linux), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
    # The collector keeps its default thresholds: raised to a pass every 100 000 allocations it saved
    # 1.8% of a text plan's instructions, but python-docx's and pdfminer's reference cycles then piled up
    # (peak memory of a worker 116 → 306 MB on Word files, 232 → 369 MB on PDF; Word 10% slower).


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _file_statuses(report: BatchReport, relatives: list[Path]) -> list[tuple[str, str, str]]:
    """Every file below the input folder and what became of it (the workbook's "Tệp" sheet)."""
    failed = {f.file: failure_reason_vi(f.kind, f.message, f.file) for f in report.failures}
    out = []
    for relative in relatives:
        name = readable_name(relative.as_posix())
        if name in failed:
            out.append((name, "failed", failed[name]))
        elif name in report.with_warnings:
            out.append((name, *unread_status(report.with_warnings[name])))
        else:
            out.append((name, "converted", ""))
    out += [(name, "unsupported", "") for name in report.unsupported]
    out += [(name, "outside", "") for name in report.links_outside]
    return sorted(out)


def _write_errors(out_dir: Path, failures: list[Failure]) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as fh:
            for failure in sorted(failures, key=lambda f: f.file):
                fh.write(json.dumps(asdict(failure), ensure_ascii=False) + "\n")

    write_atomic(out_dir / ERRORS_FILE, write)


class _InOrder:
    """Feeds the run's plans to the exports and the review index in input order, each as soon as it and
    every input before it are settled (converted, up to date or failed): rows are written while the
    workers convert, in the same order on every run, and the parent holds one plan at a time (read back
    from its JSON) and the list of which inputs are settled."""

    def __init__(self, out_dir: Path, relatives: list[Path], writer: ExportWriter | None, review: bool) -> None:
        self.out_dir, self.relatives, self.writer, self.review = out_dir, relatives, writer, review
        self.settled: list[bool | None] = [None] * len(relatives)  # None: pending; True: has an output to take
        self.pages: list[IndexEntry] = []
        self._next = 0

    def settle(self, index: int, has_output: bool) -> None:
        self.settled[index] = has_output
        while self._next < len(self.relatives) and self.settled[self._next] is not None:
            if self.settled[self._next]:
                self._take(self.relatives[self._next])
            self._next += 1

    def _take(self, relative: Path) -> None:
        output = output_path(self.out_dir, relative)
        if (self.writer is None and not self.review) or not output.exists():
            return
        item = ConvertedPlan(readable_name(relative.as_posix()), PlanDocument.model_validate_json(output.read_bytes()))
        if self.writer is not None:
            self.writer.add(item)
        if self.review:
            self.pages.append(IndexEntry.of(review_output_path(output_path(Path("."), relative)).as_posix(), item.plan,
                                            item.file))


def run_batch(in_dir: Path, out_dir: Path, *, workers: int | None = None, force: bool = False,
              timeout: float = DEFAULT_TIMEOUT, progress: bool = True, exports: bool = True,
              review: bool = False, on_progress: Callable[[BatchReport], None] | None = None,
              ocr: str = "auto", max_memory_mb: int | None = None, password: str | None = None) -> BatchReport:
    """Convert every plan below `in_dir` into `out_dir`; see the module docstring."""
    start = time.perf_counter()
    report = BatchReport()
    outside: list[Path] = []
    unsupported: list[Path] = []
    inputs = find_inputs(in_dir, skip=out_dir, outside=outside, unsupported=unsupported)
    report.links_outside = [readable_name(p.relative_to(in_dir).as_posix()) for p in outside]
    report.unsupported = [readable_name(p.relative_to(in_dir).as_posix()) for p in unsupported]
    report.inputs = len(inputs)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_partials(out_dir)
    relatives = [p.relative_to(in_dir) for p in inputs]
    feed = _InOrder(out_dir, relatives, ExportWriter(out_dir) if exports else None, review)
    todo: list[tuple[int, Path, Path]] = []
    for index, (path, relative) in enumerate(zip(inputs, relatives, strict=True)):
        output = output_path(out_dir, relative)
        try:
            fresh = None if force else up_to_date_output(output, file_sha256(path))
            if review and not review_output_path(output).exists():
                fresh = None  # its review page is wanted and missing
            attention = _attention(fresh) if fresh is not None else []
            if "W006" in attention and ocr != "never":
                fresh = None  # pages left unread by an earlier --ocr never: read them by OCR now
        except OSError as exc:
            report.failures.append(Failure(readable_name(relative.as_posix()), "UnreadableDocument",
                                           f"{readable_name(path)}: {exc.strerror or exc}"))
            feed.settle(index, False)
            continue
        if fresh is not None:
            logger.info("%s: up to date (%s)", readable_name(relative.as_posix()), output.name)
            report.skipped += 1
            report.indicators += len(fresh.get("indicators", []))
            report.tasks += len(fresh.get("tasks", []))
            # a file part of which was not read says so on every run, not only on the one that read it
            if attention:
                report.with_warnings[readable_name(relative.as_posix())] = attention
            feed.settle(index, True)
        else:
            todo.append((index, path, relative))

    convert_start = time.perf_counter()
    n_workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    if todo:
        _warm_up()
    from pebble import ProcessExpired, ProcessPool  # loaded by a batch only: `--help` and `extract` start faster
    from tqdm import tqdm

    bar = tqdm(total=report.inputs, initial=report.skipped + len(report.failures), unit="file",
               desc="converting", disable=not progress, dynamic_ncols=True)
    # `kill` (SIGTERM) stops a run like Ctrl-C; signal handlers can only be set from the main thread
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous_sigterm = signal.signal(signal.SIGTERM, _raise_interrupt) if in_main_thread else None
    memory = max_memory_mb if max_memory_mb is not None else default_max_memory_mb(n_workers)
    pool = ProcessPool(max_workers=n_workers, initializer=_worker_init, initargs=(memory,))
    try:
        futures: dict[Future[Any], tuple[int, Path, Path]] = {
            pool.schedule(_convert, args=(str(path), str(output_path(out_dir, relative)), review, ocr, password),
                          timeout=timeout):
                (index, path, relative)
            for index, path, relative in todo
        }
        for future in as_completed(futures):
            index, path, relative = futures[future]
            try:
                outcome = future.result()
            except TimeoutError:
                outcome = {"ok": False, "kind": "Timeout", "message": f"{readable_name(path)}: not done after {timeout:g} s"}
            except ProcessExpired as exc:
                if exc.exitcode == _MEMORY_EXIT:
                    outcome = {"ok": False, "kind": "LimitExceeded",
                               "message": f"{readable_name(path)}: needs more memory than a worker may use "
                                          f"(--max-memory {memory} MB)"}
                else:
                    outcome = {"ok": False, "kind": "WorkerDied", "message": f"{readable_name(path)}: the worker "
                                                                             f"converting it died (exit code {exc.exitcode})"}
            if outcome["ok"]:
                logger.info("%s: %s", readable_name(relative.as_posix()), outcome["said"])
                report.converted += 1
                if outcome["attention"]:
                    report.with_warnings[readable_name(relative.as_posix())] = outcome["attention"]
                report.indicators += outcome["indicators"]
                report.tasks += outcome["tasks"]
                report.peak_worker_mb = max(report.peak_worker_mb, outcome["peak_rss_mb"])
            else:
                report.failures.append(Failure(readable_name(relative.as_posix()), outcome["kind"], outcome["message"]))
            feed.settle(index, bool(outcome["ok"]))
            bar.set_postfix(failed=len(report.failures), refresh=False)
            bar.update(1)
            if on_progress:
                on_progress(report)
        pool.close()  # type: ignore[no-untyped-call]  # pebble's methods are not annotated
    except KeyboardInterrupt:
        report.interrupted = True
        pool.stop()  # type: ignore[no-untyped-call]
    finally:
        pool.join()
        bar.close()
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous_sigterm)
    report.convert_seconds = time.perf_counter() - convert_start
    _write_errors(out_dir, report.failures)
    # the run's plans are every converted input, including those skipped as up to date (a file that
    # failed this run is left out even if an older output of it is still there)
    failed = {f.file for f in report.failures}
    done = [r for r in relatives if readable_name(r.as_posix()) not in failed]
    report.outputs = [readable_name(output_path(Path("."), r).as_posix()) for r in done if output_path(out_dir, r).exists()]
    if report.interrupted:
        if feed.writer is not None:
            feed.writer.abort()  # an older set of exports stays as it was
    elif exports or review:
        statuses = _file_statuses(report, relatives)
        if feed.writer is not None:
            written = feed.writer.close(statuses)
            report.exports = [p.name for p in written]
        if review:
            unread = [(name, f"{FILE_STATUS[status]}: {reason}" if reason else FILE_STATUS[status])
                      for name, status, reason in statuses if status in {"failed", "unsupported", "outside"}]
            write_text_atomic(out_dir / REVIEW_INDEX, index_html(feed.pages, unread))
            report.exports.append(REVIEW_INDEX)
    report.seconds = time.perf_counter() - start
    report.peak_parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB
    # the input folder as given, and where it is (what `review` finds a JSON's source by, from anywhere)
    summary = asdict(report) | {"version": __version__, "in_dir": readable_name(in_dir),
                                "in_dir_path": readable_name(in_dir.resolve())}
    write_json_atomic(out_dir / SUMMARY_FILE, summary)
    return report
