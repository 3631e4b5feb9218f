"""Bulk conversion: every good file converted, bad ones listed, reruns skip, kills lose nothing, exports."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import vn_plan_extract.batch as batch
from conftest import CORPUS_DOCS, ROOT
from vn_plan_extract import __version__
from vn_plan_extract.cli import main
from vn_plan_extract.document import SourceText
from vn_plan_extract.files import write_atomic
from vn_plan_extract.models import PlanDocument

SEED_FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
AWKWARD = ROOT / "tests" / "fixtures" / "awkward"
BROKEN_FIXTURES = ("truncated.docx", "truncated.pdf", "encrypted.pdf", "not_a_docx.docx", "empty.docx")


def _mixed_folder(root: Path) -> tuple[Path, set[str], set[str]]:
    """The seeds in three formats plus broken files; returns (folder, good files, broken files)."""
    folder = root / "in"
    (folder / "word_pdf").mkdir(parents=True)
    (folder / "broken").mkdir()
    good, broken = set(), set()
    for doc in CORPUS_DOCS:
        shutil.copy(doc, folder / doc.name)
        good.add(doc.name)
    for copy in sorted(SEED_FIXTURES.iterdir()):
        shutil.copy(copy, folder / "word_pdf" / copy.name)
        good.add(f"word_pdf/{copy.name}")
    for name in BROKEN_FIXTURES:
        shutil.copy(AWKWARD / name, folder / "broken" / name)
        broken.add(f"broken/{name}")
    (folder / "broken" / "empty.txt").write_bytes(b"")
    (folder / "broken" / "binary.md").write_bytes(bytes(range(256)) * 8)
    broken |= {"broken/empty.txt", "broken/binary.md"}
    (folder / "notes.pages").write_bytes(b"not a plan format: ignored")
    (folder / ".hidden.txt").write_text("I. MỤC TIÊU\n- 100% hồ sơ.", encoding="utf-8")
    return folder, good, broken


def _seed_folder(root: Path, docs: list[Path]) -> Path:
    folder = root / "in"
    folder.mkdir()
    for doc in docs:
        shutil.copy(doc, folder / doc.name)
    return folder


def _errors(out: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in (out / batch.ERRORS_FILE).read_text(encoding="utf-8").splitlines()]


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in (batch.SUMMARY_FILE, "plans.xlsx")}


def test_mixed_folder_converts_every_good_file_and_lists_every_broken_one(tmp_path: Path) -> None:
    folder, good, broken = _mixed_folder(tmp_path)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--workers", "2", "-q"]) == 1
    for name in good:
        plan = PlanDocument.model_validate_json((out / f"{name}.json").read_bytes())
        assert plan.indicators, name
        assert plan.generator.version == __version__
    errors = _errors(out)
    assert {e["file"] for e in errors} == broken
    for e in errors:
        assert e["kind"] == "UnreadableDocument"
        assert Path(e["file"]).name in e["message"]  # the message names the file
    assert not (out / "notes.pages.json").exists()
    assert not (out / ".hidden.txt.json").exists()
    assert not list(out.rglob("*.partial"))


def test_exit_code_is_0_when_nothing_failed(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path, CORPUS_DOCS[:2])
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert _errors(tmp_path / "out") == []


def test_a_missing_folder_or_an_empty_one_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"), "-q"]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "out"), "-q"]) == 2


def test_rerun_skips_up_to_date_outputs_and_redoes_changed_inputs_and_other_versions(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path, CORPUS_DOCS)
    out = tmp_path / "out"
    first = batch.run_batch(folder, out, workers=1, progress=False)
    assert (first.converted, first.skipped) == (len(CORPUS_DOCS), 0)
    again = batch.run_batch(folder, out, workers=1, progress=False)
    assert (again.converted, again.skipped) == (0, len(CORPUS_DOCS))
    assert (again.indicators, again.tasks) == (first.indicators, first.tasks)

    changed, older = CORPUS_DOCS[0].name, CORPUS_DOCS[1].name
    with (folder / changed).open("a", encoding="utf-8") as fh:
        fh.write("\n")
    data = json.loads((out / f"{older}.json").read_text(encoding="utf-8"))
    data["generator"]["version"] = "0.0.1"
    (out / f"{older}.json").write_text(json.dumps(data), encoding="utf-8")
    third = batch.run_batch(folder, out, workers=1, progress=False)
    assert (third.converted, third.skipped) == (2, len(CORPUS_DOCS) - 2)
    forced = batch.run_batch(folder, out, workers=1, force=True, progress=False)
    assert (forced.converted, forced.skipped) == (len(CORPUS_DOCS), 0)


def _slow_or_crashing_run(source: SourceText) -> PlanDocument:
    # Replaces the parser inside the (forked) workers: one file hangs, one kills its worker.
    name = Path(source.path or "").name
    if name.startswith("hang"):
        time.sleep(60)
    if name.startswith("crash"):
        os._exit(9)
    return _REAL_RUN(source)


_REAL_RUN = batch.run


@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")
def test_a_file_that_hangs_or_kills_its_worker_costs_only_that_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "run", _slow_or_crashing_run)
    folder = tmp_path / "in"
    folder.mkdir()
    for doc in CORPUS_DOCS[:3]:
        shutil.copy(doc, folder / doc.name)
    shutil.copy(CORPUS_DOCS[3], folder / "hang.txt")
    shutil.copy(CORPUS_DOCS[4], folder / "crash.txt")
    start = time.monotonic()
    report = batch.run_batch(folder, tmp_path / "out", workers=2, timeout=2, progress=False)
    assert time.monotonic() - start < 30
    assert report.converted == 3
    kinds = {f.file: f.kind for f in report.failures}
    assert kinds == {"hang.txt": "Timeout", "crash.txt": "WorkerDied"}
    assert {e["file"] for e in _errors(tmp_path / "out")} == {"hang.txt", "crash.txt"}


def _many_plans(folder: Path, copies: int) -> None:
    folder.mkdir()
    for i in range(copies):
        for doc in CORPUS_DOCS:
            shutil.copy(doc, folder / f"{i:03d}_{doc.name}")


def _start_batch(folder: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "vn_plan_extract.cli", "batch", str(folder), "-o", str(out),
                             "--workers", "2", "-q"], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_outputs(out: Path, at_least: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.txt.json"))) < at_least:
        assert proc.poll() is None, "the run finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_a_run_killed_halfway_then_rerun_gives_the_same_outputs_as_an_uninterrupted_run(tmp_path: Path,
                                                                                        how: str) -> None:
    folder = tmp_path / "in"
    _many_plans(folder, copies=40)  # 200 files: long enough to stop in the middle
    total = len(list(folder.iterdir()))
    reference = tmp_path / "reference"
    assert main(["batch", str(folder), "-o", str(reference), "-q"]) == 0

    out = tmp_path / "out"
    proc = _start_batch(folder, out)
    # early on, so that a loaded machine that lets the run race ahead still finds it unfinished
    _wait_for_outputs(out, total // 10, proc)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    if how == "SIGKILL":
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, as a crash or `kill -9` would
        proc.wait()
    else:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal reaches the whole group
        assert proc.wait(timeout=60) == 130
    done_before = len(list(out.glob("*.txt.json")))
    assert done_before < total, "the run was not interrupted halfway"

    report = batch.run_batch(folder, out, progress=False)
    assert report.skipped >= done_before - 2  # at most the files being written at the kill are redone
    assert report.converted + report.skipped == total
    assert not report.failures
    assert _outputs(out) == _outputs(reference)
    assert not list(out.rglob("*.partial"))


def test_exports_have_a_bom_one_row_per_item_and_point_at_the_source_lines(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path, CORPUS_DOCS)
    out = tmp_path / "out"
    report = batch.run_batch(folder, out, workers=1, progress=False)
    assert report.exports == ["indicators.csv", "tasks.csv", "plans.xlsx"]
    for name, expected in (("indicators.csv", report.indicators), ("tasks.csv", report.tasks)):
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader((out / name).read_text(encoding="utf-8-sig").splitlines()))
        assert len(rows) == expected > 0
        for row in rows:
            lines = (folder / row["file"]).read_text(encoding="utf-8").splitlines()
            text = " ".join(lines[int(row["line_start"]) - 1:int(row["line_end"])])
            first_words = row["quote"].split()[:3]
            assert " ".join(first_words) in " ".join(text.split()), (name, row["id"])
    assert any("Phòng" in r for r in (out / "tasks.csv").read_text(encoding="utf-8-sig").splitlines())

    book = openpyxl.load_workbook(out / "plans.xlsx")
    assert book.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Văn bản", "Tệp"]
    counts = {ws.title: sum(1 for _ in ws.iter_rows(min_row=2)) for ws in book.worksheets}
    assert counts == {"Chỉ tiêu": report.indicators, "Nhiệm vụ": report.tasks, "Văn bản": len(CORPUS_DOCS),
                      "Tệp": len(CORPUS_DOCS)}
    header = next(book["Văn bản"].iter_rows(max_row=1, values_only=True))
    for row in book["Văn bản"].iter_rows(min_row=2, values_only=True):
        record = dict(zip(header, row, strict=True))
        assert record["Cơ quan ban hành"]
        assert record["Trích yếu"]
        assert record["Số chỉ tiêu"] > 0
    # an official's first screen: the target's name and the target itself, a number to sort on; printable
    sheet = book["Chỉ tiêu"]
    first = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True))
    assert [c.value for c in sheet[1]][:3] == ["Tên chỉ tiêu", "Chỉ tiêu", "Giá trị"]
    assert first["Chỉ tiêu"].startswith(("≥", "≤", ">", "<")) or first["Chỉ tiêu"][0].isdigit() or first["Định tính"] == "Có"
    assert first["Định tính"] in {"Có", "Không"}
    assert all("\n" not in (c.value or "") for c in sheet["T"][1:])  # quotes on one line
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:T{report.indicators + 1}"
    # printed: the columns up to the issuer, so the page stays legible; rows as high as their wrapped text
    assert sheet.print_area == f"'Chỉ tiêu'!$A$1:$K${report.indicators + 1}"
    assert [c.value for c in sheet[1]][9:11] == ["Cơ quan ban hành", "Tệp"]
    width = sheet.column_dimensions["A"].width
    for row in sheet.iter_rows(min_row=2):
        height = sheet.row_dimensions[row[0].row].height
        if len(row[0].value) > 2 * width:  # a name wrapped on three lines or more
            assert height is not None
            assert height >= 45


def test_an_atomic_write_that_fails_keeps_the_old_file_and_leaves_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_the_library_call_works_from_a_thread_other_than_the_main_one(tmp_path: Path) -> None:
    # signal handlers can only be set in the main thread; a GUI or a server calls from elsewhere
    folder = _seed_folder(tmp_path, CORPUS_DOCS[:1])
    results: list[batch.BatchReport] = []
    worker = threading.Thread(target=lambda: results.append(
        batch.run_batch(folder, tmp_path / "out", workers=1, progress=False, exports=False)))
    worker.start()
    worker.join(timeout=120)
    assert len(results) == 1
    assert results[0].converted == 1


def test_every_file_of_the_folder_is_accounted_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vn_plan_extract.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_text(CORPUS_DOCS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 not read")
    (folder / "notes.rtf.bak").write_text("x", encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "awkward" / "scanned.pdf", folder / "scan.pdf")
    (folder / "empty.txt").write_bytes(b"")
    (tmp_path / "elsewhere.txt").write_text("x", encoding="utf-8")
    (folder / "outside.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "other_dir").mkdir()
    (tmp_path / "other_dir" / "plan.txt").write_text("x", encoding="utf-8")
    (folder / "outside_dir").symlink_to(tmp_path / "other_dir", target_is_directory=True)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--workers", "1", "-q", "--ocr", "never"]) == 1
    err = capsys.readouterr().err
    assert "failed: empty.txt: the file is empty [UnreadableDocument]" in err
    assert "not read: budget.xlsx" in err
    assert "not read: notes.rtf.bak" in err
    assert "scanned pages not read (run without --ocr never): scan.pdf: W006" in err
    assert "failed:" in err
    assert "empty.txt" in err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["unsupported"] == ["budget.xlsx", "notes.rtf.bak"]
    assert summary["with_warnings"] == {"scan.pdf": ["W006"]}
    assert "2 not read" in err
    assert "1 with scanned pages not read (see above)" in err
    sheet = openpyxl.load_workbook(out / "plans.xlsx")["Tệp"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["plan.txt"] == "Đã chuyển đổi"
    assert rows["scan.pdf"].startswith("Có trang quét chưa đọc: cần đọc bằng OCR")
    assert rows["empty.txt"].startswith("Lỗi")
    assert rows["budget.xlsx"].startswith("Không đọc")
    assert rows["outside.txt"].startswith("Bỏ qua: liên kết")
    assert rows["outside_dir"].startswith("Bỏ qua: liên kết")  # a link to a folder elsewhere, too
    # the reasons in Vietnamese, the recorded detail after them, no path of this machine
    reasons = {r[0]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert reasons["empty.txt"] == "tệp rỗng. Chi tiết: the file is empty"
    assert reasons["scan.pdf"].startswith("W006 trang không có lớp chữ")
    assert str(tmp_path) not in "".join(r or "" for r in reasons.values())

    # a second run, everything up to date: the scan is still said to be unread, everywhere
    assert main(["batch", str(folder), "-o", str(out), "--workers", "1", "-q", "--ocr", "never"]) == 1
    err = capsys.readouterr().err
    assert "0 converted" in err
    assert "scanned pages not read (run without --ocr never): scan.pdf: W006" in err
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["with_warnings"] == {"scan.pdf": ["W006"]}
    sheet = openpyxl.load_workbook(out / "plans.xlsx")["Tệp"]
    assert {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}["scan.pdf"].startswith("Có trang quét")
    # and a run that may read by OCR does not take the unread output for up to date
    main(["batch", str(folder), "-o", str(out), "--workers", "1", "-q", "--ocr", "auto"])
    capsys.readouterr()
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["skipped"] == 1  # plan.txt alone


def test_the_review_index_lists_the_files_that_have_no_page(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_text(CORPUS_DOCS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04")
    batch.run_batch(folder, tmp_path / "out", workers=1, progress=False, review=True)
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "empty.txt" in index
    assert "Lỗi, chưa chuyển đổi" in index
    assert "budget.xlsx" in index


def test_exports_hold_one_plan_at_a_time(tmp_path: Path) -> None:
    # the parent's memory must not grow with the number of plans: the exports take the plans as they
    # come and let each go before the next
    import weakref

    from vn_plan_extract import extract
    from vn_plan_extract.export import ConvertedPlan, write_exports

    plan = extract(CORPUS_DOCS[0])
    alive: list[weakref.ref[Any]] = []
    most_alive = 0

    def plans() -> Iterator[ConvertedPlan]:
        nonlocal most_alive
        for k in range(20):
            most_alive = max(most_alive, sum(1 for r in alive if r() is not None))
            copy = plan.model_copy(deep=True)
            alive.append(weakref.ref(copy))
            yield ConvertedPlan(f"plan{k}.txt", copy)

    paths = write_exports(plans(), tmp_path, [(f"plan{k}.txt", "converted", "") for k in range(20)])
    assert most_alive <= 1
    book = openpyxl.load_workbook(paths[2], read_only=True)
    assert sum(1 for _ in book["Chỉ tiêu"].iter_rows(min_row=2)) == 20 * len(plan.indicators)
    assert [r[3] for r in book["Tệp"].iter_rows(min_row=2, values_only=True)] == [len(plan.indicators)] * 20


def test_names_with_an_underscore_x_read_as_written_in_libreoffice_too(tmp_path: Path) -> None:
    # LibreOffice reads "_xa_" (a file named for a xã: "…_ntm_xa_danang…") as an escaped line break; the
    # workbook escapes it as the format escapes "_x000A_", so Excel and LibreOffice show the name as written
    import zipfile

    from vn_plan_extract import extract
    from vn_plan_extract.export import ConvertedPlan, write_exports

    plan = extract(CORPUS_DOCS[0])
    names = ["041_ntm_xa_danang.txt", "a_x0041_b.txt", "plain.txt"]
    paths = write_exports([ConvertedPlan(n, plan) for n in names], tmp_path, [(n, "converted", "") for n in names])
    with zipfile.ZipFile(paths[2]) as book:
        files_sheet = book.read("xl/worksheets/sheet4.xml").decode("utf-8")
    assert "041_ntm_x005F_xa_danang.txt" in files_sheet  # decoded by both to "_xa_"
    assert "a_x005F_x0041_b.txt" in files_sheet  # XlsxWriter's own escape of a four-digit one, once
    assert "x005F_x005F" not in files_sheet
    assert ">plain.txt<" in files_sheet
