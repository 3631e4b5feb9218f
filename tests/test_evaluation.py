"""The evaluation gate: floors pinned in evaluation_baseline.json, on the seeds and on the devset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DEVSET, GOLDEN, ROOT, needs_devset
from vn_plan_extract.cli import main
from vn_plan_extract.evaluate import SetScore, check_floors, evaluate_folder, updated_baseline

BASELINE = json.loads((ROOT / "evaluation_baseline.json").read_text(encoding="utf-8"))


def test_seed_scores_hold_their_floors() -> None:
    score = evaluate_folder("golden", GOLDEN)
    assert check_floors([score], BASELINE) == []
    m = score.metrics()
    assert m["indicator_f1"] >= 0.95
    assert m["section_f1"] >= 0.95


@needs_devset()
def test_devset_scores_hold_their_floors() -> None:
    score = evaluate_folder("devset", DEVSET / "gold")
    assert check_floors([score], BASELINE) == []
    m = score.metrics()
    assert m["indicator_f1"] >= 0.9
    assert m["fully_right"] >= 0.8


def test_real_corpus_scores_hold_their_floors() -> None:
    """The real corpus (issue 11): plans from many provinces, in the forms they arrive in."""
    score = evaluate_folder("real", GOLDEN / "real")
    assert score.documents >= 60
    assert check_floors([score], BASELINE) == []


def test_the_gate_fails_when_a_score_drops() -> None:
    score = SetScore("golden", gold=10, predicted=10, matched=5, fully_right=5)
    assert check_floors([score], BASELINE)


def test_raising_a_floor_is_allowed_but_lowering_needs_the_flag() -> None:
    good = SetScore("x", gold=10, predicted=10, matched=10, fully_right=10, sections_gold=1,
                    sections_predicted=1, sections_matched=1)
    bad = SetScore("x", gold=10, predicted=10, matched=5, fully_right=5, sections_gold=1,
                   sections_predicted=1, sections_matched=1)
    raised = updated_baseline([good], {}, False, {"x": "d"})
    assert raised["floors"]["x"]["indicator_f1"] == 1.0
    with pytest.raises(ValueError, match="allow-regression"):
        updated_baseline([bad], raised, False, {"x": "d"})
    assert updated_baseline([bad], raised, True, {"x": "d"})["floors"]["x"]["indicator_f1"] == 0.5


def test_evaluate_takes_any_gold_and_output_folders(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert main(["extract", str(ROOT / "corpus"), "-o", str(out), "-q"]) == 0
    assert main(["evaluate", str(GOLDEN), "--output", str(out), "--baseline", str(tmp_path / "b.json")]) == 0
    table = capsys.readouterr().out
    assert "golden" in table
    assert "F1" in table
    # an empty output folder scores zero recall, and --check fails against the project's floors
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["evaluate", str(GOLDEN), "--output", str(empty), "--check",
                 "--baseline", str(ROOT / "evaluation_baseline.json")]) == 1


def test_check_notes_changed_gold_only_for_the_sets_named(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    baseline = tmp_path / "b.json"
    assert main(["evaluate", str(GOLDEN), "--update", "--baseline", str(baseline)]) == 0
    assert main(["evaluate", str(GOLDEN), "--check", "--baseline", str(baseline)]) == 0
    assert "changed" not in capsys.readouterr().err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["data_sha256"]["golden"] = "0" * 64
    baseline.write_text(json.dumps(data), encoding="utf-8")
    assert main(["evaluate", str(GOLDEN), "--check", "--baseline", str(baseline)]) == 0
    assert "golden gold or documents changed" in capsys.readouterr().err
    assert baseline.stat().st_mode & 0o044  # readable by others, like any file the user writes


def test_an_ocr_quote_is_found_at_its_own_place_and_by_its_start_when_a_cell_is_split() -> None:
    from vn_plan_extract.evaluate import _Collapsed

    filler = "văn bản khác không liên quan. " * 200
    said_twice = "Có tỷ lệ chi ngân sách địa phương phù hợp cho khoa học"
    ocr = _Collapsed.of(f"{said_twice.replace('chi', 'chỉ')} {filler}{said_twice.replace('chi', 'chỉ')} {filler}", fuzzy=True)
    second = ocr.text.rindex("Có tỷ lệ")
    near = second / len(ocr.text)
    span = ocr.find(said_twice, None, near)
    assert span is not None
    assert abs(span[0] - second) < 5
    # a task's cell that a page break cut: the other rendering has its first words, then other cells
    split = _Collapsed.of("24\tThực hiện liên thông dữ liệu Số sức khỏe\tTrạm Y tế\tCông an phường,\tDữ liệu y tế được\t"
                          "Thực hiện theo\n\tđiện tử, Giấy chuyển tuyến", fuzzy=True)
    found = split.find("Thực hiện liên thông dữ liệu Sổ sức khỏe điện tử, Giấy chuyển tuyến, Giấy hẹn khám lại", None, 0.0)
    assert found is not None
    assert "Thực hiện liên thông dữ liệu Số sức khỏe" in split.text[found[0]:found[1]]
    assert split.find("Một câu không hề có trong văn bản này cả", None, 0.5) is None


def test_evaluate_pairs_a_batchs_outputs_and_says_when_none_pair(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for doc in sorted((ROOT / "corpus").glob("*.txt")):
        (folder / doc.name).write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "1", "-q"]) == 0
    assert main(["evaluate", str(GOLDEN), "--output", str(tmp_path / "out"), "--baseline", str(tmp_path / "b.json")]) == 0
    table = capsys.readouterr()
    assert "0.988" in table.out  # the seeds' figure, not 0.000
    assert "no output" not in table.err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["evaluate", str(GOLDEN), "--output", str(empty), "--baseline", str(tmp_path / "b.json")]) == 1
    err = capsys.readouterr().err
    assert "no output in" in err
    assert "5 of 5 gold files" in err
