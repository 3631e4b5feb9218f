"""The year a plan is for (issue 11, item 4): its title's year or period, not the year it was signed;
a web page's posting date is page chrome."""

from __future__ import annotations

from vn_plan_extract import extract_text

_HEADER = """ỦY BAN NHÂN DÂN
XÃ TÂN HƯNG
Số: 12/KH-UBND
Tân Hưng, ngày 26 tháng 12 năm 2025
KẾ HOẠCH
{title}
I. MỤC TIÊU
- 100% hồ sơ công việc được xử lý trên môi trường mạng.
"""


def _year_of_target(title: str) -> tuple[int | None, int | None]:
    doc = extract_text(_HEADER.format(title=title))
    return doc.metadata.year, doc.indicators[0].target_year


def test_a_plan_signed_in_december_is_for_the_year_its_title_names() -> None:
    assert _year_of_target("Chuyển đổi số trên địa bàn xã năm 2026") == (2026, 2026)


def test_a_period_plan_sets_its_targets_for_the_period_end() -> None:
    assert _year_of_target("Phát triển chính quyền số giai đoạn 2026-2030") == (2030, 2030)


def test_a_date_cited_in_the_title_is_not_the_plan_year() -> None:
    title = "Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị năm 2026"
    assert _year_of_target(title) == (2026, 2026)


def test_a_plan_whose_title_names_no_year_sets_none_for_its_targets() -> None:
    """Signed in December 2025, "Thực hiện Nghị quyết 57" is not a plan for 2025: a target with no year
    of its own has none (the metadata keep the year it was signed)."""
    title = "Thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị"
    assert _year_of_target(title) == (2025, None)


def test_a_web_page_posting_date_is_not_the_plan_date() -> None:
    page = ("Thứ Ba, ngày 27 tháng 9 năm 2022\nSố lượt đọc: 1520\n"
            "Kế hoạch chuyển đổi số năm 2021\n- Phấn đấu 80% hồ sơ được giải quyết trực tuyến.\n")
    doc = extract_text(page)
    assert doc.metadata.date is None
    assert doc.metadata.place is None


def test_a_yearly_increase_of_a_period_plan_is_for_the_period_end() -> None:
    """A plan for a period sets its yearly increases for the period's end; a plan with no period gives
    such a target no year (the devset's convention)."""
    period = extract_text("Kế hoạch Kinh tế - xã hội giai đoạn 2021-2025\n\n"
                          "- Tổng sản phẩm địa phương bình quân hàng năm tăng 7,0 - 7,5%.\n")
    assert [i.target_year for i in period.indicators] == [2025]
    none = extract_text("Kế hoạch chuyển đổi số\n\n- Mỗi năm tăng tối thiểu 20% số hồ sơ trực tuyến.\n")
    assert [i.target_year for i in none.indicators] == [None]


def test_the_year_after_a_change_is_its_base_and_the_next_targets() -> None:
    doc = extract_text(_HEADER.format(title="Cải cách hành chính năm 2022").replace(
        "- 100% hồ sơ công việc được xử lý trên môi trường mạng.",
        "+ Chỉ số PAR INDEX phấn đấu tăng 10 bậc so với năm 2021, góp phần đến năm 2025 nằm trong TOP 20 tỉnh."))
    assert [(i.target.value, i.target_year) for i in doc.indicators] == [(10, 2022), (20, 2025)]


def test_a_goal_lead_in_before_a_first_target_sets_the_year_of_the_items_after_it() -> None:
    page = ("Dự kiến các chỉ tiêu chủ yếu năm 2019\n\nĐăng ngày: 28/12/2018\n"
            "Tổng sản phẩm trên địa bàn - GRDP tăng 8-9% so với năm 2018.\n\n"
            "- Thu nhập bình quân đầu người khoảng 106 triệu đồng/người.\n")
    doc = extract_text(page)
    assert [(i.name, i.target_year) for i in doc.indicators] == [
        ("Tổng sản phẩm trên địa bàn - GRDP tăng", 2019), ("Thu nhập bình quân đầu người", 2019)]


def test_a_target_with_no_year_in_a_list_whose_others_name_one_year_is_for_that_year() -> None:
    page = ("A- PHƯƠNG HƯỚNG, MỤC TIÊU CHỦ YẾU\n\nI- PHƯƠNG HƯỚNG CHUNG\n\nĐẩy mạnh xây dựng nông thôn mới.\n\n"
            "II- CÁC CHỈ TIÊU CHỦ YẾU\n\n1. Giá trị sản xuất nông nghiệp đến năm 2020 đạt trên 272 triệu đồng.\n\n"
            "2. Sản lượng lương thực có hạt bình quân hàng năm đạt trên 3.098 tấn.\n\n"
            "3. Diện tích, các cây trồng chủ yếu năm 2020 (Lúa: diện tích đạt 207 ha).\n\n"
            "4. Tổng đàn trâu, bò đạt 500 con, lợn đạt 1.300 con.\n")
    assert [i.target_year for i in extract_text(page).indicators] == [2020] * 5
    mixed = page.replace("chủ yếu năm 2020", "chủ yếu năm 2019")
    assert [i.target_year for i in extract_text(mixed).indicators] == [2020, None, 2019, None, None]


def test_a_base_year_on_a_web_page_is_not_the_plan_year() -> None:
    page = ("Kế hoạch được triển khai nhằm nâng cao nhận thức của người tham gia giao thông; giảm tai nạn giao thông "
            "từ 5 - 10% số vụ, số người chết, bị thương so với năm 2019.")
    doc = extract_text(page)
    assert doc.metadata.year is None
    assert [i.target_year for i in doc.indicators] == [None]


def test_an_introduction_leads_into_the_year_it_names_last_and_not_its_vision() -> None:
    """"… kết quả thực hiện năm 2018 … đề ra chỉ tiêu cho năm 2019 như sau:" leads into 2019; "đến năm 2025,
    định hướng đến năm 2030 … như sau:" into 2025 (the vision's year is the horizon, not the targets')."""
    results = extract_text("Tin hoạt động\n\nCăn cứ kết quả thực hiện năm 2018, tỉnh đã đề ra chỉ tiêu cho năm 2019"
                           " với các nội dung cụ thể như sau:\n\n- Tổng vốn đầu tư phát triển chiếm khoảng 26-28% GRDP.\n")
    assert [(i.target.value, i.target_year) for i in results.indicators] == [(26, 2019)]
    vision = extract_text("Tin hoạt động\n\nThực hiện Nghị quyết về chuyển đổi số đến năm 2025, định hướng đến năm 2030;"
                          " UBND xã ban hành Kế hoạch với mục tiêu như sau:\n\n"
                          "- 100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình.\n")
    assert [(i.target.value, i.target_year) for i in vision.indicators] == [(100, 2025)]


def test_a_year_of_what_was_done_or_of_the_next_value_is_not_a_target_s() -> None:
    """"Các xã đã đạt chuẩn … giai đoạn 2016-2020 … rà soát 100% số xã đạt các tiêu chí giai đoạn 2021-2025":
    2020 is when they reached it; "chưa đạt chuẩn trong lộ trình năm 2022" names a past roadmap; in
    "… đạt 5.000 con, đến năm 2030 đạt 6.000 con" the year after the comma is the second value's."""
    done = extract_text("Kế hoạch xây dựng nông thôn mới năm 2025\n\nI. MỤC TIÊU\n- Các xã đã đạt chuẩn nông thôn mới "
                        "giai đoạn 2016-2020 tiếp tục duy trì, bảo đảm sau khi rà soát 100% số xã đạt các tiêu chí "
                        "giai đoạn 2021-2025.\n- Phấn đấu 6 xã chưa đạt chuẩn trong lộ trình năm 2022 đạt chuẩn.\n")
    assert [(i.target.value, i.target_year) for i in done.indicators if i.target.value is not None] == [
        (100, 2025), (6, 2025)]
    ahead = extract_text("Kế hoạch phát triển chăn nuôi giai đoạn 2015-2020\n\nI. MỤC TIÊU\n"
                         "- Tổng đàn lợn đạt 5.000 con, đến năm 2030 đạt 6.000 con.\n")
    assert [(i.target.value, i.target_year) for i in ahead.indicators] == [(5000, 2020), (6000, 2030)]


def test_a_vision_s_year_in_a_goal_sentence_is_its_own_target_s_only() -> None:
    doc = extract_text("Kế hoạch bảo vệ môi trường giai đoạn 2021 - 2025\n\nII. Chỉ tiêu\n3. Tỷ lệ thu gom rác thải đạt "
                       "trên 95%; Tỷ lệ rác thải được phân loại đạt trên 35%; định hướng đến năm 2030 đạt trên 45%.\n")
    assert [(i.target.value, i.target_year) for i in doc.indicators] == [(95, 2025), (35, 2025), (45, 2030)]


def test_a_plan_whose_title_names_no_year_takes_the_horizon_its_aims_heading_names() -> None:
    """Item 4: a plan with "Mục tiêu … đến năm 2030" sets its targets for 2030 unless they name their own."""
    doc = extract_text("KẾ HOẠCH\nChuyển đổi số ngành giao thông\n\nII. MỤC TIÊU\n2. Mục tiêu cụ thể đến năm 2030\n"
                       "- 100% hồ sơ được số hóa.\nIII. NHIỆM VỤ\n1. Bảo đảm 100% thủ tục hành chính xử lý trực tuyến.\n"
                       "2. Năm 2026 hoàn thành 50% cơ sở dữ liệu.\n")
    assert [(i.target.value, i.target_year) for i in doc.indicators] == [(100, 2030), (100, 2030), (50, 2026)]
