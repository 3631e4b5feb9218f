"""The section tree: every heading style of the seeds, nesting, and what is not a section."""

from __future__ import annotations

import pytest

from vn_plan_extract import extract_text


def tree(text: str) -> list[tuple[int, str, str, str]]:
    out = []

    def walk(sections) -> None:  # type: ignore[no-untyped-def]
        for s in sections:
            out.append((s.level, s.kind.value, s.label, s.title))
            walk(s.children)

    walk(extract_text(text).sections)
    return out


@pytest.mark.parametrize(
    ("line", "kind", "label", "title"),
    [
        ("PHẦN I. CÁC CHỈ TIÊU", "part", "I", "CÁC CHỈ TIÊU"),
        ("I. MỤC TIÊU CỤ THỂ", "roman", "I", "MỤC TIÊU CỤ THỂ"),
        ("III- QUAN ĐIỂM CHỈ ĐẠO", "roman", "III", "QUAN ĐIỂM CHỈ ĐẠO"),
        ("IV- MỤC TIÊU", "roman", "IV", "MỤC TIÊU"),
        ("A. MỤC ĐÍCH", "upper_letter", "A", "MỤC ĐÍCH"),
        ("B - YÊU CẦU", "upper_letter", "B", "YÊU CẦU"),
        ("1. Chính quyền số", "arabic", "1", "Chính quyền số"),
        ("1)- Mục tiêu chung", "arabic", "1", "Mục tiêu chung"),
        ("2.1)- Đến hết năm 2025", "decimal", "2.1", "Đến hết năm 2025"),
        ("a)-Phát triển hạ tầng", "lower_letter", "a", "Phát triển hạ tầng"),
        ("đ) Phát triển nguồn lực", "lower_letter", "đ", "Phát triển nguồn lực"),
        ("#### **1. Tăng cường công tác lãnh đạo**", "arabic", "1", "Tăng cường công tác lãnh đạo"),
        ("Phụ lục II", "appendix", "II", "Phụ lục II"),
    ],
)
def test_heading_styles(line: str, kind: str, label: str, title: str) -> None:
    (first, *_) = tree(line + "\n- Nội dung của mục.")
    assert first[1:] == (kind, label, title)


def test_nesting_follows_the_documents_own_ladder() -> None:
    text = "\n".join([
        "IV- MỤC TIÊU", "1)- Mục tiêu chung", "- Nâng cao năng lực.", "2)- Mục tiêu cụ thể",
        "2.1)- Đến hết năm 2025", "a)-Phát triển hạ tầng", "- Tỷ lệ phủ sóng 5G ≥ 60%.",
        "b) Phát triển nguồn lực", "- Có ≥ 80% cán bộ được bồi dưỡng.", "2.2)- Đến hết năm 2030",
        "a) Phát triển hạ tầng", "- Tỷ lệ phủ sóng 5G ≥ 100%.", "V- NHIỆM VỤ", "1)- Nâng cao nhận thức",
        "- Tuyên truyền.",
    ])
    assert [(lvl, label) for lvl, _, label, _ in tree(text)] == [
        (1, "IV"), (2, "1"), (2, "2"), (3, "2.1"), (4, "a"), (4, "b"), (3, "2.2"), (4, "a"), (1, "V"), (2, "1"),
    ]


def test_numbered_paragraphs_that_run_on_are_list_items_not_sections() -> None:
    text = "\n".join([
        "B - YÊU CẦU",
        "1)- Bám sát, đồng bộ và thể hiện đầy đủ các quan điểm, mục tiêu, nhiệm vụ, giải pháp của Nghị quyết.",
        "2)- Quán triệt sâu, kế thừa và phát huy các kết quả, kinh nghiệm thực hiện thời gian qua của phường.",
        "III- QUAN ĐIỂM CHỈ ĐẠO",
    ])
    assert [label for _, _, label, _ in tree(text)] == ["B", "III"]


def test_a_numbered_line_with_content_beneath_is_a_section_however_long() -> None:
    text = ("V- NHIỆM VỤ\n1)- Nâng cao nhận thức, đột phá về đổi mới tư duy, xác định quyết tâm chính trị mạnh mẽ, "
            "quyết liệt lãnh đạo, chỉ đạo về phát triển khoa học, công nghệ\n- Các cấp ủy quán triệt.")
    assert [label for _, _, label, _ in tree(text)] == ["V", "1"]


def test_table_rows_are_not_sections() -> None:
    text = "\n".join([
        "II. MỤC TIÊU", "STT Nội dung chỉ tiêu Đơn vị tính Chỉ tiêu", "I Về phát triển hạ tầng",
        "1 Tỉ lệ phủ sóng 5G trên địa bàn xã % ≥ 60% Phòng Văn hóa - Xã hội",
        "2", "Tỉ lệ người sử dụng có khả năng truy cập băng rộng % ≥ 70%",
        "III. NHIỆM VỤ TRỌNG TÂM", "1. Về cơ chế", "- Tuyên truyền.",
    ])
    assert [label for _, _, label, _ in tree(text)] == ["II", "III", "1"]


def test_bullets_are_never_sections() -> None:
    assert tree("I. MỤC TIÊU\n- Một\n+ Hai\n* Ba\n• Bốn") == [(1, "roman", "I", "MỤC TIÊU")]


def test_appendix_takes_its_title_from_the_next_line() -> None:
    text = "I. MỤC TIÊU\n- Nội dung.\nPhụ lục I\nDANH MỤC CÁC CHỈ TIÊU\n(Kèm theo Kế hoạch số 09/KH-UBND)\nI CÁC CHỈ TIÊU CỤ THỂ"
    assert tree(text) == [(1, "roman", "I", "MỤC TIÊU"), (1, "appendix", "I", "DANH MỤC CÁC CHỈ TIÊU"),
                          (2, "roman", "I", "CÁC CHỈ TIÊU CỤ THỂ")]


def test_headings_wrapped_by_a_web_page_keep_their_whole_title() -> None:
    """A numbered heading broken over lines by a page's width: an upper-case title, a bold run closed on
    the next line, a label alone on its line, a one-word title."""
    from vn_plan_extract import extract_text

    text = ("**I. MỤC\nĐÍCH, YÊU CẦU**\n\n**1.\nMục đích**\n\n- Nâng cao nhận thức.\n\n"
            "**2. Chuyển đổi\nAI**\n\n- Ứng dụng trí tuệ nhân tạo.\n\n**3. Ban\nQuản lý các khu công nghiệp**\n\n"
            "- Chủ trì triển khai.\n")
    doc = extract_text(text, fmt="md")
    titles = [(s.label, s.title) for s in doc.sections[0].children]
    assert doc.sections[0].title == "MỤC ĐÍCH, YÊU CẦU"
    assert titles == [("1", "Mục đích"), ("2", "Chuyển đổi AI"), ("3", "Ban Quản lý các khu công nghiệp")]


def test_the_last_item_of_a_list_run_on_after_a_colon_with_nothing_beneath_is_no_section() -> None:
    from vn_plan_extract import extract_text

    text = ("II. NHIỆM VỤ\n\n1. Xây dựng cơ sở dữ liệu\n\na) Nhiệm vụ:\n\n- Tham mưu UBND thành phố.\n\n"
            "b) Thời gian thực hiện: Hoàn thành trong năm 2025.\n\n2. Kết nối dữ liệu\n\n- Kết nối với Trung ương.\n")
    first = extract_text(text).sections[0].children[0]
    assert [c.label for c in first.children] == ["a"]
    assert [c.label for c in extract_text(text).sections[0].children] == ["1", "2"]


def test_an_appendix_title_wrapped_over_lines_leaves_out_what_it_is_attached_to() -> None:
    from vn_plan_extract import extract_text

    text = ("KẾ HOẠCH\nQuan trắc môi trường năm 2026\nI. MỤC TIÊU\n- Quan trắc 15 vị trí.\n\n**PHỤ LỤC I**\n\n"
            "ĐỐI TƯỢNG, ĐỊA ĐIỂM QUAN TRẮC MÔI TRƯỜNG NUÔI TRỒNG THỦY\nSẢN TẠI CÁC XÃ, PHƯỜNG NĂM 2026\n\n"
            "*(kèm theo Kế hoạch 235/KH-UBND ngày 18/11/2025 của UBND tỉnh)*\n\n1. Xã Hoa Lộc\n\n- Vùng nuôi tôm.\n")
    appendix = extract_text(text, fmt="md").sections[-1]
    assert (appendix.label, appendix.title) == (
        "I", "ĐỐI TƯỢNG, ĐỊA ĐIỂM QUAN TRẮC MÔI TRƯỜNG NUÔI TRỒNG THỦY SẢN TẠI CÁC XÃ, PHƯỜNG NĂM 2026")


def test_a_bracket_s_rest_opening_with_phu_luc_is_no_appendix() -> None:
    """"… (Chi tiết tại ⏎ Phụ lục kèm theo)." ends a sentence; it opens no appendix (a real PDF's line break)."""
    from vn_plan_extract import extract_text

    text = ("I. MỤC TIÊU\n1. Mục tiêu cụ thể\n- Hoàn thành 100% hồ sơ (Chi tiết tại\nPhụ lục kèm theo).\n"
            "2. Phạm vi thực hiện: toàn phường.\n")
    doc = extract_text(text)
    assert [(s.label, [c.label for c in s.children]) for s in doc.sections] == [("I", ["1", "2"])]


def test_a_heading_s_remark_sending_to_an_appendix_is_no_part_of_its_title() -> None:
    from vn_plan_extract import extract_text

    doc = extract_text("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết Phụ lục đính kèm)\n- Rà soát.\n"
                       "IV. TỔ CHỨC THỰC HIỆN\n2. Mục tiêu cụ thể (Có phụ lục kèm theo)\n- Báo cáo.\n")
    assert [s.title for s in doc.sections] == ["NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "TỔ CHỨC THỰC HIỆN"]
    assert doc.sections[1].children[0].title == "Mục tiêu cụ thể (Có phụ lục kèm theo)"
