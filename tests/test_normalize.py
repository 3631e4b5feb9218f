"""Normalisation: broken lines re-joined, debris removed, and every character mapped back to the source."""

from __future__ import annotations

import pytest

from conftest import CORPUS_DOCS, DEVSET_DOCS
from vn_plan_extract.normalize import _ITEM_OPENER_RE, _ITEM_START_HINT_RE, normalise
from vn_plan_extract.readers.text import source_from_text


def blocks(text: str) -> list[str]:
    return [b.text for b in normalise(source_from_text(text)).blocks]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("- 100% hồ sơ được xử lý trên môi \n\ntrường mạng.", ["- 100% hồ sơ được xử lý trên môi trường mạng."],
                     id="mid-sentence-break-with-blank-line"),
        pytest.param("các tổ chức chính trị \n\n\n\n- xã hội, doanh nghiệp", ["các tổ chức chính trị - xã hội, doanh nghiệp"],
                     id="continuation-that-looks-like-a-bullet"),
        pytest.param("của Phòng Văn hoá\n- Xã hội; UBND phường", ["của Phòng Văn hoá - Xã hội; UBND phường"],
                     id="compound-broken-at-its-hyphen"),
        pytest.param("Quyết định số 204-\nQĐ/TW của Trung ương", ["Quyết định số 204-QĐ/TW của Trung ương"],
                     id="code-broken-at-its-hyphen"),
        pytest.param("1. Chính quyền số\n- 100% hồ sơ.", ["1. Chính quyền số", "- 100% hồ sơ."], id="heading-then-bullet"),
        pytest.param("KẾ HOẠCH\nTriển khai thực hiện", ["KẾ HOẠCH", "Triển khai thực hiện"], id="upper-case-title-line"),
        pytest.param("**I. MỤC TIÊU**", ["I. MỤC TIÊU"], id="markdown-bold"),
        pytest.param("### **II. NHIỆM VỤ**", ["II. NHIỆM VỤ"], id="markdown-heading"),
        pytest.param("<b>A. HẠ TẦNG</b>", ["A. HẠ TẦNG"], id="html-bold"),
        pytest.param("Tỷ lệ phủ sóng $\\geq 90\\%$ và $> 2\\%$", ["Tỷ lệ phủ sóng ≥ 90% và > 2%"], id="ocr-latex"),
        pytest.param("(*ngoại trừ các cơ sở dữ liệu*) được", ["(ngoại trừ các cơ sở dữ liệu) được"], id="markdown-italic"),
        pytest.param("Ðảng uỷ\u00a0phường", ["Đảng uỷ phường"], id="eth-and-nbsp"),
        pytest.param("Đến năm 2025, 80% hồ sơ trực tuyến\n\n22/08/2022\nVăn phòng UBND tỉnh",
                     ["Đến năm 2025, 80% hồ sơ trực tuyến", "22/08/2022", "Văn phòng UBND tỉnh"], id="news-date-line"),
        pytest.param("Nghị quyết số 57-NQ/TW ngày\n22/12/2024.", ["Nghị quyết số 57-NQ/TW ngày 22/12/2024."],
                     id="date-broken-from-its-sentence"),
        pytest.param("về giải quyết thủ tục hành chính\nThứ năm, 25/07/2019, 04:10 SA",
                     ["về giải quyết thủ tục hành chính"], id="news-weekday-line"),  # a posting stamp: furniture
    ],
)
def test_lines_are_rejoined_and_cleaned(text: str, expected: list[str]) -> None:
    assert blocks(text) == expected


def test_page_number_beside_a_page_break_is_removed() -> None:
    doc = normalise(source_from_text("- Có ≥ 80% cán bộ được bồi \n\n\n\n10\n\ndưỡng kỹ năng số."))
    assert [b.text for b in doc.blocks] == ["- Có ≥ 80% cán bộ được bồi dưỡng kỹ năng số."]
    assert doc.removed_page_numbers == (5,)


def test_a_table_row_number_is_not_a_page_number() -> None:
    doc = normalise(source_from_text("STT Chỉ tiêu\n\n3 \nThực hiện TTHC trên môi trường điện tử"))
    assert doc.removed_page_numbers == ()


def test_every_character_maps_back_to_its_source() -> None:
    text = "**- Tỷ lệ đạt $\\geq 90\\%$ trên môi** \n\ntrường mạng."
    source = source_from_text(text)
    (block,) = normalise(source).blocks
    i = block.text.index("≥")
    start, end = block.source_span(i, i + 4)
    assert source.text[start:end] == "$\\geq 90\\%$"
    j = block.text.index("trường")
    start, _ = block.source_span(j, j + 1)
    assert source.line_of(start) == 3


def _lines_to_try() -> list[str]:
    lines = [line.strip() for p in [*CORPUS_DOCS, *DEVSET_DOCS] for line in p.read_text(encoding="utf-8").splitlines()]
    made_up = ["PHẦN I. MỤC TIÊU", "Phụ lục 2", "PHỤLỤC", "STT Nội dung", "Căn cứ Luật", "Thứ năm, 25/07/2019",
               "Chủ nhật, 1/1/2023", "A: Mục tiêu", "B - NHIỆM VỤ", "Số: 12/KH-UBND", "KT. CHỦ TỊCH", "Nơi nhận:",
               "Thực hiện Kế hoạch số 10", "(Kèm theo Kế hoạch", "II: GIẢI PHÁP", "a) Tỷ lệ", "đ) Số hóa"]
    return [t for t in lines + made_up if t]


def test_the_item_opener_pre_check_lets_through_every_line_that_opens_an_item() -> None:
    openers = [t for t in _lines_to_try() if _ITEM_OPENER_RE.match(t)]
    missed = [t for t in openers if not _ITEM_START_HINT_RE.match(t)]
    assert len(openers) > 500
    assert missed == []
    # and it is a pre-check worth having: most lines that open nothing stop at it
    others = [t for t in _lines_to_try() if not _ITEM_OPENER_RE.match(t)]
    assert sum(1 for t in others if not _ITEM_START_HINT_RE.match(t)) > 0.5 * len(others)


def test_a_numbered_item_opening_with_its_value_is_no_continuation() -> None:
    """'1. 100% đội ngũ …' after a heading opens an item: a wrapped line never starts with a label and a
    percentage."""
    from vn_plan_extract import extract_text

    doc = extract_text("**II. MỤC TIÊU\nCHỦ YẾU**\n\n**1. **100% đội ngũ cán bộ được bồi dưỡng.\n\n"
                       "**2. **Tối thiểu 80% hồ sơ được số hóa.\n", fmt="md")
    assert [(s.label, s.title) for s in doc.sections] == [("II", "MỤC TIÊU CHỦ YẾU")]
    assert [i.target.value for i in doc.indicators] == [100, 80]


def test_a_web_page_furniture_line_is_left_out_and_said() -> None:
    from vn_plan_extract import extract_text

    page = ("I. MỤC TIÊU\n- Tỷ lệ rác thải sinh hoạt được thu gom: 95%\n\n\n"
            "Số lượt đọc: 513 Về trang trước Về đầu trang\nCác tin khác\n")
    doc = extract_text(page)
    assert [(i.name, i.target.value) for i in doc.indicators] == [("Tỷ lệ rác thải sinh hoạt được thu gom", 95)]
    assert [(w.code, w.source.line_start) for w in doc.warnings if w.source] == [("W008", 5), ("W008", 6)]


@pytest.mark.parametrize("line", [
    "Ngày cập nhật: 04/08/2020 4:45:14 CH", "Cập nhật lúc: 10:15 15/11/2020", "Ngày cập nhật 31/05/2023",
    "Chủ nhật, ngày 7 tháng 3 năm 2021 - 5:39", "Thứ sáu, 07/12/2018, 07:43 SA", "Tăng cỡ chữ Giảm cỡ chữ",
    "Cỡ chữ: A+ A A- In bài viết: 🔼Tăng tương phản 🔽Giảm tương phản", "Cỡ chữ Màu chữ image", "IMG_2380.JPG",
    "Toàn cảnh Đại hội Đảng bộ tỉnh Lâm Đồng.jpg", "PublishingPortal - Block_BanTin_Toolbar",
    "16/05/2020 |   1550 lượt xem", "21/05/2020 14:38:00 Xem cỡ chữ", "Đường dây nóng: 02163.818.555",
])
def test_a_page_s_posting_stamp_size_buttons_and_picture_names_are_furniture(line: str) -> None:
    """A headline is its own paragraph even when the stamp under it is left out (issue 11, item 4)."""
    from vn_plan_extract import extract_text

    page = f"Năm 2021 phấn đấu có 6 xã đạt chuẩn nông thôn mới\n{line}\nUBND tỉnh vừa ban hành kế hoạch.\n"
    doc = extract_text(page)
    assert [(w.code, w.source.quote) for w in doc.warnings if w.source] == [("W008", line)]
    assert [(i.target.value, i.source.line_end) for i in doc.indicators] == [(6, 1)]  # the headline alone


@pytest.mark.parametrize("line", ["Cập nhật, khai thác dữ liệu dùng chung.", "Thứ năm, các xã hoàn thành 100% kế hoạch.",
                                  "30/6/2026"])
def test_plan_text_opening_like_furniture_stays(line: str) -> None:
    from vn_plan_extract import extract_text

    assert not [w for w in extract_text(f"I. NHIỆM VỤ\n- {line}\n{line}\n").warnings if w.code == "W008"]


def test_a_heading_wrapped_inside_an_emphasis_run_is_one_heading() -> None:
    from vn_plan_extract import extract_text

    text = ("III. NỘI DUNG\n\n1. Thị trường\n\n*đ) Thị trường châu Đại\nDương*\n\nĐẩy mạnh xúc tiến thương mại.\n\n"
            "**2. Đề nghị\nLiên minh Hợp tác xã tỉnh, Hội nông dân tỉnh\nphối hợp thực hiện**\n\n- Tuyên truyền.\n")
    titles = [s.title for s in extract_text(text, fmt="md").sections[0].children]
    assert titles == ["Thị trường", "Đề nghị Liên minh Hợp tác xã tỉnh, Hội nông dân tỉnh phối hợp thực hiện"]
    assert [c.title for c in extract_text(text, fmt="md").sections[0].children[0].children] == ["Thị trường châu Đại Dương"]


def test_a_line_ending_with_the_head_of_a_body_s_name_runs_on() -> None:
    from vn_plan_extract import extract_text

    text = ("III. TỔ CHỨC THỰC HIỆN\n\n1. Giao Sở\nNông nghiệp và Môi trường chủ trì:\n\n- Hướng dẫn các xã.\n\n"
            "2. Bộ Tư lệnh\nThành phố chủ trì:\n\n- Bồi dưỡng kiến thức.\n")
    first, second = extract_text(text).sections[0].children
    assert first.title.startswith("Giao Sở Nông nghiệp và Môi trường")
    assert second.title.startswith("Bộ Tư lệnh Thành phố")


def test_a_headline_and_the_paragraph_after_its_blank_line_are_two_blocks() -> None:
    """A short title line with no full stop, a blank line, then a long paragraph ending a sentence: two
    paragraphs (a web page's headline and its story), whatever came before the headline."""
    from vn_plan_extract.normalize import normalise
    from vn_plan_extract.readers.text import source_from_text

    story = ("UBND tỉnh vừa ban hành Kế hoạch số 30/KH-UBND ngày 5/2/2024 về thực hiện Chương trình mục tiêu "
             "quốc gia xây dựng nông thôn mới năm 2024.")
    text = f",\n\nNông thôn mới\n\nTuyên Quang phấn đấu có thêm 12 xã đạt chuẩn nông thôn mới\n\n{story}\n"
    blocks = [b.text for b in normalise(source_from_text(text)).blocks]
    assert blocks[-1] == story


def test_a_long_line_of_picture_names_and_text_is_read_as_text_at_once() -> None:
    """Furniture is matched piece by piece without backtracking: a line of sixty file names and then
    words (a hostile or broken page) stays text, read in linear time (it took minutes before)."""
    from vn_plan_extract import extract_text

    line = "a.jpg" * 60 + " Kế hoạch"
    assert not [w for w in extract_text(f"I. MỤC TIÊU\n{line}\n").warnings if w.code == "W008"]
