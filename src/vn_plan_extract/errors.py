"""Errors raised at the reader boundary, and the catalogue of warning codes.

Errors name the file and the reason. Warnings are data (they land in `PlanDocument.warnings`),
not log lines.
"""

from __future__ import annotations

from pathlib import Path


def readable_name(name: str | Path) -> str:
    """A file name as text that can be shown and written anywhere: bytes that are not UTF-8 (kept by
    Python as lone surrogates) become "\\xff", control characters (a newline in a name) "\\n".

    >>> readable_name("plan\\udcff.txt"), readable_name("a\\nb.txt"), readable_name("Kế hoạch.docx")
    ('plan\\\\xff.txt', 'a\\\\nb.txt', 'Kế hoạch.docx')
    """
    text = str(name)
    if not text.isprintable():
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate no file system byte stands for
            raw = text.encode("utf-8", "surrogatepass")
        text = raw.decode("utf-8", "backslashreplace")
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text


class VnPlanExtractError(Exception):
    """Base of every error this package raises on purpose."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        where = f"{readable_name(self.path)}: " if self.path else ""
        super().__init__(f"{where}{reason}")


class UnreadableDocument(VnPlanExtractError):
    """The file cannot be read or decoded as a plan (binary, empty, undecodable, missing)."""


class UnsupportedFormat(VnPlanExtractError):
    """The file's extension is not one of the formats this package reads."""


class MissingSystemTool(VnPlanExtractError):
    """A system program this file needs (Tesseract, LibreOffice) is not installed; the reason names the
    Debian package that brings it."""


class LimitExceeded(VnPlanExtractError):
    """The file is larger than a limit of `vn_plan_extract.limits` allows (a ZIP bomb, a 20 000-page PDF,
    a text of tens of MB), or ran out of memory; the reason names the limit."""


class InternalError(VnPlanExtractError):
    """A bug of this package met while reading the file; the original exception is its `__cause__`."""


#: Warning codes: what was recovered by guessing or could not be read.
WARNING_CODES: dict[str, str] = {
    "W001": "page number removed",
    "W002": "text decoded with a fallback encoding",
    "W003": "undecodable bytes replaced",
    "W004": "heading numbering skips a number",
    "W005": "table cells assigned to columns by guess",
    "W006": "no text layer",
    "W007": "table rows could not be recovered",
    "W008": "web page furniture removed",
    "W009": "read by OCR with low confidence",
    "W010": "part of the file is damaged and was left out",
    "W011": "cut at a limit",
}
#: Warnings that mean part of a converted file was not read: the file is listed, never only counted.
ATTENTION_CODES = frozenset({"W006", "W007", "W009", "W010", "W011"})
#: The same, in the words of the review page an official reads.
WARNING_CODES_VI: dict[str, str] = {
    "W001": "đã bỏ số trang khỏi văn bản",
    "W002": "văn bản được giải mã bằng bảng mã dự phòng",
    "W003": "có byte không giải mã được, đã thay thế",
    "W004": "số thứ tự đề mục bị nhảy cóc (giữ như bản in)",
    "W005": "các ô của dòng bảng được xếp vào cột theo phỏng đoán",
    "W006": "trang không có lớp chữ, chưa được đọc bằng OCR",
    "W007": "có tiêu đề bảng nhưng không khôi phục được các dòng",
    "W008": "đã bỏ phần trang trí của trang web (menu, bộ đếm, nút chia sẻ)",
    "W009": "đọc bằng OCR với độ tin cậy thấp, hoặc số/ngày viết tay chưa đọc được",
    "W010": "một phần tệp bị hỏng, đã bỏ qua",
    "W011": "đã cắt bớt theo giới hạn",
}

#: Why a file failed, in Vietnamese, for the workbook an official reads: by the error's kind, or, for an
#: unreadable file, by the first of these words found in its (English) reason. What to do comes with it.
FAILURE_KINDS_VI: dict[str, str] = {
    "Timeout": "xử lý quá thời gian cho phép (tăng --timeout, hoặc tách tệp)",
    "LimitExceeded": "tệp vượt giới hạn kích thước hoặc bộ nhớ (tăng --max-memory, hoặc tách tệp)",
    "WorkerDied": "tiến trình đọc tệp bị dừng đột ngột (chạy lại; nếu lặp lại, báo lỗi kèm tệp)",
    "MissingSystemTool": "máy thiếu phần mềm cần để đọc tệp này (cài gói nêu trong chi tiết)",
    "InternalError": "lỗi của chương trình khi đọc tệp (báo lỗi kèm tệp)",
    "UnsupportedFormat": "định dạng không hỗ trợ (lưu thành .docx hoặc .pdf)",
}
UNREADABLE_REASONS_VI: list[tuple[str, str]] = [
    ("password", "tệp có mật khẩu (mở bằng --password, hoặc lưu bản không mật khẩu)"),
    ("encrypted", "tệp có mật khẩu (mở bằng --password, hoặc lưu bản không mật khẩu)"),
    ("empty", "tệp rỗng"),
    ("ocr never", "tệp ảnh chỉ đọc được bằng OCR (bỏ --ocr never)"),
    ("damaged", "tệp bị hỏng hoặc không đầy đủ (lấy lại bản gốc)"),
    ("truncated", "tệp bị hỏng hoặc không đầy đủ (lấy lại bản gốc)"),
    ("corrupt", "tệp bị hỏng hoặc không đầy đủ (lấy lại bản gốc)"),
    ("no text", "tệp không có chữ"),
    ("blank", "tệp không có chữ"),
    ("binary", "nội dung không phải văn bản (kiểm tra phần mở rộng của tệp)"),
    ("not a", "nội dung không khớp với phần mở rộng của tệp"),
    ("too large", "tệp vượt giới hạn kích thước"),
    ("no such file", "không tìm thấy tệp"),
    ("cannot be read", "không đọc được tệp (quyền truy cập?)"),
]


def failure_detail(message: str, file: str = "") -> str:
    """A failure's message without the path before the file's name (an error names the file as it was
    given: "/in/sub/a.pdf: the PDF is encrypted" for the file "sub/a.pdf").

    >>> failure_detail("/in/sub/a.pdf: the PDF is encrypted", "sub/a.pdf")
    'the PDF is encrypted'
    """
    at = message.find(f"{file}: ") if file else -1
    return message[at + len(file) + 2:] if at >= 0 else message


def failure_reason_vi(kind: str, message: str, file: str = "") -> str:
    """Why a file failed, in Vietnamese, then the recorded detail (without the file's path before it).

    >>> failure_reason_vi("UnreadableDocument", "/in/a.pdf: the PDF is encrypted", "a.pdf")
    'tệp có mật khẩu (mở bằng --password, hoặc lưu bản không mật khẩu). Chi tiết: the PDF is encrypted'
    """
    detail = failure_detail(message, file)
    reason = FAILURE_KINDS_VI.get(kind)
    if reason is None:
        lowered = detail.lower()
        reason = next((vi for word, vi in UNREADABLE_REASONS_VI if word in lowered), "không đọc được tệp")
    return f"{reason}. Chi tiết: {detail}"
