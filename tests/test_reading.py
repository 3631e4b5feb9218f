"""Reading text plans: encodings, NFC, line endings, and bad files."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from conftest import to_cp1258
from vn_plan_extract import UnreadableDocument, UnsupportedFormat, extract
from vn_plan_extract.readers.text import read_text_file

PLAN = "KẾ HOẠCH\nI. MỤC TIÊU\n- Tỷ lệ hồ sơ được số hóa đạt tối thiểu 80% trong năm 2026.\n"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(to_cp1258, id="windows-1258"),
        pytest.param(lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), id="nfd"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    ],
)
def test_every_encoding_reads_to_the_same_nfc_text(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.txt"
    path.write_bytes(encode(PLAN))
    assert read_text_file(path).text == PLAN
    ind = extract(path).indicators[0]
    assert (ind.target.value, ind.target_year, ind.source.line_start) == (80, 2026, 3)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_text_files_name_the_file_and_the_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as caught:
        extract(path)
    assert "bad.txt" in str(caught.value)
    assert reason in str(caught.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="no such file"):
        extract(tmp_path / "nope.txt")


def test_unsupported_suffix_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.xls"
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFormat, match=r"plan\.xls.*unsupported file type"):
        extract(path)


def test_a_truncated_utf8_file_keeps_what_was_written_and_warns(tmp_path: Path) -> None:
    data = (Path(__file__).parent.parent / "corpus" / "000_6bf0ca8f79bfd109.txt").read_bytes()
    cut = data.index("sức khỏe".encode()) + 2  # inside the two-byte "ứ"
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:cut])
    doc = extract(path)
    assert [w.code for w in doc.warnings] == ["W003"]
    whole = extract(Path(__file__).parent.parent / "corpus" / "000_6bf0ca8f79bfd109.txt")
    assert doc.indicators[:5] == whole.indicators[:5]


def test_a_legacy_vietnamese_font_encoding_is_a_clear_error(tmp_path: Path) -> None:
    # TCVN3 ("ABC") bytes: letters live in code points that Windows-1258 maps to symbols
    path = tmp_path / "tcvn3.txt"
    path.write_bytes("KÕ ho¹ch chuyÓn ®æi sè n¨m 2026 ®¹t tØ lÖ 80%".encode("latin-1") * 20)
    with pytest.raises(UnreadableDocument, match=r"tcvn3\.txt: the text is not Vietnamese"):
        extract(path)
