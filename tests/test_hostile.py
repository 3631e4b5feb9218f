"""Hostile and broken input (issue 13): never a traceback, never a hang, bounded memory, nothing unsafe
in what is written.

The inputs are generated at test time by `hostile_inputs.py` (one of each kind a hostile-input campaign
found: damaged Word packages, bombs, pathological text, odd names). Each is converted in a process of
its own, so that a hang is a timeout and a memory blow-up a number, not a stuck or killed test run.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

import hostile_inputs
from conftest import CORPUS_DOCS, ROOT
from vn_plan_extract import VnPlanExtractError, extract, extract_text
from vn_plan_extract.cli import main
from vn_plan_extract.errors import InternalError, LimitExceeded, UnreadableDocument, UnsupportedFormat

#: Peak resident memory a conversion may reach on any hostile case (MB).
MAX_PEAK_MB = 500
#: An address-space cap for the child, far above MAX_PEAK_MB: a blow-up fails there instead of swapping.
CHILD_ADDRESS_SPACE_MB = 3072

_CHILD = r"""
import json, resource, sys
limit = int(sys.argv[2]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from vn_plan_extract import extract
from vn_plan_extract.errors import VnPlanExtractError
try:
    doc = extract(sys.argv[1])
    out = {"ok": True, "indicators": len(doc.indicators), "tasks": len(doc.tasks),
           "warnings": [w.code for w in doc.warnings], "budget": len(doc.budget.items) if doc.budget else 0}
except VnPlanExtractError as exc:
    out = {"ok": False, "kind": type(exc).__name__, "message": str(exc)}
# the process's own peak (VmHWM): ru_maxrss keeps the peak of the process that forked it across exec
peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")]
out["peak_mb"] = int(peak[0].split()[1]) / 1024 if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def _convert_apart(path: Path) -> dict[str, object]:
    size_mb = path.stat().st_size / 2**20
    limit = 10 + 4 * size_mb  # the bound: 10 s plus 4 s a megabyte of input
    run = subprocess.run([sys.executable, "-c", _CHILD, os.fsencode(path), str(CHILD_ADDRESS_SPACE_MB)],
                         capture_output=True, timeout=limit, check=False)
    err = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-2000:]
    assert run.returncode == 0, err[-2000:]
    result: dict[str, object] = json.loads(run.stdout.decode("utf-8").strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: make(folder) for name, make in hostile_inputs.CASES.items()}


@pytest.mark.parametrize("name", sorted(hostile_inputs.CASES))
def test_a_hostile_file_gives_a_plan_or_the_tools_own_error_in_bounded_time_and_memory(
        name: str, cases: dict[str, Path]) -> None:
    result = _convert_apart(cases[name])
    assert float(result["peak_mb"]) < MAX_PEAK_MB, result  # type: ignore[arg-type]
    if not result["ok"]:
        assert result["kind"] in {"UnreadableDocument", "LimitExceeded", "UnsupportedFormat"}, result
        assert cases[name].name.split(".")[0][:8] in str(result["message"]) or "\\x" in str(result["message"])


def test_damage_confined_to_a_part_is_read_around_with_a_warning(cases: dict[str, Path]) -> None:
    for name in ("docx_ilvl_abc", "docx_start_x", "docx_gridspan_zz", "docx_gridspan_5000", "docx_huge_start"):
        doc = extract(cases[name])
        assert doc.sections or doc.indicators, name
        assert any(w.code == "W010" for w in doc.warnings), name
    damaged = extract(cases["pdf_damaged_stream"])
    assert any(w.code == "W010" and "page 1" in w.message for w in damaged.warnings)
    flooded = extract(cases["pdf_char_flood"])
    assert any(w.code == "W011" for w in flooded.warnings)


@pytest.mark.parametrize(("name", "reason"), [
    ("docx_zlib_flip", "damaged Word file"), ("docx_invalid_xml", "XML is invalid"),
    ("docx_encrypted_flag", "encrypted"), ("docx_unknown_method", "unknown method"),
    ("docx_zip_bomb", "ZIP bomb"), ("docx_huge_text_node", "ZIP bomb"), ("docx_nested_tables", "nested"),
    ("pdf_20000_pages", "more than the limit"), ("pdf_encrypted", "encrypted"), ("txt_64mb", "more than the limit"),
])
def test_a_broken_or_oversized_file_says_why_in_plain_words(name: str, reason: str, cases: dict[str, Path]) -> None:
    with pytest.raises(VnPlanExtractError, match=reason):
        extract(cases[name])


def test_no_entity_of_a_word_file_is_expanded_or_fetched(cases: dict[str, Path]) -> None:
    for name in ("docx_xxe_numbering", "docx_xxe_document", "docx_billion_laughs"):
        try:
            doc = extract(cases[name])
        except (UnreadableDocument, LimitExceeded):
            continue
        text = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False)
        assert "root:" not in text  # /etc/passwd
        assert "lollollol" not in text


def test_amounts_with_their_units_glued_or_abbreviated_are_amounts(cases: dict[str, Path]) -> None:
    doc = extract(cases["md_budget_table"])
    assert doc.budget is not None
    amounts = [(i.amount, i.unit) for i in doc.budget.items]
    assert all(a is not None for a, _ in amounts), amounts
    assert len(amounts) == 4


def test_targets_that_share_a_value_stay_apart(cases: dict[str, Path]) -> None:
    doc = extract(cases["txt_seven_shared_value"])
    assert len(doc.indicators) == 7
    names = {i.name for i in doc.indicators}
    assert len(names) == 7


def test_a_table_of_any_length_keeps_every_row(cases: dict[str, Path]) -> None:
    doc = extract(cases["md_1500_rows"])
    assert len(doc.indicators) == 1500
    assert doc.indicators[-1].source.table is not None


def test_the_library_raises_its_own_errors_for_wrong_arguments() -> None:
    with pytest.raises(UnreadableDocument):
        extract_text(None)  # type: ignore[arg-type]
    with pytest.raises(UnreadableDocument):
        extract(None)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedFormat):
        extract_text("I. MỤC TIÊU", fmt="pdf")
    with pytest.raises(UnsupportedFormat):
        extract(ROOT / "README.xyz")
    assert extract_text("I. MỤC TIÊU\n- Tỷ lệ hồ sơ trực tuyến đạt 80% năm 2026.".encode()).indicators
    doc = extract_text("I. MỤC TIÊU\ud800\n- Tỷ lệ hồ sơ trực tuyến đạt 80% năm 2026.")
    assert any(w.code == "W003" for w in doc.warnings)
    assert issubclass(InternalError, VnPlanExtractError)


def test_a_bug_inside_leaves_as_the_tools_own_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import vn_plan_extract.pipeline as pipeline

    def broken(*_: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(pipeline, "normalise", broken)
    with pytest.raises(InternalError, match="please report") as raised:
        extract_text("I. MỤC TIÊU")
    assert isinstance(raised.value.__cause__, KeyError)


# --- what is written ---

def test_spreadsheet_cells_never_hold_formulas_and_links_never_run(tmp_path: Path, cases: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("name_hyperlink", "name_javascript", "name_dash", "name_newline", "name_non_utf8"):
        shutil.copy(cases[name], folder / cases[name].name)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--workers", "1", "-q", "--review"]) in {0, 1}
    for name in ("errors.jsonl", "summary.json", "indicators.csv", "tasks.csv", "plans.xlsx", "index.html"):
        assert (out / name).exists(), name
    workbook = load_workbook(out / "plans.xlsx")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    for name in ("indicators.csv", "tasks.csv"):
        with (out / name).open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                assert not any(v.startswith(("=", "+", "@")) for v in row), row
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in index
    assert 'href="./javascript%3A' in index
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["converted"] == 5


def test_extract_never_writes_two_inputs_to_one_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "plan.txt").write_text(CORPUS_DOCS[0].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "a" / "plan.txt"), str(tmp_path / "b" / "plan.txt"), "-o", str(out), "-q"]) == 1
    assert "would overwrite" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["plan.txt.json"]
    assert json.loads((out / "plan.txt.json").read_text(encoding="utf-8"))["source"]["path"].endswith("a/plan.txt")


def test_an_output_that_cannot_be_written_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["extract", str(CORPUS_DOCS[0]), "-o", str(blocker), "-q"]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["batch", str(ROOT / "tests" / "fixtures" / "seeds"), "-o", str(blocker), "-q"]) == 2
    assert "is a file" in capsys.readouterr().err
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert main(["extract", str(CORPUS_DOCS[0]), "-o", str(locked), "-q"]) == 2


def test_links_out_of_the_input_folder_are_not_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text("I. MỤC TIÊU\n- Bí mật 99% năm 2026.", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_text(CORPUS_DOCS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "plan.txt")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--workers", "1", "-q"]) == 0
    assert "link.txt: a link out of" in capsys.readouterr().err
    assert not (out / "link.txt.json").exists()
    assert (out / "inside.txt.json").exists()
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["links_outside"] == ["link.txt"]


def test_a_worker_past_its_memory_cap_is_replaced_and_the_file_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    plan = CORPUS_DOCS[0].read_text(encoding="utf-8")
    (folder / "big.txt").write_text(plan * (6 * 2**20 // len(plan.encode())), encoding="utf-8")  # 6 MB
    (folder / "small.txt").write_text(plan, encoding="utf-8")
    # a batch of its own: a worker forked from this test process would inherit its heap, freed but mapped
    run = subprocess.run([sys.executable, "-c", "import sys; from vn_plan_extract.cli import main; sys.exit(main())",
                          "batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "1", "--max-memory", "64", "-q"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["file"], e["kind"]) for e in errors] == [("big.txt", "LimitExceeded")]
    assert "--max-memory 64 MB" in errors[0]["message"]
    assert (tmp_path / "out" / "small.txt.json").exists()  # the next file went to a new worker


# --- fuzzing: mutated seeds through extract_text, with the grounding check ---

FUZZ_INPUTS = int(os.environ.get("VN_PLAN_EXTRACT_FUZZ", "2000"))


def _mutated(rng: random.Random, text: str) -> str:
    cut = rng.randrange(len(text))
    window = text[cut:cut + rng.randrange(200, 4000)]
    for _ in range(rng.randrange(1, 12)):
        k = rng.randrange(len(window) + 1)
        op = rng.randrange(6)
        if op == 0:
            window = window[:k] + rng.choice(["≥", "%", "\n", "|", "\t", "Top ", "từ 5 đến ", "I. ", "1.1. ", "STT",
                                             "\ud800", "\x00", "\u200b", "  ", "₫", "12,5tỷ"]) + window[k:]
        elif op == 1:
            window = window[:k] + window[k + rng.randrange(1, 30):]
        elif op == 2:
            window = window[:k] + window[k:k + 50] * rng.randrange(2, 20) + window[k + 50:]
        elif op == 3:
            window = window[:k] + chr(rng.randrange(32, 0x2FFF)) + window[k:]
        elif op == 4:
            window = window.upper() if rng.random() < 0.5 else window.lower()
        else:
            window = window.replace("\n", rng.choice([" ", "\n\n", "\r\n", "\n|"]))
    return window


def test_fuzzed_seeds_give_grounded_plans_or_the_tools_own_error() -> None:
    rng = random.Random(13)
    seeds = [p.read_text(encoding="utf-8") for p in CORPUS_DOCS]
    failures = []
    for n in range(FUZZ_INPUTS):
        text = _mutated(rng, rng.choice(seeds))
        try:
            doc = extract_text(text)
        except (UnreadableDocument, LimitExceeded):
            continue
        except Exception as exc:  # noqa: BLE001 -- the test's point: anything else is a failure, kept with its input
            failures.append((n, type(exc).__name__, str(exc)[:200]))
            continue
        clean = text.replace("\r\n", "\n").replace("\r", "\n")
        for ind in doc.indicators:
            quote = ind.source.quote
            if quote and " ".join(quote.split()) not in " ".join(_nfc(clean).split()):
                failures.append((n, "grounding", quote[:80]))
    assert not failures, failures[:5]


def _nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text.replace("\ud800", "\ufffd"))


def test_the_hostile_inputs_are_what_they_claim(cases: dict[str, Path]) -> None:
    """The generators make the damage they describe (a fixture that silently made a sound file would
    make the tests above pass for nothing)."""
    with zipfile.ZipFile(cases["docx_zlib_flip"]) as zf, pytest.raises((zipfile.BadZipFile, zlib.error)):
        zf.read("word/document.xml")
    info = zipfile.ZipFile(cases["docx_zip_bomb"]).getinfo("word/document.xml")
    assert info.file_size > 500 * 2**20
    assert cases["txt_64mb"].stat().st_size >= 64 * 2**20


def test_a_plan_named_with_a_leading_dash_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-ke-hoach.txt").write_text(CORPUS_DOCS[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", "-ke-hoach.txt", "-o", "out", "-q"]) == 0
    assert Path("out/-ke-hoach.txt.json").exists()


def test_an_encrypted_pdf_opens_with_its_password(cases: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UnreadableDocument, match="--password"):
        extract(cases["pdf_encrypted"])
    with pytest.raises(UnreadableDocument, match="does not open it"):
        extract(cases["pdf_encrypted"], password="wrong")
    doc = extract(cases["pdf_encrypted"], password="hostile")  # the generator's user password
    assert doc.source.pages == 1
    assert main(["extract", str(cases["pdf_encrypted"]), "--password", "hostile"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["pages"] == 1


def test_a_typo_in_an_option_shows_the_subcommands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["batch", "in", "-o", "out", "--wokers", "2"])
    err = capsys.readouterr().err
    assert "usage: vn-plan-extract batch" in err
    assert "--wokers" in err
