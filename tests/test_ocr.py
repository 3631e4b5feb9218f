"""Scanned plans: pages without a usable text layer are read by OCR through the same pipeline.

Realistic inputs: degraded scans of the seeds' own PDFs (scripts/make_degraded_scans.py: 200 dpi, turned
by up to 1.5°, dust, blur, JPEG), scored against `golden/` like the text layer; and the real scanned and
broken PDFs of official documents in ../shared/scans/.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS_DOCS, GOLDEN, ROOT
from vn_plan_extract import VnPlanExtractError, extract
from vn_plan_extract.cli import main
from vn_plan_extract.errors import MissingSystemTool
from vn_plan_extract.evaluate import evaluate_folder
from vn_plan_extract.lexicon.syllables import vietnamese_share
from vn_plan_extract.readers import ocr as ocr_reader
from vn_plan_extract.readers import ocr_text, read_path

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
AWKWARD = ROOT / "tests" / "fixtures" / "awkward"
SCANS = ROOT.parent / "shared" / "scans"
#: Measured on the degraded scans of the five seeds: 0.959, 0.978, 1.0, 0.865 (text layer: 0.988,
#: 1.0, 1.0, 1.0); the issue's bar is indicator F1 within 0.03 of the text layer (0.958) and task rows
#: paired 0.95. A fall below these floors is a regression of the OCR path.
FLOORS = {"indicator_f1": 0.95, "task_f1": 0.95, "budget_total_right": 1.0, "section_f1": 0.83}

HAVE_TESSERACT = shutil.which("tesseract") is not None
needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT and not os.environ.get("CI"),
                                     reason="Tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-vie)")


@pytest.fixture(scope="module")
def degraded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_degraded_scans import degraded_scan

    folder = tmp_path_factory.mktemp("scans")
    return {p.stem: degraded_scan(SEEDS / f"{p.stem}.pdf", folder / f"{p.stem}.pdf") for p in CORPUS_DOCS}


# --- without Tesseract: the text-layer test and the corrections of what Tesseract misreads ---

def test_an_unmapped_font_is_told_from_a_vietnamese_text_layer() -> None:
    import pdfplumber

    with pdfplumber.open(SCANS / "ttr_cat_pc04_broken_text_layer.pdf") as pdf:
        broken = pdf.pages[0].extract_text() or ""
    with pdfplumber.open(SEEDS / "001_2f4198d759d26035.pdf") as pdf:
        good = [p.extract_text() or "" for p in pdf.pages]
    assert vietnamese_share(broken) < 0.6
    assert min(vietnamese_share(t) for t in good) > 0.85


@pytest.mark.parametrize(("read", "meant"), [
    ("I MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("HI- QUAN ĐIỂM CHỈ ĐẠO", "III. QUAN ĐIỂM CHỈ ĐẠO"),
    ("H. MỤC TIÊU CHUNG", "II. MỤC TIÊU CHUNG"),
    ("ICÁC CHỈ TIÊU CỤ THỂ", "I. CÁC CHỈ TIÊU CỤ THỂ"),
    ("1; Mục đích", "1. Mục đích"),
    ("VIỆT NAM DÂN CHỦ", "VIỆT NAM DÂN CHỦ"),
    ("LIÊN HỆ CÔNG TÁC", "LIÊN HỆ CÔNG TÁC"),
    ("2030, tỷ lệ đạt", "2030, tỷ lệ đạt"),
])
def test_a_headings_number_misread_is_given_back(read: str, meant: str) -> None:
    assert ocr_text.heading_number(read) == meant


@pytest.mark.parametrize(("read", "meant"), [
    ("Các cơ quan, đơn vị]", "Các cơ quan, đơn vị"), ("Các cơ quan, đơn v]", "Các cơ quan, đơn vị"),
    ("%-", "%"), ("90%:", "90%"), (": %", "%"), ("—", ""), ("- Năm 2026", "- Năm 2026"),
])
def test_dust_and_misread_marks_leave_a_cell(read: str, meant: str) -> None:
    assert ocr_text.without_dust(read, cell=True) == meant


def test_a_marked_capital_inside_a_word_is_made_small_but_abbreviations_are_kept() -> None:
    assert [ocr_text.cased(w) for w in ("sỐ", "đỘ", "ĐƠn", "QĐ-TTg", "UBND", "VNeID", "ĐỘC")] == \
        ["số", "độ", "Đơn", "QĐ-TTg", "UBND", "VNeID", "ĐỘC"]


def test_without_tesseract_the_error_names_the_packages_and_a_batch_goes_on(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    ocr_reader.tesseract_command.cache_clear()
    try:
        with pytest.raises(MissingSystemTool, match="tesseract-ocr") as raised:
            extract(AWKWARD / "scanned.pdf")
        assert "scanned.pdf" in str(raised.value)
        folder = tmp_path / "in"
        folder.mkdir()
        shutil.copy(AWKWARD / "scanned.pdf", folder / "scan.pdf")
        shutil.copy(CORPUS_DOCS[0], folder / "plan.txt")
        assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "1", "-q"]) == 1
        assert (tmp_path / "out" / "plan.txt.json").exists()
        assert "MissingSystemTool" in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")
    finally:
        ocr_reader.tesseract_command.cache_clear()


def test_without_tesseract_a_plan_with_a_text_layer_and_a_scanned_page_is_still_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2

    merged = pypdfium2.PdfDocument.new()
    for part in (SEEDS / "000_6bf0ca8f79bfd109.pdf", AWKWARD / "scanned.pdf"):
        source = pypdfium2.PdfDocument(str(part))
        merged.import_pages(source)
        source.close()
    merged.save(str(tmp_path / "signed.pdf"))
    merged.close()
    plain = extract(SEEDS / "000_6bf0ca8f79bfd109.pdf")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    ocr_reader.tesseract_command.cache_clear()
    try:
        doc = extract(tmp_path / "signed.pdf")
        with pytest.raises(MissingSystemTool):
            extract(tmp_path / "signed.pdf", ocr="always")
    finally:
        ocr_reader.tesseract_command.cache_clear()
    warning = next(w for w in doc.warnings if w.code == "W006")
    assert "page 3" in warning.message
    assert "tesseract-ocr" in warning.message
    assert [i.target.value for i in doc.indicators] == [i.target.value for i in plain.indicators]
    assert doc.source.ocr_pages == []


def test_ocr_never_leaves_a_scan_unread_with_a_warning() -> None:
    doc = extract(AWKWARD / "scanned.pdf", ocr="never")
    assert [w.code for w in doc.warnings] == ["W006"]
    assert "--ocr auto" in doc.warnings[0].message
    assert doc.indicators == []
    assert doc.source.ocr_pages == []


def test_an_unknown_ocr_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="ocr must be one of"):
        read_path(AWKWARD / "scanned.pdf", ocr="sometimes")


# --- with Tesseract ---

@needs_tesseract
def test_a_scanned_pdf_is_read_with_pages_and_confidence() -> None:
    doc = extract(AWKWARD / "scanned.pdf")
    assert doc.source.ocr_pages == [1]
    assert len(doc.indicators) >= 5
    for ind in doc.indicators:
        assert ind.source.page == 1
        assert ind.source.confidence is not None
        assert 0.5 < ind.source.confidence <= 1.0
    text = read_path(AWKWARD / "scanned.pdf").text
    for ind in doc.indicators:  # grounding points at the OCR text
        assert ind.source.quote in text


@needs_tesseract
def test_pages_read_in_parallel_give_the_same_text(degraded: dict[str, Path]) -> None:
    path = degraded["000_6bf0ca8f79bfd109"]
    assert read_path(path, workers=2).text == read_path(path, workers=1).text


@needs_tesseract
def test_degraded_scans_of_the_seeds_score_against_golden(degraded: dict[str, Path]) -> None:
    m = evaluate_folder("scans", GOLDEN, documents=degraded, workers=2).metrics()
    for name, floor in FLOORS.items():
        assert m[name] >= floor, (name, m[name])


@needs_tesseract
def test_greater_or_equal_is_told_from_greater_in_a_scanned_table(degraded: dict[str, Path]) -> None:
    text = read_path(degraded["003_64d75d00a1304a4f"], workers=2).text
    assert text.count("≥") >= 5
    assert "> 2%" in text or ">2%" in text  # a real ">" stays


@needs_tesseract
@pytest.mark.parametrize(("name", "issuer", "date", "doc_type", "place"), [
    ("qd_932_ttg_2025_scan.pdf", "Thủ tướng Chính phủ", "2025-05-15", "QUYẾT ĐỊNH", "Hà Nội"),
    ("cv_4409_bca_scan.pdf", "Bộ Công an", None, None, None),
    ("ttr_cat_pc04_broken_text_layer.pdf", "Công an tỉnh Lâm", None, "TỜ TRÌNH", None),
])
def test_real_scans_give_their_issuer_date_and_kind(name: str, issuer: str, date: str | None, doc_type: str | None,
                                                    place: str | None) -> None:
    if not SCANS.is_dir():
        pytest.skip("../shared/scans is not beside the repository")
    doc = extract(SCANS / name, workers=2)
    assert doc.source.ocr_pages == list(range(1, (doc.source.pages or 0) + 1))
    assert doc.metadata.issuer is not None
    assert doc.metadata.issuer.startswith(issuer)
    if date is not None:
        assert doc.metadata.date == date
    if doc_type is not None:
        assert doc.metadata.doc_type == doc_type
    if place is not None:
        assert doc.metadata.place == place
    assert doc.metadata.year == 2025
    # a number or day written by hand is not read, and says so where it stands instead of staying blank
    unread = [w for w in doc.warnings if w.code == "W009" and w.source is not None and w.source.page == 1]
    handwritten = name != "ttr_cat_pc04_broken_text_layer.pdf"  # its number and day are blank in the document
    assert doc.metadata.number is None
    assert any("number" in w.message for w in unread) == handwritten
    assert any("day or month" in w.message for w in unread) == (handwritten and date is None)
    assert all(w.source is not None and w.source.quote in read_path(SCANS / name).text for w in unread)


@needs_tesseract
def test_a_broken_text_layer_is_read_by_ocr_not_as_garbage() -> None:
    if not SCANS.is_dir():
        pytest.skip("../shared/scans is not beside the repository")
    source = read_path(SCANS / "ttr_cat_pc04_broken_text_layer.pdf")
    assert source.ocr_pages == (1,)
    assert vietnamese_share(source.text) > 0.9
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in source.text.replace("HOÀ", "HÒA")
    assert "Ø" not in source.text


@needs_tesseract
def test_page_images_are_read_like_scanned_pages(degraded: dict[str, Path], tmp_path: Path) -> None:
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(str(degraded["000_6bf0ca8f79bfd109"]))
    pages = [document[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(len(document))]
    document.close()
    pages[0].save(tmp_path / "page1.png", dpi=(200, 200))
    pages[0].save(tmp_path / "plan.tif", save_all=True, append_images=pages[1:], dpi=(200, 200), compression="tiff_lzw")
    png = extract(tmp_path / "page1.png")
    tif = extract(tmp_path / "plan.tif")
    scan = extract(degraded["000_6bf0ca8f79bfd109"])
    assert png.source.format == "image"
    assert png.source.ocr_pages == [1]
    assert tif.source.pages == 2
    assert tif.source.ocr_pages == [1, 2]
    assert [i.target.value for i in tif.indicators] == [i.target.value for i in scan.indicators]
    from rapidfuzz import fuzz

    assert fuzz.ratio(png.metadata.title or "", scan.metadata.title or "") >= 90
    Image.new("L", (10, 10)).save(tmp_path / "blank.png")
    blank = extract(tmp_path / "blank.png")
    assert blank.indicators == []
    assert any(w.code == "W009" for w in blank.warnings)
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    with pytest.raises(VnPlanExtractError, match=r"bad\.png"):
        extract(tmp_path / "bad.png")


def test_row_letters_out_of_turn_are_read_again() -> None:
    assert ocr_text.letters_in_turn(["3", "h", "5"]) == ["3", None, "5"]
    assert ocr_text.letters_in_turn(["I", "a", "b", "c", "II", "a", "b"]) == ["I", "a", "b", "c", "II", "a", "b"]
    assert ocr_text.letters_in_turn(["1", "a", "b", "c", "d", "e"]) == ["1", "a", "b", "c", "d", "e"]  # no "đ"


def test_a_value_with_its_sign_is_a_word_and_a_line_opens_with_no_speck() -> None:
    assert ocr_text.plausible_word(">80%")
    assert ocr_text.plausible_word("≥95%")
    assert not ocr_text.plausible_word("ăLSc")
    assert ocr_text.without_dust(". đấu đạt ≥ 95 %).", cell=False) == "đấu đạt ≥ 95 %)."
    assert ocr_text.without_dust("- Năm 2026", cell=False) == "- Năm 2026"
    assert ocr_text.without_dust("...và các", cell=False) == "...và các"


def _drawn(marks: list[tuple[tuple[int, int], tuple[int, int]]], circles: tuple[tuple[int, int], ...] = ()) -> Any:
    import cv2
    import numpy as np

    ink = np.zeros((60, 160), dtype=np.uint8)
    for start, end in marks:
        cv2.line(ink, start, end, 255, 3)
    for centre in circles:
        cv2.circle(ink, centre, 5, 255, 2)
    return ink


def test_greater_or_equal_is_told_from_its_strokes_even_in_brackets_and_beside_dust() -> None:
    chevron = [((20, 10), (45, 22)), ((45, 22), (20, 34))]
    bar = [((20, 42), (45, 42))]
    word = ocr_reader._Word(12, 8, 60, 36, 0.9, ">80%", (1, 1, 1))
    assert ocr_reader._or_equal(word, _drawn(chevron + bar)).text == "≥80%"
    assert ocr_reader._or_equal(word, _drawn(chevron)).text == ">80%"
    speck = _drawn(chevron + bar)
    speck[12:14, 13:15] = 255  # a speck of dust left of the sign
    assert ocr_reader._or_equal(word, speck).text == "≥80%"
    opened = ocr_reader._Word(2, 8, 70, 36, 0.9, "(>", (1, 1, 1))
    bracket = [((8, 8), (4, 26)), ((4, 26), (8, 44))]
    assert ocr_reader._or_equal(opened, _drawn(bracket + chevron + bar)).text == "(≥"


def test_a_lone_percent_sign_read_with_a_digit_is_a_percent_sign() -> None:
    percent = _drawn([((20, 44), (44, 10))], circles=((22, 16), (42, 38)))
    word = ocr_reader._Word(12, 8, 40, 40, 0.9, "0%", (1, 1, 1))
    assert ocr_reader._cell_word(word, percent).text == "%"
    five = _drawn([((60, 44), (84, 10)), ((20, 12), (20, 40)), ((20, 40), (36, 40))], circles=((62, 16), (82, 38)))
    assert ocr_reader._cell_word(ocr_reader._Word(12, 8, 80, 40, 0.9, "5%", (1, 1, 1)), five).text == "5%"


def test_a_one_read_as_a_roman_one_is_given_back_before_two() -> None:
    assert ocr_text.numbered_in_turn(["I", "2", "3"], [True] * 3) == ["1", "2", "3"]
    assert ocr_text.numbered_in_turn(["I", "1", "2"], [True] * 3) == ["I", "1", "2"]  # a group, then its rows


@needs_tesseract
def test_a_real_scanned_plan_scores_against_gold_typed_from_its_page_images() -> None:
    """corpus/scans/: a real scan (handwritten number and day, seal, a ruled task table over two pages),
    its gold written from the page images before the program was run on it. First run: sections 0.444,
    task rows 0/5; after two genre fixes (a table read cell by cell ends at the numbered heading under
    it; a header misread as "1ã" still leaves the row numbers mended) 0.880 and 5/5."""
    m = evaluate_folder("scans", GOLDEN / "scans", workers=2).metrics()
    assert m["section_f1"] >= 0.85
    assert m["task_f1"] >= 0.95
    assert m["table_rows_right"] == 1.0
    doc = extract(ROOT / "corpus" / "scans" / "kh_753_dct_2026_scan.pdf", workers=2)
    assert doc.metadata.year == 2026
    assert any(w.code == "W009" and "day or month" in w.message for w in doc.warnings)  # "ngày 23" by hand
