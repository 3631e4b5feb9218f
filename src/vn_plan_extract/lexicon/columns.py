"""Column-role words of plan tables, and what the cells of each column can hold.

Sources: the header rows of the appendix tables of `corpus/` ("STT | Chỉ tiêu | Đơn vị tính | Kết quả |
Đơn vị chủ trì thực hiện | Đơn vị chủ trì, theo dõi, đánh giá", "STT | Nhiệm vụ | Đơn vị chủ trì | Đơn
vị phối hợp | Kết quả | Thời gian hoàn thành", "… | Sản phẩm/Kết quả đầu ra | …", "STT | Nhiệm vụ |
Tổng kinh phí"), and the socio-economic tables of `shared/DOMAIN.md` ("Thực hiện 2025", "Tốc độ tăng
bình quân", "Kế hoạch 2026", "Ghi chú").
"""

from __future__ import annotations

import regex

from . import FirstWords, alternation, first_words

#: Header phrases and the role of their column, in priority order (a longer phrase is tried first
#: at each position). "Kết quả" is a target in an indicator table and an output in a task table;
#: `table_roles` decides.
COLUMN_PHRASES: tuple[tuple[str, str], ...] = (
    ("STT", "stt"), ("TT", "stt"), ("Stt", "stt"),
    ("Đơn vị chủ trì, theo dõi, đánh giá", "monitor"), ("Đơn vị theo dõi, đánh giá", "monitor"),
    ("Đơn vị theo dõi", "monitor"), ("Cơ quan theo dõi", "monitor"),
    ("Bộ phận chủ trì tham mưu theo dõi", "lead"), ("Đơn vị chủ trì thực hiện", "lead"),
    ("Trách nhiệm thực hiện", "lead"), ("Cơ quan/Đơn vị thực hiện", "lead"), ("Cơ quan, đơn vị thực hiện", "lead"),
    ("Đơn vị thực hiện", "lead"), ("Cơ quan thực hiện", "lead"), ("Đơn vị thực hiện chính", "lead"),
    ("Người thực hiện", "lead"), ("Cán bộ thực hiện", "lead"), ("Người phụ trách", "lead"),
    ("Đơn vị chủ trì", "lead"), ("Bộ phận chủ trì", "lead"), ("Cơ quan chủ trì", "lead"), ("Chủ trì", "lead"),
    ("Đơn vị phối hợp", "support"), ("Cơ quan phối hợp", "support"), ("Bộ phận phối hợp", "support"),
    ("Phối hợp", "support"),
    ("Đơn vị tính", "unit"), ("ĐVT", "unit"),
    ("Nội dung chỉ tiêu", "name"), ("Tên chỉ tiêu", "name"),
    ("Nội dung nhiệm vụ", "task"), ("Nội dung công việc", "task"), ("Tên nhiệm vụ", "task"),
    ("Nhiệm vụ", "task"), ("Nội dung", "task"),
    ("Chỉ tiêu phấn đấu đạt được", "target"), ("Chỉ tiêu phấn đấu", "target"), ("Chỉ tiêu cụ thể", "target"),
    ("Mục tiêu", "target"), ("Kế hoạch", "target"), ("KH", "target"), ("Dự kiến", "target"),
    ("Chỉ tiêu", "name_or_target"),
    # what a target means or how it is counted: text beside the name, never the target
    ("Giải thích chỉ tiêu", "explanation"), ("Cách tính", "explanation"), ("Phương pháp tính", "explanation"),
    ("Sản phẩm/Kết quả đầu ra", "output"), ("Sản phẩm", "output"), ("Kết quả đầu ra", "output"),
    ("Kết quả", "target_or_output"),
    ("Thời gian hoàn thành", "deadline"), ("Thời gian thực hiện", "deadline"), ("Thời hạn", "deadline"),
    ("Tiến độ", "deadline"), ("Lộ trình", "deadline"), ("Thời gian", "deadline"),
    ("Thực hiện", "baseline"), ("Ước thực hiện", "baseline"), ("Ước đạt", "baseline"), ("Ước TH", "baseline"),
    ("TH", "baseline"), ("ƯTH", "baseline"), ("UTH", "baseline"),
    ("Tốc độ tăng", "growth"),
    ("Ghi chú", "note"), ("Đánh giá", "note"),
    ("Tổng kinh phí", "amount"), ("Kinh phí", "amount"), ("Dự toán", "amount"), ("Số tiền", "amount"),
    ("Thành tiền", "amount"), ("Đơn giá", "note"),
)

#: Headers are written in any case ("CHỦ TRÌ", "Thời gian").
HEADER_PHRASE_RE = regex.compile(
    r"(?<!\w)(?P<phrase>" + alternation(tuple(p for p, _ in COLUMN_PHRASES)) + r")(?!\w)",
    regex.IGNORECASE)
ROLE_OF_PHRASE = {" ".join(p.split()).lower(): r for p, r in COLUMN_PHRASES}

#: A year in a header ("… đến cuối năm 2026", "Kế hoạch 2026") is the target year of the column.
HEADER_YEAR_RE = regex.compile(r"(?:năm|Năm|NĂM|hoạch|HOẠCH|KH)\s+(?P<year>(?:19|20)\d{2})")
#: Any year in the target column's own header cell ("KH 2022", "Mục tiêu 2030").
CELL_YEAR_RE = regex.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)")
#: The unit a column's header writes in brackets at its end ("Lượng (Tấn)", "Giá trị xuất khẩu (Nghìn USD)").
HEADER_UNIT_RE = regex.compile(r"\((?P<unit>[^()\d]{1,24})\)\s*$")

#: What a unit column holds ("Đơn vị tính"), written as in real tables; spaces match any line break.
TABLE_UNITS = (
    "%", "Thứ bậc", "Thứ hạng", "Mô hình", "Sáng kiến", "Cấp độ", "Mức độ", "Người", "Lượt", "Hộ", "Xã",
    "Doanh nghiệp", "Tài khoản", "Hồ sơ", "Văn bản", "Lớp", "Cuộc", "Bài", "Tin bài", "Đơn vị", "Trường",
    "Điểm", "Hạng", "Tỷ đồng", "Triệu đồng", "Nghìn tỷ đồng", "Con", "Ha", "Km", "Tấn", "Thủ tục", "Dịch vụ",
    "Nền tảng", "Hệ thống", "Cơ sở dữ liệu", "Camera", "Trạm", "Lần", "Tổ", "Khu phố", "Ấp",
    "USD", "Triệu USD", "Tỷ USD", "Nghìn đồng", "Đồng", "Giường", "Bác sỹ", "Bác sĩ", "Lao động", "Dự án",
    "Thôn", "Làng", "Tiêu chí", "Sản phẩm", "Km2", "M2", "M3", "Kg", "MW", "Kwh",
)
UNIT_CELL_RE = regex.compile(
    r"(?<!\w)(?P<unit>" + alternation(tuple(TABLE_UNITS)).replace("\\s+", "\\s+") + r")(?!\w)", regex.IGNORECASE
)
#: `UNIT_CELL_RE`, tried only where a unit word begins.
UNIT_CELL_PHRASES = FirstWords(UNIT_CELL_RE, first_words(TABLE_UNITS))

#: What a target column holds: a value with its comparator, a level, a yes/no.
TARGET_CELL_RE = regex.compile(
    r"""(?P<target>
          (?:Có\s*/\s*)?(?:[≥≤><]=?|=)?\s*\d{1,3}(?:[.,]\d{1,3})*\s*%?     # ≥ 90   100%   >80%   Có/ ≥ 01
        | Cấp\s+độ\s+\d+ | Mức\s+độ\s+\d+
        | Mức\s+(?:Khá|khá|Tốt|tốt|Xuất\s+sắc|xuất\s+sắc|Trung\s+bình|trung\s+bình)
        | Đạt\s+loại\s+(?:tốt|Tốt|khá|Khá|xuất\s+sắc)
        | Có\s+triển\s+khai | Hoàn\s+thành | Đạt | Có
        )(?!\w)""",
    regex.VERBOSE,
)

#: A total row of a budget table ("Tổng cộng", "Tổng nhu cầu kinh phí"; "Tồng" is a real typo).
TOTAL_ROW_RE = regex.compile(r"^(?:T[ổồ]ng|TỔNG|Cộng)\b", regex.IGNORECASE)

#: Money units as a cell writes them after its amount, glued or abbreviated ("30 triệu đồng", "50tr",
#: "12,5tỷ", "1.200.000đ"), and what one of them is worth in đồng.
MONEY_WORDS: dict[str, float] = {
    "đ": 1, "đồng": 1, "vnđ": 1, "vnd": 1,
    "nghìn": 1e3, "ngàn": 1e3, "nghìn đồng": 1e3, "ngàn đồng": 1e3,
    "tr": 1e6, "trđ": 1e6, "tr.đ": 1e6, "tr đồng": 1e6, "tr. đồng": 1e6, "triệu": 1e6, "triệu đồng": 1e6,
    "tỷ": 1e9, "tỉ": 1e9, "tỷđ": 1e9, "tỉđ": 1e9, "tỷ.đ": 1e9, "tỉ.đ": 1e9, "tỷ đồng": 1e9, "tỉ đồng": 1e9,
}
#: An amount and the money unit written after it (longest unit first, so "triệu đồng" is not "triệu").
MONEY_AMOUNT_RE = regex.compile(
    r"(?P<num>(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)\s*(?P<unit>"
    + "|".join(regex.escape(w) for w in sorted(MONEY_WORDS, key=len, reverse=True)) + r")?(?!\w)",
    regex.IGNORECASE)
#: The money unit of a budget table, written above it or in its header ("Triệu đồng", "ĐVT: triệu đồng").
MONEY_UNIT_RE = regex.compile(r"(?P<unit>(?:nghìn\s+)?(?:triệu|tỷ|tỉ|nghìn)\s+đồng)", regex.IGNORECASE)
