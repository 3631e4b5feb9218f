"""Tables rebuilt from text: column roles from header words, rows from the STT sequence, cells by content."""

from __future__ import annotations

import pytest

from vn_plan_extract import extract_text
from vn_plan_extract.lexicon.columns import COLUMN_PHRASES, TABLE_UNITS, UNIT_CELL_RE
from vn_plan_extract.tables.align import align_row, cell_fit, rows_of_stream
from vn_plan_extract.tables.anchors import fits as _fits
from vn_plan_extract.tables.header import roles_of_header as _roles_of_header
from vn_plan_extract.tables.header import roles_of_header_cells as _roles_of_header_cells


@pytest.mark.parametrize(("phrase", "role"), COLUMN_PHRASES, ids=[p for p, _ in COLUMN_PHRASES])
def test_every_column_phrase_gives_its_role(phrase: str, role: str) -> None:
    context = ["name"] if role in {"target_or_output", "name_or_target"} else []
    got = _roles_of_header_cells([*(["Nội dung chỉ tiêu"] if context else []), phrase])[-1]
    expected = {"target_or_output": "target", "name_or_target": "target"}.get(role, role)
    assert got == expected


@pytest.mark.parametrize("unit", TABLE_UNITS)
def test_every_unit_word_is_read_as_a_unit_cell(unit: str) -> None:
    m = UNIT_CELL_RE.search(f"Tên chỉ tiêu {unit} 100")
    assert m is not None
    assert " ".join(m.group("unit").split()) == unit


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        ("STT Chỉ tiêu Đơn vị tính Kết quả Đơn vị chủ trì thực hiện Đơn vị chủ trì, theo dõi, đánh giá",
         ["stt", "name", "unit", "target", "lead", "monitor"]),
        ("STT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Kết quả Thời gian hoàn thành",
         ["stt", "task", "lead", "support", "output", "deadline"]),
        ("STT Nội dung nhiệm vụ trọng tâm Sản phẩm/Kết quả đầu ra Đơn vị chủ trì Đơn vị phối hợp Thời gian hoàn thành",
         ["stt", "task", "output", "lead", "support", "deadline"]),
        ("STT Nội dung chỉ tiêu phấn đấu đến cuối năm 2026 Đơn vị tính Chỉ tiêu phấn đấu đạt được "
         "Bộ phận chủ trì tham mưu theo dõi", ["stt", "name", "unit", "target", "lead"]),
        ("STT Chỉ tiêu Đơn vị tính Thực hiện 2025 Tốc độ tăng bình quân Kế hoạch 2026 Ghi chú",
         ["stt", "name", "unit", "baseline", "growth", "target", "note"]),
        ("STT Nhiệm vụ Tổng kinh phí", ["stt", "task", "amount"]),
    ],
)
def test_header_words_give_column_roles_in_order(header: str, roles: list[str]) -> None:
    assert _roles_of_header(header) == roles


@pytest.mark.parametrize(
    ("candidate", "previous", "after_group", "fits"),
    [
        ([2], [1], False, True), ([3, 1], [3], False, True), ([4], [3, 10], False, True),
        ([1], [9], True, True), ([6], [6], True, True), ([16], [13], True, True),
        ([2026], [3], False, False), ([6], [6], False, False), ([1], [5], False, False),
    ],
)
def test_the_stt_sequence_anchors_rows(candidate: list[int], previous: list[int], after_group: bool,
                                       fits: bool) -> None:
    assert _fits(candidate, previous, after_group) is fits


def _indicators(text: str) -> list[tuple]:
    doc = extract_text(text)
    return [(i.target.comparator.value if i.target.comparator else None, i.target.value, i.target.unit,
             i.lead_units, i.monitor_units, i.group.label if i.group else None, i.source.table.row if i.source.table
             else None) for i in doc.indicators if i.origin.value == "table"]


def test_a_flattened_table_with_wrapped_cells_and_a_page_number_inside() -> None:
    text = "\n".join([
        "I. MỤC TIÊU", "STT Chỉ tiêu Đơn vị tính Kết quả Đơn vị chủ trì thực hiện Đơn vị chủ trì, theo dõi, đánh giá",
        "1 Xếp hạng chỉ số chuyển đổi số (DTI) Thứ bậc", "Mức", "Khá", "", "Các cơ quan, đơn", "vị", "",
        "Phòng VHXH", "", "2", "Tỉ lệ cung cấp DVCTT toàn trình trên tổng số TTHC có đủ điều", "kiện", "",
        "% 90", "Trung tâm", "PVHCC", "", "", "", "7", "", "Trung tâm PVHCC", "",
        "3 Tỷ lệ người dân có hồ sơ sức khỏe điện tử % ≥ 90 Trạm y tế Trạm y tế phường",
        "II. NHIỆM VỤ", "- Tuyên truyền.",
    ])
    assert _indicators(text) == [
        (None, None, "Thứ bậc", ["Các cơ quan, đơn vị"], ["Phòng VHXH"], None, 1),
        ("=", 90, "%", ["Trung tâm PVHCC"], ["Trung tâm PVHCC"], None, 2),
        (">=", 90, "%", ["Trạm y tế"], ["Trạm y tế phường"], None, 3),
    ]


def test_group_rows_and_numbering_that_restarts_in_each_group() -> None:
    text = "\n".join([
        "II. MỤC TIÊU", "STT Nội dung chỉ tiêu Đơn vị tính Chỉ tiêu Bộ phận chủ trì", "I Về phát triển hạ tầng",
        "1 Tỉ lệ phủ sóng 5G trên địa bàn xã % ≥ 60% Phòng Văn hóa -", "Xã hội", "II Về Phát triển nguồn lực",
        "1 Tỉ lệ cán bộ được bồi dưỡng kỹ năng số % 100% Phòng Văn hóa - Xã hội",
        "2 Sáng kiến trong khu vực công được công nhận Sáng", "kiến Có/ ≥ 01", "Phòng Kinh tế",
        "III. NHIỆM VỤ", "- Tuyên truyền.",
    ])
    assert _indicators(text) == [
        (">=", 60, "%", ["Phòng Văn hóa - Xã hội"], [], "I", 1),
        ("=", 100, "%", ["Phòng Văn hóa - Xã hội"], [], "II", 2),
        (">=", 1, "Sáng kiến", ["Phòng Kinh tế"], [], "II", 3),
    ]


def test_a_socio_economic_table_one_cell_a_line_takes_only_the_target_column() -> None:
    text = "\n".join([
        "KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2026", "I. CHỈ TIÊU", "STT", "Chỉ tiêu", "Đơn vị tính",
        "Thực hiện 2025", "Tốc độ tăng bình quân", "Kế hoạch 2026", "Ghi chú", "1", "Tổng giá trị sản xuất",
        "Tỷ đồng", "1.250", "8%", "1.350", "-", "2", "Thu nhập bình quân đầu người", "Triệu đồng", "65", "7%", "70",
        "cuối 2027", "II. NHIỆM VỤ", "- Tuyên truyền.",
    ])
    doc = extract_text(text)
    got = [(i.name, i.target.value, i.target.unit, i.target_year, i.deadline.text if i.deadline else None)
           for i in doc.indicators]
    assert got == [("Tổng giá trị sản xuất", 1350, "Tỷ đồng", 2026, None),
                   ("Thu nhập bình quân đầu người", 70, "Triệu đồng", 2026, "cuối 2027")]


def test_a_pipe_table_from_a_web_page() -> None:
    text = "\n".join([
        "I. MỤC TIÊU", "| STT | Chỉ tiêu | ĐVT | Kế hoạch 2026 | Đơn vị chủ trì |", "|---|---|---|---|---|",
        "| 1 | Tỷ lệ hồ sơ trực tuyến | % | ≥ 80 | Trung tâm PVHCC |",
        "| 2 | Tỷ lệ thanh toán trực tuyến | % | 60 | Trung tâm PVHCC, Phòng VHXH |",
    ])
    assert _indicators(text) == [
        (">=", 80, "%", ["Trung tâm PVHCC"], [], None, 1),
        ("=", 60, "%", ["Trung tâm PVHCC", "Phòng VHXH"], [], None, 2),
    ]


def test_an_ocr_table_with_latex_comparators_and_bold_group_rows() -> None:
    text = "\n".join([
        "## PHỤ LỤC", "STT\tNội dung chỉ tiêu\tĐơn vị tính\tChỉ tiêu\tĐơn vị chủ trì\tĐơn vị phối hợp\tGhi chú",
        "<b>A. PHÁT TRIỂN HẠ TẦNG</b>\t\t\t\t\t\t",
        "1.\tTỷ lệ phủ sóng 4G/5G\t%\t$\\geq 90\\%$\tPhòng Văn hóa - Xã hội\tVNPT, Viettel\t",
        "2.\tTỷ lệ chi ngân sách cho chuyển đổi số\t%\t$> 2\\%$\tPhòng Kinh tế\tCác cơ quan, đơn vị phường\t",
    ])
    doc = extract_text(text)
    got = [(i.target.comparator.value, i.target.value, i.group.label if i.group else None, i.support_units,
            i.source.quote) for i in doc.indicators]
    assert got == [(">=", 90, "A", ["VNPT", "Viettel"], "Tỷ lệ phủ sóng 4G/5G"),
                   (">", 2, "A", ["Các cơ quan, đơn vị phường"], "Tỷ lệ chi ngân sách cho chuyển đổi số")]


def test_task_rows_keep_repeated_numbers_and_link_the_targets_they_restate() -> None:
    text = "\n".join([
        "I. MỤC TIÊU", "STT Chỉ tiêu Đơn vị tính Kết quả Đơn vị chủ trì thực hiện",
        "1 Tỷ lệ cán bộ có chuyên môn khoa học kỹ thuật trong đội ngũ lãnh đạo % 25 Phòng VHXH",
        "II. NHIỆM VỤ", "STT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Kết quả Thời gian hoàn thành", "I", "Nhóm một",
        "1", "Bố trí cán bộ có chuyên môn khoa học kỹ thuật trong đội ngũ lãnh đạo, tối thiểu đạt 25%", "Phòng VHXH",
        "Các cơ quan, đơn vị", "Đạt tỷ lệ 25% Hàng năm", "II", "Nhóm hai", "1", "Tổ chức Cuộc thi Công dân số",
        "Phòng VHXH", "Đoàn Thanh niên", "≥300 người dự thi", "Quý II/2026",
    ])
    doc = extract_text(text)
    assert [(t.stt, t.deadline.text, t.indicator_ids) for t in doc.tasks] == [
        ("1", "Hàng năm", ["ind-001"]), ("1", "Quý II/2026", ["ind-002"])]
    first, second = doc.indicators
    assert (first.target.comparator.value, first.deadline.text, first.support_units) == (
        ">=", "Hàng năm", ["Các cơ quan, đơn vị"])
    assert (second.target.value, second.target.unit, second.source.quote) == (300, "người dự thi", "≥300 người dự thi")


def test_a_budget_table_reads_amounts_and_the_printed_total() -> None:
    text = "\n".join([
        "PHỤ LỤC II", "DỰ TOÁN KINH PHÍ", "Triệu đồng", "STT Nhiệm vụ Tổng kinh phí", "Tổng nhu cầu kinh phí 3.500",
        "1 Mua sắm thiết bị 500", "2", "Đầu tư các thiết bị khoa học công nghệ phục vụ", "giảng dạy", "", "3.000",
    ])
    budget = extract_text(text).budget
    assert budget is not None
    assert (budget.total, budget.unit, [(i.label, i.amount) for i in budget.items]) == (
        3500, "triệu đồng", [("Mua sắm thiết bị", 500), ("Đầu tư các thiết bị khoa học công nghệ phục vụ giảng dạy", 3000)])


_BORDERED = """|
**ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP**
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
|
|

**KẾ HOẠCH**

Chuyển đổi số cho doanh nghiệp năm 2026

I. MỤC TIÊU
- 80% doanh nghiệp nhỏ và vừa sử dụng nền tảng số.

DANH MỤC NHIỆM VỤ

|
**STT**
|
**NHIỆM VỤ VÀ GIẢI PHÁP**
|
**CHỦ TRÌ**
|
**PHỐI HỢP**
|
**THỜI GIAN**
|
|
**I**
|
**NHÓM
GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH**
|
|
1
|
Rà soát, kịp thời cụ thể
hoá các cơ chế, chính sách khuyến khích đổi mới công nghệ.
|
Sở Tài chính
|
Sở, ban, ngành có liên quan
|
Thường xuyên
|
|
2
|
Đề xuất giải pháp cải thiện
môi trường đầu tư, kinh doanh.
|
Sở Tài chính
|
Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh
|
Quý IV/2026
|
|
|
"""


def test_a_bordered_table_copied_from_a_web_page_one_cell_a_run_of_lines() -> None:
    """Each cell closed by a "|" line and each row by a second one (a web page's table as text): rows,
    cells broken over lines, group rows and upper-case headers; the header block laid out the same way
    stays text."""
    doc = extract_text(_BORDERED, fmt="md")
    assert [t.stt for t in doc.tasks] == ["1", "2"]
    first, second = doc.tasks
    assert first.title == "Rà soát, kịp thời cụ thể hoá các cơ chế, chính sách khuyến khích đổi mới công nghệ."
    assert first.lead_units == ["Sở Tài chính"]
    assert first.deadline is not None
    assert first.deadline.text == "Thường xuyên"
    assert first.group is not None
    assert first.group.title == "NHÓM GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH"
    assert second.support_units == ["Sở Công Thương", "Ban Quản lý khu Kinh tế tỉnh"]
    assert second.deadline is not None
    assert second.deadline.text == "Quý IV/2026"
    lines = _BORDERED.split("\n")
    assert lines[second.source.line_start - 1] == "Đề xuất giải pháp cải thiện"
    assert [s.label for s in doc.sections] == ["I"]  # the group row "I" is no section
    assert doc.metadata.year == 2026


def _spaced(cells: list[str]) -> str:
    """A table one cell a line with a blank line between cells; an empty cell is a line holding a space."""
    return "\n\n".join(c if c else " " for c in cells)


_SPACED = "Các chỉ tiêu chủ yếu năm 2022 như sau:\n" + _spaced([
    "Stt", "Chỉ tiêu chủ yếu", "TH năm 2021", "KH 2022", "Ước TH 2022", "Ghi chú",
    "I", "Kinh tế", "", "", "", "",
    "1", "Tốc độ tăng GRDP (%), trong đó:", "4,36", "6,5-7,5", "8,56", "Đạt",
    "", "- Nông Lâm Ngư nghiệp (%)", "3,62", "3-3,5", "(3,26)", "",
    # a sub-row printed without its empty row-number cell, and values that look like row numbers
    "- Dịch vụ (%)", "8", "9", "11,03", "",
    "2", "GRDP bình quân đầu người (USD)", "2.179", "2.350-2.400", "2.337", "Không đạt",
    "3", "Cơ cấu kinh tế", "", "", "", "",
    "4", "Tỷ lệ tham gia BHYT (%)", "95,2", "> 98", "97,5", "",
]) + "\n\nII. NHIỆM VỤ\n"


def test_a_table_one_cell_a_line_with_blank_lines_between() -> None:
    """Rows are as wide as the header; a run of blank lines stands for empty cells; a sub-row's bullet
    opens a row even when its empty number cell was not printed; the plan column ('KH 2022') is the
    target and names the year; a range is a range in one cell; a unit in brackets ends the name; a
    row with an empty plan cell promises nothing."""
    doc = extract_text(_SPACED)
    got = [(i.name, i.target.comparator.value if i.target.comparator else None, i.target.value,
            i.target.value_max, i.target.unit, i.target_year) for i in doc.indicators]
    assert got == [
        ("Tốc độ tăng GRDP (%), trong đó:", ">=", 6.5, 7.5, "%", 2022),
        ("- Nông Lâm Ngư nghiệp (%)", ">=", 3, 3.5, "%", 2022),
        ("- Dịch vụ (%)", "=", 9, None, "%", 2022),
        ("GRDP bình quân đầu người (USD)", ">=", 2350, 2400, "USD", 2022),
        ("Tỷ lệ tham gia BHYT (%)", ">", 98, None, "%", 2022),
    ]
    assert [s.label for s in doc.sections] == ["II"]


_SPACED_AMBIGUOUS = "I. MỤC TIÊU\n1. Chỉ tiêu cụ thể\n\n" + _spaced([
    "STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Kế hoạch năm 2026", "Đơn vị chủ trì",
    "1", "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", "%", "65", "≥ 80", "Văn phòng HĐND và UBND xã",
    # the plan value "5" could be the next row's number (rows may skip numbers): the row's cells decide
    "2", "Số điểm phát sóng wifi công cộng miễn phí", "Điểm", "2", "5", "Phòng Kinh tế",
    # a row printing only its first cells, closed by the next row's number
    "3", "Số hộ gia đình có hợp đồng Internet cáp quang", "Hộ",
    "4", "Tỷ lệ người dân có chữ ký số cá nhân", "%", "-", "50", "Công an xã",
]) + "\n\nII. NHIỆM VỤ\n\n1. Triển khai các nhiệm vụ trên.\n"


def test_rows_of_a_cell_stream_are_cut_by_what_each_column_holds() -> None:
    """One cut for the whole table (issue 11): a value that looks like a row number stays in its row,
    a short row ends where the next row's number opens, and the text after the table is no row."""
    doc = extract_text(_SPACED_AMBIGUOUS)
    got = [(i.name, i.target.value, i.target.unit, i.target_year, i.lead_units) for i in doc.indicators]
    assert got == [
        ("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", 80, "%", 2026, ["Văn phòng HĐND và UBND xã"]),
        ("Số điểm phát sóng wifi công cộng miễn phí", 5, "Điểm", 2026, ["Phòng Kinh tế"]),
        ("Tỷ lệ người dân có chữ ký số cá nhân", 50, "%", 2026, ["Công an xã"]),
    ]
    assert [(s.label, [c.label for c in s.children]) for s in doc.sections] == [("I", ["1"]), ("II", ["1"])]


def test_cell_fit_scores_what_a_column_can_hold() -> None:
    assert cell_fit("unit", "Điểm") > cell_fit("unit", "Tỷ lệ hồ sơ trực tuyến") > cell_fit("unit", "80")
    assert cell_fit("target", "≥ 80") > cell_fit("target", "Phòng Kinh tế")
    assert cell_fit("target", "6,5-7,5") == cell_fit("target", "-") == cell_fit("target", "Mức Khá")
    assert cell_fit("lead", "Văn phòng HĐND và UBND xã") > cell_fit("lead", "50")
    assert cell_fit("deadline", "Quý II/2026") > cell_fit("deadline", "12")
    assert cell_fit("name", "Tỷ lệ hồ sơ") > cell_fit("name", "95%")
    assert cell_fit("target", "II. NHIỆM VỤ") < 0 < cell_fit("name", "Kinh tế")
    assert cell_fit("target", "") == 0


def test_rows_of_stream_ends_the_table_where_rows_stop_scoring() -> None:
    roles = ["stt", "name", "unit", "target"]
    texts = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "1", "Tỷ lệ A", "%", "90", "2", "Tỷ lệ B", "%", "3",
             "3", "Số C", "Người", "12", "Ghi chú cuối bảng", "x"]
    rows = rows_of_stream(texts, roles, 0, foreign_row_ends=True)
    assert [(r.start, r.end, r.column) for r in rows] == [(4, 8, 0), (8, 12, 0), (12, 16, 0)]
    bulleted = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "1", "Cây lúa", "", "", "- Diện tích", "Ha", "500"]
    rows = rows_of_stream(bulleted, roles, 0, foreign_row_ends=True)
    assert [(r.start, r.end, r.column) for r in rows] == [(4, 8, 0), (8, 11, 1)]


def test_a_table_whose_rows_cannot_be_recovered_is_reported_with_its_lines() -> None:
    text = ("I. NHIỆM VỤ\nSTT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tThời gian hoàn thành\n"
            "\tTheo phụ lục đính kèm\t\t\n")
    doc = extract_text(text)
    warnings = [w for w in doc.warnings if w.code == "W007"]
    assert len(warnings) == 1
    assert warnings[0].source is not None
    assert warnings[0].source.line_start == 2
    assert warnings[0].source.quote.startswith("STT")
    assert doc.tasks == []


def _bounded(rows: list[list[str]]) -> str:
    """A web page's table as text: each cell on its own lines, closed by a "|" line, each row opened by
    one more "|" (so an empty cell and the end of a row both read as two "|" lines)."""
    out = []
    for row in rows:
        out.append("|")
        for cell in row:
            out.extend([cell, "|"] if cell else ["|"])
    return "\n".join(out)


_SERIES = "PHỤ LỤC 01\n\nVÙNG NGUYÊN LIỆU GIAI ĐOẠN 2026 - 2030\n\n" + _bounded([
    ["**TT**", "**Chỉ tiêu**", "**ĐVT**", "**ƯTH Năm 2025**", "**GIAI ĐOẠN 2026 - 2030**"],
    ["**Năm 2026**", "**Năm 2027**", "**Năm 2028**"],
    ["*1*", "*2*", "*3*", "*4*", "*5*", "*6*", "*7*"],
    ["**I**", "**CÂY CÔNG NGHIỆP**", "", "", "", "", ""],
    ["**1**", "**Cà Phê**", "", "", "", "", ""],
    ["-", "Diện tích", "Ha", "26.120", "27.000", "27.500", "28.000"],
    ["-", "Sản lượng cà phê nhân", "Tấn", "37.724", "39.800", "", "45.225"],
    ["**2**", "**Chè**", "", "", "", "", ""],
    ["-", "Diện tích", "Ha", "6.132", "6.500", "6.700", "7.100"],
]) + "\n\nPHỤ LỤC 02\n\n" + _bounded([
    ["**TT**", "**Sản phẩm**", "**Kế hoạch 2026**", "**Kế hoạch 2027**"],
    ["**Lượng** **(Tấn)**", "**Giá trị (Nghìn USD)**", "**Lượng** **(Tấn)**", "**Giá trị (Nghìn USD)**"],
    ["", "**Tổng I + II**", "", "240.000", "", "270.000"],
    ["**I**", "**Mặt hàng nông sản**", "", "235.000", "", "265.000"],
    ["1", "Xoài", "13.500", "7.000", "14.800", "7.800"],
])


def test_a_year_series_under_a_two_row_header_gives_one_target_per_year_and_measure() -> None:
    """Rows closed by an empty-looking cell, a header cell spanning the years under it, a row numbering
    the columns, parent rows over dash sub-rows, group rows with subtotals, a total row (issue 11)."""
    doc = extract_text(_SERIES, fmt="md")
    found = [(i.name, i.target.value, i.target.unit, i.target_year) for i in doc.indicators]
    assert found[:6] == [
        ("Cà Phê: Diện tích", 27000, "Ha", 2026), ("Cà Phê: Diện tích", 27500, "Ha", 2027),
        ("Cà Phê: Diện tích", 28000, "Ha", 2028),
        ("Cà Phê: Sản lượng cà phê nhân", 39800, "Tấn", 2026),  # an empty year cell is no target
        ("Cà Phê: Sản lượng cà phê nhân", 45225, "Tấn", 2028), ("Chè: Diện tích", 6500, "Ha", 2026)]
    assert 26120 not in [i.target.value for i in doc.indicators]  # the baseline column ("ƯTH Năm 2025")
    assert ("Tổng I + II: Giá trị", 270000, "Nghìn USD", 2027) in found
    assert ("Mặt hàng nông sản: Giá trị", 235000, "Nghìn USD", 2026) in found
    assert [f for f in found if f[0].startswith("Xoài")] == [
        ("Xoài: Lượng", 13500, "Tấn", 2026), ("Xoài: Giá trị", 7000, "Nghìn USD", 2026),
        ("Xoài: Lượng", 14800, "Tấn", 2027), ("Xoài: Giá trị", 7800, "Nghìn USD", 2027)]
    xoai = next(i for i in doc.indicators if i.name.startswith("Xoài"))
    assert xoai.group is not None
    assert xoai.group.title == "Mặt hàng nông sản"
    lines = _SERIES.split("\n")
    assert lines[xoai.source.line_start - 1] == "Xoài"


def _cells(text: str, roles: list[str]) -> list[str]:
    spans, _ = align_row(text, roles)
    return [" ".join(text[a:b].split()) for a, b in spans]


def test_a_flattened_row_is_divided_by_what_each_column_holds() -> None:
    """PDF text of a table: cells wrapped over lines and sharing lines ('% 90', '… trực thuộc Quý I/2026'),
    a level over two lines, a body's name cut after a comma, bodies listed with a comma inside a name."""
    indicator = ("Tiềm lực, trình độ khoa học, công nghệ và đổi mới sáng tạo Thứ bậc \nMức \nKhá \n"
                 "Các cơ quan, đơn \nvị \nPhòng VHXH")
    assert _cells(indicator, ["name", "unit", "target", "lead", "monitor"]) == [
        "Tiềm lực, trình độ khoa học, công nghệ và đổi mới sáng tạo", "Thứ bậc", "Mức Khá", "Các cơ quan, đơn vị",
        "Phòng VHXH"]
    task = ("Xây dựng Kế hoạch chuyển \nđổi số xã năm 2026; Kế \nhoạch đột phá phát triển KH-\nCN, CĐS và CCHC.\n"
            "Kế hoạch được \nban hành và triển \nkhai.\nPhòng Văn hóa - \nXã hội\nCác ban, ngành \ntrực thuộc Quý I/2026")
    assert _cells(task, ["task", "output", "lead", "support", "deadline"])[1:] == [
        "Kế hoạch được ban hành và triển khai.", "Phòng Văn hóa - Xã hội", "Các ban, ngành trực thuộc", "Quý I/2026"]
    listed = ("Triển khai Chương trình thúc đẩy tiêu dùng sản phẩm, dịch \nvụ trên môi trường số \n\nPhòng KT,HT \n"
              "&ĐT, Phòng \n\nVHXH \n\nCác cơ quan, \n\nđơn vị \nVăn bản triển khai \nThường xuyên")
    assert _cells(listed, ["task", "lead", "support", "output", "deadline"])[1:] == [
        "Phòng KT,HT &ĐT, Phòng VHXH", "Các cơ quan, đơn vị", "Văn bản triển khai", "Thường xuyên"]


def test_a_row_with_no_division_is_one_guessed_cell() -> None:
    words = " ".join(f"Sở {k} %" for k in range(2000))
    spans, guessed = align_row(words, ["name", "unit", "target", "lead"])
    assert guessed
    assert spans[0] == (0, len(words))


def test_a_target_restated_in_another_unit_or_rounded_is_the_table_s_row() -> None:
    """The text's "10 triệu USD" is the annex's "10.000" Nghìn USD, and "trên 3,9 triệu USD" its rounded
    "3.950": one target each, kept from the table with the table's own comparator (the cell states the
    planned amount; "trên 12.000 …" in the text restates the cell "12.000" loosely)."""
    text = ("I. MỤC TIÊU\n- Tổng giá trị sản phẩm Xoài tham gia xuất khẩu đến năm 2030 dự kiến đạt 10 triệu USD.\n"
            "- Tổng giá trị sản phẩm Chuối tham gia xuất khẩu đến năm 2030 đạt trên 3,9 triệu USD.\n"
            "- Giá trị xuất khẩu Chè đến năm 2030 đạt trên 12.000 Nghìn USD.\n\n" + _bounded([
                ["**TT**", "**Sản phẩm**", "**Kế hoạch 2030 Giá trị (Nghìn USD)**"],
                ["1", "Giá trị xuất khẩu Xoài", "10.000"],
                ["2", "Giá trị xuất khẩu Chuối", "3.950"],
                ["3", "Giá trị xuất khẩu Chè", "12.000"],
            ]))
    doc = extract_text(text, fmt="md")
    assert [(i.name, i.target.comparator.value if i.target.comparator else None, i.target.value, i.target.unit,
             i.origin.value) for i in doc.indicators] == [
        ("Giá trị xuất khẩu Xoài", "=", 10000, "Nghìn USD", "table"),
        ("Giá trị xuất khẩu Chuối", "=", 3950, "Nghìn USD", "table"),
        ("Giá trị xuất khẩu Chè", "=", 12000, "Nghìn USD", "table")]
