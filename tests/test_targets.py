"""Prose targets, one case per phenomenon of the genre (DOMAIN.md, the issue, the devset decisions)."""

from __future__ import annotations

import pytest

from vn_plan_extract import extract_text


def targets(text: str) -> list[tuple[str | None, float | None, float | None, str | None]]:
    doc = extract_text(text)
    return [(i.target.comparator.value if i.target.comparator else None, i.target.value, i.target.value_max,
             i.target.unit) for i in doc.indicators]


SEED_CASES = [
    ("- Tỷ lệ thanh toán trực tuyến phí, lệ phí đạt tối thiểu 80%.", [(">=", 80, None, "%")]),
    ("- Trên 95% người dân có hồ sơ sức khỏe điện tử.", [(">", 95, None, "%")]),
    ("- 100% hồ sơ TTHC được số hóa.", [("=", 100, None, "%")]),
    ("- Tỷ lệ phủ sóng 5G trên địa bàn phường ≥ 60%.", [(">=", 60, None, "%")]),
    ("- Phấn đấu đạt chỉ số chuyển đổi số của phường thuộc Top 30 của tỉnh.", [("<=", 30, None, "hạng")]),
    ("- Có trên 20 sáng kiến, đề tài khoa học được công nhận.", [(">", 20, None, "sáng kiến")]),
    ("- Tổ chức ít nhất 02 lớp tập huấn/năm cho cán bộ.", [(">=", 2, None, "lớp tập huấn/năm")]),
    ("- Hướng dẫn người dân định kỳ ít nhất 01 lần/tháng/khu phố.", [(">=", 1, None, "lần/tháng/khu phố")]),
    ("- Tốc độ truy cập tối thiểu 36 Mb/s.", [(">=", 36, None, "Mb/s")]),
    ("- Tổng đàn gia súc đạt 3.200 con.", [("=", 3200, None, "con")]),
    ("- Tổng sản phẩm trên địa bàn đạt 43,5 nghìn tỷ đồng.", [("=", 43.5, None, "nghìn tỷ đồng")]),
    ("- Tốc độ tăng trưởng kinh tế từ 3 – 5%.", [(">=", 3, 5, "%")]),
    ("- Tốc độ tăng trưởng bình quân đạt 7,5 - 8,0%/năm.", [(">=", 7.5, 8, "%")]),
    ("- Tỷ lệ sử dụng dịch vụ công trực tuyến đạt 80% trở lên.", [(">=", 80, None, "%")]),
    ("- Giảm tỷ lệ hộ nghèo xuống dưới 5%.", [("<", 5, None, "%")]),
    ("- Tỷ lệ nhà ở kiên cố: 90%.", [("=", 90, None, "%")]),
    ("- Tốc độ tăng tỷ số giới tính khi sinh không quá 0,4%.", [("<=", 0.4, None, "%")]),
    ("- Có 4/5 trường học đạt chuẩn quốc gia.", [("=", 4, None, "trường học")]),
    ("- Năm 2022: 94 xã, phường, thị trấn.", [("=", 94, None, "xã, phường, thị trấn")]),
    ("- Thu nhập bình quân đầu người: 60trđ/người/năm.", [("=", 60, None, "trđ/người/năm")]),
    ("- Phần mềm được cài đặt trên 100% máy tính tại các cơ quan.", [("=", 100, None, "%")]),
    ("- Tỷ lệ OCR $\\geq 90\\%$ dân số.", [(">=", 90, None, "%")]),
    ("(1) Tỷ lệ hộ nghèo giảm còn 2%; (2) Tỷ lệ lao động qua đào tạo đạt 70%.",
     [("=", 2, None, "%"), ("=", 70, None, "%")]),
    ("- 100% hồ sơ TTHC được số hóa; 100% DVC trực tuyến toàn trình; 95% hồ sơ xử lý trực tuyến và thanh "
     "toán trực tuyến đạt từ 80% trở lên.",
     [("=", 100, None, "%"), ("=", 100, None, "%"), ("=", 95, None, "%"), (">=", 80, None, "%")]),
    ("- Giá trị nông nghiệp đạt 50 tỉ đồng, chiếm 8%.", [("=", 50, None, "tỉ đồng"), ("=", 8, None, "%")]),
    # a list after a goal lead-in's colon: every value with its unit is a target (issue 11, item 3)
    ("- Chỉ tiêu sản xuất trồng trọt: Diện tích lúa 22.540 ha; ngô 4.850 ha; sắn 38.247 ha.",
     [("=", 22540, None, "ha"), ("=", 4850, None, "ha"), ("=", 38247, None, "ha")]),
    # a total and the breakdown that follows it
    ("- Tổng diện tích gieo trồng 772 ha, trong đó: Lúa 507 ha; ngô 120 ha.",
     [("=", 772, None, "ha"), ("=", 507, None, "ha"), ("=", 120, None, "ha")]),
    ("- Gia cầm: 5.000 con.", [("=", 5000, None, "con")]),
    # the unit is the counted noun; what qualifies it stays in the name
    ("- Phấn đấu có thêm 12 xã đạt chuẩn NTM kiểu mẫu.", [("=", 12, None, "xã")]),
    ("- Hỗ trợ ít nhất 15 doanh nghiệp khởi nghiệp sáng tạo.", [(">=", 15, None, "doanh nghiệp")]),
    # a count to reach or to add, and a value with a thousands dot that is no year
    ("- Hình thành mới 05 khu công nghiệp, nâng tổng số lên 12 KCN.", [("=", 5, None, "khu công nghiệp"),
                                                                    ("=", 12, None, "KCN")]),
    ("- Diện tích làm mới tại các khu, cụm công nghiệp: trên 2.000 ha.", [(">", 2000, None, "ha")]),
    ("- Tổng công suất bổ sung khoảng 2.989,5 MW.", [("=", 2989.5, None, "MW")]),
    # ranks written as groups and places
    ("- Đến năm 2030, tỉnh thuộc nhóm 20 tỉnh, thành phố trực thuộc Trung ương dẫn đầu về CĐS.",
     [("<=", 20, None, "hạng")]),
    ("- Phấn đấu thứ hạng của tỉnh vào nhóm 30/63 tỉnh, thành phố của cả nước.", [("<=", 30, None, "hạng")]),
    ("- Chỉ số PAR INDEX xếp vị thứ 20/63 tỉnh, thành phố.", [("<=", 20, None, "hạng")]),
    # a list's next count shares its comparator; "ở mức" introduces a value, not a level
    ("- Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo, 50 doanh nghiệp khoa học công nghệ.",
     [(">=", 100, None, "doanh nghiệp"), (">=", 50, None, "doanh nghiệp")]),
    ("- Tỷ lệ hộ nghèo duy trì ở mức 2% trở xuống.", [("<=", 2, None, "%")]),
    # a total with its parts in brackets, counting something else; "đã quy hoạch" describes, it reports nothing
    ("- Vận hành các dự án đã quy hoạch, nâng tổng công suất lên 4.758,5 MW (gồm 166 dự án thủy điện; "
     "03 dự án điện gió).", [("=", 4758.5, None, "MW"), ("=", 166, None, "dự án"), ("=", 3, None, "dự án")]),
    # "đã" describing the subject does not make the value a result when a goal word follows it
    ("- Các xã đã đạt chuẩn còn lại phấn đấu đạt thêm ít nhất 1 tiêu chí.", [(">=", 1, None, "tiêu chí")]),
    ("- GRDP bình quân đầu người đạt 105 triệu đồng (tương đương 4.510 USD).", [("=", 105, None, "triệu đồng")]),
    # a change with its own subject is the target; written right after a value, it restates that value
    ("- Kim ngạch xuất khẩu năm 2019 tăng 10% - 12% so với năm 2018.", [(">=", 10, 12, "%")]),
    ("- Chỉ số PCI phấn đấu tăng 0,5-1 điểm so với năm 2021.", [(">=", 0.5, 1, "điểm")]),
    ("- Thu nhập của hộ nghèo đến năm 2025 tăng lên 1,5 lần so với năm 2021.", [("=", 1.5, None, "lần")]),
    ("- Số doanh nghiệp năm 2020: 60 doanh nghiệp, tăng 42,9% so với năm 2015.", [("=", 60, None, "doanh nghiệp")]),
    ("- Tổng giá trị sản xuất năm 2020 đạt 1.184 tỷđ, tăng gấp 2 lần so với năm 2015.", [("=", 1184, None, "tỷđ")]),
    ("- Tỷ lệ hộ nghèo còn 1% đến năm 2020 (theo chuẩn giai đoạn 2011 - 2015), giảm 2,7% so với năm 2015.",
     [("=", 1, None, "%")]),
    ("- Tỷ lệ khu phố có nhà văn hoá: 100%; tăng 9% so với năm 2015.", [("=", 100, None, "%")]),
    ("- Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP;", [("=", 30, None, "lần")]),
    # "hàng năm 5 - 7%" is how often, not "năm 5"; a base year's value in brackets is the starting point
    ("- Tỷ lệ hộ nghèo giảm hàng năm 5 - 7%.", [(">=", 5, 7, "%")]),
    ("- Phấn đấu có 16 sản phẩm OCOP được chuẩn hóa đạt từ 3 sao trở lên.", [("=", 16, None, "sản phẩm")]),
    ("- Lượng khách du lịch đến năm 2025 ước đạt 200 nghìn người.", [("=", 200, None, "nghìn người")]),
    ("- Sản lượng lúa:2.961 tấn; Sản lượng bắp: 14 tấn.", [("=", 2961, None, "tấn"), ("=", 14, None, "tấn")]),
    ("- Tổng vốn đầu tư toàn xã hội 5 năm đạt: 187,2 tỷ.đ.", [("=", 187.2, None, "tỷ.đ")]),
    ("- Tổng thu ngân sách trên địa bàn đạt 100% chỉ tiêu trở lên.", [(">=", 100, None, "%")]),
    ("- Đến năm 2020 tỷ lệ hộ nghèo đa chiều còn 32,28% (năm 2017 là 47,24).", [("=", 32.28, None, "%")]),
]

NOT_TARGETS = [
    "Căn cứ Kế hoạch số 469-KH/TU ngày 16/5/2025 của Ban Thường vụ Tỉnh ủy về 57-NQ/TW;",
    "- Triển khai Đề án 06 trên địa bàn 28 khu phố theo mô hình 2 cấp.",
    "- Phát triển kinh tế số toàn diện với 4 trụ cột gồm: công nghiệp công nghệ số.",
    "- Áp dụng Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015.",
    "- Năm 2021, chỉ số DTI đã tăng 14 bậc so với năm 2020.",
    "- Tỷ lệ thu gom rác thải sinh hoạt đô thị năm 2023 ước đạt 88%.",
    "- Tỷ lệ cơ sở gây ô nhiễm được xử lý qua các năm 2020, năm 2021, năm 2022 đều đạt 100%.",
    # the parts of the plan's cost are spending, like the cost itself
    ("UBND tỉnh phê duyệt đề án với tổng kinh phí thực hiện gần 670 tỷ đồng, từ các nguồn: chương trình 30a "
     "(gần 70 tỷ đồng); ngân sách tỉnh (gần 193 tỷ đồng)."),
    "- Vận động người dân từ 15 tuổi trở lên cài đặt VNeID mức độ 2.",
    "- Chính sách đối với cơ sở giáo dục mầm non nhận trẻ em từ 06 tháng đến 36 tháng tuổi.",
    "- Xử lý các điểm nước tù đọng trong 24-48 giờ sau khi nước rút.",
    "II. NỘI DUNG\nHỗ trợ các chủ thể hoàn thiện hồ sơ sản phẩm OCOP đạt 3 sao.",
    "- Phủ sóng 4G/5G và tổ chức Chợ 4.0 tại phường.",
    "- Báo cáo UBND xã trước ngày 20 hằng tháng.",
    # a result already reached, a restatement in another currency, the plan's own cost
    "- Hiện nay, toàn tỉnh có trên 3.000 doanh nghiệp hoạt động trong lĩnh vực số.",
    "- Năm 2024, tỉnh đã đạt 95% hồ sơ được giải quyết trực tuyến.",
    "- Dự kiến tổng kinh phí thực hiện kế hoạch là 8.546 tỷ đồng.",
    ("Năm 2024 UBND huyện đã thực hiện quyết liệt các giải pháp. Nhờ đó đã đạt được những kết quả tích cực. "
     "Tốc độ tăng trưởng GRDP toàn huyện đạt 11,26%. Tỷ lệ hộ nghèo giảm còn 1,08%."),
    "- Tính đến cuối tháng 2/2021, toàn tỉnh có 49 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 26,1%.",
    # a count describing the place, in a list with no goal lead-in
    "- Địa bàn: diện tích tự nhiên 2.540 ha; dân số 12.000 người.",
]


@pytest.mark.parametrize(("text", "expected"), SEED_CASES, ids=[c[0][:40] for c in SEED_CASES])
def test_targets_are_read_with_comparator_value_and_unit(text: str, expected: list[tuple]) -> None:
    assert targets("I. MỤC TIÊU\n" + text) == expected


@pytest.mark.parametrize("text", NOT_TARGETS, ids=[t[:40] for t in NOT_TARGETS])
def test_numbers_that_are_not_targets(text: str) -> None:
    assert targets("II. NHIỆM VỤ\n" + text) == []


def test_legal_bases_and_budget_amounts_give_no_targets() -> None:
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2026\nCăn cứ Nghị quyết số 57-NQ/TW đạt 100% ngày 22/12/2024;\n"
            "I. MỤC TIÊU\n- Chi ngân sách (năm 2020): 8tỷđ.\n- Thu ngân sách (năm 2020): 8tỷđ.")
    assert targets(text) == [("=", 8, None, "tỷđ")]


def test_target_year_comes_from_the_target_then_heading_then_plan() -> None:
    text = "\n".join([
        "KẾ HOẠCH", "Chuyển đổi số năm 2026", "Căn cứ Luật;", "I. MỤC TIÊU", "1. Đến hết năm 2025",
        "- 50% dân số có chữ ký số.", "- Đến năm 2030, 100% dân số có chữ ký số.", "2. Chung",
        "- 90% hồ sơ được số hóa.",
    ])
    assert [i.target_year for i in extract_text(text).indicators] == [2025, 2030, 2026]


def test_a_year_series_in_one_sentence_gives_each_value_its_own_year() -> None:
    doc = extract_text("- Đến năm 2025, kinh tế số đạt 20% GRDP và đến năm 2030, kinh tế số đạt 30% GRDP.\n"
                       "- Tỷ lệ hộ dân dùng nước sạch đạt 90% vào năm 2025 và 95% vào năm 2030.\n")
    assert [(i.target.value, i.target_year) for i in doc.indicators] == [(20, 2025), (30, 2030), (90, 2025), (95, 2030)]
    assert doc.indicators[3].name == doc.indicators[2].name  # the elliptical second value takes its name


def test_introduction_sets_the_year_of_the_list_below_it() -> None:
    text = "I. MỤC TIÊU\nUBND phường phấn đấu đạt các mốc sau trong năm 2026:\n- 100% hồ sơ được số hóa."
    assert extract_text(text).indicators[0].target_year == 2026


def test_qualitative_targets_are_flagged() -> None:
    text = "II. MỤC TIÊU CHUNG\nVề Cải cách hành chính: Chỉ số chất lượng phục vụ hàng năm đạt loại tốt."
    (ind,) = extract_text(text).indicators
    assert ind.qualitative
    assert ind.target.comparator is None
    assert ind.target.value is None


def test_an_item_of_specific_goals_opening_with_a_verb_of_completion_is_an_end_state() -> None:
    goals = ("2. Mục tiêu cụ thể đến năm 2030\n- Hoàn thành đánh giá hiện trạng hạ tầng giao thông.\n"
             "- Xây dựng hành chính điện tử hiện đại.\n- Hoàn thiện cơ sở dữ liệu tập trung về hạ tầng.\n")
    found = [(i.qualitative, i.target_year) for i in extract_text(goals).indicators]
    assert found == [(True, 2030), (True, 2030)]  # "Xây dựng …" opens aims as often as end states
    tasks = "III. NHIỆM VỤ, GIẢI PHÁP\n- Hoàn thành đánh giá hiện trạng hạ tầng giao thông.\n"
    assert extract_text(tasks).indicators == []


def test_items_of_one_list_alike_but_each_naming_its_own_thing_are_distinct_targets() -> None:
    text = ("I. MỤC TIÊU\n(6) Tỷ lệ cơ sở du lịch sử dụng nền tảng số phục vụ quản trị, kinh doanh du lịch đạt "
            "tối thiểu 70%;\n\n(7) Tỷ lệ cảng biển sử dụng nền tảng số phục vụ quản trị, khai thác cảng đạt tối "
            "thiểu 70%;\n\n(8) Tỷ lệ cửa khẩu sử dụng nền tảng số phục vụ quản trị, khai thác cửa khẩu đạt tối "
            "thiểu 70%;")
    assert len(extract_text(text).indicators) == 3


def test_a_year_phrase_after_the_goal_word_leaves_the_name_before_it() -> None:
    text = "I. MỤC TIÊU\n+ Tổng sản phẩm Xoài tham gia\nxuất khẩu phấn đấu đến năm 2030 đạt 18.000 tấn;"
    (ind,) = extract_text(text).indicators
    assert (ind.name, ind.target.value, ind.target_year) == ("Tổng sản phẩm Xoài tham gia xuất khẩu", 18000, 2030)


def test_lead_unit_from_the_responsibilities_section() -> None:
    text = "V. TỔ CHỨC THỰC HIỆN\n6. Công an xã\nChủ trì đảm bảo tỷ lệ người dân có tài khoản VNeID đạt từ 80% trở lên."
    (ind,) = extract_text(text).indicators
    assert ind.lead_units == ["Công an xã"]
    assert ind.name == "tỷ lệ người dân có tài khoản VNeID"


def test_a_whole_list_run_together_on_one_line() -> None:
    text = ("Cụ thể trong năm 2020: huyện phấn đấu 100% cán bộ sử dụng phần mềm; trên 60% cuộc họp bằng hình "
            "thức trực tuyến; 100% cơ quan sử dụng chữ ký số.")
    got = extract_text(text).indicators
    assert [(i.target.value, i.target_year) for i in got] == [(100, 2020), (60, 2020), (100, 2020)]


def test_numbered_targets_of_a_congress_resolution_are_items_not_sections() -> None:
    text = "\n".join([
        "NGHỊ QUYẾT", "Đại hội đại biểu Đảng bộ xã lần thứ XV, nhiệm kỳ 2025 - 2030",
        "II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030", "A. Về kinh tế",
        "1. Tốc độ tăng trưởng giá trị sản xuất bình quân đạt 7,5 - 8,0%/năm.",
        "2. Thu nhập bình quân đầu người đạt 120 triệu đồng/người/năm.",
        "3. Tổng thu ngân sách trên địa bàn tăng bình quân 10%/năm", "B. Về văn hóa - xã hội",
        "4. Tỷ lệ hộ nghèo giảm còn dưới 1%.", "5. Giữ vững xã đạt chuẩn nông thôn mới nâng cao.",
    ])
    doc = extract_text(text)
    assert [s.label for s in doc.sections[0].children] == ["A", "B"]
    assert [s.children for s in doc.sections[0].children] == [[], []]
    got = [(i.target.comparator.value if i.target.comparator else None, i.target.value, i.target.value_max,
            i.target.unit, i.target_year, i.section_path) for i in doc.indicators]
    assert got == [
        (">=", 7.5, 8.0, "%", 2030, ["II", "A"]),
        ("=", 120, None, "triệu đồng/người/năm", 2030, ["II", "A"]),
        ("=", 10, None, "%", 2030, ["II", "A"]),
        ("<", 1, None, "%", 2030, ["II", "B"]),
        (None, None, None, None, 2030, ["II", "B"]),
    ]


def test_responsibilities_one_per_body_with_its_duties() -> None:
    text = "\n".join([
        "V. TỔ CHỨC THỰC HIỆN", "1. Trách nhiệm chung của các cơ quan, ban, ngành", "- Chủ động triển khai.",
        "2. Công an xã", "Chủ trì đảm bảo tỷ lệ người dân có tài khoản VNeID đạt từ 80% trở lên.",
        "3. Tổ Công nghệ số cộng đồng và Các trường học", "- Tổ Công nghệ số cộng đồng các ấp: Hướng dẫn người dân.",
        "- Các trường học trên địa bàn: Dạy kỹ năng số.", "Trên đây là Kế hoạch của UBND xã./.",
    ])
    got = [(r.unit, r.duties, r.section_path) for r in extract_text(text).responsibilities]
    assert got == [
        ("các cơ quan, ban, ngành", ["Chủ động triển khai."], ["V", "1"]),
        ("Công an xã", ["Chủ trì đảm bảo tỷ lệ người dân có tài khoản VNeID đạt từ 80% trở lên."], ["V", "2"]),
        ("Tổ Công nghệ số cộng đồng các ấp", ["Hướng dẫn người dân."], ["V", "3"]),
        ("Các trường học trên địa bàn", ["Dạy kỹ năng số."], ["V", "3"]),
    ]


def test_a_target_restated_by_a_page_title_is_one_indicator_from_its_fuller_statement() -> None:
    text = ("Năm 2019: Phấn đấu đạt 80% trở lên mức độ hài lòng của người dân về giải quyết thủ tục hành chính\n"
            "Thứ năm, 25/07/2019, 04:10 SA\n\n"
            "UBND TP giao các sở với mục tiêu năm 2019, đạt 80% trở lên mức độ hài lòng của người dân về giải "
            "quyết thủ tục hành chính đối với từng lĩnh vực; từ 40% trở lên tỷ lệ người dân tham gia đánh giá.")
    got = [(i.target.value, i.source.line_start, i.name) for i in extract_text(text).indicators]
    assert got == [
        (80, 4, "mức độ hài lòng của người dân về giải quyết thủ tục hành chính đối với từng lĩnh vực"),
        (40, 4, "tỷ lệ người dân tham gia đánh giá"),
    ]


def test_award_and_evaluation_rules_are_conditions_not_targets() -> None:
    """Numbers under "Khen thưởng" or "Tiêu chí đánh giá, xếp loại" are conditions of an emulation; a
    section of its contents under a heading that names both still states targets (issue 11, item 3)."""
    text = (
        "III. NỘI DUNG THI ĐUA, TIÊU CHÍ ĐÁNH GIÁ, XẾP LOẠI\n"
        "1. Nội dung thi đua\n"
        "- 100% người hưởng trợ cấp xã hội được chi trả qua tài khoản.\n"
        "2. Tiêu chí đánh giá, xếp loại\n"
        "- Đơn vị đạt từ 90 điểm trở lên được xếp loại xuất sắc.\n"
        "IV. KHEN THƯỞNG\n"
        "1. Cấp thành phố\n"
        "- Tặng Bằng khen cho 10 tập thể và 5 cá nhân có thành tích xuất sắc.\n"
    )
    assert targets(text) == [("=", 100, None, "%")]


def test_an_end_state_repeated_by_a_caption_is_one_target() -> None:
    text = ("I. MỤC TIÊU\n- Xã Thái Bình đạt chuẩn xã nông thôn mới kiểu mẫu trong năm 2021.\n"
            "(Ảnh) Xã Thái Bình đạt chuẩn xã nông thôn mới kiểu mẫu trong năm 2021.\n")
    doc = extract_text(text)
    assert [i.qualitative for i in doc.indicators] == [True]


@pytest.mark.parametrize(("text", "names"), [
    ("- Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP;", ["Tỷ trọng kinh tế số"]),
    ("- Giá trị thương mại dịch vụ đạt 298 tỉ đồng, chiếm 48%;",
     ["Giá trị thương mại dịch vụ", "tỷ trọng giá trị thương mại dịch vụ"]),
    ("- Tốc độ tăng trưởng kinh tế bình quân 5 năm phấn đấu tăng 9,5%/năm;",
     ["Tốc độ tăng trưởng kinh tế bình quân 5 năm tăng"]),
    ("- Đến năm 2030 đạt 100% “xã, phường không ma túy”.", ["“xã, phường không ma túy”"]),
])
def test_a_name_says_what_is_measured_never_a_verb_or_the_whole_a_share_is_of(text: str, names: list[str]) -> None:
    assert [i.name for i in extract_text("I. MỤC TIÊU\n" + text).indicators] == names


def test_an_amount_after_a_count_is_a_target_of_its_own_and_a_unit_ends_a_sentence() -> None:
    text = ("I. MỤC TIÊU\n- Thu hút khoảng 20 dự án lớn với tổng vốn đăng ký 10.000 tỷ đồng; trong đó, 5-10 dự án "
            "FDI với vốn đăng ký 200 triệu USD. Khởi công tối thiểu 12 dự án trong năm 2021.")
    found = [(i.name, i.target.value, i.target.unit) for i in extract_text(text).indicators]
    assert found[:5] == [("dự án lớn", 20, "dự án"), ("tổng vốn đăng ký", 10000, "tỷ đồng"),
                         ("dự án FDI", 5, "dự án"), ("vốn đăng ký", 200, "triệu USD"), ("Khởi công", 12, "dự án")]


@pytest.mark.parametrize(("text", "unit"), [
    ("- Có 12 huyện, thành phố có Trung tâm điều hành thông minh.", "huyện, thành phố"),
    ("- 04/09 thôn, làng đạt chuẩn nông thôn mới.", "thôn, làng"),
    ("- Lựa chọn ít nhất 01 doanh nghiệp, hợp tác xã đóng vai trò đơn vị thu gom.", "doanh nghiệp, hợp tác xã"),
    ("- Có 15 cơ sở giáo dục, đào tạo của tỉnh có hoạt động đào tạo.", "cơ sở giáo dục, đào tạo"),
    ("- Có 5 xã, 3 phường đạt chuẩn.", "xã"),  # a second count is no part of the first one's unit
])
def test_nouns_counted_together_make_one_unit(text: str, unit: str) -> None:
    assert extract_text("I. MỤC TIÊU\n" + text).indicators[0].target.unit == unit


def test_the_nouns_a_percentage_counts_are_no_qualitative_target_of_their_own() -> None:
    text = ("I. MỤC TIÊU\nPhấn đấu duy trì 100% xã, phường, thị trấn đạt chuẩn phổ cập giáo dục mầm non cho trẻ em "
            "5 tuổi; tỉ lệ trẻ 11-14 tuổi hoàn thành chương trình tiểu học đạt 95%.")
    found = [(i.target.value, i.qualitative) for i in extract_text(text).indicators]
    assert found == [(100, False), (95, False)]


def test_a_state_to_keep_stated_in_the_aims_is_a_target_and_a_completion_there_is_an_aim() -> None:
    text = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Hoàn thành các nhiệm vụ trọng tâm được giao trong Chỉ thị.\n"
            "- Chủ động xử lý môi trường, không để bùng phát dịch sau lụt bão.\n")
    (ind,) = extract_text(text).indicators
    assert ind.qualitative
    assert ind.source.quote.startswith("không để bùng phát dịch")


def test_revenue_up_to_the_estimate_is_an_end_state_and_levels_apart_are_two_targets() -> None:
    text = ("I. MỤC TIÊU\n- Tổng thu ngân sách đạt dự toán được giao.\n"
            "- Duy trì 100% xã, phường đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.\n"
            "- Duy trì 100% xã, phường đạt chuẩn phổ cập giáo dục trung học cơ sở mức độ 2.\n")
    found = [(i.qualitative, i.target.value) for i in extract_text(text).indicators]
    assert found == [(True, None), (False, 100), (False, 100)]


def test_an_item_of_a_list_of_targets_states_its_value_without_a_target_word() -> None:
    text = ("I. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2022\n\n2. Chỉ tiêu về xã hội:\n\n- Dân số trung bình 7.129 người\n\n"
            "- Mức hưởng thụ văn hoá 45 lần/người/năm.\n\nII. THÔNG SỐ (CHỈ TIÊU), TẦN SUẤT QUAN TRẮC\n\n"
            "- Mẫu trầm tích 18 đợt/năm.\n")
    found = [(i.target.value, i.target.unit) for i in extract_text(text).indicators]
    assert found == [(7129, "người"), (45, "lần/người/năm")]


def test_a_part_of_a_breakdown_named_by_a_body_is_that_body_s_share() -> None:
    text = ("I. MỤC TIÊU\n+ Lắp đặt mới trạm 3G/4G: 58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm).\n")
    found = [(i.target.value, i.lead_units) for i in extract_text(text).indicators]
    assert found == [(58, []), (25, ["VNPT"]), (33, ["Viettel"])]


def test_the_amounts_of_the_plan_s_own_cost_section_are_spending() -> None:
    text = ("I. MỤC TIÊU\n- Quan trắc tối thiểu 15 vị trí.\n\nIII. DỰ TOÁN KINH PHÍ THỰC HIỆN\n\n1. Kinh phí hằng năm:\n\n"
            "- Thu và phân tích mẫu: 1.364.329.243 đồng/năm.\n- Thuê dịch vụ tin nhắn: 50.000.000 đồng/năm.\n")
    assert [i.target.value for i in extract_text(text).indicators] == [15]


def test_the_parts_of_a_report_are_reported_too() -> None:
    """"Hiện nay … là 87 trạm. Trong đó, có 28 trạm 5G (Chiếm 32,2 %)." describes what exists: no target."""
    doc = extract_text("I. MỤC TIÊU\n- Hiện nay, tổng số trạm BTS trong các KCN đã đi vào hoạt động là 87 trạm. "
                       "Trong đó, có 28 trạm 5G trên nền hạ tầng 3G/4G (Chiếm 32,2 %).\n"
                       "- Đến năm 2030, 100% KCN được phủ sóng 5G. Trong đó, ít nhất 50% KCN có mạng IoT.\n")
    assert [i.target.value for i in doc.indicators] == [100, 50]


def test_a_name_never_says_nothing() -> None:
    """A value whose own words name nothing takes what is measured from the target before it or the next
    one of its sentence; a value at a line end after a colon counts what the next line names."""
    doc = extract_text("I. MỤC TIÊU\n- Số hóa kết quả giải quyết TTHC cấp xã đạt tối thiểu 30%. Mỗi năm tiếp theo "
                       "tăng tối thiểu 20% cho đến khi đạt tỷ lệ 100%.\n"
                       "- Năm 2022 là 22 xã và số xã chuyển đổi số năm 2023 là 9 xã.\n"
                       "đ) Đến hết năm 2045: 100%\nDNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số.\n")
    names = {(i.target.value, i.name) for i in doc.indicators}
    assert all(len(name.split()) >= 2 for _, name in names), names
    assert (100, "DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số") in names


def test_a_range_broken_at_its_dash_is_one_range_and_rates_without_a_subject_are_not_merged() -> None:
    doc = extract_text("I. MỤC TIÊU\n+ Giá trị xuất khẩu trái cây đạt 48,3 triệu USD, tốc độ tăng bình quân 5 - 6%/năm.\n"
                       "+ Giá trị xuất khẩu nhãn đạt 30,2 triệu USD, tốc độ tăng bình quân 05\n- 06%/năm.\n")
    assert [(i.target.value, i.target.value_max) for i in doc.indicators] == [(48.3, None), (5, 6), (30.2, None), (5, 6)]


def test_a_news_page_s_past_years_and_plan_shares_are_results() -> None:
    """"Trong 5 năm qua …" opens a report; "đạt 315 % so kế hoạch" is how much of a plan was done;
    "Đây là 1 trong 10 chỉ tiêu" places a target in a set."""
    page = ("Xã Nam Hải phấn đấu đến năm 2025, tổng giá trị sản xuất đạt 800 tỷ đồng\n\n16/05/2020 | 1550 lượt xem\n\n"
            "Đây là 1 trong 10 chỉ tiêu được thống nhất tại Đại hội.\n\n"
            "Trong 5 năm qua, Đảng bộ và nhân dân đã tận dụng có hiệu quả các lợi thế. Tổng giá trị sản xuất "
            "bình quân 5 năm đạt trên 423 tỷ đồng; tốc độ tăng trưởng kinh tế đạt 12,5%/năm.\n\n"
            "Năm 2023, các xã thực hiện đạt 315 % so kế hoạch năm 2023.\n\n"
            "Đại hội đã thống nhất 10 chỉ tiêu phấn đấu, trong đó giá trị sản xuất đến năm 2025 đạt 800 tỷ đồng.\n")
    doc = extract_text(page)
    assert [(i.target.value, i.source.line_start) for i in doc.indicators] == [(800, 11)]  # the body's statement


@pytest.mark.parametrize(("text", "expected"), [
    ("- Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ vào năm 2025.",
     [("Tỷ suất sinh ở trẻ vị thành niên", "=", 18, 2025)]),
    ("- Tỷ lệ hồ sơ trực tuyến tăng từ 60% lên 80% vào năm 2025.", [("Tỷ lệ hồ sơ trực tuyến", "=", 80, 2025)]),
    ("- Tỷ lệ cán bộ nữ trong diện quy hoạch ít nhất vào năm 2025 đạt 40%.",
     [("Tỷ lệ cán bộ nữ trong diện quy hoạch", ">=", 40, 2025)]),
    ("- Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều đến năm 2030 dưới: 01%.",
     [("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "<", 1, 2030)]),
    ("- Vận động người dân từ 15 tuổi trở lên mở tài khoản (phấn đấu đạt ≥ 95%).",
     [("Vận động người dân từ 15 tuổi trở lên mở tài khoản", ">=", 95, None)]),
])
def test_where_a_change_starts_is_no_target_and_comparators_reach_over_a_year_or_a_colon(
        text: str, expected: list[tuple[str, str, float, int | None]]) -> None:
    doc = extract_text("I. MỤC TIÊU\n" + text + "\n")
    assert [(i.name, i.target.comparator.value if i.target.comparator else None, i.target.value, i.target_year)
            for i in doc.indicators] == expected


def test_the_number_of_what_a_plan_does_is_a_target() -> None:
    """"số lượng mẫu quan trắc 240 mẫu/năm" states a planned count, even outside the aims (a monitoring plan)."""
    doc = extract_text("II. NỘI DUNG\n+ Các thông số: Độ mặn, pH quan trắc với tần suất 2 lần/tháng; "
                       "số lượng mẫu quan trắc 240 mẫu/năm.\n- Năm 2025 đã thực hiện số lượng mẫu quan trắc 200 mẫu.\n")
    assert [(i.target.value, i.target.unit) for i in doc.indicators] == [(240, "mẫu/năm")]


def test_the_members_a_count_lists_are_no_part_of_its_name() -> None:
    doc = extract_text("I. MỤC TIÊU\n- Theo Kế hoạch sẽ có thêm 12 xã đạt chuẩn xã nông thôn mới trong năm 2024, gồm: "
                       "Đà Vị (Na Hang); Trung Hà (Chiêm Hóa).\n")
    assert len(doc.indicators) == 1
    assert "nông thôn mới" in doc.indicators[0].name
    assert "gồm" not in doc.indicators[0].name
    assert "Đà Vị" not in doc.indicators[0].name


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ nghèo đa chiều giảm 57,3% đạt 315 % so kế hoạch năm 2023.",
    "Năm 2020 tỷ lệ người dân tham gia BHYT đạt 85% dân số, vượt chỉ tiêu kế hoạch tỉnh giao.",
])
def test_a_value_reported_against_its_plan_is_a_result(sentence: str) -> None:
    assert extract_text("I. MỤC TIÊU\n- " + sentence + "\n").indicators == []


def test_the_bodies_a_plan_requires_to_carry_it_out_lead_the_targets_after() -> None:
    doc = extract_text("I. MỤC TIÊU\nKế hoạch yêu cầu các cơ quan, đơn vị; các xã, thị trấn triển khai thực hiện có hiệu quả "
                       "5 nội dung. Trong đó phấn đấu có từ 90% trở lên số hộ gia đình được công nhận danh hiệu "
                       "“Gia đình văn hoá”.\n")
    assert [(i.target.value, i.lead_units) for i in doc.indicators] == [(90, ["các cơ quan, đơn vị", "các xã, thị trấn"])]


def test_no_commune_left_below_a_threshold_is_an_end_state() -> None:
    """"không còn xã dưới 10 tiêu chí": 10 is the threshold of an end state to reach, not a value."""
    doc = extract_text("I. MỤC TIÊU\n- Đến năm 2025, không còn xã dưới 10 tiêu chí.\n")
    assert [(i.qualitative, i.target.value, i.target_year) for i in doc.indicators] == [(True, None, 2025)]


def test_an_end_state_opening_a_sentence_is_one_too() -> None:
    doc = extract_text("I. MỤC TIÊU\n- Chuyển hóa ít nhất 60% địa bàn trọng điểm. Không để xảy ra tình trạng tội phạm hoạt "
                       "động phức tạp, lộng hành, không để phát sinh “điểm nóng” về trật tự xã hội.\n")
    assert [i.name for i in doc.indicators if i.qualitative] == [
        "Không để xảy ra tình trạng tội phạm hoạt động phức tạp", "không để phát sinh “điểm nóng” về trật tự xã hội"]


def test_reaching_new_rural_status_without_the_word_chuan_is_an_end_state() -> None:
    doc = extract_text("I. MỤC TIÊU\n(4) Đến năm 2025 xây dựng xã cơ bản đạt nông thôn mới nâng cao.\n")
    assert [(i.qualitative, i.target_year) for i in doc.indicators] == [(True, 2025)]


def test_a_count_as_of_a_date_describes_what_is() -> None:
    doc = extract_text("I. MỤC TIÊU\n- Xã có diện tích tự nhiên 30,07 km2, dân số là 42.875 người (tính đến 31/12/2024).\n")
    assert doc.indicators == []
