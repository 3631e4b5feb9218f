"""Words of plan targets: comparators, units, and the contexts in which a number is not a target.

Sources: `shared/CONTRACT.md` (comparator words), `shared/DOMAIN.md` ("Targets"), and the annotation
decisions of `shared/devset/README.md` (ranks, ranges, restatements "so với", age groups, levels that
are kinds such as "mức độ 2"). Phrases are matched on text as written (case-insensitive where noted).
"""

from __future__ import annotations

import regex

from . import FirstWords, alternation

# --- comparators ----------------------------------------------------------------------------------

#: Words written right before the value, and the comparator they give. Longer phrases win.
COMPARATOR_WORDS: dict[str, str] = {
    "≥": ">=", ">=": ">=", "=>": ">=", "tối thiểu": ">=", "tối tiểu": ">=", "ít nhất": ">=",
    "không dưới": ">=", "không thấp hơn": ">=", "không ít hơn": ">=", "từ": ">=",
    ">": ">", "trên": ">", "hơn": ">", "vượt": ">", "vượt trên": ">", "cao hơn": ">",
    "≤": "<=", "<=": "<=", "=<": "<=", "tối đa": "<=", "không quá": "<=", "không vượt quá": "<=",
    "không cao hơn": "<=",
    "<": "<", "dưới": "<", "thấp hơn": "<",
    "=": "=", "đạt": "=", "là": "=", "còn": "=", "bằng": "=", "bảo đảm": "=", "đảm bảo": "=",
    # a count to reach or to add: "nâng tổng số lên 12 KCN", "có thêm 5 xã", "hình thành mới 05 khu
    # công nghiệp", "khoảng 2.989,5 MW"
    "lên": "=", "xuống": "=", "thêm": "=", "mới": "=", "khoảng": "=", "ở mức": "=",
}

#: Words that may stand between the comparator and the value: "đạt tỷ lệ tối thiểu 30%".
FILLER_WORDS = ("tỷ lệ", "tỉ lệ", "mức", "ở mức", "khoảng", "xấp xỉ", "tổng số", "chỉ số")

#: Written after the value: "80% trở lên" is >= 80, "5% trở xuống" is <= 5.
AFTER_COMPARATORS: dict[str, str] = {"trở lên": ">=", "trở xuống": "<="}

#: Range joiners: "từ 3 – 5%", "7,5 - 8,0%", "từ 103 đến 107".
RANGE_JOINERS = ("-", "–", "—", "đến", "tới")

# --- numbers that are not targets -----------------------------------------------------------------

#: A number right after one of these is a date part, a document number, an ordinal, or a level
#: (a kind, not a value to reach: "mức độ 2", "giai đoạn 2", "Cấp độ 2").
NOT_VALUE_AFTER = (
    "số", "năm", "tháng", "ngày", "quý", "quí", "khóa", "khoá", "lần thứ", "thứ", "giai đoạn",
    "nhiệm kỳ", "nhiệm kì", "đợt", "mức độ", "mức", "cấp độ", "độ", "điều", "khoản", "mục", "phụ lục",
    "đề án", "nghị quyết", "quyết định", "kế hoạch", "chỉ thị", "thông tư", "nghị định", "luật",
    "văn bản", "tờ trình", "công văn", "kết luận", "thông báo", "chương trình", "iso", "tcvn",
    "lớp", "khối", "tuyến", "phòng", "tổ", "khu phố", "ấp", "cấp", "version", "phiên bản", "chuẩn",
    "loại", "hạng", "nhóm", "top", "tầng", "km", "quốc lộ", "tỉnh lộ", "đường",
)

#: A number followed by one of these is an age, a duration or a class of products ("sản phẩm OCOP đạt từ 3
#: sao trở lên": the count of products is the target, the stars say which), not a target value.
NOT_VALUE_BEFORE = ("tuổi", "năm tuổi", "tháng tuổi", "giờ", "phút", "sao")

#: Right before a year: it is the base a change is measured against ("so với năm 2015"), not a target's year.
BASE_YEAR_BEFORE_RE = regex.compile(r"so\s+với\s+(?:năm\s+|giai\s+đoạn\s+)?$", regex.IGNORECASE | regex.REVERSE)
#: How far before a year `BASE_YEAR_BEFORE_RE` looks.
BASE_YEAR_REACH = 14
#: The horizon a plan looks to beyond its own period ("đến năm 2025, định hướng đến năm 2030", "tầm nhìn
#: 2045"): the year of its vision, not of the targets an introduction leads into.
VISION_YEAR_RE = regex.compile(r"(?:định\s+hướng|tầm\s+nhìn)\s+(?:đến\s+)?(?:năm\s+)?(?:19|20)\d{2}", regex.IGNORECASE)
#: A quantity followed by "so với …" is a change against a base ("GRDP tăng 8-9% so với năm 2018").
CHANGE_AGAINST_RE = regex.compile(r"^\s*(?:%\s*)?so\s+với", regex.IGNORECASE)

#: "tăng gấp 2 lần", "tăng 3,76 lần", "gấp 2,2 lần", "tăng lên 1,5 lần so với năm 2021": a multiple, a change too.
MULTIPLE_BEFORE_RE = regex.compile(r"(?:gấp|tăng(?:\s+lên)?)\s*$", regex.IGNORECASE | regex.REVERSE)
MULTIPLE_AFTER_RE = regex.compile(r"\s*lần\s+so\s+với", regex.IGNORECASE)

#: A change written right after a value restates that value against its base ("đạt 1.184 tỷđ, tăng gấp
#: 2 lần so với năm 2015", "845 hộ, tăng 80 hộ so với năm 2015", "100%; tăng 6,7% so với năm 2015"): not a
#: target. With its own subject ("Kim ngạch xuất khẩu tăng 9-11% so với năm 2017") the change is the target.
CHANGE_RESTATES_RE = regex.compile(
    r"\W*(?:và\s+|cũng\s+)?(?:(?:kéo\s+)?(?:tăng|giảm)(?:\s+(?:gấp|lên|xuống|thêm|khoảng|từ))*|gấp)?\W*",
    regex.IGNORECASE)

#: Spending is a budget item, not a target (revenue is kept): "Chi ngân sách (năm 2020): 8tỷđ", "Dự kiến
#: tổng kinh phí thực hiện kế hoạch", "nguồn vốn ngân sách Trung ương giao".
SPENDING_NAME_RE = regex.compile(
    r"^(?:tăng\s+)?chi\s+(?:ngân\s+sách|thường\s+xuyên|đầu\s+tư)"
    r"|(?:^|\s)(?:tổng\s+)?kinh\s+phí(?:\s+thực\s+hiện)?|nguồn\s+vốn(?:\s+ngân\s+sách)?",
    regex.IGNORECASE)

#: Words before a value that make it a result already reached or a description, not a target:
#: "Hiện nay, toàn tỉnh có trên 3.000 doanh nghiệp", "đã phấn đấu đạt và vượt 22/22 chỉ tiêu", "ước đạt"
#: ("… truy nã hiện có" names a group, not a result; "các dự án đã quy hoạch" describes the projects).
#: Within its clause part (no comma between) and with no goal word after it ("các xã đã đạt chuẩn … phấn
#: đấu đạt thêm 1 tiêu chí" is a target).
RESULT_BEFORE_RE = regex.compile(
    r"(?:(?<!\w)đã\s*"
    r"|(?<!\w)(?:đã\s+(?:đạt|có|hoàn\s+thành|thực\s+hiện|tăng|giảm|phấn\s+đấu|vượt|góp\s+phần|giúp)|ước\s+(?:đạt|thực\s+hiện|tính))"
    r"(?!\w)(?:(?!phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu)[^;:,]){0,80}"
    r"|(?<!\w)(?:hiện\s+nay|tương\s+đương|tính\s+đến|qua\s+các\s+năm)(?!\w)(?:(?!phấn\s+đấu|mục\s+tiêu|chỉ\s+tiêu)[^;:]){0,200})$",
    regex.IGNORECASE | regex.REVERSE)

# --- units ----------------------------------------------------------------------------------------

#: Units glued to the number in real files ("596tỷđ", "60trđ/người/năm", "01Gbps").
GLUED_UNITS = ("tỷđ", "tỉđ", "tỷ.đ", "tỉ.đ", "trđ", "tr.đ", "tỷ", "tỉ", "triệu", "ha", "km", "kg", "Gb", "Mb", "Gbps",
               "Mbps", "MW", "kW", "m2", "m²", "m3", "tấn", "tạ", "người", "hộ", "lượt")

#: Multi-word units that contain a comma or a dot, matched before the generic unit rule.
FIXED_UNITS = (
    "xã, phường, thị trấn", "huyện, thị xã, thành phố", "phường, xã, thị trấn", "Tr. đồng", "tr. đồng",
    "tỷ.đ", "tỉ.đ", "tr.đ",
    "nghìn tỷ đồng", "nghìn tỉ đồng", "tỷ đồng", "tỉ đồng", "triệu đồng", "nghìn đồng", "tỷ USD",
    "triệu USD", "USD",
)

#: Units that measure the same thing at another scale (folded name → (base, factor)): a plan states a
#: target in its text in "triệu USD" and in its annex table in "Nghìn USD".
UNIT_SCALES: dict[str, tuple[str, float]] = {
    "usd": ("usd", 1), "nghin usd": ("usd", 1e3), "trieu usd": ("usd", 1e6), "ty usd": ("usd", 1e9),
    "ti usd": ("usd", 1e9),
    "dong": ("dong", 1), "nghin dong": ("dong", 1e3), "trieu dong": ("dong", 1e6), "ty dong": ("dong", 1e9),
    "ti dong": ("dong", 1e9), "nghin ty dong": ("dong", 1e12), "nghin ti dong": ("dong", 1e12),
    "tan": ("tan", 1), "nghin tan": ("tan", 1e3), "trieu tan": ("tan", 1e6),
    "ha": ("ha", 1), "nghin ha": ("ha", 1e3),
}

#: Words that end a unit noun phrase: a unit is the counted noun, not the rest of the sentence.
UNIT_STOP_WORDS = frozenset({
    "được", "có", "của", "trên", "trong", "tại", "cho", "và", "về", "đạt", "từ", "theo", "với", "để",
    "thuộc", "đã", "là", "phải", "sẽ", "đến", "trở", "tham", "hoặc", "nhằm", "do", "bằng", "mỗi", "vào",
    "khi", "như", "thì", "mà", "nhưng", "cùng", "gồm", "so", "tăng", "giảm", "chiếm", "đối", "ở", "qua",
    "sau", "trước", "hiện", "đang",
})
#: At most this many words make a unit ("lớp tập huấn/năm", "bé trai/100 bé gái").
UNIT_MAX_WORDS = 3

#: Before a value: a bracket giving the value of a base year ("còn 32,28% (năm 2017 là 47,24)", "(năm 2017
#: đạt tỷ lệ bình quân 9,82 tiêu chí/xã)"): the starting point, not a target.
BASE_VALUE_BEFORE_RE = regex.compile(
    r"\(\s*(?:năm|cuối\s+năm)\s+(?:19|20)\d{2}\s*(?:,\s*)?(?:là|đạt|có|ước\s+đạt)(?!\w)[^()]{0,60}$",
    regex.IGNORECASE | regex.REVERSE)
#: After a value, in its clause part: what it counts has already been reached ("100% huyện … đều đã có xã
#: đạt chuẩn"), a report, not a target.
RESULT_AFTER_RE = regex.compile(r"[^;:,.]{0,60}?(?<!\w)(?:đều\s+)?đã\s+(?:có|đạt|hoàn\s+thành|được)(?!\w)",
                                regex.IGNORECASE)
#: Counted nouns of several syllables: a unit read after a number ends with the longest of these that
#: opens it ("15 doanh nghiệp khởi nghiệp sáng tạo" counts "doanh nghiệp"), so the rest stays in the name.
COUNTED_NOUNS = frozenset({
    "doanh nghiệp", "dự án", "sản phẩm", "trung tâm", "mô hình", "hợp tác xã", "khu công nghiệp",
    "cụm công nghiệp", "tiêu chí", "tài khoản", "lao động", "hộ gia đình", "sáng kiến", "khu phố",
    "trường học", "đơn vị", "cán bộ", "công chức", "đảng viên", "nền tảng", "hệ thống", "thủ tục",
    "dịch vụ", "hồ sơ", "văn bản", "chương trình", "đề tài", "lớp học", "tổ chức", "nhà ở", "giường bệnh",
    "bác sĩ", "bác sỹ", "học sinh", "sinh viên", "cơ sở dữ liệu", "tổ dân phố", "khu dân cư", "điểm đến",
    "kịch bản", "câu lạc bộ", "tuyến đường", "công trình", "ứng dụng", "người dân", "cơ sở giáo dục",
    "thuê bao",
})
#: Counted nouns of one syllable: the unit is that word alone ("12 xã NTM kiểu mẫu" counts "xã").
ONE_WORD_UNITS = frozenset({
    "xã", "hộ", "con", "tấn", "tạ", "ha", "vùng", "mỏ", "thôn", "làng", "ấp", "huyện", "phường",
    "trường", "lượt", "lần", "cặp", "căn", "cây", "chiếc", "bậc", "điểm", "cuộc", "bài", "tin", "khu", "cụm",
})
#: Nouns counted together with the one before them, a comma between ("12 huyện, thành phố", "04/09 thôn,
#: làng", "100% sở, ban, ngành", "01 doanh nghiệp, hợp tác xã"): the unit is the whole list.
COORDINATED_NOUNS = frozenset({
    "xã", "phường", "thị trấn", "huyện", "thị xã", "thành phố", "quận", "thôn", "làng", "ấp", "bản", "tổ dân phố",
    "khu phố", "sở", "ban", "ngành", "đoàn thể", "địa phương", "doanh nghiệp", "hợp tác xã", "tổ hợp tác",
    "hộ kinh doanh", "cơ quan", "đơn vị", "trường", "đào tạo",
})
#: Nouns that never are a unit by themselves after a number (the number is then not a count).
NOT_UNIT_WORDS = frozenset({"năm", "tháng", "ngày", "tuổi", "giờ", "phút", "lần thứ"})

# --- ranks ----------------------------------------------------------------------------------------

#: "Top 30", "trong nhóm 5 địa phương đứng đầu", "trong nhóm 10 dẫn đầu": a rank, comparator <=.
RANK_RE = regex.compile(
    r"""(?:\b[Tt][Oo][Pp]\s*(?P<top>\d{1,3})\b
        | \bnhóm\s+(?P<group>\d{1,3})(?:/\d{1,3})?\s+(?:\S+\s+){0,8}?
          (?:dẫn\s+đầu|đứng\s+đầu|cao\s+nhất|tốt\s+nhất|xếp\s+hạng\s+cao)
        | \b(?:vào|trong)\s+nhóm\s+(?P<group>\d{1,3})(?:/\d{1,3})?\s+          # "vào nhóm 30/63 tỉnh"
          (?=tỉnh|thành|địa\s+phương|huyện|quận|thị\s+xã|xã|phường|đơn\s+vị|UBND|sở|cơ\s+quan)
          (?:(?:\S+\s+){0,8}?(?:dẫn\s+đầu|đứng\s+đầu|cao\s+nhất|tốt\s+nhất|xếp\s+hạng\s+cao))?
        | \b(?:xếp\s+)?(?:vị\s+thứ|xếp\s+thứ|đứng\s+thứ)\s+(?P<top>\d{1,3})(?:/\d{1,3})?(?!\d))  # "xếp vị thứ 20/63"
    """,
    regex.VERBOSE,
)
#: `RANK_RE`, tried only where one of its first words begins.
RANK_PHRASES = FirstWords(RANK_RE, ("top", "Top", "TOP", "ToP", "tOP", "TOp", "tOp", "toP", "nhóm", "vào nhóm",
                                    "trong nhóm", "xếp vị", "xếp thứ", "vị thứ", "đứng thứ"))
RANK_UNIT = "hạng"

# --- words around a target ------------------------------------------------------------------------

#: Words that open a target without naming what is measured; stripped from the start of a name.
LEADING_INTRO = (
    "phấn đấu", "có", "đạt", "bảo đảm", "đảm bảo", "duy trì", "bắt buộc", "theo đó", "cụ thể",
    "trong đó", "với", "để", "và", "nhằm", "hướng tới", "tiến tới", "mục tiêu", "chỉ tiêu",
    "tiếp tục", "đưa",
)
#: Words that end the text before a value without being part of the name ("… cấp tỉnh đạt tỷ lệ").
TRAILING_INTRO = (
    "đạt", "là", "còn", "ở mức", "mức", "tỷ lệ", "tỉ lệ", "phấn đấu", "phấn đấu đạt", "giảm còn",
    "giảm xuống", "xuống", "giữ ở mức", "chiếm", "bằng", "bảo đảm", "đảm bảo", "có", "được", "với",
    "đạt khoảng", "khoảng", "tối thiểu", "tối tiểu", "thuộc", "nằm trong", "trong", "vào", "dự kiến",
    "dự kiến đạt",
)
#: Words after a percentage that are not its measured thing: time phrases, notes, and the whole a share is
#: of ("Tỷ trọng kinh tế số đạt tối thiểu 30% GRDP" measures the share, not "GRDP").
NOT_NAME_AFTER_RE = regex.compile(
    r"^(?:vào|đến|trong|từ|trở|so|năm|hằng|hàng|mỗi|/|\(|,|;|\.|trên\s+tổng|của\s+(?:tỉnh|cả)|GRDP|GDP"
    r"|chỉ\s+tiêu|kế\s+hoạch|dự\s+toán)",  # "đạt 100% chỉ tiêu": the share of the plan, the name is before
    regex.IGNORECASE,
)

#: Year expressions inside a target or a heading: "năm 2025", "đến hết năm 2030", "giai đoạn 2021-2025".
YEAR_RE = regex.compile(
    r"""(?:(?:năm|Năm|NĂM)\s+(?:học\s+\d{4}\s*[-–]\s*)?(?P<year>(?:19|20)\d{2})(?!\d)(?!\s*[-–]\s*\d)
        | (?:giai\s+đoạn|nhiệm\s+kỳ|nhiệm\s+kì|thời\s+kỳ|thời\s+kì|GIAI\s+ĐOẠN|NHIỆM\s+KỲ|THỜI\s+KỲ|năm|Năm|NĂM|\()
          \s*(?:19|20)\d{2}\s*[-–]\s*(?P<end>(?:19|20)\d{2})(?!\d)
        | (?:đến|Đến|ĐẾN|vào|tới)\s+(?P<bare>(?:19|20)\d{2})\b)""",
    regex.VERBOSE,
)
#: `YEAR_RE`, tried only where one of its first words begins.
YEAR_PHRASES = FirstWords(YEAR_RE, (
    "năm", "Năm", "NĂM", "giai", "nhiệm", "thời", "GIAI", "NHIỆM", "THỜI", "(", "đến", "Đến", "ĐẾN", "vào", "tới",
))

#: Headings of award and evaluation rules ("Khen thưởng", "Tiêu chí đánh giá, xếp loại", "Cách thức xếp
#: hạng", "Thang điểm"): the numbers under them are conditions of an emulation, not targets of the plan.
CONDITIONS_HEADING_RE = regex.compile(
    r"khen\s+thưởng|xếp\s+hạng|xếp\s+loại|thang\s+điểm|bình\s+xét|tiêu\s+chí\s+đánh\s+giá|cách\s+thức\s+xếp"
    # the plan's own cost ("III. DỰ TOÁN KINH PHÍ THỰC HIỆN", "Kinh phí thực hiện"): its amounts are spending
    r"|^(?:dự\s+toán\s+)?kinh\s+phí(?:\s+thực\s+hiện)?\s*[.:]?$|^dự\s+toán\s+kinh\s+phí",
    regex.IGNORECASE)

#: Goal words: a heading or intro with them sets the year of the targets under it.
GOAL_PHRASES = ("mục tiêu", "mục đích", "chỉ tiêu", "phấn đấu", "phương hướng", "định hướng", "kết quả chủ yếu", "mốc")
GOAL_WORDS_RE = regex.compile(alternation(GOAL_PHRASES), regex.IGNORECASE)
GOAL_WORDS = FirstWords(GOAL_WORDS_RE, GOAL_PHRASES)

#: Patterns that anchor with "^" must not be used with match(text, pos): "^" is the string's start.
#: Qualitative end states that can be checked ("đạt loại tốt", "giữ vững chuẩn Y tế").
QUALITATIVE_RE = regex.compile(
    r"""\b(?:đạt\s+(?:loại|mức|xếp\s+loại)\s+(?:tốt|khá|xuất\s+sắc|giỏi|trung\s+bình|A|B)
        | (?:đạt|giữ\s+vững)\s+(?:chuẩn|danh\s+hiệu)
        | đạt\s+(?:nông\s+thôn\s+mới|NTM)                      # "xã cơ bản đạt nông thôn mới nâng cao" ("chuẩn" left out)
        | hoàn\s+thành\s+tốt
        | [Mm]ức\s+[Kk]há
        | không\s+để\s+(?:xảy\s+ra|phát\s+sinh|bùng\s+phát|tái\s+phát)  # a state to keep: "không để phát sinh điểm nóng"
        | (?:đạt|hoàn\s+thành)(?:\s+(?:và\s+)?vượt)?\s+(?:dự\s+toán|kế\s+hoạch\s+thu|chỉ\s+tiêu\s+thu)  # "thu ngân sách đạt dự toán"
        | trở\s+thành\s+(?:huyện|xã|thị\s+xã|phường)\s+(?:nông\s+thôn\s+mới|NTM|đạt\s+chuẩn)  # "trở thành huyện NTM kiểu mẫu"
        | trở\s+thành\s+địa\s+bàn\s+(?:trong\s+sạch|không)                          # "trở thành địa bàn không có ma túy"
        | không\s+còn\s+\w+(?:\s+\w+)?\s+(?:dưới|trên)\s+\d                            # "không còn xã dưới 10 tiêu chí"
        )""",
    regex.VERBOSE | regex.IGNORECASE,  # "Không để xảy ra …" opening a sentence
)
#: Right before a number: "không còn <what> dưới/trên": the number is the threshold of an end state to reach
#: ("không còn xã dưới 10 tiêu chí": no commune left below 10 criteria), not a value.
THRESHOLD_BEFORE_RE = regex.compile(r"không\s+còn\s+\w+(?:\s+\w+)?\s+(?:dưới|trên)\s*$",
                                    regex.IGNORECASE | regex.REVERSE)
#: A qualitative phrase after these words states an aim, not a target ("hướng tới đạt chuẩn …").
AIM_BEFORE_RE = regex.compile(r"(?:hướng\s+tới|hướng\s+đến|tiến\s+tới|góp\s+phần)\s*$", regex.IGNORECASE | regex.REVERSE)
#: Targets on a yearly increase take a year only from their own words ("mỗi năm tăng tối thiểu 20%").
YEARLY_INCREASE_RE = regex.compile(r"(?:mỗi|hằng|hàng)\s+năm(?:\s+tiếp\s+theo)?\s+tăng", regex.IGNORECASE)
#: "… 500 hộ, trong đó …": the counts that follow break the total down and are targets too.
BREAKDOWN_RE = regex.compile(r"\btrong\s+đó\b|\(\s*(?:bao\s+)?gồm\b", regex.IGNORECASE)
#: In a section of specific goals, an item opening with "Có" states an existence target ("Có sản phẩm dự
#: thi …"), and one opening with a verb of completion an end state to reach ("Hoàn thành đánh giá hiện
#: trạng …", "Hoàn thiện cơ sở dữ liệu …", "Thành lập Ban Chỉ đạo …"; "Xây dựng …", "Thí điểm …" open aims and
#: activities as often as end states, so they do not).
EXISTENCE_RE = regex.compile(
    r"(?:Có|có)\s+(?!thể\b)|(?:[Hh]oàn\s+thành|[Hh]oàn\s+thiện|[Hh]ình\s+thành|[Tt]hành\s+lập)\s+")

# The patterns below end with "$" and are searched in the text just before a value: REVERSE makes the
# search start at the end instead of trying every earlier position (same match: the longest phrase wins).
COMPARATOR_RE = regex.compile(r"(?:" + alternation(tuple(COMPARATOR_WORDS)) + r")\s*$", regex.IGNORECASE | regex.REVERSE)
FILLER_RE = regex.compile(r"(?:" + alternation(FILLER_WORDS) + r")\s*$", regex.IGNORECASE | regex.REVERSE)
NOT_VALUE_AFTER_RE = regex.compile(r"(?<!\w)" + alternation(NOT_VALUE_AFTER) + r"\s*$", regex.IGNORECASE | regex.REVERSE)
NOT_VALUE_BEFORE_RE = regex.compile(
    # "từ 06 tháng đến 36 tháng tuổi", "trẻ 11-14 tuổi", "trong 24-48 giờ": a range of ages or of hours
    r"^\s*(?:(?:tháng|năm|tuổi)?\s*(?:đến|tới|[-–])\s*\d{1,3}\s*)?"
    + alternation(NOT_VALUE_BEFORE) + r"(?!\w)", regex.IGNORECASE)
#: "80% trở lên", and "đạt 100% chỉ tiêu trở lên" (of the estimate or the plan: the share is still ≥ 100%).
AFTER_COMPARATOR_RE = regex.compile(
    r"^\s*(?:(?:chỉ\s+tiêu|kế\s+hoạch|dự\s+toán)(?:\s+được\s+giao)?\s+)?(?P<word>"
    + alternation(tuple(AFTER_COMPARATORS)) + r")(?!\w)", regex.IGNORECASE)
FIXED_UNIT_RE = regex.compile(r"\s*(?P<unit>" + alternation(FIXED_UNITS) + r"(?:/[\w.]*\w)*)(?!\w)")
GLUED_UNIT_RE = regex.compile(r"^(?P<unit>" + alternation(GLUED_UNITS) + r"(?:/[\w.]*\w)*)(?!\w)")
LEADING_INTRO_RE = regex.compile(r"(?:" + alternation(LEADING_INTRO) + r")(?!\w)[\s,:]*", regex.IGNORECASE)
TRAILING_INTRO_RE = regex.compile(r"(?<!\w)(?:" + alternation(TRAILING_INTRO) + r")[\s:]*$", regex.IGNORECASE | regex.REVERSE)
